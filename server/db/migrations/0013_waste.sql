-- Abfallkalender (issue 8): bin types, seasons, routes per bin type and season, address → route, collection dates.
-- Collections are local calendar dates (no time of day); bins must be out by the municipality's pickup hour.

-- Bin types and collection events (Sperrmüll, Schadstoffmobil) per municipality.
CREATE TABLE waste_bin_types (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  -- Stable key used by imports, URLs and iCal UIDs: 'restabfall', 'bioabfall', 'papier', 'wertstoff', …
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  kind text NOT NULL CHECK (kind IN ('bin', 'event')),
  name jsonb NOT NULL,                 -- {"de": "...", "en": "..."}
  description jsonb NOT NULL DEFAULT '{}',
  -- A colour for screens only; print and text always name the bin type in words.
  colour text NOT NULL DEFAULT '#666666' CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, key)
);

-- A season is one published schedule (Bielefeld: 1 October to 30 September). Seasons may overlap around the change:
-- the next season is published before the current one ends.
CREATE TABLE waste_seasons (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  key text NOT NULL CHECK (key ~ '^[0-9a-z][0-9a-z/_-]{0,19}$'),   -- '2026-27'
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  UNIQUE (municipality_id, key)
);

-- A collection route (Tour / Abfuhrbezirk) of one bin type in one season.
CREATE TABLE waste_routes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  season_id bigint NOT NULL REFERENCES waste_seasons (id),
  bin_type_id bigint NOT NULL REFERENCES waste_bin_types (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, season_id, bin_type_id, key)
);

-- Address → route, one route per address, bin type and season.
CREATE TABLE waste_route_addresses (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  season_id bigint NOT NULL REFERENCES waste_seasons (id),
  bin_type_id bigint NOT NULL REFERENCES waste_bin_types (id),
  address_id bigint NOT NULL REFERENCES addresses (id),
  route_id bigint NOT NULL REFERENCES waste_routes (id) ON DELETE CASCADE,
  PRIMARY KEY (municipality_id, season_id, bin_type_id, address_id)
);
CREATE INDEX waste_route_addresses_address_idx ON waste_route_addresses (address_id);
CREATE INDEX waste_route_addresses_route_idx ON waste_route_addresses (route_id);

-- Collection dates per route. A date moved by a public holiday keeps its regular date in shifted_from.
CREATE TABLE waste_collections (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  route_id bigint NOT NULL REFERENCES waste_routes (id) ON DELETE CASCADE,
  collection_date date NOT NULL,
  shifted_from date,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (route_id, collection_date)
);
CREATE INDEX waste_collections_date_idx ON waste_collections (municipality_id, collection_date);

-- An import file uploaded in the back office, kept between its preview and "apply" (at most an hour), so the
-- change applied is computed again from the file itself, never from what a form sends back.
CREATE TABLE waste_import_uploads (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{20,64}$'),
  municipality_id text NOT NULL REFERENCES municipalities (id),
  staff_id bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) <= 200),
  format text NOT NULL CHECK (format IN ('csv', 'ical')),
  options jsonb NOT NULL DEFAULT '{}',
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX waste_import_uploads_created_idx ON waste_import_uploads (created_at);
