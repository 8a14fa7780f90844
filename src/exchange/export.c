/*
 * export.c - writing a list as CSV or XLSX with the template's Chinese headers, so that what is
 * exported imports again unchanged (export -> import -> export gives the same file). Values are
 * shown as officials write them: amounts in 万元, 是/否, district and industry names.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "exchange/exchange.h"
#include "io/csv_write.h"
#include "io/xlsx.h"

struct out {
	const struct list_ctx *ctx;
	const struct list_def *l;
	FILE *csv;
	struct xlsx_writer *xlsx;
	long rows;
	struct err *e;
	enum err_code rc;
};

static int write_record(void *arg, const struct record *rec)
{
	struct out *o = arg;
	const struct list_def *l = o->l;
	char **cells = xcalloc(l->n_fields, sizeof *cells);
	struct xlsx_cell *xc = o->xlsx ? xcalloc(l->n_fields, sizeof *xc) : NULL;
	for (size_t i = 0; i < l->n_fields; i++) {
		const struct field_def *f = &l->fields[i];
		cells[i] = field_format(o->ctx, f, &rec->v[i]);
		if (xc == NULL)
			continue;
		if (rec->v[i].null)
			xc[i].kind = XLSX_EMPTY;
		else if (f->type == FT_AMOUNT || f->type == FT_INT || f->type == FT_DECIMAL) {
			/* Numbers as numbers, in the unit the header states (万元 for amounts). */
			xc[i].kind = XLSX_NUMBER;
			xc[i].number = f->type == FT_AMOUNT ? rec->v[i].num / 1e4 : rec->v[i].num;
		} else if (f->type == FT_DATE) {
			xc[i].kind = XLSX_DATE;
			xc[i].text = cells[i];
		} else {
			xc[i].kind = XLSX_TEXT;
			xc[i].text = cells[i];
		}
	}
	if (o->csv && !csv_write_row(o->csv, (const char *const *)cells, l->n_fields))
		o->rc = err_set(o->e, ERR_IO, "写入失败 (write error): %s", strerror(errno));
	else if (o->xlsx)
		o->rc = xlsx_writer_row(o->xlsx, xc, l->n_fields, o->e);
	for (size_t i = 0; i < l->n_fields; i++)
		free(cells[i]);
	free(cells);
	free(xc);
	o->rows++;
	return o->rc != ERR_OK;
}

enum err_code exchange_export(struct store *s, const struct list_ctx *ctx, const struct list_def *l,
                              const struct export_opts *opts, const char *path, long *rows,
                              struct err *e)
{
	struct out o = {.ctx = ctx, .l = l, .e = e, .rc = ERR_OK};
	const char **head = xcalloc(l->n_fields, sizeof *head);
	bool close_csv = false;
	*rows = 0;
	for (size_t i = 0; i < l->n_fields; i++)
		head[i] = l->fields[i].header_zh;
	if (opts->format == FORMAT_XLSX) {
		if (path == NULL)
			o.rc = err_set(e, ERR_USAGE, "XLSX 导出需要输出文件 (--out FILE.xlsx)");
		else
			o.rc = xlsx_writer_open(path, l->title_zh, &o.xlsx, e);
		if (o.rc == ERR_OK)
			o.rc = xlsx_writer_header(o.xlsx, head, l->n_fields, e);
		for (size_t i = 0; o.rc == ERR_OK && i < l->n_fields; i++)
			if (l->fields[i].type == FT_AMOUNT)
				o.rc = xlsx_writer_number_format(o.xlsx, i, "#,##0.00##", e);
	} else {
		o.csv = path ? fopen(path, "wb") : stdout;
		close_csv = path != NULL;
		if (o.csv == NULL)
			o.rc = err_set(e, ERR_IO, "%s: 无法写入 (cannot write): %s", path, strerror(errno));
		else if (!csv_write_bom(o.csv) || !csv_write_row(o.csv, head, l->n_fields))
			o.rc = err_set(e, ERR_IO, "写入失败 (write error)");
	}
	if (o.rc == ERR_OK && !opts->template_only) {
		struct list_query q = {.industry = opts->industry, .district = opts->district, .limit = -1};
		long total;
		enum err_code qrc = store_list_query(s, l, &q, write_record, &o, &total, e);
		if (o.rc == ERR_OK)
			o.rc = qrc;
	}
	if (o.xlsx) {
		if (o.rc == ERR_OK)
			o.rc = xlsx_writer_close(o.xlsx, e);
		else
			xlsx_writer_free(o.xlsx);
	}
	/* A file is closed, stdout flushed: either way a late write error is reported. */
	int failed = 0;
	if (close_csv)
		failed = fclose(o.csv);
	else if (o.csv)
		failed = fflush(stdout);
	if (failed && o.rc == ERR_OK)
		o.rc = err_set(e, ERR_IO, "%s: 写入失败 (write error)", path ? path : "stdout");
	free(head);
	*rows = o.rows;
	return o.rc;
}

enum err_code exchange_table_xlsx(const char *path, const char *sheet, const char *const *head,
                                  size_t n_cols, const char *const *cells, size_t rows,
                                  struct err *e)
{
	struct xlsx_writer *w = NULL;
	enum err_code rc = xlsx_writer_open(path, sheet, &w, e);
	if (rc == ERR_OK)
		rc = xlsx_writer_header(w, head, n_cols, e);
	struct xlsx_cell *xc = xcalloc(n_cols ? n_cols : 1, sizeof *xc);
	for (size_t r = 0; rc == ERR_OK && r < rows; r++) {
		for (size_t c = 0; c < n_cols; c++) {
			const char *t = cells[r * n_cols + c];
			xc[c] = (struct xlsx_cell){t ? XLSX_TEXT : XLSX_EMPTY, t, 0};
		}
		rc = xlsx_writer_row(w, xc, n_cols, e);
	}
	free(xc);
	if (w == NULL)
		return rc;
	if (rc != ERR_OK) {
		xlsx_writer_free(w);
		return rc;
	}
	return xlsx_writer_close(w, e);
}
