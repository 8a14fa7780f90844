/*
 * cmd_report.c - `jiqun report --period P`: the semi-annual rolling report (report/report.h) in
 * HTML, PDF and XLSX (and the doc's JSON for tools), written from a snapshot of the engine results
 * so a past report can be written again byte for byte.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/sha256.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "report/report.h"

enum { OPT_DB = 1, OPT_PERIOD, OPT_OUT, OPT_FORMAT, OPT_LANG, OPT_REFRESH, OPT_FROM, OPT_SNAPSHOT, OPT_LIST };

struct opts {
	const char *db, *period, *out, *format, *lang, *snapshot;
	bool refresh, from, list;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_PERIOD: o->period = arg; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_LANG: o->lang = arg; break;
	case OPT_REFRESH: o->refresh = true; break;
	case OPT_FROM: o->from = true; break;
	case OPT_SNAPSHOT: o->snapshot = arg; break;
	case OPT_LIST: o->list = true; break;
	default: break;
	}
	return 0;
}

static double now_ms(void)
{
	struct timespec t;
	(void)clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The SHA-256 of a written file, for the summary (and for comparing reruns). */
static void file_hash(const char *path, char hex[65], long *size)
{
	FILE *f = fopen(path, "rb");
	hex[0] = '\0';
	*size = 0;
	if (f == NULL)
		return;
	char *data = NULL;
	size_t n = 0, cap = 0, got;
	char chunk[65536];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n + got > cap) {
			cap = (n + got) * 2;
			char *grown = realloc(data, cap);
			if (grown == NULL)
				break;
			data = grown;
		}
		memcpy(data + n, chunk, got);
		n += got;
	}
	(void)fclose(f);
	sha256_hex(data ? data : "", n, hex);
	*size = (long)n;
	free(data);
}

static int print_snapshot(void *ctx, const struct store_snapshot *x)
{
	(void)ctx;
	(void)printf("#%-4lld %-8s %s  %10lld 字节  %s\n", x->id, x->period, x->taken_at, x->size, x->sha256);
	return 0;
}

