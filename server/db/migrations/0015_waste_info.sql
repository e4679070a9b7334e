-- Abfallkalender, citizen information (issue 8): the Abfall-ABC ("what goes where") and the Wertstoffhöfe.

-- One item of the Abfall-ABC: its names, synonyms and where it goes (a bin type key or a place such as
-- 'wertstoffhof', 'schadstoffmobil', 'glas'; the list lives in server/features/waste/info/disposal.ts).
CREATE TABLE waste_abc_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  name jsonb NOT NULL,                      -- {"de": "...", "en": "..."}
  synonyms text[] NOT NULL DEFAULT '{}',
  disposal text NOT NULL CHECK (disposal ~ '^[a-z][a-z-]{1,39}$'),
  note jsonb NOT NULL DEFAULT '{}',         -- optional hint per language
  -- Lower-case names and synonyms in one text, for pg_trgm's word_similarity (typo-tolerant search).
  search_text text NOT NULL,
  UNIQUE (municipality_id, key)
);
CREATE INDEX waste_abc_items_search_idx ON waste_abc_items USING gin (search_text gin_trgm_ops);

-- A Wertstoffhof (recycling centre) with its opening hours per weekday (0 = Sunday … 6 = Saturday).
CREATE TABLE waste_recycling_centres (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  street text NOT NULL,
  postcode text NOT NULL CHECK (postcode ~ '^[0-9]{5}$'),
  city text NOT NULL,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  -- [{"weekdays": [1,2,3,4,5], "opens": "08:00", "closes": "17:00"}, …]; closed on public holidays.
  hours jsonb NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  UNIQUE (municipality_id, key)
);
