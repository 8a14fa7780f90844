/*
 * api_auth.c - signing in and out, the gate every API request passes (who sent it; writes need
 * someone signed in and, with a session cookie, the CSRF token), the current principal and its
 * permissions for the dashboard, the review queue and the audit trail.
 *
 * Sessions: POST /api/v1/login answers a random token in an HttpOnly, SameSite=Strict cookie
 * (jiqun_session, 8 hours) and the session's CSRF token in the body; only the token's sha256 is
 * stored. Scripts send an API token (`jiqun user token NAME`) as "Authorization: Bearer ...";
 * those requests need no CSRF token (a browser never adds that header by itself).
 *
 * Throttling: after LOGIN_MAX_USER failed logins for one account name (known or not) or
 * LOGIN_MAX_ADDR from one address within LOGIN_WINDOW seconds, logins are refused with 429 and
 * Retry-After until the oldest failure leaves the window. Unknown accounts, disabled accounts
 * and wrong passwords get the same answer after the same work (a dummy hash is checked).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "change/change.h"
#include "http/http_int.h"

#define SESSION_SECONDS (8LL * 3600)
#define LOGIN_WINDOW (15LL * 60)
#define LOGIN_MAX_USER 5
#define LOGIN_MAX_ADDR 10
#define COOKIE_NAME "jiqun_session"

static void principal_of(const struct store_user *u, enum auth_via via, struct principal *p)
{
	(void)auth_principal_init(p, u->role, via, u->id, u->name, u->district, u->industries);
}

/* Whether `t` looks like one of our tokens (64 hex digits). */
static bool token_shaped(const char *t)
{
	if (t == NULL || strlen(t) != AUTH_TOKEN_LEN)
		return false;
	for (const char *c = t; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
			return false;
	return true;
}

/* Identify the sender: ERR_UNAUTHENTICATED for a bearer token we do not know. */
static enum err_code identify(struct http_req *req, struct err *e)
{
	memset(&req->who, 0, sizeof req->who);
	req->session[0] = '\0';
	const char *authz = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Authorization");
	const char *cookie = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, COOKIE_NAME);
	bool bearer = authz && strncasecmp(authz, "Bearer ", 7) == 0;
	if (!bearer && !token_shaped(cookie))
		return ERR_OK;
	const char *token = bearer ? authz + 7 : cookie;
	while (bearer && *token == ' ')
		token++;
	if (bearer && !token_shaped(token))
		return err_set(e, ERR_UNAUTHENTICATED, "API 令牌无效 (invalid API token)");
	struct store *s = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	char hash[65];
	struct store_user u;
	bool found = false;
	auth_token_hash(token, hash);
	rc = store_user_by_token(s, !bearer, hash, (long long)time(NULL), &u, &found, e);
	if (rc != ERR_OK)
		return rc;
	if (!found)
		return bearer ? err_set(e, ERR_UNAUTHENTICATED, "API 令牌无效或已停用 (invalid or revoked API token)")
		              : ERR_OK; /* an expired session: nobody, as without a cookie */
	principal_of(&u, bearer ? AUTH_TOKEN : AUTH_SESSION, &req->who);
	if (!bearer)
		(void)snprintf(req->session, sizeof req->session, "%s", token);
	return ERR_OK;
}

bool http_gate(struct http_req *req, http_handler h, struct http_resp *resp)
{
	struct err e = {0};
	if (strncmp(req->path, "/api/", 5) != 0)
		return true;
	if (identify(req, &e) != ERR_OK) {
		respond_error(resp, &e);
		return false;
	}
	bool write = strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0;
	if (!write && req->ctx->private_reads && req->who.role == ROLE_NONE && h != api_me) {
		(void)err_set(&e, ERR_UNAUTHENTICATED,
		              "请先登录 (this server was started with --private: reading needs an account)");
		respond_error(resp, &e);
		return false;
	}
	if (!write || h == api_login)
		return true;
	if (req->who.role == ROLE_NONE) {
		(void)err_set(&e, ERR_UNAUTHENTICATED,
		              "请先登录 (sign in first: writes need a session or an API token)");
		respond_error(resp, &e);
		return false;
	}
	if (req->who.via == AUTH_SESSION) {
		const char *sent = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		char want[65];
		auth_csrf(req->session, want);
		if (sent == NULL || !auth_equal(sent, want)) {
			respond_status(resp, MHD_HTTP_FORBIDDEN, "csrf",
			               "缺少或错误的 CSRF 令牌，请刷新页面后重试 (missing or wrong X-CSRF-Token)");
			return false;
		}
	}
	return true;
}

