/*
 * api_chains.c - industry chain maps (issue 7): GET /api/v1/chains (every map's score),
 * /api/v1/chains/gaps (the critical gaps of the programme with their candidate counts),
 * /api/v1/chains/{industry} (nodes with coverage), /api/v1/chains/{industry}/nodes/{node} (one
 * node's enterprises and candidates), /api/v1/chains/{industry}/suggestions, and
 * POST /api/v1/chains/{industry}/leads (add candidates to the leads list, channel 产业链招商).
 * Shapes come from chain/chains.h, the same the CLI prints with --json.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "chain/chains.h"
#include "http/http_int.h"

static enum err_code build(const struct http_req *req, const char *industry, struct chains_all *a,
                           struct err *e)
{
	struct store *s = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = chains_build(s, req->ctx->programme, industry, NULL, a, e);
	return rc;
}

static json_t *settings_json(const struct chains_all *a)
{
	return json_pack("{s:I, s:I, s:f}", "strong_min", (json_int_t)a->set.strong_min,
	                 "present_min", (json_int_t)a->set.present_min, "concentration",
	                 a->set.concentration);
}

enum err_code api_chains(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct chains_all a;
	enum err_code rc = build(req, NULL, &a, e);
	if (rc != ERR_OK)
		return rc;
	char label[64];
	chains_value_label(&a, label, sizeof label);
	json_t *out = json_pack("{s:o, s:s, s:o, s:s, s:I}", "chains", chains_summary_json(&a),
	                        "formula", CHAIN_SCORE_FORMULA, "settings", settings_json(&a),
	                        "value_label", label, "supply_relations",
	                        (json_int_t)a.supply_relations);
	chains_all_free(&a);
	return respond_json(resp, out, e);
}

enum err_code api_chain_gaps(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct chains_all a;
	struct store *s = NULL;
	enum err_code rc = build(req, NULL, &a, e);
	if (rc != ERR_OK)
		return rc;
	json_t *gaps = chains_gaps_json(&a);
	rc = http_store(req, &s, e);
	/* Each gap with the number of candidates that match it. */
	for (size_t k = 0; k < a.n && rc == ERR_OK; k++) {
		struct chains_suggestions sg;
		rc = chains_suggest(s, &a.views[k], NULL, -1, &sg, e);
		size_t i;
		json_t *g;
		json_array_foreach(gaps, i, g) {
			if (rc != ERR_OK ||
			    strcmp(json_string_value(json_object_get(g, "industry")), a.views[k].ind->id) != 0)
				continue;
			long n = 0;
			int node = chains_node_index(&a.views[k], json_string_value(json_object_get(g, "node")));
			for (size_t j = 0; j < sg.n; j++)
				n += (int)sg.items[j].node == node;
			json_object_set_new(g, "candidates", json_integer(n));
		}
		chains_suggestions_free(&sg);
	}
	json_t *out = rc == ERR_OK ? json_pack("{s:o, s:o}", "gaps", gaps, "settings", settings_json(&a))
	                           : NULL;
	if (rc != ERR_OK)
		json_decref(gaps);
	chains_all_free(&a);
	return rc == ERR_OK ? respond_json(resp, out, e) : rc;
}

enum err_code api_chain(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	char industry[128];
	if (!http_param(req, 0, industry, sizeof industry))
		return err_set(e, ERR_INVALID, "industry id too long");
	struct chains_all a;
	enum err_code rc = build(req, industry, &a, e);
	if (rc != ERR_OK)
		return rc;
	json_t *out = chains_view_json(&a, &a.views[0], false);
	chains_all_free(&a);
	return respond_json(resp, out, e);
}

static enum err_code query_limit(const struct http_req *req, long def, long *out, struct err *e)
{
	const char *s = http_query(req, "limit");
	*out = def;
	if (s == NULL)
		return ERR_OK;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || errno != 0 || v < 1 || v > 1000)
		return err_set(e, ERR_INVALID, "query parameter limit must be 1..1000");
	*out = v;
	return ERR_OK;
}

