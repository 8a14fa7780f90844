/*
 * cmd_render_sample.c - `jiqun render-sample --out DIR`: a developer command that renders the
 * hand-made sample report (report/sample.h) to DIR/sample.html and DIR/sample.pdf, timing each
 * format. The renderers' integration and browser tests and the report benchmark use it; the real
 * report comes from `jiqun report`.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "report/doc.h"
#include "report/sample.h"

enum { OPT_OUT = 1, OPT_INDUSTRIES, OPT_LANG, OPT_FORMAT, OPT_REPEAT };

struct opts {
	const char *out, *lang, *format;
	int industries, repeat;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_OUT: o->out = arg; break;
	case OPT_LANG: o->lang = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_INDUSTRIES:
	case OPT_REPEAT: {
		long v;
		if (!cli_number(arg, 1, 28, &v))
			return cli_usage(&cmd_render_sample, "--%s wants a number from 1 to 28",
			                 id == OPT_REPEAT ? "repeat" : "industries");
		if (id == OPT_REPEAT)
			o->repeat = (int)v;
		else
			o->industries = (int)v;
		break;
	}
	default: break;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: on a shared machine the wall clock also counts others' work. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool wants(const char *formats, const char *f)
{
	size_t n = strlen(f);
	for (const char *p = formats; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (len == n && strncmp(p, f, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		{"industries", required_argument, NULL, OPT_INDUSTRIES},
		{"lang", required_argument, NULL, OPT_LANG},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"repeat", required_argument, NULL, OPT_REPEAT},
		{NULL, 0, NULL, 0},
	};
	struct opts o = {.lang = "zh", .format = "html,pdf", .industries = 3, .repeat = 1};
	int first;
	int rc = cli_parse(&cmd_render_sample, argc, argv, opts, on_opt, &o, &first);
	if (rc >= 0)
		return rc;
	if (first < argc)
		return cli_usage(&cmd_render_sample, "unexpected argument '%s'", argv[first]);
	if (!o.out)
		return cli_usage(&cmd_render_sample, "--out DIR is required");
	struct err e = {0};
	double t0 = now(), c0;
	struct doc d;
	sample_doc(&d, o.industries, o.lang);
	(void)printf("doc: %zu blocks, built in %.3f s\n", d.n, now() - t0);
	char path[4096];
	for (int k = 0; k < o.repeat && e.code == ERR_OK; k++) {
		if (wants(o.format, "html")) {
			t0 = now();
			c0 = cpu();
			struct buf b;
			buf_init(&b, BUF_NO_CAP);
			if (doc_html(&d, &b, &e) == ERR_OK) {
				(void)snprintf(path, sizeof(path), "%s/sample.html", o.out);
				FILE *f = fopen(path, "wb");
				if (!f || fwrite(b.data, 1, b.len, f) != b.len)
					err_set(&e, ERR_IO, "无法写入 %s：%s", path, strerror(errno));
				if (f && fclose(f) != 0 && e.code == ERR_OK)
					err_set(&e, ERR_IO, "无法写入 %s：%s", path, strerror(errno));
			}
			buf_free(&b);
			if (e.code == ERR_OK)
				(void)printf("html: %.3f s (cpu %.3f s)\n", now() - t0, cpu() - c0);
		}
		if (wants(o.format, "xlsx") && e.code == ERR_OK) {
			t0 = now();
			c0 = cpu();
			(void)snprintf(path, sizeof(path), "%s/sample.xlsx", o.out);
			if (doc_xlsx(&d, path, &e) == ERR_OK)
				(void)printf("xlsx: %.3f s (cpu %.3f s)\n", now() - t0, cpu() - c0);
		}
		if (wants(o.format, "pdf") && e.code == ERR_OK) {
			t0 = now();
			c0 = cpu();
			(void)snprintf(path, sizeof(path), "%s/sample.pdf", o.out);
			if (doc_pdf(&d, path, &e) == ERR_OK)
				(void)printf("pdf: %.3f s (cpu %.3f s)\n", now() - t0, cpu() - c0);
		}
	}
	doc_free(&d);
	return e.code ? cli_fail(&e) : EXIT_OK;
}

const struct cli_cmd cmd_render_sample = {
	.name = "render-sample",
	.summary = "(developer) render the sample report, for renderer tests",
	.usage = "jiqun render-sample --out DIR [--industries N] [--lang zh|en] "
	         "[--format html,pdf,xlsx] [--repeat N]",
	.help = "Writes DIR/sample.html and DIR/sample.pdf (and DIR/sample.xlsx with --format\n"
	        "html,pdf,xlsx) from a hand-made report with every block\n"
	        "kind (invented figures), printing the seconds each format took. --industries N\n"
	        "(1-28, default 3) sets the number of industry sections; --repeat N renders N times\n"
	        "in one process (the first PDF pays for loading the fonts). The real report is\n"
	        "`jiqun report`.\n",
	.run = run,
};
