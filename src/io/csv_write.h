/*
 * csv_write.h - writing CSV as Excel reads it: UTF-8 with a BOM (so Excel on a Chinese Windows
 * does not guess GBK), CRLF line ends, fields quoted when they hold a comma, quote or line break.
 * The reader of the same format is csv.h. Not for: choosing columns (exchange/).
 */
#ifndef JIQUN_IO_CSV_WRITE_H
#define JIQUN_IO_CSV_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write the UTF-8 byte order mark; call once at the start of a file. */
bool csv_write_bom(FILE *out);
/* Write one record of `n` fields (NULL counts as empty). False on a write error. */
bool csv_write_row(FILE *out, const char *const *fields, size_t n);

#endif
