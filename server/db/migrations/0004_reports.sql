-- Mängelmelder: categories (with extra questions as data), routing rules, reports, photos, supporters, the event
-- history (status changes, notes, forwards), status-note templates, idempotent submissions and Open311 API clients.
-- Reports are never deleted: retention removes their personal data and keeps an anonymous remainder, so the
-- figures stay exact.

CREATE TABLE report_categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  -- Stable code; the Open311 service_code.
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  -- A group node has no reports of its own; its children are the selectable categories.
  parent_id bigint REFERENCES report_categories (id),
  name jsonb NOT NULL,          -- {"de": "...", "en": "..."}
  description jsonb NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  -- Extra questions: [{code, datatype, required, label{de,en}, hint{de,en}?, values?[{key, name{de,en}}]}]
  questions jsonb NOT NULL DEFAULT '[]',
  target_working_days integer NOT NULL DEFAULT 10 CHECK (target_working_days BETWEEN 1 AND 365),
  retention_days_after_close integer NOT NULL DEFAULT 91 CHECK (retention_days_after_close BETWEEN 1 AND 3650),
  default_department_id bigint REFERENCES departments (id),
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);

-- Category × district → department. district_id NULL = every district (a specific district wins).
CREATE TABLE report_routing_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  category_id bigint NOT NULL REFERENCES report_categories (id),
  district_id bigint REFERENCES districts (id),
  department_id bigint NOT NULL REFERENCES departments (id),
  -- true: forwarded on arrival without a BSC step; false: only suggested to the BSC.
  auto_forward boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_routing_rules_key ON report_routing_rules (category_id, coalesce(district_id, 0));

-- Bodies outside the administration that reports can be handed to (Deutsche Bahn, Straßen.NRW, …).
CREATE TABLE report_external_bodies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  name text NOT NULL,
  email text,
  phone text,
  website text,
  active boolean NOT NULL DEFAULT true,
  UNIQUE (municipality_id, name)
);

-- Named places for the "landmark" way of locating a report (Kesselbrink, Sparrenburg, Hauptbahnhof, …).
CREATE TABLE landmarks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Normalised like address streets (shared/address-normalize.ts) for forgiving search.
  name_key text NOT NULL,
  kind text NOT NULL DEFAULT 'place',
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  UNIQUE (municipality_id, name_key)
);
CREATE INDEX landmarks_key_trgm_idx ON landmarks USING gin (name_key gin_trgm_ops);

-- Per municipality and year, the last reference number handed out (BI-2026-000123).
CREATE TABLE report_reference_counters (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (municipality_id, year)
);