/* `--list`: the stored snapshots, oldest first. */
static int list(const char *db)
{
	struct err e = {0};
	struct cli_ctx c = {0};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(db), &e);
	if (erc == ERR_OK) {
		(void)printf("快照  期间     取于                  JSON大小         SHA-256\n");
		erc = store_snapshot_list(c.store, print_snapshot, NULL, &e);
	}
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"out", required_argument, NULL, OPT_OUT},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"lang", required_argument, NULL, OPT_LANG},
		{"refresh", no_argument, NULL, OPT_REFRESH},
		{"from-snapshot", no_argument, NULL, OPT_FROM},
		{"snapshot", required_argument, NULL, OPT_SNAPSHOT},
		{"list", no_argument, NULL, OPT_LIST},
		{0, 0, 0, 0},
	};
	struct opts o = {.out = ".", .format = "html,pdf,xlsx", .lang = "zh"};
	int first, rc = cli_parse(&cmd_report, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first != argc)
		return cli_usage(&cmd_report, "takes no operands");
	if (o.list)
		return list(o.db);
	long long snap = 0;
	if (o.snapshot) {
		char *end;
		errno = 0;
		snap = strtoll(o.snapshot, &end, 10);
		if (*o.snapshot == '\0' || *end != '\0' || errno || snap <= 0)
			return cli_usage(&cmd_report, "--snapshot takes a snapshot number (jiqun report --list)");
	}
	if (o.period == NULL && snap == 0)
		return cli_usage(&cmd_report, "--period is required (2025H1, 2025, ...)");
	if (o.refresh && (o.from || snap))
		return cli_usage(&cmd_report, "--refresh takes a new snapshot: not with --from-snapshot or --snapshot");
	if (strcmp(o.lang, "zh") != 0 && strcmp(o.lang, "en") != 0)
		return cli_usage(&cmd_report, "--lang is zh or en");
	/* Formats: a comma-separated list of known ones. */
	char fmts[64];
	(void)snprintf(fmts, sizeof fmts, "%s", o.format);
	const char *list[8];
	size_t nf = 0;
	for (char *save = NULL, *f = strtok_r(fmts, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		if (!report_format_known(f))
			return cli_usage(&cmd_report, "unknown format '%s' (html, pdf, xlsx, json)", f);
		if (nf < 8)
			list[nf++] = f;
	}
	if (nf == 0)
		return cli_usage(&cmd_report, "--format needs at least one of html, pdf, xlsx, json");
	if (mkdir(o.out, 0777) != 0 && errno != EEXIST) {
		(void)fprintf(stderr, "jiqun: %s: 无法创建目录 (cannot create the directory: %s)\n", o.out,
		              strerror(errno));
		return EXIT_FAIL;
	}
	struct err e = {0};
	struct cli_ctx c = {0};
	struct doc d = {0};
	struct report_run r;
	double t0 = now_ms();
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = report_make(c.store, c.programme, o.period,
		                  o.refresh ? REPORT_REFRESH : o.from ? REPORT_FROM_SNAPSHOT : REPORT_AUTO, snap,
		                  o.lang, &d, &r, &e);
	if (erc == ERR_INVALID)
		e.code = erc = ERR_USAGE;
	if (erc == ERR_OK) {
		double t1 = now_ms();
		(void)printf("报告 %s：%s快照 #%lld（SHA-256 %s，取于 %s）%s\n", d.period,
		             r.reused ? "使用已有" : "新建", r.snapshot_id, r.sha256, r.taken_at,
		             r.previous_id ? "" : "；无上期报告可比较");
		if (r.previous_id)
			(void)printf("与上期报告（快照 #%lld）比较\n", r.previous_id);
		(void)printf("准备与编排：%.0f ms\n", t1 - t0);
	}
	for (size_t i = 0; erc == ERR_OK && i < nf; i++) {
		char path[4096], hex[65];
		long size;
		(void)snprintf(path, sizeof path, "%s/jiqun-report-%s%s.%s", o.out, d.period,
		               strcmp(o.lang, "en") == 0 ? "-en" : "", list[i]);
		double ts = now_ms();
		erc = report_render(&d, list[i], path, &e);
		if (erc == ERR_OK) {
			file_hash(path, hex, &size);
			(void)printf("%s  %ld 字节  %.0f ms  sha256 %s\n", path, size, now_ms() - ts, hex);
		}
	}
	if (erc == ERR_OK)
		(void)printf("合计：%.0f ms\n", now_ms() - t0);
	doc_free(&d);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_report = {
	.name = "report",
	.summary = "write the semi-annual rolling report (HTML, PDF, XLSX) from a snapshot",
	.usage = "jiqun report --period P [--out DIR] [--format html,pdf,xlsx,json] [--lang zh|en]\n"
	         "       [--refresh | --from-snapshot | --snapshot N] [--db PATH]\n"
	         "       jiqun report --list [--db PATH]",
	.help = "Writes DIR/jiqun-report-P.FORMAT (DIR defaults to the current directory; -en is added\n"
	        "for English). The report is built only from a snapshot of the engine results the API\n"
	        "serves (figures, targets, six ones, projects, leads, cultivation, briefs), stored in\n"
	        "the database with its SHA-256. When a snapshot of P exists it is used, so writing a\n"
	        "past report again gives the same bytes; --refresh takes a new snapshot from the data\n"
	        "as it is now, --from-snapshot refuses to take one, --snapshot N uses snapshot N.\n"
	        "Each report is compared with the previous one (the previous snapshot of P, else the\n"
	        "latest of the period before): revised figures, projects newly late, targets newly\n"
	        "at risk. --list shows the stored snapshots. World-trend briefs come from\n"
	        "`jiqun brief add`; missing ones are listed.\n"
	        "Example: jiqun report --period 2025H1 --out reports --format xlsx,html\n",
	.run = run,
};
