/*
 * lists_views.c - the programme-wide views built on the lists, as JSON: the six-ones completeness
 * matrix, the enterprise cultivation funnel (with counts by tag), key projects against their
 * annual plan, and the investment-lead funnel by stage. The numbers come from engine/
 * (completeness.c, cultivation.c, progress.c); this file gathers records from the store and
 * shapes JSON, so the API (http/api_stats.c) and the report (report/) serve the same answer.
 * Every answer names its source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "engine/completeness.h"
#include "engine/cultivation.h"
#include "engine/progress.h"
#include "lists/lists.h"
#include "monitor/monitor.h"

#define SOURCE_LISTS "Jiqun 清单数据（区、专员填报）"

/* ---- six ones ---- */

struct counts_ctx {
	struct completeness *c;
	const struct programme *p;
};

static int add_count(void *arg, const char *list, const char *industry, const char *kind, long n)
{
	struct counts_ctx *x = arg;
	completeness_add(x->c, x->p, list, industry, kind, n);
	return 0;
}

enum err_code monitor_completeness_load(struct store *s, const struct programme *p,
                                        struct completeness *c, struct err *e)
{
	completeness_init(c, p);
	struct counts_ctx x = {c, p};
	enum err_code rc = store_list_counts(s, add_count, &x, e);
	if (rc != ERR_OK)
		completeness_free(c);
	return rc;
}

enum err_code monitor_completeness_json(struct store *s, const struct programme *p, json_t **out,
                                        struct err *e)
{
	struct completeness c;
	enum err_code rc = monitor_completeness_load(s, p, &c, e);
	if (rc != ERR_OK)
		return rc;
	json_t *items = json_array(), *rows = json_array();
	for (size_t k = 0; k < COMPLETENESS_ITEMS; k++) {
		const struct completeness_item *it = &completeness_items[k];
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s?}", "id", it->id, "name_zh",
		                                       it->name_zh, "group", it->group, "list", it->list));
	}
	for (size_t i = 0; i < c.n; i++) {
		const struct industry *ind = &p->industries[i];
		json_t *counts = json_array();
		for (size_t k = 0; k < COMPLETENESS_ITEMS; k++)
			json_array_append_new(counts, json_integer(c.count[i][k]));
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:i, s:s?, s:o, s:i, s:i}", "industry",
		                                      ind->id, "name_zh", ind->name_zh, "kind",
		                                      industry_kind_name(ind->kind), "seq", ind->seq, "tier",
		                                      tier_name(ind->tier), "counts", counts, "present",
		                                      completeness_present(&c, i), "of",
		                                      COMPLETENESS_POLICY_ITEMS));
	}
	completeness_free(&c);
	*out = json_pack("{s:o, s:o, s:s}", "items", items, "rows", rows, "source", SOURCE_LISTS);
	return ERR_OK;
}

/* ---- cultivation ---- */

/* Enterprise tags counted beside the stages: the boolean fields, 专精特新 by level, listed. */
static const char *const tag_names[] = {"龙头企业", "隐形冠军", "专精特新（省级）", "国家级小巨人",
                                        "独角兽", "国家高新技术企业", "规上企业", "上市企业"};
#define N_TAGS (sizeof tag_names / sizeof *tag_names)

struct tally {
	struct cultivation c;
	long tags[N_TAGS];
};

struct membership {
	char uscc[24];
	int industry;
};

struct gather {
	const struct list_def *l;
	const struct programme *p;
	struct membership *m;
	size_t n, cap;
	/* enterprise pass */
	struct tally *by; /* industries or districts, then one for "all" */
	size_t n_by;
	bool by_district;
	const struct period *period;
};

static int gather_listing(void *arg, const struct record *r)
{
	struct gather *g = arg;
	const struct industry *ind = programme_industry(g->p, r->v[list_field_index(g->l, "industry")].text);
	const char *uscc = r->v[list_field_index(g->l, "uscc")].text;
	if (ind == NULL || uscc == NULL)
		return 0;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 256;
		g->m = xrealloc(g->m, g->cap * sizeof *g->m);
	}
	(void)snprintf(g->m[g->n].uscc, sizeof g->m[g->n].uscc, "%s", uscc);
	g->m[g->n++].industry = (int)(ind - g->p->industries);
	return 0;
}

