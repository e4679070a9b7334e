-- Feedback on barriers from the accessibility statement's form (BITV NRW feedback mechanism). Stored before the
-- answer, then mailed to the municipality's feedback address by a job, which sets sent_at (a retry never mails
-- twice). Rows are deleted 180 days after sending (job legal.purge-accessibility-feedback).
CREATE TABLE accessibility_feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  -- Which page or content the barrier is on, as the citizen named it (optional).
  page text,
  message text NOT NULL,
  name text,
  -- Only for an answer; consent was given with it.
  email text,
  -- The language of the form the citizen used.
  language text NOT NULL CHECK (language IN ('de', 'en')),
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX accessibility_feedback_purge_idx ON accessibility_feedback (municipality_id, created_at);
