/*
 * table.h - aligned text tables for the terminal, measuring Chinese characters as two columns.
 *
 * Cells are UTF-8; widths come from utf8proc's East Asian width data, so a column of 南山 and
 * Nanshan lines up. Invalid UTF-8 counts one column per byte rather than failing. Cells wider than
 * the column's limit are cut with "…". The table owns copies of its cells.
 */
#ifndef JIQUN_IO_TABLE_H
#define JIQUN_IO_TABLE_H

#include <stddef.h>
#include <stdio.h>

struct table;

/* A table with `ncols` columns titled `headers`; `max_width[i]` limits column i (0: no limit). */
struct table *table_new(size_t ncols, const char *const *headers, const size_t *max_width);
/* Add a row of `ncols` cells (NULL prints as empty). */
void table_add(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *out);
void table_free(struct table *t);

/* Display width of a UTF-8 string in terminal columns. */
size_t text_width(const char *s);

#endif
