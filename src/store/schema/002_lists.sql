-- 002: the programme's lists (src/lists/lists.c describes each field; a unit test checks that
-- every field has its column here). Amounts are yuan (REAL), booleans 0/1, dates 'YYYY-MM-DD',
-- districts and industries are ids. `source` says where a row came from (a file name, 'api',
-- 'demo'); rows from the demo generator are shown as demo data.
CREATE TABLE enterprise (
	id INTEGER PRIMARY KEY,
	uscc TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	district TEXT NOT NULL REFERENCES district(id),
	park TEXT, industry_code TEXT, business_scope TEXT, main_products TEXT, size TEXT,
	founded TEXT,
	leading INTEGER, hidden_champion INTEGER, zjtx TEXT, single_champion INTEGER,
	unicorn INTEGER, high_tech INTEGER, above_scale INTEGER, listed_board TEXT, ticker TEXT,
	stage TEXT, date_enterprise TEXT, date_above_scale TEXT, date_zjtx TEXT, date_listed TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX enterprise_district ON enterprise (district);
CREATE INDEX enterprise_name ON enterprise (name);

CREATE TABLE listing (
	id INTEGER PRIMARY KEY,
	uscc TEXT NOT NULL REFERENCES enterprise(uscc) ON UPDATE CASCADE,
	industry TEXT NOT NULL REFERENCES industry(id),
	role TEXT NOT NULL,
	name TEXT, note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (uscc, industry, role)
) STRICT;
CREATE INDEX listing_industry ON listing (industry);

CREATE TABLE lead (
	id INTEGER PRIMARY KEY,
	target_name TEXT NOT NULL,
	industry TEXT NOT NULL REFERENCES industry(id),
	target_uscc TEXT, origin TEXT, chain_node TEXT, channel TEXT NOT NULL, stage TEXT NOT NULL,
	date_clue TEXT, date_contact TEXT, date_negotiate TEXT, date_signed TEXT, date_landed TEXT,
	expected_investment REAL, district TEXT REFERENCES district(id), owner TEXT, note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (target_name, industry)
) STRICT;
CREATE INDEX lead_industry ON lead (industry);

CREATE TABLE project (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	industry TEXT NOT NULL REFERENCES industry(id),
	district TEXT NOT NULL REFERENCES district(id),
	park TEXT, investor TEXT, total_investment REAL NOT NULL, start_date TEXT, end_date TEXT,
	year INTEGER, annual_plan REAL,
	m01 REAL, m02 REAL, m03 REAL, m04 REAL, m05 REAL, m06 REAL,
	m07 REAL, m08 REAL, m09 REAL, m10 REAL, m11 REAL, m12 REAL,
	milestones TEXT, status TEXT NOT NULL,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX project_industry ON project (industry);
CREATE INDEX project_district ON project (district);

CREATE TABLE platform (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL, level TEXT,
	industry TEXT NOT NULL REFERENCES industry(id),
	district TEXT REFERENCES district(id), host TEXT, established TEXT, note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE policy (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL UNIQUE,
	issuer TEXT NOT NULL, doc_no TEXT, date TEXT,
	industries TEXT NOT NULL, measures TEXT, amount REAL,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE org (
	id INTEGER PRIMARY KEY,
	type TEXT NOT NULL, name TEXT NOT NULL,
	industry TEXT NOT NULL REFERENCES industry(id),
	level TEXT, district TEXT REFERENCES district(id),
	size REAL, paid_in REAL, invested REAL, invest_count INTEGER, last_invest_date TEXT,
	date TEXT, contact TEXT, detail TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (type, name, industry)
) STRICT;
CREATE INDEX org_industry ON org (industry);
