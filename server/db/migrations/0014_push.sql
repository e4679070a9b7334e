-- Web Push engine (issue 8): VAPID keys, subscriptions (browsers and UnifiedPush distributors alike), the send
-- queue and the daily usage figures. Features own what a message says; this schema owns how it is delivered.

-- One VAPID key pair per municipality, created at first use and kept (browsers bind subscriptions to it).
CREATE TABLE push_vapid_keys (
  municipality_id text PRIMARY KEY REFERENCES municipalities (id),
  public_key text NOT NULL,    -- base64url of the uncompressed P-256 point (65 bytes): applicationServerKey
  private_key text NOT NULL,   -- base64url of the private scalar d (32 bytes)
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE push_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  endpoint text NOT NULL CHECK (length(endpoint) <= 2048),
  p256dh text NOT NULL,        -- base64url, the subscriber's P-256 public key (65 bytes)
  auth text NOT NULL,          -- base64url, the 16-byte authentication secret
  -- Which features use it ('waste', 'reports', …); a subscription with no topic left is deleted.
  topics text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  last_success_at timestamptz,
  failures integer NOT NULL DEFAULT 0,   -- consecutive failed attempts; reset by a success
  last_failure_at timestamptz,
  last_failure_reason text,
  manage_token_hash text,      -- SHA-256 of the token of "change or cancel from a link" (the token is not kept)
  UNIQUE (municipality_id, endpoint),
  UNIQUE (municipality_id, id)
);

-- The send queue. A message is claimed ('sending') in its own short transaction, sent, then marked; a claim older
-- than the lease is 'interrupted' and never sent again (at most once).
CREATE TABLE push_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL,
  subscription_id bigint NOT NULL,
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),  -- the feature's idempotency key
  topic text NOT NULL CHECK (topic ~ '^[a-z][a-z0-9-]{0,29}$'),            -- the feature's counting topic
  push_topic text CHECK (push_topic ~ '^[A-Za-z0-9_-]{1,32}$'),           -- RFC 8030 Topic header
  payload jsonb NOT NULL,
  ttl integer NOT NULL CHECK (ttl BETWEEN 0 AND 2419200),
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('very-low', 'low', 'normal', 'high')),
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'sent', 'gone', 'failed', 'interrupted')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  UNIQUE (municipality_id, dedupe_key),
  -- One composite key ties a message to a subscription of the same municipality (one check per row, not two).
  FOREIGN KEY (municipality_id, subscription_id) REFERENCES push_subscriptions (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX push_outbox_due_idx ON push_outbox (municipality_id, next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX push_outbox_claimed_idx ON push_outbox (municipality_id, claimed_at) WHERE state = 'sending';
-- Serves the cascade when a subscription is deleted and the Topic replacement of pending messages.
CREATE INDEX push_outbox_subscription_idx ON push_outbox (subscription_id, push_topic);

-- Usage figures for the council: per local day and feature topic. sent = requests made to push services,
-- accepted = 2xx, gone = 404/410 (subscription deleted), failed = given up (permanent answer, retries exhausted,
-- interrupted by a crash).
CREATE TABLE push_daily_counts (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  day date NOT NULL,
  topic text NOT NULL,
  sent integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  gone integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (municipality_id, day, topic)
);
