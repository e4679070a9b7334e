-- Address register: districts (Stadtbezirke), streets for search, addresses with coordinates.
-- Built-in geometric types only (no PostGIS): a polygon per district for containment, a point per address for
-- nearest-neighbour search. Coordinates are WGS84; points are (lon, lat).

CREATE TABLE districts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  key text NOT NULL,
  name text NOT NULL,
  -- Outer ring of the largest part; further parts of a MultiPolygon and holes are kept beside it.
  boundary polygon NOT NULL,
  extra_parts polygon[] NOT NULL DEFAULT '{}',
  holes polygon[] NOT NULL DEFAULT '{}',
  -- The GeoJSON geometry as imported, for maps and the API.
  geometry jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, key)
);

-- One row per distinct street (by normalised key). The search matches streets first (exact, prefix, infix,
-- trigram similarity) and then house numbers, so a fuzzy match scans a few thousand streets, not every address.
CREATE TABLE address_streets (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  street_key text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (municipality_id, street_key)
);
CREATE INDEX address_streets_key_trgm_idx ON address_streets USING gin (street_key gin_trgm_ops);
CREATE INDEX address_streets_key_prefix_idx ON address_streets (municipality_id, street_key text_pattern_ops);

CREATE TABLE addresses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  street text NOT NULL CHECK (length(street) BETWEEN 1 AND 120),
  house_number integer NOT NULL CHECK (house_number BETWEEN 1 AND 99999),
  house_number_suffix text NOT NULL DEFAULT '' CHECK (length(house_number_suffix) <= 10),
  postcode text NOT NULL CHECK (postcode ~ '^[0-9]{5}$'),
  district_id bigint REFERENCES districts (id),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  location point GENERATED ALWAYS AS (point(lon, lat)) STORED,
  -- Normalised search column (shared/address-normalize.ts): "Herforder Str." → "herforderstrasse".
  street_key text NOT NULL,
  source text NOT NULL CHECK (source IN ('demo', 'import')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- One address per normalised street, number and suffix: "Herforder Straße 22" and "Herforder Str. 22" are one.
  UNIQUE (municipality_id, street_key, house_number, house_number_suffix)
);
CREATE INDEX addresses_location_idx ON addresses USING gist (location);
CREATE INDEX addresses_district_idx ON addresses (district_id);
