/*
 * cmd_compute.c - `jiqun compute`: the programme's figures from enterprise values and
 * memberships (monitor/monitor.h), written in one transaction, with counts and timings.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/context.h"
#include "monitor/monitor.h"

enum { OPT_DB = 1, OPT_THREADS };

struct opts {
	const char *db;
	int threads;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	if (id == OPT_DB)
		o->db = arg;
	if (id == OPT_THREADS) {
		long n;
		if (!cli_number(arg, 0, 64, &n))
			return cli_usage(&cmd_compute, "--threads takes 0..64");
		o->threads = (int)n;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"threads", required_argument, NULL, OPT_THREADS},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_compute, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first != argc)
		return cli_usage(&cmd_compute, "takes no operands");
	struct err e = {0};
	struct cli_ctx c = {0};
	struct monitor_compute_stats st;
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = monitor_compute(c.store, c.programme, o.threads, &st, &e);
	if (erc == ERR_OK) {
		json_t *after = json_pack("{s:I, s:i}", "figures", (json_int_t)st.n_figures, "rule_set",
		                          st.rule_set);
		erc = cli_audit(c.store, NULL, "compute", "figures", NULL, after, &e);
		json_decref(after);
	}
	if (erc == ERR_OK) {
		(void)printf("企业 %zu 家，产业归属 %zu 条，企业指标 %zu 行 -> 期间值 %zu 个，期间 %zu 个\n",
		             st.n_ent, st.n_memberships, st.n_fact_rows, st.n_facts, st.n_periods);
		if (st.rule_set < 0)
			(void)printf("写入统计结果 %zu 条（尚无分类规则版本 no active rule set）\n", st.n_figures);
		else
			(void)printf("写入统计结果 %zu 条（分类规则版本 %d）\n", st.n_figures, st.rule_set);
		(void)printf("用时：读取 %.1f ms，计算 %.1f ms，写入 %.1f ms (load, cube, write)\n",
		             st.ms_load, st.ms_cube, st.ms_write);
	}
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_compute = {
	.name = "compute",
	.summary = "compute the programme's figures from enterprise values and memberships",
	.usage = "jiqun compute [--db PATH] [--threads N]",
	.help = "Reads every enterprise, its industry memberships (from `jiqun classify`) and its\n"
	        "indicator values (from `jiqun import indicators`), converts cumulative values to\n"
	        "period values, and computes for every period and indicator: the programme total\n"
	        "(each enterprise once), categories, industries, districts and the city, each city-wide\n"
	        "and per district, with year-on-year growth, share, share of GDP (published GDP),\n"
	        "location quotient, contribution to growth and the strong-cluster test. The figures\n"
	        "replace the previous ones in one transaction; `jiqun stats` shows them.\n\n"
	        "  --threads N   threads for the cube (default: every core)\n",
	.run = run,
};
