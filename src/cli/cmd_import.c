/*
 * cmd_import.c - `jiqun import LIST FILE`: load an official's CSV or XLSX file into a list, all or
 * nothing, and report every rejected row with its row, column, value and reason.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "exchange/exchange.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_DRY, OPT_SKIP, OPT_SHEET, OPT_REJECT, OPT_JSON, OPT_USER };

struct opts {
	const char *db, *user;
	struct import_opts imp;
	bool json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_DRY: o->imp.dry_run = true; break;
	case OPT_SKIP: o->imp.skip_bad = true; break;
	case OPT_SHEET: o->imp.sheet = arg; break;
	case OPT_REJECT: o->imp.reject_path = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_USER: o->user = arg; break;
	default: break;
	}
	return 0;
}

/* Most rejected rows printed as a table; the rest are counted (all of them go to --json). */
#define MAX_SHOWN 200

static void print_human(const char *what, const struct import_opts *o,
                        const struct import_result *r, enum err_code rc)
{
	if (r->issues.n) {
		static const char *const head[] = {"行", "列", "值", "原因", "代码"};
		static const size_t width[] = {0, 0, 30, 70, 0};
		struct table *t = table_new(5, head, width);
		for (size_t i = 0; i < r->issues.n && i < MAX_SHOWN; i++) {
			const struct issue *it = &r->issues.items[i];
			char row[16];
			(void)snprintf(row, sizeof row, "%u", it->row);
			const char *cells[] = {row, it->column, it->value, it->message, it->code};
			table_add(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
		if (r->issues.n > MAX_SHOWN)
			(void)printf("……另有 %zu 条问题未显示，完整列表请用 --json (%zu more)\n",
			             r->issues.n - MAX_SHOWN, r->issues.n - MAX_SHOWN);
	}
	if (r->ignored)
		(void)fprintf(stderr, "jiqun: 以下列未识别，已忽略 (ignored columns): %s\n", r->ignored);
	if (rc == ERR_REJECTED)
		(void)printf("%s %s: 共%ld行，无误%ld，有误%ld（未写入任何数据 nothing written）\n", what,
		             o->path, r->rows, r->rows - r->rejected, r->rejected);
	else
		(void)printf("%s %s: 共%ld行，新增%ld，更新%ld，未变%ld，有误%ld%s\n", what, o->path,
		             r->rows, r->inserted, r->updated, r->unchanged, r->rejected,
		             o->dry_run ? "（试导入，未写入 dry run）" : "");
	if (r->reject_path)
		(void)printf("有误的行已写入 %s，修改后可再次导入 (bad rows written there)\n", r->reject_path);
}

static void print_json(const char *what, const struct import_opts *o,
                       const struct import_result *r, enum err_code rc)
{
	json_t *issues = json_array();
	for (size_t i = 0; i < r->issues.n; i++) {
		const struct issue *it = &r->issues.items[i];
		json_array_append_new(issues, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "file", o->path,
		                                        "row", (json_int_t)it->row, "column", it->column,
		                                        "value", it->value, "code", it->code, "message",
		                                        it->message));
	}
	json_t *v = json_pack("{s:s, s:s, s:b, s:b, s:I, s:I, s:I, s:I, s:I, s:o, s:s?, s:s?}",
	                      "list", what, "file", o->path, "written",
	                      rc == ERR_OK && !o->dry_run, "dry_run", o->dry_run,
	                      "rows", (json_int_t)r->rows, "inserted", (json_int_t)r->inserted,
	                      "updated", (json_int_t)r->updated, "unchanged", (json_int_t)r->unchanged,
	                      "rejected", (json_int_t)r->rejected, "issues", issues,
	                      "reject_file", r->reject_path, "ignored_columns", r->ignored);
	char *s = json_dumps(v, JSON_INDENT(2));
	if (s)
		(void)puts(s);
	free(s);
	json_decref(v);
}

/* Rows read so far, on stderr when it is a terminal (a million rows take a while). */
static void show_progress(void *ctx, long rows, bool finishing)
{
	(void)ctx;
	if (finishing)
		(void)fprintf(stderr, "\r已读取 %ld 行，正在建立索引并提交… (%ld rows read; indexing, committing)",
		              rows, rows);
	else
		(void)fprintf(stderr, "\r已读取 %ld 行… (%ld rows read)", rows, rows);
}

/* `jiqun import indicators FILE`: enterprise values or published aggregates. */
static int run_indicators(struct opts *o)
{
	struct err e = {0};
	struct cli_ctx c = {0};
	struct ind_import_result r = {0};
	struct principal who;
	struct change_import ci = {.p = &who, .entity = "indicators"};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o->db), &e);
	if (erc == ERR_OK)
		erc = cli_principal(c.store, o->user, &who, &e);
	ci.s = c.store;
	if (erc == ERR_OK) /* who may (authz_check) and the audit entry */
		erc = change_import_hooks(&o->imp, &ci, &e);
	if (erc == ERR_OK) {
		erc = exchange_import_indicators(c.store, c.programme, &o->imp, &r, &e);
		if (o->imp.progress && r.rows >= IMPORT_PROGRESS_ROWS)
			(void)fputs("\r\033[K", stderr);
		struct import_result shown = {.rows = r.rows, .inserted = r.written, .issues = r.issues,
		                              .ignored = r.ignored,
		                              .rejected = r.rejected};
		const char *what = r.form == IND_FILE_ENTERPRISE ? "indicators(企业数据)" : "indicators(汇总数据)";
		if (erc == ERR_OK || r.rows > 0 || r.issues.n > 0) {
			if (o->json)
				print_json(what, &o->imp, &shown, erc);
			else
				print_human(what, &o->imp, &shown, erc);
		}
	}
	ind_import_result_free(&r);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"dry-run", no_argument, NULL, OPT_DRY},
		{"skip-bad", no_argument, NULL, OPT_SKIP},
		{"sheet", required_argument, NULL, OPT_SHEET},
		{"reject", required_argument, NULL, OPT_REJECT},
		{"json", no_argument, NULL, OPT_JSON},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_import, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (argc - first != 2)
		return cli_usage(&cmd_import, "expected a list and a file");
	if (strcmp(argv[first], "indicators") == 0) {
		if (o.imp.skip_bad)
			return cli_usage(&cmd_import, "indicators are imported all or nothing (no --skip-bad)");
		o.imp.path = argv[first + 1];
		if (isatty(STDERR_FILENO))
			o.imp.progress = show_progress;
		return run_indicators(&o);
	}
	const struct list_def *l = list_find(argv[first]);
	if (l == NULL)
		return cli_usage(&cmd_import, "unknown list '%s' (enterprises, listings, leads, projects, "
		                              "platforms, policies, orgs or indicators)", argv[first]);
	o.imp.path = argv[first + 1];
	if (isatty(STDERR_FILENO))
		o.imp.progress = show_progress;

	struct err e = {0};
	struct cli_ctx c = {0};
	struct import_result r = {0};
	struct principal who;
	struct change_import ci = {.p = &who, .l = l, .entity = l->name};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = cli_principal(c.store, o.user, &who, &e);
	ci.s = c.store;
	if (erc == ERR_OK) /* who may write each row (authz_check) and the audit entry */
		erc = change_import_hooks(&o.imp, &ci, &e);
	if (erc == ERR_OK) {
		erc = exchange_import(c.store, &c.lists, l, &o.imp, &r, &e);
		if (o.imp.progress && r.rows >= IMPORT_PROGRESS_ROWS)
			(void)fputs("\r\033[K", stderr); /* clear the progress line */
		if (erc == ERR_OK || r.rows > 0 || r.issues.n > 0) {
			if (o.json)
				print_json(l->name, &o.imp, &r, erc);
			else
				print_human(l->name, &o.imp, &r, erc);
		}
	}
	import_result_free(&r);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_import = {
	.name = "import",
	.summary = "load a CSV or XLSX file into one of the programme's lists",
	.usage = "jiqun import LIST FILE [--db PATH] [--dry-run] [--skip-bad] [--sheet NAME]\n"
	         "       [--reject FILE] [--json] [--user NAME]",
	.help = "LIST is enterprises, listings, leads, projects, platforms, policies or orgs, or\n"
	        "indicators: enterprise values (统一社会信用代码, 期间, 指标, 数值, 单位, 口径) or\n"
	        "published aggregates (层级, 对象, 期间, 指标, 数值, 单位, 增速, 来源, 口径), told apart\n"
	        "by the headers and converted to 元/人/件 (see README). FILE is\n"
	        ".csv (UTF-8 with or without BOM, or GB18030/GBK as Excel saves it) or .xlsx; headers\n"
	        "as in `jiqun export --template LIST`, in any order (English field names work too).\n"
	        "Rows are matched by their natural key, so importing the same file twice changes\n"
	        "nothing. Any bad row and nothing is written (exit 3), every problem listed with its\n"
	        "row, column, value and reason.\n\n"
	        "  --dry-run     check everything, write nothing\n"
	        "  --skip-bad    write the good rows; bad rows go to a reject file (FILE.rejects.csv,\n"
	        "                the same columns plus 错误原因) to fix and import again\n"
	        "  --reject F    where the reject file goes\n"
	        "  --sheet NAME  the XLSX sheet (default: the first)\n"
	        "  --json        print the result and every problem as JSON\n"
	        "  --user NAME   import as that account: its role decides which rows it may write\n"
	        "                (a refused row is a bad row); the import is in the audit trail\n",
	.run = run,
};
