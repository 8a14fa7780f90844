/* plan.c - parsing and validating plan targets; see plan.h. */
#include "model/plan.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct plan_column plan_columns[PLAN_COLUMNS] = {
	[PC_LEVEL] = {"层级", "level", true},
	[PC_SCOPE] = {"范围", "scope", true},
	[PC_KEY] = {"对象", "key", false},
	[PC_INDICATOR] = {"指标", "indicator", true},
	[PC_YEAR] = {"年份", "year", true},
	[PC_BASE_YEAR] = {"基期", "base_year", false},
	[PC_VALUE] = {"目标值", "value", true},
	[PC_UNIT] = {"单位", "unit", true},
	[PC_THRESHOLD] = {"门槛", "threshold", false},
	[PC_NOTE] = {"说明", "note", false},
};

struct name3 {
	const char *name, *zh, *alt1, *alt2;
};

static const struct name3 levels[PLAN_LEVELS] = {
	[PLAN_FIVE_YEAR] = {"five_year", "规划", "五年规划", "五年"},
	[PLAN_ROLLING] = {"rolling", "三年滚动", "三年滚动计划", "rolling_three_year"},
	[PLAN_ANNUAL] = {"annual", "年度", "年度计划", "年度目标"},
};

static const struct name3 scopes[] = {
	[SCOPE_PROGRAMME] = {"programme", "全市", "计划", "总体"},
	[SCOPE_CATEGORY] = {"category", "类别", "大类", NULL},
	[SCOPE_INDUSTRY] = {"industry", "产业", "集群", "产业集群"},
	[SCOPE_DISTRICT] = {"district", "区", "区域", "辖区"},
};

static int find3(const struct name3 *t, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, s) == 0 || strcmp(t[i].zh, s) == 0 ||
		    (t[i].alt1 && strcmp(t[i].alt1, s) == 0) || (t[i].alt2 && strcmp(t[i].alt2, s) == 0))
			return (int)i;
	return -1;
}

bool plan_level_parse(const char *s, enum plan_level *out)
{
	int i = find3(levels, PLAN_LEVELS, s);
	if (i >= 0)
		*out = (enum plan_level)i;
	return i >= 0;
}

const char *plan_level_name(enum plan_level l)
{
	return (unsigned)l < PLAN_LEVELS ? levels[l].name : "?";
}

const char *plan_level_label_zh(enum plan_level l)
{
	return (unsigned)l < PLAN_LEVELS ? levels[l].zh : "?";
}

bool plan_scope_parse(const char *s, enum plan_scope *out)
{
	int i = find3(scopes, sizeof scopes / sizeof scopes[0], s);
	if (i >= 0)
		*out = (enum plan_scope)i;
	return i >= 0;
}

const char *plan_scope_name(enum plan_scope s)
{
	return (unsigned)s <= SCOPE_DISTRICT ? scopes[s].name : "?";
}

const char *plan_scope_label_zh(enum plan_scope s)
{
	return (unsigned)s <= SCOPE_DISTRICT ? scopes[s].zh : "?";
}

static const struct {
	const char *id, *zh;
} indicators[] = {
	{"value_added", "增加值"},      {"gdp", "地区生产总值"},     {"gross_output", "总产值"},
	{"revenue", "营业收入"},        {"profit", "利润总额"},      {"tax", "税收"},
	{"rd_expenditure", "研发经费"}, {"employees", "从业人员"},   {"exports", "出口额"},
	{"invention_patents", "发明专利"}, {"value_added_growth", "增加值增速"},
};

const char *plan_indicator_id(const char *s)
{
	for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++)
		if (strcmp(indicators[i].id, s) == 0 || strcmp(indicators[i].zh, s) == 0)
			return indicators[i].id;
	size_t n = strlen(s);
	if (n == 0 || n >= PLAN_INDICATOR_MAX || s[0] < 'a' || s[0] > 'z')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return NULL;
	return s;
}

bool plan_unit(const char *s, double *factor, const char **base)
{
	static const struct {
		const char *unit;
		double factor;
		const char *base;
	} units[] = {
		{"元", 1, "元"}, {"万元", 1e4, "元"}, {"亿元", 1e8, "元"}, {"万亿元", 1e12, "元"},
		{"%", 1, "%"},   {"个", 1, "个"},     {"家", 1, "家"},     {"人", 1, "人"},
		{"件", 1, "件"}, {"项", 1, "项"},     {"亿美元", 1, "亿美元"},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i].unit, s) == 0) {
			*factor = units[i].factor;
			*base = units[i].base;
			return true;
		}
	return false;
}

