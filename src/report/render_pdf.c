/*
 * render_pdf.c - a report doc as an A4 PDF through cairo and pango (Noto Sans CJK SC): a title
 * page, a table of contents with page numbers and links, running header and page numbers,
 * wrapped paragraphs (pango breaks CJK lines), three-line tables that split across pages with
 * the header row repeated, vector charts from report/chart.h, and PDF bookmarks for headings.
 *
 * Two passes: the first lays every block out into a display list of items on pages (text lines
 * with their PangoLayouts, rules, fills, charts), learning each heading's page; the second draws
 * the list, now that the table of contents and the footers know the page numbers. One pango
 * context (on the process's default font map, whose fonts load once per thread) serves the
 * whole document, and each text is shaped once.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "report/chart.h"
#include "report/doc.h"
#include "report/render_int.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_X ((PAGE_W - CHART_WIDTH) / 2) /* the text column is as wide as a chart */
#define TEXT_W CHART_WIDTH
#define TOP 72.0
#define BOTTOM (PAGE_H - 66.0)
#define FONT "Noto Sans CJK SC"

#define C_INK 0x1f2933u
#define C_INK2 0x5b6573u
#define C_BRAND 0x0f3a6eu
#define C_RULE 0x1f2933u
#define C_LINE 0xd5dce4u
#define C_HEAD 0xe8eef5u
#define C_ZEBRA 0xf5f7fau
#define C_REV 0xb71c1cu

/* A shaped text and its lines' positions, in points, relative to the layout's top left. */
struct ptext {
	PangoLayout *l;
	int n;                 /* lines */
	PangoLayoutLine **line;
	double *top, *bottom, *base, *x;
	double w, h;           /* logical size */
	uint32_t color;
};

enum item_kind { IT_TEXT, IT_RECT, IT_LINE, IT_CHART, IT_TOC };

/* One thing drawn on one page. */
struct item {
	enum item_kind kind;
	int page;
	double x, y, w, h; /* TEXT: top left of line0; RECT: box; LINE: from (x,y) to (w,h) */
	struct ptext *t;
	int line0, line1;  /* TEXT: lines [line0, line1) */
	uint32_t color;
	double width;      /* LINE */
	const struct doc_chart *chart;
	size_t heading;    /* TOC: index into the headings */
};

struct heading {
	const struct doc_block *b;
	int page;
	double y;
};

struct pdf {
	const struct doc *d;
	const struct render_words *words;
	PangoContext *ctx;
	PangoFontDescription *font;
	struct ptext **texts; /* every ptext, to free */
	size_t ntexts, captexts;
	struct item *items;
	size_t nitems, capitems;
	struct heading *hd;
	size_t nhd;
	int page;  /* current page (0: the title page) */
	double y;  /* current position on it */
	PangoLayout *scratch; /* reused for chart labels, page numbers */
};

/*
 * LeakSanitizer (the test build) reads this hook: fontconfig, cairo and pango keep process-wide
 * font caches on purpose (the fonts load once, ~350 ms); they are not leaks of ours. Unused in a
 * build without the sanitizer.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\nleak:libpango-1.0.so\n"
	       "leak:libpangocairo-1.0.so\nleak:libpangoft2-1.0.so\nleak:libharfbuzz.so\n"
	       "leak:libfreetype.so\nleak:libglib-2.0.so\nleak:libgobject-2.0.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* ---- texts ---- */

struct style {
	double size;
	bool bold;
	uint32_t color;
	double width; /* wrap width; <= 0: one unwrapped line */
	PangoAlignment align;
	double indent;  /* first line, points */
	double spacing; /* line spacing factor, 0: the font's */
	bool ellipsize;
	/* no justification: pango spreads it over letter spacing, and copied text (pdftotext) then
	 * gains spaces inside numbers */
};

