/* indicator.c - the indicator table, units and cumulative conversion; see indicator.h. */
#include "model/indicator.h"

#include <stdio.h>
#include <string.h>

static const char *const a_value_added[] = {"工业增加值", "增加值（现价）", "value added", NULL};
static const char *const a_gross_output[] = {"工业总产值", "总产值（现价）", "gross output", NULL};
static const char *const a_revenue[] = {"operating revenue", NULL};
static const char *const a_profit[] = {"利润", "profit", NULL};
static const char *const a_tax[] = {"税金总额", "税收", "纳税总额", "tax", NULL};
static const char *const a_rnd[] = {"研发经费", "研发经费支出", "R&D经费", "R&D", NULL};
static const char *const a_employees[] = {"从业人员期末人数", "从业人员（期末）", "期末从业人员",
                                          "从业人数", NULL};
static const char *const a_exports[] = {"出口", "exports", NULL};
static const char *const a_patents[] = {"发明专利授权量", "发明专利授权", "invention patents", NULL};
static const char *const a_gdp[] = {"GDP", "生产总值", "地区生产总值（GDP）", NULL};

const struct indicator_def indicator_defs[INDICATOR_COUNT] = {
	[IND_VALUE_ADDED] = {"value_added", "增加值", "Value added", a_value_added, DIM_MONEY, "元", false, false},
	[IND_GROSS_OUTPUT] = {"gross_output", "总产值", "Gross output", a_gross_output, DIM_MONEY, "元", false, false},
	[IND_REVENUE] = {"revenue", "营业收入", "Operating revenue", a_revenue, DIM_MONEY, "元", false, false},
	[IND_PROFIT] = {"profit", "利润总额", "Total profit", a_profit, DIM_MONEY, "元", false, false},
	[IND_TAX] = {"tax", "税收", "Taxes", a_tax, DIM_MONEY, "元", false, false},
	[IND_RND] = {"rnd", "R&D经费支出", "R&D expenditure", a_rnd, DIM_MONEY, "元", false, false},
	[IND_EMPLOYEES] = {"employees", "从业人员", "Employees (end of period)", a_employees, DIM_PERSON, "人", true, false},
	[IND_EXPORTS] = {"exports", "出口额", "Exports", a_exports, DIM_MONEY, "元", false, false},
	[IND_PATENTS_INVENTION] = {"patents_invention", "发明专利", "Invention patents granted", a_patents, DIM_ITEM, "件", false, false},
	[IND_GDP] = {"gdp", "地区生产总值", "Gross domestic product", a_gdp, DIM_MONEY, "元", false, true},
};

/* s equals word once leading and trailing ASCII spaces of s are ignored. */
static bool same(const char *s, const char *word)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == strlen(word) && strncmp(s, word, n) == 0;
}

int indicator_find(const char *s)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < INDICATOR_COUNT; i++) {
		const struct indicator_def *d = &indicator_defs[i];
		if (same(s, d->id) || same(s, d->name_zh))
			return i;
		for (const char *const *a = d->aliases; *a; a++)
			if (same(s, *a))
				return i;
	}
	return -1;
}

const char *indicator_not_alias(const char *s)
{
	if (s && same(s, "主营业务收入"))
		return "主营业务收入不含其他业务收入，与营业收入口径不同 (main-business revenue is not "
		       "operating revenue)";
	if (s && same(s, "出口交货值"))
		return "出口交货值是工业企业按出厂价计算的出口销售值（含经外贸企业出口），与海关口径的"
		       "出口额不同，不能混为一个指标 (export delivery value is not customs exports)";
	return NULL;
}

static const struct {
	const char *name;
	enum unit_dim dim;
	double factor;
} units[] = {
	{"元", DIM_MONEY, 1}, {"yuan", DIM_MONEY, 1}, {"万元", DIM_MONEY, 1e4},
	{"亿元", DIM_MONEY, 1e8}, {"万亿元", DIM_MONEY, 1e12},
	{"人", DIM_PERSON, 1}, {"person", DIM_PERSON, 1}, {"万人", DIM_PERSON, 1e4},
	{"件", DIM_ITEM, 1}, {"个", DIM_ITEM, 1}, {"item", DIM_ITEM, 1},
};

