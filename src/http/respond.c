/*
 * respond.c - building responses: JSON bodies, the one mapping from error codes to HTTP statuses,
 * and the finishing touches every response gets (ETag and If-None-Match, gzip when the client
 * accepts it, content type, security headers).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#define ZLIB_CONST
#include <utf8proc.h>
#include <zlib.h>

#include "base/jsonfmt.h"
#include "base/buf.h"

#include "base/mem.h"
#include "http/http_int.h"

/* Bodies smaller than this are sent as they are: gzip would not pay for its header. */
#define GZIP_MIN 512

enum err_code respond_json(struct http_resp *resp, json_t *v, struct err *e)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_SHOWN_PRECISION) : NULL;
	json_decref(v);
	if (s == NULL)
		return err_set(e, ERR_NOMEM, "cannot serialise the response");
	resp->status = MHD_HTTP_OK;
	resp->content_type = "application/json; charset=utf-8";
	resp->body = resp->owned = s;
	resp->len = strlen(s);
	return ERR_OK;
}

/*
 * A copy of `s` that is valid UTF-8: messages quote request parts, which may be cut mid-character
 * or not be UTF-8 at all, and JSON must never carry invalid UTF-8. Bad bytes become U+FFFD.
 */
static char *utf8_clean(const char *s)
{
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	size_t len = strlen(s), i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n > 0) {
			(void)buf_append(&b, s + i, (size_t)n);
			i += (size_t)n;
		} else {
			(void)buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	return buf_take(&b);
}

void respond_status(struct http_resp *resp, unsigned status, const char *code, const char *message)
{
	char *clean = utf8_clean(message);
	json_t *v = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", clean);
	free(clean);
	free(resp->owned);
	resp->body = resp->owned = NULL;
	if (respond_json(resp, v, NULL) != ERR_OK) {
		resp->body = "{\"error\":{\"code\":\"internal\",\"message\":\"cannot describe the error\"}}";
		resp->len = strlen(resp->body);
		resp->content_type = "application/json; charset=utf-8";
	}
	resp->status = status;
}

void respond_error(struct http_resp *resp, const struct err *e)
{
	unsigned status;
	switch (e->code) {
	case ERR_NOT_FOUND: status = MHD_HTTP_NOT_FOUND; break;
	case ERR_INVALID:
	case ERR_USAGE:
	case ERR_REJECTED: status = MHD_HTTP_BAD_REQUEST; break;
	case ERR_BUSY: status = MHD_HTTP_SERVICE_UNAVAILABLE; break;
	case ERR_UNAUTHENTICATED: status = MHD_HTTP_UNAUTHORIZED; break;
	case ERR_FORBIDDEN: status = MHD_HTTP_FORBIDDEN; break;
	case ERR_THROTTLED: status = MHD_HTTP_TOO_MANY_REQUESTS; break;
	default: status = MHD_HTTP_INTERNAL_SERVER_ERROR; break;
	}
	respond_status(resp, status, err_code_name(e->code), e->msg[0] ? e->msg : err_code_name(e->code));
}

/* A strong validator for a body: 64-bit FNV-1a, plus "-gz" for the gzip representation. */
void respond_etag(const char *body, size_t len, bool gz, char out[32])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)body[i];
		h *= 0x100000001b3ULL;
	}
	(void)snprintf(out, 32, "\"%016llx%s\"", (unsigned long long)h, gz ? "-gz" : "");
}

/* Whether an If-None-Match header lists `etag` (or is "*"). */
static bool etag_listed(const char *inm, const char *etag)
{
	if (inm == NULL)
		return false;
	if (strcmp(inm, "*") == 0)
		return true;
	size_t n = strlen(etag);
	for (const char *p = inm; (p = strstr(p, etag)) != NULL; p += n)
		if (p[n] == '\0' || p[n] == ',' || p[n] == ' ')
			return true;
	return false;
}

