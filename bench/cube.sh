#!/bin/sh
# cube.sh - the cube benchmark (issue 4, part 9): jiqun's whole cube against a plain SUM/COUNT
# GROUP BY (industry, district, period, indicator) of the same facts, joined to memberships and
# enterprises the way the cube uses them, in SQLite, PostgreSQL 15 (parallel workers on), pandas
# and DuckDB (2 threads), all in this run on the same generated data (bench/gen_facts.c:
# 2,400,000 enterprises, 10,000,000 facts, 13,440 groups). Loading is not timed; each query is
# timed REPS times and the best counts. Every baseline's groups are checked equal to the cube's
# (sums within float summation order, counts exact): a difference fails the benchmark.
#
# The cube computes more than the GROUP BY: de-duplicated programme and economy totals, district
# and ALL totals, growth, shares, contribution, location quotients, the strong-cluster test,
# top-4 and HHI. Ratios are baseline seconds / cube seconds (above 1: the cube is faster).
#
# Environment: BENCH_ENTS, BENCH_FACTS (sizes), BENCH_REPS (default 3; SQLite runs once),
# BENCH_SKIP (space-separated baselines to leave out: sqlite postgres pandas duckdb).
set -eu
cd "$(dirname "$0")/.."
ENTS=${BENCH_ENTS:-2400000}
FACTS=${BENCH_FACTS:-10000000}
REPS=${BENCH_REPS:-3}
SKIP=" ${BENCH_SKIP:-} "
PGBIN=/usr/lib/postgresql/15/bin
DIR=$(mktemp -d)
PGDIR=""
cleanup() {
	if [ -n "$PGDIR" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1 || true
		rm -rf "$PGDIR"
	fi
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# as_pg CMD...: run as the postgres user when we are root (PostgreSQL refuses root).
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
want() { case $SKIP in *" $1 "*) return 1 ;; *) return 0 ;; esac; }
# get KEY FILE: the value of a "key value" line.
get() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

build/bench/gen_facts "$DIR" "$ENTS" "$FACTS" 1
echo "cube: data $(awk '{ printf "%d enterprises, %d facts, %d memberships", $1, $2, $7 }' "$DIR/meta.txt")"

build/bench/cube "$DIR" "$DIR/cube.csv" 5 > "$DIR/cube.out"
CHECK="$DIR/cube.csv"

if want duckdb; then
	node bench/cube_duckdb.mjs "$DIR" "$DIR/duckdb.csv" "$REPS" > "$DIR/duckdb.out"
	CHECK="$CHECK duckdb=$DIR/duckdb.csv"
fi

if want pandas; then
	/usr/bin/python3 bench/cube_pandas.py "$DIR" "$DIR/pandas.csv" "$REPS" > "$DIR/pandas.out"
	CHECK="$CHECK pandas=$DIR/pandas.csv"
fi

QUERY="SELECT m.industry, e.district, f.period, f.indicator, SUM(f.value), COUNT(*)
FROM facts f JOIN mems m ON m.ent = f.ent JOIN ents e ON e.ent = f.ent
GROUP BY m.industry, e.district, f.period, f.indicator;"