bool indicator_unit_factor(const struct indicator_def *d, const char *s, double *factor)
{
	if (s == NULL || same(s, "")) {
		*factor = 1;
		return true;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (same(s, units[i].name)) {
			*factor = units[i].factor;
			return units[i].dim == d->dim;
		}
	return false;
}

const char *indicator_units_text(const struct indicator_def *d)
{
	switch (d->dim) {
	case DIM_PERSON: return "人、万人";
	case DIM_ITEM: return "件、个";
	case DIM_MONEY: break;
	}
	return "元、万元、亿元、万亿元";
}

/* The stock rule: the value given for t, or for a period of t's year ending in the same month. */
static bool stock_value(const struct ind_obs *obs, size_t n, const struct period *t, double *out,
                        int *exact)
{
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		const struct ind_obs *o = &obs[i];
		if (o->cumulative || o->p.year != t->year ||
		    period_last_month(&o->p) != period_last_month(t))
			continue;
		if (strcmp(o->p.label, t->label) == 0) {
			*out = o->value;
			*exact = (int)i;
			return true;
		}
		if (best < 0 || (o->p.kind == PERIOD_MONTH && obs[best].p.kind != PERIOD_MONTH))
			best = (int)i;
	}
	if (best < 0)
		return false;
	*out = obs[best].value;
	*exact = -1;
	return true;
}

bool indicator_period_value(const struct indicator_def *d, const struct ind_obs *obs, size_t n,
                            const struct period *t, double *out, int *exact)
{
	int ignored;
	if (exact == NULL)
		exact = &ignored;
	*exact = -1;
	if (d->stock)
		return stock_value(obs, n, t, out, exact);
	/* cum[m]: January..m; a cumulative value wins over a period value starting in January. */
	double cum[13] = {0}, month[13] = {0};
	int cum_from[13], month_from[13];
	for (int m = 0; m < 13; m++)
		cum_from[m] = month_from[m] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct ind_obs *o = &obs[i];
		if (o->p.year != t->year)
			continue;
		if (!o->cumulative && strcmp(o->p.label, t->label) == 0) {
			*out = o->value;
			*exact = (int)i;
			return true;
		}
		int last = period_last_month(&o->p);
		if (!o->cumulative && o->p.kind == PERIOD_MONTH && month_from[last] < 0) {
			month[last] = o->value;
			month_from[last] = (int)i;
		}
		bool from_january = o->cumulative || period_first_month(&o->p) == 1;
		if (from_january && (cum_from[last] < 0 || (o->cumulative && !obs[cum_from[last]].cumulative))) {
			cum[last] = o->value;
			cum_from[last] = (int)i;
		}
	}
	int first = period_first_month(t), last = period_last_month(t);
	if (cum_from[last] >= 0 && (first == 1 || cum_from[first - 1] >= 0)) {
		*out = cum[last] - (first == 1 ? 0 : cum[first - 1]);
		if (first == 1)
			*exact = cum_from[last];
		return true;
	}
	if (t->kind == PERIOD_MONTH)
		return false;
	double sum = 0;
	for (int m = first; m <= last; m++) {
		if (month_from[m] >= 0)
			sum += month[m];
		else if (cum_from[m] >= 0 && (m == 1 || cum_from[m - 1] >= 0))
			sum += cum[m] - (m == 1 ? 0 : cum[m - 1]);
		else
			return false;
	}
	*out = sum;
	return true;
}

int indicator_year_slot(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_MONTH: return p->index - 1;
	case PERIOD_QUARTER: return 11 + p->index;
	case PERIOD_HALF: return 15 + p->index;
	case PERIOD_YEAR: break;
	}
	return 18;
}

/* First and last month of slot k. */
static void slot_months(int k, int *first, int *last)
{
	if (k < 12) {
		*first = *last = k + 1;
	} else if (k < 16) {
		*last = 3 * (k - 11);
		*first = *last - 2;
	} else if (k < 18) {
		*last = 6 * (k - 15);
		*first = *last - 5;
	} else {
		*first = 1;
		*last = 12;
	}
}

