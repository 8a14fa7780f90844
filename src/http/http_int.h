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
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "auth/auth.h"
#include "auth/secret.h"
#include "base/err.h"
#include "lists/lists.h"
#include "model/programme.h"
#include "store/store.h"

/* Limits on what a client may send. */
#define HTTP_MAX_URL 2048           /* longer request targets (path and query) get 414 */
#define HTTP_CONN_MEMORY (32 * 1024) /* per-connection buffer: request line + headers (431 beyond) */
#define HTTP_MAX_BODY ((size_t)1 << 20) /* request bodies beyond this (1 MiB) get 413 */
#define HTTP_MAX_PATH_PARAMS 2
#define HTTP_MAX_CONNECTIONS 1000u  /* open connections in all; beyond, new ones are closed */
#define HTTP_MAX_PER_IP 256u        /* open connections from one address */
#define HTTP_TIMEOUT_SECONDS 30u    /* an idle or stalled connection is closed after this */

/*
 * A JSON body made once and kept for the life of the server, with its ETags and gzip form, for
 * endpoints whose answer cannot change while serving (the programme). Owned by the server.
 */
struct http_cached {
	pthread_mutex_t lock;
	atomic_bool ready;
	char *body, *gz; /* gz is NULL when compression failed */
	size_t len, gz_len;
	char etag[32], etag_gz[32];
	/* The finished 200 responses, headers and all, queued again and again (libmicrohttpd
	 * counts references); made by the first respond_finish of each representation. */
	_Atomic(struct MHD_Response *) plain_response, gz_response;
};

struct http_ctx {
	const struct programme *programme;
	const struct list_ctx *lists; /* what parsing list records needs */
	const char *db_path;
	struct http_cached *programme_json; /* GET /api/v1/programme, made on first request */
	bool private_reads; /* reads need a principal too (api_auth.c's gate) */
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
	/* Who sent it (api_auth.c's gate fills it for /api/ requests; nobody when no credentials)
	 * and, when a session cookie identified them, the session's token. */
	struct principal who;
	char session[AUTH_TOKEN_LEN + 1];
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
	struct http_cached *cached; /* set by respond_cached: the 200 response can be reused */
	bool shared;        /* set by respond_finish: the response is the cache's, do not destroy it */
	char set_cookie[192]; /* a Set-Cookie header (login, logout), "" for none */
	unsigned retry_after; /* Retry-After seconds (429), 0 for none */
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

/*
 * A list record from a JSON body (api_lists.c): the field rules and the list's checks, not the
 * checks against stored data. ERR_INVALID (with a Chinese message) when the body is not a JSON
 * object or names an unknown field; else ERR_OK with every bad value in `is`. The caller frees
 * `rec` (initialised whenever the object was read) and `is`.
 */
enum err_code api_record_parse(const struct list_ctx *lists, const struct list_def *l,
                               const char *body, size_t len, struct record *rec,
                               struct issues *is, struct err *e);

/*
 * Answer from `c`, making it first (once, whichever thread comes first) from `make(req)`, new
 * JSON whose reference it steals. The response points into `c`: no copy, no compression per
 * request.
 */
enum err_code respond_cached(struct http_cached *c, json_t *(*make)(const struct http_req *req),
                             const struct http_req *req, struct http_resp *resp, struct err *e);
struct http_cached *respond_cached_new(void);
void respond_cached_free(struct http_cached *c);

/* Set resp to `v` serialised as compact JSON (steals the reference). */
enum err_code respond_json(struct http_resp *resp, json_t *v, struct err *e);
/*
 * Downloads whose writer writes a file (exports, the report, briefs): respond_tmp makes an empty
 * temporary file and puts its name in `path` (RESPOND_TMP_PATH bytes). respond_file_body then
 * takes the writer's result `rc`: on success the file's bytes become the 200 body of content
 * type `type` (the caller sets the Content-Disposition); either way the file is removed.
 */
#define RESPOND_TMP_PATH 32
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
enum err_code respond_tmp(char path[RESPOND_TMP_PATH], struct err *e);
enum err_code respond_file_body(struct http_resp *resp, const char *path, enum err_code rc,
                                const char *type, struct err *e);
/* Set resp to the error body {"error":{"code","message"}} with the status for e->code. */
void respond_error(struct http_resp *resp, const struct err *e);
/* A response with an explicit status and error code name (for 404/405/414 from the router). */
void respond_status(struct http_resp *resp, unsigned status, const char *code, const char *message);
/* The strong ETag of a body ("\"<16 hex>\"", or "\"<16 hex>-gz\"" for its gzip form). */
void respond_etag(const char *body, size_t len, bool gz, char out[32]);
/* gzip `in` into a new malloc'd buffer; NULL when compression fails. */
char *respond_gzip(const char *in, size_t len, size_t *out_len /* OUT */);
/*
 * Turn resp into a libmicrohttpd response for `req`: ETag / If-None-Match, gzip, headers. The
 * caller destroys it after queueing unless resp->shared is set (then it belongs to resp->cached).
 */
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
/* api_chains.c: industry chain maps (issue 7) */
enum err_code api_chains(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_chain_gaps(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_chain(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_chain_node(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_chain_suggestions(const struct http_req *req, struct http_resp *resp,
                                    struct err *e);
enum err_code api_chain_add_leads(const struct http_req *req, struct http_resp *resp,
                                  struct err *e);

/* GET /api/v1/report: the semi-annual report (api_report.c). */
enum err_code api_report(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code static_file(const struct http_req *req, struct http_resp *resp, struct err *e);
/* api_auth.c (issue 6): sessions, the current principal, the review queue, the audit trail. */
enum err_code api_login(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_logout(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_me(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_review_list(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_review_approve(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_review_reject(const struct http_req *req, struct http_resp *resp, struct err *e);
enum err_code api_audit(const struct http_req *req, struct http_resp *resp, struct err *e);
/*
 * The one gate every request passes before its handler (server.c): for /api/ it identifies the
 * sender (a bearer token, else a session cookie) into req->who; with private_reads, reads other
 * than /api/v1/me need someone signed in (401); a write (any method but GET and
 * HEAD, except POST /api/v1/login) needs someone signed in (401) and, when a session cookie
 * identified them, an X-CSRF-Token header matching the session's (403). False when the request
 * is answered here (resp is then filled). What the principal may change is authz_check's
 * decision, which each write handler asks (through change_apply).
 */
bool http_gate(struct http_req *req, http_handler h, struct http_resp *resp);

#endif
