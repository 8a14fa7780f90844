-- 008: the semi-annual rolling report (issue 5). A report snapshot is the exact JSON of every
-- engine result a report used, zlib-compressed, with the SHA-256 of the uncompressed JSON: the
-- report is built from the snapshot only, so a past report can be written again byte for byte.
-- A brief is the curated world-trends text of one industry for one period (markdown), added by
-- `jiqun brief add`; adding it again replaces it.
CREATE TABLE report_snapshot (
	id        INTEGER PRIMARY KEY,
	period    TEXT NOT NULL,
	taken_at  TEXT NOT NULL,
	sha256    TEXT NOT NULL CHECK (length(sha256) = 64),
	size      INTEGER NOT NULL CHECK (size >= 0),
	data      BLOB NOT NULL
) STRICT;
CREATE INDEX report_snapshot_period ON report_snapshot (period, id);

CREATE TABLE report_brief (
	industry  TEXT NOT NULL,
	period    TEXT NOT NULL,
	text      TEXT NOT NULL,
	file      TEXT NOT NULL,
	added_at  TEXT NOT NULL,
	PRIMARY KEY (industry, period)
) STRICT;