CREATE TABLE reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  reference text NOT NULL UNIQUE,
  category_id bigint NOT NULL REFERENCES report_categories (id),
  status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'forwarded', 'accepted', 'in_progress', 'done', 'rejected', 'external')),
  -- The text as the reporter wrote it (internal), and the moderated text shown publicly (NULL = not yet public).
  description text NOT NULL CHECK (length(description) <= 4000),
  public_description text CHECK (length(public_description) <= 4000),
  -- Staff flagged the free text as personal: retention deletes it.
  description_personal boolean NOT NULL DEFAULT false,
  -- Answers to the category's extra questions: {"code": value}.
  answers jsonb NOT NULL DEFAULT '{}',
  -- Location: always coordinates; the nearest address; an optional landmark text.
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  location point GENERATED ALWAYS AS (point(lon, lat)) STORED,
  location_method text NOT NULL CHECK (location_method IN ('map', 'gps', 'address', 'landmark', 'coordinates', 'api')),
  address_id bigint REFERENCES addresses (id),
  address_label text,
  landmark text CHECK (length(landmark) <= 300),
  district_id bigint REFERENCES districts (id),
  -- Who works on it.
  department_id bigint REFERENCES departments (id),
  suggested_department_id bigint REFERENCES departments (id),
  external_body_id bigint REFERENCES report_external_bodies (id),
  -- Personal data (deleted by retention).
  reporter_name text CHECK (length(reporter_name) <= 200),
  reporter_email text CHECK (length(reporter_email) <= 254),
  reporter_phone text CHECK (length(reporter_phone) <= 40),
  notify_email boolean NOT NULL DEFAULT false,
  -- Status link: token = HMAC(server key, nonce); only the nonce and the token's SHA-256 are stored, so mails can
  -- repeat the link later while a database copy alone does not reveal it.
  status_token_nonce text,
  status_token_hash text UNIQUE,
  language text NOT NULL DEFAULT 'de',
  -- Moderation and merging.
  needs_screening boolean NOT NULL DEFAULT false,
  abusive boolean NOT NULL DEFAULT false,
  hidden boolean NOT NULL DEFAULT false,
  merged_into_id bigint REFERENCES reports (id),
  supporter_count integer NOT NULL DEFAULT 0,
  -- Where it came from.
  source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'app', 'open311', 'bsc')),
  open311_client_id bigint,
  -- Dates: due = created + target working days; closed = done/rejected/external.
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  anonymised_at timestamptz
);
CREATE INDEX reports_location_idx ON reports USING gist (location);
CREATE INDEX reports_status_idx ON reports (municipality_id, status, created_at DESC);
CREATE INDEX reports_department_idx ON reports (department_id, status) WHERE department_id IS NOT NULL;
CREATE INDEX reports_updated_idx ON reports (municipality_id, updated_at);
CREATE INDEX reports_created_idx ON reports (municipality_id, created_at);
CREATE INDEX reports_retention_idx ON reports (closed_at) WHERE anonymised_at IS NULL;

CREATE TABLE report_photos (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports (id),
  -- Re-encoded on the server (resized, metadata stripped); the upload itself is never stored.
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/webp')),
  data bytea NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  byte_size integer NOT NULL,
  -- pending: staff only; approved: public; hidden: staff only, deleted by retention like pending.
  review text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'approved', 'hidden')),
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_photos_report_idx ON report_photos (report_id, sort);

-- "Das ist auch mein Anliegen": one row per supporter; the e-mail (optional, for updates) is personal data.
CREATE TABLE report_supporters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports (id),
  email text CHECK (length(email) <= 254),
  notify_email boolean NOT NULL DEFAULT false,
  language text NOT NULL DEFAULT 'de',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_supporters_report_idx ON report_supporters (report_id);

-- The history of a report. Public events (with a public note) are shown on the status link, the public detail page
-- and Open311; internal notes never are.
CREATE TABLE report_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES reports (id),
  kind text NOT NULL CHECK (kind IN (
    'created', 'status', 'forwarded', 'returned', 'accepted', 'external', 'note', 'merged', 'supporter',
    'moderated', 'photo', 'abusive', 'category', 'anonymised')),
  status_from text,
  status_to text,
  public boolean NOT NULL DEFAULT false,
  public_note text CHECK (length(public_note) <= 4000),
  internal_note text CHECK (length(internal_note) <= 4000),
  department_id bigint REFERENCES departments (id),
  external_body_id bigint REFERENCES report_external_bodies (id),
  actor_id bigint REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_events_report_idx ON report_events (report_id, created_at);

-- Editable texts for public status notes.
CREATE TABLE report_note_templates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  status text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body jsonb NOT NULL,          -- {"de": "...", "en": "..."}
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotent submissions: a replay with the same key gets the first answer. Kept one day (the answer carries the
-- status token, so it is not kept longer than a client may retry).
CREATE TABLE idempotent_requests (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotent_requests_created_idx ON idempotent_requests (created_at);

-- Open311 GeoReport v2 API clients: only a hash of the key is stored; the key is shown once.
CREATE TABLE open311_clients (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by bigint REFERENCES staff_users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
ALTER TABLE reports ADD CONSTRAINT reports_open311_client_fk FOREIGN KEY (open311_client_id) REFERENCES open311_clients (id);
