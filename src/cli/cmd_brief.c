/*
 * cmd_brief.c - `jiqun brief add INDUSTRY PERIOD FILE.md` stores a curated world-trends brief
 * (markdown: text, figures, a sources list) for the report; `jiqun brief list [--period P]`
 * shows what is stored and, with --period, which industries still lack one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"
#include "model/period.h"
#include "report/report.h"

#define MAX_FILE ((size_t)1 << 20)

enum { OPT_DB = 1, OPT_PERIOD, OPT_JSON, OPT_USER };

struct opts {
	const char *db, *period, *user;
	bool json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	if (id == OPT_DB)
		o->db = arg;
	else if (id == OPT_PERIOD)
		o->period = arg;
	else if (id == OPT_JSON)
		o->json = true;
	else if (id == OPT_USER)
		o->user = arg;
	return 0;
}

/* The whole file (at most MAX_FILE + 1 bytes, so an oversized one is seen as such). */
static enum err_code slurp(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法读取 (cannot read: %s)", path, strerror(errno));
	char *buf = malloc(MAX_FILE + 2);
	if (buf == NULL) {
		(void)fclose(f);
		return err_set(e, ERR_NOMEM, "out of memory");
	}
	size_t n = fread(buf, 1, MAX_FILE + 1, f);
	bool bad = ferror(f);
	(void)fclose(f);
	if (bad) {
		free(buf);
		return err_set(e, ERR_IO, "%s: 读取失败 (read failed)", path);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return ERR_OK;
}

struct list_ctx2 {
	json_t *arr;
};

static int add_row(void *ctx, const char *industry, const char *period, const char *text,
                   const char *file, const char *added_at)
{
	struct list_ctx2 *x = ctx;
	json_array_append_new(x->arr, json_pack("{s:s, s:s, s:s, s:s, s:I}", "industry", industry,
	                                        "period", period, "file", file, "added_at", added_at,
	                                        "bytes", (json_int_t)strlen(text)));
	return 0;
}

static int list(struct cli_ctx *c, const struct opts *o)
{
	struct err e = {0};
	struct period per;
	if (o->period && !period_parse(o->period, &per))
		return cli_usage(&cmd_brief, "bad period '%s' (2025H1, 2025, ...)", o->period);
	struct list_ctx2 x = {json_array()};
	enum err_code rc = store_brief_list(c->store, o->period ? per.label : NULL, add_row, &x, &e);
	if (rc != ERR_OK) {
		json_decref(x.arr);
		return cli_fail(&e);
	}
	json_t *missing = json_array();
	for (size_t i = 0; o->period && i < c->programme->n_industries; i++) {
		const struct industry *ind = &c->programme->industries[i];
		bool found = false;
		size_t k;
		json_t *r;
		json_array_foreach(x.arr, k, r) {
			found |= strcmp(json_string_value(json_object_get(r, "industry")), ind->id) == 0;
		}
		if (!found)
			json_array_append_new(missing, json_pack("{s:s, s:s}", "industry", ind->id, "name_zh", ind->name_zh));
	}
	if (o->json) {
		json_t *v = json_pack("{s:o, s:o}", "briefs", x.arr, "missing", missing);
		char *s = json_dumps(v, JSON_INDENT(2));
		if (s)
			(void)puts(s);
		free(s);
		json_decref(v);
		return EXIT_OK;
	}
	static const char *const head[] = {"产业", "期间", "文件", "字节", "收录时间"};
	static const size_t width[] = {0, 0, 40, 0, 0};
	struct table *t = table_new(5, head, width);
	size_t k;
	json_t *r;
	json_array_foreach(x.arr, k, r) {
		const struct industry *ind = programme_industry(c->programme, json_string_value(json_object_get(r, "industry")));
		char bytes[32];
		(void)snprintf(bytes, sizeof bytes, "%lld", (long long)json_integer_value(json_object_get(r, "bytes")));
		const char *cells[] = {ind ? ind->name_zh : json_string_value(json_object_get(r, "industry")),
		                       json_string_value(json_object_get(r, "period")),
		                       json_string_value(json_object_get(r, "file")), bytes,
		                       json_string_value(json_object_get(r, "added_at"))};
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
	if (o->period) {
		(void)printf("%s：已有简报 %zu 个，缺少简报 %zu 个", per.label_zh, json_array_size(x.arr),
		             json_array_size(missing));
		json_array_foreach(missing, k, r) {
			(void)printf("%s%s", k ? "、" : "：", json_string_value(json_object_get(r, "name_zh")));
		}
		(void)printf("\n");
	}
	json_decref(x.arr);
	json_decref(missing);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"json", no_argument, NULL, OPT_JSON},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_brief, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first >= argc)
		return cli_usage(&cmd_brief, "say add or list");
	const char *verb = argv[first];
	bool add = strcmp(verb, "add") == 0;
	if (!add && strcmp(verb, "list") != 0)
		return cli_usage(&cmd_brief, "unknown action '%s' (add, list)", verb);
	if (add && argc - first != 4)
		return cli_usage(&cmd_brief, "add takes INDUSTRY PERIOD FILE.md");
	if (!add && argc - first != 1)
		return cli_usage(&cmd_brief, "list takes no operands (use --period)");
	struct err e = {0};
	struct cli_ctx c = {0};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc != ERR_OK)
		return cli_fail(&e);
	if (!add) {
		rc = list(&c, &o);
		cli_ctx_close(&c);
		return rc;
	}
	char *text = NULL;
	size_t len = 0;
	/* Who adds it: a city admin, or the industry's commissioner (audited either way). */
	struct principal who;
	char why[256];
	const struct industry *ind = programme_industry_find(c.programme, argv[first + 1]);
	erc = cli_principal(c.store, o.user, &who, &e);
	if (erc == ERR_OK && ind && authz_brief(&who, ind->id, why, sizeof why) != AUTHZ_ALLOW)
		erc = err_set(&e, ERR_FORBIDDEN, "%s", why);
	if (erc == ERR_OK)
		erc = slurp(argv[first + 3], &text, &len, &e);
	if (erc == ERR_OK)
		erc = report_brief_add(c.store, c.programme, argv[first + 1], argv[first + 2], text, len,
		                       argv[first + 3], &e);
	if (erc == ERR_OK) {
		char key[160];
		(void)snprintf(key, sizeof key, "%s %s", ind ? ind->id : argv[first + 1], argv[first + 2]);
		erc = change_audit(c.store, &who, "brief-add", "briefs", 0, key, NULL, NULL,
		                   argv[first + 3], &e);
	}
	if (erc == ERR_OK)
		(void)printf("已收录简报：%s %s（%zu 字节）\n", argv[first + 1], argv[first + 2], len);
	if (erc == ERR_INVALID)
		e.code = erc = ERR_REJECTED;
	free(text);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_brief = {
	.name = "brief",
	.summary = "add or list the world-trends briefs the report quotes",
	.usage = "jiqun brief add INDUSTRY PERIOD FILE.md [--user NAME] [--db PATH]\n"
	         "       jiqun brief list [--period P] [--json] [--db PATH]",
	.help = "A brief is a curated markdown text on one industry's world trends for one period:\n"
	        "text, figures and a sources list (a line 来源 or Sources followed by the sources).\n"
	        "INDUSTRY is an id or Chinese name (jiqun catalog); adding again replaces it. The\n"
	        "report shows briefs as written and lists industries without one as 缺少简报.\n"
	        "With --user NAME the brief is added as that account: a city admin, or a commissioner\n"
	        "of the industry (anyone else is refused); every brief added leaves an audit entry.\n"
	        "Example: jiqun brief add semiconductor-ic 2025H1 ic.md\n",
	.run = run,
};
