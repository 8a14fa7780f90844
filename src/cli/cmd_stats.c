/*
 * cmd_stats.c - `jiqun stats --period P`: the programme's figures for one period, computed and
 * published side by side (monitor/monitor.h), as a table in 亿元 or as JSON in yuan.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonfmt.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"
#include "monitor/monitor.h"

enum { OPT_DB = 1, OPT_PERIOD, OPT_LEVEL, OPT_KEY, OPT_INDICATOR, OPT_DISTRICT, OPT_JSON };

struct opts {
	const char *db, *indicator;
	struct monitor_query q;
	bool json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_PERIOD: o->q.period = arg; break;
	case OPT_LEVEL: o->q.level = arg; break;
	case OPT_KEY: o->q.key = arg; break;
	case OPT_INDICATOR: o->indicator = arg; break;
	case OPT_DISTRICT: o->q.district = arg; break;
	case OPT_JSON: o->json = true; break;
	default: break;
	}
	return 0;
}

/* A number with `dec` decimals, or "—" for none. */
static void fmt(char *out, size_t cap, double v, int dec)
{
	if (isnan(v))
		(void)snprintf(out, cap, "—");
	else
		(void)snprintf(out, cap, "%.*f", dec, v);
}

static void print_table(const struct monitor_report *r)
{
	static const char *const head[] = {"层级", "对象", "区", "指标", "数值", "单位", "增速%",
	                                   "占GDP%", "来源", "差异%", "目标进度%"};
	static const size_t width[] = {0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	static const char *const level_zh[][2] = {{"programme", "总体"}, {"category", "类别"},
	                                          {"industry", "产业"}, {"district", "区"},
	                                          {"city", "全市"}};
	struct table *t = table_new(11, head, width);
	for (size_t i = 0; i < r->n_figures; i++) {
		const struct monitor_figure *g = &r->figures[i];
		const struct indicator_def *d = &indicator_defs[g->indicator];
		char value[32], growth[16], gdp[16], diff[16], progress[16];
		bool money = d->dim == DIM_MONEY;
		fmt(value, sizeof value, money ? g->value / 1e8 : g->value, money ? 2 : 0);
		fmt(growth, sizeof growth, g->growth_pct, 1);
		fmt(gdp, sizeof gdp, g->share_gdp_pct, 2);
		fmt(diff, sizeof diff, g->difference_pct, 2);
		fmt(progress, sizeof progress, g->target_progress_pct, 2);
		const char *lv = g->level;
		for (size_t k = 0; k < sizeof level_zh / sizeof *level_zh; k++)
			if (strcmp(level_zh[k][0], g->level) == 0)
				lv = level_zh[k][1];
		const char *cells[] = {lv, g->name, g->district_name, d->name_zh,
		                       value, money ? "亿元" : d->base_unit, growth, gdp,
		                       g->published ? "发布" : "计算", diff, progress};
		table_add(t, cells);
	}
	(void)printf("%s（%s）\n", r->period.label_zh, r->period.label);
	table_print(t, stdout);
	table_free(t);
	for (size_t i = 0; i < r->n_overlaps; i++)
		(void)printf("说明：%s\n", r->overlaps[i].explanation);
	for (size_t i = 0; i < r->n_flags; i++)
		(void)printf("注意：%s\n", r->flags[i].message);
	if (r->computed_at[0])
		(void)printf("计算：%s；发布：各行来源见 --json 的 source_text\n", r->computed_at);
	else
		(void)printf("尚未计算：请先运行 jiqun compute (nothing computed yet)\n");
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"key", required_argument, NULL, OPT_KEY},
		{"indicator", required_argument, NULL, OPT_INDICATOR},
		{"district", required_argument, NULL, OPT_DISTRICT},
		{"json", no_argument, NULL, OPT_JSON},
		{0, 0, 0, 0},
	};
	struct opts o = {.q.indicator = -1};
	int first, rc = cli_parse(&cmd_stats, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first != argc)
		return cli_usage(&cmd_stats, "takes no operands");
	if (o.q.period == NULL)
		return cli_usage(&cmd_stats, "--period is required (2025, 2025H1, 2025Q3, 2025-07)");
	if (o.indicator && (o.q.indicator = indicator_find(o.indicator)) < 0)
		return cli_usage(&cmd_stats, "unknown indicator '%s'", o.indicator);
	struct err e = {0};
	struct cli_ctx c = {0};
	struct monitor_report r = {0};
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = monitor_report(c.store, c.programme, &o.q, &r, &e);
	if (erc == ERR_INVALID)
		e.code = erc = ERR_USAGE;
	if (erc == ERR_OK && o.json) {
		json_t *v = monitor_report_json(&r);
		char *s = json_dumps(v, JSON_INDENT(2) | JSON_SHOWN_PRECISION);
		if (s)
			(void)puts(s);
		free(s);
		json_decref(v);
	} else if (erc == ERR_OK) {
		print_table(&r);
	}
	monitor_report_free(&r);
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_stats = {
	.name = "stats",
	.summary = "show the programme's figures for a period, computed and published",
	.usage = "jiqun stats --period P [--level L] [--key K] [--indicator I] [--district D]\n"
	         "       [--db PATH] [--json]",
	.help = "P is 2025, 2025H1, 2025Q3 or 2025-07. L is programme, category, industry, district\n"
	        "or city; K an id or Chinese name at that level; I an indicator id or Chinese name\n"
	        "(value_added 增加值, revenue 营业收入, employees 从业人员, gdp 地区生产总值, ...);\n"
	        "D limits the figures to one district. Each figure is labelled by source: computed\n"
	        "(from enterprise values by `jiqun compute`) or published (imported aggregates); where\n"
	        "both exist their difference is shown. Money in 亿元 in the table, yuan in --json.\n"
	        "Also shown: share of GDP (published GDP of the city or district), progress to the\n"
	        "programme's value-added target, the overlap of industries, and published districts\n"
	        "that do not add up to the published city figure.\n",
	.run = run,
};