static int by_uscc(const void *a, const void *b)
{
	const struct membership *x = a, *y = b;
	int c = strcmp(x->uscc, y->uscc);
	return c ? c : x->industry - y->industry;
}

static bool flag(const struct list_def *l, const struct record *r, const char *field)
{
	const struct value *v = &r->v[list_field_index(l, field)];
	return !v->null && v->num != 0;
}

static bool text_is(const struct list_def *l, const struct record *r, const char *field,
                    const char *want)
{
	const struct value *v = &r->v[list_field_index(l, field)];
	return !v->null && v->text && (want == NULL || strcmp(v->text, want) == 0);
}

static void tally_add(struct tally *t, const struct list_def *l, const struct record *r,
                      const char *stage, const char *const dates[4], const struct period *period)
{
	cultivation_add(&t->c, stage, dates, period);
	bool has[N_TAGS] = {flag(l, r, "leading"), flag(l, r, "hidden_champion"),
	                    text_is(l, r, "zjtx", "省级"), text_is(l, r, "zjtx", "国家级小巨人"),
	                    flag(l, r, "unicorn"), flag(l, r, "high_tech"), flag(l, r, "above_scale"),
	                    text_is(l, r, "listed_board", NULL)};
	for (size_t i = 0; i < N_TAGS; i++)
		t->tags[i] += has[i];
}

