/*
 * inputs.c - a report's inputs: the engine results taken from the store into one JSON object,
 * and the snapshots that keep them (canonical JSON, SHA-256, zlib) so the report is rebuilt from
 * exactly what it was built from. See report.h. What the report says is build.c's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "base/mem.h"
#include "base/sha256.h"
#include "catalog/catalog.h"
#include "chain/chains.h"
#include "model/period.h"
#include "monitor/monitor.h"
#include "report/report.h"

/* Largest snapshot JSON we inflate (a hostile or damaged store cannot make us allocate more). */
#define MAX_SNAPSHOT_JSON ((size_t)512 << 20)

void report_canonical(const json_t *inputs, struct buf *out)
{
	char *s = json_dumps(inputs, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
	buf_reset(out);
	if (s)
		(void)buf_puts(out, s);
	free(s);
}

/* The period before `p` of the same kind: 2025H1 -> 2024H2, 2025 -> 2024, 2025Q1 -> 2024Q4. */
static void period_before(const struct period *p, char *out, size_t cap)
{
	int y = p->year, i = p->index;
	switch (p->kind) {
	case PERIOD_YEAR: (void)snprintf(out, cap, "%d", y - 1); break;
	case PERIOD_HALF: (void)snprintf(out, cap, "%dH%d", i == 1 ? y - 1 : y, i == 1 ? 2 : 1); break;
	case PERIOD_QUARTER: (void)snprintf(out, cap, "%dQ%d", i == 1 ? y - 1 : y, i == 1 ? 4 : i - 1); break;
	default: (void)snprintf(out, cap, "%04d-%02d", i == 1 ? y - 1 : y, i == 1 ? 12 : i - 1); break;
	}
}

static enum err_code stats_json(struct store *s, const struct programme *p, const char *period,
                                const char *level, const char *district, json_t **out,
                                struct err *e)
{
	struct monitor_query q = {.period = period, .level = level, .indicator = -1,
	                          .district = district};
	struct monitor_report r;
	enum err_code rc = monitor_report(s, p, &q, &r, e);
	if (rc != ERR_OK)
		return rc;
	*out = monitor_report_json(&r);
	monitor_report_free(&r);
	return ERR_OK;
}

static int add_brief(void *ctx, const char *industry, const char *period, const char *text,
                     const char *file, const char *added_at)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s}", "industry", industry,
	                                     "period", period, "text", text, "file", file,
	                                     "added_at", added_at));
	return 0;
}

/* The year the targets are judged at: the latest year with annual value added that ends by the
 * period's end (2025H1: 2024 at the latest); that bound itself when there is none. */
static int target_year(struct store *s, const struct period *per)
{
	int bound = per->kind == PERIOD_YEAR ? per->year : per->year - 1, best = 0;
	json_t *v = NULL;
	struct err e = {0};
	if (monitor_periods_json(s, &v, &e) == ERR_OK) {
		size_t i, k;
		const json_t *o, *ind;
		json_array_foreach(json_object_get(v, "periods"), i, o) {
			struct period q;
			if (!period_parse(json_string_value(json_object_get(o, "period")), &q) ||
			    q.kind != PERIOD_YEAR || q.year > bound || q.year <= best)
				continue;
			json_array_foreach(json_object_get(o, "indicators"), k, ind) {
				if (strcmp(json_string_value(ind), "value_added") == 0)
					best = q.year;
			}
		}
	}
	json_decref(v);
	return best ? best : bound;
}

/* Whether a chain node is one the report names as a weak link: weak, missing or a critical gap. */
static bool weak_status(const char *status)
{
	return status && (strcmp(status, "weak") == 0 || strcmp(status, "missing") == 0 ||
	                  strcmp(status, "critical_gap") == 0);
}

/*
 * The chain maps' part of the inputs, from the same engine as /api/v1/chains: for each industry
 * with a map, {"score", "formula", "weak_links":[{"name","stage","status_zh","critical","count"}]},
 * the weak links being the leaf nodes (no child node) that are weak, missing or a critical gap.
 * null when no industry has a map.
 */
