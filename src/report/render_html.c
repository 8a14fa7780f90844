/*
 * render_html.c - a report doc as one self-contained HTML page: inline CSS with a print
 * stylesheet (A4), a table of contents, tables, charts as inline SVG from report/chart.h. No
 * scripts and no external resources; every string from the doc is escaped.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/chart.h"
#include "report/doc.h"
#include "report/render_int.h"

static const char css[] =
	":root{--ink:#1f2933;--ink2:#4a5563;--line:#d5dce4;--brand:#0f3a6e;--rev:#b71c1c}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:#f3f5f8;color:var(--ink);font:15px/1.75 \"Noto Sans CJK SC\","
	"\"Noto Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n"
	".page{max-width:820px;margin:24px auto;background:#fff;padding:40px 56px;"
	"box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
	".cover{text-align:center;padding:48px 0 32px;border-bottom:2px solid var(--brand);"
	"margin-bottom:24px}\n"
	".cover h1{font-size:26px;line-height:1.4;color:var(--brand);margin:0 0 12px}\n"
	".cover .subtitle{font-size:17px;margin:0 0 12px}\n"
	".cover .meta{color:var(--ink2);font-size:13px;margin:0}\n"
	"nav.toc{margin:0 0 32px}nav.toc h2{font-size:18px;margin:0 0 8px}\n"
	"nav.toc ol{list-style:none;margin:0;padding:0}\n"
	"nav.toc li{margin:2px 0}nav.toc .l2{padding-left:2em}nav.toc .l3{padding-left:4em;"
	"font-size:14px}\n"
	"nav.toc a{color:#0b4f9c;text-decoration:none}nav.toc a:hover{text-decoration:underline}\n"
	"h2,h3,h4{color:var(--brand);line-height:1.4}\n"
	"h2{font-size:21px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}\n"
	"h3{font-size:18px;margin:28px 0 10px}h4{font-size:16px;margin:20px 0 8px}\n"
	"p{margin:0 0 10px}p.para{text-indent:2em}\n"
	"ul{margin:0 0 10px;padding-left:1.6em}\n"
	".note{font-size:13px;color:var(--ink2)}\n"
	".rev{border-left:3px solid var(--rev);padding-left:6px}\n"
	".rev-mark{color:var(--rev);font-size:.85em;font-weight:normal;text-indent:0}\n"
	"figure{margin:16px 0 20px}figure.table{overflow-x:auto}\n"
	"figcaption{font-weight:bold;text-align:center;margin-bottom:6px;font-size:14px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px;line-height:1.5}\n"
	"th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top}\n"
	"thead th{background:#e8eef5;font-weight:bold;text-align:center}\n"
	"tbody tr:nth-child(even){background:#f7f9fb}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".source{font-size:12px;color:var(--ink2);margin:4px 0 0}\n"
	"figure.chart svg{display:block;margin:0 auto;width:100%;max-width:640px;height:auto}\n"
	".page-break{height:0}\n"
	"@media (max-width:640px){.page{margin:0;padding:16px 12px}body{font-size:14px}}\n"
	"@page{size:A4;margin:18mm 16mm 20mm}\n"
	"@media print{body{background:#fff;font-size:10.5pt}\n"
	".page{box-shadow:none;margin:0;padding:0;max-width:none}\n"
	".cover{break-after:page;border:none;padding-top:35%}\n"
	"nav.toc{break-after:page}\n"
	"h2{break-before:page}h2,h3,h4,figcaption{break-after:avoid}\n"
	".page-break{break-after:page}\n"
	"thead{display:table-header-group}tr,figure.chart{break-inside:avoid}\n"
	"p{orphans:2;widows:2}a{color:inherit}}\n";

/* Append s with &, <, >, " and ' escaped. */
static void esc(struct buf *o, const char *s)
{
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			(void)buf_append(o, run, (size_t)(p - run));
			(void)buf_puts(o, rep);
			run = p + 1;
		}
	}
	(void)buf_puts(o, run);
}

static void color(struct buf *o, const char *attr, uint32_t c)
{
	if (c == CHART_NONE)
		(void)buf_printf(o, " %s=\"none\"", attr);
	else
		(void)buf_printf(o, " %s=\"#%06x\"", attr, (unsigned)c);
}

