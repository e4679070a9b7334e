-- The search over search_documents: German (and English) full text with umlaut/ß folding, and trigrams of titles
-- and keywords for typo tolerance. Both are derived from the row by a trigger, so every writer gets them.

-- Folding before stemming: Sperrmüll, Sperrmuell and Sperrmull, Straße and Strasse meet in one lexeme.
CREATE TEXT SEARCH CONFIGURATION search_german (COPY = german);
ALTER TEXT SEARCH CONFIGURATION search_german
  ALTER MAPPING FOR word, hword, hword_part, asciiword, asciihword, hword_asciipart WITH unaccent, german_stem;
CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION search_english
  ALTER MAPPING FOR word, hword, hword_part, asciiword, asciihword, hword_asciipart WITH unaccent, english_stem;

ALTER TABLE search_documents
  ADD COLUMN search_vector tsvector NOT NULL DEFAULT '',
  -- Lower case, folded titles (German and English) and keywords: what a misspelt query is compared with.
  ADD COLUMN match_text text NOT NULL DEFAULT '',
  ADD COLUMN title_text text NOT NULL DEFAULT '';

-- Weights: title A, keywords B, summary C, body D.
CREATE FUNCTION search_documents_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
      setweight(to_tsvector('search_german', NEW.title_de), 'A')
   || setweight(to_tsvector('search_english', coalesce(NEW.title_en, '')), 'A')
   || setweight(to_tsvector('search_german', array_to_string(NEW.keywords, ' ')), 'B')
   || setweight(to_tsvector('search_german', NEW.summary_de), 'C')
   || setweight(to_tsvector('search_english', coalesce(NEW.summary_en, '')), 'C')
   || setweight(to_tsvector('search_german', NEW.body_de), 'D')
   || setweight(to_tsvector('search_english', coalesce(NEW.body_en, '')), 'D');
  NEW.title_text := lower(unaccent(NEW.title_de || ' ' || coalesce(NEW.title_en, '')));
  NEW.match_text := lower(unaccent(NEW.title_de || ' ' || coalesce(NEW.title_en, '') || ' '
                                   || array_to_string(NEW.keywords, ' ')));
  RETURN NEW;
END
$$;

CREATE TRIGGER search_documents_derive BEFORE INSERT OR UPDATE ON search_documents
  FOR EACH ROW EXECUTE FUNCTION search_documents_derive();

UPDATE search_documents SET updated_at = updated_at;

-- fastupdate off: new entries go into the index at once instead of a pending list that every search scans until a
-- VACUUM merges it (the embedded PGlite has no autovacuum; with 5,000 fresh documents a search took 60–150 ms).
CREATE INDEX search_documents_vector ON search_documents USING gin (search_vector) WITH (fastupdate = off);
CREATE INDEX search_documents_match ON search_documents USING gin (match_text gin_trgm_ops) WITH (fastupdate = off);