static void ptext_measure(struct ptext *t)
{
	PangoRectangle ink, log;
	pango_layout_get_extents(t->l, &ink, &log);
	t->w = (double)log.width / PANGO_SCALE;
	t->h = (double)log.height / PANGO_SCALE;
	t->n = pango_layout_get_line_count(t->l);
	size_t n = (size_t)(t->n > 0 ? t->n : 1);
	free(t->line);
	free(t->top);
	t->line = xcalloc(n, sizeof(PangoLayoutLine *));
	t->top = xcalloc(4 * n, sizeof(double));
	t->bottom = t->top + n;
	t->base = t->top + 2 * n;
	t->x = t->top + 3 * n;
	PangoLayoutIter *it = pango_layout_get_iter(t->l);
	int i = 0;
	do {
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		t->line[i] = pango_layout_iter_get_line_readonly(it);
		t->top[i] = (double)lr.y / PANGO_SCALE;
		t->bottom[i] = (double)(lr.y + lr.height) / PANGO_SCALE;
		t->x[i] = (double)lr.x / PANGO_SCALE;
		t->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		i++;
	} while (i < t->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	t->n = i;
}

static void set_font(struct pdf *p, PangoLayout *l, double size, bool bold)
{
	pango_font_description_set_absolute_size(p->font, size * PANGO_SCALE);
	pango_font_description_set_weight(p->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, p->font);
}

/* Shape `s` (plus the red revised mark when `revised`) in style `st`. */
/* Pango wants valid UTF-8: a doc's text comes from user data, so a bad byte becomes U+FFFD
 * instead of cutting the text short. The result is s itself or a copy for g_free. */
static const char *valid_utf8(const char *s, char **copy)
{
	*copy = NULL;
	if (g_utf8_validate(s, -1, NULL))
		return s;
	*copy = g_utf8_make_valid(s, -1);
	return *copy;
}

static struct ptext *ptext_new(struct pdf *p, const char *text, const struct style *st,
                               bool revised)
{
	char *fixed;
	const char *s = valid_utf8(text ? text : "", &fixed);
	struct ptext *t = xcalloc(1, sizeof(*t));
	t->l = pango_layout_new(p->ctx);
	t->color = st->color;
	set_font(p, t->l, st->size, st->bold);
	if (st->width > 0) {
		pango_layout_set_width(t->l, (int)(st->width * PANGO_SCALE));
		pango_layout_set_wrap(t->l, PANGO_WRAP_WORD_CHAR);
	}
	if (st->ellipsize)
		pango_layout_set_ellipsize(t->l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(t->l, st->align);
	if (st->indent > 0)
		pango_layout_set_indent(t->l, (int)(st->indent * PANGO_SCALE));
	if (st->spacing > 0)
		pango_layout_set_line_spacing(t->l, (float)st->spacing);
	if (revised) {
		size_t n = strlen(s), m = strlen(p->words->revised);
		char *all = xmalloc(n + m + 1);
		(void)snprintf(all, n + m + 1, "%s%s", s, p->words->revised);
		pango_layout_set_text(t->l, all, (int)(n + m));
		PangoAttrList *al = pango_attr_list_new();
		PangoAttribute *a = pango_attr_foreground_new(0xb7 * 257, 0x1c * 257, 0x1c * 257);
		a->start_index = (guint)n;
		a->end_index = (guint)(n + m);
		pango_attr_list_insert(al, a);
		pango_layout_set_attributes(t->l, al);
		pango_attr_list_unref(al);
		free(all);
	} else {
		pango_layout_set_text(t->l, s, -1);
	}
	g_free(fixed);
	ptext_measure(t);
	if (p->ntexts == p->captexts) {
		p->captexts = p->captexts ? p->captexts * 2 : 256;
		p->texts = xrealloc(p->texts, p->captexts * sizeof(struct ptext *));
	}
	p->texts[p->ntexts++] = t;
	return t;
}

static void ptext_free(struct ptext *t)
{
	if (!t)
		return;
	g_object_unref(t->l);
	free(t->line);
	free(t->top);
	free(t);
}

/* ---- display list ---- */

static struct item *item_add(struct pdf *p, enum item_kind kind)
{
	if (p->nitems == p->capitems) {
		p->capitems = p->capitems ? p->capitems * 2 : 1024;
		p->items = xrealloc(p->items, p->capitems * sizeof(*p->items));
	}
	struct item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->page = p->page;
	return it;
}

static void new_page(struct pdf *p)
{
	p->page++;
	p->y = TOP;
}

/* Lines [l0, l1) of t with their top at (x, y) on the current page. */
static void put_lines(struct pdf *p, struct ptext *t, int l0, int l1, double x, double y)
{
	struct item *it = item_add(p, IT_TEXT);
	it->t = t;
	it->line0 = l0;
	it->line1 = l1;
	it->x = x;
	it->y = y;
}

/* All of t at (x, y), no page check. */
static void put_text(struct pdf *p, struct ptext *t, double x, double y)
{
	put_lines(p, t, 0, t->n, x, y);
}

static void put_rect(struct pdf *p, double x, double y, double w, double h, uint32_t color)
{
	struct item *it = item_add(p, IT_RECT);
	it->x = x, it->y = y, it->w = w, it->h = h, it->color = color;
}

static void put_line(struct pdf *p, double x, double y, double x2, double y2, uint32_t color,
                     double width)
{
	struct item *it = item_add(p, IT_LINE);
	it->x = x, it->y = y, it->w = x2, it->h = y2, it->color = color, it->width = width;
}

/* Flow t's lines from the current position, breaking pages between lines. */
static void flow(struct pdf *p, struct ptext *t, double x)
{
	int i = 0;
	while (i < t->n) {
		double avail = BOTTOM - p->y;
		int j = i;
		while (j < t->n && t->bottom[j] - t->top[i] <= avail)
			j++;
		if (j == i) {
			if (p->y > TOP) {
				new_page(p);
				continue;
			}
			j = i + 1; /* a line taller than a page: place it anyway */
		}
		put_lines(p, t, i, j, x, p->y);
		p->y += t->bottom[j - 1] - t->top[i];
		i = j;
		if (i < t->n)
			new_page(p);
	}
}

/* ---- blocks ---- */

static void title_page(struct pdf *p)
{
	const struct doc *d = p->d;
	struct style st = {.size = 24, .bold = true, .color = C_BRAND, .width = TEXT_W,
	                   .align = PANGO_ALIGN_CENTER, .spacing = 1.3};
	p->y = 250;
	struct ptext *t = ptext_new(p, d->title, &st, false);
	put_text(p, t, MARGIN_X, p->y);
	p->y += t->h + 18;
	put_line(p, MARGIN_X + TEXT_W * 0.3, p->y, MARGIN_X + TEXT_W * 0.7, p->y, C_BRAND, 1.5);
	p->y += 22;
	if (d->subtitle && d->subtitle[0]) {
		st.size = 14, st.bold = false, st.color = C_INK;
		t = ptext_new(p, d->subtitle, &st, false);
		put_text(p, t, MARGIN_X, p->y);
		p->y += t->h + 14;
	}
	char meta[512];
	(void)snprintf(meta, sizeof(meta), "%s%s", p->words->period, d->period);
	st.size = 11, st.bold = false, st.color = C_INK2;
	t = ptext_new(p, meta, &st, false);
	put_text(p, t, MARGIN_X, p->y);
	p->y += t->h + 6;
	if (d->generated && d->generated[0]) {
		(void)snprintf(meta, sizeof(meta), "%s%s", p->words->generated, d->generated);
		t = ptext_new(p, meta, &st, false);
		put_text(p, t, MARGIN_X, p->y);
	}
}

#define TOC_ROW 19.0

static void contents(struct pdf *p)
{
	new_page(p);
	struct style st = {.size = 18, .bold = true, .color = C_BRAND, .align = PANGO_ALIGN_LEFT};
	struct ptext *t = ptext_new(p, p->words->toc, &st, false);
	put_text(p, t, MARGIN_X, p->y);
	p->y += t->h + 14;
	for (size_t i = 0; i < p->nhd; i++) {
		const struct doc_block *b = p->hd[i].b;
		double indent = (b->level - 1) * 18.0;
		struct style es = {.size = b->level == 1 ? 11 : b->level == 2 ? 10 : 9.5,
		                   .bold = b->level == 1,
		                   .color = b->level == 3 ? C_INK2 : C_INK,
		                   .width = TEXT_W - indent - 60,
		                   .align = PANGO_ALIGN_LEFT,
		                   .ellipsize = true};
		if (b->level == 1 && i > 0)
			p->y += 4;
		if (p->y + TOC_ROW > BOTTOM)
			new_page(p);
		struct item *it = item_add(p, IT_TOC);
		it->t = ptext_new(p, b->text, &es, false);
		it->x = MARGIN_X + indent;
		it->y = p->y + (TOC_ROW - it->t->h) / 2;
		it->heading = i;
		p->y += TOC_ROW;
	}
}

static void heading(struct pdf *p, size_t bi, size_t hi)
{
	const struct doc_block *b = &p->d->blocks[bi];
	static const double sizes[] = {18, 14, 11.5};
	struct style st = {.size = sizes[b->level - 1], .bold = true,
	                   .color = b->level == 3 ? C_INK : C_BRAND, .width = TEXT_W,
	                   .align = PANGO_ALIGN_LEFT, .spacing = 1.2};
	struct ptext *t = ptext_new(p, b->text, &st, b->revised);
	if (b->level == 1) {
		if (p->y > TOP)
			new_page(p);
	} else if (p->y > TOP) {
		p->y += b->level == 2 ? 14 : 8;
	}
	/* keep the heading with what follows: a section with its first lines and a table's start */
	double keep = b->level == 2 ? 150 : 100;
	if (p->y + t->h + keep > BOTTOM && p->y > TOP)
		new_page(p);
	p->hd[hi].page = p->page;
	p->hd[hi].y = p->y;
	put_text(p, t, MARGIN_X, p->y);
	p->y += t->h;
	if (b->level == 1) {
		p->y += 6;
		put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_BRAND, 1);
		p->y += 4;
	}
	p->y += 8;
}

static void text_block(struct pdf *p, const struct doc_block *b, bool en)
{
	struct style st = {.size = 10.5, .color = C_INK, .width = TEXT_W, .align = PANGO_ALIGN_LEFT,
	                   .spacing = 1.2};
	double x = MARGIN_X;
	if (b->kind == DOC_PARAGRAPH && !en)
		st.indent = 21;
	if (b->kind == DOC_NOTE) {
		st.size = 9;
		st.color = C_INK2;
		st.spacing = 1.1;
	}
	if (b->kind == DOC_BULLET) {
		x += 16;
		st.width -= 16;
	}
	struct ptext *t = ptext_new(p, b->text, &st, b->revised);
	if (b->kind == DOC_BULLET) {
		if (p->y + (t->n ? t->bottom[0] : 0) > BOTTOM)
			new_page(p);
		struct style bs = {.size = 10.5, .color = C_BRAND, .align = PANGO_ALIGN_LEFT};
		struct ptext *dot = ptext_new(p, "•", &bs, false);
		/* align the bullet's baseline with the first line's */
		put_text(p, dot, MARGIN_X + 4, p->y + (t->n ? t->base[0] : 0) - dot->base[0]);
	}
	flow(p, t, x);
	p->y += b->kind == DOC_BULLET ? 3 : 7;
}

static void source_note(struct pdf *p, const char *src)
{
	if (!src || !src[0])
		return;
	char *s = xmalloc(strlen(src) + strlen(p->words->source) + 1);
	memcpy(s, p->words->source, strlen(p->words->source));
	memcpy(s + strlen(p->words->source), src, strlen(src) + 1);
	struct style st = {.size = 8.5, .color = C_INK2, .width = TEXT_W, .align = PANGO_ALIGN_LEFT};
	struct ptext *t = ptext_new(p, s, &st, false);
	free(s);
	p->y += 3;
	flow(p, t, MARGIN_X);
}

static struct ptext *caption(struct pdf *p, const char *title, bool revised)
{
	struct style st = {.size = 10, .bold = true, .color = C_INK, .width = TEXT_W,
	                   .align = PANGO_ALIGN_CENTER};
	return ptext_new(p, title ? title : "", &st, revised);
}

#define CELL_PX 4.0
#define CELL_PY 3.0
#define CELL_FS 9.0
#define ROW_MAX ((BOTTOM - TOP) / 2) /* the tallest table cell */

struct tablerow {
	struct ptext **cells;
	double h;
};

static void table_header(struct pdf *p, const struct tablerow *hdr, const double *cx,
                         size_t ncols, struct ptext *cap)
{
	if (cap) {
		put_text(p, cap, MARGIN_X, p->y);
		p->y += cap->h + 4;
	}
	put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_RULE, 1.2);
	put_rect(p, MARGIN_X, p->y + 0.6, TEXT_W, hdr->h - 0.6, C_HEAD);
	for (size_t c = 0; c < ncols; c++) {
		struct ptext *t = hdr->cells[c];
		/* vertically centred in the header row */
		put_text(p, t, cx[c] + CELL_PX, p->y + (hdr->h - t->h) / 2);
	}
	p->y += hdr->h;
	put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_RULE, 0.6);
}

