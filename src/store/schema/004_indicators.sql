-- 004: indicator data (issue 4). Values are in the indicator's base unit (元, 人, 件; model/
-- indicator.h), converted on import; `unit` keeps the unit the file gave. A cumulative value
-- (1-N月累计, cumulative = 1) is stored as given, for January to the period's last month, and
-- converted to period values when the figures are computed. Indicators are ids ("value_added").

-- Enterprise-level values, one per enterprise, indicator, period and basis. Kept in this key's
-- order (WITHOUT ROWID) so the snapshot reads them enterprise by enterprise in one scan.
CREATE TABLE indicator_value (
	enterprise  INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
	indicator   TEXT NOT NULL,
	period      TEXT NOT NULL,
	cumulative  INTEGER NOT NULL CHECK (cumulative IN (0, 1)),
	value       REAL NOT NULL,
	unit        TEXT NOT NULL,
	source      TEXT NOT NULL,          -- the file it came from, or 'demo'
	imported_at TEXT NOT NULL,
	PRIMARY KEY (enterprise, indicator, period, cumulative)
) STRICT, WITHOUT ROWID;

-- Published aggregates (统计公报, 统计月报): key is an industry id, a category id or a district id;
-- '' for the programme and the city. growth_pct is the growth the publisher gave, as given.
CREATE TABLE indicator_published (
	level       TEXT NOT NULL CHECK (level IN ('programme', 'category', 'industry', 'district', 'city')),
	key         TEXT NOT NULL DEFAULT '',
	indicator   TEXT NOT NULL,
	period      TEXT NOT NULL,
	cumulative  INTEGER NOT NULL CHECK (cumulative IN (0, 1)),
	value       REAL NOT NULL,
	unit        TEXT NOT NULL,
	growth_pct  REAL,
	source      TEXT NOT NULL,          -- the publisher as the file names it (来源)
	file        TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	PRIMARY KEY (level, key, indicator, period, cumulative)
) STRICT, WITHOUT ROWID;

-- The figures `jiqun compute` derived from enterprise values and memberships (engine/cube.h),
-- replaced as a whole by each run. district is '' for all districts; rule_set is the version of
-- the active classification rules the memberships came from (NULL when none).
CREATE TABLE indicator_computed (
	period          TEXT NOT NULL,
	indicator       TEXT NOT NULL,
	level           TEXT NOT NULL CHECK (level IN ('programme', 'category', 'industry', 'district', 'city')),
	key             TEXT NOT NULL DEFAULT '',
	district        TEXT NOT NULL DEFAULT '',
	value           REAL NOT NULL,
	growth_pct      REAL,
	share_pct       REAL,
	share_gdp_pct   REAL,
	lq              REAL,
	contribution_pp REAL,
	n_ent           INTEGER NOT NULL,
	strong          INTEGER NOT NULL DEFAULT 0 CHECK (strong IN (0, 1)),
	computed_at     TEXT NOT NULL,
	rule_set        INTEGER,
	PRIMARY KEY (period, indicator, level, key, district)
) STRICT, WITHOUT ROWID;
