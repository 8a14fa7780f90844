/*
 * indicators.c - importing indicator files (enterprise values or published aggregates); see the
 * indicator section of exchange.h. The file is read through io/sheet.h like every import; rows
 * are parsed and checked first (each problem named by row, column and reason), duplicates found
 * by sorting, credit codes resolved in one batch, and only a file without problems is written,
 * in one transaction.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "exchange/exchange.h"
#include "io/sheet.h"
#include "model/uscc.h"

enum col { C_USCC, C_LEVEL, C_KEY, C_PERIOD, C_INDICATOR, C_VALUE, C_UNIT, C_BASIS, C_GROWTH,
           C_SOURCE, C_N };

/* Headers each column answers to: the template's Chinese header first, then English, aliases. */
static const char *const col_names[C_N][6] = {
	[C_USCC] = {"统一社会信用代码", "uscc", "信用代码", "社会信用代码", NULL},
	[C_LEVEL] = {"层级", "level", NULL},
	[C_KEY] = {"对象", "key", NULL},
	[C_PERIOD] = {"期间", "period", "时期", "统计期", NULL},
	[C_INDICATOR] = {"指标", "indicator", "指标名称", NULL},
	[C_VALUE] = {"数值", "value", "值", NULL},
	[C_UNIT] = {"单位", "unit", "计量单位", NULL},
	[C_BASIS] = {"口径", "basis", NULL},
	[C_GROWTH] = {"增速", "growth_pct", "增速(%)", "增速（%）", "增长(%)", NULL},
	[C_SOURCE] = {"来源", "source", "数据来源", NULL},
};

static const enum col required_ent[] = {C_USCC, C_PERIOD, C_INDICATOR, C_VALUE, C_UNIT};
static const enum col required_pub[] = {C_LEVEL, C_KEY, C_PERIOD, C_INDICATOR, C_VALUE, C_UNIT,
                                        C_SOURCE};

/* Copy `s` without leading and trailing white space (ASCII and U+3000) into out[cap]. */
static void trim(const char *s, char *out, size_t cap)
{
	while (*s == ' ' || *s == '\t' || strncmp(s, "\u3000", 3) == 0)
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	size_t n = strlen(s);
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && strncmp(s + n - 3, "\u3000", 3) == 0)
			n -= 3;
		else
			break;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

static int col_for_header(const char *h)
{
	char t[64];
	trim(h, t, sizeof t);
	for (int c = 0; c < C_N; c++)
		for (int i = 0; col_names[c][i]; i++)
			if (strcmp(t, col_names[c][i]) == 0)
				return c;
	return -1;
}

/* A decimal number with optional thousands commas (and a trailing % when `percent`). */
static bool parse_number(const char *text, bool percent, double *out)
{
	char b[64];
	size_t n = 0;
	char t[64];
	trim(text, t, sizeof t);
	for (const char *p = t; *p; p++) {
		if (*p == ',')
			continue;
		if (percent && *p == '%' && p[1] == '\0')
			break;
		if (n + 1 >= sizeof b)
			return false;
		b[n++] = *p;
	}
	b[n] = '\0';
	if (n == 0 || !(isdigit((unsigned char)b[0]) || b[0] == '-' || b[0] == '+' || b[0] == '.'))
		return false;
	char *end;
	errno = 0;
	double v = strtod(b, &end);
	if (*end || errno || !isfinite(v))
		return false;
	*out = v;
	return true;
}

struct row_common {
	unsigned row;
	int indicator;
	struct period period;
	bool cumulative;
	double value;       /* base unit */
	char unit[24];
};

struct ent_row {
	struct row_common c;
	char uscc[24];
};

struct pub_row {
	struct row_common c;
	const char *level;  /* static */
	char key[64];       /* canonical id, "" for programme and city */
	double growth;
	char *source;
};

struct run {
	struct store *s;
	const struct programme *p;
	const struct import_opts *o;
	struct ind_import_result *res;
	struct sheet *sh;
	char **headers;
	size_t n_headers;
	int col[C_N]; /* column of each, or -1 */
	struct ent_row *ent;
	struct pub_row *pub;
	size_t n, cap;
};

static const char *label(const struct run *r, enum col c)
{
	return r->col[c] >= 0 ? r->headers[r->col[c]] : col_names[c][0];
}

static const char *cell(const struct run *r, enum col c, const char *const *cells, size_t n)
{
	return r->col[c] >= 0 && (size_t)r->col[c] < n ? cells[r->col[c]] : "";
}

