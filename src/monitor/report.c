/*
 * report.c - the figures of one period for `jiqun stats` and GET /api/v1/stats; see monitor.h.
 * Computed figures come from the store (written by monitor_compute), published ones are
 * converted from what was imported; both are kept, each labelled, and paired where both exist.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "monitor/monitor_int.h"

static const char *const level_ids[] = {"programme", "category", "industry", "district", "city"};
#define N_LEVELS 5

static int level_rank(const char *level)
{
	for (int i = 0; i < N_LEVELS; i++)
		if (strcmp(level_ids[i], level) == 0)
			return i;
	return N_LEVELS;
}

/* Programme order of a key at a level (industries by seq, districts as listed). */
static int key_rank(const struct programme *p, const char *level, const char *key)
{
	if (strcmp(level, "industry") == 0) {
		for (size_t i = 0; i < p->n_industries; i++)
			if (strcmp(p->industries[i].id, key) == 0)
				return (int)i;
	} else if (strcmp(level, "category") == 0) {
		for (size_t i = 0; i < p->n_categories; i++)
			if (strcmp(p->categories[i].id, key) == 0)
				return (int)i;
	} else if (strcmp(level, "district") == 0) {
		const struct district *d = programme_district(p, key);
		return d ? (int)(d - p->districts) : 9999;
	}
	return 0;
}

static void key_name(const struct programme *p, const char *level, const char *key, char *out,
                     size_t cap)
{
	const char *name = key;
	if (strcmp(level, "programme") == 0)
		name = "战略性新兴产业（20+8）";
	else if (strcmp(level, "city") == 0)
		name = p->city ? p->city : "全市";
	else if (strcmp(level, "industry") == 0) {
		const struct industry *ind = programme_industry(p, key);
		name = ind ? ind->name_zh : key;
	} else if (strcmp(level, "category") == 0) {
		for (size_t i = 0; i < p->n_categories; i++)
			if (strcmp(p->categories[i].id, key) == 0)
				name = p->categories[i].name_zh;
	} else {
		const struct district *d = programme_district(p, key);
		name = d ? d->name_zh : key;
	}
	(void)snprintf(out, cap, "%s", name);
}

struct figs {
	struct monitor_report *r;
	const struct programme *p;
	const struct monitor_query *q;
	const char *level, *district; /* resolved filters */
	char key[64];
	size_t cap;
};

static struct monitor_figure *new_figure(struct figs *f)
{
	struct monitor_report *r = f->r;
	if (r->n_figures == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 256;
		r->figures = xrealloc(r->figures, f->cap * sizeof *r->figures);
	}
	struct monitor_figure *g = &r->figures[r->n_figures++];
	memset(g, 0, sizeof *g);
	g->growth_pct = g->share_pct = g->share_gdp_pct = g->lq = g->contribution_pp = NAN;
	g->other = g->difference = g->difference_pct = g->target = g->target_progress_pct = NAN;
	return g;
}

/* Whether a figure at (level, key, district) passes the query's filters. */
static bool wanted(const struct figs *f, const char *level, const char *key, const char *district,
                   int indicator)
{
	if (f->q->indicator >= 0 && indicator != f->q->indicator)
		return false;
	if (f->level && strcmp(level, f->level) != 0)
		return false;
	if (f->level && f->q->key && strcmp(key, f->key) != 0)
		return false;
	if (f->district)
		return strcmp(district, f->district) == 0;
	return district[0] == '\0' || strcmp(level, "district") == 0;
}

static int add_computed(void *ctx, const struct store_ind_computed *c)
{
	struct figs *f = ctx;
	if (f->r->computed_at[0] == '\0') {
		(void)snprintf(f->r->computed_at, sizeof f->r->computed_at, "%s", c->computed_at);
		f->r->rule_set = c->rule_set;
	}
	const char *level = indicator_level(c->level);
	if (level == NULL || !wanted(f, level, c->key, c->district, c->indicator))
		return 0;
	struct monitor_figure *g = new_figure(f);
	g->level = level;
	(void)snprintf(g->key, sizeof g->key, "%s", c->key);
	(void)snprintf(g->district, sizeof g->district, "%s", c->district);
	key_name(f->p, level, c->key, g->name, sizeof g->name);
	g->indicator = c->indicator;
	g->published = false;
	(void)snprintf(g->source_text, sizeof g->source_text, "%s",
	               strcmp(level, "programme") == 0 ? "企业数据汇总（每家企业只计一次）"
	                                               : "企业数据汇总");
	g->value = c->value;
	g->growth_pct = c->growth_pct;
	g->share_pct = c->share_pct;
	g->lq = c->lq;
	g->contribution_pp = c->contribution_pp;
	g->n_ent = c->n_ent;
	g->strong = c->strong;
	return 0;
}

