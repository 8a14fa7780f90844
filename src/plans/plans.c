/*
 * plans.c - plans files in and out, the targets in force, actual figures from a file and progress;
 * see plans.h.
 */
#include "plans/plans.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "exchange/exchange.h"
#include "io/csv.h"
#include "io/csv_write.h"
#include "io/encoding.h"
#include "io/xlsx.h"

#define MAX_ISSUES 1000

/* ---- a small table of text rows from a CSV or XLSX file ---- */

typedef enum err_code (*row_fn)(void *ctx, size_t row, const char *const *cells, size_t n,
                                struct err *e);

static enum err_code read_csv(const char *path, row_fn on_row, void *ctx, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法打开 (cannot open): %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || (size_t)st.st_size > PLANS_MAX_FILE) {
		(void)fclose(f);
		return err_set(e, ERR_REJECTED, "%s: 文件过大 (larger than %zu MiB)", path,
		               PLANS_MAX_FILE >> 20);
	}
	size_t len = (size_t)st.st_size;
	char *raw = xmalloc(len + 1);
	size_t got = fread(raw, 1, len, f);
	(void)fclose(f);
	if (got != len) {
		free(raw);
		return err_set(e, ERR_IO, "%s: 读取失败 (cannot read)", path);
	}
	char *text = NULL;
	size_t text_len = 0;
	struct err conv = {0};
	enum err_code rc = encoding_to_utf8(raw, len, encoding_detect(raw, len), &text, &text_len, &conv);
	free(raw);
	if (rc != ERR_OK)
		return err_set(e, rc, "%s: %s", path, conv.msg);
	struct csv_reader *r = csv_reader_new(text, text_len, path);
	struct csv_row row;
	while (rc == ERR_OK) {
		rc = csv_reader_next(r, &row, e);
		if (rc == ERR_NOT_FOUND) {
			rc = ERR_OK;
			break;
		}
		if (rc == ERR_OK)
			rc = on_row(ctx, csv_reader_line(r), row.field, row.n, e);
	}
	csv_reader_free(r);
	free(text);
	return rc;
}

static enum err_code read_table(const char *path, row_fn on_row, void *ctx, struct err *e)
{
	enum exchange_format fmt;
	if (!exchange_format_of(path, &fmt))
		return err_set(e, ERR_USAGE, "%s: 请提供 .csv 或 .xlsx 文件 (expected a .csv or .xlsx file)",
		               path);
	if (fmt == FORMAT_CSV)
		return read_csv(path, on_row, ctx, e);
	struct xlsx_reader *x = NULL;
	enum err_code rc = xlsx_reader_open(path, NULL, &x, e);
	struct xlsx_row row;
	while (rc == ERR_OK) {
		rc = xlsx_reader_next(x, &row, e);
		if (rc == ERR_NOT_FOUND) {
			rc = ERR_OK;
			break;
		}
		if (rc == ERR_OK)
			rc = on_row(ctx, row.row_number, row.cells, row.n, e);
	}
	xlsx_reader_free(x);
	return rc;
}

/* `s` without surrounding ASCII white space and a BOM equals `name`. */
static bool header_is(const char *s, const char *name)
{
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return strlen(name) == n && strncmp(s, name, n) == 0;
}

/* ---- reading plans and actuals files ---- */

/* Which file: plans (all columns), or actuals (level fixed to annual, 数值 for 目标值, 来源 for 说明). */
enum file_kind { FILE_PLANS, FILE_ACTUALS };

struct reading {
	enum file_kind kind;
	const char *path;
	const struct programme *p;
	int col[PLAN_COLUMNS]; /* cell index of each column, -1 when absent */
	bool header_seen;
	size_t rows;
	struct plans_read *out;
	size_t cap;
};

static const char *col_header(const struct reading *rd, int c)
{
	if (rd->kind == FILE_ACTUALS && c == PC_VALUE)
		return "数值";
	if (rd->kind == FILE_ACTUALS && c == PC_NOTE)
		return "来源";
	return plan_columns[c].header_zh;
}

static void add_issue(struct plans_read *out, size_t row, const char *column, const char *why)
{
	if (out->n_issues == MAX_ISSUES)
		return;
	if (out->issues == NULL)
		out->issues = xcalloc(MAX_ISSUES, sizeof *out->issues);
	struct plans_issue *is = &out->issues[out->n_issues++];
	is->row = row;
	(void)snprintf(is->column, sizeof is->column, "%s", column);
	(void)snprintf(is->why, sizeof is->why, "%s", why);
}