/* Whether Accept-Encoding allows gzip (present and not "gzip;q=0"). */
static bool accepts_gzip(const char *ae)
{
	if (ae == NULL)
		return false;
	for (const char *p = ae; (p = strcasestr(p, "gzip")) != NULL; p += 4) {
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (*q == ';') {
			const char *v = strcasestr(q, "q=");
			if (v && strtod(v + 2, NULL) == 0.0 && (strchr(q, ',') == NULL || v < strchr(q, ',')))
				return false;
		}
		return true;
	}
	return false;
}

/* gzip `in`; returns a malloc'd buffer or NULL (then the body is sent uncompressed). */
char *respond_gzip(const char *in, size_t len, size_t *out_len)
{
	z_stream z = {0};
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	uLong cap = deflateBound(&z, (uLong)len);
	char *out = malloc(cap);
	if (out == NULL) {
		(void)deflateEnd(&z);
		return NULL;
	}
	z.next_in = (const Bytef *)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	(void)deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return NULL;
	}
	return out;
}

struct http_cached *respond_cached_new(void)
{
	struct http_cached *c = xcalloc(1, sizeof *c);
	(void)pthread_mutex_init(&c->lock, NULL);
	atomic_init(&c->ready, false);
	return c;
}

void respond_cached_free(struct http_cached *c)
{
	if (c == NULL)
		return;
	struct MHD_Response *r = atomic_load(&c->plain_response);
	if (r)
		MHD_destroy_response(r);
	if ((r = atomic_load(&c->gz_response)) != NULL)
		MHD_destroy_response(r);
	free(c->body);
	free(c->gz);
	(void)pthread_mutex_destroy(&c->lock);
	free(c);
}

enum err_code respond_cached(struct http_cached *c, json_t *(*make)(const struct http_req *req),
                             const struct http_req *req, struct http_resp *resp, struct err *e)
{
	if (!atomic_load_explicit(&c->ready, memory_order_acquire)) {
		(void)pthread_mutex_lock(&c->lock);
		if (!atomic_load_explicit(&c->ready, memory_order_relaxed)) {
			json_t *v = make(req);
			c->body = v ? json_dumps(v, JSON_COMPACT | JSON_SHOWN_PRECISION) : NULL;
			json_decref(v);
			if (c->body) {
				c->len = strlen(c->body);
				respond_etag(c->body, c->len, false, c->etag);
				respond_etag(c->body, c->len, true, c->etag_gz);
				c->gz = respond_gzip(c->body, c->len, &c->gz_len);
				atomic_store_explicit(&c->ready, true, memory_order_release);
			}
		}
		(void)pthread_mutex_unlock(&c->lock);
		if (c->body == NULL)
			return err_set(e, ERR_NOMEM, "cannot serialise the response");
	}
	resp->status = MHD_HTTP_OK;
	resp->content_type = "application/json; charset=utf-8";
	resp->body = c->body;
	resp->len = c->len;
	resp->etag = c->etag;
	resp->etag_gz = c->etag_gz;
	resp->gz_body = c->gz;
	resp->gz_len = c->gz_len;
	resp->cached = c;
	return ERR_OK;
}

/*
 * On every response we make (libmicrohttpd's own answers to requests it cannot parse, 400 and
 * 431, carry none; they have no body worth protecting). No inline script or style anywhere: the
 * dashboard is ES modules and stylesheets only (tests/integration/security.test.mjs checks the
 * pages), so the CSP needs no 'unsafe-inline'. X-Frame-Options for browsers that predate
 * frame-ancestors.
 */
