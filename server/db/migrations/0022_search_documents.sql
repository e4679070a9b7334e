-- One search across the city's content (news, FAQ, services, data platforms, Abfall-ABC, pages): every content
-- type writes its searchable text here in the same transaction as its own change (features/search/index-queries.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE search_documents (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  kind text NOT NULL,
  ref text NOT NULL,
  url text NOT NULL,
  title_de text NOT NULL,
  title_en text,
  summary_de text NOT NULL DEFAULT '',
  summary_en text,
  body_de text NOT NULL DEFAULT '',
  body_en text,
  keywords text[] NOT NULL DEFAULT '{}',
  boost real NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, kind, ref)
);
