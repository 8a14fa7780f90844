/*
 * doc.h - a report as an ordered list of blocks, written once and rendered three ways.
 *
 * The semi-annual report (issue 5) is assembled from engine results into a struct doc: headings,
 * paragraphs (sentences an official can quote), bullet items, notes, tables and charts. Nothing in
 * a doc knows its output format; the renderers do:
 *   doc_html  - one self-contained HTML file (inline CSS, charts as inline SVG), prints well;
 *   doc_pdf   - A4 PDF through cairo + pango (Noto CJK), table of contents, page numbers,
 *               vector charts;
 *   doc_xlsx  - every table of the doc on its own sheet, numbers as numbers with formats.
 * Charts are data (series x categories), not pictures: each renderer draws them, from one shared
 * layout (report/chart.h) so the SVG and the PDF show the same thing.
 *
 * Numbers: a table cell or chart value is a double in the unit its column or chart states (亿元,
 * %, 个); NAN means "no figure" and renders as "—". Formats say how many decimals to show and
 * become XLSX number formats, so what a reader sees in the HTML equals what Excel shows.
 *
 * Ownership: the doc owns copies of every string and array it is given (doc_free releases all of
 * it; NULL allowed). The doc_add_* functions return a pointer to the new block, valid until the
 * next doc_add_* call; fill a table's cells through doc_table_set_* right after adding it.
 * Renderers never modify the doc. Builders abort on out-of-memory (mem.h); they take sizes Jiqun
 * chooses, never a client's.
 */
#ifndef JIQUN_REPORT_DOC_H
#define JIQUN_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

enum doc_kind {
	DOC_HEADING,   /* level 1 (part), 2 (section), 3 (subsection); enters the table of contents */
	DOC_PARAGRAPH, /* running text */
	DOC_BULLET,    /* one item of a bullet list */
	DOC_NOTE,      /* small print: a source, a caveat, a definition */
	DOC_TABLE,
	DOC_CHART,
	DOC_PAGE_BREAK /* PDF: start a new page; HTML: a print page break; XLSX: ignored */
};

/* How a number is shown (and its XLSX number format). */
enum doc_numfmt {
	DOC_NUM_INT,  /* 1,234          #,##0      */
	DOC_NUM_D1,   /* 1,234.5        #,##0.0    */
	DOC_NUM_D2,   /* 1,234.56       #,##0.00   */
	DOC_NUM_PCT1, /* 12.3%  (the value is in percent already: 12.3, not 0.123)  0.0"%" */
	DOC_NUM_PP2   /* 0.42   percentage points, two decimals  0.00 */
};

struct doc_cell {
	const char *text; /* text cell when non-NULL */
	double num;       /* number cell when text is NULL; NAN: no figure ("—") */
};

struct doc_table {
	char *sheet;            /* XLSX sheet name: unique in the doc, at most 31 characters */
	char *title;            /* caption, e.g. "表3 各集群增加值" */
	char *source;           /* where the figures come from, shown under the table */
	size_t ncols, nrows;
	char **headers;         /* ncols */
	enum doc_numfmt *fmts;  /* ncols: the format of the column's number cells */
	struct doc_cell *cells; /* nrows x ncols, row-major; strings owned by the doc */
};

enum doc_chart_kind {
	DOC_CHART_BAR,   /* vertical bars per category, one bar per series */
	DOC_CHART_HBAR,  /* horizontal bars, a ranking (categories top to bottom as given) */
	DOC_CHART_LINE,  /* a trend: categories are periods, one line per series */
	DOC_CHART_GAUGE  /* progress to a target: values[0] against `target` (same unit) */
};

struct doc_chart {
	enum doc_chart_kind kind;
	char *title, *unit, *source;
	size_t nseries, ncats;
	char **series;  /* nseries names */
	char **cats;    /* ncats labels */
	double *values; /* nseries x ncats, row-major by series; NAN: missing */
	double target;  /* NAN: none; BAR/HBAR/LINE draw it as a reference line */
	char *target_label;
};

struct doc_block {
	enum doc_kind kind;
	int level;       /* headings: 1..3 */
	char *text;      /* heading, paragraph, bullet, note text; NULL for tables and charts */
	char *anchor;    /* headings: a stable id ("s3-2"), for links and the table of contents */
	bool revised;    /* marked as changed since the previous report */
	struct doc_table table; /* DOC_TABLE */
	struct doc_chart chart; /* DOC_CHART */
};

struct doc {
	char *title;     /* 深圳市“20+8”产业集群发展滚动报告（2025年上半年） */
	char *subtitle;
	char *period;    /* "2025H1" */
	char *lang;      /* "zh" or "en" */
	char *generated; /* when the inputs were taken, ISO 8601; part of the doc so reruns match */
	struct doc_block *blocks;
	size_t n, cap;
};

void doc_init(struct doc *d, const char *title, const char *period, const char *lang,
              const char *generated);
void doc_free(struct doc *d);

struct doc_block *doc_add_heading(struct doc *d, int level, const char *anchor, const char *text);
struct doc_block *doc_add_text(struct doc *d, enum doc_kind kind, const char *text);
/* printf-style paragraph, bullet or note. */
struct doc_block *doc_addf(struct doc *d, enum doc_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct doc_block *doc_add_page_break(struct doc *d);

/* A table of nrows x ncols, every cell NAN until set. `fmts` NULL: every column DOC_NUM_D2. */
struct doc_block *doc_add_table(struct doc *d, const char *sheet, const char *title,
                                const char *source, size_t ncols, const char *const *headers,
                                const enum doc_numfmt *fmts, size_t nrows);
void doc_table_set_text(struct doc_table *t, size_t row, size_t col, const char *text);
void doc_table_set_num(struct doc_table *t, size_t row, size_t col, double v);

/* A chart with every value NAN until set; series and category labels copied. */
struct doc_block *doc_add_chart(struct doc *d, enum doc_chart_kind kind, const char *title,
                                const char *unit, const char *source, size_t nseries,
                                const char *const *series, size_t ncats,
                                const char *const *cats);
void doc_chart_set(struct doc_chart *c, size_t series, size_t cat, double v);
void doc_chart_target(struct doc_chart *c, double target, const char *label);

/* A number as the doc shows it ("1,234.56", "12.3%", "—" for NAN), into buf (at least 48 bytes). */
const char *doc_format_num(double v, enum doc_numfmt f, char *buf, size_t size);

/* ---- renderers (each its own file) ---- */

/* HTML (render_html.c): the whole self-contained page into `out`. */
enum err_code doc_html(const struct doc *d, struct buf *out, struct err *e);
/* PDF (render_pdf.c): A4 at `path`. ERR_IO when it cannot be written. */
enum err_code doc_pdf(const struct doc *d, const char *path, struct err *e);
/* XLSX (render_xlsx.c): one sheet per table at `path`, plus a first sheet "说明" (title, period,
 * generated, sources). */
enum err_code doc_xlsx(const struct doc *d, const char *path, struct err *e);

#endif
