-- 008: industry chain maps (issue 7). chain_node: the nodes of each industry's map (upstream /
-- midstream / downstream, parent, critical 卡脖子 flag, keywords and GB/T 4754 codes joined by
-- '|', the policy words it comes from); node ids are unique across industries. An import replaces
-- the nodes of the industries it names; parents and cycles are checked before writing.
-- chain_setting: the status thresholds. chain_candidate: enterprises outside the city that could
-- fill a node (the enterprise list's fields, plus city and revenue in yuan). chain_supply:
-- supplier relations of local buyers per node (amount in yuan), for the outside-supply share.
CREATE TABLE chain_node (
	id TEXT PRIMARY KEY,
	industry TEXT NOT NULL REFERENCES industry(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	stage TEXT NOT NULL CHECK (stage IN ('upstream', 'midstream', 'downstream')),
	parent TEXT,
	critical INTEGER NOT NULL CHECK (critical IN (0, 1)),
	keywords TEXT NOT NULL,
	industry_codes TEXT NOT NULL,
	basis TEXT NOT NULL,
	source TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX chain_node_industry ON chain_node (industry, seq);

CREATE TABLE chain_setting (
	key TEXT PRIMARY KEY,
	value REAL NOT NULL
) STRICT;

CREATE TABLE chain_candidate (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	uscc TEXT UNIQUE,
	city TEXT NOT NULL,
	industry TEXT REFERENCES industry(id),
	industry_code TEXT, business_scope TEXT, main_products TEXT, size TEXT, zjtx TEXT,
	single_champion INTEGER, unicorn INTEGER, high_tech INTEGER, listed_board TEXT, ticker TEXT,
	revenue REAL, note TEXT,
	source TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE chain_supply (
	id INTEGER PRIMARY KEY,
	buyer_uscc TEXT NOT NULL,
	supplier_name TEXT NOT NULL,
	supplier_uscc TEXT,
	supplier_city TEXT NOT NULL,
	node TEXT NOT NULL,
	amount REAL NOT NULL,
	source TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (buyer_uscc, supplier_name, node)
) STRICT;
CREATE INDEX chain_supply_node ON chain_supply (node);
