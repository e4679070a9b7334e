-- Parking (Parkleitsystem): the garages, their latest reading, and the history in 5-minute buckets. Facilities are
-- imported from the city's export or edited by admins; readings come from the feeds (or, in demo mode only, from
-- the simulated feed). Written only by features/parking/core/*-queries.ts and parking/feeds/state-queries.ts.
CREATE TABLE parking_facilities (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  -- The id the feeds use (Parkleitsystem number, ParkAPI id, DATEX II parkingRecord id).
  ref text NOT NULL CHECK (ref ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL DEFAULT 'garage' CHECK (kind IN ('garage', 'underground', 'lot')),
  operator text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
  capacity_disabled integer CHECK (capacity_disabled >= 0),
  capacity_ev integer CHECK (capacity_ev >= 0),
  capacity_family integer CHECK (capacity_family >= 0),
  max_height_cm integer CHECK (max_height_cm BETWEEN 100 AND 1000),
  opening_hours text NOT NULL DEFAULT '',
  prices text NOT NULL DEFAULT '',
  payment text NOT NULL DEFAULT '',
  entrances text NOT NULL DEFAULT '',
  -- Demo facilities get the simulated feed and the "Demodaten" label.
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, ref)
);

-- The latest accepted reading per facility (one row each: the live list reads only this table).
CREATE TABLE parking_readings (
  facility_id bigint PRIMARY KEY REFERENCES parking_facilities (id) ON DELETE CASCADE,
  free integer NOT NULL CHECK (free >= 0),
  status text NOT NULL CHECK (status IN ('open', 'full', 'closed')),
  observed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  source text NOT NULL
);

-- History: one row per facility and 5-minute bucket (the bucket's last reading), kept PARKING_HISTORY_DAYS.
CREATE TABLE parking_history (
  facility_id bigint NOT NULL REFERENCES parking_facilities (id) ON DELETE CASCADE,
  bucket timestamptz NOT NULL,
  free integer NOT NULL CHECK (free >= 0),
  capacity integer NOT NULL CHECK (capacity >= 0),
  status text NOT NULL CHECK (status IN ('open', 'full', 'closed')),
  PRIMARY KEY (facility_id, bucket)
);
CREATE INDEX parking_history_bucket ON parking_history (bucket);

-- Per feed source: failures and when to try again (backoff), for the admin's view and the poll job.
CREATE TABLE parking_feed_state (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  url text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_accepted integer,
  last_rejected integer,
  PRIMARY KEY (municipality_id, url)
);
