/*
 * router.c - the route table and matching. One table lists every endpoint; docs/openapi.yaml
 * describes the same routes (tests/integration checks that every route here is documented).
 */
#include <string.h>

#include "http/http_int.h"

const struct http_route http_routes[] = {
	{"GET", "/healthz", api_healthz, "liveness and version"},
	{"GET", "/api/v1/programme", api_programme, "the programme: targets, tiers, principles, safeguards"},
	{"GET", "/api/v1/industries", api_industries, "clusters and future industries, filtered"},
	{"GET", "/api/v1/industries/{id}", api_industry, "one industry"},
	{"GET", "/api/v1/districts", api_districts, "districts with the industries assigned to them"},
	{"GET", "/api/v1/districts/{code}", api_district, "one district by code or id"},
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

http_handler router_match(struct http_req *req, unsigned *status, const char **allow)
{
	bool path_found = false;
	bool is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
	for (const struct http_route *r = http_routes; r->pattern; r++) {
		if (!match(r->pattern, req->path, req))
			continue;
		if (is_get && strcmp(r->method, "GET") == 0)
			return r->handler;
		path_found = true;
	}
	*status = path_found ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND;
	*allow = path_found ? "GET, HEAD" : NULL;
	return NULL;
}
