/*
 * cmd_chain.c - `jiqun chain`: industry chain maps (issue 7). show (a map with its coverage,
 * status, concentration and outside supply, and the completeness score with its formula), list
 * (every map's score), gaps (the critical gaps across the programme), import / export (maps),
 * candidates import (enterprises outside the city), suppliers import (supplier relations),
 * settings (the status thresholds). The work is in chain/chains.h and engine/chain.h.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain/chains.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_JSON, OPT_DRY, OPT_OUT, OPT_STRONG, OPT_PRESENT, OPT_CONC };

struct opts {
	const char *db, *out;
	bool json, dry_run;
	long strong, present; /* 0: not given */
	double concentration; /* 0: not given */
	bool bad_number;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	char *end;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_DRY: o->dry_run = true; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_STRONG:
		if (!cli_number(arg, 1, 1000000, &o->strong))
			return cli_usage(&cmd_chain, "--strong takes a whole number >= 1");
		break;
	case OPT_PRESENT:
		if (!cli_number(arg, 1, 1000000, &o->present))
			return cli_usage(&cmd_chain, "--present takes a whole number >= 1");
		break;
	case OPT_CONC:
		errno = 0;
		o->concentration = strtod(arg, &end);
		if (arg[0] == '\0' || *end != '\0' || errno != 0 || !(o->concentration > 0) ||
		    o->concentration > 100)
			return cli_usage(&cmd_chain, "--concentration takes a percentage in (0, 100]");
		break;
	default: break;
	}
	return 0;
}

/* The thresholds in force with the options laid over them. */
static enum err_code settings(struct cli_ctx *c, const struct opts *o, struct chain_settings *set,
                              struct err *e)
{
	enum err_code rc = chains_settings(c->store, set, e);
	if (o->strong)
		set->strong_min = o->strong;
	if (o->present)
		set->present_min = o->present;
	if (o->concentration > 0)
		set->concentration = o->concentration;
	if (rc == ERR_OK && !chain_settings_valid(set))
		rc = err_set(e, ERR_USAGE, "阈值无效：须 1 ≤ --present ≤ --strong（现为 %ld 和 %ld）",
		             set->present_min, set->strong_min);
	return rc;
}

static void yi(double yuan, char out[32])
{
	if (isnan(yuan))
		(void)snprintf(out, 32, "—");
	else
		(void)snprintf(out, 32, "%.2f", yuan / 1e8);
}

static void pct(double v, char out[32])
{
	if (isnan(v))
		(void)snprintf(out, 32, "—");
	else
		(void)snprintf(out, 32, "%.1f%%", v);
}

