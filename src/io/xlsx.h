/*
 * xlsx.h - reading and writing the .xlsx workbooks officials send and receive (enterprise lists,
 * project lists, ...), as rows of UTF-8 strings, so an import treats a CSV and an XLSX alike.
 *
 * It is for one sheet of plain values at a time. It is not a spreadsheet model: formulas are read
 * as their cached values and never written, formatting is not read, and only the styles the lists
 * need are written (bold frozen header, autofilter, column widths, number and date formats).
 *
 * Reading is our own reader on libzip + expat. The sheet is streamed through expat in 64 KiB
 * chunks, so memory does not grow with the number of rows; the shared strings are held. Limits
 * against zip bombs and hostile files: no part may be larger than XLSX_MAX_PART uncompressed
 * (declared or actually inflated), at most XLSX_MAX_SHARED_STRINGS shared strings, at most
 * XLSX_MAX_COLUMNS columns in a row. Cell values: text (shared, inline, rich text runs joined),
 * booleans as TRUE / FALSE, numbers exactly as stored in the file (no re-formatting, so
 * "12345678901" stays as is), dates (a number whose style is a date format) as "YYYY-MM-DD", or
 * "YYYY-MM-DD HH:MM:SS" when the format shows a time of day and the value has one. Numbers in
 * time-only formats (h:mm) stay numbers. Both the 1900 (with Excel's fake 1900-02-29) and the 1904
 * date systems are honoured.
 *
 * Writing uses libxlsxwriter in constant_memory mode: rows go to disk as they come, in order.
 * Text that looks numeric but is not a number (credit codes, tickers like "000001") must be passed
 * as XLSX_TEXT; the writer never guesses.
 *
 * Ownership: xlsx_reader_open gives a reader the caller frees with xlsx_reader_free; the views in a
 * struct xlsx_row belong to the reader and are valid until the next xlsx_reader_next or free.
 * xlsx_writer_open gives a writer that xlsx_writer_close (writes the file, then frees) or
 * xlsx_writer_free (abandons it, writes nothing) releases; the writer copies what it is given.
 * Messages are in Chinese with English in parentheses and name the file, part, row and column.
 */
#ifndef JIQUN_IO_XLSX_H
#define JIQUN_IO_XLSX_H

#include <stddef.h>

#include "base/err.h"

/* Largest uncompressed size of any part of the zip (256 MiB); larger ones are ERR_REJECTED. */
#define XLSX_MAX_PART ((size_t)256 << 20)
/* Most shared strings a workbook may have. */
#define XLSX_MAX_SHARED_STRINGS ((size_t)10 * 1000 * 1000)
/* Most columns in a row (Excel's own limit, column XFD). */
#define XLSX_MAX_COLUMNS 16384u
/* Most rows in a sheet (Excel's own limit). */
#define XLSX_MAX_ROWS 1048576u

/* ---- reading ---- */

struct xlsx_reader;

struct xlsx_row {
	const char **cells;  /* n cells; "" for an empty cell, so columns keep their positions */
	size_t n;            /* up to the last non-empty cell */
	unsigned row_number; /* 1-based, as Excel shows it */
};

/*
 * Open the workbook at `path` and its sheet named `sheet` (NULL: the first sheet). Errors:
 * ERR_IO (cannot read the file), ERR_REJECTED (not a zip, not a workbook, a part too large or
 * malformed), ERR_NOT_FOUND (no such sheet; the message lists the sheets there are).
 */
enum err_code xlsx_reader_open(const char *path, const char *sheet, struct xlsx_reader **out,
			       struct err *e);
/*
 * The next row that has at least one non-empty cell, in file order; ERR_NOT_FOUND after the last.
 * ERR_REJECTED when the sheet is malformed or breaks a limit (the message names the row).
 */
enum err_code xlsx_reader_next(struct xlsx_reader *r, struct xlsx_row *row, struct err *e);
void xlsx_reader_free(struct xlsx_reader *r);

/*
 * Tests only: lower the per-part limit (0 restores XLSX_MAX_PART), so a test need not build a
 * 256 MiB entry. Not thread-safe; never called outside tests/unit.
 */
void xlsx_set_limit_for_tests(size_t max_part);

/* ---- writing ---- */

struct xlsx_writer;

enum xlsx_kind {
	XLSX_EMPTY,  /* nothing in the cell */
	XLSX_TEXT,   /* `text` as a string, even when it looks like a number */
	XLSX_NUMBER, /* `number`, in the column's number format (see xlsx_writer_number_format) */
	XLSX_DATE    /* `text` "YYYY-MM-DD", written as a real Excel date shown yyyy-mm-dd */
};

struct xlsx_cell {
	enum xlsx_kind kind;
	const char *text; /* XLSX_TEXT, XLSX_DATE (NULL counts as empty) */
	double number;    /* XLSX_NUMBER; must be finite */
};

/* Start a workbook at `path` with one sheet `sheet_name` (NULL: "Sheet1"); the file is written
 * by xlsx_writer_close. */
enum err_code xlsx_writer_open(const char *path, const char *sheet_name, struct xlsx_writer **out,
			       struct err *e);
/* Write the header row: bold, frozen, with an autofilter over its columns added at close. Call it
 * first, at most once (a sheet without a header is allowed). */
enum err_code xlsx_writer_header(struct xlsx_writer *w, const char *const *names, size_t n,
				 struct err *e);
/* Show XLSX_NUMBER cells of column `col` (0-based) in Excel format `fmt`, e.g. "#,##0.00";
 * applies to rows written after the call. Without one numbers show as Excel's General. */
enum err_code xlsx_writer_number_format(struct xlsx_writer *w, size_t col, const char *fmt,
					struct err *e);
/* Append a row of `n` cells. ERR_INVALID for a bad date, non-finite number, invalid UTF-8, text
 * longer than Excel's 32767 characters or too many rows or columns (naming the row and column). */
enum err_code xlsx_writer_row(struct xlsx_writer *w, const struct xlsx_cell *cells, size_t n,
			      struct err *e);
/* Finish the current sheet (column widths, autofilter) and start a new one named `name`; what
 * follows (header, number formats, rows) goes to it. ERR_INVALID for a bad or repeated name. */
enum err_code xlsx_writer_sheet(struct xlsx_writer *w, const char *name, struct err *e);
/* Record `created` (seconds since 1970, UTC) as the workbook's creation time instead of the
 * clock's, so the same content gives the same file byte for byte. */
void xlsx_writer_created(struct xlsx_writer *w, long long created);
/* Set column widths (CJK counts as two), add the autofilter, write the file and free `w`, even on
 * failure. */
enum err_code xlsx_writer_close(struct xlsx_writer *w, struct err *e);
/* Abandon a writer without writing the file. */
void xlsx_writer_free(struct xlsx_writer *w);

#endif