/* A JSON object body, or ERR_INVALID. */
static enum err_code body_object(const struct http_req *req, json_t **out, struct err *e)
{
	json_error_t jerr;
	*out = NULL;
	if (req->body == NULL || req->body_len == 0)
		return err_set(e, ERR_INVALID, "a JSON object is required");
	json_t *o = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		return err_set(e, ERR_INVALID, "the body must be a JSON object (%s)", o ? "not an object" : jerr.text);
	}
	*out = o;
	return ERR_OK;
}

/* A string member of `o` of at most `max` bytes; NULL when absent. */
static enum err_code member(json_t *o, const char *key, size_t max, bool required,
                            const char **out, struct err *e)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return err_set(e, ERR_INVALID, "%s is required", key);
		return ERR_OK;
	}
	if (!json_is_string(v) || json_string_length(v) > max)
		return err_set(e, ERR_INVALID, "%s must be a string of at most %zu bytes", key, max);
	*out = json_string_value(v);
	return ERR_OK;
}

static void client_addr(const struct http_req *req, char out[INET6_ADDRSTRLEN])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	(void)snprintf(out, INET6_ADDRSTRLEN, "unknown");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		(void)inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
		                out, INET6_ADDRSTRLEN);
	else if (ci->client_addr->sa_family == AF_INET6)
		(void)inet_ntop(AF_INET6,
		                &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
		                INET6_ADDRSTRLEN);
}

