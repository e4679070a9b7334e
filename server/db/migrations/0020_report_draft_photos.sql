-- Photos of a report form sent step by step without JavaScript (issue 9): a repeated step (check the place, pick
-- an address) must not lose a chosen photo, and browsers cannot be given files back. The server keeps the
-- re-encoded photo (no metadata, like report_photos) for the draft, named by the SHA-256 of a random draft token
-- that only the form carries, until the report is sent or the draft expires (`reports.purge-drafts`, hourly).
CREATE TABLE report_draft_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  draft_hash bytea NOT NULL CHECK (length(draft_hash) = 32),
  filename text CHECK (length(filename) <= 255),
  content_type text NOT NULL,
  data bytea NOT NULL,
  thumbnail bytea NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX report_draft_photos_draft_idx ON report_draft_photos (draft_hash);
CREATE INDEX report_draft_photos_expiry_idx ON report_draft_photos (expires_at);
