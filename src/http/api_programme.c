/*
 * api_programme.c - the programme endpoints: /healthz, /api/v1/programme, /api/v1/industries[/{id}],
 * /api/v1/districts[/{code}]. Read-only views of the programme the server was started with, in
 * the JSON shape of catalog/catalog_json.c. Lists answer {"items","total","limit","offset"}.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/version.h"
#include "catalog/catalog.h"
#include "http/http_int.h"
#include "store/store.h"

#define LIST_DEFAULT_LIMIT 100
#define LIST_MAX_LIMIT 1000

/* A non-negative integer query parameter in [0, max], or `def` when absent. */
static enum err_code query_uint(const struct http_req *req, const char *key, long def, long max,
                                long *out, struct err *e)
{
	const char *s = http_query(req, key);
	*out = def;
	if (s == NULL)
		return ERR_OK;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < 0 || v > max || s[0] == '-' || s[0] == '+')
		return err_set(e, ERR_INVALID, "query parameter %s must be an integer from 0 to %ld", key, max);
	*out = v;
	return ERR_OK;
}

/* Wrap `items` (all matches) into a page per limit and offset. */
static enum err_code page(const struct http_req *req, json_t *items, struct http_resp *resp,
                          struct err *e)
{
	long limit, offset;
	enum err_code rc = query_uint(req, "limit", LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT, &limit, e);
	if (rc == ERR_OK)
		rc = query_uint(req, "offset", 0, 1000000000L, &offset, e);
	if (rc != ERR_OK) {
		json_decref(items);
		return rc;
	}
	size_t total = json_array_size(items);
	json_t *out = json_array();
	for (size_t i = (size_t)offset; i < total && i < (size_t)offset + (size_t)limit; i++)
		json_array_append(out, json_array_get(items, i));
	json_decref(items);
	return respond_json(resp,
	                    json_pack("{s:o, s:I, s:I, s:I}", "items", out, "total", (json_int_t)total,
	                              "limit", (json_int_t)limit, "offset", (json_int_t)offset),
	                    e);
}

enum err_code api_healthz(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return respond_json(resp,
	                    json_pack("{s:s, s:s, s:i, s:s}", "status", "ok", "version", JIQUN_VERSION,
	                              "schema", store_schema_latest(), "programme",
	                              req->ctx->programme->id),
	                    e);
}

static json_t *programme_json(const struct http_req *req)
{
	return catalog_programme_json(req->ctx->programme);
}

/* The programme does not change while serving: its JSON is made once (the load benchmark's
 * summary endpoint, bench/http.sh). */
enum err_code api_programme(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return respond_cached(req->ctx->programme_json, programme_json, req, resp, e);
}

enum err_code api_industries(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	const char *kind_s = http_query(req, "kind"), *tier_s = http_query(req, "tier");
	const char *district_s = http_query(req, "district");
	enum industry_kind kind = KIND_CLUSTER;
	enum tier tier = TIER_NONE;
	const struct district *d = NULL;
	if (kind_s && !industry_kind_parse(kind_s, &kind))
		return err_set(e, ERR_INVALID, "kind must be cluster or future");
	if (tier_s && !tier_parse(tier_s, &tier))
		return err_set(e, ERR_INVALID,
		               "tier must be pillar, short_board, improve, growth_point or none");
	if (district_s && (d = programme_district(p, district_s)) == NULL)
		return err_set(e, ERR_INVALID, "unknown district '%.64s' (use a name, id or code)",
		               district_s);
	json_t *items = json_array();
	for (size_t i = 0; i < p->n_industries; i++) {
		const struct industry *ind = &p->industries[i];
		if ((kind_s && ind->kind != kind) || (tier_s && ind->tier != tier) ||
		    (d && !industry_in_district(ind, d)))
			continue;
		json_array_append_new(items, catalog_industry_json(ind));
	}
	return page(req, items, resp, e);
}

enum err_code api_industry(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct industry *ind = programme_industry(req->ctx->programme, req->params[0]);
	if (ind == NULL)
		return err_set(e, ERR_NOT_FOUND, "no industry with id '%.64s'", req->params[0]);
	return respond_json(resp, catalog_industry_json(ind), e);
}

enum err_code api_districts(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	json_t *items = json_array();
	for (size_t i = 0; i < p->n_districts; i++)
		json_array_append_new(items, catalog_district_json(p, &p->districts[i]));
	return page(req, items, resp, e);
}

enum err_code api_district(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	const struct district *d = programme_district(p, req->params[0]);
	if (d == NULL)
		return err_set(e, ERR_NOT_FOUND, "no district with code or id '%.64s'", req->params[0]);
	return respond_json(resp, catalog_district_json(p, d), e);
}
