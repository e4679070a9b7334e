-- Area alerts (issue 9): anyone may subscribe to new public reports in a district (Stadtbezirk) or within a radius
-- of an address, by e-mail (double opt-in, a daily digest at most) or by push (one message per new public report).
-- The subscriber's place is kept as coordinates and the address's label; an e-mail alert keeps its address.
-- Retention: an unconfirmed e-mail alert expires after 48 hours and is deleted with the nightly purge; an ended
-- alert (unsubscribed) sends nothing from that moment and is deleted 7 days later; a push alert goes with its push
-- subscription (404/410 from its push service, or the last topic removed). Delivery records only stop a report being
-- announced twice and are deleted after 14 days.
CREATE TABLE report_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  channel text NOT NULL CHECK (channel IN ('email', 'push')),
  email text CHECK (length(email) <= 254),
  subscription_id bigint REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  -- The area: a district, or a circle around an address of the register (its label and coordinates copied).
  district_id bigint REFERENCES districts (id) ON DELETE CASCADE,
  place_label text CHECK (length(place_label) <= 300),
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  radius_m integer CHECK (radius_m BETWEEN 100 AND 5000),
  language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  -- Manage link: token = HMAC(server key, nonce); only the nonce and the token's SHA-256 are stored.
  token_nonce text NOT NULL,
  manage_token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  confirmation_sent_at timestamptz,
  confirmed_at timestamptz,
  ended_at timestamptz,
  -- The local day of the last digest claimed for this alert (at most one digest mail a day).
  last_digest_day date,
  CHECK ((channel = 'email') = (email IS NOT NULL)),
  CHECK ((channel = 'push') = (subscription_id IS NOT NULL)),
  CHECK (
    (district_id IS NOT NULL AND lat IS NULL AND lon IS NULL AND radius_m IS NULL)
    OR (district_id IS NULL AND lat IS NOT NULL AND lon IS NOT NULL AND radius_m IS NOT NULL AND place_label IS NOT NULL)
  )
);
CREATE INDEX report_alerts_active_idx ON report_alerts (municipality_id, channel)
  WHERE confirmed_at IS NOT NULL AND ended_at IS NULL;
CREATE INDEX report_alerts_email_idx ON report_alerts (municipality_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX report_alerts_subscription_idx ON report_alerts (subscription_id) WHERE subscription_id IS NOT NULL;

-- Which report each alert has announced (digest line or push), so none is announced twice.
CREATE TABLE report_alert_deliveries (
  alert_id bigint NOT NULL REFERENCES report_alerts (id) ON DELETE CASCADE,
  report_id bigint NOT NULL REFERENCES reports (id),
  delivered_at timestamptz NOT NULL,
  PRIMARY KEY (alert_id, report_id)
);
CREATE INDEX report_alert_deliveries_at_idx ON report_alert_deliveries (delivered_at);
