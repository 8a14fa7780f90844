/*
 * cmd_audit.c - `jiqun audit`: read the audit trail (who changed what, when, before and after),
 * filtered by account, list and time, on the terminal or into a CSV or XLSX file. The trail is
 * append-only: no command changes or deletes it.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_USER_FILTER, OPT_LIST, OPT_SINCE, OPT_OUT, OPT_LIMIT, OPT_AS };

struct opts {
	const char *db, *out, *as;
	struct store_audit_filter f;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_USER_FILTER: o->f.user = arg; break;
	case OPT_LIST: o->f.list = arg; break;
	case OPT_SINCE: o->f.since = arg; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_AS: o->as = arg; break;
	case OPT_LIMIT:
		if (!cli_number(arg, 1, LONG_MAX, &o->f.limit))
			return cli_usage(&cmd_audit, "--limit must be a positive number, not '%s'", arg);
		break;
	default: break;
	}
	return 0;
}

static int add_row(void *ctx, const struct store_audit *a)
{
	char id[24], rid[24];
	(void)snprintf(id, sizeof id, "%lld", a->id);
	(void)snprintf(rid, sizeof rid, "%lld", a->record_id);
	const char *cells[] = {id, a->at, a->user, a->role, a->action, a->list,
	                       a->record_id > 0 ? rid : "", a->record_key ? a->record_key : "",
	                       a->comment ? a->comment : ""};
	table_add(ctx, cells);
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"user", required_argument, NULL, OPT_USER_FILTER},
		{"list", required_argument, NULL, OPT_LIST},
		{"since", required_argument, NULL, OPT_SINCE},
		{"out", required_argument, NULL, OPT_OUT},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"as", required_argument, NULL, OPT_AS},
		{0, 0, 0, 0},
	};
	struct opts o = {.f = {.limit = 50}};
	int first, rc = cli_parse(&cmd_audit, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first < argc)
		return cli_usage(&cmd_audit, "unexpected argument '%s'", argv[first]);
	enum exchange_format fmt = FORMAT_CSV;
	if (o.out && !exchange_format_of(o.out, &fmt))
		return cli_usage(&cmd_audit, "--out must end in .csv or .xlsx");

	struct err e = {0};
	struct cli_ctx c = {0};
	struct principal p;
	char why[256];
	long total = 0, rows = 0;
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = cli_principal(c.store, o.as, &p, &e);
	if (erc == ERR_OK && authz_check(&p, AUTHZ_READ_AUDIT, NULL, NULL, NULL, why, sizeof why) != AUTHZ_ALLOW)
		erc = err_set(&e, ERR_FORBIDDEN, "--as %s: %s", o.as, why);
	if (erc == ERR_OK && o.out) {
		o.f.limit = -1;
		erc = change_audit_export(c.store, &o.f, fmt, o.out, &rows, &e);
		if (erc == ERR_OK)
			(void)printf("已导出 %ld 条审计记录到 %s (%ld entries written)\n", rows, o.out, rows);
	} else if (erc == ERR_OK) {
		static const char *const head[] = {"编号", "时间", "用户", "角色", "操作", "对象",
		                                   "记录编号", "主键", "说明"};
		static const size_t width[] = {0, 0, 0, 0, 0, 0, 0, 40, 50};
		struct table *t = table_new(9, head, width);
		erc = store_audit_query(c.store, &o.f, add_row, t, &total, &e);
		if (erc == ERR_OK) {
			table_print(t, stdout);
			(void)printf("共 %ld 条 (%ld entries)%s\n", total, total,
			             total > o.f.limit ? "；更多请用 --limit 或 --out" : "");
		}
		table_free(t);
	}
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_audit = {
	.name = "audit",
	.summary = "the audit trail: who changed what and when, before and after",
	.usage = "jiqun audit [--user NAME] [--list LIST] [--since DATE] [--limit N]\n"
	         "       [--out FILE.csv|FILE.xlsx] [--db PATH] [--as ACTOR]",
	.help = "Every write is recorded: the account (or local:<login> for the command line without\n"
	        "--user), its role, how it signed in, the action (create, update, delete, submit,\n"
	        "approve, reject, import, user-add, ...), the list and record, and the record before\n"
	        "and after as JSON. Newest first.\n\n"
	        "  --user NAME    entries of this account only\n"
	        "  --list LIST    entries of this list (or users, indicators, plans) only\n"
	        "  --since DATE   entries at or after DATE (2026-11-01 or 2026-11-01T08:00:00Z)\n"
	        "  --limit N      at most N entries on the terminal (default 50)\n"
	        "  --out FILE     write every matching entry, with before and after, to CSV or XLSX\n"
	        "  --as ACTOR     read as that account (a city admin or an analyst)\n\n"
	        "The trail cannot be changed or deleted, by Jiqun or by SQL (triggers refuse it).\n",
	.run = run,
};