static enum err_code chain_inputs(struct store *s, const struct programme *p, json_t **out,
                                  struct err *e)
{
	struct chains_all a;
	*out = NULL;
	enum err_code rc = chains_build(s, p, NULL, NULL, &a, e);
	if (rc == ERR_NOT_FOUND) {
		memset(e, 0, sizeof *e);
		*out = json_null();
		return ERR_OK;
	}
	if (rc != ERR_OK)
		return rc;
	json_t *o = json_object();
	for (size_t k = 0; k < a.n; k++) {
		const struct chains_view *v = &a.views[k];
		json_t *full = chains_view_json(&a, v, false);
		json_t *nodes = json_object_get(full, "nodes"), *weak = json_array(), *n;
		size_t i;
		json_array_foreach(nodes, i, n) {
			const char *id = json_string_value(json_object_get(n, "id"));
			bool leaf = true;
			size_t j;
			json_t *m;
			json_array_foreach(nodes, j, m) {
				const char *parent = json_string_value(json_object_get(m, "parent"));
				if (parent && id && strcmp(parent, id) == 0)
					leaf = false;
			}
			if (!leaf || !weak_status(json_string_value(json_object_get(n, "status"))))
				continue;
			json_array_append_new(weak, json_pack("{s:O, s:O, s:O, s:O, s:O}", "name",
			                                      json_object_get(n, "name"), "stage",
			                                      json_object_get(n, "stage"), "status_zh",
			                                      json_object_get(n, "status_zh"), "critical",
			                                      json_object_get(n, "critical"), "count",
			                                      json_object_get(n, "count")));
		}
		json_t *cov = json_object_get(full, "coverage");
		json_object_set_new(o, v->ind->id,
		                    json_pack("{s:O, s:O, s:o}", "score", json_object_get(cov, "score"),
		                              "formula", json_object_get(cov, "formula"), "weak_links",
		                              weak));
		json_decref(full);
	}
	chains_all_free(&a);
	*out = o;
	return ERR_OK;
}

enum err_code report_take(struct store *s, const struct programme *p, const char *period,
                          const char *taken_at, json_t **inputs, struct err *e)
{
	struct period per, earlier;
	char before[32];
	*inputs = NULL;
	if (period == NULL || !period_parse(period, &per))
		return err_set(e, ERR_INVALID, "period: “%s” 不是期间，应为 2025、2025H1、2025Q3 或 2025-07 "
		                               "(bad period)", period ? period : "");
	period_before(&per, before, sizeof before);
	bool has_earlier = period_year_earlier(&per, &earlier);
	json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "format", REPORT_SNAPSHOT_FORMAT,
	                      "period", per.label, "period_zh", per.label_zh, "period_first", per.first,
	                      "period_last", per.last, "period_before", before, "taken_at", taken_at);
	json_t *v = NULL, *inds = json_array(), *dists = json_array(), *by_d = json_object();
	for (size_t i = 0; i < p->n_industries; i++)
		json_array_append_new(inds, catalog_industry_json(&p->industries[i]));
	for (size_t i = 0; i < p->n_districts; i++)
		json_array_append_new(dists, catalog_district_json(p, &p->districts[i]));
	json_object_set_new(o, "industries", inds);
	json_object_set_new(o, "districts", dists);
	json_object_set_new(o, "stats_by_district", by_d);
	json_object_set_new(o, "programme_name", json_string(p->name_zh ? p->name_zh : ""));
	enum err_code rc = stats_json(s, p, per.label, NULL, NULL, &v, e);
	if (rc == ERR_OK) {
		json_object_set_new(o, "stats", v);
		rc = stats_json(s, p, has_earlier ? earlier.label : per.label, NULL, NULL, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "stats_year_earlier", has_earlier ? v : json_null());
		if (!has_earlier)
			json_decref(v);
		rc = stats_json(s, p, before, NULL, NULL, &v, e);
	}
	if (rc == ERR_OK)
		json_object_set_new(o, "stats_period_before", v);
	/* Industries within each district: the distribution, location quotients, strong clusters. */
	for (size_t i = 0; rc == ERR_OK && i < p->n_districts; i++) {
		rc = stats_json(s, p, per.label, "industry", p->districts[i].id, &v, e);
		if (rc == ERR_OK)
			json_object_set_new(by_d, p->districts[i].id, v);
	}
	if (rc == ERR_OK) {
		struct monitor_series_query q = {.indicator = IND_VALUE_ADDED, .kind = (int)per.kind};
		rc = monitor_series_json(s, p, &q, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "series", v);
		rc = monitor_targets_json(s, p, target_year(s, &per), &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "targets", v);
		rc = monitor_completeness_json(s, p, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "completeness", v);
		rc = monitor_cultivation_json(s, p, false, &per, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "cultivation", v);
		struct list_query all = {.limit = -1};
		/* Projects are judged at the period's end, so the report on a past half stays put. */
		rc = monitor_projects_json(s, &all, per.last, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "projects", v);
		rc = monitor_leads_json(s, p, &v, e);
	}
	if (rc == ERR_OK) {
		json_object_set_new(o, "leads", v);
		v = json_array();
		rc = store_brief_list(s, per.label, add_brief, v, e);
		json_object_set_new(o, "briefs", v);
	}
	/* Chain maps (weak links): null when no industry has one, and the report says so. */
	if (rc == ERR_OK) {
		rc = chain_inputs(s, p, &v, e);
		if (rc == ERR_OK)
			json_object_set_new(o, "chains", v);
	}
	if (rc != ERR_OK) {
		json_decref(o);
		return rc;
	}
	*inputs = o;
	return ERR_OK;
}

