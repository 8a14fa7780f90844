/*
 * http.h - the HTTP server: the JSON API under /api/v1/ and the embedded dashboard.
 *
 * Built on libmicrohttpd with an epoll thread pool. The server reads the programme it is given
 * and never changes it; the caller keeps it alive until http_server_stop returns. The server binds
 * to 127.0.0.1 unless told otherwise. Not for: SQL (store/) or computation (engine/).
 */
#ifndef JIQUN_HTTP_HTTP_H
#define JIQUN_HTTP_HTTP_H

#include <stdbool.h>

#include "base/err.h"
#include "lists/lists.h"
#include "model/programme.h"

struct http_server;

struct http_config {
	const char *bind;    /* IPv4 or IPv6 address to listen on; NULL means 127.0.0.1 */
	int port;            /* 0 picks a free port */
	unsigned threads;    /* worker threads; 0 means one per core */
	const char *db_path; /* each worker thread opens its own connection to it */
	const struct list_ctx *lists; /* programme and code tables for parsing list records */
	bool private_reads;  /* reads of /api/ need an account too (`jiqun serve --private`) */
};

/*
 * Listen and start serving `p`. *out is a handle for http_server_stop. Errors: ERR_BUSY when the
 * port is taken, ERR_INVALID for a bad address, ERR_IO for other socket failures.
 */
enum err_code http_server_start(const struct http_config *cfg, const struct programme *p,
                                struct http_server **out /* OUT */, struct err *e);

/*
 * For fuzzing (fuzz/fuzz_http.c): a server with no listening socket and no threads. The caller
 * hands it connected sockets with http_server_add_connection (which then owns `fd`, also on
 * failure) and drives it with http_server_poll, which does what is ready and never waits.
 */
enum err_code http_server_start_detached(const struct http_config *cfg, const struct programme *p,
                                         struct http_server **out /* OUT */, struct err *e);
enum err_code http_server_add_connection(struct http_server *srv, int fd, struct err *e);
void http_server_poll(struct http_server *srv);

/* The port actually listened on (useful with port 0). */
int http_server_port(const struct http_server *srv);

/* Stop accepting, finish requests in flight, release everything. NULL is a no-op. */
void http_server_stop(struct http_server *srv);

#endif
