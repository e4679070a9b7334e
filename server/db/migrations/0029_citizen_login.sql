-- Optional citizen login (issue 12, part 1): BundID over SAML, or an OIDC broker. Only the pseudonym is kept for
-- good, and only as an HMAC (keyed by CITIZEN_PSEUDONYM_KEY), so a copy of the database cannot be matched against
-- an identity provider's records. Names, dates of birth and addresses a service asked for live in the session row
-- and go with it (logout, idle or absolute expiry).
CREATE TABLE citizens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  provider text NOT NULL CHECK (provider IN ('saml', 'oidc')),
  pseudonym_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  last_login_at timestamptz NOT NULL,
  UNIQUE (municipality_id, provider, pseudonym_hash),
  UNIQUE (municipality_id, id)
);

-- Only the SHA-256 of the cookie's random id is stored, like staff sessions.
CREATE TABLE citizen_sessions (
  id_hash text PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  citizen_id bigint NOT NULL,
  level text NOT NULL CHECK (level IN ('basic', 'substantial', 'high')),
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  -- The idle expiry, pushed forward on use but never past absolute_expires_at.
  expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  FOREIGN KEY (municipality_id, citizen_id) REFERENCES citizens (municipality_id, id) ON DELETE CASCADE
);
CREATE INDEX citizen_sessions_citizen_idx ON citizen_sessions (municipality_id, citizen_id);
CREATE INDEX citizen_sessions_expires_idx ON citizen_sessions (expires_at);

-- Logins we started: the SAML AuthnRequest ID (node-saml's InResponseTo cache) or the OIDC state, with what was
-- asked (level, attributes) and where to go afterwards. A row is spent once (used_at) and deleted after expiry.
CREATE TABLE citizen_login_requests (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  id text NOT NULL CHECK (length(id) <= 200),
  provider text NOT NULL CHECK (provider IN ('saml', 'oidc')),
  level text NOT NULL CHECK (level IN ('basic', 'substantial', 'high')),
  attributes text[] NOT NULL DEFAULT '{}',
  next_path text NOT NULL CHECK (length(next_path) <= 2000),
  -- OIDC only: the nonce and PKCE verifier of this authorization request.
  nonce text,
  code_verifier text,
  issued_at text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX citizen_login_requests_expires_idx ON citizen_login_requests (expires_at);

-- Assertion IDs already accepted, kept until the assertion's NotOnOrAfter, so none is accepted twice.
CREATE TABLE citizen_saml_assertions (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  id text NOT NULL CHECK (length(id) <= 200),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX citizen_saml_assertions_expires_idx ON citizen_saml_assertions (expires_at);
