/*
 * cmd_demo.c - `jiqun demo`: fill the lists with the seeded demo data set (src/demo/), marked
 * source=demo, so a fresh database shows a working dashboard. `make run` calls it with --if-empty.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "demo/demo.h"

enum { OPT_DB = 1, OPT_SEED, OPT_IF_EMPTY, OPT_ACCOUNTS };

struct opts {
	const char *db;
	unsigned seed;
	bool if_empty, accounts;
};

/* The demo accounts' password, documented in README.md: for demo databases only. */
#define DEMO_PASSWORD "jiqun-demo"

/* One demo account of each role (those missing), all with DEMO_PASSWORD. */
static enum err_code demo_accounts(struct cli_ctx *c, struct err *e)
{
	const char *industry = c->programme->n_industries ? c->programme->industries[0].id : "";
	const struct { const char *name, *role, *district, *industries; } acc[] = {
		{"demo-admin", "city-admin", "", ""},
		{"demo-nanshan", "district-editor", "nanshan", ""},
		{"demo-commissioner", "commissioner", "", industry},
		{"demo-analyst", "analyst", "", ""},
		{"demo-viewer", "viewer", "", ""},
	};
	struct principal op;
	char hash[AUTH_HASH_SIZE];
	enum err_code rc = cli_principal(c->store, NULL, &op, e);
	size_t added = 0;
	for (size_t i = 0; rc == ERR_OK && i < sizeof acc / sizeof *acc; i++) {
		struct store_user u = {0};
		if (store_user_get(c->store, acc[i].name, &u, NULL, 0, e) == ERR_OK)
			continue;
		(void)snprintf(u.name, sizeof u.name, "%s", acc[i].name);
		(void)snprintf(u.role, sizeof u.role, "%s", acc[i].role);
		(void)snprintf(u.district, sizeof u.district, "%s", acc[i].district);
		(void)snprintf(u.industries, sizeof u.industries, "%s", acc[i].industries);
		rc = auth_password_hash(DEMO_PASSWORD, hash, e);
		if (rc == ERR_OK)
			rc = store_user_add(c->store, &u, hash, &u.id, e);
		if (rc == ERR_OK)
			rc = change_audit(c->store, &op, "user-add", "users", u.id, u.name, NULL, NULL,
			                  "demo account", e);
		added += rc == ERR_OK;
	}
	e->code = rc;
	if (rc == ERR_OK && added)
		(void)printf("演示账号（密码均为 %s，仅供演示）：demo-admin 市级管理员，demo-nanshan 南山区编辑，"
		             "demo-commissioner %s专员，demo-analyst 分析员，demo-viewer 只读 (demo accounts)\n",
		             DEMO_PASSWORD, industry);
	return rc;
}

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_SEED: {
		char *end = NULL;
		errno = 0;
		unsigned long v = strtoul(arg, &end, 10);
		if (errno || end == arg || *end != '\0' || arg[0] == '-' || v > 0xFFFFFFFFUL)
			return cli_usage(&cmd_demo, "--seed needs a whole number from 0 to 4294967295, not "
			                            "'%s'", arg);
		o->seed = (unsigned)v;
		break;
	}
	case OPT_IF_EMPTY: o->if_empty = true; break;
	case OPT_ACCOUNTS: o->accounts = true; break;
	default: break;
	}
	return 0;
}

static int count_none(void *ctx, const struct record *rec)
{
	(void)ctx;
	(void)rec;
	return 1;
}

/* Short Chinese names of the lists, in the order of lists_all. */
static const char *const labels[DEMO_N_LISTS] = {"企业", "企业清单", "招商线索", "重点项目",
                                                 "创新平台", "政策", "机构", "基金投资",
                                                 "园区", "园区片区", "园区进展"};

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"seed", required_argument, NULL, OPT_SEED},
		{"if-empty", no_argument, NULL, OPT_IF_EMPTY},
		{"accounts", no_argument, NULL, OPT_ACCOUNTS},
		{0, 0, 0, 0},
	};
	struct opts o = {NULL, DEMO_SEED_DEFAULT, false, false};
	int first, rc = cli_parse(&cmd_demo, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first != argc)
		return cli_usage(&cmd_demo, "unexpected argument '%s'", argv[first]);

	struct err e = {0};
	struct cli_ctx c = {0};
	struct demo_counts counts = {{0}, 0, 0, 0};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	bool skipped = false;
	if (erc == ERR_OK && o.if_empty) {
		struct list_query q = {.limit = 0};
		long total = 0;
		erc = store_list_query(c.store, list_find("enterprises"), &q, count_none, NULL, &total, &e);
		if (erc == ERR_OK && total > 0) {
			(void)printf("企业名录已有 %ld 条记录，未生成演示数据 (the enterprise list is not empty: "
			             "no demo data added)\n", total);
			skipped = true;
		}
	}
	if (erc == ERR_OK && !skipped)
		erc = demo_generate(c.store, &c.lists, o.seed, NULL, &counts, &e);
	if (erc == ERR_OK && !skipped) {
		json_t *after = json_pack("{s:i, s:I, s:I}", "seed", (int)o.seed, "inserted",
		                          (json_int_t)counts.inserted, "updated", (json_int_t)counts.updated);
		erc = cli_audit(c.store, NULL, "demo", "lists", NULL, after, &e);
		json_decref(after);
	}
	if (erc == ERR_OK && !skipped) {
		(void)printf("演示数据已生成（种子 %u）：", o.seed);
		for (size_t i = 0; i < DEMO_N_LISTS; i++)
			(void)printf("%s%s %ld", i ? "，" : "", labels[i], counts.records[i]);
		(void)printf("。新增 %ld，更新 %ld，未变 %ld；来源标记为 demo (source=demo)\n",
		             counts.inserted, counts.updated, counts.unchanged);
	}
	if (erc == ERR_OK && o.accounts)
		erc = demo_accounts(&c, &e);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_demo = {
	.name = "demo",
	.summary = "fill the lists with a generated demo data set (marked source=demo)",
	.usage = "jiqun demo [--db PATH] [--seed N] [--if-empty] [--accounts]",
	.help = "Generates fictional but plausible records for all eight lists (about 800\n"
	        "enterprises with valid credit codes, listings, leads, key projects, platforms,\n"
	        "policies and organisations), every one checked as an import would check it, and\n"
	        "writes them in one transaction. Each row is stored with source=demo, which the\n"
	        "dashboard shows as demo data. Some industries are left without a fund, expo,\n"
	        "consulting institution, leads, platforms or projects on purpose, so the\n"
	        "completeness matrix has gaps to show. The same seed always gives the same data,\n"
	        "so running it again changes nothing.\n\n"
	        "  --seed N     the generator's seed (default 1); another seed adds other records\n"
	        "  --if-empty   do nothing when the enterprise list already has records\n"
	        "               (`make run` uses this)\n"
	        "  --accounts   also add one demo account per role (demo-admin, demo-nanshan,\n"
	        "               demo-commissioner, demo-analyst, demo-viewer), all with the\n"
	        "               password " DEMO_PASSWORD ", unless they exist (`make run` uses\n"
	        "               this; never on a real database)\n",
	.run = run,
};