if want postgres; then
	PGDIR=$(mktemp -d /tmp/jiqun-bench-pg.XXXXXX)
	[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
	as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres --no-sync > "$PGDIR/initdb.log" 2>&1 ||
		{ cat "$PGDIR/initdb.log"; exit 1; }
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -o "-k $PGDIR -c listen_addresses='' \
-c port=54329 -c shared_buffers=1GB -c work_mem=512MB -c max_worker_processes=8 -c max_parallel_workers=8 \
-c max_parallel_workers_per_gather=2 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start > /dev/null || { cat "$PGDIR/server.log"; exit 1; }
	psql() { command psql -X -q -v ON_ERROR_STOP=1 -h "$PGDIR" -p 54329 -U postgres -d postgres "$@"; }
	psql > /dev/null <<-EOF
	CREATE UNLOGGED TABLE ents (ent integer PRIMARY KEY, district smallint);
	CREATE UNLOGGED TABLE mems (ent integer, industry smallint);
	CREATE UNLOGGED TABLE facts (ent integer, period smallint, indicator smallint, value double precision);
	\copy ents FROM '$DIR/ents.csv' WITH (FORMAT csv, HEADER true)
	\copy mems FROM '$DIR/mems.csv' WITH (FORMAT csv, HEADER true)
	\copy facts FROM '$DIR/facts.csv' WITH (FORMAT csv, HEADER true)
	CREATE INDEX ON mems (ent);
	VACUUM ANALYZE;
	EOF
	workers=$(psql -A -t -c "EXPLAIN $QUERY" | sed -n 's/.*Workers Planned: \([0-9]*\).*/\1/p' | head -n 1)
	{
		printf '%s\n' '\timing on'
		i=1
		while [ "$i" -lt "$REPS" ]; do printf '%s\n%s\n' '\o /dev/null' "$QUERY"; i=$((i + 1)); done
		printf '%s\n%s\n' "\\o $DIR/postgres.csv" "$QUERY"
	} | psql -A -t -F , > "$DIR/postgres.time"
	secs=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$DIR/postgres.time" | sort -n | head -n 1)
	printf 'postgres_join_groupby_s %.4f\npostgres_workers_planned %s\n' "$(echo "$secs" | awk '{ print $1 / 1000 }')" \
		"${workers:-0}" > "$DIR/postgres.out"
	as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop > /dev/null
	rm -rf "$PGDIR"
	PGDIR=""
	CHECK="$CHECK postgres=$DIR/postgres.csv"
fi

if want sqlite; then
	sqlite3 "$DIR/s.db" > /dev/null <<-EOF
	PRAGMA journal_mode = OFF;
	PRAGMA synchronous = OFF;
	CREATE TABLE ents (ent INTEGER PRIMARY KEY, district INTEGER);
	CREATE TABLE mems (ent INTEGER, industry INTEGER, PRIMARY KEY (ent, industry)) WITHOUT ROWID;
	CREATE TABLE facts (ent INTEGER, period INTEGER, indicator INTEGER, value REAL);
	.mode csv
	.import --skip 1 $DIR/ents.csv ents
	.import --skip 1 $DIR/mems.csv mems
	.import --skip 1 $DIR/facts.csv facts
	ANALYZE;
	EOF
	printf '.timer on\n.mode csv\n.once %s\n%s\n' "$DIR/sqlite.csv" "$QUERY" |
		sqlite3 "$DIR/s.db" > "$DIR/sqlite.time"
	secs=$(sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' "$DIR/sqlite.time")
	printf 'sqlite_join_groupby_s %s\n' "$secs" > "$DIR/sqlite.out"
	rm -f "$DIR/s.db"
	CHECK="$CHECK sqlite=$DIR/sqlite.csv"
fi

# shellcheck disable=SC2086
/usr/bin/python3 bench/cube_check.py $CHECK || { echo "cube: a baseline's answer differs from the cube's" >&2; exit 1; }

cat "$DIR"/*.out > "$DIR/all"
A="$DIR/all"
ours=$(get cube_best_s "$A")
echo "cube: $(nproc) cores; jiqun cube (2 threads, whole cube) $(get cube_best_s "$A") s best of 5" \
	"(median $(get cube_median_s "$A") s; 1 thread $(get cube_1thread_best_s "$A") s;" \
	"facts in random order $(get cube_shuffled_best_s "$A") s); CPU $(get cube_cpu_s "$A") s" \
	"(1 thread $(get cube_1thread_cpu_s "$A") s, random order $(get cube_shuffled_cpu_s "$A") s)"
echo "cube: peak memory $(($(get cube_peak_kib "$A") / 1024)) MiB with facts in order," \
	"$(($(get cube_peak_end_kib "$A") / 1024)) MiB after the random-order runs (the loaded arrays," \
	"$(du -cm "$DIR"/*.u* "$DIR"/*.f64 | tail -n 1 | cut -f1) MiB, included)"
echo "cube: programme total counting each enterprise once $(get last_period_indicator0_programme "$A")," \
	"sum of industries $(get last_period_indicator0_sum_of_industries "$A") (last year, indicator 0);" \
	"$(get strong_cells "$A") strong (industry, district, year, indicator) cells"
# line LABEL KEY: a baseline's time and ratio to the cube.
line() {
	s=$(get "$2" "$A")
	[ -n "$s" ] || return 0
	awk -v l="$1" -v s="$s" -v o="$ours" 'BEGIN { printf "cube: %-44s %8.3f s   ratio %6.1fx (baseline / cube)\n", l, s, s / o }'
}
line "SQLite join + GROUP BY (1 run)" sqlite_join_groupby_s
line "PostgreSQL 15 join + GROUP BY ($(get postgres_workers_planned "$A") workers)" postgres_join_groupby_s
line "pandas $(get pandas_version "$A") merge + groupby" pandas_join_groupby_s
line "DuckDB join + GROUP BY ($(get duckdb_threads "$A") threads)" duckdb_join_groupby_s
line "DuckDB GROUP BY of pre-joined rows" duckdb_plain_groupby_s
awk -v o="$ours" -v d="$(get duckdb_plain_groupby_s "$A")" 'BEGIN { if (d != "")
	printf "cube: target (whole cube faster than DuckDB plain GROUP BY): %s\n", o < d ? "met" : "NOT met" }'
