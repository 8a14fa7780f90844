/*
 * fuzz_http.c - libFuzzer target for HTTP request handling: the input is sent as raw bytes on one
 * connection to a real server in this process (http_server_start_detached: no listening socket,
 * no threads; a socketpair stands in for the network), over a scratch database made at start-up
 * with the smallest demo data set.
 * So libmicrohttpd's parsing, our URI and body callbacks and limits, the router, every handler
 * (reads and writes of list records, exports, figures) and the response finishing (ETag, gzip,
 * headers) all see the fuzzed request, pipelined requests included. A crash, a sanitizer report,
 * a server that never finishes the exchange, or an answer carrying a file from outside the
 * embedded ones is a finding.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "cli/context.h"
#include "demo/demo.h"
#include "fuzz_common.h"
#include "http/http.h"
#include "store/store.h"

static struct cli_ctx ctx;
static struct http_server *srv;
static char db[300];

static void make_db(void)
{
	struct err e = {0};
	struct store *s = NULL;
	bool changed = false;
	(void)snprintf(db, sizeof db, "%s/fuzz.db", fuzz_tmpdir());
	if (store_open(db, STORE_OPEN_CREATE, &s, &e) == ERR_OK)
		for (size_t i = 0; i < catalog_builtin_count() && e.code == ERR_OK; i++) {
			size_t len;
			const char *json = catalog_builtin_json_at(i, &len);
			(void)store_put_programme(s, json, len, true, &changed, &e);
		}
	store_close(s);
	if (e.code == ERR_OK)
		(void)cli_ctx_open(&ctx, db, &e);
	/* The smallest demo data set, so reads have records, figures and maps to answer with. */
	struct demo_size size = {.enterprises = 100};
	struct demo_counts counts;
	if (e.code == ERR_OK)
		(void)demo_generate(ctx.store, &ctx.lists, 1, &size, &counts, &e);
	if (e.code != ERR_OK) {
		(void)fprintf(stderr, "fuzz_http: %s\n", e.msg);
		abort();
	}
}

static void stop(void)
{
	http_server_stop(srv);
	cli_ctx_close(&ctx);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	make_db();
	struct err e = {0};
	struct http_config cfg = {.db_path = db, .lists = &ctx.lists};
	if (http_server_start_detached(&cfg, ctx.programme, &srv, &e) != ERR_OK) {
		(void)fprintf(stderr, "fuzz_http: %s\n", e.msg);
		abort();
	}
	(void)atexit(stop);
	return 0;
}

/* Bytes of the answer kept for the checks; the rest is read and dropped. */
#define KEEP ((size_t)64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		abort();
	/* A request larger than the socket buffer would block here: the harness sends at most
	 * what fits (libFuzzer's -max_len keeps inputs well below it). */
	int big = 1 << 20;
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
	size_t sent = 0;
	while (sent < size) {
		ssize_t n = send(sv[1], data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n <= 0)
			break;
		sent += (size_t)n;
	}
	(void)shutdown(sv[1], SHUT_WR);
	(void)fcntl(sv[1], F_SETFL, O_NONBLOCK);
	struct err e = {0};
	if (http_server_add_connection(srv, sv[0], &e) != ERR_OK) {
		(void)fprintf(stderr, "fuzz_http: %s\n", e.msg);
		abort();
	}
	static char answer[KEEP + 1];
	size_t got = 0;
	bool done = false;
	for (int round = 0; round < 20000 && !done; round++) {
		http_server_poll(srv);
		char chunk[65536];
		for (;;) {
			ssize_t n = read(sv[1], chunk, sizeof chunk);
			if (n > 0) {
				size_t keep = got < KEEP ? KEEP - got : 0;
				memcpy(answer + got, chunk, (size_t)n < keep ? (size_t)n : keep);
				got += (size_t)n < keep ? (size_t)n : keep;
				continue;
			}
			if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
				done = true;
			break;
		}
		if (!done && round > 100) { /* slow path (a big export): wait a little for the server */
			struct pollfd p = {.fd = sv[1], .events = POLLIN};
			(void)poll(&p, 1, 1);
		}
	}
	(void)close(sv[1]);
	for (int i = 0; i < 4; i++)
		http_server_poll(srv); /* let the server see the close and free the connection */
	if (!done) {
		(void)fprintf(stderr, "fuzz_http: the server never finished the exchange\n");
		abort();
	}
	answer[got] = '\0';
	/* A file from outside the embedded dashboard (/etc/passwd, the Makefile), unless the request
	 * carried the text itself (a 404 message quotes the path). Each JSON escape in the answer
	 * becomes one separator first: a quoted path's "\u001C" followed by "FLAGS_COMMON" from the
	 * request is not a leak of "CFLAGS_COMMON" (a finding of this harness itself, kept in
	 * fuzz/regress/http/). */
	static char plain[KEEP + 1];
	size_t n_plain = 0;
	for (size_t i = 0; i < got;) {
		if (answer[i] == '\\' && i + 1 < got) {
			i += answer[i + 1] == 'u' ? 6 : 2;
			plain[n_plain++] = '\n';
			continue;
		}
		plain[n_plain++] = answer[i++];
	}
	static const char *const leaks[] = {"root:x:0:0", "CFLAGS_COMMON"};
	for (size_t i = 0; i < sizeof leaks / sizeof leaks[0]; i++)
		if (memmem(plain, n_plain, leaks[i], strlen(leaks[i])) != NULL &&
		    memmem(data, size, leaks[i], strlen(leaks[i])) == NULL)
			abort();
	return 0;
}