static json_t *industries_json(const char *set)
{
	json_t *a = json_array();
	for (const char *p = set; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n)
			json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

/* The principal and what it may do, for the dashboard. */
static json_t *me_json(const struct http_req *req, const struct principal *p, const char *session)
{
	if (p->role == ROLE_NONE)
		return json_pack("{s:b, s:n}", "authenticated", 0, "user");
	json_t *lists = json_object();
	for (size_t i = 0; lists_all[i]; i++) {
		const struct list_def *l = lists_all[i];
		bool w = authz_may(p, AUTHZ_CREATE, l);
		json_object_set_new(lists, l->name,
		                    json_pack("{s:b, s:b, s:b}", "create", w, "update", w, "delete", w));
	}
	const struct district *d = p->district[0] ? programme_district(req->ctx->programme, p->district) : NULL;
	json_t *o = json_pack(
		"{s:b, s:{s:s, s:s, s:s, s:s?, s:s?, s:o}, s:s, s:{s:o, s:b, s:b, s:b, s:b}}",
		"authenticated", 1, "user", "name", p->name, "role", auth_role_name(p->role), "role_zh",
		auth_role_zh(p->role), "district", p->district[0] ? p->district : NULL, "district_zh",
		d ? d->name_zh : NULL, "industries", industries_json(p->industries), "via",
		auth_via_name(p->via), "permissions", "lists", lists, "review",
		authz_may(p, AUTHZ_DECIDE, NULL), "audit", authz_may(p, AUTHZ_READ_AUDIT, NULL),
		"import_indicators", authz_may(p, AUTHZ_IMPORT_INDICATORS, NULL), "admin",
		authz_may(p, AUTHZ_ADMIN, NULL));
	if (session && session[0]) {
		char csrf[65];
		auth_csrf(session, csrf);
		json_object_set_new(o, "csrf", json_string(csrf));
	}
	return o;
}

enum err_code api_login(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	json_t *o = NULL;
	const char *name = NULL, *password = NULL;
	struct store *s = NULL;
	enum err_code rc = body_object(req, &o, e);
	if (rc == ERR_OK)
		rc = member(o, "name", 256, true, &name, e);
	if (rc == ERR_OK)
		rc = member(o, "password", AUTH_PASSWORD_MAX, true, &password, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK) {
		json_decref(o);
		return rc;
	}
	char addr[INET6_ADDRSTRLEN];
	client_addr(req, addr);
	long long now = (long long)time(NULL), since = now - LOGIN_WINDOW;
	long n_user = 0, n_addr = 0;
	long long old_user = 0, old_addr = 0;
	rc = store_login_failures(s, "user", name, since, &n_user, &old_user, e);
	if (rc == ERR_OK)
		rc = store_login_failures(s, "addr", addr, since, &n_addr, &old_addr, e);
	if (rc == ERR_OK && (n_user >= LOGIN_MAX_USER || n_addr >= LOGIN_MAX_ADDR)) {
		long long until = 0;
		if (n_user >= LOGIN_MAX_USER)
			until = old_user + LOGIN_WINDOW;
		if (n_addr >= LOGIN_MAX_ADDR && old_addr + LOGIN_WINDOW > until)
			until = old_addr + LOGIN_WINDOW;
		resp->retry_after = until > now ? (unsigned)(until - now) : 1;
		rc = err_set(e, ERR_THROTTLED,
		             "登录失败次数过多，请 %u 分钟后再试 (too many failed logins: try again in %u s)",
		             (resp->retry_after + 59) / 60, resp->retry_after);
	}
	struct store_user u = {0};
	char hash[AUTH_HASH_SIZE] = "";
	bool known = false;
	if (rc == ERR_OK) {
		enum err_code g = store_user_get(s, name, &u, hash, sizeof hash, e);
		known = g == ERR_OK && !u.disabled;
		if (g != ERR_OK && g != ERR_NOT_FOUND)
			rc = g;
		e->code = ERR_OK;
	}
	bool ok = false;
	if (rc == ERR_OK) {
		/* Unknown and disabled accounts check a dummy hash: the same work, the same answer. */
		ok = auth_password_verify(known ? hash : NULL, password) && known;
		if (!ok) {
			rc = store_login_failure_add(s, "user", name, now, e);
			if (rc == ERR_OK)
				rc = store_login_failure_add(s, "addr", addr, now, e);
			if (rc == ERR_OK)
				rc = err_set(e, ERR_UNAUTHENTICATED, "用户名或密码错误 (wrong name or password)");
		}
	}
	char token[AUTH_TOKEN_LEN + 1], token_hash[65];
	if (rc == ERR_OK) {
		auth_token_new(token);
		auth_token_hash(token, token_hash);
		rc = store_login_failures_clear(s, "user", name, since, e);
	}
	if (rc == ERR_OK)
		rc = store_session_add(s, u.id, token_hash, now + SESSION_SECONDS, e);
	json_decref(o);
	if (rc != ERR_OK)
		return rc;
	struct principal p;
	principal_of(&u, AUTH_SESSION, &p);
	(void)snprintf(resp->set_cookie, sizeof resp->set_cookie,
	               COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld", token,
	               SESSION_SECONDS);
	return respond_json(resp, me_json(req, &p, token), e);
}

enum err_code api_logout(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct store *s = NULL;
	enum err_code rc = ERR_OK;
	if (req->session[0]) {
		char hash[65];
		auth_token_hash(req->session, hash);
		rc = http_store(req, &s, e);
		if (rc == ERR_OK)
			rc = store_session_delete(s, hash, e);
	}
	if (rc != ERR_OK)
		return rc;
	(void)snprintf(resp->set_cookie, sizeof resp->set_cookie,
	               COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return respond_json(resp, json_pack("{s:b}", "logged_out", 1), e);
}

enum err_code api_me(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	enum err_code rc = respond_json(resp, me_json(req, &req->who, req->session), e);
	resp->cache = "no-store";
	return rc;
}

/* The JSON of a stored JSON text (null when NULL or unreadable). */
static json_t *parsed(const char *s)
{
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;
	return v ? v : json_null();
}

static int pending_item(void *ctx, const struct store_pending *p)
{
	json_array_append_new(
		ctx, json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "id",
		               (json_int_t)p->id, "list", p->list, "action", p->action, "record_id",
		               (json_int_t)p->record_id, "record_key", p->record_key ? p->record_key : "",
		               "before", parsed(p->before), "after", parsed(p->after), "submitted_by",
		               p->submitted_by, "submitted_at", p->submitted_at, "status", p->status,
		               "decided_by", p->decided_by, "decided_at", p->decided_at, "comment",
		               p->comment));
	return 0;
}

enum err_code api_review_list(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *status = http_query(req, "status");
	struct store *s = NULL;
	if (req->who.role == ROLE_NONE)
		return err_set(e, ERR_UNAUTHENTICATED, "请先登录 (sign in to see the review queue)");
	if (status == NULL)
		status = "pending";
	if (strcmp(status, "pending") != 0 && strcmp(status, "approved") != 0 &&
	    strcmp(status, "rejected") != 0 && strcmp(status, "all") != 0)
		return err_set(e, ERR_INVALID, "status must be pending, approved, rejected or all");
	enum err_code rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	/* City admins see every change; others their own submissions. */
	bool all = authz_may(&req->who, AUTHZ_DECIDE, NULL);
	json_t *items = json_array(), *settings = json_object();
	rc = store_pending_scan(s, 0, strcmp(status, "all") == 0 ? NULL : status,
	                        all ? NULL : req->who.name, pending_item, items, e);
	for (size_t i = 0; rc == ERR_OK && lists_all[i]; i++) {
		bool on = false;
		rc = store_review_required(s, lists_all[i]->name, &on, e);
		json_object_set_new(settings, lists_all[i]->name, json_boolean(on));
	}
	if (rc != ERR_OK) {
		json_decref(items);
		json_decref(settings);
		return rc;
	}
	rc = respond_json(resp, json_pack("{s:o, s:o, s:b}", "items", items, "review_required",
	                                  settings, "can_decide", all),
	                  e);
	resp->cache = "no-store"; /* it depends on who asks */
	return rc;
}

static enum err_code decide(const struct http_req *req, struct http_resp *resp, bool approve,
                            struct err *e)
{
	char sid[24], *end;
	struct store *s = NULL;
	json_t *o = NULL;
	const char *comment = NULL;
	long long id = 0;
	if (http_param(req, 0, sid, sizeof sid)) {
		id = strtoll(sid, &end, 10);
		if (*end != '\0')
			id = 0;
	}
	if (id <= 0)
		return err_set(e, ERR_NOT_FOUND, "no such change");
	enum err_code rc = ERR_OK;
	if (req->body && req->body_len) {
		rc = body_object(req, &o, e);
		if (rc == ERR_OK)
			rc = member(o, "comment", 2000, false, &comment, e);
	}
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	struct change_result res;
	if (rc == ERR_OK)
		rc = change_decide(s, req->ctx->lists, &req->who, id, approve, comment, &res, e);
	if (rc == ERR_OK)
		rc = respond_json(resp, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "status",
		                                  approve ? "approved" : "rejected", "record_id",
		                                  (json_int_t)res.id),
		                  e);
	json_decref(o);
	return rc;
}

