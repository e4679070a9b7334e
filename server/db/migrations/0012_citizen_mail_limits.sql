-- Mails to citizens only to addresses that want them (issue 7 §2): one supporter per address and report, double
-- opt-in for addresses that came without a proof of work, and a cap of mails per address and day.

-- One supporter per address and report. Earlier duplicates keep counting as supporters but lose the address
-- (and with it every mail), so the first row is the one that stays subscribed.
UPDATE report_supporters s
   SET email = NULL, notify_email = false, unsubscribe_nonce = NULL, unsubscribe_token_hash = NULL
 WHERE s.email IS NOT NULL
   AND EXISTS (SELECT 1 FROM report_supporters o
                WHERE o.report_id = s.report_id AND o.id < s.id AND lower(btrim(o.email)) = lower(btrim(s.email)));
CREATE UNIQUE INDEX report_supporters_email_key ON report_supporters (report_id, lower(btrim(email)))
  WHERE email IS NOT NULL;

-- Double opt-in: when the address was confirmed (its owner opened the signed link of the confirmation mail, or the
-- report passed the proof of work), and when the confirmation mail was claimed for sending (at most once).
-- Addresses stored before this migration were mailed before; they count as confirmed.
ALTER TABLE reports ADD COLUMN email_confirmed_at timestamptz, ADD COLUMN email_confirmation_sent_at timestamptz;
UPDATE reports SET email_confirmed_at = created_at WHERE reporter_email IS NOT NULL;
ALTER TABLE report_supporters ADD COLUMN email_confirmed_at timestamptz,
  ADD COLUMN email_confirmation_sent_at timestamptz;
UPDATE report_supporters SET email_confirmed_at = created_at WHERE email IS NOT NULL;

-- Mails per recipient address and local day, counted before each mail to a citizen is sent. The address is kept
-- only as an HMAC (no address in this table) and rows are deleted after two days.
CREATE TABLE mail_recipient_days (
  address_hash text NOT NULL,
  day date NOT NULL,
  mails integer NOT NULL,
  PRIMARY KEY (address_hash, day)
);
CREATE INDEX mail_recipient_days_day_idx ON mail_recipient_days (day);

-- capped: not sent because the address had its day's mails already (not retried).
ALTER TABLE report_notifications DROP CONSTRAINT report_notifications_outcome_check,
  ADD CONSTRAINT report_notifications_outcome_check CHECK (outcome IN ('sending', 'sent', 'refused', 'capped'));