static void table(struct pdf *p, const struct doc_block *b)
{
	const struct doc_table *t = &b->table;
	size_t nc = t->ncols ? t->ncols : 1;
	double *want = xcalloc(nc * 4, sizeof(double));
	double *cw = want + nc, *cx = want + 2 * nc;
	bool *num = xcalloc(nc, sizeof(bool));
	struct style cs = {.size = CELL_FS, .color = C_INK, .align = PANGO_ALIGN_LEFT};
	struct style hs = {.size = CELL_FS, .bold = true, .color = C_INK, .align = PANGO_ALIGN_CENTER};
	struct tablerow hdr = {xcalloc(nc, sizeof(struct ptext *)), 0};
	struct tablerow *rows = xcalloc(t->nrows ? t->nrows : 1, sizeof(*rows));
	char nb[64];
	/* natural widths: cells unwrapped, headers up to 8 em before they wrap */
	for (size_t c = 0; c < t->ncols; c++) {
		hdr.cells[c] = ptext_new(p, t->headers[c], &hs, false);
		want[c] = fmin(hdr.cells[c]->w, CELL_FS * 8);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		rows[r].cells = xcalloc(nc, sizeof(struct ptext *));
		for (size_t c = 0; c < t->ncols; c++) {
			const struct doc_cell *cell = &t->cells[r * t->ncols + c];
			const char *s = cell->text;
			if (!s) {
				num[c] = true;
				s = doc_format_num(cell->num, t->fmts[c], nb, sizeof(nb));
			}
			rows[r].cells[c] = ptext_new(p, s, &cs, false);
			want[c] = fmax(want[c], rows[r].cells[c]->w);
		}
	}
	/* Numbers and short texts (a year, a status: up to 7 em) keep their natural width when the
	 * table is too wide; the long texts share what is left and wrap. */
	double fixed = 0, flex = 0;
	bool *rigid = xcalloc(nc, sizeof(bool));
	for (size_t c = 0; c < t->ncols; c++) {
		rigid[c] = num[c] || want[c] <= CELL_FS * 7;
		want[c] += 2 * CELL_PX + 1;
		if (rigid[c])
			fixed += want[c];
		else
			flex += want[c];
	}
	if (fixed + flex <= TEXT_W) {
		for (size_t c = 0; c < t->ncols; c++)
			cw[c] = want[c] * TEXT_W / (fixed + flex);
	} else if (fixed < TEXT_W * 0.75 && flex > 0) {
		for (size_t c = 0; c < t->ncols; c++)
			cw[c] = rigid[c] ? want[c] : want[c] * (TEXT_W - fixed) / flex;
	} else {
		for (size_t c = 0; c < t->ncols; c++)
			cw[c] = want[c] * TEXT_W / (fixed + flex);
	}
	double x = MARGIN_X;
	for (size_t c = 0; c < t->ncols; c++) {
		cx[c] = x;
		x += cw[c];
	}
	/* wrap to the column widths */
	for (size_t c = 0; c < t->ncols; c++) {
		PangoLayout *l = hdr.cells[c]->l;
		pango_layout_set_width(l, (int)((cw[c] - 2 * CELL_PX) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		if (num[c])
			pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		ptext_measure(hdr.cells[c]);
		hdr.h = fmax(hdr.h, hdr.cells[c]->h + 2 * CELL_PY);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			struct ptext *ct = rows[r].cells[c];
			pango_layout_set_width(ct->l, (int)((cw[c] - 2 * CELL_PX) * PANGO_SCALE));
			pango_layout_set_wrap(ct->l, PANGO_WRAP_WORD_CHAR);
			if (t->cells[r * t->ncols + c].text == NULL)
				pango_layout_set_alignment(ct->l, PANGO_ALIGN_RIGHT);
			ptext_measure(ct);
			if (ct->h > ROW_MAX) {
				/* a cell longer than half a page ends in "…" (HTML and XLSX keep it all) */
				pango_layout_set_height(ct->l, (int)(ROW_MAX * PANGO_SCALE));
				pango_layout_set_ellipsize(ct->l, PANGO_ELLIPSIZE_END);
				ptext_measure(ct);
			}
			rows[r].h = fmax(rows[r].h, ct->h + 2 * CELL_PY);
		}
	}
	struct ptext *cap = t->title && t->title[0] ? caption(p, t->title, b->revised) : NULL;
	double first = (cap ? cap->h + 4 : 0) + hdr.h + (t->nrows ? rows[0].h : 0);
	p->y += 4;
	if (p->y + first > BOTTOM && p->y > TOP)
		new_page(p);
	table_header(p, &hdr, cx, t->ncols, cap);
	struct ptext *cont = NULL;
	for (size_t r = 0; r < t->nrows; r++) {
		if (p->y + rows[r].h > BOTTOM) {
			put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_RULE, 1.2);
			new_page(p);
			if (!cont && cap) {
				size_t n = strlen(t->title);
				char *s = xmalloc(n + 16);
				(void)snprintf(s, n + 16, "%s（续）", t->title);
				cont = caption(p, s, false);
				free(s);
			}
			table_header(p, &hdr, cx, t->ncols, cont);
		}
		if (r % 2 == 1)
			put_rect(p, MARGIN_X, p->y, TEXT_W, rows[r].h, C_ZEBRA);
		for (size_t c = 0; c < t->ncols; c++)
			put_text(p, rows[r].cells[c], cx[c] + CELL_PX, p->y + CELL_PY);
		p->y += rows[r].h;
		if (r + 1 < t->nrows)
			put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_LINE, 0.4);
	}
	put_line(p, MARGIN_X, p->y, MARGIN_X + TEXT_W, p->y, C_RULE, 1.2);
	source_note(p, t->source);
	p->y += 10;
	for (size_t r = 0; r < t->nrows; r++)
		free(rows[r].cells);
	free(rows);
	free(hdr.cells);
	free(want);
	free(num);
	free(rigid);
}

