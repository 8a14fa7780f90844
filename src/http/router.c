/*
 * router.c - the route table and matching. One table lists every endpoint; docs/openapi.yaml
 * describes the same routes (tests/integration checks that every route here is documented).
 */
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

const struct http_route http_routes[] = {
	{"GET", "/healthz", api_healthz, "liveness and version"},
	{"GET", "/api/v1/programme", api_programme, "the programme: targets, tiers, principles, safeguards"},
	{"GET", "/api/v1/industries", api_industries, "clusters and future industries, filtered"},
	{"GET", "/api/v1/industries/{id}", api_industry, "one industry"},
	{"GET", "/api/v1/districts", api_districts, "districts with the industries assigned to them"},
	{"GET", "/api/v1/districts/{code}", api_district, "one district by code or id"},
	{"GET", "/api/v1/lists", api_lists, "the lists and their fields (for tables and forms)"},
	{"GET", "/api/v1/lists/{list}", api_list_query, "records of a list, filtered, sorted, paged"},
	{"POST", "/api/v1/lists/{list}", api_list_create, "add a record"},
	{"GET", "/api/v1/lists/{list}/export", api_list_export, "the list as CSV or XLSX"},
	{"GET", "/api/v1/lists/{list}/template", api_list_template, "the empty template (header row)"},
	{"GET", "/api/v1/lists/{list}/{id}", api_list_get, "one record"},
	{"PUT", "/api/v1/lists/{list}/{id}", api_list_update, "replace a record"},
	{"DELETE", "/api/v1/lists/{list}/{id}", api_list_delete, "delete a record"},
	{"GET", "/api/v1/completeness", api_completeness, "industries x the 13 items of the six and seven ones"},
	{"GET", "/api/v1/cultivation", api_cultivation, "enterprise cultivation funnel by industry and district"},
	{"GET", "/api/v1/projects/progress", api_project_progress, "key projects against their annual plan"},
	{"GET", "/api/v1/stats", api_stats, "the programme's figures for a period, computed and published"},
	{"GET", "/api/v1/stats/periods", api_stats_periods, "the periods and indicators with figures"},
	{"GET", "/api/v1/stats/series", api_stats_series, "one figure over the periods with data"},
	{"GET", "/api/v1/stats/targets", api_stats_targets, "the targets' progress against the figures"},
	{"GET", "/api/v1/stats/crosswalk", api_stats_crosswalk, "a period's industries restated in the 2024 version"},
	{"GET", "/api/v1/plans", api_plans, "targets in force at the three plan levels, and versions"},
	{"GET", "/api/v1/crosswalk", api_crosswalk, "links between the 2022 and 2024 programme versions"},
	{"GET", "/api/v1/map/districts", api_map_districts, "district shapes (GeoJSON, GCJ-02)"},
	{"GET", "/api/v1/parks/totals", api_park_totals, "the park programme against its ~300 km²"},
	{"GET", "/api/v1/commissioner", api_commissioner, "what needs one industry's commissioner now"},
	{"GET", "/api/v1/commissioner/brief", api_commissioner_brief, "the same as a one-sheet XLSX"},
	{"POST", "/api/v1/login", api_login, "sign in: a session cookie and its CSRF token"},
	{"POST", "/api/v1/logout", api_logout, "end the session"},
	{"GET", "/api/v1/me", api_me, "who is signed in and what they may change"},
	{"GET", "/api/v1/review", api_review_list, "changes waiting for review (or decided)"},
	{"POST", "/api/v1/review/{id}/approve", api_review_approve, "apply a pending change"},
	{"POST", "/api/v1/review/{id}/reject", api_review_reject, "reject a pending change with a comment"},
	{"GET", "/api/v1/audit", api_audit, "the audit trail, filtered, as JSON, CSV or XLSX"},
	{"GET", "/api/v1/chains", api_chains, "every industry's chain map: completeness score and statuses"},
	{"GET", "/api/v1/chains/gaps", api_chain_gaps, "critical gaps (卡脖子缺口) across the programme"},
	{"GET", "/api/v1/chains/{industry}", api_chain, "one chain map: nodes with coverage, status, concentration"},
	{"GET", "/api/v1/chains/{industry}/nodes/{node}", api_chain_node, "one node: its enterprises and candidates"},
	{"GET", "/api/v1/chains/{industry}/suggestions", api_chain_suggestions, "candidates for weak and missing nodes, ranked"},
	{"POST", "/api/v1/chains/{industry}/leads", api_chain_add_leads, "add candidates to the leads list (产业链招商)"},
	{"GET", "/api/v1/report", api_report, "the semi-annual report as HTML, PDF, XLSX or JSON"},
	{"GET", "/*", static_file, "the dashboard (embedded files)"},
	{NULL, NULL, NULL, NULL},
};

/*
 * Match `path` against `pattern`; on success fill params. "{x}" matches one segment; a final "*"
 * matches the rest of any path outside /api/ (the dashboard's files).
 */
static bool match(const char *pattern, const char *path, struct http_req *req)
{
	size_t n = 0;
	if (strcmp(pattern, "/*") == 0) {
		req->n_params = 0;
		return path[0] == '/' && strncmp(path, "/api/", 5) != 0;
	}
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(pattern, '}');
			size_t seg = strcspn(path, "/");
			if (end == NULL || seg == 0 || n == HTTP_MAX_PATH_PARAMS)
				return false;
			req->params[n++] = path; /* the handler reads up to the next '/' or end */
			pattern = end + 1;
			path += seg;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	if (*pattern || *path)
		return false;
	req->n_params = n;
	return true;
}

http_handler router_match(struct http_req *req, unsigned *status, char allow[ROUTER_ALLOW_SIZE])
{
	const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
	size_t len = 0;
	allow[0] = '\0';
	for (const struct http_route *r = http_routes; r->pattern; r++) {
		struct http_req probe = *req;
		if (!match(r->pattern, req->path, &probe))
			continue;
		/* The first route to match the path decides which pattern wins: /lists/x/export is
		 * the export route, not record "export". */
		if (allow[0] == '\0' || strstr(allow, r->method) == NULL) {
			const char *m = strcmp(r->method, "GET") == 0 ? "GET, HEAD" : r->method;
			len += (size_t)snprintf(allow + len, ROUTER_ALLOW_SIZE - len, "%s%s", len ? ", " : "", m);
		}
		if (strcmp(r->method, method) == 0) {
			*req = probe;
			return r->handler;
		}
	}
	*status = allow[0] ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND;
	return NULL;
}

bool http_param(const struct http_req *req, size_t i, char *out, size_t size)
{
	if (i >= req->n_params)
		return false;
	size_t n = strcspn(req->params[i], "/");
	if (n == 0 || n >= size)
		return false;
	memcpy(out, req->params[i], n);
	out[n] = '\0';
	return true;
}
