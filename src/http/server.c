/*
 * server.c - libmicrohttpd set-up and the one access handler every request goes through.
 *
 * We create the listening socket ourselves so that "port in use" and "bad address" become clear
 * errors, then hand it to libmicrohttpd running an epoll thread pool. The handler answers on the
 * second callback of a request (answering on the first makes libmicrohttpd close the connection
 * after each response), reads the request body under HTTP_MAX_BODY, routes, runs the handler and
 * converts its error, if any, in respond_error. The limits (http_int.h): body, target and header
 * sizes, connections in all and per address, idle timeout. http_server_start_detached is the same
 * server without socket or threads, for the HTTP fuzz target.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "http/http.h"
#include "http/http_int.h"

struct http_server {
	struct MHD_Daemon *daemon;
	struct http_ctx ctx;
	int port;
};

/*
 * Per-request state, made by the URI log callback (which sees the undecoded target before
 * libmicrohttpd decodes it) and freed when the request completes: what the raw target said, and
 * the request body read so far, under HTTP_MAX_BODY.
 */
enum { RAW_OK, RAW_NUL, RAW_TOO_LONG };

struct request_state {
	int raw;
	bool started;   /* the first access callback has been seen */
	bool too_large; /* the body passed HTTP_MAX_BODY; the rest is discarded */
	struct buf body;
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct request_state *st = calloc(1, sizeof *st);
	if (st == NULL)
		return NULL;
	buf_init(&st->body, HTTP_MAX_BODY);
	if (strlen(uri) > HTTP_MAX_URL)
		st->raw = RAW_TOO_LONG;
	else if (strstr(uri, "%00") != NULL)
		st->raw = RAW_NUL; /* a NUL would cut the decoded path short: refuse it */
	return st;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct request_state *st = *con_cls;
	if (st) {
		buf_free(&st->body);
		free(st);
		*con_cls = NULL;
	}
}

static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *s)
{
	store_close(s);
}

static void make_store_key(void)
{
	(void)pthread_key_create(&store_key, close_thread_store);
}

enum err_code http_store(const struct http_req *req, struct store **out, struct err *e)
{
	(void)pthread_once(&store_key_once, make_store_key);
	struct store *s = pthread_getspecific(store_key);
	if (s == NULL) {
		enum err_code rc = store_open(req->ctx->db_path, STORE_OPEN_EXISTING, &s, e);
		if (rc != ERR_OK)
			return rc;
		(void)pthread_setspecific(store_key, s);
	}
	*out = s;
	return ERR_OK;
}

const char *http_query(const struct http_req *req, const char *key)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, key);
}

static enum MHD_Result queue(struct http_req *req, struct http_resp *resp)
{
	unsigned status;
	struct MHD_Response *r = respond_finish(req, resp, &status);
	free(resp->owned);
	if (r == NULL)
		return MHD_NO;
	enum MHD_Result ret = MHD_queue_response(req->conn, status, r);
	if (!resp->shared)
		MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct request_state *st = *con_cls;
	if (st == NULL)
		return MHD_NO; /* the URI callback could not allocate: drop the connection */
	if (!st->started) { /* first callback: answer on a later one */
		st->started = true;
		return MHD_YES;
	}
	int raw = st->raw;
	if (*upload_size != 0) {
		if (!st->too_large && buf_append(&st->body, upload, *upload_size) != ERR_OK)
			st->too_large = true; /* keep reading to answer 413, but keep nothing */
		*upload_size = 0;
		return MHD_YES;
	}
	struct http_req req = {.conn = conn, .method = method, .path = url, .ctx = cls,
	                       .body = st->body.data, .body_len = st->body.len};
	struct http_resp resp = {0};
	struct err e = {0};
	if (raw == RAW_NUL) {
		respond_status(&resp, MHD_HTTP_BAD_REQUEST, "invalid",
		               "the request path contains an encoded NUL (%00) (请求地址无效)");
		return queue(&req, &resp);
	}
	if (st->too_large) {
		respond_status(&resp, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
		               "request body too large (请求内容过大)");
		return queue(&req, &resp);
	}
	if (raw == RAW_TOO_LONG || strlen(url) > HTTP_MAX_URL) {
		respond_status(&resp, MHD_HTTP_URI_TOO_LONG, "uri_too_long",
		               "request path too long (请求地址过长)");
		return queue(&req, &resp);
	}
	unsigned status;
	char allow[ROUTER_ALLOW_SIZE];
	http_handler h = router_match(&req, &status, allow);
	if (h == NULL) {
		respond_status(&resp, status,
		               status == MHD_HTTP_NOT_FOUND ? "not_found" : "method_not_allowed",
		               status == MHD_HTTP_NOT_FOUND ? "no such endpoint (接口不存在)"
		                                            : "method not allowed (不支持该请求方法)");
		resp.allow = allow;
		return queue(&req, &resp);
	}
	if (!http_gate(&req, h, &resp)) /* who sent it; writes need a principal (api_auth.c) */
		return queue(&req, &resp);
	if (h(&req, &resp, &e) != ERR_OK)
		respond_error(&resp, &e);
	return queue(&req, &resp);
}