static enum err_code read_header(struct run *r, struct err *e)
{
	const char *const *cells;
	size_t n;
	enum err_code rc = sheet_header(r->sh, r->o->path, &cells, &n, e);
	if (rc != ERR_OK)
		return rc;
	for (int c = 0; c < C_N; c++)
		r->col[c] = -1;
	r->n_headers = n;
	r->headers = xcalloc(n, sizeof *r->headers);
	struct buf ignored, missing;
	buf_init(&ignored, BUF_NO_CAP);
	buf_init(&missing, BUF_NO_CAP);
	for (size_t i = 0; i < n; i++) {
		r->headers[i] = xstrdup(cells[i]);
		int c = col_for_header(cells[i]);
		if (c < 0) {
			if (cells[i][0] && strcmp(cells[i], "序号") != 0 && strcmp(cells[i], "企业名称") != 0 &&
			    strcmp(cells[i], "备注") != 0)
				(void)buf_printf(&ignored, "%s%s", ignored.len ? "、" : "", cells[i]);
		} else if (r->col[c] >= 0 && rc == ERR_OK) {
			rc = err_set(e, ERR_REJECTED, "%s: 第%zu列“%s”与第%d列“%s”是同一列 (two columns for one field)",
			             r->o->path, i + 1, cells[i], r->col[c] + 1, r->headers[r->col[c]]);
		} else if (r->col[c] < 0) {
			r->col[c] = (int)i;
		}
	}
	r->res->form = r->col[C_USCC] >= 0 ? IND_FILE_ENTERPRISE : IND_FILE_PUBLISHED;
	if (rc == ERR_OK && r->col[C_USCC] < 0 && r->col[C_LEVEL] < 0)
		rc = err_set(e, ERR_REJECTED,
		             "%s: 表头既没有“统一社会信用代码”（企业数据）也没有“层级”（发布的汇总数据），"
		             "无法识别文件格式，见 README (neither uscc nor level column)",
		             r->o->path);
	const enum col *req = r->res->form == IND_FILE_ENTERPRISE ? required_ent : required_pub;
	size_t n_req = r->res->form == IND_FILE_ENTERPRISE ? sizeof required_ent / sizeof *required_ent
	                                                   : sizeof required_pub / sizeof *required_pub;
	for (size_t i = 0; i < n_req; i++)
		if (r->col[req[i]] < 0)
			(void)buf_printf(&missing, "%s%s/%s", missing.len ? "、" : "", col_names[req[i]][0],
			                 col_names[req[i]][1]);
	if (rc == ERR_OK && missing.len)
		rc = err_set(e, ERR_REJECTED, "%s: 缺少必填列：%s (missing columns)", r->o->path,
		             buf_str(&missing));
	if (r->res->form == IND_FILE_ENTERPRISE && r->col[C_LEVEL] >= 0 && rc == ERR_OK)
		rc = err_set(e, ERR_REJECTED,
		             "%s: 同时有“统一社会信用代码”和“层级”列：企业数据与汇总数据请分两个文件导入 "
		             "(enterprise values and aggregates go in separate files)",
		             r->o->path);
	if (ignored.len)
		r->res->ignored = buf_take(&ignored);
	buf_free(&ignored);
	buf_free(&missing);
	return rc;
}