/* The published figures of the period that pass the filters (district level: its own district). */
static void add_published(struct figs *f, const struct pubset *ps)
{
	const struct period *t = &f->r->period;
	for (size_t i = 0; i < ps->n; i++) {
		const struct pub_series *s = &ps->s[i];
		const char *district = strcmp(s->level, "district") == 0 ? s->key : "";
		if (!wanted(f, s->level, s->key, district, s->indicator))
			continue;
		double v, growth;
		const char *src;
		if (!pubset_value(ps, s->level, s->key, s->indicator, t, &v, &growth, &src))
			continue;
		struct monitor_figure *g = new_figure(f);
		g->level = s->level;
		(void)snprintf(g->key, sizeof g->key, "%s", s->key);
		(void)snprintf(g->district, sizeof g->district, "%s", district);
		key_name(f->p, s->level, s->key, g->name, sizeof g->name);
		g->indicator = s->indicator;
		g->published = true;
		(void)snprintf(g->source_text, sizeof g->source_text, "%s", src);
		g->value = v;
		g->growth_pct = growth;
	}
}

static int cmp_figure(const void *x, const void *y, void *ctx)
{
	const struct monitor_figure *a = x, *b = y;
	const struct programme *p = ctx;
	int c = level_rank(a->level) - level_rank(b->level);
	if (c == 0)
		c = key_rank(p, a->level, a->key) - key_rank(p, b->level, b->key);
	if (c == 0)
		c = key_rank(p, "district", a->district[0] ? a->district : "~") -
		    key_rank(p, "district", b->district[0] ? b->district : "~");
	if (c == 0)
		c = a->indicator - b->indicator;
	if (c == 0)
		c = (int)a->published - (int)b->published;
	return c;
}

static bool same_figure(const struct monitor_figure *a, const struct monitor_figure *b)
{
	return a->level == b->level && a->indicator == b->indicator && strcmp(a->key, b->key) == 0 &&
	       strcmp(a->district, b->district) == 0;
}

/* Share of GDP, pairs of computed and published, and target progress. */
static void derive(struct figs *f, const struct pubset *ps)
{
	struct monitor_report *r = f->r;
	const struct programme *p = f->p;
	const struct target *tgt = NULL;
	for (size_t i = 0; i < p->n_targets; i++)
		if (p->targets[i].has_value && p->targets[i].indicator &&
		    strcmp(p->targets[i].indicator, "value_added") == 0 && p->targets[i].scope &&
		    strcmp(p->targets[i].scope, "programme") == 0)
			tgt = &p->targets[i];
	for (size_t i = 0; i < r->n_figures; i++) {
		struct monitor_figure *g = &r->figures[i];
		const struct district *dd = g->district[0] ? programme_district(p, g->district) : NULL;
		(void)snprintf(g->district_name, sizeof g->district_name, "%s", dd ? dd->name_zh : "全市");
		/* A share of GDP compares value added with value added: revenue, profit or
		 * exports over GDP would be a ratio of unlike measures. */
		if (g->indicator == IND_VALUE_ADDED) {
			double gdp = pubset_gdp(ps, g->district, &r->period);
			if (!isnan(gdp))
				g->share_gdp_pct = g->value / gdp * 100;
		}
		struct monitor_figure *o = NULL;
		if (i > 0 && same_figure(g, &r->figures[i - 1]))
			o = &r->figures[i - 1];
		else if (i + 1 < r->n_figures && same_figure(g, &r->figures[i + 1]))
			o = &r->figures[i + 1];
		if (o) {
			const struct monitor_figure *comp = g->published ? o : g, *pub = g->published ? g : o;
			g->other = o->value;
			g->difference = comp->value - pub->value;
			g->difference_pct = pub->value != 0 ? g->difference / pub->value * 100 : NAN;
		}
		if (tgt && strcmp(g->level, "programme") == 0 && g->district[0] == '\0' &&
		    g->indicator == IND_VALUE_ADDED && r->period.kind == PERIOD_YEAR &&
		    r->period.year == tgt->year && tgt->value > 0) {
			g->target = tgt->value;
			g->target_progress_pct = g->value / tgt->value * 100;
		}
	}
}