/* Parse `addr`:`port` into *ss; false for a malformed address. */
static bool parse_addr(const char *addr, int port, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*len = sizeof *v4;
		return true;
	}
	if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*len = sizeof *v6;
		return true;
	}
	return false;
}

static enum err_code listen_on(const char *addr, int port, int *fd_out, int *port_out, struct err *e)
{
	struct sockaddr_storage ss;
	socklen_t len;
	if (!parse_addr(addr, port, &ss, &len))
		return err_set(e, ERR_INVALID, "--bind: '%s' is not an IPv4 or IPv6 address", addr);
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return err_set(e, ERR_IO, "cannot create a socket: %s", strerror(errno));
	int one = 1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) != 0) {
		int err = errno;
		(void)close(fd);
		if (err == EADDRINUSE)
			return err_set(e, ERR_BUSY,
			               "port %d on %s is already in use (端口已被占用); stop the other "
			               "program or choose another with --port",
			               port, addr);
		return err_set(e, ERR_IO, "cannot listen on %s port %d: %s", addr, port, strerror(err));
	}
	if (listen(fd, 511) != 0 || getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		int err = errno;
		(void)close(fd);
		return err_set(e, ERR_IO, "cannot listen on %s port %d: %s", addr, port, strerror(err));
	}
	*port_out = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
	                                          : ((struct sockaddr_in6 *)&ss)->sin6_port);
	*fd_out = fd;
	return ERR_OK;
}

/*
 * The daemon with the options every server has (limits, callbacks) and `extra` (listening socket,
 * threads); NULL when libmicrohttpd refuses.
 */
static struct http_server *start_daemon(const struct http_config *cfg, const struct programme *p,
                                        unsigned flags, struct MHD_OptionItem *extra, int port)
{
	struct http_server *srv = xcalloc(1, sizeof *srv);
	srv->ctx.programme = p;
	srv->ctx.lists = cfg->lists;
	srv->ctx.db_path = cfg->db_path;
	srv->ctx.private_reads = cfg->private_reads;
	srv->ctx.programme_json = respond_cached_new();
	srv->port = port;
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &srv->ctx,
		MHD_OPTION_ARRAY, extra,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONN_MEMORY,
		MHD_OPTION_CONNECTION_LIMIT, HTTP_MAX_CONNECTIONS,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, HTTP_MAX_PER_IP,
		MHD_OPTION_CONNECTION_TIMEOUT, HTTP_TIMEOUT_SECONDS,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (srv->daemon == NULL) {
		respond_cached_free(srv->ctx.programme_json);
		free(srv);
		return NULL;
	}
	return srv;
}

enum err_code http_server_start(const struct http_config *cfg, const struct programme *p,
                                struct http_server **out, struct err *e)
{
	int fd = -1, port = 0;
	const char *addr = cfg->bind ? cfg->bind : "127.0.0.1";
	*out = NULL;
	if (cfg->port < 0 || cfg->port > 65535)
		return err_set(e, ERR_INVALID, "--port must be from 0 to 65535");
	enum err_code rc = listen_on(addr, cfg->port, &fd, &port, e);
	if (rc != ERR_OK)
		return rc;
	unsigned threads = cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}
	/* MHD_USE_TURBO was tried: the same CPU per request (bench/http.sh), so not worth its risks. */
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | (strchr(addr, ':') ? MHD_USE_IPv6 : 0);
	struct MHD_OptionItem listen_opts[] = {
		{MHD_OPTION_LISTEN_SOCKET, fd, NULL},
		{MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL},
		{MHD_OPTION_END, 0, NULL},
	};
	*out = start_daemon(cfg, p, flags, listen_opts, port);
	if (*out == NULL) {
		(void)close(fd);
		return err_set(e, ERR_IO, "cannot start the HTTP server on %s port %d", addr, port);
	}
	return ERR_OK;
}

enum err_code http_server_start_detached(const struct http_config *cfg, const struct programme *p,
                                         struct http_server **out, struct err *e)
{
	struct MHD_OptionItem none[] = {{MHD_OPTION_END, 0, NULL}};
	*out = start_daemon(cfg, p, MHD_USE_NO_LISTEN_SOCKET, none, 0);
	return *out ? ERR_OK : err_set(e, ERR_IO, "cannot start a detached HTTP server");
}

enum err_code http_server_add_connection(struct http_server *srv, int fd, struct err *e)
{
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (MHD_add_connection(srv->daemon, fd, (const struct sockaddr *)&peer, sizeof peer) != MHD_YES)
		return err_set(e, ERR_IO, "the HTTP server refused a connection");
	return ERR_OK;
}

void http_server_poll(struct http_server *srv)
{
	(void)MHD_run(srv->daemon);
}

int http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_stop(struct http_server *srv)
{
	if (srv == NULL)
		return;
	MHD_stop_daemon(srv->daemon); /* closes the listening socket it was given */
	respond_cached_free(srv->ctx.programme_json);
	free(srv);
}