static enum err_code on_header(struct reading *rd, const char *const *cells, size_t n,
                               struct err *e)
{
	static const char *const actual_alias[PLAN_COLUMNS][2] = {
		[PC_VALUE] = {"数值", "value"}, [PC_NOTE] = {"来源", "source"}};
	for (int c = 0; c < PLAN_COLUMNS; c++) {
		rd->col[c] = -1;
		for (size_t i = 0; i < n && rd->col[c] < 0; i++) {
			bool hit = rd->kind == FILE_ACTUALS && actual_alias[c][0]
			                   ? header_is(cells[i], actual_alias[c][0]) ||
			                             header_is(cells[i], actual_alias[c][1])
			                   : header_is(cells[i], plan_columns[c].header_zh) ||
			                             header_is(cells[i], plan_columns[c].alias_en);
			if (hit)
				rd->col[c] = (int)i;
		}
		bool needed = plan_columns[c].required &&
		              !(rd->kind == FILE_ACTUALS && (c == PC_LEVEL || c == PC_THRESHOLD));
		if (needed && rd->col[c] < 0)
			return err_set(e, ERR_REJECTED, "%s: 第1行缺少“%s”列 (row 1: column %s is missing)",
			               rd->path, col_header(rd, c), plan_columns[c].alias_en);
	}
	if (rd->kind == FILE_ACTUALS)
		rd->col[PC_THRESHOLD] = rd->col[PC_BASE_YEAR] = -1;
	rd->header_seen = true;
	return ERR_OK;
}

static enum err_code on_row(void *ctx, size_t row, const char *const *cells, size_t n,
                            struct err *e)
{
	struct reading *rd = ctx;
	if (!rd->header_seen)
		return on_header(rd, cells, n, e);
	if (++rd->rows > PLANS_MAX_ROWS)
		return err_set(e, ERR_REJECTED, "%s: 超过 %d 行 (more than %d rows)", rd->path,
		               PLANS_MAX_ROWS, PLANS_MAX_ROWS);
	const char *f[PLAN_COLUMNS];
	bool blank = true;
	for (int c = 0; c < PLAN_COLUMNS; c++) {
		f[c] = rd->col[c] >= 0 && (size_t)rd->col[c] < n ? cells[rd->col[c]] : "";
		blank = blank && f[c][0] == '\0';
	}
	if (blank)
		return ERR_OK;
	if (rd->kind == FILE_ACTUALS)
		f[PC_LEVEL] = "annual";
	struct plan_target t;
	int bad;
	char why[256];
	if (!plan_row_parse(rd->p, f, &t, &bad, why, sizeof why)) {
		add_issue(rd->out, row, bad >= 0 ? col_header(rd, bad) : "", why);
		return ERR_OK;
	}
	struct plans_read *out = rd->out;
	for (size_t i = 0; i < out->n; i++)
		if (plan_same_target(&out->t[i], &t)) {
			add_issue(out, row, "",
			          rd->kind == FILE_ACTUALS
			                  ? "与前面一行重复：同一范围、对象、指标和年份 (repeats an earlier row)"
			                  : "与前面一行重复：同一层级、范围、对象、指标和年份 (repeats an earlier row)");
			return ERR_OK;
		}
	if (out->n == rd->cap) {
		rd->cap = rd->cap ? rd->cap * 2 : 64;
		out->t = xrealloc(out->t, rd->cap * sizeof *out->t);
	}
	out->t[out->n++] = t;
	return ERR_OK;
}

static enum err_code read_file(enum file_kind kind, const char *path, const struct programme *p,
                               struct plans_read *out, struct err *e)
{
	struct reading rd = {.kind = kind, .path = path, .p = p, .out = out};
	memset(out, 0, sizeof *out);
	enum err_code rc = read_table(path, on_row, &rd, e);
	if (rc == ERR_OK && !rd.header_seen)
		rc = err_set(e, ERR_REJECTED, "%s: 空文件，缺少表头 (empty file: no header row)", path);
	if (rc == ERR_OK && out->n_issues > 0)
		rc = err_set(e, ERR_REJECTED, "%s: %zu 处错误，未导入任何数据 (%zu problems; nothing was imported)",
		             path, out->n_issues, out->n_issues);
	if (rc == ERR_OK && out->n == 0)
		rc = err_set(e, ERR_REJECTED, "%s: 没有数据行 (no rows)", path);
	return rc;
}

