/*
 * cmd_leads.c - `jiqun leads suggest INDUSTRY`: candidates from the imported pool of enterprises
 * outside the city for each weak, missing or critical-gap node of the industry's chain map,
 * ranked with the reason; --add puts chosen ones on the investment-promotion list (招商引资清单)
 * with channel 产业链招商, through the list's own validation, all or nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "chain/chains.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_JSON, OPT_NODE, OPT_LIMIT, OPT_ADD, OPT_USER };

struct opts {
	const char *db, *node, *add, *user;
	long limit;
	bool json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_NODE: o->node = arg; break;
	case OPT_ADD: o->add = arg; break;
	case OPT_USER: o->user = arg; break;
	case OPT_LIMIT:
		if (!cli_number(arg, 1, 10000, &o->limit))
			return cli_usage(&cmd_leads, "--limit takes a whole number from 1 to 10000");
		break;
	default: break;
	}
	return 0;
}

/* "a,b,,c" -> the non-empty items (pointers into the copy `buf`). */
static size_t split_list(char *buf, const char **items, size_t cap)
{
	size_t n = 0;
	for (char *p = buf; p && *p && n < cap;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			items[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

#define MAX_ADD 100

static int add(struct cli_ctx *c, const struct opts *o, const struct chains_view *v,
               struct err *e)
{
	char *buf = xstrdup(o->add);
	const char *who[MAX_ADD];
	size_t n = split_list(buf, who, MAX_ADD);
	struct chains_added *added = NULL;
	size_t n_added = 0;
	struct principal p;
	enum err_code rc = n == 0 ? err_set(e, ERR_USAGE, "--add takes credit codes or names, "
	                                              "separated by commas")
	                          : cli_principal(c->store, o->user, &p, e);
	if (rc == ERR_OK)
		rc = chains_add_leads(c->store, &c->lists, &p, v, o->node, who, n, "cli", &added,
		                      &n_added, e);
	free(buf);
	if (rc != ERR_OK)
		return cli_fail(e);
	if (o->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n_added; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:I}", "name", added[i].name,
			                                     "node", added[i].node, "existed", added[i].existed,
			                                     "lead_id", (json_int_t)added[i].id));
		chains_added_free(added, n_added);
		return cli_print_json(json_pack("{s:o}", "added", arr));
	}
	for (size_t i = 0; i < n_added; i++)
		(void)printf(added[i].existed ? "%s：已在招商引资清单中（线索 %lld），未改动\n"
		                              : "%s：已加入招商引资清单（线索 %lld，环节“%s”，产业链招商）\n",
		             added[i].name, added[i].id, added[i].node);
	chains_added_free(added, n_added);
	return EXIT_OK;
}

static int suggest(struct cli_ctx *c, const struct opts *o, const char *industry, struct err *e)
{
	struct chains_all a;
	if (chains_build(c->store, c->programme, industry, NULL, &a, e) != ERR_OK)
		return cli_fail(e);
	const struct chains_view *v = &a.views[0];
	int ret = EXIT_OK;
	if (o->add) {
		ret = add(c, o, v, e);
		chains_all_free(&a);
		return ret;
	}
	struct chains_suggestions sg;
	if (chains_suggest(c->store, v, o->node, o->limit ? o->limit : 5, &sg, e) != ERR_OK) {
		chains_all_free(&a);
		return cli_fail(e);
	}
	if (o->json) {
		ret = cli_print_json(json_pack("{s:s, s:o}", "industry", v->ind->id, "suggestions",
		                           chains_suggestions_json(v, &sg)));
	} else if (sg.n == 0) {
		(void)printf("%s：没有匹配薄弱或缺失环节的候选企业（候选企业库 %zu 家；"
		             "jiqun chain candidates import FILE）\n",
		             v->ind->name_zh, sg.n_cands);
	} else {
		static const char *const head[] = {"环节", "状态", "候选企业", "信用代码", "所在城市",
		                                   "得分", "理由"};
		static const size_t width[] = {24, 0, 36, 0, 0, 0, 70};
		struct table *t = table_new(7, head, width);
		for (size_t i = 0; i < sg.n; i++) {
			const struct chains_suggestion *s = &sg.items[i];
			char score[16];
			(void)snprintf(score, sizeof score, "%.0f", s->score);
			const char *cells[] = {v->nodes[s->node].name,
			                       chain_status_zh(v->cov.nodes[s->node].status), s->c.name,
			                       s->c.uscc ? s->c.uscc : "", s->c.city, score, s->reason};
			table_add(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
		(void)printf("得分：环节匹配（关键词40，行业代码30，两者50）+ 规模（大型20，中型12，小型6，微型2）"
		             "+ 标签（国家级小巨人15，省级专精特新10，上市10，单项冠军8，独角兽8，高新技术5）；"
		             "加入招商清单：--add 信用代码或名称[,…]\n");
	}
	chains_suggestions_free(&sg);
	chains_all_free(&a);
	return ret;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"json", no_argument, NULL, OPT_JSON},
		{"node", required_argument, NULL, OPT_NODE},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"add", required_argument, NULL, OPT_ADD},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_leads, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (argc - first != 2 || strcmp(argv[first], "suggest") != 0)
		return cli_usage(&cmd_leads, "usage: jiqun leads suggest INDUSTRY");
	struct err e = {0};
	struct cli_ctx c = {0};
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK) {
		cli_ctx_close(&c);
		return cli_fail(&e);
	}
	rc = suggest(&c, &o, argv[first + 1], &e);
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_leads = {
	.name = "leads",
	.summary = "chain-based investment targeting: suggest candidates for weak links, add leads",
	.usage = "jiqun leads suggest INDUSTRY [--node ID] [--limit N] [--add USCC|NAME,...] [--user NAME] "
	         "[--json] [--db PATH]",
	.help = "For each weak (弱), missing (缺失) or critical-gap (卡脖子缺口) node of the industry's\n"
	        "chain map (`jiqun chain show`), the candidate enterprises outside the city\n"
	        "(`jiqun chain candidates import`) whose business scope, products or class match the\n"
	        "node, ranked: critical gaps first, then missing, then weak nodes; within a node by\n"
	        "score (node match, size, tags such as 专精特新 and listed), then revenue, then name.\n\n"
	        "  --node ID     only this node (whatever its status)\n"
	        "  --limit N     candidates per node (default 5)\n"
	        "  --add LIST    add these candidates (credit codes or names, comma-separated) to the\n"
	        "                investment-promotion list as leads: channel 产业链招商, stage 线索, the\n"
	        "                node and the reason; checked as any lead is, all or nothing. A candidate\n"
	        "                already on the list is left as it is.\n"
	        "  --user NAME   add them as this account (its role decides; each new lead leaves an\n"
	        "                audit entry); default: the local operator\n"
	        "  --json        print JSON\n\n"
	        "Example:\n"
	        "  jiqun leads suggest semiconductor-ic --node ic-up-2\n",
	.run = run,
};
