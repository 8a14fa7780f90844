#!/bin/sh
# deps.sh - install what Jiqun needs to build, run and test, skipping what is already there.
# Debian packages through apt-get (as root, or through sudo), front-end packages through
# `npm ci` from package-lock.json. Safe to run any number of times; quiet when nothing is missing.
set -eu
cd "$(dirname "$0")/.."

# Build: compiler, libraries (cairo + pango for the PDF report). Test: cmocka, linters, browser,
# fonts for screenshots and the PDF (Noto CJK), sqlite3 CLI, poppler-utils (pdftoppm checks PDFs).
PKGS="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libutf8proc-dev
zlib1g-dev libcmocka-dev cppcheck clang-tidy chromium fonts-noto-cjk sqlite3 ca-certificates
libzip-dev libexpat1-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev poppler-utils"
# Benchmarks only (`make bench` runs BENCH=1 scripts/deps.sh): the baselines they compare against.
BENCH_PKGS="postgresql python3-pandas python3-ahocorasick time"
if [ "${BENCH:-}" = 1 ]; then PKGS="$PKGS $BENCH_PKGS"; fi
# Node.js may come from elsewhere on the machine; install Debian's only when there is none.
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "deps: installing Debian packages:$missing" >&2
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { echo "deps: run as root or install:$missing" >&2; exit 1; }
		SUDO=sudo
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q >&2
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing >&2
fi

# npm packages (ECharts for the dashboard, playwright-core for browser tests), pinned by the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: installing npm packages from package-lock.json" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2
fi

# Benchmark-only npm packages (DuckDB for the cube benchmark), pinned by bench/package-lock.json.
if [ "${BENCH:-}" = 1 ] && { [ ! -f bench/node_modules/.package-lock.json ] ||
	[ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; }; then
	echo "deps: installing benchmark npm packages from bench/package-lock.json" >&2
	npm ci --prefix bench --no-audit --no-fund --loglevel=error >&2
fi
