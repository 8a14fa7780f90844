/*
 * xlsx_write.c - the .xlsx writer on libxlsxwriter (constant_memory mode); see xlsx.h.
 * It writes sheets of rows in order, one sheet after another; it does not write formulas, merged
 * cells or charts.
 */
#include "io/xlsx.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "base/mem.h"
#include "io/table.h"

#define MIN_WIDTH 6.0
#define MAX_WIDTH 60.0
#define MAX_TEXT 32767 /* characters in a cell (Excel's limit) */

struct column {
	lxw_format *numfmt; /* NULL: General */
	size_t width;       /* widest content, in character widths */
};

struct xlsx_writer {
	char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *date;
	struct column *cols; /* ncols of them */
	size_t ncols;        /* columns seen so far */
	size_t header_cols;  /* 0: no header */
	unsigned nrows;      /* rows written, header included */
};

/* Make room for columns [0, n). */
static void grow(struct xlsx_writer *w, size_t n)
{
	if (n <= w->ncols)
		return;
	w->cols = xrealloc(w->cols, n * sizeof *w->cols);
	memset(w->cols + w->ncols, 0, (n - w->ncols) * sizeof *w->cols);
	w->ncols = n;
}

static void widen(struct xlsx_writer *w, size_t col, size_t width)
{
	if (width > w->cols[col].width)
		w->cols[col].width = width;
}

/* A libxlsxwriter failure at column `col` of the row being written (both shown 1-based). */
static enum err_code lxw_fail(const struct xlsx_writer *w, lxw_error le, size_t col, struct err *e)
{
	return err_set(e, ERR_INVALID, "%s: 第 %u 行第 %zu 列无法写入 (row %u, column %zu: %s)",
		       w->path, w->nrows + 1, col + 1, w->nrows + 1, col + 1, lxw_strerror(le));
}

enum err_code xlsx_writer_open(const char *path, const char *sheet_name, struct xlsx_writer **out,
			       struct err *e)
{
	*out = NULL;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = 0};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (wb == NULL)
		return err_set(e, ERR_NOMEM, "%s: 无法创建工作簿 (cannot create the workbook)",
			       path);
	if (sheet_name) {
		lxw_error le = workbook_validate_sheet_name(wb, sheet_name);
		if (le != LXW_NO_ERROR) {
			lxw_workbook_free(wb);
			return err_set(e, ERR_INVALID,
				       "%s: 工作表名“%s”不可用：最多 31 个字符，不能含 "
				       "[ ] : * ? / \\ (bad sheet name \"%s\": %s)",
				       path, sheet_name, sheet_name, lxw_strerror(le));
		}
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name);
	if (ws == NULL) {
		lxw_workbook_free(wb);
		return err_set(e, ERR_INVALID, "%s: 无法添加工作表 (cannot add the sheet)", path);
	}
	struct xlsx_writer *w = xcalloc(1, sizeof *w);
	w->path = xstrdup(path);
	w->wb = wb;
	w->ws = ws;
	w->bold = workbook_add_format(wb);
	format_set_bold(w->bold);
	w->date = workbook_add_format(wb);
	format_set_num_format(w->date, "yyyy-mm-dd");
	*out = w;
	return ERR_OK;
}

/* Check that s is valid UTF-8 of at most MAX_TEXT characters; its display width in *width. */
static enum err_code check_text(const struct xlsx_writer *w, const char *s, size_t col,
				size_t *width, struct err *e)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
	size_t chars = 0;
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, len, &cp);
		if (n <= 0)
			return err_set(e, ERR_INVALID,
				       "%s: 第 %u 行第 %zu 列不是有效的 UTF-8 文本 (row %u, "
				       "column %zu: invalid UTF-8)",
				       w->path, w->nrows + 1, col + 1, w->nrows + 1, col + 1);
		chars += cp > 0xFFFF ? 2 : 1; /* Excel counts UTF-16 units */
		p += n;
		len -= n;
	}
	if (chars > MAX_TEXT)
		return err_set(e, ERR_INVALID,
			       "%s: 第 %u 行第 %zu 列超过 Excel 单元格上限 %d 个字符 "
			       "(row %u, column %zu: longer than %d characters)",
			       w->path, w->nrows + 1, col + 1, MAX_TEXT, w->nrows + 1, col + 1,
			       MAX_TEXT);
	*width = text_width(s);
	return ERR_OK;
}

