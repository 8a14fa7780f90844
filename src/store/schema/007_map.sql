-- 007: the battle map (issue 8). Coordinates on projects, enterprises and platforms: GCJ-02
-- longitude/latitude in degrees (data/map/README.md), optional. The advanced manufacturing parks
-- of policy 四（二）: the parks, their zones (启动区, 拓展区, 储备区) and their progress per period.
-- Areas in km², factory space in 万m²; progress figures are cumulative (累计) at the period's end.
ALTER TABLE project ADD COLUMN lng REAL;
ALTER TABLE project ADD COLUMN lat REAL;
ALTER TABLE enterprise ADD COLUMN lng REAL;
ALTER TABLE enterprise ADD COLUMN lat REAL;
ALTER TABLE platform ADD COLUMN lng REAL;
ALTER TABLE platform ADD COLUMN lat REAL;

CREATE TABLE park (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	district TEXT NOT NULL REFERENCES district(id),
	industries TEXT,
	planned_area REAL,
	lng REAL, lat REAL,
	note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX park_district ON park (district);

CREATE TABLE park_zone (
	id INTEGER PRIMARY KEY,
	park TEXT NOT NULL REFERENCES park(name) ON UPDATE CASCADE,
	zone_type TEXT NOT NULL,
	area REAL,
	boundary TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (park, zone_type)
) STRICT;

CREATE TABLE park_progress (
	id INTEGER PRIMARY KEY,
	park TEXT NOT NULL REFERENCES park(name) ON UPDATE CASCADE,
	period TEXT NOT NULL,
	land_consolidated REAL,
	custom_factory REAL,
	note TEXT,
	source TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
	UNIQUE (park, period)
) STRICT;
