/*
 * api_commissioner.c - the commissioner's view (专员, policy 四（一）): for one industry, what needs
 * attention now. GET /api/v1/commissioner?industry=ID[&as_of=&lead_days=&stale_days=] answers
 * JSON; GET /api/v1/commissioner/brief (same parameters) the same as a one-sheet XLSX brief.
 *
 * As of: the `as_of` parameter, else the data's cut-off as /projects/progress takes it (the end of
 * the latest month with reported project figures, or today when that is earlier or absent).
 * Sections: projects behind their annual investment plan (red or amber, engine/progress.h);
 * projects past a milestone they have not reached, or stalled (engine/attention.h); leads in one
 * stage longer than lead_days; the six and seven ones still missing (engine/completeness.h);
 * lists with records not written for stale_days before today (or before an asked as_of).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/attention.h"
#include "engine/completeness.h"
#include "engine/progress.h"
#include "exchange/exchange.h"
#include "http/http_int.h"
#include "model/period.h"
#include "monitor/monitor.h"

#define SOURCE "Jiqun 清单数据（区、专员填报）"

static const struct value *val(const struct list_def *l, const struct record *r, const char *name)
{
	return &r->v[list_field_index(l, name)];
}

static const char *txt(const struct list_def *l, const struct record *r, const char *name)
{
	const struct value *v = val(l, r, name);
	return v->null ? NULL : v->text;
}

/* A whole-number query parameter in [1, 3650], or `def`. */
static enum err_code days_param(const struct http_req *req, const char *key, long def, long *out,
                                struct err *e)
{
	const char *s = http_query(req, key);
	*out = def;
	if (s == NULL)
		return ERR_OK;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno || v < 1 || v > 3650)
		return err_set(e, ERR_INVALID, "%s must be a number of days from 1 to 3650", key);
	*out = v;
	return ERR_OK;
}

/* ---- projects ---- */

struct proj_ctx {
	const struct list_def *l;
	const char *as_of;
	json_t *behind, *overdue;
	int year, month; /* latest reported month, for the cut-off */
};

static int latest_month(void *arg, const struct record *r)
{
	struct proj_ctx *x = arg;
	const struct value *year = val(x->l, r, "year");
	for (int m = 12; m >= 1 && !year->null; m--) {
		char name[4] = {'m', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
		if (val(x->l, r, name)->null)
			continue;
		if ((int)year->num > x->year || ((int)year->num == x->year && m > x->month)) {
			x->year = (int)year->num;
			x->month = m;
		}
		break;
	}
	return 0;
}

static int add_project(void *arg, const struct record *r)
{
	struct proj_ctx *x = arg;
	const struct list_def *l = x->l;
	double months[12];
	bool has[12];
	for (int m = 0; m < 12; m++) {
		char name[4] = {'m', (char)('0' + (m + 1) / 10), (char)('0' + (m + 1) % 10), '\0'};
		const struct value *v = val(l, r, name);
		has[m] = !v->null;
		months[m] = v->null ? 0 : v->num;
	}
	const struct value *year = val(l, r, "year"), *plan = val(l, r, "annual_plan");
	struct progress pr = progress_of(year->null ? 0 : (int)year->num, plan->null ? 0 : plan->num,
	                                 months, has, x->as_of);
	if (pr.status == RAG_RED || pr.status == RAG_AMBER)
		json_array_append_new(
			x->behind, json_pack("{s:I, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:s, s:s}", "id",
			                     (json_int_t)r->id, "code", txt(l, r, "code"), "name", txt(l, r, "name"),
			                     "district", txt(l, r, "district"), "annual_plan", pr.plan,
			                     "completed", pr.completed, "ratio", pr.ratio, "expected",
			                     pr.expected, "status", rag_name(pr.status), "status_zh",
			                     rag_label_zh(pr.status)));
	struct overdue o;
	if (attention_project_overdue(txt(l, r, "status"), txt(l, r, "start_date"),
	                              txt(l, r, "end_date"), txt(l, r, "milestones"), x->as_of, &o))
		json_array_append_new(
			x->overdue, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			                      (json_int_t)r->id, "code", txt(l, r, "code"), "name",
			                      txt(l, r, "name"), "district", txt(l, r, "district"),
			                      "project_status", txt(l, r, "status"), "reason",
			                      overdue_name(o.kind), "reason_zh", overdue_label_zh(o.kind),
			                      "milestone", o.what, "date", o.date));
	return 0;
}

