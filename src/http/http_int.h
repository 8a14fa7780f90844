/*
 * http_int.h - what the parts of http/ share: the request and response of one exchange, the route
 * table and the response helpers. Not for use outside src/http/.
 *
 * Ownership: a response body is either static (an embedded file) or malloc'd and held in `owned`
 * until server.c hands it to libmicrohttpd or frees it.
 */
#ifndef JIQUN_HTTP_HTTP_INT_H
#define JIQUN_HTTP_HTTP_INT_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "lists/lists.h"
#include "model/programme.h"
#include "store/store.h"

/* Limits on what a client may send. */
#define HTTP_MAX_URL 2048           /* longer request targets (path and query) get 414 */
#define HTTP_CONN_MEMORY (32 * 1024) /* per-connection buffer: request line + headers (431 beyond) */
#define HTTP_MAX_BODY ((size_t)1 << 20) /* request bodies beyond this (1 MiB) get 413 */
#define HTTP_MAX_PATH_PARAMS 2

struct http_ctx {
	const struct programme *programme;
	const struct list_ctx *lists; /* what parsing list records needs */
	const char *db_path;
};

struct http_req {
	struct MHD_Connection *conn;
	const char *method; /* "GET", "HEAD", ... */
	const char *path;   /* URL path without the query */
	const char *params[HTTP_MAX_PATH_PARAMS]; /* {name} segments of the matched route */
	size_t n_params;
	const struct http_ctx *ctx;
	const char *body;   /* request body (NUL-terminated), NULL when there is none */
	size_t body_len;
};

struct http_resp {
	unsigned status;
	const char *content_type;
	const char *body;
	size_t len;
	char *owned;        /* == body when the body is malloc'd, else NULL */
	const char *allow;  /* Allow header for 405 */
	char disposition[128]; /* Content-Disposition for downloads, "" for none */
	/* Optional, for bodies that never change (embedded files): precomputed validators and a
	 * gzip representation, all static. respond_finish computes what is missing. */
	const char *etag, *etag_gz;
	const char *gz_body;
	size_t gz_len;
	const char *cache;  /* Cache-Control value, NULL for "no-cache" */
};

typedef enum err_code (*http_handler)(const struct http_req *req, struct http_resp *resp,
                                      struct err *e);

struct http_route {
	const char *method;  /* "GET" (HEAD is served by GET routes too) */
	const char *pattern; /* "/api/v1/industries/{id}"; {name} matches one non-empty segment */
	http_handler handler;
	const char *summary; /* for docs: what the route returns */
};

/* The API and static routes, in match order; router.c. */
extern const struct http_route http_routes[];

/*
 * Route `req` (method and path set): fills req->params and returns the handler, or NULL with
 * *status set to 404 (no route matches the path) or 405 (`allow` then lists the methods that
 * would, for the Allow header).
 */
#define ROUTER_ALLOW_SIZE 64
http_handler router_match(struct http_req *req, unsigned *status, char allow[ROUTER_ALLOW_SIZE]);

/* Path parameter `i` (one segment) copied into out; false when absent or longer than size-1. */
bool http_param(const struct http_req *req, size_t i, char *out, size_t size);

/*
 * This worker thread's connection to the database, opened on first use and closed when the
 * thread ends (a struct store serves one thread at a time).
 */
enum err_code http_store(const struct http_req *req, struct store **out, struct err *e);

/*
 * The `industry` (id or Chinese name) and `district` (name, id or code) query parameters as ids
 * in q->industry and q->district (left NULL when absent); ERR_INVALID for unknown ones.
 */
enum err_code http_filter_ids(const struct http_req *req, struct list_query *q, struct err *e);

/* A query-string value, or NULL. */
const char *http_query(const struct http_req *req, const char *key);

/* Set resp to `v` serialised as compact JSON (steals the reference). */
enum err_code respond_json(struct http_resp *resp, json_t *v, struct err *e);
/* Set resp to the error body {"error":{"code","message"}} with the status for e->code. */
void respond_error(struct http_resp *resp, const struct err *e);
/* A response with an explicit status and error code name (for 404/405/414 from the router). */
void respond_status(struct http_resp *resp, unsigned status, const char *code, const char *message);
/* The strong ETag of a body ("\"<16 hex>\"", or "\"<16 hex>-gz\"" for its gzip form). */
void respond_etag(const char *body, size_t len, bool gz, char out[32]);
/* gzip `in` into a new malloc'd buffer; NULL when compression fails. */
char *respond_gzip(const char *in, size_t len, size_t *out_len /* OUT */);
/* Turn resp into a libmicrohttpd response for `req`: ETag / If-None-Match, gzip, headers. */
struct MHD_Response *respond_finish(const struct http_req *req, struct http_resp *resp,
                                    unsigned *status /* OUT */);

/* Handlers: api_programme.c, static.c. */
enum err_code api_healthz(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_programme(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_industries(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_industry(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_districts(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_district(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_lists(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_query(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_create(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_export(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_template(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_get(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_update(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_list_delete(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_completeness(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_cultivation(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_project_progress(const struct http_req *req, struct http_resp *resp,
                                   struct err *e);
/* api_monitor.c: statistical figures (issue 4). */
enum err_code api_stats(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_stats_periods(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_stats_series(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_stats_targets(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_stats_crosswalk(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_plans(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_crosswalk(const struct http_req *req, struct http_resp *resp, struct err *e);
/* api_map.c */
enum err_code api_map_districts(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_park_totals(const struct http_req *req, struct http_resp *resp, struct err *e);
/* api_commissioner.c */
enum err_code api_commissioner(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_commissioner_brief(const struct http_req *req, struct http_resp *resp,
                                     struct err *e);
/* GET /api/v1/report: the semi-annual report (api_report.c). */
enum err_code api_report(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code static_file(const struct http_req *req, struct http_resp *resp, struct err *e);

#endif