enum err_code plans_read_file(const char *path, const struct programme *p, struct plans_read *out,
                              struct err *e)
{
	return read_file(FILE_PLANS, path, p, out, e);
}

void plans_read_free(struct plans_read *r)
{
	if (r == NULL)
		return;
	free(r->t);
	free(r->issues);
	memset(r, 0, sizeof *r);
}

enum err_code plans_import(struct store *s, const struct programme *p, const char *path,
                           bool dry_run, struct plans_read *read, int versions[PLAN_LEVELS],
                           struct err *e)
{
	for (int l = 0; l < PLAN_LEVELS; l++)
		versions[l] = 0;
	enum err_code rc = plans_read_file(path, p, read, e);
	if (rc != ERR_OK || dry_run)
		return rc;
	/* The file's name without directories records where each version came from. */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	rc = store_begin(s, e);
	if (rc != ERR_OK)
		return rc;
	struct plan_target *by = xcalloc(read->n, sizeof *by);
	for (int l = 0; l < PLAN_LEVELS && rc == ERR_OK; l++) {
		size_t k = 0;
		for (size_t i = 0; i < read->n; i++)
			if ((int)read->t[i].level == l)
				by[k++] = read->t[i];
		if (k > 0)
			rc = store_plan_add_version(s, (enum plan_level)l, by, k, base, &versions[l], e);
	}
	free(by);
	if (rc == ERR_OK)
		rc = store_commit(s, e);
	if (rc != ERR_OK) {
		store_rollback(s);
		for (int l = 0; l < PLAN_LEVELS; l++)
			versions[l] = 0;
	}
	return rc;
}

/* ---- the targets in force ---- */

struct collect {
	struct plans_set *set;
	size_t cap;
};

static void push(struct collect *c, const struct plan_target *t)
{
	if (c->set->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->set->t = xrealloc(c->set->t, c->cap * sizeof *c->set->t);
	}
	c->set->t[c->set->n++] = *t;
	c->set->present[t->level] = true;
}

static int collect_one(void *ctx, const struct plan_target *t)
{
	push(ctx, t);
	return 0;
}

enum err_code plans_current(struct store *s, const struct programme *p, int level, int version,
                            struct plans_set *out, struct err *e)
{
	struct collect c = {.set = out};
	enum err_code rc = ERR_OK;
	memset(out, 0, sizeof *out);
	for (int l = 0; l < PLAN_LEVELS && rc == ERR_OK; l++) {
		if (level >= 0 && l != level)
			continue;
		int v = 0;
		rc = store_plan_targets(s, (enum plan_level)l, level >= 0 ? version : 0, collect_one, &c,
		                        &v, e);
		out->version[l] = v;
		if (rc == ERR_NOT_FOUND && l == PLAN_FIVE_YEAR && !(level >= 0 && version > 0)) {
			/* No five-year plan imported: the programme's own targets. */
			struct plan_target b[8];
			size_t n = plan_builtin_targets(p, b, 8);
			for (size_t i = 0; i < n && i < 8; i++)
				push(&c, &b[i]);
			rc = ERR_OK;
		} else if (rc == ERR_NOT_FOUND && !(level >= 0 && version > 0)) {
			rc = ERR_OK;
		}
	}
	if (rc != ERR_OK)
		plans_set_free(out);
	return rc;
}

void plans_set_free(struct plans_set *set)
{
	if (set == NULL)
		return;
	free(set->t);
	memset(set, 0, sizeof *set);
}

/* ---- export ---- */

/* A number without trailing zeros ("1.5", "15000"). */
static void fmt_num(char *out, size_t len, double v)
{
	(void)snprintf(out, len, "%.10g", v);
}

/* The cells of target t as a plans file row; money in 亿元. */
static void row_cells(const struct plan_target *t, char cells[PLAN_COLUMNS][PLAN_NOTE_MAX])
{
	bool money = strcmp(t->unit, "元") == 0 && !t->has_threshold;
	(void)snprintf(cells[PC_LEVEL], PLAN_NOTE_MAX, "%s", plan_level_label_zh(t->level));
	(void)snprintf(cells[PC_SCOPE], PLAN_NOTE_MAX, "%s", plan_scope_label_zh(t->scope));
	(void)snprintf(cells[PC_KEY], PLAN_NOTE_MAX, "%s", t->key);
	(void)snprintf(cells[PC_INDICATOR], PLAN_NOTE_MAX, "%s", t->indicator);
	(void)snprintf(cells[PC_YEAR], PLAN_NOTE_MAX, "%d", t->year);
	(void)snprintf(cells[PC_BASE_YEAR], PLAN_NOTE_MAX, "%d", t->base_year);
	fmt_num(cells[PC_VALUE], PLAN_NOTE_MAX, money ? t->value / 1e8 : t->value);
	(void)snprintf(cells[PC_UNIT], PLAN_NOTE_MAX, "%s", money ? "亿元" : t->unit);
	cells[PC_THRESHOLD][0] = '\0';
	if (t->has_threshold)
		fmt_num(cells[PC_THRESHOLD], PLAN_NOTE_MAX, t->threshold / 1e8);
	(void)snprintf(cells[PC_NOTE], PLAN_NOTE_MAX, "%s", t->note);
}

