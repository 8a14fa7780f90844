/*
 * doc_json.c - report_doc_json (report.h): a doc as JSON, every block in order with its text,
 * table cells (numbers as numbers, NAN as null) and chart values, so tests and tools can read what
 * a report says without parsing HTML or PDF.
 */
#include <math.h>

#include "report/report.h"

static const char *const kinds[] = {"heading", "paragraph", "bullet", "note", "table", "chart", "page_break"};
static const char *const chart_kinds[] = {"bar", "hbar", "line", "gauge"};
static const char *const fmts[] = {"int", "d1", "d2", "pct1", "pp2"};

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *strs(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i] ? v[i] : ""));
	return a;
}

json_t *report_doc_json(const struct doc *d)
{
	json_t *blocks = json_array();
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->blocks[i];
		json_t *o = json_pack("{s:s, s:b}", "kind", kinds[b->kind], "revised", b->revised);
		if (b->text)
			json_object_set_new(o, "text", json_string(b->text));
		if (b->kind == DOC_HEADING) {
			json_object_set_new(o, "level", json_integer(b->level));
			json_object_set_new(o, "anchor", json_string(b->anchor ? b->anchor : ""));
		} else if (b->kind == DOC_TABLE) {
			const struct doc_table *t = &b->table;
			json_t *f = json_array(), *rows = json_array();
			for (size_t c = 0; c < t->ncols; c++)
				json_array_append_new(f, json_string(fmts[t->fmts[c]]));
			for (size_t r = 0; r < t->nrows; r++) {
				json_t *row = json_array();
				for (size_t c = 0; c < t->ncols; c++) {
					const struct doc_cell *x = &t->cells[r * t->ncols + c];
					json_array_append_new(row, x->text ? json_string(x->text) : num(x->num));
				}
				json_array_append_new(rows, row);
			}
			json_object_set_new(o, "table",
			                    json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "sheet", t->sheet, "title",
			                              t->title, "source", t->source ? t->source : "", "headers",
			                              strs(t->headers, t->ncols), "formats", f, "rows", rows));
		} else if (b->kind == DOC_CHART) {
			const struct doc_chart *c = &b->chart;
			json_t *vals = json_array();
			for (size_t s = 0; s < c->nseries; s++) {
				json_t *row = json_array();
				for (size_t k = 0; k < c->ncats; k++)
					json_array_append_new(row, num(c->values[s * c->ncats + k]));
				json_array_append_new(vals, row);
			}
			json_object_set_new(o, "chart",
			                    json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "kind",
			                              chart_kinds[c->kind], "title", c->title ? c->title : "",
			                              "unit", c->unit ? c->unit : "", "source",
			                              c->source ? c->source : "", "series",
			                              strs(c->series, c->nseries), "categories",
			                              strs(c->cats, c->ncats), "values", vals, "target",
			                              num(c->target), "target_label",
			                              c->target_label ? c->target_label : ""));
		}
		json_array_append_new(blocks, o);
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "title", d->title, "subtitle",
	                 d->subtitle ? d->subtitle : "", "period", d->period, "lang", d->lang,
	                 "generated", d->generated, "blocks", blocks);
}
