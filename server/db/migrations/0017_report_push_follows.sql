-- Following a report's status by push (issue 8): the reporter's browser subscription, per report. Like the other
-- child tables of reports it carries the municipality key, tied to its report's by the composite key. The
-- retention sweep deletes a report's follows with its personal data; a subscription its push service reports
-- gone (404/410) takes its follows with it.
CREATE TABLE report_push_follows (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  report_id bigint NOT NULL,
  subscription_id bigint NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, subscription_id),
  FOREIGN KEY (report_id, municipality_id) REFERENCES reports (id, municipality_id)
);
CREATE INDEX report_push_follows_subscription_idx ON report_push_follows (subscription_id);