/* Fill a figure's amount for messages: "1234.56亿元", "1200人". */
static void amount(int ind, double v, char *out, size_t cap)
{
	if (indicator_defs[ind].dim == DIM_MONEY)
		(void)snprintf(out, cap, "%.2f亿元", v / 1e8);
	else
		(void)snprintf(out, cap, "%.0f%s", v, indicator_defs[ind].base_unit);
}

/* The programme counted once against the sum of industries (computed, city-wide). */
static void overlaps(struct figs *f)
{
	struct monitor_report *r = f->r;
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		const struct monitor_figure *prog = NULL;
		double sum = 0;
		long n_sum = 0;
		int n_ind = 0;
		for (size_t i = 0; i < r->n_figures; i++) {
			const struct monitor_figure *g = &r->figures[i];
			if (g->published || g->indicator != k || g->district[0])
				continue;
			if (strcmp(g->level, "programme") == 0)
				prog = g;
			else if (strcmp(g->level, "industry") == 0) {
				sum += g->value;
				n_sum += g->n_ent;
				n_ind++;
			}
		}
		if (prog == NULL || n_ind == 0 || f->level || f->district)
			continue;
		r->overlaps = xrealloc(r->overlaps, (r->n_overlaps + 1) * sizeof *r->overlaps);
		struct monitor_overlap *o = &r->overlaps[r->n_overlaps++];
		o->indicator = k;
		o->programme = prog->value;
		o->sum_of_industries = sum;
		o->n_ent_programme = prog->n_ent;
		o->n_ent_sum = n_sum;
		char a[64], b[64], c[64];
		amount(k, sum, a, sizeof a);
		amount(k, prog->value, b, sizeof b);
		amount(k, sum - prog->value, c, sizeof c);
		(void)snprintf(o->explanation, sizeof o->explanation,
		               "%s：各产业合计%s，战略性新兴产业总计%s，相差%s。一家企业可属于多个产业集群，"
		               "在各产业中各计一次（共%ld家次），总计中只计一次（%ld家），所以各产业之和大于总计。",
		               indicator_defs[k].name_zh, a, b, c, n_sum, prog->n_ent);
	}
}

/* Published districts against the published city figure. */
static void flags(struct figs *f, const struct pubset *ps)
{
	struct monitor_report *r = f->r;
	const struct programme *p = f->p;
	if (f->district || (f->level && strcmp(f->level, "district") != 0 && strcmp(f->level, "city") != 0))
		return;
	for (int k = 0; k < INDICATOR_COUNT; k++) {
		if (f->q->indicator >= 0 && k != f->q->indicator)
			continue;
		double total, v, sum = 0;
		int n = 0;
		if (!pubset_value(ps, "city", "", k, &r->period, &total, NULL, NULL) || total == 0)
			continue;
		struct buf missing;
		buf_init(&missing, BUF_NO_CAP);
		int n_expected = 0;
		for (size_t d = 0; d < p->n_districts; d++) {
			/* The city's parts: the districts and 大鹏新区 as Shenzhen publishes them; 前海 lies
			 * inside 南山 and 宝安, and 深汕 is counted by 汕尾, so cooperation zones are not parts. */
			if (p->districts[d].kind && strcmp(p->districts[d].kind, "cooperation_zone") == 0)
				continue;
			n_expected++;
			if (pubset_value(ps, "district", p->districts[d].id, k, &r->period, &v, NULL, NULL)) {
				sum += v;
				n++;
			} else {
				(void)buf_printf(&missing, "%s%s", missing.len ? "、" : "", p->districts[d].short_name);
			}
		}
		double pct = (sum - total) / total * 100;
		if (n > 0 && fabs(pct) > MONITOR_TOLERANCE_PCT) {
			r->flags = xrealloc(r->flags, (r->n_flags + 1) * sizeof *r->flags);
			struct monitor_flag *fl = &r->flags[r->n_flags++];
			fl->indicator = k;
			fl->parts_sum = sum;
			fl->total = total;
			fl->difference_pct = pct;
			fl->n_parts = n;
			fl->n_expected = n_expected;
			char a[64], b[64];
			amount(k, sum, a, sizeof a);
			amount(k, total, b, sizeof b);
			(void)snprintf(fl->message, sizeof fl->message,
			               "%s：%d个区发布数合计%s，比全市发布数%s%s%.2f%%（超过%.1f%%）%s%s",
			               indicator_defs[k].name_zh, n, a, b, pct < 0 ? "少" : "多", fabs(pct),
			               MONITOR_TOLERANCE_PCT, missing.len ? "；未发布：" : "", buf_str(&missing));
		}
		buf_free(&missing);
	}
}