/* The columns both forms share; false when the row has a problem (added to issues). */
static bool parse_common(struct run *r, const char *const *cells, size_t n, struct row_common *out)
{
	struct issues *is = &r->res->issues;
	size_t before = is->n;
	char t[64];
	out->row = sheet_row(r->sh);
	out->indicator = -1;
	const char *ind = cell(r, C_INDICATOR, cells, n);
	out->indicator = indicator_find(ind);
	if (out->indicator < 0) {
		const char *why = indicator_not_alias(ind);
		if (why)
			issues_add(is, out->row, label(r, C_INDICATOR), ind, "unknown_indicator", "%s", why);
		else
			issues_add(is, out->row, label(r, C_INDICATOR), ind, "unknown_indicator",
			           "未知指标，可用：增加值、总产值、营业收入、利润总额、税收、R&D经费支出、"
			           "从业人员、出口额、发明专利、地区生产总值 或其英文代码 (unknown indicator)");
	}
	const char *per = cell(r, C_PERIOD, cells, n);
	bool per_cum = false;
	if (!period_parse_text(per, &out->period, &per_cum))
		issues_add(is, out->row, label(r, C_PERIOD), per, "bad_period",
		           "期间应为 2025、2025H1、2025Q3、2025-07 或 2025年7月、2025年1-7月 等 (bad period)");
	const char *basis = cell(r, C_BASIS, cells, n);
	trim(basis, t, sizeof t);
	out->cumulative = per_cum; /* 2025年1-7月 says 累计 by itself */
	if (strcmp(t, "累计") == 0 || strcmp(t, "cumulative") == 0)
		out->cumulative = true;
	else if (per_cum && (strcmp(t, "当期") == 0 || strcmp(t, "period") == 0))
		issues_add(is, out->row, label(r, C_BASIS), basis, "bad_basis",
		           "期间“%s”是累计期间，与口径“当期”矛盾 (a cumulative period with basis 当期)", per);
	else if (t[0] && strcmp(t, "当期") != 0 && strcmp(t, "period") != 0)
		issues_add(is, out->row, label(r, C_BASIS), basis, "bad_basis",
		           "口径应为“当期”或“累计”（1-N月累计）(basis: 当期 or 累计)");
	if (out->cumulative && out->indicator >= 0 && indicator_defs[out->indicator].stock)
		issues_add(is, out->row, label(r, C_BASIS), basis, "cumulative_stock",
		           "%s是期末数，不能累计 (a stock has no cumulative value)",
		           indicator_defs[out->indicator].name_zh);
	const char *val = cell(r, C_VALUE, cells, n);
	double v = 0;
	if (!parse_number(val, false, &v))
		issues_add(is, out->row, label(r, C_VALUE), val, "bad_number", "数值应为数字 (not a number)");
	const char *unit = cell(r, C_UNIT, cells, n);
	trim(unit, out->unit, sizeof out->unit);
	double factor = 1;
	if (out->indicator >= 0) {
		const struct indicator_def *d = &indicator_defs[out->indicator];
		if (out->unit[0] == '\0')
			issues_add(is, out->row, label(r, C_UNIT), unit, "missing_unit",
			           "请填写单位：%s (unit required)", indicator_units_text(d));
		else if (!indicator_unit_factor(d, out->unit, &factor))
			issues_add(is, out->row, label(r, C_UNIT), unit, "bad_unit",
			           "%s的单位应为 %s (unit does not fit the indicator)", d->name_zh,
			           indicator_units_text(d));
		if (d->dim != DIM_MONEY && v < 0)
			issues_add(is, out->row, label(r, C_VALUE), val, "negative",
			           "%s不能为负数 (cannot be negative)", d->name_zh);
	}
	out->value = v * factor;
	return is->n == before;
}

static void parse_enterprise_row(struct run *r, const char *const *cells, size_t n)
{
	struct ent_row row = {0};
	struct issues *is = &r->res->issues;
	bool ok = parse_common(r, cells, n, &row.c);
	const char *code = cell(r, C_USCC, cells, n);
	trim(code, row.uscc, sizeof row.uscc);
	uscc_normalise(row.uscc);
	struct err ue = {0};
	if (!uscc_valid(row.uscc, &ue)) {
		issues_add(is, row.c.row, label(r, C_USCC), code, "bad_uscc", "%s", ue.msg);
		ok = false;
	}
	if (row.c.indicator >= 0 && indicator_defs[row.c.indicator].aggregate_only) {
		issues_add(is, row.c.row, label(r, C_INDICATOR), cell(r, C_INDICATOR, cells, n),
		           "aggregate_only", "地区生产总值只按市、区发布，请用汇总数据文件导入 (gdp is not an "
		           "enterprise value)");
		ok = false;
	}
	if (!ok)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->ent = xrealloc(r->ent, r->cap * sizeof *r->ent);
	}
	r->ent[r->n++] = row;
}

