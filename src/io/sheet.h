/*
 * sheet.h - the rows of an official's CSV or XLSX file as text cells, whatever the file's form:
 * CSV in UTF-8 (with or without BOM) or GB18030/GBK as Excel saves it, read in slices so memory
 * does not grow with the file; XLSX through the streaming reader (io/xlsx.h). Every import
 * (lists, indicators) reads its file through this, so they accept the same files.
 *
 * Ownership: sheet_open always sets *out (also on failure); sheet_close frees it (NULL allowed).
 * The cells of a row belong to the sheet and stay valid until the next sheet_next or sheet_close.
 */
#ifndef JIQUN_IO_SHEET_H
#define JIQUN_IO_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct sheet;

/* Whether `path` ends in .csv or .xlsx (any case); *xlsx says which. */
bool sheet_format_of(const char *path, bool *xlsx /* OUT */);

/* Open `path`; `sheet` names the XLSX sheet (NULL: the first). ERR_USAGE for another extension. */
enum err_code sheet_open(const char *path, const char *sheet, struct sheet **out /* OUT */,
                         struct err *e);

/* The next row's cells; ERR_NOT_FOUND at the end, ERR_REJECTED for a malformed file. */
enum err_code sheet_next(struct sheet *s, const char *const **cells /* OUT */, size_t *n /* OUT */,
                         struct err *e);

/*
 * The header row (the first row): like sheet_next, but an empty file is ERR_REJECTED with a
 * message naming `path`, as every import reports it.
 */
enum err_code sheet_header(struct sheet *s, const char *path, const char *const **cells /* OUT */,
                           size_t *n /* OUT */, struct err *e);

/* The row number of the row last read, as the official sees it in Excel. */
unsigned sheet_row(const struct sheet *s);

void sheet_close(struct sheet *s);

#endif