enum err_code monitor_report(struct store *s, const struct programme *p,
                             const struct monitor_query *q, struct monitor_report *r,
                             struct err *e)
{
	struct figs f = {.r = r, .p = p, .q = q};
	memset(r, 0, sizeof *r);
	r->rule_set = -1;
	if (q->period == NULL || !period_parse(q->period, &r->period))
		return err_set(e, ERR_INVALID, "period: “%s” 不是期间，应为 2025、2025H1、2025Q3 或 2025-07 "
		                               "(bad period)", q->period ? q->period : "");
	if (q->level && (f.level = indicator_level(q->level)) == NULL)
		return err_set(e, ERR_INVALID, "level: “%s” 应为 programme、category、industry、district "
		                               "或 city (bad level)", q->level);
	if (q->key && f.level == NULL)
		return err_set(e, ERR_INVALID, "key: 请同时给出 level (key needs a level)");
	if (q->key && !indicator_level_key(p, f.level, q->key, f.key, sizeof f.key))
		return err_set(e, ERR_INVALID, "key: 在层级 %s 中找不到“%s” (unknown key)", f.level, q->key);
	if (q->indicator >= INDICATOR_COUNT)
		return err_set(e, ERR_INVALID, "indicator: out of range");
	if (q->district) {
		const struct district *d = programme_district(p, q->district);
		if (d == NULL)
			return err_set(e, ERR_INVALID, "district: 找不到区“%s” (unknown district)", q->district);
		f.district = d->id;
	}
	struct pubset ps;
	enum err_code rc = pubset_load(s, &ps, e);
	if (rc == ERR_OK)
		rc = store_ind_computed_read(s, r->period.label, add_computed, &f, e);
	if (rc == ERR_OK) {
		add_published(&f, &ps);
		if (r->n_figures > 1)
			qsort_r(r->figures, r->n_figures, sizeof *r->figures, cmp_figure, (void *)p);
		derive(&f, &ps);
		overlaps(&f);
		flags(&f, &ps);
	}
	pubset_free(&ps);
	if (rc != ERR_OK)
		monitor_report_free(r);
	return rc;
}

void monitor_report_free(struct monitor_report *r)
{
	if (r == NULL)
		return;
	free(r->figures);
	free(r->overlaps);
	free(r->flags);
	memset(r, 0, sizeof *r);
}

/* ---- JSON ---- */

static json_t *num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

