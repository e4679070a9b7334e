-- Online applications (Online-Anträge): services defined as data, citizens' drafts, and sent applications that the
-- platform holds only as ciphertext for the responsible office. Written only by features/applications/core/*-queries.ts.

-- One row per online service the municipality offers: a form (steps, fields, rules) or a link to a service run
-- elsewhere ("Einer für Alle"). The definition is validated by core/definition.ts before it is stored.
CREATE TABLE application_forms (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  definition jsonb NOT NULL,
  -- Raised on every change; a draft remembers the version it was started on.
  version integer NOT NULL DEFAULT 1,
  position integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, slug)
);

-- The public encryption key of an office that receives applications in our back-office inbox (RSA-OAEP-256, 4096
-- bits). Its private key never reaches the platform: the office's staff keep it and decrypt in their browser.
CREATE TABLE application_office_keys (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  office_key text NOT NULL,
  kid text NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  -- Only the newest key of an office encrypts; older ones stay listed so staff know which key opens which application.
  retired_at timestamptz,
  PRIMARY KEY (municipality_id, kid)
);
CREATE UNIQUE INDEX application_office_keys_current ON application_office_keys (municipality_id, office_key)
  WHERE retired_at IS NULL;

-- A form in progress. Its owner is a logged-in citizen (citizen_id) or, anonymously, the browser that holds the
-- draft cookie (only the token's SHA-256 is stored). Every read names the owner, so no one sees another's draft.
CREATE TABLE application_drafts (
  id uuid PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  form_slug text NOT NULL,
  form_version integer NOT NULL,
  citizen_id bigint,
  owner_hash text,
  -- The answers as JSON, sealed with AES-256-GCM under a key derived from the server's secret (core/draft-seal.ts).
  answers bytea NOT NULL,
  -- The furthest step the citizen reached, so the summary is only offered once every step was seen.
  reached integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (citizen_id IS NOT NULL OR owner_hash IS NOT NULL),
  FOREIGN KEY (municipality_id, form_slug) REFERENCES application_forms (municipality_id, slug) ON DELETE CASCADE,
  FOREIGN KEY (municipality_id, citizen_id) REFERENCES citizens (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX application_drafts_owner ON application_drafts (municipality_id, owner_hash);
CREATE INDEX application_drafts_citizen ON application_drafts (municipality_id, citizen_id);
CREATE INDEX application_drafts_expiry ON application_drafts (expires_at);

-- Attachments of a draft, checked by content when uploaded, sealed like the answers; gone with the draft.
CREATE TABLE application_draft_files (
  id uuid PRIMARY KEY,
  draft_id uuid NOT NULL REFERENCES application_drafts (id) ON DELETE CASCADE,
  municipality_id text NOT NULL,
  field_key text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX application_draft_files_draft ON application_draft_files (draft_id);

-- A sent application. The content (answers and attachments) is JWE ciphertext for the office's key; the platform
-- keeps only what it needs to route it and to tell the applicant its status.
CREATE TABLE applications (
  id uuid PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  reference text NOT NULL,
  form_slug text NOT NULL,
  office_key text NOT NULL,
  citizen_id bigint,
  status text NOT NULL,
  -- 'browser' when the applicant's browser encrypted, 'server' for the no-JavaScript fallback.
  encrypted_by text NOT NULL CHECK (encrypted_by IN ('browser', 'server')),
  kid text NOT NULL,
  data_jwe text NOT NULL,
  delivery text NOT NULL CHECK (delivery IN ('inbox', 'fit-connect')),
  -- FIT-Connect progress (submission id, case id, uploaded attachments, submitted), so a retry resumes.
  delivery_state jsonb NOT NULL DEFAULT '{}',
  delivered_at timestamptz,
  -- The applicant's access without an account: only the SHA-256 of the status token is stored.
  token_hash text NOT NULL,
  -- Where "there is news" mails go, if the applicant gave an address for that (never the content), and in which
  -- language mails and pushes are written.
  notify_email text CHECK (length(notify_email) <= 254),
  language text NOT NULL DEFAULT 'de' CHECK (language ~ '^[a-z]{2}$'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, reference),
  FOREIGN KEY (municipality_id, citizen_id) REFERENCES citizens (municipality_id, id)
);
CREATE INDEX applications_citizen ON applications (municipality_id, citizen_id);
CREATE INDEX applications_inbox ON applications (municipality_id, office_key, created_at);

CREATE TABLE application_files (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  municipality_id text NOT NULL,
  jwe text NOT NULL,
  size integer NOT NULL
);
CREATE INDEX application_files_application ON application_files (application_id);

-- The reference counter per municipality and year (A-2026-000001).
CREATE TABLE application_reference_counters (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (municipality_id, year)
);

-- The application's mailbox: status changes and messages between office and applicant, newest last.
CREATE TABLE application_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  municipality_id text NOT NULL,
  status text,
  sender text NOT NULL CHECK (sender IN ('platform', 'office', 'applicant')),
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 5000),
  created_at timestamptz NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- Browsers that follow an application by push from its status link (the reference and "there is news" only).
CREATE TABLE application_push_follows (
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  municipality_id text NOT NULL,
  subscription_id bigint NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (application_id, subscription_id)
);
CREATE INDEX application_push_follows_subscription ON application_push_follows (subscription_id);

-- Documents the office sends back with a message (a decision, a form to sign). The applicant has no key of ours, so
-- they are kept as the office gave them, reachable only through the status link or the citizen's login.
CREATE TABLE application_event_files (
  id uuid PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES application_events (id) ON DELETE CASCADE,
  application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  municipality_id text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX application_event_files_application ON application_event_files (application_id);