/* ---- snapshots ---- */

/* Store *inputs as a snapshot and replace them by what the stored text reads back as, so a report
 * built now and one built later from the snapshot see the same JSON (key order included). */
static enum err_code save(struct store *s, json_t **inputs, struct report_run *run, struct err *e)
{
	struct buf text;
	buf_init(&text, BUF_NO_CAP);
	report_canonical(*inputs, &text);
	sha256_hex(text.data, text.len, run->sha256);
	uLongf n = compressBound((uLong)text.len);
	unsigned char *z = xmalloc(n);
	enum err_code rc = ERR_OK;
	if (compress2(z, &n, (const Bytef *)text.data, (uLong)text.len, 9) != Z_OK)
		rc = err_set(e, ERR_INTERNAL, "cannot compress the report snapshot");
	if (rc == ERR_OK)
		rc = store_snapshot_put(s, json_string_value(json_object_get(*inputs, "period")),
		                        run->taken_at, run->sha256, (long long)text.len, z, n,
		                        &run->snapshot_id, e);
	run->json_bytes = text.len;
	run->stored_bytes = n;
	if (rc == ERR_OK) {
		json_error_t je;
		json_t *back = json_loadb(text.data, text.len, 0, &je);
		if (back == NULL) {
			rc = err_set(e, ERR_INTERNAL, "the report snapshot does not read back: %s", je.text);
		} else {
			json_decref(*inputs);
			*inputs = back;
		}
	}
	free(z);
	buf_free(&text);
	return rc;
}

/* Inflate and check a stored snapshot. */
static enum err_code load(struct store *s, long long id, const char *period, long long before,
                          json_t **out, struct store_snapshot *x, struct err *e)
{
	*out = NULL;
	enum err_code rc = store_snapshot_get(s, id, period, before, x, e);
	if (rc != ERR_OK)
		return rc;
	if (x->size < 0 || (size_t)x->size > MAX_SNAPSHOT_JSON) {
		free(x->data);
		return err_set(e, ERR_CORRUPT, "报告快照 %lld 已损坏：大小 %lld (snapshot %lld is damaged)",
		               x->id, x->size, x->id);
	}
	uLongf n = (uLongf)x->size;
	char *text = xmalloc(n + 1);
	char hex[65] = "";
	int zr = uncompress((Bytef *)text, &n, x->data, (uLong)x->n_data);
	free(x->data);
	x->data = NULL;
	if (zr == Z_OK && n == (uLongf)x->size) {
		text[n] = '\0';
		sha256_hex(text, n, hex);
	}
	if (zr != Z_OK || n != (uLongf)x->size || strcmp(hex, x->sha256) != 0) {
		free(text);
		return err_set(e, ERR_CORRUPT, "报告快照 %lld 已损坏：内容与校验和不符 (snapshot %lld: "
		                               "content does not match its SHA-256)", x->id, x->id);
	}
	json_error_t je;
	*out = json_loadb(text, n, 0, &je);
	free(text);
	if (*out == NULL || json_integer_value(json_object_get(*out, "format")) != REPORT_SNAPSHOT_FORMAT) {
		json_decref(*out);
		*out = NULL;
		return err_set(e, ERR_CORRUPT, "报告快照 %lld 不是本版本的格式 (snapshot %lld: not format %d)",
		               x->id, x->id, REPORT_SNAPSHOT_FORMAT);
	}
	return ERR_OK;
}