json_t *monitor_report_json(const struct monitor_report *r)
{
	json_t *figs = json_array(), *ov = json_array(), *fl = json_array();
	for (size_t i = 0; i < r->n_figures; i++) {
		const struct monitor_figure *g = &r->figures[i];
		const struct indicator_def *d = &indicator_defs[g->indicator];
		json_t *o = json_object();
		json_object_set_new(o, "level", json_string(g->level));
		json_object_set_new(o, "key", json_string(g->key));
		json_object_set_new(o, "name", json_string(g->name));
		json_object_set_new(o, "district", json_string(g->district));
		json_object_set_new(o, "district_name", json_string(g->district_name));
		json_object_set_new(o, "indicator", json_string(d->id));
		json_object_set_new(o, "indicator_zh", json_string(d->name_zh));
		json_object_set_new(o, "value", json_real(g->value));
		json_object_set_new(o, "unit", json_string(d->base_unit));
		json_object_set_new(o, "growth_pct", num(g->growth_pct));
		json_object_set_new(o, "share_pct", num(g->share_pct));
		json_object_set_new(o, "share_gdp_pct", num(g->share_gdp_pct));
		json_object_set_new(o, "lq", num(g->lq));
		json_object_set_new(o, "contribution_pp", num(g->contribution_pp));
		json_object_set_new(o, "n_ent", g->published ? json_null() : json_integer(g->n_ent));
		json_object_set_new(o, "strong", json_boolean(g->strong));
		json_object_set_new(o, "source", json_string(g->published ? "published" : "computed"));
		json_object_set_new(o, "source_text", json_string(g->source_text));
		json_object_set_new(o, "other_value", num(g->other));
		json_object_set_new(o, "difference", num(g->difference));
		json_object_set_new(o, "difference_pct", num(g->difference_pct));
		json_object_set_new(o, "target", num(g->target));
		json_object_set_new(o, "target_progress_pct", num(g->target_progress_pct));
		json_array_append_new(figs, o);
	}
	for (size_t i = 0; i < r->n_overlaps; i++) {
		const struct monitor_overlap *o = &r->overlaps[i];
		json_array_append_new(
			ov, json_pack("{s:s, s:o, s:o, s:o, s:I, s:I, s:s}", "indicator",
			              indicator_defs[o->indicator].id, "programme", num(o->programme),
			              "sum_of_industries", num(o->sum_of_industries), "overlap",
			              num(o->sum_of_industries - o->programme), "n_ent_programme",
			              (json_int_t)o->n_ent_programme, "n_ent_sum_of_industries",
			              (json_int_t)o->n_ent_sum, "explanation", o->explanation));
	}
	for (size_t i = 0; i < r->n_flags; i++) {
		const struct monitor_flag *x = &r->flags[i];
		json_array_append_new(
			fl, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:i, s:s}", "indicator",
			              indicator_defs[x->indicator].id, "parts", "district", "total", "city",
			              "parts_sum", num(x->parts_sum), "published_total", num(x->total),
			              "difference_pct", num(x->difference_pct), "n_parts", x->n_parts,
			              "n_expected", x->n_expected, "message", x->message));
	}
	return json_pack("{s:s, s:s, s:s?, s:o, s:o, s:o, s:o, s:f}", "period", r->period.label,
	                 "period_zh", r->period.label_zh, "computed_at",
	                 r->computed_at[0] ? r->computed_at : NULL, "rule_set",
	                 r->rule_set >= 0 ? json_integer(r->rule_set) : json_null(), "figures", figs,
	                 "overlap", ov, "flags", fl, "tolerance_pct", MONITOR_TOLERANCE_PCT);
}

struct periods_ctx {
	json_t *list;
	json_t *cur;
	char label[16];
};

static int add_period(void *ctx, const char *period, int indicator, bool computed, bool published)
{
	struct periods_ctx *x = ctx;
	struct period p;
	if (!period_parse(period, &p))
		return 0;
	if (x->cur == NULL || strcmp(x->label, p.label) != 0) {
		x->cur = json_pack("{s:s, s:s, s:s, s:[], s:b, s:b}", "period", p.label, "label_zh",
		                   p.label_zh, "kind",
		                   p.kind == PERIOD_YEAR      ? "year"
		                   : p.kind == PERIOD_HALF    ? "half"
		                   : p.kind == PERIOD_QUARTER ? "quarter"
		                                              : "month",
		                   "indicators", "computed", 0, "published", 0);
		json_array_append_new(x->list, x->cur);
		(void)snprintf(x->label, sizeof x->label, "%s", p.label);
	}
	json_array_append_new(json_object_get(x->cur, "indicators"),
	                      json_string(indicator_defs[indicator].id));
	if (computed)
		json_object_set_new(x->cur, "computed", json_true());
	if (published)
		json_object_set_new(x->cur, "published", json_true());
	return 0;
}

enum err_code monitor_periods_json(struct store *s, json_t **out, struct err *e)
{
	struct periods_ctx x = {.list = json_array()};
	enum err_code rc = store_ind_periods(s, add_period, &x, e);
	if (rc != ERR_OK) {
		json_decref(x.list);
		return rc;
	}
	json_t *inds = json_array();
	for (int i = 0; i < INDICATOR_COUNT; i++)
		json_array_append_new(inds, json_pack("{s:s, s:s, s:s, s:b}", "id", indicator_defs[i].id,
		                                      "name_zh", indicator_defs[i].name_zh, "unit",
		                                      indicator_defs[i].base_unit, "stock",
		                                      indicator_defs[i].stock));
	*out = json_pack("{s:o, s:o}", "periods", x.list, "indicators", inds);
	return ERR_OK;
}
