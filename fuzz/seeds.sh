#!/bin/sh
# seeds.sh - regenerate the small seed corpora in fuzz/corpus/<target>/ from the real thing: a demo
# database's records (JSON bodies, one per list), its CSV and XLSX exports cut to a few rows, and
# hand-written HTTP requests. Run from anywhere after `make build/jiqun`; needs curl and unzip.
# The seeds are committed; rerun this when the lists or the file formats change.
set -eu
cd "$(dirname "$0")/.."
BIN=${JIQUN_BIN:-build/jiqun}
C=fuzz/corpus
DIR=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
rm -rf "$C"
mkdir -p "$C/http" "$C/json" "$C/csv" "$C/xlsx"

"$BIN" init --db "$DIR/j.db" > /dev/null
"$BIN" demo --db "$DIR/j.db" > /dev/null
PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$DIR/j.db" --port "$PORT" --threads 1 > /dev/null 2>&1 &
PID=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break
	sleep 0.5
done

# JSON bodies: the first byte picks the list (its index in lists_all), the rest is one record as
# the API answers it, without id, source and demo.
i=0
for l in enterprises listings leads projects platforms policies orgs fund_investments parks \
	park_zones park_progress; do
	curl -sf "http://127.0.0.1:$PORT/api/v1/lists/$l?limit=1" |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).items[0]||{};
			delete r.id;delete r.source;delete r.demo;process.stdout.write(JSON.stringify(r));});' > "$DIR/body"
	{ printf "\\$(printf '%03o' "$i")"; cat "$DIR/body"; } > "$C/json/$l"
	i=$((i + 1))
done
printf '\003{"name": 1, "name": 2}' > "$C/json/duplicate-key"
printf '\003[1, 2, {"a": null}]' > "$C/json/array"
printf '\000{"uscc": "91440300MA5ABCDE1X", "name": "\\u6df1\\u5733", "registered_capital": 1e308}' > "$C/json/numbers"

# HTTP: requests as a client sends them, some pipelined, one with a body per write method.
crlf() { sed 's/$/\r/'; }
printf 'GET /healthz HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/healthz"
printf 'GET /api/v1/programme HTTP/1.1\nHost: x\nAccept-Encoding: gzip\nIf-None-Match: "0000000000000000-gz"\n\n' | crlf > "$C/http/programme-gzip"
printf 'GET /api/v1/industries?kind=future&limit=2&offset=1 HTTP/1.1\nHost: x\n\nGET /api/v1/districts/nanshan HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/pipelined"
printf 'GET /api/v1/lists/projects?q=%%E5%%8D%%97&sort=name&order=desc&limit=3 HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/list-query"
printf 'GET /api/v1/stats?period=2025 HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/stats"
printf 'GET /%%2e%%2e/%%2e%%2e/etc/passwd HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/traversal"
printf 'GET /index.html HTTP/1.0\n\n' | crlf > "$C/http/static-http10"
body=$(tail -c +2 "$C/json/projects")
len=$(printf '%s' "$body" | wc -c)
{ printf 'POST /api/v1/lists/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' "$len"; printf '%s' "$body"; } > "$C/http/post-record"
{ printf 'PUT /api/v1/lists/projects/1 HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n' "$len"; printf '%s' "$body"; } > "$C/http/put-record"
{ printf 'POST /api/v1/lists/orgs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"na"\r\n3\r\nme"\r\n0\r\n\r\n'; } > "$C/http/post-chunked"
printf 'DELETE /api/v1/lists/leads/2 HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/delete-record"
printf 'GET /api/v1/lists/parks/export?format=csv HTTP/1.1\nHost: x\n\n' | crlf > "$C/http/export"

# CSV: each list's export cut to its header and three records; one in GB18030 as Excel saves it.
for l in enterprises projects leads platforms orgs; do
	"$BIN" export "$l" --db "$DIR/j.db" | head -n 4 > "$C/csv/$l.csv"
done
iconv -f UTF-8 -t GB18030 < "$C/csv/projects.csv" | tail -c +4 > "$C/csv/projects-gb18030.csv" || true
printf 'a,"b ""quoted"", with comma",c\r\n1,"line\nbreak",3\r\n\r\n"unclosed\n' > "$C/csv/quoting.csv"

# XLSX: whole small workbooks (first byte even) and their XML parts (first byte odd, see fuzz_xlsx.c).
for l in projects platforms; do
	"$BIN" export "$l" --template --format xlsx --out "$DIR/$l.xlsx" --db "$DIR/j.db" > /dev/null
	{ printf '\000'; cat "$DIR/$l.xlsx"; } > "$C/xlsx/$l-template.xlsx"
done
"$BIN" export parks --format xlsx --out "$DIR/p.xlsx" --db "$DIR/j.db" > /dev/null
{ printf '\000'; cat "$DIR/p.xlsx"; } > "$C/xlsx/parks.xlsx"
for f in p; do
	{
		printf '\001'
		for part in xl/worksheets/sheet1.xml xl/sharedStrings.xml xl/styles.xml xl/workbook.xml \
			xl/_rels/workbook.xml.rels; do
			unzip -p "$DIR/$f.xlsx" "$part" 2> /dev/null || true
			[ "$part" = xl/_rels/workbook.xml.rels ] || printf '\n--\n'
		done
	} > "$C/xlsx/parts-$f"
done
printf '\001<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="B1" s="0"><v>45000.5</v></c><c r="C1" t="b"><v>1</v></c></row></sheetData></worksheet>' > "$C/xlsx/parts-inline"
du -sh "$C"/*