static void print_view(const struct chains_all *a, const struct chains_view *v)
{
	const struct chain_cov *c = &v->cov;
	char label[64], vh[96];
	chains_value_label(a, label, sizeof label);
	(void)snprintf(vh, sizeof vh, "%s（亿元）", label[0] ? label : "营业收入");
	(void)printf("%s 产业链图谱：完整度 %.1f 分（末级环节 %ld 个：强 %ld、有 %ld、弱 %ld、缺失 %ld、"
	             "卡脖子缺口 %ld）\n",
	             v->ind->name_zh, c->score, c->leaves, c->by_status[CHAIN_STRONG],
	             c->by_status[CHAIN_PRESENT], c->by_status[CHAIN_WEAK], c->by_status[CHAIN_MISSING],
	             c->by_status[CHAIN_CRITICAL_GAP]);
	(void)printf("%s\n", CHAIN_SCORE_FORMULA);
	(void)printf("状态阈值：强 ≥ %ld 家，有 ≥ %ld 家，不足 %ld 家为弱；前两家占比 ≥ %.0f%% 为集中；"
	             "本产业企业 %ld 家（jiqun classify）\n",
	             a->set.strong_min, a->set.present_min, a->set.present_min, a->set.concentration,
	             v->members);
	static const char *const head[] = {"位置", "环节", "编号", "卡脖子", "企业数", "状态", NULL,
	                                   "前两家占比", "HHI", "市外采购占比", "龙头企业"};
	const char *h[11];
	memcpy(h, head, sizeof h);
	h[6] = vh;
	static const size_t width[] = {0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 40};
	struct table *t = table_new(11, h, width);
	for (size_t i = 0; i < v->n; i++) {
		const struct chain_node *n = &v->nodes[i];
		const struct chain_node_cov *nc = &c->nodes[i];
		char name[160], count[24], value[32], top2[32], hhi[32], out[32], leaders[256] = "";
		(void)snprintf(name, sizeof name, "%s%s", n->parent >= 0 ? "└ " : "", n->name);
		(void)snprintf(count, sizeof count, "%ld", nc->count);
		yi(nc->n_value ? nc->value : NAN, value);
		pct(nc->top2_pct, top2);
		if (isnan(nc->hhi))
			(void)snprintf(hhi, sizeof hhi, "—");
		else
			(void)snprintf(hhi, sizeof hhi, "%.0f%s", nc->hhi, nc->concentrated ? " 集中" : "");
		pct(nc->outside_pct, out);
		size_t len = 0;
		for (size_t k = 0; k < nc->n_leaders && k < 3; k++)
			len += (size_t)snprintf(leaders + len, sizeof leaders - len, "%s%s", k ? "、" : "",
			                        a->firms[nc->leaders[k]].name);
		const char *cells[] = {chain_stage_zh(n->stage), name, n->id, n->critical ? "是" : "",
		                       count, chain_status_zh(nc->status), value, top2, hhi, out, leaders};
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
	(void)printf("来源：产业链环节取自政策原文（依据见 --json 的 basis）；企业为企业名录中属于本产业的企业，"
	             "按环节关键词和行业代码标注；%s%s\n",
	             label[0] ? label : "无营业收入数据", label[0] ? "为企业上报数" : "");
}

static int do_show(struct cli_ctx *c, const struct opts *o, const char *industry, struct err *e)
{
	struct chain_settings set;
	struct chains_all a;
	enum err_code rc = settings(c, o, &set, e);
	if (rc == ERR_OK)
		rc = chains_build(c->store, c->programme, industry, &set, &a, e);
	if (rc != ERR_OK)
		return cli_fail(e);
	int ret = EXIT_OK;
	if (o->json)
		ret = cli_print_json(chains_view_json(&a, &a.views[0], false));
	else
		print_view(&a, &a.views[0]);
	chains_all_free(&a);
	return ret;
}

static int do_list(struct cli_ctx *c, const struct opts *o, bool gaps, struct err *e)
{
	struct chain_settings set;
	struct chains_all a;
	enum err_code rc = settings(c, o, &set, e);
	if (rc == ERR_OK)
		rc = chains_build(c->store, c->programme, NULL, &set, &a, e);
	if (rc != ERR_OK)
		return cli_fail(e);
	int ret = EXIT_OK;
	if (o->json) {
		ret = cli_print_json(gaps ? chains_gaps_json(&a) : chains_summary_json(&a));
	} else if (gaps) {
		static const char *const head[] = {"产业", "环节", "编号", "位置", "企业数", "依据"};
		static const size_t width[] = {0, 30, 0, 0, 0, 60};
		struct table *t = table_new(6, head, width);
		long n = 0;
		for (size_t k = 0; k < a.n; k++)
			for (size_t i = 0; i < a.views[k].n; i++) {
				const struct chains_view *v = &a.views[k];
				if (v->cov.nodes[i].status != CHAIN_CRITICAL_GAP)
					continue;
				char count[24];
				(void)snprintf(count, sizeof count, "%ld", v->cov.nodes[i].count);
				const char *cells[] = {v->ind->name_zh, v->nodes[i].name, v->nodes[i].id,
				                       chain_stage_zh(v->nodes[i].stage), count, v->basis[i]};
				table_add(t, cells);
				n++;
			}
		table_print(t, stdout);
		table_free(t);
		(void)printf("卡脖子缺口共 %ld 个（卡脖子环节本地企业不足 %ld 家）\n", n, set.present_min);
	} else {
		static const char *const head[] = {"产业", "环节数", "末级环节", "完整度", "强", "有", "弱",
		                                   "缺失", "卡脖子缺口", "本产业企业"};
		struct table *t = table_new(10, head, NULL);
		for (size_t k = 0; k < a.n; k++) {
			const struct chains_view *v = &a.views[k];
			char b[9][24];
			(void)snprintf(b[0], 24, "%zu", v->n);
			(void)snprintf(b[1], 24, "%ld", v->cov.leaves);
			(void)snprintf(b[2], 24, "%.1f", v->cov.score);
			for (int s = 0; s < CHAIN_STATUSES; s++)
				(void)snprintf(b[3 + s], 24, "%ld", v->cov.by_status[s]);
			(void)snprintf(b[8], 24, "%ld", v->members);
			const char *cells[] = {v->ind->name_zh, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
			                       b[8]};
			table_add(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
		(void)printf("%s\n", CHAIN_SCORE_FORMULA);
	}
	chains_all_free(&a);
	return ret;
}

static const char *const kind_zh[] = {"产业链图谱", "候选企业", "供应关系"};

static int do_import(struct cli_ctx *c, const struct opts *o, enum chains_kind kind,
                     const char *path, struct err *e)
{
	struct chains_import_result r;
	enum err_code rc = chains_import(c->store, &c->lists, kind, path, o->dry_run, &r, e);
	if (rc != ERR_OK && rc != ERR_REJECTED) {
		chains_import_result_free(&r);
		return cli_fail(e);
	}
	if (o->json) {
		json_t *issues = json_array();
		for (size_t i = 0; i < r.issues.n; i++) {
			const struct issue *it = &r.issues.items[i];
			json_array_append_new(issues,
			                      json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "file", path, "row",
			                                (json_int_t)it->row, "column", it->column, "value",
			                                it->value, "code", it->code, "message", it->message));
		}
		(void)cli_print_json(json_pack("{s:s, s:s, s:b, s:b, s:I, s:I, s:o, s:s?}", "kind",
		                           kind == CHAINS_MAP ? "map" : kind == CHAINS_CANDIDATES
		                                                            ? "candidates" : "suppliers",
		                           "file", path, "written", rc == ERR_OK && !o->dry_run,
		                           "dry_run", o->dry_run, "rows", (json_int_t)r.rows, "written_rows",
		                           (json_int_t)r.written, "issues", issues, "ignored_columns",
		                           r.ignored));
	} else {
		if (r.issues.n) {
			static const char *const head[] = {"行", "列", "值", "原因", "代码"};
			static const size_t width[] = {0, 0, 30, 70, 0};
			struct table *t = table_new(5, head, width);
			for (size_t i = 0; i < r.issues.n; i++) {
				const struct issue *it = &r.issues.items[i];
				char row[16];
				(void)snprintf(row, sizeof row, "%u", it->row);
				const char *cells[] = {row, it->column, it->value, it->message, it->code};
				table_add(t, cells);
			}
			table_print(t, stdout);
			table_free(t);
		}
		if (r.ignored)
			(void)fprintf(stderr, "jiqun: 以下列未识别，已忽略 (ignored columns): %s\n", r.ignored);
		if (rc == ERR_REJECTED)
			(void)printf("%s %s: 共%ld行，%zu 处问题（未写入任何数据 nothing written）\n", kind_zh[kind],
			             path, r.rows, r.issues.n);
		else
			(void)printf("%s %s: 共%ld行，写入%ld行%s\n", kind_zh[kind], path, r.rows, r.written,
			             o->dry_run ? "（试导入，未写入 dry run）" : "");
	}
	chains_import_result_free(&r);
	if (rc == ERR_REJECTED) {
		(void)fprintf(stderr, "jiqun: %s\n", e->msg);
		return EXIT_REJECTED;
	}
	return EXIT_OK;
}

static int do_export(struct cli_ctx *c, const struct opts *o, const char *industry, struct err *e)
{
	const char *id = NULL;
	if (strcmp(industry, "all") != 0) {
		const struct industry *ind = programme_industry(c->programme, industry);
		for (size_t i = 0; ind == NULL && i < c->programme->n_industries; i++)
			if (strcmp(c->programme->industries[i].name_zh, industry) == 0)
				ind = &c->programme->industries[i];
		if (ind == NULL) {
			(void)err_set(e, ERR_NOT_FOUND, "没有产业“%s”", industry);
			return cli_fail(e);
		}
		id = ind->id;
	}
	long rows = 0;
	if (chains_export(c->store, c->programme, id, o->out, &rows, e) != ERR_OK)
		return cli_fail(e);
	(void)printf("%s: 已导出 %ld 个环节 (%ld nodes exported)\n", o->out, rows, rows);
	return EXIT_OK;
}

static int do_settings(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	struct chain_settings set;
	if (settings(c, o, &set, e) != ERR_OK)
		return cli_fail(e);
	if ((o->strong || o->present || o->concentration > 0) &&
	    chains_settings_put(c->store, &set, e) != ERR_OK)
		return cli_fail(e);
	if (o->json)
		return cli_print_json(json_pack("{s:I, s:I, s:f}", "strong_min", (json_int_t)set.strong_min,
		                            "present_min", (json_int_t)set.present_min, "concentration",
		                            set.concentration));
	(void)printf("强 ≥ %ld 家（--strong），有 ≥ %ld 家（--present），前两家占比 ≥ %.1f%% 为集中"
	             "（--concentration）\n",
	             set.strong_min, set.present_min, set.concentration);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"json", no_argument, NULL, OPT_JSON},
		{"dry-run", no_argument, NULL, OPT_DRY},
		{"out", required_argument, NULL, OPT_OUT},
		{"strong", required_argument, NULL, OPT_STRONG},
		{"present", required_argument, NULL, OPT_PRESENT},
		{"concentration", required_argument, NULL, OPT_CONC},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_chain, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	int n = argc - first;
	char **a = argv + first;
	if (n < 1)
		return cli_usage(&cmd_chain, "say what to do: show, list, gaps, import, export, "
		                             "candidates, suppliers or settings");
	const char *verb = a[0];
	enum chains_kind kind = CHAINS_MAP;
	const char *arg = "";
	if (strcmp(verb, "show") == 0 || strcmp(verb, "export") == 0 || strcmp(verb, "import") == 0) {
		if (n != 2)
			return cli_usage(&cmd_chain, "%s takes one argument", verb);
		arg = a[1];
	} else if (strcmp(verb, "candidates") == 0 || strcmp(verb, "suppliers") == 0) {
		if (n != 3 || strcmp(a[1], "import") != 0)
			return cli_usage(&cmd_chain, "usage: jiqun chain %s import FILE", verb);
		kind = verb[0] == 'c' ? CHAINS_CANDIDATES : CHAINS_SUPPLIERS;
		arg = a[2];
	} else if (strcmp(verb, "list") == 0 || strcmp(verb, "gaps") == 0 ||
	           strcmp(verb, "settings") == 0) {
		if (n != 1)
			return cli_usage(&cmd_chain, "%s takes no argument", verb);
	} else {
		return cli_usage(&cmd_chain, "unknown action '%s'", verb);
	}
	if (strcmp(verb, "export") == 0 && o.out == NULL)
		return cli_usage(&cmd_chain, "export needs --out FILE.xlsx or FILE.csv");

	struct err e = {0};
	struct cli_ctx c = {0};
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK) {
		cli_ctx_close(&c);
		return cli_fail(&e);
	}
	if (strcmp(verb, "show") == 0)
		rc = do_show(&c, &o, arg, &e);
	else if (strcmp(verb, "list") == 0 || strcmp(verb, "gaps") == 0)
		rc = do_list(&c, &o, verb[0] == 'g', &e);
	else if (strcmp(verb, "export") == 0)
		rc = do_export(&c, &o, arg, &e);
	else if (strcmp(verb, "settings") == 0)
		rc = do_settings(&c, &o, &e);
	else
		rc = do_import(&c, &o, kind, arg, &e);
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_chain = {
	.name = "chain",
	.summary = "industry chain maps: coverage, weak links, supply risk; import and export",
	.usage = "jiqun chain show INDUSTRY [--json] [--strong N] [--present N] [--concentration PCT]\n"
	         "       jiqun chain list [--json]\n"
	         "       jiqun chain gaps [--json]\n"
	         "       jiqun chain import FILE [--dry-run] [--json]\n"
	         "       jiqun chain export INDUSTRY|all --out FILE.xlsx|FILE.csv\n"
	         "       jiqun chain candidates import FILE [--dry-run] [--json]\n"
	         "       jiqun chain suppliers import FILE [--dry-run] [--json]\n"
	         "       jiqun chain settings [--strong N] [--present N] [--concentration PCT]\n"
	         "       (all take [--db PATH])",
	.help = "Each industry's chain map (built in from the policy's own segments and technologies,\n"
	        "loaded by `jiqun init`; edit it by exporting, changing and importing it) with the\n"
	        "enterprises of that industry (`jiqun classify`) tagged to its nodes by keywords in\n"
	        "their business scope and products and by their GB/T 4754 class.\n\n"
	        "  show INDUSTRY  nodes with their count of enterprises, status (强/有/弱/缺失/卡脖子缺口),\n"
	        "                 revenue, share of the two largest, HHI, share bought from outside the\n"
	        "                 city, leading enterprises; the completeness score and its formula.\n"
	        "                 --json prints {\"nodes\":[...],\"coverage\":{...}}\n"
	        "  list / gaps    every map's score / the critical gaps of the programme\n"
	        "  import FILE    chain maps (CSV or XLSX): 产业, 环节编号, 环节名称, 环节位置, 上级环节,\n"
	        "                 卡脖子, 关键词 (a|b), 行业代码 (a|b), 依据; replaces the maps of the\n"
	        "                 industries in the file, all or nothing\n"
	        "  export         the same columns, for editing\n"
	        "  candidates import FILE   enterprises outside the city (the enterprise list's columns\n"
	        "                 plus 所在城市, 目标产业, 营业收入（万元）), for `jiqun leads suggest`\n"
	        "  suppliers import FILE    supplier relations: 采购方信用代码, 供应商名称, 供应商信用代码,\n"
	        "                 供应商所在城市, 环节编号, 采购金额（万元）\n"
	        "  settings       the thresholds: --strong N (default 5) enterprises for 强, --present N\n"
	        "                 (default 2) for 有 (fewer is 弱), --concentration PCT (default 80):\n"
	        "                 the two largest carrying this share make a node 集中. The same options\n"
	        "                 on show, list and gaps apply once without storing them.\n\n"
	        "Example:\n"
	        "  jiqun chain show semiconductor-ic\n"
	        "  jiqun chain export 半导体与集成电路 --out ic.xlsx\n",
	.run = run,
};