enum err_code plans_export(const struct plans_set *set, const char *path, struct err *e)
{
	enum exchange_format fmt = FORMAT_CSV;
	if (path && !exchange_format_of(path, &fmt))
		return err_set(e, ERR_USAGE, "%s: 请用 .csv 或 .xlsx (expected a .csv or .xlsx file)", path);
	const char *heads[PLAN_COLUMNS];
	for (int c = 0; c < PLAN_COLUMNS; c++)
		heads[c] = plan_columns[c].header_zh;
	static char cells[PLAN_COLUMNS][PLAN_NOTE_MAX];
	if (fmt == FORMAT_XLSX) {
		struct xlsx_writer *w = NULL;
		enum err_code rc = xlsx_writer_open(path, "计划目标", &w, e);
		if (rc == ERR_OK)
			rc = xlsx_writer_header(w, heads, PLAN_COLUMNS, e);
		for (size_t i = 0; i < set->n && rc == ERR_OK; i++) {
			struct xlsx_cell x[PLAN_COLUMNS];
			row_cells(&set->t[i], cells);
			for (int c = 0; c < PLAN_COLUMNS; c++)
				x[c] = (struct xlsx_cell){.kind = cells[c][0] ? XLSX_TEXT : XLSX_EMPTY,
				                          .text = cells[c]};
			rc = xlsx_writer_row(w, x, PLAN_COLUMNS, e);
		}
		if (rc == ERR_OK)
			return xlsx_writer_close(w, e);
		xlsx_writer_free(w);
		return rc;
	}
	FILE *out = path ? fopen(path, "wb") : stdout;
	if (out == NULL)
		return err_set(e, ERR_IO, "%s: 无法写入 (cannot write): %s", path, strerror(errno));
	bool ok = csv_write_bom(out) && csv_write_row(out, heads, PLAN_COLUMNS);
	for (size_t i = 0; i < set->n && ok; i++) {
		const char *row[PLAN_COLUMNS];
		row_cells(&set->t[i], cells);
		for (int c = 0; c < PLAN_COLUMNS; c++)
			row[c] = cells[c];
		ok = csv_write_row(out, row, PLAN_COLUMNS);
	}
	if (path)
		ok = fclose(out) == 0 && ok;
	else
		ok = fflush(out) == 0 && ok;
	return ok ? ERR_OK : err_set(e, ERR_IO, "%s: 写入失败 (write error)", path ? path : "stdout");
}

/* ---- actual figures from a file ---- */

struct file_actuals {
	struct plans_read data;
	const struct programme *p;
	char *source;
};

static bool matches(const struct plan_target *a, enum plan_scope scope, const char *key,
                    const char *indicator)
{
	return a->scope == scope && strcmp(a->key, key) == 0 && strcmp(a->indicator, indicator) == 0;
}

static enum err_code file_annual(void *ctx, const struct plan_target *t, struct tgt_point *pts,
                                 size_t max, size_t *n, const char **source, struct err *e)
{
	struct file_actuals *fa = ctx;
	*n = 0;
	*source = fa->source;
	for (size_t i = 0; i < fa->data.n; i++) {
		const struct plan_target *a = &fa->data.t[i];
		if (!matches(a, t->scope, t->key, t->indicator))
			continue;
		if (strcmp(a->unit, t->unit) != 0)
			return err_set(e, ERR_INVALID,
			               "%s: %s %s 的单位为“%s”，目标的单位为“%s” (units differ)", fa->source,
			               t->key[0] ? t->key : "全市", t->indicator, a->unit, t->unit);
		struct tgt_point pt = {.year = a->year, .value = a->value, .has = true};
		if (*n < max) {
			pts[(*n)++] = pt;
			continue;
		}
		/* Full: keep the latest years, which are the ones progress and the trend use. */
		if (max == 0)
			continue;
		size_t oldest = 0;
		for (size_t k = 1; k < max; k++)
			oldest = pts[k].year < pts[oldest].year ? k : oldest;
		if (pt.year > pts[oldest].year)
			pts[oldest] = pt;
	}
	return ERR_OK;
}

