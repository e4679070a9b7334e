-- News (issue 10): feeds of the city's CMS (RSS 2.0, Atom), news items (imported or written by editors), images
-- downloaded from feeds (only with NEWS_IMAGES=download), and push: opt-ins per topic and the editor's approvals.
-- Topics are one typed list in server/features/news/core/topics.ts.

CREATE TABLE news_feeds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2048),
  topic text NOT NULL CHECK (topic ~ '^[a-z][a-z-]{1,29}$'),
  enabled boolean NOT NULL DEFAULT true,
  -- Conditional GET: what the feed server answered last time.
  etag text,
  last_modified text,
  last_fetched_at timestamptz,
  last_success_at timestamptz,
  -- 'ok', 'not_modified' or 'error' (with last_error: what went wrong, shown to admins).
  last_status text CHECK (last_status IN ('ok', 'not_modified', 'error')),
  last_error text,
  last_item_count integer,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, url),
  UNIQUE (municipality_id, id)
);

-- An image of a feed item, fetched with a size limit and re-encoded (sharp), served from our origin.
CREATE TABLE news_images (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  source_url text NOT NULL,
  content_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (municipality_id, source_url)
);

CREATE TABLE news_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  source text NOT NULL CHECK (source IN ('feed', 'editor')),
  feed_id bigint REFERENCES news_feeds (id) ON DELETE SET NULL,
  -- Dedupe key of an imported item: its GUID (Atom id), else its link.
  source_key text,
  link text,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  topic text NOT NULL CHECK (topic ~ '^[a-z][a-z-]{1,29}$'),
  title_de text NOT NULL CHECK (length(title_de) BETWEEN 1 AND 300),
  title_en text,
  summary_de text NOT NULL DEFAULT '',
  summary_en text,
  -- Sanitised HTML (the safe subset of core/sanitise.ts); editors' Markdown is kept beside it.
  body_de text NOT NULL DEFAULT '',
  body_en text,
  markdown_de text,
  markdown_en text,
  image_id bigint REFERENCES news_images (id) ON DELETE SET NULL,
  image_alt text,
  -- Shown from this time on (a future time schedules the item).
  published_at timestamptz NOT NULL,
  pinned boolean NOT NULL DEFAULT false,
  -- Taken off the site by an editor.
  unpublished boolean NOT NULL DEFAULT false,
  -- The item disappeared from its feed: hidden until it appears again.
  removed_from_feed_at timestamptz,
  -- Whether the search holds the item now (scheduled items are indexed when their time comes).
  indexed boolean NOT NULL DEFAULT false,
  -- Hash of the imported fields, so an unchanged item is not written again.
  content_hash text,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (municipality_id, source_key),
  UNIQUE (municipality_id, id)
);
CREATE INDEX news_items_list_idx ON news_items (municipality_id, pinned DESC, published_at DESC);
CREATE INDEX news_items_feed_idx ON news_items (feed_id);

-- A browser's push opt-in for news topics; its manage link's token is stored as SHA-256 only.
CREATE TABLE news_push_optins (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  subscription_id bigint NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  topics text[] NOT NULL CHECK (cardinality(topics) BETWEEN 1 AND 10),
  language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  manage_token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (subscription_id)
);
CREATE INDEX news_push_optins_topics_idx ON news_push_optins USING gin (topics);

-- An editor's approval to push an item (at most one per item): who, when, and how many messages were queued.
CREATE TABLE news_push_sends (
  municipality_id text NOT NULL,
  item_id bigint NOT NULL,
  approved_by text NOT NULL,
  approved_at timestamptz NOT NULL,
  queued integer NOT NULL,
  PRIMARY KEY (municipality_id, item_id),
  FOREIGN KEY (municipality_id, item_id) REFERENCES news_items (municipality_id, id) ON DELETE CASCADE
);
