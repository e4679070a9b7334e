-- "Oft nachgefragt": topics in an editorial order, questions with answers (Markdown, German and English) in an order
-- per topic, drafts, anonymous "was this helpful?" counts; and the overview of the city's data platforms.
CREATE TABLE faq_topics (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  slug text NOT NULL,
  name_de text NOT NULL,
  name_en text,
  sort integer NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, slug),
  UNIQUE (municipality_id, id)
);

CREATE TABLE faq_questions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  topic_id bigint NOT NULL,
  slug text NOT NULL,
  question_de text NOT NULL,
  question_en text,
  answer_de text NOT NULL,
  answer_en text,
  synonyms text[] NOT NULL DEFAULT '{}',
  service_slug text,
  published boolean NOT NULL DEFAULT false,
  on_start_page boolean NOT NULL DEFAULT false,
  sort integer NOT NULL,
  helpful_yes integer NOT NULL DEFAULT 0,
  helpful_no integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, slug),
  FOREIGN KEY (municipality_id, topic_id) REFERENCES faq_topics (municipality_id, id)
);
CREATE INDEX faq_questions_topic ON faq_questions (municipality_id, topic_id, sort);

CREATE TABLE data_platforms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  slug text NOT NULL,
  name_de text NOT NULL,
  name_en text,
  offers_de text NOT NULL,
  offers_en text,
  interfaces text[] NOT NULL DEFAULT '{}',
  url text,
  operator_de text NOT NULL,
  operator_en text,
  sort integer NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, slug)
);