static void parse_published_row(struct run *r, const char *const *cells, size_t n)
{
	struct pub_row row = {.growth = NAN};
	struct issues *is = &r->res->issues;
	char t[256];
	bool ok = parse_common(r, cells, n, &row.c);
	const char *lv = cell(r, C_LEVEL, cells, n);
	row.level = indicator_level(lv);
	if (row.level == NULL) {
		issues_add(is, row.c.row, label(r, C_LEVEL), lv, "bad_level",
		           "层级应为 programme(总体)、category(类别)、industry(产业)、district(区) 或 "
		           "city(全市) (bad level)");
		ok = false;
	} else {
		const char *key = cell(r, C_KEY, cells, n);
		trim(key, t, sizeof t);
		if (!indicator_level_key(r->p, row.level, t, row.key, sizeof row.key)) {
			bool whole = strcmp(row.level, "programme") == 0 || strcmp(row.level, "city") == 0;
			issues_add(is, row.c.row, label(r, C_KEY), key, "unknown_key",
			           whole ? "总体和全市层级的对象应留空 (key must be empty for this level)"
			                 : "找不到该对象：请填写产业、类别或区的名称或代码 (unknown key)");
			ok = false;
		}
		if (row.c.indicator >= 0 && indicator_defs[row.c.indicator].aggregate_only &&
		    strcmp(row.level, "city") != 0 && strcmp(row.level, "district") != 0) {
			issues_add(is, row.c.row, label(r, C_LEVEL), lv, "aggregate_only",
			           "地区生产总值只能按全市或区填报 (gdp is for a city or district)");
			ok = false;
		}
	}
	const char *g = cell(r, C_GROWTH, cells, n);
	trim(g, t, sizeof t);
	if (t[0] && !parse_number(t, true, &row.growth)) {
		issues_add(is, row.c.row, label(r, C_GROWTH), g, "bad_number",
		           "增速应为百分数，如 8.5 或 8.5%% (growth in percent)");
		ok = false;
	}
	const char *src = cell(r, C_SOURCE, cells, n);
	trim(src, t, sizeof t);
	if (t[0] == '\0') {
		issues_add(is, row.c.row, label(r, C_SOURCE), src, "missing_source",
		           "请填写来源，如“深圳市统计局 统计月报” (source required)");
		ok = false;
	}
	if (!ok)
		return;
	row.source = xstrdup(t);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->pub = xrealloc(r->pub, r->cap * sizeof *r->pub);
	}
	r->pub[r->n++] = row;
}

static int cmp_common(const struct row_common *a, const struct row_common *b)
{
	if (a->indicator != b->indicator)
		return a->indicator < b->indicator ? -1 : 1;
	int c = strcmp(a->period.label, b->period.label);
	if (c)
		return c;
	if (a->cumulative != b->cumulative)
		return a->cumulative ? 1 : -1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static int cmp_ent(const void *x, const void *y)
{
	const struct ent_row *a = x, *b = y;
	int c = strcmp(a->uscc, b->uscc);
	return c ? c : cmp_common(&a->c, &b->c);
}

static int cmp_pub(const void *x, const void *y)
{
	const struct pub_row *a = x, *b = y;
	int c = strcmp(a->level, b->level);
	if (c == 0)
		c = strcmp(a->key, b->key);
	return c ? c : cmp_common(&a->c, &b->c);
}

/* Same key (the row numbers aside)? */
static bool same_key(const struct row_common *a, const struct row_common *b)
{
	return a->indicator == b->indicator && a->cumulative == b->cumulative &&
	       strcmp(a->period.label, b->period.label) == 0;
}

static int cmp_issue(const void *x, const void *y)
{
	const struct issue *a = x, *b = y;
	return a->row != b->row ? (a->row < b->row ? -1 : 1) : strcmp(a->column, b->column);
}

static void duplicate(struct run *r, const struct row_common *c, unsigned first)
{
	issues_add(&r->res->issues, c->row, label(r, C_PERIOD), c->period.label, "duplicate_in_file",
	           "与第%u行的企业（对象）、指标、期间和口径相同 (duplicate of row %u)", first, first);
}

/* Sort, report duplicates, resolve credit codes, then write. */
static enum err_code finish(struct run *r, struct err *e)
{
	enum err_code rc = ERR_OK;
	bool ent = r->res->form == IND_FILE_ENTERPRISE;
	if (r->n == 0) {
		/* nothing to sort */
	} else if (ent) {
		qsort(r->ent, r->n, sizeof *r->ent, cmp_ent);
		for (size_t i = 1; i < r->n; i++)
			if (strcmp(r->ent[i].uscc, r->ent[i - 1].uscc) == 0 && same_key(&r->ent[i].c, &r->ent[i - 1].c))
				duplicate(r, &r->ent[i].c, r->ent[i - 1].c.row);
	} else {
		qsort(r->pub, r->n, sizeof *r->pub, cmp_pub);
		for (size_t i = 1; i < r->n; i++)
			if (strcmp(r->pub[i].level, r->pub[i - 1].level) == 0 &&
			    strcmp(r->pub[i].key, r->pub[i - 1].key) == 0 && same_key(&r->pub[i].c, &r->pub[i - 1].c))
				duplicate(r, &r->pub[i].c, r->pub[i - 1].c.row);
	}
	struct store_ind_value *vals = NULL;
	struct store_ind_published *pubs = NULL;
	if (ent && r->n) {
		const char **codes = xmalloc(r->n * sizeof *codes);
		long long *ids = xmalloc(r->n * sizeof *ids);
		vals = xcalloc(r->n, sizeof *vals);
		for (size_t i = 0; i < r->n; i++)
			codes[i] = r->ent[i].uscc;
		rc = store_enterprise_ids(r->s, codes, r->n, ids, e);
		for (size_t i = 0; rc == ERR_OK && i < r->n; i++) {
			const struct ent_row *w = &r->ent[i];
			if (ids[i] == 0)
				issues_add(&r->res->issues, w->c.row, label(r, C_USCC), w->uscc, "unknown_enterprise",
				           "企业名录中没有该统一社会信用代码，请先导入企业名录 (not in the enterprise list)");
			vals[i].enterprise = ids[i];
			vals[i].indicator = w->c.indicator;
			(void)snprintf(vals[i].period, sizeof vals[i].period, "%s", w->c.period.label);
			vals[i].cumulative = w->c.cumulative;
			vals[i].value = w->c.value;
			(void)snprintf(vals[i].unit, sizeof vals[i].unit, "%s", w->c.unit);
		}
		free(codes);
		free(ids);
	} else if (r->n) {
		pubs = xcalloc(r->n, sizeof *pubs);
		for (size_t i = 0; i < r->n; i++) {
			const struct pub_row *w = &r->pub[i];
			pubs[i] = (struct store_ind_published){
				.level = w->level, .key = w->key, .indicator = w->c.indicator,
				.period = w->c.period.label, .cumulative = w->c.cumulative, .value = w->c.value,
				.unit = w->c.unit, .growth_pct = w->growth, .source = w->source,
				.file = r->o->source};
		}
	}
	if (r->res->issues.n > 1)
		qsort(r->res->issues.items, r->res->issues.n, sizeof *r->res->issues.items, cmp_issue);
	for (size_t i = 0; i < r->res->issues.n; i++)
		r->res->rejected += i == 0 || r->res->issues.items[i].row != r->res->issues.items[i - 1].row;
	if (rc == ERR_OK && r->res->issues.n)
		rc = err_set(e, ERR_REJECTED, "%s: %ld行有误，未写入任何数据 (%ld bad rows; nothing was written)",
		             r->o->path, r->res->rejected, r->res->rejected);
	if (rc == ERR_OK)
		rc = store_begin(r->s, e);
	if (rc == ERR_OK) {
		rc = ent ? store_ind_put_values(r->s, vals, r->n, r->o->source, e)
		         : store_ind_put_published(r->s, pubs, r->n, e);
		if (rc == ERR_OK && !r->o->dry_run && r->o->before_commit)
			rc = r->o->before_commit(r->o->hook_ctx, r->o->path, (long)r->n, (long)r->n, 0, 0, e);
		if (rc == ERR_OK && !r->o->dry_run)
			rc = store_commit(r->s, e);
		else
			store_rollback(r->s);
		if (rc == ERR_OK)
			r->res->written = (long)r->n;
	}
	free(vals);
	free(pubs);
	return rc;
}

static bool all_empty(const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *c = cells[i]; *c; c++)
			if (*c != ' ' && *c != '\t')
				return false;
	return true;
}