/* ---- leads ---- */

struct lead_ctx {
	const struct list_def *l;
	const char *as_of;
	long limit;
	json_t *stuck;
};

static int add_lead(void *arg, const struct record *r)
{
	struct lead_ctx *x = arg;
	const struct list_def *l = x->l;
	static const char *const fields[5] = {"date_clue", "date_contact", "date_negotiate",
	                                      "date_signed", "date_landed"};
	const struct field_def *sf = &l->fields[list_field_index(l, "stage")];
	const char *stage = txt(l, r, "stage");
	int idx = -1;
	for (int i = 0; stage && sf->values[i]; i++)
		if (strcmp(sf->values[i], stage) == 0)
			idx = i;
	const char *dates[5];
	for (int i = 0; i < 5; i++)
		dates[i] = txt(l, r, fields[i]);
	const char *since;
	long days = attention_lead_stuck(idx, dates, x->as_of, x->limit, &since);
	if (days >= 0)
		json_array_append_new(
			x->stuck, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s?, s:s?}", "id", (json_int_t)r->id,
			                    "target_name", txt(l, r, "target_name"), "stage", stage, "since",
			                    since, "days", (json_int_t)days, "owner", txt(l, r, "owner"),
			                    "district", txt(l, r, "district")));
	return 0;
}

/* ---- six ones, people, stale ---- */

struct people_ctx {
	const struct list_def *l;
	json_t *commissioners, *chiefs;
};

static int add_person(void *arg, const struct record *r)
{
	struct people_ctx *x = arg;
	const char *type = txt(x->l, r, "type"), *name = txt(x->l, r, "name");
	if (type && strcmp(type, "专员") == 0)
		json_array_append_new(x->commissioners, json_string(name));
	else if (type && strcmp(type, "链长") == 0)
		json_array_append_new(x->chiefs, json_string(name));
	return 0;
}

static int add_stale(void *arg, const char *list, long count, const char *oldest)
{
	json_t *arr = arg;
	const struct list_def *l = list_find(list);
	json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s}", "list", list, "title_zh",
	                                     l ? l->title_zh : list, "count", (json_int_t)count,
	                                     "oldest", oldest ? oldest : ""));
	return 0;
}