static void chart(struct pdf *p, const struct doc_block *b)
{
	const struct doc_chart *c = &b->chart;
	struct ptext *cap = c->title && c->title[0] ? caption(p, c->title, b->revised) : NULL;
	double h = chart_height(c, CHART_WIDTH);
	double need = (cap ? cap->h + 6 : 0) + h + 14;
	p->y += 6;
	if (p->y + need > BOTTOM && p->y > TOP)
		new_page(p);
	if (cap) {
		put_text(p, cap, MARGIN_X, p->y);
		p->y += cap->h + 6;
	}
	struct item *it = item_add(p, IT_CHART);
	it->chart = c;
	it->x = MARGIN_X;
	it->y = p->y;
	it->w = CHART_WIDTH;
	it->h = h;
	p->y += h;
	source_note(p, c->source);
	p->y += 10;
}

static void layout(struct pdf *p)
{
	bool en = strcmp(p->d->lang ? p->d->lang : "", "en") == 0;
	title_page(p);
	contents(p);
	size_t hi = 0;
	if (p->d->n)
		new_page(p);
	for (size_t i = 0; i < p->d->n; i++) {
		const struct doc_block *b = &p->d->blocks[i];
		switch (b->kind) {
		case DOC_HEADING:
			heading(p, i, hi++);
			break;
		case DOC_PARAGRAPH:
		case DOC_BULLET:
		case DOC_NOTE:
			text_block(p, b, en);
			break;
		case DOC_TABLE:
			table(p, b);
			break;
		case DOC_CHART:
			chart(p, b);
			break;
		case DOC_PAGE_BREAK:
			if (p->y > TOP)
				new_page(p);
			break;
		}
	}
}

