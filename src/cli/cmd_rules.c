/*
 * cmd_rules.c - `jiqun rules`: the classification rule sets. list shows the stored versions,
 * export writes one (the active one by default) as CSV or XLSX, import checks a file and stores it
 * as a new version, activate chooses the version `jiqun classify` uses.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/rules.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_FORMAT, OPT_OUT, OPT_NAME, OPT_VERSION, OPT_JSON, OPT_NO_ACTIVATE, OPT_USER };

struct opts {
	const char *db, *format, *out, *name, *version, *user;
	bool json, no_activate;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_NAME: o->name = arg; break;
	case OPT_VERSION: o->version = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_NO_ACTIVATE: o->no_activate = true; break;
	case OPT_USER: o->user = arg; break;
	default: break;
	}
	return 0;
}

/* A version number from the command line: 1..INT_MAX. */
static bool parse_version(const char *s, int *out)
{
	long v;
	if (!cli_number(s, 1, 1000000000, &v))
		return false;
	*out = (int)v;
	return true;
}

struct listing {
	struct table *t;
	json_t *arr;
};

static int on_set(void *ctx, const struct rule_set_info *i)
{
	struct listing *l = ctx;
	if (l->arr) {
		json_array_append_new(l->arr, json_pack("{s:i, s:s, s:s, s:s, s:s, s:b, s:I, s:I, s:I, s:I}",
		                                        "version", i->version, "name", i->name ? i->name : "",
		                                        "source", i->source ? i->source : "",
		                                        "sha256", i->sha256 ? i->sha256 : "",
		                                        "created_at", i->created_at ? i->created_at : "",
		                                        "active", i->active, "rules", (json_int_t)i->n_rules,
		                                        "class", (json_int_t)i->n_class,
		                                        "keyword", (json_int_t)i->n_keyword,
		                                        "exclude", (json_int_t)i->n_exclude));
		return 0;
	}
	char v[16], n[16], c[16], k[16], x[16], sum[16];
	(void)snprintf(v, sizeof v, "%d", i->version);
	(void)snprintf(n, sizeof n, "%ld", i->n_rules);
	(void)snprintf(c, sizeof c, "%ld", i->n_class);
	(void)snprintf(k, sizeof k, "%ld", i->n_keyword);
	(void)snprintf(x, sizeof x, "%ld", i->n_exclude);
	(void)snprintf(sum, sizeof sum, "%.12s", i->sha256 ? i->sha256 : "");
	const char *row[] = {v, i->active ? "是" : "", i->name, n, c, k, x, i->source, i->created_at, sum};
	table_add(l->t, row);
	return 0;
}

static int do_list(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	static const char *const head[] = {"版本", "启用", "名称", "规则", "行业代码", "关键词",
	                                   "排除", "来源", "导入时间", "SHA-256"};
	static const size_t width[] = {0, 0, 30, 0, 0, 0, 0, 40, 0, 0};
	struct listing l = {0};
	if (o->json)
		l.arr = json_array();
	else
		l.t = table_new(10, head, width);
	enum err_code rc = store_rules_list(c->store, on_set, &l, e);
	if (rc == ERR_OK && l.arr) {
		char *s = json_dumps(l.arr, JSON_INDENT(2));
		(void)puts(s ? s : "[]");
		free(s);
	} else if (rc == ERR_OK) {
		table_print(l.t, stdout);
	}
	json_decref(l.arr);
	table_free(l.t);
	return rc == ERR_OK ? EXIT_OK : cli_fail(e);
}

