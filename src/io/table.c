/* table.c - aligned text tables with East Asian widths; see table.h. */
#include "io/table.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/mem.h"

struct table {
	size_t ncols, nrows;
	char **cells; /* (nrows + 1) x ncols, row 0 the headers */
	size_t *limit;
};

/* Width of one code point, decoding from s; *adv receives its byte length. */
static size_t cp_width(const char *s, size_t len, size_t *adv)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
	if (n <= 0) {
		*adv = 1;
		return 1;
	}
	*adv = (size_t)n;
	int w = utf8proc_charwidth(cp);
	return w < 0 ? 0 : (size_t)w;
}

size_t text_width(const char *s)
{
	size_t w = 0, len = strlen(s), i = 0, adv;
	while (i < len) {
		w += cp_width(s + i, len - i, &adv);
		i += adv;
	}
	return w;
}

/* A copy of s cut to at most `limit` columns, ending in "…" when cut. */
static char *fit(const char *s, size_t limit)
{
	if (s == NULL)
		return xstrdup("");
	if (limit == 0 || text_width(s) <= limit)
		return xstrdup(s);
	size_t w = 0, len = strlen(s), i = 0, adv;
	while (i < len) {
		size_t cw = cp_width(s + i, len - i, &adv);
		if (w + cw > limit - 1)
			break;
		w += cw;
		i += adv;
	}
	char *out = xmalloc(i + sizeof "…");
	memcpy(out, s, i);
	memcpy(out + i, "…", sizeof "…");
	return out;
}

struct table *table_new(size_t ncols, const char *const *headers, const size_t *max_width)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->limit = xcalloc(ncols, sizeof *t->limit);
	if (max_width)
		memcpy(t->limit, max_width, ncols * sizeof *t->limit);
	t->cells = xcalloc(ncols, sizeof *t->cells);
	for (size_t c = 0; c < ncols; c++)
		t->cells[c] = xstrdup(headers[c]);
	return t;
}

void table_add(struct table *t, const char *const *cells)
{
	t->nrows++;
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = fit(cells[c], t->limit[c]);
}

void table_print(const struct table *t, FILE *out)
{
	size_t *w = xcalloc(t->ncols, sizeof *w);
	for (size_t r = 0; r <= t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = text_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t r = 0; r <= t->nrows; r++) {
		struct buf line;
		buf_init(&line, BUF_NO_CAP);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			(void)buf_puts(&line, cell);
			if (c + 1 < t->ncols)
				for (size_t pad = text_width(cell); pad < w[c] + 2; pad++)
					(void)buf_append(&line, " ", 1);
		}
		(void)fprintf(out, "%s\n", buf_str(&line));
		buf_free(&line);
	}
	free(w);
}

void table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->limit);
	free(t);
}
