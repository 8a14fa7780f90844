#!/bin/sh
# run.sh - `make bench`: Jiqun's benchmarks, each against a baseline run in the same process tree
# on the same data, printing the ratio. Machine facts come first so ratios can be compared.
#
# import: `jiqun import enterprises` of BENCH_ROWS rows (default 1,000,000) with full validation
# (credit-code checksums, districts, GB/T 4754 classes, dates, duplicates, one transaction)
# against `sqlite3 .import` of the same file into a bare table. Target: within 1.5x; peak memory
# independent of file size, shown by importing the file's first half too and comparing peaks.
#
# cube: bench/cube.sh (the cube against SQLite, PostgreSQL, pandas and DuckDB GROUP BY).
# classify: bench/classify.sh (keyword classification against grep -F -o, python3-ahocorasick
# and SQLite instr; BENCH_ENTERPRISES sets its size).
# http: bench/http.sh (the programme summary endpoint under wrk against nginx serving the same
# JSON as a static file; a mixed read/write load; a soak of BENCH_SOAK_SECONDS, default 300, with
# the server's RSS at start and end).
# report: bench/report.sh (the report renderers on a 28-industry hand-made doc, all formats).
# BENCH_ONLY=NAME runs one benchmark (import, cube, classify, http, report).
set -eu
cd "$(dirname "$0")/.."
# want NAME: whether BENCH_ONLY lets benchmark NAME run.
want() { [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = "$1" ]; }
ROWS=${BENCH_ROWS:-1000000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
# BENCH_ONLY=classify runs only the classification benchmark.
case ${BENCH_ONLY:-} in
classify) exec bench/classify.sh ;;
http) exec bench/http.sh ;;
report) exec bench/report.sh ;;
esac

# peak_run OUT CMD...: run CMD, write "seconds peak_kib" to OUT (GNU time: wall clock and the
# peak resident set from the kernel, no sampling process competing for the cores). Dirty pages
# are written back first (sync): both contenders end by flushing hundreds of MB, and without it
# the second one timed paid for the first one's writeback (measured: 27.7 s instead of 21.3 s).
peak_run() {
	out=$1; shift
	sync
	/usr/bin/time -f '%e %M' -o "$out" "$@" > "$DIR/cmd.log" 2>&1 ||
		{ cat "$DIR/cmd.log"; echo "bench: command failed: $*" >&2; exit 1; }
}

if want import; then
build/bench/gen_enterprises "$ROWS" 1 > "$DIR/e.csv"
SIZE=$(du -m "$DIR/e.csv" | cut -f1)
echo "data: $ROWS enterprises, ${SIZE} MiB CSV (UTF-8)"

# The bare table as sqlite3 makes it (4 KiB pages), and again at the page size jiqun gives a new
# database (8 KiB, src/store/sqlite.c), so the part of the ratio that page size explains shows.
HEADER=$(head -n 1 "$DIR/e.csv" | tr -d '\r')
bare() { # bare PAGE_SIZE OUT
	rm -f "$DIR"/bare.db*
	sqlite3 "$DIR/bare.db" "PRAGMA page_size=$1; PRAGMA journal_mode=WAL; CREATE TABLE t ($(echo "$HEADER" | sed 's/,/ TEXT, /g') TEXT);" > /dev/null
	peak_run "$2" sqlite3 "$DIR/bare.db" ".mode csv" ".import --skip 1 $DIR/e.csv t"
	rm -f "$DIR"/bare.db*
}
# The disk's write speed varies from run to run by a second or two either way, so the pair is
# timed BENCH_IMPORT_ROUNDS times (default 3), alternating, and the median round's ratio counts.
ROUNDS=${BENCH_IMPORT_ROUNDS:-3}
: > "$DIR/rounds"
round=1
while [ "$round" -le "$ROUNDS" ]; do
	bare 4096 "$DIR/sqlite.t"
	build/jiqun init --db "$DIR/j.db" > /dev/null
	peak_run "$DIR/jiqun.t" build/jiqun import enterprises "$DIR/e.csv" --db "$DIR/j.db"
	[ "$round" -eq 1 ] && tail -n 1 "$DIR/cmd.log"
	rm -f "$DIR"/j.db*
	read -r s_sec s_kib < "$DIR/sqlite.t"
	read -r j_sec j_kib < "$DIR/jiqun.t"
	printf 'import round %d: sqlite3 .import (bare table) %.2f s, %d MiB peak; jiqun import (validated) %.2f s, %d MiB peak; %.2fx\n' \
		"$round" "$s_sec" $((s_kib / 1024)) "$j_sec" $((j_kib / 1024)) "$(awk -v j="$j_sec" -v s="$s_sec" 'BEGIN { print j / s }')"
	echo "$(awk -v j="$j_sec" -v s="$s_sec" 'BEGIN { print j / s }') $j_sec $j_kib" >> "$DIR/rounds"
	round=$((round + 1))
done
read -r ratio j_sec j_kib <<EOF2
$(sort -n "$DIR/rounds" | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)')
EOF2
printf 'import ratio (median of %d rounds, %s rows): jiqun / sqlite3 = %.2fx (target <= 1.5x)\n' "$ROUNDS" "$ROWS" "$ratio"

bare 8192 "$DIR/sqlite8k.t"
read -r s8_sec s8_kib < "$DIR/sqlite8k.t"
awk -v j="$j_sec" -v s="$s8_sec" 'BEGIN { printf "import against a bare table at 8 KiB pages like jiqun'"'"'s: %.2f s, %.2fx (the median round'"'"'s jiqun time)\n", s, j / s }'

HALF=$((ROWS / 2))
head -n $((HALF + 1)) "$DIR/e.csv" > "$DIR/e2.csv"
build/jiqun init --db "$DIR/j2.db" > /dev/null
peak_run "$DIR/jiqun2.t" build/jiqun import enterprises "$DIR/e2.csv" --db "$DIR/j2.db"
read -r h_sec h_kib < "$DIR/jiqun2.t"
printf 'import peak memory: %d MiB for %s rows, %d MiB for %s rows (%.2fx; target: independent of size)\n' \
	$((h_kib / 1024)) "$HALF" $((j_kib / 1024)) "$ROWS" "$(awk -v a="$j_kib" -v b="$h_kib" 'BEGIN { print a / b }')"
fi

if want cube; then bench/cube.sh; fi
if want classify; then bench/classify.sh; fi
if want http; then bench/http.sh; fi
if want report; then bench/report.sh; fi
