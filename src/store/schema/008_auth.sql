-- 008: accounts, sessions, API tokens, login throttling, the review queue and the audit trail
-- (issue 6). Secrets are never stored: passwords as argon2id strings (libsodium), session and API
-- tokens as SHA-256 hashes of the random token the client holds.
CREATE TABLE app_user (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('city-admin', 'district-editor', 'commissioner',
	                                            'analyst', 'viewer')),
	district      TEXT,          -- district id, for district editors
	industries    TEXT,          -- industry ids joined by ',', for commissioners
	password_hash TEXT,          -- crypto_pwhash_str; NULL: no password (token only)
	disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE user_session (
	token_hash TEXT PRIMARY KEY,  -- sha256 of the cookie's token
	user_id    INTEGER NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL      -- "YYYY-MM-DDTHH:MM:SSZ"
) STRICT;

CREATE TABLE api_token (
	id         INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE, -- sha256 of the bearer token
	user_id    INTEGER NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL
) STRICT;

-- Failed logins, by account name (known or not) and by client address, for throttling.
CREATE TABLE login_failure (
	kind TEXT NOT NULL CHECK (kind IN ('user', 'addr')),
	key  TEXT NOT NULL,
	at   INTEGER NOT NULL            -- Unix seconds
) STRICT;
CREATE INDEX login_failure_key ON login_failure (kind, key, at);

-- Whether district editors' changes to a list wait for a city admin (on for enterprises and
-- projects unless changed with `jiqun review require`).
CREATE TABLE list_review (
	list   TEXT PRIMARY KEY,
	review INTEGER NOT NULL CHECK (review IN (0, 1))
) STRICT;
INSERT INTO list_review (list, review) VALUES ('enterprises', 1), ('projects', 1);

-- Changes waiting for review: the record before (NULL for a new one) and after (NULL for a
-- deletion) as JSON objects keyed by field name.
CREATE TABLE pending_change (
	id           INTEGER PRIMARY KEY,
	list         TEXT NOT NULL,
	action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
	record_id    INTEGER,           -- the record changed; NULL for a new one
	record_key   TEXT NOT NULL,
	before_json TEXT,
	after_json  TEXT,
	submitted_by TEXT NOT NULL,
	submitted_at TEXT NOT NULL,
	status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
	decided_by   TEXT,
	decided_at   TEXT,
	comment      TEXT
) STRICT;
CREATE INDEX pending_change_status ON pending_change (status, id);

-- The audit trail: append-only. Nothing in Jiqun updates or deletes it, and the triggers below
-- refuse anyone who tries.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,          -- "YYYY-MM-DDTHH:MM:SSZ"
	user      TEXT NOT NULL,          -- account name, or "local:<login>" for the CLI without --user
	role      TEXT NOT NULL,
	via       TEXT NOT NULL,          -- session, token, cli
	action    TEXT NOT NULL,          -- create, update, delete, submit, approve, reject, import, ...
	list      TEXT NOT NULL,          -- the list or entity kind (user, plans, indicators)
	record_id INTEGER,
	record_key TEXT,
	before_json TEXT,                   -- JSON or NULL
	after_json  TEXT,                   -- JSON or NULL
	comment   TEXT
) STRICT;
CREATE INDEX audit_user ON audit (user, id);
CREATE INDEX audit_list ON audit (list, id);
CREATE INDEX audit_at ON audit (at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only (审计记录不可修改)');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only (审计记录不可删除)');
END;