static int gather_enterprise(void *arg, const struct record *r)
{
	struct gather *g = arg;
	const struct list_def *l = g->l;
	const char *stage = r->v[list_field_index(l, "stage")].text;
	const char *dates[4] = {r->v[list_field_index(l, "date_enterprise")].text,
	                        r->v[list_field_index(l, "date_above_scale")].text,
	                        r->v[list_field_index(l, "date_zjtx")].text,
	                        r->v[list_field_index(l, "date_listed")].text};
	tally_add(&g->by[g->n_by], l, r, stage, dates, g->period); /* the whole city */
	if (g->by_district) {
		const struct district *d = programme_district(g->p, r->v[list_field_index(l, "district")].text);
		if (d)
			tally_add(&g->by[d - g->p->districts], l, r, stage, dates, g->period);
		return 0;
	}
	struct membership key = {.industry = -1};
	(void)snprintf(key.uscc, sizeof key.uscc, "%s", r->v[list_field_index(l, "uscc")].text);
	size_t lo = 0, hi = g->n;
	while (lo < hi) { /* first membership of this enterprise */
		size_t mid = (lo + hi) / 2;
		if (strcmp(g->m[mid].uscc, key.uscc) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int last = -1;
	for (size_t i = lo; i < g->n && strcmp(g->m[i].uscc, key.uscc) == 0; i++)
		if (g->m[i].industry != last) /* several roles in one industry count once */
			tally_add(&g->by[last = g->m[i].industry], l, r, stage, dates, g->period);
	return 0;
}

static json_t *tally_json(const struct tally *t)
{
	json_t *stages = json_object(), *moves = json_object(), *tags = json_object();
	for (int i = 0; i < CULTIVATION_STAGES; i++)
		json_object_set_new(stages, cultivation_stage_names[i], json_integer(t->c.stage[i]));
	for (int i = 0; i < CULTIVATION_MOVES; i++)
		json_object_set_new(moves, cultivation_move_names[i], json_integer(t->c.moves[i]));
	for (size_t i = 0; i < N_TAGS; i++)
		json_object_set_new(tags, tag_names[i], json_integer(t->tags[i]));
	return json_pack("{s:o, s:o, s:o, s:I}", "stages", stages, "moves", moves, "tags", tags,
	                 "total", (json_int_t)t->c.total);
}

enum err_code monitor_cultivation_json(struct store *s, const struct programme *p, bool by_district,
                                       const struct period *period, json_t **out, struct err *e)
{
	struct gather g = {.p = p, .by_district = by_district, .period = period};
	long total;
	enum err_code rc = ERR_OK;
	struct list_query all = {.limit = -1};
	if (!g.by_district) {
		g.l = list_find("listings");
		rc = store_list_query(s, g.l, &all, gather_listing, &g, &total, e);
		if (g.n)
			qsort(g.m, g.n, sizeof *g.m, by_uscc);
	}
	g.n_by = g.by_district ? p->n_districts : p->n_industries;
	g.by = xcalloc(g.n_by + 1, sizeof *g.by);
	g.l = list_find("enterprises");
	if (rc == ERR_OK)
		rc = store_list_query(s, g.l, &all, gather_enterprise, &g, &total, e);
	json_t *rows = json_array();
	for (size_t i = 0; rc == ERR_OK && i < g.n_by; i++) {
		json_t *row = tally_json(&g.by[i]);
		json_object_set_new(row, "key", json_string(g.by_district ? p->districts[i].id
		                                                          : p->industries[i].id));
		json_object_set_new(row, "name_zh", json_string(g.by_district ? p->districts[i].name_zh
		                                                              : p->industries[i].name_zh));
		json_array_append_new(rows, row);
	}
	if (rc == ERR_OK) {
		*out = json_pack("{s:s, s:o, s:o, s:s}", "by", g.by_district ? "district" : "industry",
		                 "rows", rows, "city", tally_json(&g.by[g.n_by]), "source", SOURCE_LISTS);
		if (period)
			json_object_set_new(*out, "period",
			                    json_pack("{s:s, s:s, s:s, s:s}", "label", period->label, "label_zh",
			                              period->label_zh, "first", period->first, "last",
			                              period->last));
	} else {
		json_decref(rows);
	}
	free(g.m);
	free(g.by);
	return rc;
}

/* ---- projects against plan ---- */

struct projects_ctx {
	const struct list_def *l;
	const char *as_of;
	json_t *items;
	long counts[4];
};

static int add_project(void *arg, const struct record *r)
{
	struct projects_ctx *x = arg;
	const struct list_def *l = x->l;
	double months[12];
	bool has[12];
	for (int m = 0; m < 12; m++) {
		char name[4] = {'m', (char)('0' + (m + 1) / 10), (char)('0' + (m + 1) % 10), '\0'};
		const struct value *v = &r->v[list_field_index(l, name)];
		has[m] = !v->null;
		months[m] = v->null ? 0 : v->num;
	}
	const struct value *year = &r->v[list_field_index(l, "year")];
	const struct value *plan = &r->v[list_field_index(l, "annual_plan")];
	struct progress pr = progress_of(year->null ? 0 : (int)year->num, plan->null ? 0 : plan->num,
	                                 months, has, x->as_of);
	x->counts[pr.status]++;
	json_array_append_new(
		x->items,
		json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:s, s:s}", "id",
		          (json_int_t)r->id, "code", r->v[list_field_index(l, "code")].text, "name",
		          r->v[list_field_index(l, "name")].text, "industry",
		          r->v[list_field_index(l, "industry")].text, "district",
		          r->v[list_field_index(l, "district")].text, "project_status",
		          r->v[list_field_index(l, "status")].text, "annual_plan", pr.plan, "completed",
		          pr.completed, "ratio", pr.ratio, "expected", pr.expected, "status",
		          rag_name(pr.status), "status_zh", rag_label_zh(pr.status)));
	return 0;
}

/* The latest plan year and, within it, the latest month with a reported figure. */
struct latest {
	const struct list_def *l;
	int year, month;
};

