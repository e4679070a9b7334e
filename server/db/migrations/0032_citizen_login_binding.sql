-- Login CSRF: a completed login must end in the browser that started it. The login start sets a short-lived
-- random cookie (bs_citizen_login, path /antraege); only its SHA-256 is kept with the request (SAML request ID or
-- OIDC state). Rows of logins started before this change have none and cannot be completed.
ALTER TABLE citizen_login_requests ADD COLUMN browser_hash text CHECK (length(browser_hash) = 64);

-- A SAML response accepted at the ACS (a cross-site POST, which carries no SameSite=Lax cookie) waits here under a
-- one-time code until the browser comes back with GET /antraege/anmelden/abschluss?code=… and the login cookie.
-- Only the code's SHA-256 is stored; the row is deleted when used, or by citizens.purge-expired after expiry. The
-- pseudonym only as its HMAC, like in citizens; the attributes only for these few minutes.
CREATE TABLE citizen_login_completions (
  municipality_id text NOT NULL REFERENCES municipalities (id),
  code_hash text NOT NULL CHECK (length(code_hash) = 64),
  request_id text NOT NULL CHECK (length(request_id) <= 200),
  -- Copied from the request, so the check does not depend on the request row still being there.
  browser_hash text NOT NULL CHECK (length(browser_hash) = 64),
  provider text NOT NULL CHECK (provider IN ('saml', 'oidc')),
  pseudonym_hash text NOT NULL,
  level text NOT NULL CHECK (level IN ('basic', 'substantial', 'high')),
  attributes jsonb NOT NULL DEFAULT '{}',
  next_path text NOT NULL CHECK (length(next_path) <= 2000),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, code_hash)
);
CREATE INDEX citizen_login_completions_expires_idx ON citizen_login_completions (expires_at);
