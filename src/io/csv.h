/*
 * csv.h - an RFC 4180 reader over a UTF-8 buffer in memory, under the list imports (enterprises,
 * projects, ...).
 *
 * It is for comma-separated files as Excel and WPS save them: CRLF, LF or lone CR line ends; quoted
 * fields holding commas, line breaks and doubled quotes; empty fields; blank lines (skipped); a
 * last record with or without a line end; a leading UTF-8 BOM (skipped). It is not for other
 * delimiters, for decoding (io/encoding.h turns a file into UTF-8 first) or for checking UTF-8
 * (encoding_to_utf8 has done that). Malformed input is ERR_INVALID with a message naming the
 * origin, the physical line and the column (1-based field number); after an error the reader
 * returns the same error again. Rows are not checked to have the header's width: imports do that.
 *
 * Ownership: the caller keeps `data` alive and unchanged until csv_reader_free; the reader copies
 * `origin`. A row's fields belong to the reader and stay valid until the next csv_reader_next or
 * csv_reader_free. One buffer per reader is reused for every row (no allocation per field).
 */
#ifndef JIQUN_IO_CSV_H
#define JIQUN_IO_CSV_H

#include <stddef.h>

#include "base/err.h"

#define CSV_MAX_FIELD ((size_t)1 << 20)   /* bytes in one field, quotes removed (1 MiB) */
#define CSV_MAX_FIELDS 1024               /* fields in one record */
#define CSV_MAX_RECORD ((size_t)16 << 20) /* bytes in one record, quotes removed (16 MiB) */

struct csv_reader;

/* One record: n >= 1 fields, each NUL-terminated with quotes removed and "" made ". */
struct csv_row {
	size_t n;
	const char *const *field; /* field[i], i < n */
	const size_t *len;        /* len[i]: bytes in field[i], without the terminator */
};

/* A reader of `len` bytes at `data` (NULL when len is 0); `origin` names it in messages. */
struct csv_reader *csv_reader_new(const char *data, size_t len, const char *origin);
/*
 * Read the next record into *row: ERR_OK, ERR_NOT_FOUND at the end of the input (e untouched), or
 * ERR_INVALID with a message (a quote inside an unquoted field, text after a closing quote, a
 * quoted field never closed, a NUL byte, a field, record or field count over its cap).
 */
enum err_code csv_reader_next(struct csv_reader *r, struct csv_row *row, struct err *e);
/*
 * Continue with the next `len` bytes of the same file, which must start where a record starts
 * (the previous slice ended with a record's line end). Line numbers carry on, so a file can be
 * read in slices with constant memory. The caller keeps `data` alive until the next feed.
 */
void csv_reader_feed(struct csv_reader *r, const char *data, size_t len);
/* The 1-based physical line where the last record read (or failed) started; 0 before the first. */
size_t csv_reader_line(const struct csv_reader *r);
void csv_reader_free(struct csv_reader *r);

/*
 * The index of the header column named by the first of `aliases` (a NULL-terminated list, e.g.
 * {"统一社会信用代码", "uscc", NULL}) that any column has, or -1 when none does. Column names are
 * compared exactly after trimming ASCII white space, full-width (U+3000) and no-break spaces and a
 * BOM from both ends.
 */
int csv_header_index(const struct csv_row *header, const char *const *aliases);

#endif
