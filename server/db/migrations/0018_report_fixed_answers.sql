-- "Ist es behoben?" (issue 9): when a report is closed as done, its reporter is asked for 28 days whether it is
-- fixed. One answer per closing (a report reopened and closed again is asked again): the closing is named by the
-- report's closed_at at the time. "No" reopens the report into the BSC inbox through the workflow (an event of kind
-- 'not_fixed' whose internal note is the reporter's comment); this table keeps only the answer, no text, so the
-- figures count it for ever and retention has nothing to remove here.
CREATE TABLE report_fixed_answers (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  report_id bigint NOT NULL,
  closed_at timestamptz NOT NULL,
  fixed boolean NOT NULL,
  reopened boolean NOT NULL,
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, closed_at),
  FOREIGN KEY (report_id, municipality_id) REFERENCES reports (id, municipality_id),
  CHECK (NOT (fixed AND reopened))
);

ALTER TABLE report_events DROP CONSTRAINT report_events_kind_check;
ALTER TABLE report_events ADD CONSTRAINT report_events_kind_check CHECK (kind IN (
  'created', 'status', 'forwarded', 'returned', 'accepted', 'external', 'note', 'merged', 'supporter',
  'moderated', 'photo', 'abusive', 'category', 'anonymised', 'not_fixed'));