static enum err_code file_per_industry(void *ctx, const struct plan_target *t, int year,
                                       double *values, bool *has, size_t max, size_t *n,
                                       const char **source, struct err *e)
{
	(void)e;
	struct file_actuals *fa = ctx;
	const struct programme *p = fa->p;
	*n = 0;
	*source = fa->source;
	for (size_t i = 0; i < p->n_industries && *n < max; i++) {
		const struct industry *ind = &p->industries[i];
		bool in = t->scope == SCOPE_PROGRAMME ? ind->kind == KIND_CLUSTER
		        : t->scope == SCOPE_CATEGORY  ? ind->category && strcmp(ind->category, t->key) == 0
		                                      : false; /* district x industry figures: not in this file */
		if (!in)
			continue;
		values[*n] = 0;
		has[*n] = false;
		for (size_t k = 0; k < fa->data.n; k++) {
			const struct plan_target *a = &fa->data.t[k];
			if (a->year == year && matches(a, SCOPE_INDUSTRY, ind->id, t->indicator) &&
			    strcmp(a->unit, "元") == 0) {
				values[*n] = a->value;
				has[*n] = true;
			}
		}
		(*n)++;
	}
	return ERR_OK;
}

enum err_code plans_actuals_csv(const char *path, const struct programme *p,
                                struct plans_actuals *out, struct plans_read *issues,
                                struct err *e)
{
	struct file_actuals *fa = xcalloc(1, sizeof *fa);
	memset(out, 0, sizeof *out);
	memset(issues, 0, sizeof *issues);
	enum err_code rc = read_file(FILE_ACTUALS, path, p, &fa->data, e);
	if (rc != ERR_OK) {
		*issues = fa->data; /* the caller reports and frees them */
		free(fa);
		return rc;
	}
	const char *base = strrchr(path, '/');
	fa->source = xstrdup(base ? base + 1 : path);
	fa->p = p;
	*out = (struct plans_actuals){.annual = file_annual, .per_industry = file_per_industry, .ctx = fa};
	return ERR_OK;
}

void plans_actuals_free(struct plans_actuals *a)
{
	if (a == NULL || a->ctx == NULL || a->annual != file_annual)
		return;
	struct file_actuals *fa = a->ctx;
	plans_read_free(&fa->data);
	free(fa->source);
	free(fa);
	a->ctx = NULL;
}

/* ---- progress ---- */

#define MAX_POINTS 64
#define MAX_INDUSTRIES 256

enum err_code plans_progress(const struct plan_target *t, const struct plans_actuals *a, int year,
                             struct plans_progress *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->target = t;
	out->is_count = t->has_threshold;
	struct tgt_plan plan = {.base_year = t->base_year, .target_year = t->year, .target = t->value};
	if (t->has_threshold) {
		double v[MAX_INDUSTRIES];
		bool has[MAX_INDUSTRIES];
		size_t n = 0;
		enum err_code rc = a && a->per_industry
		                           ? a->per_industry(a->ctx, t, year, v, has, MAX_INDUSTRIES, &n,
		                                             &out->source, e)
		                           : ERR_OK;
		if (rc != ERR_OK)
			return rc;
		out->count = targets_count_reaching(v, has, n, t->threshold);
		for (size_t i = 0; i < n; i++)
			out->count_known += has[i];
		/* The count against the target count, as a one-point series for share and elapsed. */
		struct tgt_point pt = {.year = year, .value = out->count, .has = out->count_known > 0};
		out->r = targets_progress(&plan, &pt, 1, 1, year, 12);
		return ERR_OK;
	}
	struct tgt_point pts[MAX_POINTS];
	size_t n = 0;
	if (a && a->annual) {
		enum err_code rc = a->annual(a->ctx, t, pts, MAX_POINTS, &n, &out->source, e);
		if (rc != ERR_OK)
			return rc;
	}
	/* Only figures up to the year asked for. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (pts[i].year <= year)
			pts[k++] = pts[i];
	out->r = targets_progress(&plan, pts, k, TARGETS_DEFAULT_WINDOW, year, 12);
	return ERR_OK;
}