enum err_code xlsx_writer_header(struct xlsx_writer *w, const char *const *names, size_t n,
				 struct err *e)
{
	if (w->nrows != 0)
		return err_set(e, ERR_INTERNAL,
			       "%s: 表头必须是第一行 (the header must be the first row)", w->path);
	if (n == 0 || n > XLSX_MAX_COLUMNS)
		return err_set(e, ERR_INVALID,
			       "%s: 表头有 %zu 列，应为 1 到 %u 列 (a header needs 1 to %u "
			       "columns, not %zu)",
			       w->path, n, XLSX_MAX_COLUMNS, XLSX_MAX_COLUMNS, n);
	grow(w, n);
	for (size_t c = 0; c < n; c++) {
		const char *s = names[c] ? names[c] : "";
		size_t width = 0;
		enum err_code rc = check_text(w, s, c, &width, e);
		if (rc != ERR_OK)
			return rc;
		widen(w, c, width + 2); /* room for the autofilter arrow */
		lxw_error le = worksheet_write_string(w->ws, 0, (lxw_col_t)c, s, w->bold);
		if (le != LXW_NO_ERROR)
			return lxw_fail(w, le, c, e);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	w->header_cols = n;
	w->nrows = 1;
	return ERR_OK;
}

enum err_code xlsx_writer_number_format(struct xlsx_writer *w, size_t col, const char *fmt,
					struct err *e)
{
	if (col >= XLSX_MAX_COLUMNS)
		return err_set(e, ERR_INVALID,
			       "%s: 第 %zu 列超过 Excel 的 %u 列上限 (column %zu is beyond "
			       "%u columns)",
			       w->path, col + 1, XLSX_MAX_COLUMNS, col + 1, XLSX_MAX_COLUMNS);
	grow(w, col + 1);
	lxw_format *f = workbook_add_format(w->wb);
	format_set_num_format(f, fmt);
	w->cols[col].numfmt = f;
	return ERR_OK;
}

/* Parse a strict "YYYY-MM-DD" between 1900-01-01 and 9999-12-31. */
static bool parse_date(const char *s, lxw_datetime *dt)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int v[3] = {0, 0, 0};
	static const int start[] = {0, 5, 8}, len[] = {4, 2, 2};
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < len[k]; i++) {
			char ch = s[start[k] + i];
			if (ch < '0' || ch > '9')
				return false;
			v[k] = v[k] * 10 + (ch - '0');
		}
	int y = v[0], m = v[1], d = v[2];
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return false;
	*dt = (lxw_datetime){.year = y, .month = m, .day = d, .hour = 0, .min = 0, .sec = 0};
	return true;
}

/* Rough display width of a number in a format: its digits plus group separators. */
static size_t number_width(double v)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof tmp, "%.2f", v);
	if (n < 0)
		return 10;
	return (size_t)n + (size_t)n / 3;
}

static enum err_code write_cell(struct xlsx_writer *w, const struct xlsx_cell *cell, size_t col,
				struct err *e)
{
	lxw_row_t row = w->nrows;
	lxw_col_t c = (lxw_col_t)col;
	lxw_error le = LXW_NO_ERROR;
	size_t width = 0;
	enum err_code rc;
	lxw_datetime dt;
	switch (cell->kind) {
	case XLSX_EMPTY:
		return ERR_OK;
	case XLSX_TEXT:
		if (cell->text == NULL || cell->text[0] == '\0')
			return ERR_OK;
		rc = check_text(w, cell->text, col, &width, e);
		if (rc != ERR_OK)
			return rc;
		widen(w, col, width);
		le = worksheet_write_string(w->ws, row, c, cell->text, NULL);
		break;
	case XLSX_NUMBER:
		if (!isfinite(cell->number))
			return err_set(e, ERR_INVALID,
				       "%s: 第 %u 行第 %zu 列的数值无效 (row %u, column %zu: "
				       "not a finite number)",
				       w->path, row + 1, col + 1, row + 1, col + 1);
		widen(w, col, number_width(cell->number));
		le = worksheet_write_number(w->ws, row, c, cell->number, w->cols[col].numfmt);
		break;
	case XLSX_DATE:
		if (cell->text == NULL || cell->text[0] == '\0')
			return ERR_OK;
		if (!parse_date(cell->text, &dt))
			return err_set(
				e, ERR_INVALID,
				"%s: 第 %u 行第 %zu 列的日期“%s”应为 1900-01-01 之后"
				"的 YYYY-MM-DD (row %u, column %zu: date \"%s\" is not YYYY-MM-DD "
				"from 1900-01-01)",
				w->path, row + 1, col + 1, cell->text, row + 1, col + 1,
				cell->text);
		widen(w, col, 10);
		le = worksheet_write_datetime(w->ws, row, c, &dt, w->date);
		break;
	default:
		return err_set(e, ERR_INTERNAL,
			       "%s: 第 %u 行第 %zu 列：未知的单元格类型 %d (unknown cell "
			       "kind)",
			       w->path, row + 1, col + 1, (int)cell->kind);
	}
	return le == LXW_NO_ERROR ? ERR_OK : lxw_fail(w, le, col, e);
}

