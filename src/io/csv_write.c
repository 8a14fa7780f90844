/* csv_write.c - CSV out, as Excel reads it; see csv_write.h. */
#include "io/csv_write.h"

#include <string.h>

bool csv_write_bom(FILE *out)
{
	return fwrite("\xef\xbb\xbf", 1, 3, out) == 3;
}

static bool write_field(FILE *out, const char *s)
{
	if (s == NULL || strpbrk(s, ",\"\r\n") == NULL)
		return s == NULL || fputs(s, out) >= 0;
	if (fputc('"', out) == EOF)
		return false;
	for (; *s; s++) {
		if (*s == '"' && fputc('"', out) == EOF)
			return false;
		if (fputc(*s, out) == EOF)
			return false;
	}
	return fputc('"', out) != EOF;
}

bool csv_write_row(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i && fputc(',', out) == EOF)
			return false;
		if (!write_field(out, fields[i]))
			return false;
	}
	return fputs("\r\n", out) >= 0;
}
