-- 006: targets and plans (issue 4 part 6). A plan version is one import of the targets of one
-- level (five_year 规划, rolling 三年滚动, annual 年度); importing a level again adds its next
-- version and keeps the old ones. The programme's own targets (the policy's 二（三）) are the
-- five-year level without any import and are not stored here (see model/plan.h).
CREATE TABLE plan_version (
	id          INTEGER PRIMARY KEY,
	level       TEXT NOT NULL CHECK (level IN ('five_year', 'rolling', 'annual')),
	version     INTEGER NOT NULL CHECK (version >= 1),
	source      TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	UNIQUE (level, version)
) STRICT;

CREATE TABLE plan_target (
	version_id  INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	scope       TEXT NOT NULL CHECK (scope IN ('programme', 'category', 'industry', 'district')),
	key         TEXT NOT NULL,
	indicator   TEXT NOT NULL,
	year        INTEGER NOT NULL,
	base_year   INTEGER NOT NULL CHECK (base_year < year),
	value       REAL NOT NULL CHECK (value >= 0),
	unit        TEXT NOT NULL,
	threshold   REAL,
	note        TEXT NOT NULL,
	PRIMARY KEY (version_id, seq)
) STRICT;

-- One target per scope, indicator and year in a version (an amount and a count target may share them).
CREATE UNIQUE INDEX plan_target_key ON plan_target (version_id, scope, key, indicator, year, threshold IS NULL);
