#!/bin/sh
# http.sh - `BENCH_ONLY=http make bench`: the HTTP server under load, against nginx serving the
# same JSON body as a static file in the same run, on the same machine (loopback ports).
#
#  1. read: wrk against GET /api/v1/programme (the programme summary) and against nginx's copy of
#     the same bytes, BENCH_CONNECTIONS (64) connections, BENCH_HTTP_SECONDS (15) each: requests/s,
#     p99 latency, errors, and the ratio jiqun / nginx. Target: >= 0.9x, p99 < 10 ms, no errors.
#  2. mixed: 90% reads, 10% PUTs of a list record (bench/http_mixed.lua; JIQUN_BENCH_TOKEN is sent
#     as a bearer token; refused writes are reported and the run goes on reading).
#  3. soak: the mixed load for BENCH_SOAK_SECONDS (300 under `make bench`; 0 skips), with the
#     server's resident memory (VmRSS from /proc) after warm-up and at the end.
# wrk, the server and nginx share the machine's cores (nproc is printed first by bench/run.sh):
# the figures are for that, loaded, machine, not a server alone on its own cores.
set -eu
cd "$(dirname "$0")/.."
BIN=${JIQUN_BIN:-build/jiqun}
CONNS=${BENCH_CONNECTIONS:-64}
SECS=${BENCH_HTTP_SECONDS:-15}
SOAK=${BENCH_SOAK_SECONDS:-300}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
for tool in wrk nginx curl; do
	command -v "$tool" > /dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] ||
		{ echo "bench http: $tool is missing: run BENCH=1 scripts/deps.sh" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DIR=$(mktemp -d)
JPID=
cleanup() {
	[ -n "$JPID" ] && kill "$JPID" 2> /dev/null && wait "$JPID" 2> /dev/null
	[ -f "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2> /dev/null
	sleep 0.2
	rm -rf "$DIR"
}
trap cleanup EXIT
# nginx's workers drop root; they must be able to read the file.
chmod 755 "$DIR"

# free_port: a TCP port nothing listens on (from a range, checked with ss).
free_port() {
	p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 30000))
	while ss -ltn | grep -q ":$p "; do p=$((p + 1)); done
	echo "$p"
}

"$BIN" init --db "$DIR/j.db" > /dev/null
"$BIN" demo --db "$DIR/j.db" > /dev/null
JPORT=$(free_port)
"$BIN" serve --db "$DIR/j.db" --port "$JPORT" ${BENCH_SERVE_ARGS:-} > "$DIR/serve.log" 2>&1 &
JPID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$JPORT/healthz" > /dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$JPORT"

mkdir -p "$DIR/www"
curl -sf "$BASE/api/v1/programme" > "$DIR/www/programme.json"
chmod 644 "$DIR/www/programme.json"
NPORT=$(free_port)
[ "$NPORT" = "$JPORT" ] && NPORT=$((NPORT + 1))
cat > "$DIR/nginx.conf" << CONF
worker_processes auto;
pid $DIR/nginx.pid;
error_log $DIR/nginx.err warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	sendfile on;
	tcp_nopush on;
	open_file_cache max=16 inactive=600s;
	open_file_cache_valid 600s;
	types { application/json json; }
	client_body_temp_path $DIR/nginx-tmp;
	proxy_temp_path $DIR/nginx-tmp;
	fastcgi_temp_path $DIR/nginx-tmp;
	uwsgi_temp_path $DIR/nginx-tmp;
	scgi_temp_path $DIR/nginx-tmp;
	server {
		listen 127.0.0.1:$NPORT;
		root $DIR/www;
		etag on;
	}
}
CONF
"$NGINX" -p "$DIR" -c "$DIR/nginx.conf"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NPORT/programme.json" > /dev/null && break; sleep 0.1; done
SIZE=$(wc -c < "$DIR/www/programme.json")
echo "http: GET /api/v1/programme, ${SIZE} bytes of JSON; nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') serves the same file; $CONNS connections, ${SECS} s each, wrk -t$WRK_THREADS on the same $(nproc) cores"

# run_wrk NAME URL [wrk args...]: run wrk, keep its output in $DIR/NAME.out.
run_wrk() {
	name=$1; url=$2; shift 2
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${SECS}s" --latency "$@" "$url" > "$DIR/$name.out" 2>&1
}
# rps NAME, p99 NAME (ms), p50 NAME (ms), errors NAME: read wrk's report.
rps() { awk '/^Requests\/sec:/ {print $2}' "$DIR/$1.out"; }
p99() { pct 99% "$1"; }
p50() { pct 50% "$1"; }
pct() {
	awk -v q="$1" '$1 == q { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
		else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$DIR/$2.out"
}
errors() {
	awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 4; i <= NF; i += 2) {gsub(/,/, "", $i); n += $i}}
		END {print n + 0}' "$DIR/$1.out"
}

