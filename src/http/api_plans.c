/*
 * api_plans.c - GET /api/v1/plans (the targets in force at the three levels, or one stored
 * version, with the stored versions) and GET /api/v1/crosswalk (the links between the built-in
 * 2022 and 2024 programme versions, with both versions' industries). Shapes come from plans/ and
 * catalog/; this file only reads query parameters and wraps them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "engine/crosswalk.h"
#include "http/http_int.h"
#include "plans/plans.h"

static int add_version(void *ctx, const struct plan_version_info *v)
{
	json_array_append_new(ctx, json_pack("{s:s, s:i, s:s, s:s, s:I}", "level",
	                                     plan_level_name(v->level), "version", v->version, "source",
	                                     v->source, "imported_at", v->imported_at, "targets",
	                                     (json_int_t)v->targets));
	return 0;
}

enum err_code api_plans(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *lv = http_query(req, "level"), *vs = http_query(req, "version");
	enum plan_level level = PLAN_FIVE_YEAR;
	long version = 0;
	if (lv && !plan_level_parse(lv, &level))
		return err_set(e, ERR_INVALID, "query parameter level must be five_year, rolling or annual");
	if (vs) {
		char *end;
		errno = 0;
		version = strtol(vs, &end, 10);
		if (vs[0] < '1' || vs[0] > '9' || *end != '\0' || errno != 0 || version > 1000000)
			return err_set(e, ERR_INVALID, "query parameter version must be a positive integer");
		if (lv == NULL)
			return err_set(e, ERR_INVALID, "query parameter version needs level");
	}
	struct store *s = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	struct plans_set set;
	rc = plans_current(s, req->ctx->programme, lv ? (int)level : -1, (int)version, &set, e);
	if (rc != ERR_OK)
		return rc;
	json_t *targets = json_array(), *versions = json_array();
	for (size_t i = 0; i < set.n; i++)
		json_array_append_new(targets, plans_target_json(&set, &set.t[i]));
	json_t *in_force = json_object();
	for (int l = 0; l < PLAN_LEVELS; l++)
		if (set.present[l])
			json_object_set_new(in_force, plan_level_name((enum plan_level)l),
			                    json_integer(set.version[l]));
	plans_set_free(&set);
	rc = store_plan_versions(s, add_version, versions, e);
	if (rc != ERR_OK) {
		json_decref(targets);
		json_decref(versions);
		json_decref(in_force);
		return rc;
	}
	return respond_json(resp,
	                    json_pack("{s:s, s:o, s:o, s:o, s:s}", "programme", req->ctx->programme->id,
	                              "in_force", in_force, "targets", targets, "versions", versions,
	                              "source",
	                              "导入的规划、三年滚动和年度目标；未导入规划时为政策文件二（三）的目标"),
	                    e);
}

static json_t *version_json(const struct programme *p)
{
	json_t *inds = json_array();
	for (size_t i = 0; i < p->n_industries; i++) {
		const struct industry *ind = &p->industries[i];
		json_array_append_new(inds, json_pack("{s:s, s:s, s:s, s:i}", "id", ind->id, "name_zh",
		                                      ind->name_zh, "kind", industry_kind_name(ind->kind),
		                                      "seq", ind->seq));
	}
	return json_pack("{s:s, s:s, s:o}", "version", p->version ? p->version : "", "id", p->id,
	                 "industries", inds);
}

enum err_code api_crosswalk(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	(void)req;
	struct catalog_crosswalk *x = NULL;
	struct programme *a = NULL, *b = NULL;
	enum err_code rc = catalog_crosswalk_builtin(&x, e);
	if (rc == ERR_OK)
		rc = catalog_builtin_version("2022", &a, e);
	if (rc == ERR_OK)
		rc = catalog_builtin_version("2024", &b, e);
	json_t *out = NULL;
	if (rc == ERR_OK) {
		json_t *links = json_array();
		for (size_t i = 0; i < x->n; i++) {
			const struct xw_link *l = &x->links[i];
			json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "from_version", l->from_version,
			                      "from_industry", l->from_industry, "to_version", l->to_version,
			                      "to_industry", l->to_industry, "kind", xw_kind_name(l->kind));
			json_object_set_new(o, "weight", l->has_weight ? json_real(l->weight) : json_null());
			json_object_set_new(o, "basis", l->basis ? json_string(l->basis) : json_null());
			json_array_append_new(links, o);
		}
		out = json_pack("{s:o, s:o, s:o, s:s}", "from", version_json(a), "to", version_json(b),
		                "links", links, "source", "data/catalog/crosswalk-2022-2024.csv");
	}
	catalog_crosswalk_free(x);
	programme_free(a);
	programme_free(b);
	return rc == ERR_OK ? respond_json(resp, out, e) : rc;
}
