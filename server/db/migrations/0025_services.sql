-- Services A–Z ("Wo erledige ich was?"): the offices that serve citizens and the services of the administration,
-- each with its responsible office and its channels (online and analog). Texts are {"de": …, "en": …}; English
-- may be missing (the pages fall back to German). Written only by features/services/queries.ts.
CREATE TABLE service_offices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  name jsonb NOT NULL,
  street text NOT NULL,
  postcode text NOT NULL CHECK (postcode ~ '^[0-9]{5}$'),
  city text NOT NULL,
  -- Where letters go (a P.O. box or the office's address), one line per line.
  postal_address text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  -- [{"weekdays": [1,2,3,4,5], "opens": "08:00", "closes": "16:00"}, …]; closed on public holidays.
  hours jsonb NOT NULL DEFAULT '[]',
  hours_note jsonb NOT NULL DEFAULT '{}',
  accessibility jsonb NOT NULL DEFAULT '{}',
  appointment_url text,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, key),
  UNIQUE (municipality_id, id)
);

CREATE TABLE services (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  office_id bigint NOT NULL,
  name jsonb NOT NULL,
  synonyms text[] NOT NULL DEFAULT '{}',
  summary jsonb NOT NULL DEFAULT '{}',
  description jsonb NOT NULL DEFAULT '{}',
  -- FIM/LeiKa Leistungsschlüssel: 14 digits, or empty when unknown.
  leistungsschluessel text NOT NULL DEFAULT '' CHECK (leistungsschluessel ~ '^([0-9]{14})?$'),
  -- {"de": ["…", …], "en": ["…", …]}
  documents jsonb NOT NULL DEFAULT '{}',
  fees jsonb NOT NULL DEFAULT '{}',
  processing_time jsonb NOT NULL DEFAULT '{}',
  legal_basis text NOT NULL DEFAULT '',
  topics text[] NOT NULL DEFAULT '{}',
  -- A path into this app ("/abfall/sperrmuell") or an https URL template with {ars}, {ags}, {municipality}.
  online_url text,
  online_label jsonb NOT NULL DEFAULT '{}',
  appointment_url text,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, slug),
  FOREIGN KEY (municipality_id, office_id) REFERENCES service_offices (municipality_id, id)
);

CREATE INDEX services_office ON services (municipality_id, office_id);