static int find_latest(void *arg, const struct record *r)
{
	struct latest *x = arg;
	const struct value *year = &r->v[list_field_index(x->l, "year")];
	for (int m = 12; m >= 1 && !year->null; m--) {
		char name[4] = {'m', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
		if (r->v[list_field_index(x->l, name)].null)
			continue;
		if ((int)year->num > x->year || ((int)year->num == x->year && m > x->month)) {
			x->year = (int)year->num;
			x->month = m;
		}
		break;
	}
	return 0;
}

enum err_code monitor_projects_json(struct store *s, const struct list_query *filter,
                                    const char *asked, json_t **out, struct err *e)
{
	char as_of[16], today[16] = "";
	struct list_query q = *filter;
	long total;
	q.limit = -1;
	q.offset = 0;
	struct projects_ctx x = {.l = list_find("projects"), .as_of = as_of};
	if (asked) {
		(void)snprintf(as_of, sizeof as_of, "%s", asked);
	} else { /* judge at the data's cut-off: the end of the latest reported month */
		time_t t = time(NULL);
		struct tm tm;
		(void)strftime(today, sizeof today, "%Y-%m-%d", localtime_r(&t, &tm));
		struct latest latest = {.l = x.l};
		enum err_code rc = store_list_query(s, x.l, &q, find_latest, &latest, &total, e);
		if (rc != ERR_OK)
			return rc;
		progress_cutoff(latest.year, latest.month, today, as_of);
	}
	x.items = json_array();
	enum err_code rc = store_list_query(s, x.l, &q, add_project, &x, &total, e);
	if (rc != ERR_OK) {
		json_decref(x.items);
		return rc;
	}
	*out = json_pack(
		"{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I}, s:s, s:s}", "as_of", as_of, "as_of_basis",
		asked ? "asked" : strcmp(as_of, today) == 0 ? "today" : "data", "items", x.items,
		"summary", "green", (json_int_t)x.counts[RAG_GREEN], "amber",
		(json_int_t)x.counts[RAG_AMBER], "red", (json_int_t)x.counts[RAG_RED], "none",
		(json_int_t)x.counts[RAG_NONE], "rule",
		"完成投资/年度计划 对比 年度时间进度：落后不超过5个百分点为正常，5-15个百分点为预警，"
		"超过15个百分点为滞后",
		"source", SOURCE_LISTS);
	return ERR_OK;
}

/* ---- investment leads by stage ---- */

struct leads_ctx {
	const struct list_def *l;
	const struct programme *p;
	const char *const *stages;
	size_t n_stages;
	long (*count)[8]; /* industries + 1 (the city) x stages (at most 8) */
};

static int add_lead(void *arg, const struct record *r)
{
	struct leads_ctx *x = arg;
	const struct value *st = &r->v[list_field_index(x->l, "stage")];
	const struct industry *ind = programme_industry(x->p, r->v[list_field_index(x->l, "industry")].text);
	for (size_t k = 0; !st->null && st->text && k < x->n_stages; k++)
		if (strcmp(st->text, x->stages[k]) == 0) {
			x->count[x->p->n_industries][k]++;
			if (ind)
				x->count[ind - x->p->industries][k]++;
		}
	return 0;
}

enum err_code monitor_leads_json(struct store *s, const struct programme *p, json_t **out,
                                 struct err *e)
{
	struct leads_ctx x = {.l = list_find("leads"), .p = p};
	const struct field_def *sf = &x.l->fields[list_field_index(x.l, "stage")];
	x.stages = sf->values;
	while (x.stages[x.n_stages] && x.n_stages < 8)
		x.n_stages++;
	x.count = xcalloc(p->n_industries + 1, sizeof *x.count);
	struct list_query all = {.limit = -1};
	long total;
	enum err_code rc = store_list_query(s, x.l, &all, add_lead, &x, &total, e);
	if (rc == ERR_OK) {
		json_t *stages = json_array(), *rows = json_array();
		for (size_t k = 0; k < x.n_stages; k++)
			json_array_append_new(stages, json_string(x.stages[k]));
		for (size_t i = 0; i <= p->n_industries; i++) {
			json_t *c = json_array();
			for (size_t k = 0; k < x.n_stages; k++)
				json_array_append_new(c, json_integer(x.count[i][k]));
			if (i < p->n_industries)
				json_array_append_new(rows, json_pack("{s:s, s:s, s:o}", "industry",
				                                      p->industries[i].id, "name_zh",
				                                      p->industries[i].name_zh, "counts", c));
			else
				*out = json_pack("{s:o, s:o, s:o, s:I, s:s}", "stages", stages, "rows", rows,
				                 "city", c, "total", (json_int_t)total, "source", SOURCE_LISTS);
		}
	}
	free(x.count);
	return rc;
}
