/*
 * views.c - the dashboard's views assembled from monitor_report (see monitor.h): one figure's time
 * series over the periods with data, the plans' targets against the computed or published annual
 * figures (through struct plans_actuals and engine/targets), and one period's industry figures
 * restated in the 2024 programme version's industries (engine/crosswalk).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "catalog/catalog.h"
#include "engine/crosswalk.h"
#include "monitor/monitor.h"
#include "plans/plans.h"

static json_t *num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

/* ---- periods with data ---- */

#define MAX_PERIODS 512

struct plist {
	struct period p[MAX_PERIODS];
	size_t n;
	int indicator; /* -1: any */
	int kind;      /* -1: any */
};

static int add_p(void *ctx, const char *period, int indicator, bool computed, bool published)
{
	(void)computed;
	(void)published;
	struct plist *l = ctx;
	struct period p;
	if (!period_parse(period, &p) || (l->indicator >= 0 && indicator != l->indicator) ||
	    (l->kind >= 0 && (int)p.kind != l->kind))
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->p[i].label, p.label) == 0)
			return 0;
	if (l->n < MAX_PERIODS)
		l->p[l->n++] = p;
	return 0;
}

static int cmp_period(const void *a, const void *b)
{
	const struct period *x = a, *y = b;
	int c = strcmp(x->first, y->first);
	return c ? c : strcmp(x->last, y->last);
}

static enum err_code periods(struct store *s, int indicator, int kind, struct plist *l,
                             struct err *e)
{
	l->n = 0;
	l->indicator = indicator;
	l->kind = kind;
	enum err_code rc = store_ind_periods(s, add_p, l, e);
	if (rc == ERR_OK)
		qsort(l->p, l->n, sizeof l->p[0], cmp_period);
	return rc;
}

/* The computed and published figure of one key (city-wide unless `district`) in a report. */
static void pick(const struct monitor_report *r, const char *level, const char *district,
                 const struct monitor_figure **comp, const struct monitor_figure **pub)
{
	*comp = *pub = NULL;
	for (size_t i = 0; i < r->n_figures; i++) {
		const struct monitor_figure *g = &r->figures[i];
		if (strcmp(g->level, level) != 0 || strcmp(g->district, district ? district : "") != 0)
			continue;
		if (g->published && *pub == NULL)
			*pub = g;
		else if (!g->published && *comp == NULL)
			*comp = g;
	}
}

static json_t *fig_json(const struct monitor_figure *g)
{
	if (g == NULL)
		return json_null();
	json_t *o = json_pack("{s:f, s:o, s:o, s:s}", "value", g->value, "growth_pct",
	                      num(g->growth_pct), "share_gdp_pct", num(g->share_gdp_pct),
	                      "source_text", g->source_text);
	json_object_set_new(o, "n_ent", g->published ? json_null() : json_integer(g->n_ent));
	return o;
}

/* ---- time series ---- */

