/*
 * api_stats.c - the programme-wide views built on the lists: the six-ones completeness matrix,
 * the enterprise cultivation funnel, and key projects against their annual plan. The numbers come
 * from engine/ (completeness.c, cultivation.c, progress.c); this file only gathers records from
 * the store and shapes JSON. Every answer names its source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "engine/completeness.h"
#include "engine/cultivation.h"
#include "engine/progress.h"
#include "http/http_int.h"

#define SOURCE_LISTS "Jiqun 清单数据（区、专员填报）"

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

enum err_code api_completeness(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	struct store *s = NULL;
	struct completeness c;
	enum err_code rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	completeness_init(&c, p);
	struct counts_ctx x = {&c, p};
	rc = store_list_counts(s, add_count, &x, e);
	if (rc != ERR_OK) {
		completeness_free(&c);
		return rc;
	}
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
	return respond_json(resp, json_pack("{s:o, s:o, s:s}", "items", items, "rows", rows, "source",
	                                    SOURCE_LISTS), e);
}

/* ---- cultivation ---- */

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
	struct cultivation *by; /* industries or districts, then one for "all" */
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

static int gather_enterprise(void *arg, const struct record *r)
{
	struct gather *g = arg;
	const struct list_def *l = g->l;
	const char *stage = r->v[list_field_index(l, "stage")].text;
	const char *dates[4] = {r->v[list_field_index(l, "date_enterprise")].text,
	                        r->v[list_field_index(l, "date_above_scale")].text,
	                        r->v[list_field_index(l, "date_zjtx")].text,
	                        r->v[list_field_index(l, "date_listed")].text};
	cultivation_add(&g->by[g->n_by], stage, dates, g->period); /* the whole city */
	if (g->by_district) {
		const struct district *d = programme_district(g->p, r->v[list_field_index(l, "district")].text);
		if (d)
			cultivation_add(&g->by[d - g->p->districts], stage, dates, g->period);
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
			cultivation_add(&g->by[last = g->m[i].industry], stage, dates, g->period);
	return 0;
}

static json_t *cultivation_json(const struct cultivation *c)
{
	json_t *stages = json_object(), *moves = json_object();
	for (int i = 0; i < CULTIVATION_STAGES; i++)
		json_object_set_new(stages, cultivation_stage_names[i], json_integer(c->stage[i]));
	for (int i = 0; i < CULTIVATION_MOVES; i++)
		json_object_set_new(moves, cultivation_move_names[i], json_integer(c->moves[i]));
	return json_pack("{s:o, s:o, s:I}", "stages", stages, "moves", moves, "total",
	                 (json_int_t)c->total);
}

enum err_code api_cultivation(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	const char *by = http_query(req, "by"), *period_s = http_query(req, "period");
	struct period period;
	struct store *s = NULL;
	struct gather g = {.p = p, .by_district = by && strcmp(by, "district") == 0};
	long total;
	if (by && strcmp(by, "district") != 0 && strcmp(by, "industry") != 0)
		return err_set(e, ERR_INVALID, "by must be industry or district");
	if (period_s && !period_parse(period_s, &period))
		return err_set(e, ERR_INVALID, "period must look like 2025, 2025H1, 2025Q3 or 2025-07");
	g.period = period_s ? &period : NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
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
		json_t *row = cultivation_json(&g.by[i]);
		json_object_set_new(row, "key", json_string(g.by_district ? p->districts[i].id
		                                                          : p->industries[i].id));
		json_object_set_new(row, "name_zh", json_string(g.by_district ? p->districts[i].name_zh
		                                                              : p->industries[i].name_zh));
		json_array_append_new(rows, row);
	}
	if (rc == ERR_OK) {
		json_t *out = json_pack("{s:s, s:o, s:o, s:s}", "by", g.by_district ? "district" : "industry",
		                        "rows", rows, "city", cultivation_json(&g.by[g.n_by]), "source",
		                        SOURCE_LISTS);
		if (g.period)
			json_object_set_new(out, "period", json_pack("{s:s, s:s, s:s, s:s}", "label", period.label,
			                                             "label_zh", period.label_zh, "first",
			                                             period.first, "last", period.last));
		rc = respond_json(resp, out, e);
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

enum err_code api_project_progress(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *asked = http_query(req, "as_of");
	char as_of[16], today[16] = "";
	if (asked && (!date_parse(asked, as_of) || strcmp(as_of, asked) != 0))
		return err_set(e, ERR_INVALID, "as_of must be a date YYYY-MM-DD");
	struct store *s = NULL;
	struct list_query q = {.limit = -1};
	long total;
	enum err_code rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	struct projects_ctx x = {.l = list_find("projects"), .as_of = as_of};
	if (asked == NULL) { /* judge at the data's cut-off: the end of the latest reported month */
		time_t t = time(NULL);
		struct tm tm;
		(void)strftime(today, sizeof today, "%Y-%m-%d", localtime_r(&t, &tm));
		struct latest latest = {.l = x.l};
		rc = store_list_query(s, x.l, &q, find_latest, &latest, &total, e);
		if (rc != ERR_OK)
			return rc;
		progress_cutoff(latest.year, latest.month, today, as_of);
	}
	x.items = json_array();
	rc = store_list_query(s, x.l, &q, add_project, &x, &total, e);
	if (rc != ERR_OK) {
		json_decref(x.items);
		return rc;
	}
	return respond_json(
		resp,
		json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I}, s:s, s:s}", "as_of", as_of, "as_of_basis",
		          asked ? "asked" : strcmp(as_of, today) == 0 ? "today" : "data", "items", x.items,
		          "summary", "green", (json_int_t)x.counts[RAG_GREEN], "amber",
		          (json_int_t)x.counts[RAG_AMBER], "red", (json_int_t)x.counts[RAG_RED], "none",
		          (json_int_t)x.counts[RAG_NONE], "rule",
		          "完成投资/年度计划 对比 年度时间进度：落后不超过5个百分点为正常，5-15个百分点为预警，"
		          "超过15个百分点为滞后",
		          "source", SOURCE_LISTS),
		e);
}