enum err_code xlsx_writer_row(struct xlsx_writer *w, const struct xlsx_cell *cells, size_t n,
			      struct err *e)
{
	if (w->nrows >= XLSX_MAX_ROWS)
		return err_set(e, ERR_INVALID, "%s: 超过 Excel 的 %u 行上限 (more than %u rows)",
			       w->path, XLSX_MAX_ROWS, XLSX_MAX_ROWS);
	if (n > XLSX_MAX_COLUMNS)
		return err_set(e, ERR_INVALID,
			       "%s: 第 %u 行有 %zu 列，超过 Excel 的 %u 列上限 (row %u has "
			       "%zu columns, more than %u)",
			       w->path, w->nrows + 1, n, XLSX_MAX_COLUMNS, w->nrows + 1, n,
			       XLSX_MAX_COLUMNS);
	grow(w, n);
	for (size_t c = 0; c < n; c++) {
		enum err_code rc = write_cell(w, &cells[c], c, e);
		if (rc != ERR_OK)
			return rc;
	}
	w->nrows++;
	return ERR_OK;
}

/* Column widths and the autofilter of the current sheet. */
static void finish_sheet(struct xlsx_writer *w)
{
	for (size_t c = 0; c < w->ncols; c++) {
		double width = (double)w->cols[c].width + 1.0;
		width = width < MIN_WIDTH ? MIN_WIDTH : width > MAX_WIDTH ? MAX_WIDTH : width;
		(void)worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
	}
	if (w->header_cols > 0)
		(void)worksheet_autofilter(w->ws, 0, 0, w->nrows - 1,
					   (lxw_col_t)(w->header_cols - 1));
}

enum err_code xlsx_writer_sheet(struct xlsx_writer *w, const char *name, struct err *e)
{
	lxw_error le = workbook_validate_sheet_name(w->wb, name);
	if (le != LXW_NO_ERROR)
		return err_set(e, ERR_INVALID,
			       "%s: 工作表名“%s”不可用：最多 31 个字符，不能含 [ ] : * ? / \\，"
			       "不能重复 (bad sheet name \"%s\": %s)",
			       w->path, name, name, lxw_strerror(le));
	finish_sheet(w);
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
	if (ws == NULL)
		return err_set(e, ERR_INVALID, "%s: 无法添加工作表“%s” (cannot add the sheet)", w->path,
			       name);
	w->ws = ws;
	free(w->cols);
	w->cols = NULL;
	w->ncols = 0;
	w->header_cols = 0;
	w->nrows = 0;
	return ERR_OK;
}

void xlsx_writer_created(struct xlsx_writer *w, long long created)
{
	lxw_doc_properties props = {.created = (time_t)created};
	(void)workbook_set_properties(w->wb, &props);
}

enum err_code xlsx_writer_close(struct xlsx_writer *w, struct err *e)
{
	if (w == NULL)
		return ERR_OK;
	finish_sheet(w);
	lxw_error le = workbook_close(w->wb);
	w->wb = NULL;
	enum err_code rc = ERR_OK;
	if (le != LXW_NO_ERROR)
		rc = err_set(e, ERR_IO, "%s: 无法写入 Excel 文件 (cannot write the workbook: %s)",
			     w->path, lxw_strerror(le));
	xlsx_writer_free(w);
	return rc;
}

void xlsx_writer_free(struct xlsx_writer *w)
{
	if (w == NULL)
		return;
	if (w->wb)
		lxw_workbook_free(w->wb);
	free(w->cols);
	free(w->path);
	free(w);
}
