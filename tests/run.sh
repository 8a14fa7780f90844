#!/bin/sh
# run.sh - run the test suites against the sanitizer build and print one closing line,
# "N passed, N failed"; exit 1 when anything failed. `make test` builds first and calls this.
# SUITES chooses suites (default: all). Logs of each suite go to build/test-logs/.
set -u
cd "$(dirname "$0")/.."
SUITES=${SUITES:-"unit catalog integration browser fuzz lint"}
export JIQUN_BIN=${JIQUN_BIN:-build/san/jiqun}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
LOGS=build/test-logs
mkdir -p "$LOGS"
passed=0
failed=0

# count NAME PASS FAIL: add a suite's counts and report it.
count() {
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '%-28s %4d passed, %d failed\n' "$1" "$2" "$3"
}

# node_suite NAME DIR...: run node's test runner (TAP) and read its "# pass" / "# fail" totals.
node_suite() {
	name=$1; shift
	log="$LOGS/$name.log"
	node --test --test-reporter=tap --test-concurrency=1 "$@" > "$log" 2>&1
	status=$?
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	p=${p:-0}; f=${f:-0}
	# A runner that died before reporting still counts as a failure.
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then grep -E '^not ok|^ *(error|message|expected|actual|stack):' "$log" | head -n 60; fi
	count "$name" "$p" "$f"
}

# check NAME COMMAND...: a single pass/fail step (linters, source checks).
check() {
	name=$1; shift
	log="$LOGS/$(echo "$name" | tr / _).log"
	if "$@" > "$log" 2>&1; then count "$name" 1 0; else head -n 40 "$log"; count "$name" 0 1; fi
}

for suite in $SUITES; do
	case $suite in
	unit)
		for bin in $(find build/san/unit -type f -perm -u+x 2>/dev/null | LC_ALL=C sort); do
			name=unit/${bin#build/san/unit/}
			log="$LOGS/$(echo "$name" | tr / _).log"
			CMOCKA_MESSAGE_OUTPUT=TAP "$bin" > "$log" 2>&1
			status=$?
			p=$(grep -c '^ok ' "$log")
			f=$(grep -c '^not ok ' "$log")
			if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
			if [ "$f" -ne 0 ]; then grep -v '^ok ' "$log" | head -n 40; fi
			count "$name" "$p" "$f"
		done
		;;
	catalog) node_suite catalog tests/catalog/ ;;
	integration) node_suite integration tests/integration/ ;;
	browser) node_suite browser tests/browser/ ;;
	lint)
		check lint/checksrc tests/checksrc.sh
		check lint/cppcheck make --no-print-directory cppcheck
		check lint/clang-tidy make --no-print-directory tidy
		;;
	fuzz)
		# Each libFuzzer target for FUZZ_SECONDS (default 10; `make fuzz` gives 60) from its seeds,
		# new inputs going to a scratch directory, after replaying the inputs of past findings
		# (fuzz/regress/<target>/, each a crash that was fixed). A finding is saved under
		# build/fuzz/findings/ and fails the suite.
		mkdir -p build/fuzz/findings
		for t in http json csv xlsx; do
			bin=build/fuzz/fuzz_$t
			log="$LOGS/fuzz_$t.log"
			if [ ! -x "$bin" ]; then echo "fuzz/$t: $bin not built (make fuzz-build)"; count "fuzz/$t" 0 1; continue; fi
			ok=1
			if [ -d "fuzz/regress/$t" ] && [ -n "$(ls "fuzz/regress/$t")" ]; then
				"$bin" "fuzz/regress/$t"/* > "$log.regress" 2>&1 || { ok=0; tail -n 40 "$log.regress"; }
			fi
			scratch=$(mktemp -d)
			case $t in csv|xlsx) max=65536 ;; *) max=16384 ;; esac
			if [ $ok = 1 ]; then
				"$bin" -max_total_time="${FUZZ_SECONDS:-10}" -max_len=$max -timeout=60 -rss_limit_mb=3072 \
					-print_final_stats=1 -artifact_prefix="build/fuzz/findings/$t-" \
					"$scratch" "fuzz/corpus/$t" > "$log" 2>&1 || { ok=0; grep -A 30 -E '^==[0-9]+==|ERROR|Test unit written' "$log" | head -n 60; }
				grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$log" | tail -n 1
			fi
			rm -rf "$scratch"
			if [ $ok = 1 ]; then count "fuzz/$t" 1 0; else count "fuzz/$t" 0 1; fi
		done
		;;
	*) echo "run.sh: unknown suite $suite" >&2; failed=$((failed + 1)) ;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
