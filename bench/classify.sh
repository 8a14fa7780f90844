#!/bin/sh
# classify.sh - the classification benchmark (issue 4, part 9): Jiqun's classifier against
# `LC_ALL=C grep -F -o -f keywords`, python3-ahocorasick and SQLite instr over the same text, each
# baseline's answer checked equal to ours (a mismatch fails the run).
#
# Data: bench/gen_classify, seeded: BENCH_ENTERPRISES lines (default 2,400,000, Shenzhen's scale)
# of ~150 characters of business scope, 5,000 keyword rules (+ exclusions and class rules).
# Answers compared (see bench/classify.c):
#  - grep -o prints the leftmost-longest non-overlapping matches of each line: compared with the
#    same reduction of our complete set of occurrences;
#  - python3-ahocorasick reports every occurrence, overlapping ones too: compared with our count;
#  - SQLite: count of (line, keyword) pairs with instr() > 0, on the first BENCH_SQL_SAMPLE lines
#    (default 1,000; the full set would take about an hour), throughput scaled from the sample.
# Our figure is `classify_one` end to end (normalisation, one Aho-Corasick pass, exclusions, class
# rules, memberships) on 2 threads, each taking half of the text. Targets: >= 3x grep -F -o,
# >= 10x python3-ahocorasick. MB/s are 10^6 bytes of UTF-8 text per second.
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_ENTERPRISES:-2400000}
SAMPLE=${BENCH_SQL_SAMPLE:-1000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
fail() { echo "classify: MISMATCH: $*" >&2; exit 1; }

echo "classify: machine $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
build/bench/gen_classify data/catalog/shenzhen-20plus8.json "$N" 1 "$DIR" 2>/dev/null
BYTES=$(wc -c < "$DIR/text.txt")
cat "$DIR/text.txt" > /dev/null # every contender reads it from the page cache
echo "classify data: $N enterprises, $(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }') MB of business scope, $(wc -l < "$DIR/keywords.txt") keywords, $(wc -l < "$DIR/rules.tsv") rules"

# timed CMD...: run CMD (its stdout to $DIR/out); SEC = wall seconds, CPU = CPU seconds (user +
# system, every process of CMD). A shared machine stretches wall time; CPU time shows the work.
timed() {
	/usr/bin/time -f '%e %U %S' -o "$DIR/time" "$@" > "$DIR/out"
	read -r SEC u s < "$DIR/time"
	CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }

# Ours.
build/bench/classify "$DIR/rules.tsv" "$DIR/text.txt" "$DIR/codes.txt" "$DIR/keywords.txt" "$SAMPLE" > "$DIR/ours.txt"
get() { sed -n "s/^$1=//p" "$DIR/ours.txt"; }
OURS=$(get classify_2t_mbs)
OURS_CPU=$(get classify_mb_per_cpu_sec)
echo "classify jiqun: $OURS MB/s on 2 threads ($(get classify_1t_mbs) MB/s on 1; $OURS_CPU MB per CPU-second), $(get members) of $(get lines) enterprises in an industry, $(get memberships) memberships; automaton $(get states) states, $(get alphabet) characters, $(get table_bytes) bytes, built in $(get build_sec) s"

# grep -F -o: leftmost-longest non-overlapping matches, counted through a pipe.
timed sh -c 'LC_ALL=C grep -F -o -f "$1/keywords.txt" "$1/text.txt" | wc -l' sh "$DIR"
G_COUNT=$(tr -d ' ' < "$DIR/out")
[ "$G_COUNT" = "$(get leftmost_longest)" ] || fail "grep -F -o found $G_COUNT matches, ours (leftmost-longest, non-overlapping) $(get leftmost_longest)"
G_MBS=$(mbs "$BYTES" "$SEC")
G_CPU=$(mbs "$BYTES" "$CPU")
echo "classify grep -F -o: $G_MBS MB/s ($SEC s; $G_CPU MB per CPU-second), $G_COUNT matches = ours"

# python3-ahocorasick: every occurrence.
/usr/bin/python3 bench/classify_ac.py "$DIR/keywords.txt" "$DIR/text.txt" > "$DIR/py.txt"
read -r P_COUNT P_SEC P_CPU_SEC < "$DIR/py.txt"
[ "$P_COUNT" = "$(get overlapping)" ] || fail "python3-ahocorasick found $P_COUNT occurrences, ours $(get overlapping)"
P_MBS=$(mbs "$BYTES" "$P_SEC")
P_CPU=$(mbs "$BYTES" "$P_CPU_SEC")
echo "classify python3-ahocorasick: $P_MBS MB/s ($P_SEC s; $P_CPU MB per CPU-second), $P_COUNT occurrences = ours"

# SQLite instr on a sample.
head -n "$SAMPLE" "$DIR/text.txt" > "$DIR/sample.txt"
S_BYTES=$(wc -c < "$DIR/sample.txt")
sqlite3 "$DIR/s.db" "CREATE TABLE t (text TEXT); CREATE TABLE k (kw TEXT);" \
	".mode ascii" ".separator \"\\t\" \"\\n\"" ".import $DIR/sample.txt t" ".import $DIR/keywords.txt k"
timed sqlite3 "$DIR/s.db" "SELECT count(*) FROM t JOIN k ON instr(t.text, k.kw) > 0;"
S_SEC=$SEC
S_COUNT=$(cat "$DIR/out")
[ "$S_COUNT" = "$(get sample_pairs)" ] || fail "SQLite instr found $S_COUNT (line, keyword) pairs in the sample, ours $(get sample_pairs)"
S_MBS=$(awk -v b="$S_BYTES" -v s="$S_SEC" 'BEGIN { printf "%.3f", b / s / 1e6 }')
echo "classify SQLite instr: $S_MBS MB/s on a sample of $SAMPLE lines ($S_SEC s; the full text would take ~$(awk -v s="$S_SEC" -v n="$N" -v m="$SAMPLE" 'BEGIN { printf "%.0f", s * n / m }') s), $S_COUNT (line, keyword) pairs = ours"

awk -v o="$OURS" -v g="$G_MBS" -v p="$P_MBS" -v s="$S_MBS" -v c="$(nproc)" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
	printf "classify ratio (%d cores, load %s): jiqun / grep -F -o = %.2fx (target >= 3x), jiqun / python3-ahocorasick = %.2fx (target >= 10x), jiqun / SQLite instr = %.0fx\n", c, l, o / g, o / p, s > 0 ? o / s : 0
}'
awk -v o="$OURS_CPU" -v g="$G_CPU" -v p="$P_CPU" 'BEGIN {
	printf "classify work per CPU-second (what load does not stretch): jiqun / grep -F -o = %.2fx, jiqun / python3-ahocorasick = %.2fx\n", o / g, o / p
}'
