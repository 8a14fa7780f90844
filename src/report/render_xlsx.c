/*
 * render_xlsx.c - doc_xlsx (doc.h): the report's tables as a workbook through io/xlsx.h. The
 * first sheet 说明 holds the title, period, when the inputs were taken, and every note (sources,
 * caveats) in order; then each table on its own sheet under its caption: the header bold and
 * frozen, numbers as numbers in their column's format (#,##0.00 ...), "—" cells (NAN) left empty.
 * The workbook's creation time is the doc's `generated`, so a rerun gives the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "io/xlsx.h"
#include "report/doc.h"

static const char *excel_format(enum doc_numfmt f)
{
	switch (f) {
	case DOC_NUM_INT: return "#,##0";
	case DOC_NUM_D1: return "#,##0.0";
	case DOC_NUM_PCT1: return "0.0\"%\"";
	case DOC_NUM_PP2: return "0.00";
	case DOC_NUM_D2:
	default: return "#,##0.00";
	}
}

/* "2025-07-01T08:00:00Z" as seconds since 1970 (UTC); 0 when it is not such a time. */
static long long parse_time(const char *s)
{
	struct tm tm = {0};
	const char *end = s ? strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (end == NULL || (*end != 'Z' && *end != '\0'))
		return 0;
	return (long long)timegm(&tm);
}

static enum err_code text_row(struct xlsx_writer *w, const char *a, const char *b, struct err *e)
{
	struct xlsx_cell c[2] = {{.kind = XLSX_TEXT, .text = a}, {.kind = XLSX_TEXT, .text = b}};
	return xlsx_writer_row(w, c, b ? 2 : 1, e);
}

static enum err_code table_sheet(struct xlsx_writer *w, const struct doc_table *t, struct err *e)
{
	enum err_code rc = xlsx_writer_sheet(w, t->sheet, e);
	if (rc == ERR_OK)
		rc = xlsx_writer_header(w, (const char *const *)t->headers, t->ncols, e);
	for (size_t c = 0; rc == ERR_OK && c < t->ncols; c++)
		rc = xlsx_writer_number_format(w, c, excel_format(t->fmts[c]), e);
	struct xlsx_cell *cells = xcalloc(t->ncols ? t->ncols : 1, sizeof *cells);
	for (size_t r = 0; rc == ERR_OK && r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct doc_cell *x = &t->cells[r * t->ncols + c];
			if (x->text)
				cells[c] = (struct xlsx_cell){.kind = XLSX_TEXT, .text = x->text};
			else if (isfinite(x->num))
				cells[c] = (struct xlsx_cell){.kind = XLSX_NUMBER, .number = x->num};
			else
				cells[c] = (struct xlsx_cell){.kind = XLSX_EMPTY};
		}
		rc = xlsx_writer_row(w, cells, t->ncols, e);
	}
	free(cells);
	return rc;
}

enum err_code doc_xlsx(const struct doc *d, const char *path, struct err *e)
{
	struct xlsx_writer *w = NULL;
	enum err_code rc = xlsx_writer_open(path, "说明", &w, e);
	if (rc != ERR_OK)
		return rc;
	xlsx_writer_created(w, parse_time(d->generated));
	static const char *const head[] = {"项目", "内容"};
	rc = xlsx_writer_header(w, head, 2, e);
	if (rc == ERR_OK)
		rc = text_row(w, "标题", d->title, e);
	if (rc == ERR_OK && d->subtitle && d->subtitle[0])
		rc = text_row(w, "副标题", d->subtitle, e);
	if (rc == ERR_OK)
		rc = text_row(w, "期间", d->period, e);
	if (rc == ERR_OK)
		rc = text_row(w, "数据截取", d->generated, e);
	/* The tables, then the notes: sources, caveats, definitions. */
	for (size_t i = 0; rc == ERR_OK && i < d->n; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_TABLE) {
			char src[1024];
			(void)snprintf(src, sizeof src, "工作表“%s”%s%s", b->table.sheet,
			               b->table.source && b->table.source[0] ? "；来源：" : "",
			               b->table.source ? b->table.source : "");
			rc = text_row(w, b->table.title, src, e);
		}
	}
	for (size_t i = 0; rc == ERR_OK && i < d->n; i++)
		if (d->blocks[i].kind == DOC_NOTE)
			rc = text_row(w, "说明", d->blocks[i].text, e);
	for (size_t i = 0; rc == ERR_OK && i < d->n; i++)
		if (d->blocks[i].kind == DOC_TABLE)
			rc = table_sheet(w, &d->blocks[i].table, e);
	if (rc != ERR_OK) {
		xlsx_writer_free(w);
		return rc;
	}
	return xlsx_writer_close(w, e);
}