/* ---- drawing ---- */

static void rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
	                     (c & 0xff) / 255.0);
}

static void draw_lines(cairo_t *cr, const struct ptext *t, int l0, int l1, double x, double y)
{
	rgb(cr, t->color);
	for (int i = l0; i < l1; i++) {
		cairo_move_to(cr, x + t->x[i], y + t->base[i] - t->top[l0]);
		pango_cairo_show_layout_line(cr, t->line[i]);
	}
}

/* Text in the scratch layout with its baseline point at (x, y), anchored. */
static double draw_label(struct pdf *p, cairo_t *cr, const char *s, double size, bool bold,
                         uint32_t color, double x, double y, enum chart_anchor an, double rot)
{
	set_font(p, p->scratch, size, bold);
	char *fixed;
	pango_layout_set_text(p->scratch, valid_utf8(s, &fixed), -1);
	g_free(fixed);
	PangoRectangle log;
	pango_layout_get_extents(p->scratch, NULL, &log);
	double w = (double)log.width / PANGO_SCALE;
	double base = (double)pango_layout_get_baseline(p->scratch) / PANGO_SCALE;
	double dx = an == CHART_START ? 0 : an == CHART_MIDDLE ? -w / 2 : -w;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (rot != 0)
		cairo_rotate(cr, rot * M_PI / 180);
	rgb(cr, color);
	cairo_move_to(cr, dx, -base);
	pango_cairo_show_layout(cr, p->scratch);
	cairo_restore(cr);
	return w;
}