# cpu WHO: CPU ticks used so far by jiqun (all threads) or nginx (its workers).
cpu() {
	if [ "$1" = jiqun ]; then pids=$JPID; else pids=$(pgrep -P "$(cat "$DIR/nginx.pid")"); fi
	t=0
	for p in $pids; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
	echo "$t"
}
# Warm both (first requests open the database, compute the cached body, fault pages in).
wrk -t1 -c4 -d2s "$BASE/api/v1/programme" > /dev/null 2>&1
wrk -t1 -c4 -d2s "http://127.0.0.1:$NPORT/programme.json" > /dev/null 2>&1
# Other work on the machine moves both rates a lot from one run to the next: alternate the two
# BENCH_HTTP_ROUNDS times and compare each round's pair, and also the CPU time each server spent
# per request (/proc/PID/stat), which depends much less on what else runs.
ROUNDS=${BENCH_HTTP_ROUNDS:-3}
TCK=$(getconf CLK_TCK)
: > "$DIR/rounds"
for r in $(seq "$ROUNDS"); do
	for n in nginx jiqun; do
		url="$BASE/api/v1/programme"
		[ $n = nginx ] && url="http://127.0.0.1:$NPORT/programme.json"
		c0=$(cpu $n)
		run_wrk $n "$url"
		c1=$(cpu $n)
		us=$(awk -v c=$((c1 - c0)) -v t="$TCK" -v r="$(rps $n)" -v s="$SECS" 'BEGIN { printf "%.1f", c / t * 1e6 / (r * s) }')
		printf 'http read round %d %-6s %8.0f requests/s  p50 %6s ms  p99 %6s ms  errors %s  CPU %s us/request\n' \
			"$r" "$n" "$(rps $n)" "$(p50 $n)" "$(p99 $n)" "$(errors $n)" "$us"
		echo "$r $n $(rps $n) $(p99 $n) $(errors $n) $us" >> "$DIR/rounds"
	done
done
# The medians over the rounds of the jiqun / nginx ratio, jiqun's p99, errors and the CPU ratio.
awk 'function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
		if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	$2 == "nginx" { nr[$1] = $3; np[$1] = $4; nc[$1] = $6 }
	$2 == "jiqun" { k++; ratio[k] = $3 / nr[$1]; jp[k] = $4; npk[k] = np[$1]; cr[k] = nc[$1] / $6; err += $5 }
	END {
		r = median(ratio, k); p = median(jp, k); q = median(npk, k); c = median(cr, k)
		printf "http read ratio (median of %d rounds): jiqun / nginx = %.2fx requests/s (target >= 0.9x); " \
			"CPU per request nginx / jiqun = %.2fx; jiqun p99 %.2f ms (nginx %.2f ms; target < 10 ms); %d errors\n", k, r, c, p, q, err
		printf "http read target: %s\n", (r >= 0.9 && p < 10 && err == 0) ? "met" : \
			"NOT met" (p >= 10 ? " (p99: see nginx p99 on the same loaded machine)" : "")
	}' "$DIR/rounds"

# Mixed: replace one orgs record with itself, 1 request in 10, as a city admin with an API token
# (writes need an account; JIQUN_BENCH_TOKEN from the environment wins, for a server of your own).
if [ -z "${JIQUN_BENCH_TOKEN:-}" ]; then
	echo 'bench-http-password' | "$BIN" user add bench-http --role city-admin --password-stdin --db "$DIR/j.db" > /dev/null
	JIQUN_BENCH_TOKEN=$("$BIN" user token bench-http --db "$DIR/j.db")
	export JIQUN_BENCH_TOKEN
fi
ID=$(curl -sf "$BASE/api/v1/lists/orgs?limit=1" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
[ -n "$ID" ] || { echo "bench http: no orgs record to write" >&2; exit 1; }
curl -sf "$BASE/api/v1/lists/orgs/$ID" |
	sed -e 's/"id":[0-9]*,//' -e 's/,"source":[^,}]*//' -e 's/,"demo":[a-z]*//' > "$DIR/record.json"
export BENCH_WRITE_PATH="/api/v1/lists/orgs/$ID" BENCH_WRITE_BODY_FILE="$DIR/record.json"
run_wrk mixed "$BASE/api/v1/programme" -s bench/http_mixed.lua
grep '^mixed:' "$DIR/mixed.out" || true
printf 'http mixed (90%% GET summary, 10%% PUT orgs/%s): %.0f requests/s  p99 %s ms  errors %s\n' \
	"$ID" "$(rps mixed)" "$(p99 mixed)" "$(errors mixed)"

# rss: the server's resident memory in KiB.
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$JPID/status"; }
if [ "$SOAK" -gt 0 ]; then
	start=$(rss)
	SECS=$SOAK run_wrk soak "$BASE/api/v1/programme" -s bench/http_mixed.lua
	end=$(rss)
	grep '^mixed:' "$DIR/soak.out" || true
	printf 'http soak %s s (mixed): %.0f requests/s  p99 %s ms  errors %s; jiqun RSS %d KiB at start, %d KiB at end (%+d KiB)\n' \
		"$SOAK" "$(rps soak)" "$(p99 soak)" "$(errors soak)" "$start" "$end" $((end - start))
fi
kill "$JPID"
wait "$JPID" || { echo "bench http: the server did not exit cleanly" >&2; cat "$DIR/serve.log" >&2; exit 1; }
JPID=