/* The whole view as JSON into *out. */
static enum err_code brief(const struct http_req *req, json_t **out, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	struct list_query q = {.limit = -1};
	long lead_days, stale_days, total;
	char as_of[16], today[16], cutoff[16];
	const char *asked = http_query(req, "as_of");
	struct store *s = NULL;
	*out = NULL;
	enum err_code rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK && q.industry == NULL)
		rc = err_set(e, ERR_INVALID, "industry is required (an industry id or Chinese name)");
	if (rc == ERR_OK && q.district)
		rc = err_set(e, ERR_INVALID, "the commissioner's view is per industry: no district filter");
	if (rc == ERR_OK && asked && (!date_parse(asked, as_of) || strcmp(as_of, asked) != 0))
		rc = err_set(e, ERR_INVALID, "as_of must be a date YYYY-MM-DD");
	if (rc == ERR_OK)
		rc = days_param(req, "lead_days", ATTENTION_LEAD_DAYS_DEFAULT, &lead_days, e);
	if (rc == ERR_OK)
		rc = days_param(req, "stale_days", ATTENTION_STALE_DAYS_DEFAULT, &stale_days, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	const struct industry *ind = programme_industry(p, q.industry);
	struct proj_ctx pc = {.l = list_find("projects"), .as_of = as_of};
	time_t t = time(NULL);
	struct tm tm;
	(void)strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tm));
	if (asked == NULL) {
		rc = store_list_query(s, pc.l, &q, latest_month, &pc, &total, e);
		if (rc != ERR_OK)
			return rc;
		progress_cutoff(pc.year, pc.month, today, as_of);
	}
	/* Staleness is about when records were last written: counted back from today, or from an
	 * asked as_of, not from the data's cut-off. */
	(void)attention_date_minus(asked ? as_of : today, stale_days, cutoff);

	json_t *o = json_object();
	pc.behind = json_array();
	pc.overdue = json_array();
	struct lead_ctx lc = {list_find("leads"), as_of, lead_days, json_array()};
	struct people_ctx people = {list_find("orgs"), json_array(), json_array()};
	json_t *stale = json_array(), *missing = json_array();
	json_object_set_new(o, "projects_behind", pc.behind);
	json_object_set_new(o, "projects_overdue", pc.overdue);
	json_object_set_new(o, "leads_stuck", lc.stuck);
	json_object_set_new(o, "stale", stale);
	json_object_set_new(o, "missing", missing);
	json_object_set_new(o, "commissioners", people.commissioners);
	json_object_set_new(o, "chain_chiefs", people.chiefs);
	rc = store_list_query(s, pc.l, &q, add_project, &pc, &total, e);
	if (rc == ERR_OK)
		rc = store_list_query(s, lc.l, &q, add_lead, &lc, &total, e);
	if (rc == ERR_OK)
		rc = store_list_query(s, people.l, &q, add_person, &people, &total, e);
	if (rc == ERR_OK)
		rc = store_list_stale(s, ind->id, cutoff, add_stale, stale, e);
	struct completeness c = {0};
	if (rc == ERR_OK)
		rc = monitor_completeness_load(s, p, &c, e);
	for (size_t i = 0; rc == ERR_OK && i < c.n; i++) {
		if (&p->industries[i] != ind)
			continue;
		for (size_t k = 0; k < COMPLETENESS_ITEMS; k++)
			if (c.count[i][k] == 0)
				json_array_append_new(missing, json_pack("{s:s, s:s, s:s}", "id",
				                                         completeness_items[k].id, "name_zh",
				                                         completeness_items[k].name_zh, "group",
				                                         completeness_items[k].group));
	}
	completeness_free(&c);
	if (rc != ERR_OK) {
		json_decref(o);
		return rc;
	}
	json_object_set_new(o, "industry", json_pack("{s:s, s:s}", "id", ind->id, "name_zh", ind->name_zh));
	json_object_set_new(o, "as_of", json_string(as_of));
	json_object_set_new(o, "as_of_basis", json_string(asked ? "asked" : strcmp(as_of, today) == 0 ? "today" : "data"));
	json_object_set_new(o, "settings", json_pack("{s:I, s:I, s:s}", "lead_days", (json_int_t)lead_days,
	                                             "stale_days", (json_int_t)stale_days, "stale_before", cutoff));
	json_object_set_new(o, "summary",
	                    json_pack("{s:I, s:I, s:I, s:I, s:I}", "projects_behind",
	                              (json_int_t)json_array_size(pc.behind), "projects_overdue",
	                              (json_int_t)json_array_size(pc.overdue), "leads_stuck",
	                              (json_int_t)json_array_size(lc.stuck), "missing",
	                              (json_int_t)json_array_size(missing), "stale_lists",
	                              (json_int_t)json_array_size(stale)));
	json_object_set_new(o, "rule",
	                    json_string("进度滞后：完成投资/年度计划落后年度时间进度超过5个百分点（预警）或15个百分点（滞后）；"
	                                "逾期：开工或竣工（投产）日期、形象进度节点已过而项目状态未到；"
	                                "线索停滞：在当前阶段超过设定天数未推进；数据陈旧：超过设定天数未更新"));
	json_object_set_new(o, "source", json_string(SOURCE));
	*out = o;
	return ERR_OK;
}

enum err_code api_commissioner(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	json_t *o;
	enum err_code rc = brief(req, &o, e);
	return rc == ERR_OK ? respond_json(resp, o, e) : rc;
}