static void draw_chart(struct pdf *p, cairo_t *cr, const struct item *it)
{
	struct chart_layout l;
	chart_layout(it->chart, it->w, it->h, &l);
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	for (size_t i = 0; i < l.n; i++) {
		const struct chart_prim *q = &l.p[i];
		switch (q->kind) {
		case CHART_RECT:
			cairo_rectangle(cr, q->x, q->y, q->w, q->h);
			if (q->fill != CHART_NONE) {
				rgb(cr, q->fill);
				if (q->stroke != CHART_NONE)
					cairo_fill_preserve(cr);
				else
					cairo_fill(cr);
			}
			if (q->stroke != CHART_NONE) {
				rgb(cr, q->stroke);
				cairo_set_line_width(cr, q->width);
				cairo_stroke(cr);
			}
			cairo_new_path(cr);
			break;
		case CHART_LINE:
		case CHART_POLYLINE:
			rgb(cr, q->stroke);
			cairo_set_line_width(cr, q->width);
			if (q->dashed) {
				static const double dash[] = {5, 3};
				cairo_set_dash(cr, dash, 2, 0);
			}
			if (q->kind == CHART_LINE) {
				cairo_move_to(cr, q->x, q->y);
				cairo_line_to(cr, q->x2, q->y2);
			} else {
				cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
				for (size_t k = 0; k < q->npts; k++)
					(k ? cairo_line_to : cairo_move_to)(cr, q->pts[2 * k], q->pts[2 * k + 1]);
			}
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			break;
		case CHART_CIRCLE:
			rgb(cr, q->fill);
			cairo_new_sub_path(cr);
			cairo_arc(cr, q->x, q->y, q->r, 0, 2 * M_PI);
			cairo_fill(cr);
			break;
		case CHART_ARC:
			rgb(cr, q->stroke);
			cairo_set_line_width(cr, q->width);
			cairo_new_sub_path(cr);
			cairo_arc(cr, q->x, q->y, q->r, q->a0, q->a1);
			cairo_stroke(cr);
			break;
		case CHART_TEXT:
			draw_label(p, cr, q->text, q->size, q->bold, q->fill, q->x, q->y, q->anchor,
			           q->rotate);
			break;
		}
	}
	cairo_restore(cr);
	chart_layout_free(&l);
}