enum err_code monitor_series_json(struct store *s, const struct programme *p,
                                  const struct monitor_series_query *q, json_t **out,
                                  struct err *e)
{
	const char *level = q->level ? q->level : "programme";
	bool keyed = strcmp(level, "programme") != 0 && strcmp(level, "city") != 0;
	if (keyed && (q->key == NULL || q->key[0] == '\0'))
		return err_set(e, ERR_INVALID, "key: 层级“%s”需要给出对象 key (key is required)", level);
	struct plist *l = xmalloc(sizeof *l);
	enum err_code rc = periods(s, q->indicator, q->kind, l, e);
	json_t *pts = json_array();
	char name[128] = "", key[64] = "";
	for (size_t i = 0; rc == ERR_OK && i < l->n; i++) {
		struct monitor_query mq = {.period = l->p[i].label, .level = level,
		                           .key = keyed ? q->key : NULL, .indicator = q->indicator,
		                           .district = q->district};
		struct monitor_report r;
		rc = monitor_report(s, p, &mq, &r, e);
		if (rc != ERR_OK)
			break;
		const struct monitor_figure *c, *pb;
		pick(&r, level, r.n_figures && q->district ? r.figures[0].district : "", &c, &pb);
		if (c || pb) {
			const struct monitor_figure *any = c ? c : pb;
			(void)snprintf(name, sizeof name, "%s", any->name);
			(void)snprintf(key, sizeof key, "%s", any->key);
			json_array_append_new(
				pts, json_pack("{s:s, s:s, s:o, s:o, s:s}", "period", l->p[i].label, "label_zh",
				               l->p[i].label_zh, "computed", fig_json(c), "published",
				               fig_json(pb), "source", pb ? "published" : "computed"));
		}
		monitor_report_free(&r);
	}
	free(l);
	if (rc != ERR_OK) {
		json_decref(pts);
		return rc;
	}
	const struct indicator_def *d = &indicator_defs[q->indicator];
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "level", level, "key", key, "name",
	                 name, "indicator", d->id, "indicator_zh", d->name_zh, "unit", d->base_unit,
	                 "points", pts);
	return ERR_OK;
}

/* ---- targets against the figures ---- */

struct actuals_ctx {
	struct store *s;
	const struct programme *p;
	char source[224];
};

static const char *scope_level(enum plan_scope sc)
{
	return sc == SCOPE_PROGRAMME ? "programme"
	     : sc == SCOPE_CATEGORY  ? "category"
	     : sc == SCOPE_INDUSTRY  ? "industry"
	                             : "district";
}

/* One year's figure for the target's scope: published where there is one, else computed. */
static enum err_code year_figure(struct actuals_ctx *x, const struct plan_target *t, int year,
                                 double *v, bool *has, struct err *e)
{
	char per[8];
	(void)snprintf(per, sizeof per, "%d", year);
	int ind = indicator_find(t->indicator);
	*has = false;
	if (ind < 0)
		return ERR_OK;
	const char *level = scope_level(t->scope);
	bool district = t->scope == SCOPE_DISTRICT;
	struct monitor_query mq = {.period = per, .level = district ? "district" : level,
	                           .key = t->key[0] ? t->key : NULL, .indicator = ind};
	struct monitor_report r;
	enum err_code rc = monitor_report(x->s, x->p, &mq, &r, e);
	if (rc != ERR_OK)
		return rc;
	const struct monitor_figure *c, *pb;
	pick(&r, level, "", &c, &pb);
	const struct monitor_figure *g = pb ? pb : c;
	if (g) {
		*v = g->value;
		*has = true;
		if (pb)
			(void)snprintf(x->source, sizeof x->source, "公布数据：%s", pb->source_text);
		else
			(void)snprintf(x->source, sizeof x->source, "由%ld家企业数据汇总计算", c->n_ent);
	}
	monitor_report_free(&r);
	return ERR_OK;
}

static enum err_code act_annual(void *ctx, const struct plan_target *t, struct tgt_point *pts,
                                size_t max, size_t *n, const char **source, struct err *e)
{
	struct actuals_ctx *x = ctx;
	*n = 0;
	x->source[0] = '\0';
	for (int y = t->base_year - 2; y <= t->year && *n < max; y++) {
		double v = 0;
		bool has = false;
		enum err_code rc = year_figure(x, t, y, &v, &has, e);
		if (rc != ERR_OK)
			return rc;
		if (has)
			pts[(*n)++] = (struct tgt_point){.year = y, .value = v, .has = true};
	}
	*source = x->source[0] ? x->source : NULL;
	return ERR_OK;
}