static int do_export(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	bool xlsx = false;
	int version = 0;
	size_t n = o->out ? strlen(o->out) : 0;
	if (o->format)
		xlsx = strcmp(o->format, "xlsx") == 0;
	else if (n >= 5 && strcmp(o->out + n - 5, ".xlsx") == 0)
		xlsx = true;
	if (o->format && !xlsx && strcmp(o->format, "csv") != 0)
		return cli_usage(&cmd_rules, "--format must be csv or xlsx, not '%s'", o->format);
	if (xlsx && o->out == NULL)
		return cli_usage(&cmd_rules, "XLSX needs --out FILE.xlsx");
	if (o->version && !parse_version(o->version, &version))
		return cli_usage(&cmd_rules, "--version must be a version number, not '%s'", o->version);
	struct rule_set *rs = NULL;
	enum err_code rc = store_rules_load(c->store, version, &rs, e);
	if (rc == ERR_OK)
		rc = xlsx ? rules_write_xlsx(rs, o->out, e) : rules_write_csv(rs, o->out, e);
	if (rc == ERR_OK && o->out)
		(void)fprintf(stderr, "jiqun: %s: 已导出规则集版本%d，%zu条规则 (rule set version %d, %zu rules)\n",
		              o->out, rs->version, rs->n, rs->version, rs->n);
	rules_free(rs);
	return rc == ERR_OK ? EXIT_OK : cli_fail(e);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int do_import(struct cli_ctx *c, const struct opts *o, const char *path, struct err *e)
{
	struct rule_set *rs = NULL;
	int version = 0;
	enum err_code rc = rules_read_file(path, c->programme, c->codes, &rs, e);
	if (rc == ERR_OK)
		rc = store_rules_put(c->store, rs, o->name ? o->name : base_name(path), base_name(path),
		                     !o->no_activate, &version, e);
	if (rc == ERR_OK) {
		json_t *after = json_pack("{s:i, s:I, s:b}", "version", version, "rules", (json_int_t)rs->n,
		                          "active", !o->no_activate);
		rc = cli_audit(c->store, o->user, "import", "rules", base_name(path), after, e);
		json_decref(after);
	}
	if (rc == ERR_OK)
		(void)printf("%s: 已导入为规则集版本%d，%zu条规则%s (stored as version %d, %zu rules%s)\n", path,
		             version, rs->n, o->no_activate ? "，未启用" : "，已启用", version, rs->n,
		             o->no_activate ? ", not active" : ", active");
	rules_free(rs);
	return rc == ERR_OK ? EXIT_OK : cli_fail(e);
}

static int do_activate(struct cli_ctx *c, const struct opts *o, const char *arg, struct err *e)
{
	int version = 0;
	if (!parse_version(arg, &version))
		return cli_usage(&cmd_rules, "VERSION must be a version number, not '%s'", arg);
	char key[16];
	(void)snprintf(key, sizeof key, "%d", version);
	if (store_rules_activate(c->store, version, e) != ERR_OK ||
	    cli_audit(c->store, o->user, "activate", "rules", key, NULL, e) != ERR_OK)
		return cli_fail(e);
	(void)printf("已启用规则集版本%d (rule set version %d is active); run `jiqun classify` to apply it\n",
	             version, version);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"user", required_argument, NULL, OPT_USER},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"out", required_argument, NULL, OPT_OUT},
		{"name", required_argument, NULL, OPT_NAME},
		{"version", required_argument, NULL, OPT_VERSION},
		{"json", no_argument, NULL, OPT_JSON},
		{"no-activate", no_argument, NULL, OPT_NO_ACTIVATE},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_rules, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first >= argc)
		return cli_usage(&cmd_rules, "expected list, export, import or activate");
	const char *verb = argv[first];
	int nargs = argc - first - 1;
	bool needs_arg = strcmp(verb, "import") == 0 || strcmp(verb, "activate") == 0;
	if (strcmp(verb, "list") != 0 && strcmp(verb, "export") != 0 && !needs_arg)
		return cli_usage(&cmd_rules, "unknown action '%s' (list, export, import or activate)", verb);
	if (nargs != (needs_arg ? 1 : 0))
		return cli_usage(&cmd_rules, needs_arg ? "%s takes one argument" : "%s takes no argument", verb);

	struct err e = {0};
	struct cli_ctx c = {0};
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK ||
	    (needs_arg && cli_require(c.store, o.user, AUTHZ_ADMIN, &e) != ERR_OK)) {
		cli_ctx_close(&c);
		return cli_fail(&e);
	}
	if (strcmp(verb, "list") == 0)
		rc = do_list(&c, &o, &e);
	else if (strcmp(verb, "export") == 0)
		rc = do_export(&c, &o, &e);
	else if (strcmp(verb, "import") == 0)
		rc = do_import(&c, &o, argv[first + 1], &e);
	else
		rc = do_activate(&c, &o, argv[first + 1], &e);
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_rules = {
	.name = "rules",
	.summary = "list, export, import and activate classification rule sets",
	.usage = "jiqun rules list [--json]\n"
	         "       jiqun rules export [--version N] [--format csv|xlsx] [--out FILE]\n"
	         "       jiqun rules import FILE [--name NAME] [--no-activate]\n"
	         "       jiqun rules activate VERSION\n"
	         "       (import and activate take [--user NAME]: a city admin's account)\n"
	         "       (all take [--db PATH])",
	.help = "The rules that `jiqun classify` uses to tag enterprises to the 20+8 industries: GB/T\n"
	        "4754-2017 classes (whole, or partial: needing a keyword too), keywords in the business\n"
	        "scope and main products, and exclusions such as 不含医疗器械. Each import is a new\n"
	        "version with its name, file, SHA-256 and time; one version is active. `jiqun init`\n"
	        "stores the built-in set (data/rules/shenzhen-20plus8.csv) as version 1.\n\n"
	        "  list            the versions (which is active, counts by kind)\n"
	        "  export          the active version (or --version N) as CSV on standard output,\n"
	        "                  or to --out FILE (.csv or .xlsx): the file to edit and import\n"
	        "  import FILE     check FILE (CSV in UTF-8 or GB18030, or XLSX; columns rule_id,\n"
	        "                  industry, kind, code, text, partial, reason) and store it as a new\n"
	        "                  version, made active unless --no-activate. Nothing is stored\n"
	        "                  when any row is wrong; the message names its row and column.\n"
	        "  activate N      make version N the one `jiqun classify` uses\n\n"
	        "Example:\n"
	        "  jiqun rules export --out rules.xlsx && jiqun rules import rules.xlsx --name 2025修订\n",
	.run = run,
};