/* The chart as an inline SVG element. */
static void svg(struct buf *o, const struct doc_chart *c)
{
	double w = CHART_WIDTH, h = chart_height(c, w);
	struct chart_layout l;
	chart_layout(c, w, h, &l);
	(void)buf_printf(o,
	                 "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	                 "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"",
	                 w, h, w, h);
	esc(o, c->title);
	(void)buf_puts(o, "\" font-family=\"Noto Sans CJK SC, Noto Sans SC, sans-serif\">");
	for (size_t i = 0; i < l.n; i++) {
		const struct chart_prim *p = &l.p[i];
		switch (p->kind) {
		case CHART_RECT:
			(void)buf_printf(o, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"",
			                 p->x, p->y, p->w, p->h);
			color(o, "fill", p->fill);
			if (p->stroke != CHART_NONE) {
				color(o, "stroke", p->stroke);
				(void)buf_printf(o, " stroke-width=\"%.2f\"", p->width);
			}
			(void)buf_puts(o, "/>");
			break;
		case CHART_LINE:
			(void)buf_printf(o, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"", p->x,
			                 p->y, p->x2, p->y2);
			color(o, "stroke", p->stroke);
			(void)buf_printf(o, " stroke-width=\"%.2f\"%s/>", p->width,
			                 p->dashed ? " stroke-dasharray=\"5 3\"" : "");
			break;
		case CHART_POLYLINE:
			(void)buf_puts(o, "<polyline points=\"");
			for (size_t k = 0; k < p->npts; k++)
				(void)buf_printf(o, "%s%.2f,%.2f", k ? " " : "", p->pts[2 * k],
				                 p->pts[2 * k + 1]);
			(void)buf_puts(o, "\" fill=\"none\"");
			color(o, "stroke", p->stroke);
			(void)buf_printf(o, " stroke-width=\"%.2f\" stroke-linejoin=\"round\"/>", p->width);
			break;
		case CHART_CIRCLE:
			(void)buf_printf(o, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"", p->x, p->y, p->r);
			color(o, "fill", p->fill);
			(void)buf_puts(o, "/>");
			break;
		case CHART_ARC: {
			double x0 = p->x + p->r * cos(p->a0), y0 = p->y + p->r * sin(p->a0);
			double x1 = p->x + p->r * cos(p->a1), y1 = p->y + p->r * sin(p->a1);
			(void)buf_printf(o,
			                 "<path d=\"M%.2f %.2f A%.2f %.2f 0 %d 1 %.2f %.2f\" fill=\"none\"",
			                 x0, y0, p->r, p->r, p->a1 - p->a0 > 3.14159266 ? 1 : 0, x1, y1);
			color(o, "stroke", p->stroke);
			(void)buf_printf(o, " stroke-width=\"%.2f\"/>", p->width);
			break;
		}
		case CHART_TEXT:
			(void)buf_printf(o, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\"", p->x, p->y,
			                 p->size);
			color(o, "fill", p->fill);
			if (p->anchor != CHART_START)
				(void)buf_puts(o, p->anchor == CHART_MIDDLE ? " text-anchor=\"middle\""
				                                            : " text-anchor=\"end\"");
			if (p->bold)
				(void)buf_puts(o, " font-weight=\"bold\"");
			if (p->rotate != 0)
				(void)buf_printf(o, " transform=\"rotate(%.0f %.2f %.2f)\"", p->rotate, p->x,
				                 p->y);
			(void)buf_puts(o, ">");
			esc(o, p->text);
			(void)buf_puts(o, "</text>");
			break;
		}
	}
	(void)buf_puts(o, "</svg>");
	chart_layout_free(&l);
}

static void rev_mark(struct buf *o, const struct doc_block *b, const struct render_words *w)
{
	if (b->revised)
		(void)buf_printf(o, "<span class=\"rev-mark\">%s</span>", w->revised);
}

/* A heading's id: its anchor, or "h<index>" when it has none. */
static void anchor(struct buf *o, const struct doc_block *b, size_t i)
{
	if (b->anchor && b->anchor[0])
		esc(o, b->anchor);
	else
		(void)buf_printf(o, "h%zu", i);
}

static void source(struct buf *o, const char *src, const struct render_words *w)
{
	if (!src || !src[0])
		return;
	(void)buf_printf(o, "<p class=\"source\">%s", w->source);
	esc(o, src);
	(void)buf_puts(o, "</p>");
}

static void table(struct buf *o, const struct doc_block *b, const struct render_words *w)
{
	const struct doc_table *t = &b->table;
	(void)buf_printf(o, "<figure class=\"table%s\">", b->revised ? " rev" : "");
	if ((t->title && t->title[0]) || b->revised) {
		(void)buf_puts(o, "<figcaption>");
		esc(o, t->title ? t->title : "");
		rev_mark(o, b, w);
		(void)buf_puts(o, "</figcaption>");
	}
	(void)buf_puts(o, "<table><thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		/* a column is numeric when any of its cells is a number */
		bool num = false;
		for (size_t r = 0; r < t->nrows && !num; r++)
			num = t->cells[r * t->ncols + c].text == NULL;
		(void)buf_puts(o, num ? "<th class=\"num\">" : "<th>");
		esc(o, t->headers[c]);
		(void)buf_puts(o, "</th>");
	}
	(void)buf_puts(o, "</tr></thead><tbody>\n");
	char nb[64];
	for (size_t r = 0; r < t->nrows; r++) {
		(void)buf_puts(o, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const struct doc_cell *cell = &t->cells[r * t->ncols + c];
			if (cell->text) {
				(void)buf_puts(o, "<td>");
				esc(o, cell->text);
			} else {
				(void)buf_puts(o, "<td class=\"num\">");
				esc(o, doc_format_num(cell->num, t->fmts[c], nb, sizeof(nb)));
			}
			(void)buf_puts(o, "</td>");
		}
		(void)buf_puts(o, "</tr>\n");
	}
	(void)buf_puts(o, "</tbody></table>");
	source(o, t->source, w);
	(void)buf_puts(o, "</figure>\n");
}

