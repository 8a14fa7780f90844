-- 003: classification of enterprises into the programme's industries (issue 4).
-- A rule set is a versioned list of rules (catalog/rules.h reads and checks the file); each import
-- is a new version, exactly one is active. rule_set.id equals its version, so `rule_set` columns
-- elsewhere hold the version a user sees in `jiqun rules list`.
CREATE TABLE rule_set (
	id         INTEGER PRIMARY KEY,
	version    INTEGER NOT NULL UNIQUE CHECK (version = id),
	name       TEXT NOT NULL,
	source     TEXT NOT NULL,          -- file name, or 'builtin'
	sha256     TEXT NOT NULL,          -- of the file's bytes as imported (hex)
	created_at TEXT NOT NULL,
	active     INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX rule_set_one_active ON rule_set (active) WHERE active = 1;

-- kind: 'class' (code = 2-4 digits of GB/T 4754-2017, partial = only partly in scope),
-- 'keyword' (text in the business scope / main products), 'exclude' (a phrase voiding keyword
-- hits inside it, e.g. 不含医疗器械). reason: the policy clause and phrase the rule comes from.
CREATE TABLE rule (
	rule_set INTEGER NOT NULL REFERENCES rule_set(id) ON DELETE CASCADE,
	rule_id  INTEGER NOT NULL,
	seq      INTEGER NOT NULL,         -- order in the file
	industry TEXT NOT NULL REFERENCES industry(id),
	kind     TEXT NOT NULL CHECK (kind IN ('class', 'keyword', 'exclude')),
	code     TEXT,
	text     TEXT,
	partial  INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (rule_set, rule_id)
) STRICT, WITHOUT ROWID;

-- The effective memberships: what `jiqun classify` found with the active rule set (source 'rule':
-- rule_set = its version, rule = the class rule or first keyword rule, rule2 = the keyword
-- confirming a partial class) with the manual overrides applied (source 'manual': rule columns
-- NULL). Replaced as a whole, in one transaction, by each run. An enterprise in several
-- industries has several rows; clusters overlap.
CREATE TABLE membership (
	enterprise INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
	industry TEXT NOT NULL REFERENCES industry(id),
	source TEXT NOT NULL CHECK (source IN ('rule','manual')),
	rule_set INTEGER,
	rule INTEGER,
	rule2 INTEGER,
	PRIMARY KEY (enterprise, industry)
) STRICT, WITHOUT ROWID;
CREATE INDEX membership_industry ON membership (industry);

-- Manual memberships set by a statistician: include = 1 adds the enterprise to the industry
-- whatever the rules say, include = 0 removes it. They override rules on every run.
CREATE TABLE membership_manual (
	enterprise INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
	industry   TEXT NOT NULL REFERENCES industry(id),
	include    INTEGER NOT NULL CHECK (include IN (0, 1)),
	note       TEXT,
	created_at TEXT NOT NULL,
	PRIMARY KEY (enterprise, industry)
) STRICT, WITHOUT ROWID;
