/*
 * cmd_serve.c - `jiqun serve`: load the programme from the database and serve the API and the
 * dashboard until SIGINT or SIGTERM, then stop cleanly.
 */
#include <errno.h>
#include <pthread.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/http.h"
#include "cli/context.h"

enum { OPT_DB = 1, OPT_PORT, OPT_BIND, OPT_THREADS, OPT_PRIVATE };

struct opts {
	const char *db, *bind;
	int port;
	unsigned threads;
	bool private_reads;
};

static int number(const char *opt, const char *arg, long lo, long hi, long *out)
{
	long v;
	if (!cli_number(arg, lo, hi, &v))
		return cli_usage(&cmd_serve, "%s must be a number from %ld to %ld, not '%s'", opt, lo, hi, arg);
	*out = v;
	return 0;
}

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long v = 0;
	int rc = 0;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_BIND: o->bind = arg; break;
	case OPT_PRIVATE: o->private_reads = true; break;
	case OPT_PORT:
		rc = number("--port", arg, 0, 65535, &v);
		o->port = (int)v;
		break;
	case OPT_THREADS:
		rc = number("--threads", arg, 1, 256, &v);
		o->threads = (unsigned)v;
		break;
	default: break;
	}
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"port", required_argument, NULL, OPT_PORT},
		{"bind", required_argument, NULL, OPT_BIND},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"private", no_argument, NULL, OPT_PRIVATE},
		{0, 0, 0, 0},
	};
	struct opts o = {.port = 8080, .bind = "127.0.0.1"};
	int first, rc = cli_parse(&cmd_serve, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first < argc)
		return cli_usage(&cmd_serve, "unexpected argument '%s'", argv[first]);
	o.db = cli_db_path(o.db);

	/* Block the stop signals before any thread starts, so only sigwait below receives them. */
	sigset_t stop;
	(void)sigemptyset(&stop);
	(void)sigaddset(&stop, SIGINT);
	(void)sigaddset(&stop, SIGTERM);
	(void)pthread_sigmask(SIG_BLOCK, &stop, NULL);
	(void)signal(SIGPIPE, SIG_IGN);

	struct err e = {0};
	struct cli_ctx c = {0};
	struct http_server *srv = NULL;
	struct http_config cfg = {.bind = o.bind, .port = o.port, .threads = o.threads, .db_path = o.db,
	                          .lists = &c.lists, .private_reads = o.private_reads};
	if (cli_ctx_open(&c, o.db, &e) == ERR_OK &&
	    http_server_start(&cfg, c.programme, &srv, &e) == ERR_OK) {
		const char *host = o.bind;
		int v6 = strchr(host, ':') != NULL;
		(void)printf("Jiqun 集群 dashboard: http://%s%s%s:%d/  (Ctrl-C 停止 / to stop)\n",
		             v6 ? "[" : "", host, v6 ? "]" : "", http_server_port(srv));
		(void)fflush(stdout);
		int sig = 0;
		(void)sigwait(&stop, &sig);
		(void)fprintf(stderr, "jiqun: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	}
	http_server_stop(srv);
	cli_ctx_close(&c);
	return e.code != ERR_OK ? cli_fail(&e) : EXIT_OK;
}

const struct cli_cmd cmd_serve = {
	.name = "serve",
	.summary = "serve the dashboard and the JSON API",
	.usage = "jiqun serve [--db PATH] [--port N] [--bind ADDR] [--threads N] [--private]",
	.help = "Serves the dashboard at / and the JSON API at /api/v1/ (see docs/openapi.yaml)\n"
	        "until Ctrl-C or SIGTERM.\n\n"
	        "  --db PATH     the database (default: $JIQUN_DB, else ./jiqun.db); create it\n"
	        "                first with `jiqun init`\n"
	        "  --port N      TCP port (default 8080; 0 picks a free one and prints it)\n"
	        "  --bind ADDR   address to listen on (default 127.0.0.1, this machine only)\n"
	        "  --threads N   worker threads (default: one per core)\n"
	        "  --private     reading the API needs an account too (by default only writes do;\n"
	        "                the pages themselves and /api/v1/me stay open so one can sign in)\n\n"
	        "Writes need an account (`jiqun user add`): a session from the login page or an API\n"
	        "token (`jiqun user token`); see README.md, \"Accounts, roles, review\".\n",
	.run = run,
};