/* ---- the brief as XLSX: one sheet, one row per item needing attention ---- */

#define BRIEF_COLS 5

struct rows {
	const char **cells;
	size_t n, cap;
};

static void row(struct rows *r, const char *a, const char *b, const char *c, const char *d,
                const char *x)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->cells = xrealloc(r->cells, r->cap * BRIEF_COLS * sizeof *r->cells);
	}
	const char *v[BRIEF_COLS] = {a, b, c, d, x};
	memcpy(&r->cells[r->n++ * BRIEF_COLS], v, sizeof v);
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

enum err_code api_commissioner_brief(const struct http_req *req, struct http_resp *resp,
                                     struct err *e)
{
	json_t *o;
	enum err_code rc = brief(req, &o, e);
	if (rc != ERR_OK)
		return rc;
	const struct programme *p = req->ctx->programme;
	struct rows r = {0};
	json_t *keep = json_array(); /* texts made for the sheet, alive until it is written */
	char head_line[160];
	(void)snprintf(head_line, sizeof head_line, "%s 专员简报，截至 %s", str(json_object_get(o, "industry"), "name_zh"),
	               str(o, "as_of"));
	row(&r, "简报", head_line, NULL, NULL, str(o, "source"));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(o, "projects_behind"), i, x) {
		json_t *t = json_sprintf("完成 %.1f%%，时间进度 %.1f%%", 100 * json_real_value(json_object_get(x, "ratio")),
		                         100 * json_real_value(json_object_get(x, "expected")));
		json_array_append_new(keep, t);
		const struct district *d = programme_district(p, str(x, "district"));
		row(&r, "投资进度滞后", str(x, "name"), str(x, "status_zh"), json_string_value(t), d ? d->name_zh : NULL);
	}
	json_array_foreach(json_object_get(o, "projects_overdue"), i, x) {
		const struct district *d = programme_district(p, str(x, "district"));
		row(&r, "节点逾期", str(x, "name"), str(x, "reason_zh"), str(x, "milestone"), d ? d->name_zh : NULL);
	}
	json_array_foreach(json_object_get(o, "leads_stuck"), i, x) {
		json_t *t = json_sprintf("%s起停留%lld天", str(x, "since"),
		                         (long long)json_integer_value(json_object_get(x, "days")));
		json_array_append_new(keep, t);
		row(&r, "招商线索停滞", str(x, "target_name"), str(x, "stage"), json_string_value(t), str(x, "owner"));
	}
	json_array_foreach(json_object_get(o, "missing"), i, x) {
		row(&r, "六个一、七个一缺项", str(x, "name_zh"), NULL, NULL, NULL);
	}
	json_array_foreach(json_object_get(o, "stale"), i, x) {
		json_t *t = json_sprintf("%lld条超过%lld天未更新", (long long)json_integer_value(json_object_get(x, "count")),
		                         (long long)json_integer_value(json_object_get(json_object_get(o, "settings"), "stale_days")));
		json_array_append_new(keep, t);
		row(&r, "数据陈旧", str(x, "title_zh"), json_string_value(t), str(x, "oldest"), NULL);
	}
	static const char *const head[BRIEF_COLS] = {"类别", "对象", "状态", "说明", "区或责任人"};
	char path[RESPOND_TMP_PATH] = "";
	if (rc == ERR_OK)
		rc = respond_tmp(path, e);
	if (rc == ERR_OK)
		rc = exchange_table_xlsx(path, "专员简报", head, BRIEF_COLS, r.cells, r.n, e);
	free(r.cells);
	char id[80];
	(void)snprintf(id, sizeof id, "%s", str(json_object_get(o, "industry"), "id"));
	json_decref(keep);
	json_decref(o);
	rc = respond_file_body(resp, path, rc, XLSX_TYPE, e);
	if (rc != ERR_OK)
		return rc;
	(void)snprintf(resp->disposition, sizeof resp->disposition,
	               "attachment; filename=\"commissioner-%s.xlsx\"", id);
	return ERR_OK;
}