static enum err_code act_per_industry(void *ctx, const struct plan_target *t, int year,
                                      double *values, bool *has, size_t max, size_t *n,
                                      const char **source, struct err *e)
{
	struct actuals_ctx *x = ctx;
	*n = 0;
	char per[8];
	(void)snprintf(per, sizeof per, "%d", year);
	int ind = indicator_find(t->indicator);
	if (ind < 0)
		return ERR_OK;
	struct monitor_query mq = {.period = per, .level = "industry", .indicator = ind};
	struct monitor_report r;
	enum err_code rc = monitor_report(x->s, x->p, &mq, &r, e);
	if (rc != ERR_OK)
		return rc;
	bool any_pub = false;
	for (size_t i = 0; i < x->p->n_industries && *n < max; i++) {
		const struct industry *in = &x->p->industries[i];
		bool scope = t->scope == SCOPE_PROGRAMME ? in->kind == KIND_CLUSTER
		           : t->scope == SCOPE_CATEGORY  ? in->category && strcmp(in->category, t->key) == 0
		                                         : false;
		if (!scope)
			continue;
		values[*n] = 0;
		has[*n] = false;
		const struct monitor_figure *c = NULL, *pb = NULL;
		for (size_t k = 0; k < r.n_figures; k++) {
			const struct monitor_figure *g = &r.figures[k];
			if (g->district[0] || strcmp(g->level, "industry") != 0 || strcmp(g->key, in->id) != 0)
				continue;
			if (g->published)
				pb = g;
			else
				c = g;
		}
		if (pb || c) {
			values[*n] = pb ? pb->value : c->value;
			has[*n] = true;
			any_pub |= pb != NULL;
		}
		(*n)++;
	}
	monitor_report_free(&r);
	(void)snprintf(x->source, sizeof x->source, "%s",
	               any_pub ? "各产业公布数据，无公布数据的由企业数据汇总计算" : "由企业数据汇总计算");
	*source = x->source;
	return ERR_OK;
}

enum err_code monitor_targets_json(struct store *s, const struct programme *p, int year,
                                   json_t **out, struct err *e)
{
	struct plist *l = xmalloc(sizeof *l);
	enum err_code rc = periods(s, IND_VALUE_ADDED, PERIOD_YEAR, l, e);
	if (rc == ERR_OK && year <= 0)
		year = l->n ? l->p[l->n - 1].year : 0;
	/* The latest period of any kind: how far into the year the figures reach. */
	struct period latest = {0};
	if (rc == ERR_OK)
		rc = periods(s, IND_VALUE_ADDED, -1, l, e);
	if (rc == ERR_OK && l->n)
		latest = l->p[l->n - 1];
	free(l);
	if (rc != ERR_OK)
		return rc;
	struct plans_set set;
	rc = plans_current(s, p, -1, 0, &set, e);
	if (rc != ERR_OK)
		return rc;
	struct actuals_ctx x = {.s = s, .p = p};
	struct plans_actuals a = {.annual = act_annual, .per_industry = act_per_industry, .ctx = &x};
	json_t *arr = json_array();
	for (size_t i = 0; rc == ERR_OK && i < set.n; i++) {
		if (set.t[i].scope == SCOPE_DISTRICT)
			continue;
		struct plans_progress g;
		rc = plans_progress(&set.t[i], &a, year, &g, e);
		if (rc == ERR_OK) {
			json_t *o = plans_progress_json(&set, &g);
			json_object_set_new(o, "actual_source", g.source ? json_string(g.source) : json_null());
			json_array_append_new(arr, o);
		}
	}
	plans_set_free(&set);
	if (rc != ERR_OK) {
		json_decref(arr);
		return rc;
	}
	*out = json_pack("{s:o, s:o, s:o, s:s}", "year", year > 0 ? json_integer(year) : json_null(),
	                 "latest_period", latest.label[0] ? json_string(latest.label) : json_null(),
	                 "targets", arr, "source",
	                 "年度数据：有公布数据的用公布数据，否则用企业数据汇总计算的数据");
	return ERR_OK;
}

/* ---- crosswalked view ---- */

static const char *const flag_names[] = {"estimated", "incomplete", "no_weight", "no_source"};