static void chart(struct buf *o, const struct doc_block *b, const struct render_words *w)
{
	const struct doc_chart *c = &b->chart;
	(void)buf_printf(o, "<figure class=\"chart%s\">", b->revised ? " rev" : "");
	if ((c->title && c->title[0]) || b->revised) {
		(void)buf_puts(o, "<figcaption>");
		esc(o, c->title ? c->title : "");
		rev_mark(o, b, w);
		(void)buf_puts(o, "</figcaption>");
	}
	svg(o, c);
	source(o, c->source, w);
	(void)buf_puts(o, "</figure>\n");
}

enum err_code doc_html(const struct doc *d, struct buf *out, struct err *e)
{
	const struct render_words *w = render_words(d->lang);
	struct buf *o = out;
	(void)buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                    "<meta name=\"generator\" content=\"Jiqun\">\n<title>",
	                 w->html_lang);
	esc(o, d->title);
	(void)buf_printf(o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<div class=\"page\">\n"
	                    "<header class=\"cover\"><h1>",
	                 css);
	esc(o, d->title);
	(void)buf_puts(o, "</h1>");
	if (d->subtitle && d->subtitle[0]) {
		(void)buf_puts(o, "<p class=\"subtitle\">");
		esc(o, d->subtitle);
		(void)buf_puts(o, "</p>");
	}
	(void)buf_printf(o, "<p class=\"meta\">%s", w->period);
	esc(o, d->period);
	if (d->generated && d->generated[0]) {
		(void)buf_printf(o, " · %s", w->generated);
		esc(o, d->generated);
	}
	(void)buf_puts(o, "</p></header>\n");

	/* contents */
	(void)buf_printf(o, "<nav class=\"toc\"><h2 class=\"toc-title\">%s</h2><ol>\n", w->toc);
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind != DOC_HEADING)
			continue;
		(void)buf_printf(o, "<li class=\"l%d\"><a href=\"#", b->level);
		anchor(o, b, i);
		(void)buf_puts(o, "\">");
		esc(o, b->text);
		(void)buf_puts(o, "</a></li>\n");
	}
	(void)buf_puts(o, "</ol></nav>\n<main>\n");

	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->blocks[i];
		const char *rc = b->revised ? " rev" : "";
		switch (b->kind) {
		case DOC_HEADING:
			(void)buf_printf(o, "<h%d id=\"", b->level + 1);
			anchor(o, b, i);
			(void)buf_printf(o, "\"%s>", b->revised ? " class=\"rev\"" : "");
			esc(o, b->text);
			rev_mark(o, b, w);
			(void)buf_printf(o, "</h%d>\n", b->level + 1);
			break;
		case DOC_PARAGRAPH:
		case DOC_NOTE:
			(void)buf_printf(o, "<p class=\"%s%s\">", b->kind == DOC_NOTE ? "note" : "para", rc);
			esc(o, b->text);
			rev_mark(o, b, w);
			(void)buf_puts(o, "</p>\n");
			break;
		case DOC_BULLET:
			if (i == 0 || d->blocks[i - 1].kind != DOC_BULLET)
				(void)buf_puts(o, "<ul>\n");
			(void)buf_printf(o, "<li%s>", b->revised ? " class=\"rev\"" : "");
			esc(o, b->text);
			rev_mark(o, b, w);
			(void)buf_puts(o, "</li>\n");
			if (i + 1 == d->n || d->blocks[i + 1].kind != DOC_BULLET)
				(void)buf_puts(o, "</ul>\n");
			break;
		case DOC_TABLE:
			table(o, b, w);
			break;
		case DOC_CHART:
			chart(o, b, w);
			break;
		case DOC_PAGE_BREAK:
			(void)buf_puts(o, "<div class=\"page-break\"></div>\n");
			break;
		}
	}
	enum err_code rc = buf_puts(o, "</main>\n</div>\n</body>\n</html>\n");
	if (rc != ERR_OK || o->len == 0)
		return err_set(e, ERR_NOMEM, "报告 HTML 超出缓冲区上限");
	return ERR_OK;
}