static void draw_toc_entry(struct pdf *p, cairo_t *cr, const struct item *it)
{
	const struct heading *h = &p->hd[it->heading];
	char attrs[96], num[16];
	(void)snprintf(attrs, sizeof(attrs), "page=%d pos=[%.1f %.1f]", h->page + 1, MARGIN_X,
	               h->y);
	(void)snprintf(num, sizeof(num), "%d", h->page + 1);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
	draw_lines(cr, it->t, 0, it->t->n, it->x, it->y);
	double base = it->y + (it->t->n ? it->t->base[0] : 0);
	double nw = draw_label(p, cr, num, 10, false, C_INK, MARGIN_X + TEXT_W, base, CHART_END, 0);
	double x0 = it->x + it->t->w + 6, x1 = MARGIN_X + TEXT_W - nw - 6;
	if (x1 > x0) {
		static const double dots[] = {0.8, 2.6};
		rgb(cr, 0x9aa4b0);
		cairo_set_line_width(cr, 0.8);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dots, 2, 0);
		cairo_move_to(cr, x0, base - 2);
		cairo_line_to(cr, x1, base - 2);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	}
	cairo_tag_end(cr, CAIRO_TAG_LINK);
}

static void page_furniture(struct pdf *p, cairo_t *cr, int page, int pages)
{
	if (page == 0)
		return;
	char s[64];
	if (p->words->en)
		(void)snprintf(s, sizeof(s), "Page %d of %d", page + 1, pages);
	else
		(void)snprintf(s, sizeof(s), "第 %d 页 / 共 %d 页", page + 1, pages);
	draw_label(p, cr, s, 8.5, false, C_INK2, PAGE_W / 2, PAGE_H - 34, CHART_MIDDLE, 0);
	set_font(p, p->scratch, 8, false);
	pango_layout_set_width(p->scratch, (int)(TEXT_W * PANGO_SCALE));
	pango_layout_set_ellipsize(p->scratch, PANGO_ELLIPSIZE_END);
	draw_label(p, cr, p->d->title, 8, false, C_INK2, MARGIN_X, 44, CHART_START, 0);
	pango_layout_set_width(p->scratch, -1);
	pango_layout_set_ellipsize(p->scratch, PANGO_ELLIPSIZE_NONE);
	rgb(cr, C_LINE);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, MARGIN_X, 50);
	cairo_line_to(cr, MARGIN_X + TEXT_W, 50);
	cairo_stroke(cr);
}