enum err_code monitor_crosswalk_json(struct store *s, const struct programme *p,
                                     const char *period, int indicator, const char *to_version,
                                     json_t **out, struct err *e)
{
	struct catalog_crosswalk *x = NULL;
	struct programme *b = NULL;
	struct monitor_report r = {0};
	struct monitor_query mq = {.period = period, .level = "industry", .indicator = indicator};
	const char *from = p->version ? p->version : "2022";
	enum err_code rc = monitor_report(s, p, &mq, &r, e);
	if (rc == ERR_OK)
		rc = catalog_crosswalk_builtin(&x, e);
	if (rc == ERR_OK)
		rc = catalog_builtin_version(to_version, &b, e);
	if (rc != ERR_OK) {
		monitor_report_free(&r);
		catalog_crosswalk_free(x);
		programme_free(b);
		return rc;
	}
	size_t ni = p->n_industries, nt = b->n_industries;
	struct xw_value *in = xcalloc(ni ? ni : 1, sizeof *in);
	const char **src = xcalloc(ni ? ni : 1, sizeof *src);
	json_t *from_arr = json_array();
	for (size_t i = 0; i < ni; i++) {
		const struct monitor_figure *c = NULL, *pb = NULL;
		for (size_t k = 0; k < r.n_figures; k++) {
			const struct monitor_figure *g = &r.figures[k];
			if (g->district[0] == '\0' && strcmp(g->key, p->industries[i].id) == 0) {
				if (g->published)
					pb = g;
				else
					c = g;
			}
		}
		const struct monitor_figure *g = pb ? pb : c;
		in[i] = (struct xw_value){.industry = p->industries[i].id, .value = g ? g->value : 0,
		                          .has = g != NULL};
		src[i] = pb ? "published" : "computed";
		if (g)
			json_array_append_new(from_arr,
			                      json_pack("{s:s, s:s, s:f, s:s}", "id", p->industries[i].id,
			                                "name_zh", p->industries[i].name_zh, "value",
			                                g->value, "source", src[i]));
	}
	const char **targets = xcalloc(nt ? nt : 1, sizeof *targets);
	struct xw_result *res = xcalloc(nt ? nt : 1, sizeof *res);
	for (size_t i = 0; i < nt; i++)
		targets[i] = b->industries[i].id;
	xw_restate(x->links, x->n, from, b->version ? b->version : to_version, in, ni, targets, nt,
	           res);
	json_t *to_arr = json_array();
	for (size_t i = 0; i < nt; i++) {
		json_t *flags = json_array();
		for (size_t f = 0; f < 4; f++)
			if (res[i].flags & (1u << f))
				json_array_append_new(flags, json_string(flag_names[f]));
		json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:b, s:o, s:i, s:i}", "id",
		                      b->industries[i].id, "name_zh", b->industries[i].name_zh, "kind",
		                      industry_kind_name(b->industries[i].kind), "value",
		                      res[i].has ? json_real(res[i].value) : json_null(), "partial_value",
		                      res[i].has ? json_null() : json_real(res[i].value), "complete",
		                      res[i].has, "flags", flags, "parts", res[i].parts, "missing",
		                      res[i].missing);
		json_array_append_new(to_arr, o);
	}
	const struct indicator_def *d = &indicator_defs[indicator];
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "period",
	                 r.period.label, "indicator", d->id, "unit", d->base_unit, "from_version",
	                 from, "to_version", b->version ? b->version : to_version, "period_zh",
	                 r.period.label_zh, "from", from_arr, "industries", to_arr, "source",
	                 "按 data/catalog/crosswalk-2022-2024.csv 的对应关系折算；拆分按权重估算");
	free(in);
	free(src);
	free(targets);
	free(res);
	monitor_report_free(&r);
	catalog_crosswalk_free(x);
	programme_free(b);
	return ERR_OK;
}
