#!/bin/sh
# checksrc.sh - promises the compiler does not check (see HACKING.md, "Rules the build enforces"):
#  1. no banned functions (unbounded or error-hiding: atoi, sprintf, strcpy, strcat, gets, strtok);
#  2. every source file opens with a comment saying what it is for;
#  3. layering: only store/ talks SQL or includes sqlite3.h; only http/ includes microhttpd.h;
#     engine/, model/ and catalog/ include neither; model/ does no I/O (no FILE, no printing).
set -u
cd "$(dirname "$0")/.."
bad=0
fail() { echo "checksrc: $*"; bad=1; }

for f in $(find src fuzz -name '*.[ch]' | LC_ALL=C sort); do
	grep -nE '\b(atoi|atol|atof|sprintf|vsprintf|strcpy|strcat|gets|strtok)\s*\(' "$f" |
		grep -vE '^[0-9]+:\s*(\*|/\*|//)' | while IFS= read -r l; do echo "checksrc: $f:$l: banned function"; done | grep . && bad=1
	head -n 1 "$f" | grep -qE '^\s*/\*' || fail "$f: must open with a comment saying what it is for"
	case $f in
	src/store/*) ;;
	*) grep -nE '#include <sqlite3.h>|"(SELECT|INSERT|UPDATE|DELETE|CREATE) ' "$f" && fail "$f: SQL outside src/store/" ;;
	esac
	case $f in
	src/http/*) ;;
	*) grep -n '#include <microhttpd.h>' "$f" && fail "$f: libmicrohttpd outside src/http/" ;;
	esac
	case $f in
	src/model/*) grep -nE '\b(FILE|fopen|fread|fwrite|fputs|puts|printf|fprintf)\b' "$f" && fail "$f: model/ does no I/O" ;;
	esac
done
exit $bad
