-- 001: the programme catalogue. The document column keeps the programme's JSON exactly as it was
-- loaded (the built-in catalogue or a file); the other tables hold the keys later lists refer to.
CREATE TABLE programme (
	id        TEXT PRIMARY KEY,
	name_zh   TEXT NOT NULL,
	document  TEXT NOT NULL CHECK (json_valid(document)),
	builtin   INTEGER NOT NULL CHECK (builtin IN (0, 1)),
	loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE district (
	id           TEXT PRIMARY KEY,
	programme_id TEXT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	code         TEXT UNIQUE,
	name_zh      TEXT NOT NULL,
	short_name   TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('district', 'new_area', 'cooperation_zone'))
) STRICT;

CREATE TABLE industry (
	id           TEXT PRIMARY KEY,
	programme_id TEXT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('cluster', 'future')),
	seq          INTEGER NOT NULL,
	name_zh      TEXT NOT NULL,
	tier         TEXT CHECK (tier IN ('pillar', 'short_board', 'improve', 'growth_point')),
	category     TEXT,
	UNIQUE (programme_id, kind, seq)
) STRICT;

CREATE TABLE industry_district (
	industry_id TEXT NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
	district_id TEXT NOT NULL REFERENCES district(id) ON DELETE CASCADE,
	PRIMARY KEY (industry_id, district_id)
) STRICT;