enum err_code api_review_approve(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return decide(req, resp, true, e);
}

enum err_code api_review_reject(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return decide(req, resp, false, e);
}

static int audit_item(void *ctx, const struct store_audit *a)
{
	json_array_append_new(
		ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s?, s:o, s:o, s:s?}", "id",
		               (json_int_t)a->id, "at", a->at, "user", a->user, "role", a->role, "via",
		               a->via, "action", a->action, "list", a->list, "record_id",
		               (json_int_t)a->record_id, "record_key", a->record_key, "before",
		               parsed(a->before), "after", parsed(a->after), "comment", a->comment));
	return 0;
}

/* The audit trail as a CSV or XLSX download. */
static enum err_code audit_download(const struct http_req *req, struct http_resp *resp,
                                    struct store *s, const struct store_audit_filter *f,
                                    enum exchange_format fmt, struct err *e)
{
	char path[RESPOND_TMP_PATH];
	long rows = 0;
	(void)req;
	enum err_code rc = respond_tmp(path, e);
	if (rc == ERR_OK)
		rc = change_audit_export(s, f, fmt, path, &rows, e);
	rc = respond_file_body(resp, path, rc,
	                       fmt == FORMAT_XLSX ? XLSX_TYPE : "text/csv; charset=utf-8", e);
	if (rc != ERR_OK)
		return rc;
	(void)snprintf(resp->disposition, sizeof resp->disposition, "attachment; filename=\"audit.%s\"",
	               fmt == FORMAT_XLSX ? "xlsx" : "csv");
	return ERR_OK;
}

static enum err_code query_num(const struct http_req *req, const char *key, long def, long max,
                               long *out, struct err *e)
{
	const char *v = http_query(req, key);
	char *end;
	*out = def;
	if (v == NULL)
		return ERR_OK;
	long n = strtol(v, &end, 10);
	if (!v[0] || *end || n < 0 || n > max)
		return err_set(e, ERR_INVALID, "query parameter %s must be an integer from 0 to %ld", key, max);
	*out = n;
	return ERR_OK;
}

enum err_code api_audit(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	char why[256];
	enum authz_decision d = authz_check(&req->who, AUTHZ_READ_AUDIT, NULL, NULL, NULL, why, sizeof why);
	if (d != AUTHZ_ALLOW)
		return err_set(e, d == AUTHZ_LOGIN ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN, "%s", why);
	struct store_audit_filter f = {.user = http_query(req, "user"), .list = http_query(req, "list"),
	                               .since = http_query(req, "since")};
	const char *format = http_query(req, "format");
	struct store *s = NULL;
	if (f.user && !f.user[0])
		f.user = NULL;
	if (f.list && !f.list[0])
		f.list = NULL;
	if (f.since && !f.since[0])
		f.since = NULL;
	enum err_code rc = query_num(req, "limit", 100, 1000, &f.limit, e);
	if (rc == ERR_OK)
		rc = query_num(req, "offset", 0, 1000000000L, &f.offset, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	if (format && (strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0)) {
		f.limit = -1;
		f.offset = 0;
		return audit_download(req, resp, s, &f, format[0] == 'x' ? FORMAT_XLSX : FORMAT_CSV, e);
	}
	if (format && strcmp(format, "json") != 0)
		return err_set(e, ERR_INVALID, "format must be json, csv or xlsx");
	json_t *items = json_array();
	long total = 0;
	rc = store_audit_query(s, &f, audit_item, items, &total, e);
	if (rc != ERR_OK) {
		json_decref(items);
		return rc;
	}
	rc = respond_json(resp, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
	                                  "limit", (json_int_t)f.limit, "offset", (json_int_t)f.offset),
	                  e);
	resp->cache = "no-store";
	return rc;
}