/* The run used stored snapshot x. */
static void reused(struct report_run *run, const struct store_snapshot *x)
{
	run->reused = true;
	run->snapshot_id = x->id;
	run->json_bytes = (size_t)x->size;
	(void)snprintf(run->sha256, sizeof run->sha256, "%s", x->sha256);
	(void)snprintf(run->taken_at, sizeof run->taken_at, "%s", x->taken_at);
}

/*
 * Save the inputs just taken, in one transaction with a second look for the period's snapshot
 * unless the run asked for a fresh one (REPORT_REFRESH): two first requests for a period at the
 * same moment each take the inputs, and the one that comes second to the store then uses the
 * first one's snapshot instead of adding another.
 */
static enum err_code save_once(struct store *s, const char *period, enum report_mode mode,
                               json_t **inputs, struct report_run *run, struct err *e)
{
	enum err_code rc = store_begin(s, e);
	if (rc != ERR_OK)
		return rc;
	if (mode != REPORT_REFRESH) {
		json_t *theirs = NULL;
		struct store_snapshot x;
		rc = load(s, 0, period, 0, &theirs, &x, e);
		if (rc == ERR_OK) {
			store_rollback(s);
			json_decref(*inputs);
			*inputs = theirs;
			memset(run, 0, sizeof *run);
			reused(run, &x);
			return ERR_OK;
		}
		if (rc != ERR_NOT_FOUND) {
			store_rollback(s);
			return rc;
		}
	}
	rc = save(s, inputs, run, e);
	if (rc == ERR_OK)
		return store_commit(s, e);
	store_rollback(s);
	return rc;
}

enum err_code report_prepare(struct store *s, const struct programme *p, const char *period,
                             enum report_mode mode, long long snapshot_id, json_t **inputs,
                             json_t **previous, struct report_run *run, struct err *e)
{
	struct store_snapshot x;
	struct period per;
	*inputs = *previous = NULL;
	memset(run, 0, sizeof *run);
	if (snapshot_id <= 0 && (period == NULL || !period_parse(period, &per)))
		return err_set(e, ERR_INVALID, "period: “%s” 不是期间，应为 2025、2025H1、2025Q3 或 2025-07 "
		                               "(bad period)", period ? period : "");
	enum err_code rc = ERR_NOT_FOUND;
	if (snapshot_id > 0 || mode != REPORT_REFRESH) {
		rc = load(s, snapshot_id, snapshot_id > 0 ? NULL : per.label, 0, inputs, &x, e);
		if (rc == ERR_OK)
			reused(run, &x);
		else if (rc != ERR_NOT_FOUND || snapshot_id > 0 || mode == REPORT_FROM_SNAPSHOT)
			return rc;
	}
	if (rc == ERR_NOT_FOUND) { /* take a new one */
		time_t t = time(NULL);
		struct tm tm;
		(void)strftime(run->taken_at, sizeof run->taken_at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		rc = report_take(s, p, per.label, run->taken_at, inputs, e);
		if (rc != ERR_OK)
			return rc;
		/* The previous report: the latest snapshot of this period, else of the period before. */
		struct store_snapshot prev;
		const char *before = json_string_value(json_object_get(*inputs, "period_before"));
		enum err_code pr = store_snapshot_get(s, 0, per.label, 0, &prev, e);
		if (pr == ERR_NOT_FOUND)
			pr = store_snapshot_get(s, 0, before, 0, &prev, e);
		if (pr == ERR_OK) {
			json_object_set_new(*inputs, "previous",
			                    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)prev.id,
			                              "period", prev.period, "taken_at", prev.taken_at,
			                              "sha256", prev.sha256));
			free(prev.data);
		} else if (pr == ERR_NOT_FOUND) {
			json_object_set_new(*inputs, "previous", json_null());
		} else {
			json_decref(*inputs);
			*inputs = NULL;
			return pr;
		}
		rc = save_once(s, per.label, mode, inputs, run, e);
		if (rc != ERR_OK) {
			json_decref(*inputs);
			*inputs = NULL;
			return rc;
		}
	}
	json_int_t prev_id = json_integer_value(json_object_get(json_object_get(*inputs, "previous"), "id"));
	if (prev_id > 0) {
		rc = load(s, (long long)prev_id, NULL, 0, previous, &x, e);
		if (rc != ERR_OK) {
			json_decref(*inputs);
			*inputs = NULL;
			return rc;
		}
		run->previous_id = (long long)prev_id;
	}
	return ERR_OK;
}