/* A whole number in [lo, hi]. */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* A finite number, allowing thousands separators ("15,000"). */
static bool parse_num(const char *s, double *out)
{
	char buf[64];
	size_t k = 0;
	for (const char *c = s; *c; c++) {
		if (*c == ',')
			continue;
		if (k + 1 >= sizeof buf)
			return false;
		buf[k++] = *c;
	}
	buf[k] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (k == 0 || *end != '\0' || errno != 0 || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static bool fail(int col, int *bad_col, char *why, size_t len, const char *fmt, ...)
	__attribute__((format(__printf__, 5, 6)));
static bool fail(int col, int *bad_col, char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	*bad_col = col;
	va_start(ap, fmt);
	(void)vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return false;
}

static bool resolve_key(const struct programme *p, enum plan_scope scope, const char *key,
                        char out[PLAN_KEY_MAX], int *bad_col, char *why, size_t len)
{
	const char *id = NULL;
	if (scope == SCOPE_PROGRAMME) {
		if (key[0] != '\0')
			return fail(PC_KEY, bad_col, why, len,
			            "全市范围的目标不填对象，而此处为“%s” (leave key empty for the programme)", key);
		out[0] = '\0';
		return true;
	}
	if (key[0] == '\0')
		return fail(PC_KEY, bad_col, why, len, "请填写对象%s (key is required for this scope)", "");
	if (scope == SCOPE_INDUSTRY) {
		for (size_t i = 0; i < p->n_industries && !id; i++)
			if (strcmp(p->industries[i].id, key) == 0 || strcmp(p->industries[i].name_zh, key) == 0 ||
			    strcmp(p->industries[i].full_name_zh, key) == 0)
				id = p->industries[i].id;
	} else if (scope == SCOPE_CATEGORY) {
		for (size_t i = 0; i < p->n_categories && !id; i++)
			if (strcmp(p->categories[i].id, key) == 0 || strcmp(p->categories[i].name_zh, key) == 0)
				id = p->categories[i].id;
	} else {
		const struct district *d = programme_district(p, key);
		id = d ? d->id : NULL;
	}
	if (id == NULL)
		return fail(PC_KEY, bad_col, why, len,
		            "未知的对象“%s” (no such industry, category or district in the programme)", key);
	(void)snprintf(out, PLAN_KEY_MAX, "%s", id);
	return true;
}

bool plan_row_parse(const struct programme *p, const char *const *f, struct plan_target *t,
                    int *bad_col, char *why, size_t len)
{
	memset(t, 0, sizeof *t);
	*bad_col = -1;
	why[0] = '\0';
	for (int c = 0; c < PLAN_COLUMNS; c++)
		if (plan_columns[c].required && f[c][0] == '\0')
			return fail(c, bad_col, why, len, "不能为空%s (required)", "");
	if (!plan_level_parse(f[PC_LEVEL], &t->level))
		return fail(PC_LEVEL, bad_col, why, len,
		            "“%s”不是规划、三年滚动或年度 (level must be five_year, rolling or annual)",
		            f[PC_LEVEL]);
	if (!plan_scope_parse(f[PC_SCOPE], &t->scope))
		return fail(PC_SCOPE, bad_col, why, len,
		            "“%s”不是全市、类别、产业或区 (scope must be programme, category, industry or district)",
		            f[PC_SCOPE]);
	if (!resolve_key(p, t->scope, f[PC_KEY], t->key, bad_col, why, len))
		return false;
	const char *ind = plan_indicator_id(f[PC_INDICATOR]);
	if (ind == NULL)
		return fail(PC_INDICATOR, bad_col, why, len,
		            "未知的指标“%s” (use an id such as value_added or a known Chinese name)",
		            f[PC_INDICATOR]);
	(void)snprintf(t->indicator, sizeof t->indicator, "%s", ind);
	if (!parse_int(f[PC_YEAR], 1949, 2200, &t->year))
		return fail(PC_YEAR, bad_col, why, len, "“%s”不是年份 (a year such as 2025)", f[PC_YEAR]);
	if (f[PC_BASE_YEAR][0] == '\0') {
		t->base_year = t->level == PLAN_FIVE_YEAR ? p->base_year
		             : t->level == PLAN_ROLLING   ? t->year - 3
		                                          : t->year - 1;
	} else if (!parse_int(f[PC_BASE_YEAR], 1949, 2200, &t->base_year)) {
		return fail(PC_BASE_YEAR, bad_col, why, len, "“%s”不是年份 (a year such as 2022)",
		            f[PC_BASE_YEAR]);
	}
	if (t->base_year >= t->year)
		return fail(PC_BASE_YEAR, bad_col, why, len,
		            "基期须早于目标年份%s (base_year must be before year)", "");
	double factor;
	const char *base;
	if (!plan_unit(f[PC_UNIT], &factor, &base))
		return fail(PC_UNIT, bad_col, why, len,
		            "未知的单位“%s” (元, 万元, 亿元, 万亿元, %%, 个, 家, 人, 件, 项 or 亿美元)",
		            f[PC_UNIT]);
	(void)snprintf(t->unit, sizeof t->unit, "%s", base);
	if (!parse_num(f[PC_VALUE], &t->value) || t->value < 0)
		return fail(PC_VALUE, bad_col, why, len, "“%s”不是非负数 (a non-negative number)",
		            f[PC_VALUE]);
	if (f[PC_THRESHOLD][0] != '\0') {
		/* A count target: the value counts industries, the threshold is in money. */
		if (!parse_num(f[PC_THRESHOLD], &t->threshold) || t->threshold <= 0)
			return fail(PC_THRESHOLD, bad_col, why, len,
			            "“%s”不是正数 (threshold must be a positive number in 亿元)", f[PC_THRESHOLD]);
		if (strcmp(base, "个") != 0)
			return fail(PC_UNIT, bad_col, why, len,
			            "有门槛的目标是个数目标，单位须为“个”，而非“%s” (a count target's unit is 个)",
			            f[PC_UNIT]);
		if (t->scope == SCOPE_INDUSTRY)
			return fail(PC_THRESHOLD, bad_col, why, len,
			            "个数目标的范围不能是单个产业%s (a count target covers a programme, category or district)",
			            "");
		t->threshold *= 1e8; /* 亿元 to 元 */
		t->has_threshold = true;
	} else {
		t->value *= factor;
	}
	if (strlen(f[PC_NOTE]) >= PLAN_NOTE_MAX)
		return fail(PC_NOTE, bad_col, why, len, "说明过长%s (at most 500 bytes)", "");
	(void)snprintf(t->note, sizeof t->note, "%s", f[PC_NOTE]);
	return true;
}

bool plan_same_target(const struct plan_target *a, const struct plan_target *b)
{
	return a->level == b->level && a->scope == b->scope && strcmp(a->key, b->key) == 0 &&
	       strcmp(a->indicator, b->indicator) == 0 && a->year == b->year &&
	       a->has_threshold == b->has_threshold;
}

size_t plan_builtin_targets(const struct programme *p, struct plan_target *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_targets; i++) {
		const struct target *g = &p->targets[i];
		if (g->indicator == NULL || !g->has_value || g->unit == NULL)
			continue;
		bool tier = strncmp(g->scope, "tier:", 5) == 0;
		if (!tier && strcmp(g->scope, "programme") != 0)
			continue;
		if (tier && g->count <= 0)
			continue;
		if (n < max) {
			struct plan_target *t = &out[n];
			memset(t, 0, sizeof *t);
			t->level = PLAN_FIVE_YEAR;
			t->scope = SCOPE_PROGRAMME;
			t->year = g->year;
			t->base_year = p->base_year;
			(void)snprintf(t->indicator, sizeof t->indicator, "%s", g->indicator);
			if (tier) {
				t->value = g->count;
				(void)snprintf(t->unit, sizeof t->unit, "个");
				t->threshold = g->value;
				t->has_threshold = true;
			} else {
				t->value = g->value;
				(void)snprintf(t->unit, sizeof t->unit, "%s", g->unit);
			}
			(void)snprintf(t->note, sizeof t->note, "%s（%s）", g->text, g->clause);
		}
		n++;
	}
	return n;
}