enum err_code exchange_import_indicators(struct store *s, const struct programme *p,
                                         const struct import_opts *o,
                                         struct ind_import_result *res, struct err *e)
{
	struct import_opts opts = *o;
	struct run r = {.s = s, .p = p, .o = &opts, .res = res};
	memset(res, 0, sizeof *res);
	if (opts.source == NULL) {
		const char *slash = strrchr(o->path, '/');
		opts.source = slash ? slash + 1 : o->path;
	}
	enum err_code rc = sheet_open(o->path, o->sheet, &r.sh, e);
	if (rc == ERR_OK)
		rc = read_header(&r, e);
	while (rc == ERR_OK) {
		const char *const *cells;
		size_t n;
		rc = sheet_next(r.sh, &cells, &n, e);
		if (rc == ERR_NOT_FOUND) {
			rc = finish(&r, e);
			break;
		}
		if (rc != ERR_OK || all_empty(cells, n))
			continue;
		res->rows++;
		if (res->form == IND_FILE_ENTERPRISE)
			parse_enterprise_row(&r, cells, n);
		else
			parse_published_row(&r, cells, n);
		if (o->progress && res->rows % IMPORT_PROGRESS_ROWS == 0)
			o->progress(o->progress_ctx, res->rows, false);
	}
	sheet_close(r.sh);
	for (size_t i = 0; i < r.n_headers; i++)
		free(r.headers[i]);
	free(r.headers);
	for (size_t i = 0; r.pub && i < r.n; i++)
		free(r.pub[i].source);
	free(r.pub);
	free(r.ent);
	return rc;
}

void ind_import_result_free(struct ind_import_result *r)
{
	if (r == NULL)
		return;
	issues_free(&r->issues);
	free(r->ignored);
}
