/*
 * fuzz_csv.c - libFuzzer target for CSV: the RFC 4180 reader (io/csv.h) over the input in memory,
 * then the same bytes as a .csv file through io/sheet.h (encoding detection UTF-8 / GB18030,
 * reading in slices, the header row), as every import reads them. Any crash, sanitizer report or
 * broken promise of the headers (a field not NUL-terminated at its length, a row without fields)
 * is a finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "io/csv.h"
#include "io/sheet.h"

static void read_memory(const uint8_t *data, size_t size)
{
	struct csv_reader *r = csv_reader_new(size ? (const char *)data : NULL, size, "fuzz.csv");
	struct csv_row row;
	struct err e = {0};
	static const char *const aliases[] = {"统一社会信用代码", "uscc", NULL};
	bool first = true;
	while (csv_reader_next(r, &row, &e) == ERR_OK) {
		if (row.n == 0 || row.n > CSV_MAX_FIELDS)
			abort();
		for (size_t i = 0; i < row.n; i++)
			if (row.field[i][row.len[i]] != '\0' || row.len[i] > CSV_MAX_FIELD)
				abort();
		if (first)
			(void)csv_header_index(&row, aliases);
		first = false;
	}
	if (e.code != ERR_OK && e.msg[0] == '\0')
		abort(); /* an error must say what is wrong */
	csv_reader_free(r);
}

static void read_file(const uint8_t *data, size_t size)
{
	char path[300];
	(void)snprintf(path, sizeof path, "%s/in.csv", fuzz_tmpdir());
	fuzz_write_file(path, data, size);
	struct sheet *s = NULL;
	struct err e = {0};
	const char *const *cells;
	size_t n;
	if (sheet_open(path, NULL, &s, &e) == ERR_OK && sheet_header(s, path, &cells, &n, &e) == ERR_OK) {
		while (sheet_next(s, &cells, &n, &e) == ERR_OK)
			for (size_t i = 0; i < n; i++)
				(void)strlen(cells[i]);
		(void)sheet_row(s);
	}
	sheet_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_memory(data, size);
	read_file(data, size);
	return 0;
}