static void security_headers(struct MHD_Response *r)
{
	(void)MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	(void)MHD_add_response_header(r, "X-Frame-Options", "DENY");
	(void)MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	(void)MHD_add_response_header(
		r, "Content-Security-Policy",
		"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
		"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
}

struct MHD_Response *respond_finish(const struct http_req *req, struct http_resp *resp,
                                    unsigned *status)
{
	const char *ae = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Accept-Encoding");
	const char *inm = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-None-Match");
	bool ok = resp->status == MHD_HTTP_OK;
	bool gz = ok && resp->len >= GZIP_MIN && accepts_gzip(ae);
	char etag[32];
	if (resp->etag)
		(void)snprintf(etag, sizeof etag, "%s", gz ? resp->etag_gz : resp->etag);
	else
		respond_etag(resp->body, resp->len, gz, etag);

	struct MHD_Response *r;
	*status = resp->status;
	bool not_modified = ok && etag_listed(inm, etag);
	_Atomic(struct MHD_Response *) *slot = NULL;
	if (resp->cached && ok && !not_modified && !resp->allow && !resp->disposition[0] &&
	    !resp->set_cookie[0] && !resp->retry_after) {
		slot = gz ? &resp->cached->gz_response : &resp->cached->plain_response;
		if ((r = atomic_load_explicit(slot, memory_order_acquire)) != NULL) {
			resp->shared = true; /* made by an earlier request: no allocation at all */
			return r;
		}
	}
	if (not_modified) {
		*status = MHD_HTTP_NOT_MODIFIED;
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	} else {
		char *z = NULL;
		size_t zlen = 0;
		if (gz && resp->gz_body == NULL && (z = respond_gzip(resp->body, resp->len, &zlen)) == NULL) {
			gz = false;
			respond_etag(resp->body, resp->len, false, etag);
		}
		if (gz && resp->gz_body) {
			union { const char *c; void *m; } body = {.c = resp->gz_body};
			r = MHD_create_response_from_buffer(resp->gz_len, body.m, MHD_RESPMEM_PERSISTENT);
		} else if (z) {
			r = MHD_create_response_from_buffer(zlen, z, MHD_RESPMEM_MUST_FREE);
		} else if (resp->owned == NULL) {
			/* libmicrohttpd only reads a PERSISTENT buffer; its API just lacks the const. */
			union { const char *c; void *m; } body = {.c = resp->body};
			r = MHD_create_response_from_buffer(resp->len, body.m, MHD_RESPMEM_PERSISTENT);
		} else {
			r = MHD_create_response_from_buffer(resp->len, resp->owned, MHD_RESPMEM_MUST_FREE);
			if (r)
				resp->owned = NULL; /* now libmicrohttpd's */
		}
		if (r && gz)
			(void)MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
		if (r)
			(void)MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	}
	if (r == NULL)
		return NULL;
	if (ok) {
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
		                              resp->cache ? resp->cache : "no-cache");
	}
	(void)MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (resp->allow)
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, resp->allow);
	if (resp->disposition[0])
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, resp->disposition);
	if (resp->set_cookie[0])
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, resp->set_cookie);
	if (resp->retry_after) {
		char ra[16];
		(void)snprintf(ra, sizeof ra, "%u", resp->retry_after);
		(void)MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	security_headers(r);
	struct MHD_Response *none = NULL;
	if (slot && atomic_compare_exchange_strong(slot, &none, r))
		resp->shared = true; /* the first: kept for the requests to come */
	return r;
}

enum err_code respond_tmp(char path[RESPOND_TMP_PATH], struct err *e)
{
	(void)snprintf(path, RESPOND_TMP_PATH, "/tmp/jiqun-download-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) {
		path[0] = '\0';
		return err_set(e, ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	}
	(void)close(fd);
	return ERR_OK;
}

enum err_code respond_file_body(struct http_resp *resp, const char *path, enum err_code rc,
                                const char *type, struct err *e)
{
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	FILE *f = rc == ERR_OK ? fopen(path, "rb") : NULL;
	if (rc == ERR_OK && f == NULL)
		rc = err_set(e, ERR_IO, "cannot read the download back: %s", strerror(errno));
	char chunk[65536];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		(void)buf_append(&b, chunk, n);
	if (f)
		(void)fclose(f);
	if (path[0])
		(void)unlink(path);
	if (rc != ERR_OK) {
		buf_free(&b);
		return rc;
	}
	resp->status = MHD_HTTP_OK;
	resp->content_type = type;
	resp->len = b.len;
	resp->body = resp->owned = buf_take(&b);
	return ERR_OK;
}
