-- Unsubscribe links for supporters: like the reporter's status link, token = HMAC(server key, nonce); only the
-- nonce (so a mail job can rebuild the link) and the token's SHA-256 (for lookups) are stored. Set when the first
-- mail goes out; deleted by retention together with the e-mail address.
ALTER TABLE report_supporters ADD COLUMN unsubscribe_nonce text;
ALTER TABLE report_supporters ADD COLUMN unsubscribe_token_hash text UNIQUE;