void indicator_year_values(const struct indicator_def *d, const struct ind_obs *obs, size_t n,
                           int year, double out[INDICATOR_YEAR_PERIODS],
                           bool have[INDICATOR_YEAR_PERIODS])
{
	double direct[INDICATOR_YEAR_PERIODS], cum[13] = {0}, month[13] = {0}, at_end[13] = {0};
	bool has_direct[INDICATOR_YEAR_PERIODS] = {0};
	int cum_from[13], month_from[13], end_from[13];
	for (int m = 0; m < 13; m++)
		cum_from[m] = month_from[m] = end_from[m] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct ind_obs *o = &obs[i];
		if (o->p.year != year)
			continue;
		int k = indicator_year_slot(&o->p), first, last;
		slot_months(k, &first, &last);
		if (!o->cumulative && !has_direct[k]) {
			direct[k] = o->value;
			has_direct[k] = true;
		}
		if (d->stock) {
			/* the first value ending in that month, a month's own preferred */
			if (!o->cumulative && (end_from[last] < 0 || (o->p.kind == PERIOD_MONTH &&
			                                              obs[end_from[last]].p.kind != PERIOD_MONTH))) {
				at_end[last] = o->value;
				end_from[last] = (int)i;
			}
			continue;
		}
		if (!o->cumulative && o->p.kind == PERIOD_MONTH && month_from[last] < 0) {
			month[last] = o->value;
			month_from[last] = (int)i;
		}
		bool from_january = o->cumulative || first == 1;
		if (from_january && (cum_from[last] < 0 || (o->cumulative && !obs[cum_from[last]].cumulative))) {
			cum[last] = o->value;
			cum_from[last] = (int)i;
		}
	}
	for (int k = 0; k < INDICATOR_YEAR_PERIODS; k++) {
		int first, last;
		slot_months(k, &first, &last);
		have[k] = true;
		if (has_direct[k]) {
			out[k] = direct[k];
			continue;
		}
		if (d->stock) {
			have[k] = end_from[last] >= 0;
			out[k] = at_end[last];
			continue;
		}
		if (cum_from[last] >= 0 && (first == 1 || cum_from[first - 1] >= 0)) {
			out[k] = cum[last] - (first == 1 ? 0 : cum[first - 1]);
			continue;
		}
		double sum = 0;
		have[k] = k >= 12;
		for (int m = first; have[k] && m <= last; m++) {
			if (month_from[m] >= 0)
				sum += month[m];
			else if (cum_from[m] >= 0 && (m == 1 || cum_from[m - 1] >= 0))
				sum += cum[m] - (m == 1 ? 0 : cum[m - 1]);
			else
				have[k] = false;
		}
		out[k] = sum;
	}
}

static const struct {
	const char *level;
	const char *names[6];
} levels[] = {
	{"programme", {"programme", "总体", "合计", "战略性新兴产业", "20+8", NULL}},
	{"category", {"category", "类别", "产业类别", "大类", NULL}},
	{"industry", {"industry", "产业", "集群", "产业集群", "产业集群/未来产业", NULL}},
	{"district", {"district", "区", "辖区", "行政区", NULL}},
	{"city", {"city", "市", "全市", "城市", NULL}},
};

const char *indicator_level(const char *s)
{
	for (size_t i = 0; s && i < sizeof levels / sizeof levels[0]; i++)
		for (size_t j = 0; levels[i].names[j]; j++)
			if (same(s, levels[i].names[j]))
				return levels[i].level;
	return NULL;
}

bool indicator_level_key(const struct programme *p, const char *level, const char *key,
                         char *out, size_t cap)
{
	const char *id = NULL;
	if (strcmp(level, "programme") == 0) {
		id = key[0] == '\0' ? "" : NULL;
	} else if (strcmp(level, "city") == 0) {
		size_t cl = p->city ? strlen(p->city) : 0;
		if (key[0] == '\0' || (cl && strncmp(key, p->city, cl) == 0 &&
		                       (key[cl] == '\0' || strcmp(key + cl, "市") == 0)))
			id = "";
	} else if (strcmp(level, "district") == 0) {
		const struct district *d = programme_district(p, key);
		id = d ? d->id : NULL;
	} else if (strcmp(level, "industry") == 0) {
		for (size_t i = 0; i < p->n_industries && !id; i++) {
			const struct industry *ind = &p->industries[i];
			if (strcmp(ind->id, key) == 0 || strcmp(ind->name_zh, key) == 0 ||
			    (ind->full_name_zh && strcmp(ind->full_name_zh, key) == 0))
				id = ind->id;
		}
	} else if (strcmp(level, "category") == 0) {
		for (size_t i = 0; i < p->n_categories && !id; i++)
			if (strcmp(p->categories[i].id, key) == 0 || strcmp(p->categories[i].name_zh, key) == 0)
				id = p->categories[i].id;
	}
	if (id == NULL)
		return false;
	(void)snprintf(out, cap, "%s", id);
	return true;
}