enum err_code api_chain_node(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	char industry[128], node[128];
	if (!http_param(req, 0, industry, sizeof industry) || !http_param(req, 1, node, sizeof node))
		return err_set(e, ERR_INVALID, "path parameter too long");
	long limit;
	enum err_code rc = query_limit(req, 20, &limit, e);
	struct chains_all a;
	if (rc == ERR_OK)
		rc = build(req, industry, &a, e);
	if (rc != ERR_OK)
		return rc;
	const struct chains_view *v = &a.views[0];
	int k = chains_node_index(v, node);
	struct chains_suggestions sg = {0};
	struct store *s = NULL;
	if (k < 0)
		rc = err_set(e, ERR_NOT_FOUND, "产业“%s”的产业链图谱中没有环节“%s”", v->ind->name_zh, node);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = chains_suggest(s, v, node, limit, &sg, e);
	json_t *out = NULL;
	if (rc == ERR_OK) {
		char label[64];
		chains_value_label(&a, label, sizeof label);
		out = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "industry", v->ind->id, "industry_name",
		                v->ind->name_zh, "node", chains_node_json(&a, v, (size_t)k, true),
		                "candidates", chains_suggestions_json(v, &sg), "value_label", label,
		                "value_unit", "元");
	}
	chains_suggestions_free(&sg);
	chains_all_free(&a);
	return rc == ERR_OK ? respond_json(resp, out, e) : rc;
}

enum err_code api_chain_suggestions(const struct http_req *req, struct http_resp *resp,
                                    struct err *e)
{
	char industry[128];
	if (!http_param(req, 0, industry, sizeof industry))
		return err_set(e, ERR_INVALID, "industry id too long");
	long limit;
	enum err_code rc = query_limit(req, 5, &limit, e);
	struct chains_all a;
	if (rc == ERR_OK)
		rc = build(req, industry, &a, e);
	if (rc != ERR_OK)
		return rc;
	struct chains_suggestions sg = {0};
	struct store *s = NULL;
	rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = chains_suggest(s, &a.views[0], http_query(req, "node"), limit, &sg, e);
	json_t *out = rc == ERR_OK ? json_pack("{s:s, s:o}", "industry", a.views[0].ind->id,
	                                       "suggestions", chains_suggestions_json(&a.views[0], &sg))
	                           : NULL;
	chains_suggestions_free(&sg);
	chains_all_free(&a);
	return rc == ERR_OK ? respond_json(resp, out, e) : rc;
}

#define MAX_ADD 100

enum err_code api_chain_add_leads(const struct http_req *req, struct http_resp *resp,
                                  struct err *e)
{
	char industry[128];
	if (!http_param(req, 0, industry, sizeof industry))
		return err_set(e, ERR_INVALID, "industry id too long");
	json_error_t jerr;
	json_t *body = req->body ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr)
	                         : NULL;
	json_t *list = json_object_get(body, "candidates"), *node = json_object_get(body, "node");
	if (!json_is_object(body) || !json_is_array(list) || json_array_size(list) == 0 ||
	    json_array_size(list) > MAX_ADD || (node && !json_is_null(node) && !json_is_string(node))) {
		json_decref(body);
		return err_set(e, ERR_INVALID, "body must be {\"candidates\": [credit codes or names, 1..100], "
		                                "\"node\": node id (optional)}");
	}
	const char *who[MAX_ADD];
	size_t n = 0, i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (!json_is_string(x)) {
			json_decref(body);
			return err_set(e, ERR_INVALID, "candidates must be strings (credit codes or names)");
		}
		who[n++] = json_string_value(x);
	}
	struct chains_all a;
	struct store *s = NULL;
	struct chains_added *added = NULL;
	size_t n_added = 0;
	enum err_code rc = build(req, industry, &a, e);
	if (rc == ERR_OK) {
		rc = http_store(req, &s, e);
		if (rc == ERR_OK)
			rc = chains_add_leads(s, req->ctx->lists, &req->who, &a.views[0], json_string_value(node), who,
			                      n, "api", &added, &n_added, e);
		chains_all_free(&a);
	}
	json_decref(body);
	if (rc != ERR_OK)
		return rc;
	json_t *arr = json_array();
	for (size_t k = 0; k < n_added; k++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:I}", "name", added[k].name, "node",
		                                     added[k].node, "existed", added[k].existed, "lead_id",
		                                     (json_int_t)added[k].id));
	chains_added_free(added, n_added);
	rc = respond_json(resp, json_pack("{s:o, s:s}", "added", arr, "channel", "产业链招商"), e);
	if (rc == ERR_OK)
		resp->status = MHD_HTTP_CREATED;
	return rc;
}