static void draw(struct pdf *p, cairo_t *cr, cairo_surface_t *surf)
{
	int pages = p->page + 1;
	size_t k = 0;
	for (int pg = 0; pg < pages; pg++) {
		page_furniture(p, cr, pg, pages);
		for (; k < p->nitems && p->items[k].page == pg; k++) {
			const struct item *it = &p->items[k];
			switch (it->kind) {
			case IT_TEXT:
				draw_lines(cr, it->t, it->line0, it->line1, it->x, it->y);
				break;
			case IT_RECT:
				rgb(cr, it->color);
				cairo_rectangle(cr, it->x, it->y, it->w, it->h);
				cairo_fill(cr);
				break;
			case IT_LINE:
				rgb(cr, it->color);
				cairo_set_line_width(cr, it->width);
				cairo_move_to(cr, it->x, it->y);
				cairo_line_to(cr, it->w, it->h);
				cairo_stroke(cr);
				break;
			case IT_CHART:
				draw_chart(p, cr, it);
				break;
			case IT_TOC:
				draw_toc_entry(p, cr, it);
				break;
			}
		}
		cairo_show_page(cr);
	}
	/* bookmarks: level 2 under the last level 1, level 3 under the last level 2 */
	int parent[4] = {CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT,
	                 CAIRO_PDF_OUTLINE_ROOT};
	for (size_t i = 0; i < p->nhd; i++) {
		const struct heading *h = &p->hd[i];
		char attrs[96];
		(void)snprintf(attrs, sizeof(attrs), "page=%d pos=[%.1f %.1f]", h->page + 1, MARGIN_X,
		               h->y);
		int lv = h->b->level;
		char *fixed;
		int id = cairo_pdf_surface_add_outline(surf, parent[lv - 1],
		                                       valid_utf8(h->b->text, &fixed), attrs,
		                                       lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		g_free(fixed);
		parent[lv] = id;
		if (lv == 1)
			parent[2] = id, parent[3] = id;
		else if (lv == 2)
			parent[3] = id;
	}
}

enum err_code doc_pdf(const struct doc *d, const char *path, struct err *e)
{
	struct pdf p = {.d = d, .words = render_words(d->lang)};
	p.ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
	pango_cairo_context_set_resolution(p.ctx, 72);
	pango_context_set_language(p.ctx, pango_language_from_string("zh-cn"));
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p.ctx, fo);
	cairo_font_options_destroy(fo);
	p.font = pango_font_description_from_string(FONT);
	p.scratch = pango_layout_new(p.ctx);
	for (size_t i = 0; i < d->n; i++)
		p.nhd += d->blocks[i].kind == DOC_HEADING;
	p.hd = xcalloc(p.nhd ? p.nhd : 1, sizeof(*p.hd));
	for (size_t i = 0, h = 0; i < d->n; i++)
		if (d->blocks[i].kind == DOC_HEADING)
			p.hd[h++].b = &d->blocks[i];

	layout(&p);

	enum err_code rc = ERR_OK;
	cairo_surface_t *surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		rc = err_set(e, ERR_IO, "无法写入 PDF 文件 %s：%s", path,
		             cairo_status_to_string(cairo_surface_status(surf)));
	} else {
		char *fixed;
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
		                               valid_utf8(d->title, &fixed));
		g_free(fixed);
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Jiqun");
		if (d->generated && d->generated[0]) {
			/* the inputs' date, not the clock: a rerun gives the same bytes */
			cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, d->generated);
			cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, d->generated);
		}
		cairo_t *cr = cairo_create(surf);
		draw(&p, cr, surf);
		cairo_destroy(cr);
		cairo_surface_finish(surf);
		if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
			rc = err_set(e, ERR_IO, "无法写入 PDF 文件 %s：%s", path,
			             cairo_status_to_string(cairo_surface_status(surf)));
	}
	cairo_surface_destroy(surf);
	for (size_t i = 0; i < p.ntexts; i++)
		ptext_free(p.texts[i]);
	free(p.texts);
	free(p.items);
	free(p.hd);
	g_object_unref(p.scratch);
	pango_font_description_free(p.font);
	g_object_unref(p.ctx);
	return rc;
}
