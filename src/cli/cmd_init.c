/*
 * cmd_init.c - `jiqun init`: create the database and load the built-in programme versions into
 * it (2022, the default, first; then the 2024 revision), and the built-in classification rules
 * as rule set version 1 when the database has none, and the built-in chain maps when it has none.
 */
#include <getopt.h>
#include <stdio.h>

#include "catalog/catalog.h"
#include "catalog/rules.h"
#include "chain/chains.h"
#include "cli/cli.h"
#include "store/store.h"

enum { OPT_DB = 1 };

static int on_opt(int id, const char *arg, void *ctx)
{
	if (id == OPT_DB)
		*(const char **)ctx = arg;
	return 0;
}

/* Store the built-in rule set as version 1 when no rule set has been stored yet. */
static enum err_code builtin_rules(struct store *s, bool *added, struct err *e)
{
	struct rule_set *rs = NULL;
	struct programme *p = NULL;
	struct industry_codes *codes = NULL;
	enum err_code rc = store_rules_load(s, 1, &rs, e);
	if (rc != ERR_NOT_FOUND) {
		rules_free(rs);
		return rc;
	}
	*e = (struct err){0};
	rc = store_load_programme(s, NULL, &p, e);
	if (rc == ERR_OK)
		rc = industry_codes_load(&codes, e);
	if (rc == ERR_OK)
		rc = rules_builtin(p, codes, &rs, e);
	if (rc == ERR_OK)
		rc = store_rules_put(s, rs, "深圳20+8默认规则", "builtin", true, NULL, e);
	*added = rc == ERR_OK;
	rules_free(rs);
	industry_codes_free(codes);
	programme_free(p);
	return rc;
}

/* Store the built-in chain maps when no chain node is stored yet. */
static enum err_code builtin_chains(struct store *s, bool *added, struct err *e)
{
	struct programme *p = NULL;
	struct industry_codes *codes = NULL;
	enum err_code rc = store_load_programme(s, NULL, &p, e);
	if (rc == ERR_OK)
		rc = industry_codes_load(&codes, e);
	struct list_ctx ctx = {p, codes};
	if (rc == ERR_OK)
		rc = chains_builtin(s, &ctx, added, e);
	industry_codes_free(codes);
	programme_free(p);
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB}, {0, 0, 0, 0}};
	const char *db = NULL;
	int first, rc = cli_parse(&cmd_init, argc, argv, opts, on_opt, &db, &first);
	if (rc != -1)
		return rc;
	if (first < argc)
		return cli_usage(&cmd_init, "unexpected argument '%s'", argv[first]);
	db = cli_db_path(db);

	struct err e = {0};
	struct store *s = NULL;
	bool changed = false;
	bool rules_added = false, chains_added = false;
	if (store_open(db, STORE_OPEN_CREATE, &s, &e) == ERR_OK) {
		for (size_t i = 0; i < catalog_builtin_count() && e.code == ERR_OK; i++) {
			size_t len;
			bool one = false;
			const char *json = catalog_builtin_json_at(i, &len);
			(void)store_put_programme(s, json, len, true, &one, &e);
			changed |= one;
		}
		if (e.code == ERR_OK)
			(void)builtin_rules(s, &rules_added, &e);
		if (e.code == ERR_OK)
			(void)builtin_chains(s, &chains_added, &e);
	}
	store_close(s);
	if (e.code != ERR_OK)
		return cli_fail(&e);
	(void)printf(changed ? "%s: 已写入内置“20+8”产业目录 (built-in programme loaded)\n"
	                     : "%s: 内置“20+8”产业目录已是最新 (already up to date)\n",
	             db);
	if (rules_added)
		(void)printf("%s: 已写入内置分类规则，规则集版本1 (built-in classification rules stored as "
		             "version 1)\n", db);
	if (chains_added)
		(void)printf("%s: 已写入内置产业链图谱 (built-in chain maps stored)\n", db);
	return EXIT_OK;
}

const struct cli_cmd cmd_init = {
	.name = "init",
	.summary = "create the database with the built-in 20+8 programme",
	.usage = "jiqun init [--db PATH]",
	.help = "Creates the database if it does not exist, brings its schema up to date and loads\n"
	        "the built-in Shenzhen 20+8 programme into it: the 2022 version (the default) and\n"
	        "the 2024 revision (`jiqun catalog versions`). Safe to run again: a database that\n"
	        "already holds the same programme is left as it is.\n\n"
	        "  --db PATH   the database file (default: $JIQUN_DB, else ./jiqun.db)\n",
	.run = run,
};
