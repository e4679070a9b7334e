-- Which notification mails were sent, so a retried job never mails anyone twice. No address and no content is
-- kept: a status mail is known by its event and recipient kind (the reporter or one supporter), a digest by its
-- day and staff member.
CREATE TABLE report_notifications (
  event_id bigint NOT NULL REFERENCES report_events (id),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('reporter', 'supporter')),
  -- The supporter row for recipient_kind 'supporter'; 0 for the reporter (so the key needs no expression).
  supporter_id bigint NOT NULL DEFAULT 0,
  -- sending: claimed by a run that is sending it now (no transaction is held open while talking to the mail
  -- server); sent: accepted by the mail server; refused: the server refused the address for good (not retried).
  outcome text NOT NULL CHECK (outcome IN ('sending', 'sent', 'refused')),
  -- When it was claimed, then when it was sent or refused.
  at timestamptz NOT NULL,
  PRIMARY KEY (event_id, recipient_kind, supporter_id)
);

CREATE TABLE report_digest_mails (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  -- The local calendar day of the digest.
  day date NOT NULL,
  staff_user_id bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (day, staff_user_id)
);
CREATE INDEX report_digest_mails_day_idx ON report_digest_mails (municipality_id, day);
