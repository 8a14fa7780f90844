/*
 * doc.c - building a report document: blocks appended in order, every string copied.
 */
#include "report/doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void doc_init(struct doc *d, const char *title, const char *period, const char *lang,
              const char *generated)
{
	memset(d, 0, sizeof(*d));
	d->title = xstrdup(title ? title : "");
	d->subtitle = xstrdup("");
	d->period = xstrdup(period ? period : "");
	d->lang = xstrdup(lang ? lang : "zh");
	d->generated = xstrdup(generated ? generated : "");
}

static void free_strings(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void block_free(struct doc_block *b)
{
	free(b->text);
	free(b->anchor);
	if (b->kind == DOC_TABLE) {
		struct doc_table *t = &b->table;
		free(t->sheet);
		free(t->title);
		free(t->source);
		free_strings(t->headers, t->ncols);
		free(t->fmts);
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			free((char *)t->cells[i].text);
		free(t->cells);
	} else if (b->kind == DOC_CHART) {
		struct doc_chart *c = &b->chart;
		free(c->title);
		free(c->unit);
		free(c->source);
		free(c->target_label);
		free_strings(c->series, c->nseries);
		free_strings(c->cats, c->ncats);
		free(c->values);
	}
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		block_free(&d->blocks[i]);
	free(d->blocks);
	free(d->title);
	free(d->subtitle);
	free(d->period);
	free(d->lang);
	free(d->generated);
	memset(d, 0, sizeof(*d));
}

static struct doc_block *add(struct doc *d, enum doc_kind kind)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->blocks = xrealloc(d->blocks, d->cap * sizeof(*d->blocks));
	}
	struct doc_block *b = &d->blocks[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

struct doc_block *doc_add_heading(struct doc *d, int level, const char *anchor, const char *text)
{
	struct doc_block *b = add(d, DOC_HEADING);
	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->anchor = xstrdup(anchor ? anchor : "");
	b->text = xstrdup(text ? text : "");
	return b;
}

struct doc_block *doc_add_text(struct doc *d, enum doc_kind kind, const char *text)
{
	struct doc_block *b = add(d, kind);
	b->text = xstrdup(text ? text : "");
	return b;
}

struct doc_block *doc_addf(struct doc *d, enum doc_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[512];
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	struct doc_block *b = add(d, kind);
	if (n >= 0 && (size_t)n < sizeof(small)) {
		b->text = xstrdup(small);
	} else if (n >= 0) {
		b->text = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		(void)vsnprintf(b->text, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else {
		b->text = xstrdup("");
	}
	return b;
}

struct doc_block *doc_add_page_break(struct doc *d)
{
	return add(d, DOC_PAGE_BREAK);
}

static char **copy_strings(const char *const *v, size_t n)
{
	char **out = xcalloc(n ? n : 1, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v && v[i] ? v[i] : "");
	return out;
}

struct doc_block *doc_add_table(struct doc *d, const char *sheet, const char *title,
                                const char *source, size_t ncols, const char *const *headers,
                                const enum doc_numfmt *fmts, size_t nrows)
{
	struct doc_block *b = add(d, DOC_TABLE);
	struct doc_table *t = &b->table;
	t->sheet = xstrdup(sheet ? sheet : "");
	t->title = xstrdup(title ? title : "");
	t->source = xstrdup(source ? source : "");
	t->ncols = ncols;
	t->nrows = nrows;
	t->headers = copy_strings(headers, ncols);
	t->fmts = xcalloc(ncols ? ncols : 1, sizeof(*t->fmts));
	for (size_t i = 0; i < ncols; i++)
		t->fmts[i] = fmts ? fmts[i] : DOC_NUM_D2;
	size_t cells = nrows * ncols;
	t->cells = xcalloc(cells ? cells : 1, sizeof(*t->cells));
	for (size_t i = 0; i < cells; i++)
		t->cells[i].num = NAN;
	return b;
}

void doc_table_set_text(struct doc_table *t, size_t row, size_t col, const char *text)
{
	if (row >= t->nrows || col >= t->ncols)
		return;
	struct doc_cell *c = &t->cells[row * t->ncols + col];
	free((char *)c->text);
	c->text = xstrdup(text ? text : "");
}

void doc_table_set_num(struct doc_table *t, size_t row, size_t col, double v)
{
	if (row >= t->nrows || col >= t->ncols)
		return;
	struct doc_cell *c = &t->cells[row * t->ncols + col];
	free((char *)c->text);
	c->text = NULL;
	c->num = v;
}

struct doc_block *doc_add_chart(struct doc *d, enum doc_chart_kind kind, const char *title,
                                const char *unit, const char *source, size_t nseries,
                                const char *const *series, size_t ncats,
                                const char *const *cats)
{
	struct doc_block *b = add(d, DOC_CHART);
	struct doc_chart *c = &b->chart;
	c->kind = kind;
	c->title = xstrdup(title ? title : "");
	c->unit = xstrdup(unit ? unit : "");
	c->source = xstrdup(source ? source : "");
	c->nseries = nseries;
	c->ncats = ncats;
	c->series = copy_strings(series, nseries);
	c->cats = copy_strings(cats, ncats);
	size_t nv = nseries * ncats;
	c->values = xcalloc(nv ? nv : 1, sizeof(*c->values));
	for (size_t i = 0; i < nv; i++)
		c->values[i] = NAN;
	c->target = NAN;
	return b;
}

void doc_chart_set(struct doc_chart *c, size_t series, size_t cat, double v)
{
	if (series < c->nseries && cat < c->ncats)
		c->values[series * c->ncats + cat] = v;
}

void doc_chart_target(struct doc_chart *c, double target, const char *label)
{
	c->target = target;
	free(c->target_label);
	c->target_label = xstrdup(label ? label : "");
}

/* Digits of |v| rounded to `dec` decimals with thousands separators. */
static void grouped(double v, int dec, char *out, size_t size)
{
	char raw[64];
	(void)snprintf(raw, sizeof(raw), "%.*f", dec, fabs(v));
	const char *dot = strchr(raw, '.');
	size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
	size_t o = 0;
	/* a value that rounds to zero shows no minus sign */
	bool neg = v < 0 && strspn(raw, "0.") != strlen(raw);
	if (neg && o + 1 < size)
		out[o++] = '-';
	for (size_t i = 0; i < int_len && o + 1 < size; i++) {
		out[o++] = raw[i];
		size_t left = int_len - i - 1;
		if (left > 0 && left % 3 == 0 && o + 1 < size)
			out[o++] = ',';
	}
	for (const char *p = dot; p && *p && o + 1 < size; p++)
		out[o++] = *p;
	out[o] = '\0';
}

const char *doc_format_num(double v, enum doc_numfmt f, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (isnan(v) || isinf(v)) {
		(void)snprintf(buf, size, "—");
		return buf;
	}
	switch (f) {
	case DOC_NUM_INT:
		grouped(v, 0, buf, size);
		break;
	case DOC_NUM_D1:
		grouped(v, 1, buf, size);
		break;
	case DOC_NUM_D2:
	case DOC_NUM_PP2:
		grouped(v, 2, buf, size);
		break;
	case DOC_NUM_PCT1: {
		char tmp[48];
		grouped(v, 1, tmp, sizeof(tmp));
		(void)snprintf(buf, size, "%s%%", tmp);
		break;
	}
	}
	return buf;
}
