-- Waste push reminders (issue 8): one row per push subscription and address. The scheduled run
-- (waste.send-reminders) finds a slot's reminders by (mode, hour, minute) and queues one push per row listing all
-- chosen bins collected that day. Deleting the subscription (a 404/410 from its push service) deletes its reminders.
CREATE TABLE waste_reminders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  subscription_id bigint NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  address_id bigint NOT NULL REFERENCES addresses (id),
  -- Bin type keys (stable across imports); a key the municipality no longer has simply matches nothing.
  bin_type_keys text[] NOT NULL CHECK (cardinality(bin_type_keys) BETWEEN 1 AND 20),
  -- 'evening': the day before the collection; 'morning': the collection day (bins must be out by 6:00).
  mode text NOT NULL CHECK (mode IN ('evening', 'morning')),
  hour smallint NOT NULL,
  minute smallint NOT NULL DEFAULT 0,
  language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  -- Manage link: token = HMAC(server key, nonce); the nonce lets the run rebuild the link for every notification,
  -- the token's SHA-256 finds the row. A copy of the database alone does not reveal the link.
  token_nonce text NOT NULL,
  manage_token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (
    (mode = 'evening' AND hour BETWEEN 16 AND 22 AND minute = 0)
    OR (mode = 'morning' AND hour = 5 AND minute IN (0, 30))
  ),
  UNIQUE (subscription_id, address_id)
);
CREATE INDEX waste_reminders_slot_idx ON waste_reminders (municipality_id, hour, minute);
CREATE INDEX waste_reminders_address_idx ON waste_reminders (address_id);
