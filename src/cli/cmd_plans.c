/*
 * cmd_plans.c - `jiqun plans import|list|export` and `jiqun targets`: the programme's targets at
 * three levels (规划, 三年滚动, 年度), versioned, and their progress (plans/plans.h).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"
#include "plans/plans.h"

enum { OPT_DB = 1, OPT_JSON, OPT_LEVEL, OPT_VERSION, OPT_VERSIONS, OPT_OUT, OPT_DRY_RUN, OPT_YEAR,
       OPT_ACTUALS, OPT_USER };

struct opts {
	const char *db, *out, *actuals, *user;
	bool json, versions, dry_run;
	int level, version, year;
	const struct cli_cmd *cmd;
};

static int parse_pos_int(const struct cli_cmd *cmd, const char *name, const char *arg, int lo,
                         int hi, int *out)
{
	long v;
	if (!cli_number(arg, lo, hi, &v))
		return cli_usage(cmd, "%s must be a whole number from %d to %d, not '%s'", name, lo, hi, arg);
	*out = (int)v;
	return 0;
}

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	enum plan_level l;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_VERSIONS: o->versions = true; break;
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_ACTUALS: o->actuals = arg; break;
	case OPT_USER: o->user = arg; break;
	case OPT_LEVEL:
		if (!plan_level_parse(arg, &l))
			return cli_usage(o->cmd, "--level must be five_year, rolling or annual, not '%s'", arg);
		o->level = (int)l;
		break;
	case OPT_VERSION: return parse_pos_int(o->cmd, "--version", arg, 1, 1000000, &o->version);
	case OPT_YEAR: return parse_pos_int(o->cmd, "--year", arg, 1949, 2200, &o->year);
	default: break;
	}
	return 0;
}

/* A target's value as people read it: money in 亿元. */
static void show_value(char *out, size_t len, double v, const char *unit)
{
	if (strcmp(unit, "元") == 0)
		(void)snprintf(out, len, "%.2f亿元", v / 1e8);
	else
		(void)snprintf(out, len, "%.10g%s", v, unit);
}

static const char *key_label(const struct programme *p, const struct plan_target *t)
{
	if (t->scope == SCOPE_INDUSTRY) {
		const struct industry *ind = programme_industry(p, t->key);
		return ind ? ind->name_zh : t->key;
	}
	if (t->scope == SCOPE_DISTRICT) {
		const struct district *d = programme_district(p, t->key);
		return d ? d->name_zh : t->key;
	}
	if (t->scope == SCOPE_CATEGORY)
		for (size_t i = 0; i < p->n_categories; i++)
			if (strcmp(p->categories[i].id, t->key) == 0)
				return p->categories[i].name_zh;
	return t->key[0] ? t->key : "全市";
}

/* ---- plans import ---- */

static int do_import(struct cli_ctx *c, const char *path, const struct opts *o)
{
	struct err e = {0};
	struct plans_read rd;
	int versions[PLAN_LEVELS];
	struct principal who;
	char why[256];
	memset(&rd, 0, sizeof rd);
	/* Who may: authz_check; the import and its audit entry (written once it is in). */
	enum err_code rc = cli_principal(c->store, o->user, &who, &e);
	if (rc == ERR_OK &&
	    authz_check(&who, AUTHZ_IMPORT_PLANS, NULL, NULL, NULL, why, sizeof why) != AUTHZ_ALLOW)
		rc = err_set(&e, ERR_FORBIDDEN, "--user %s: %s", o->user, why);
	if (rc == ERR_OK)
		rc = plans_import(c->store, c->programme, path, o->dry_run, &rd, versions, &e);
	if (rc == ERR_OK && !o->dry_run) {
		json_t *after = json_pack("{s:s, s:I, s:[i,i,i]}", "file", path, "targets", (json_int_t)rd.n,
		                          "versions", versions[0], versions[1], versions[2]);
		const char *slash = strrchr(path, '/');
		rc = change_audit(c->store, &who, "import", "plans", 0, slash ? slash + 1 : path, NULL,
		                  after, NULL, &e);
		json_decref(after);
	}
	for (size_t i = 0; i < rd.n_issues; i++) {
		const struct plans_issue *is = &rd.issues[i];
		(void)fprintf(stderr, "%s: 第%zu行%s%s%s：%s\n", path, is->row, is->column[0] ? "，“" : "",
		              is->column, is->column[0] ? "”列" : "", is->why);
	}
	if (rc == ERR_OK) {
		if (o->dry_run)
			(void)printf("%s: 检查通过，%zu 条目标（未写入，--dry-run）\n", path, rd.n);
		for (int l = 0; l < PLAN_LEVELS && !o->dry_run; l++) {
			size_t k = 0;
			for (size_t i = 0; i < rd.n; i++)
				k += (int)rd.t[i].level == l;
			if (versions[l])
				(void)printf("%s: 已导入%s目标第%d版，%zu 条 (imported %s plan version %d)\n", path,
				             plan_level_label_zh((enum plan_level)l), versions[l], k,
				             plan_level_name((enum plan_level)l), versions[l]);
		}
	}
	plans_read_free(&rd);
	return rc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

/* ---- plans list ---- */

static int list_versions(struct cli_ctx *c, const struct opts *o);

struct vctx {
	json_t *arr;
	struct table *t;
};

static int each_version(void *ctx, const struct plan_version_info *v)
{
	struct vctx *x = ctx;
	if (x->arr) {
		json_array_append_new(x->arr, json_pack("{s:s, s:i, s:s, s:s, s:I}", "level",
		                                        plan_level_name(v->level), "version", v->version,
		                                        "source", v->source, "imported_at", v->imported_at,
		                                        "targets", (json_int_t)v->targets));
		return 0;
	}
	char ver[16], n[24];
	(void)snprintf(ver, sizeof ver, "%d", v->version);
	(void)snprintf(n, sizeof n, "%ld", v->targets);
	const char *row[] = {plan_level_label_zh(v->level), ver, v->source, v->imported_at, n};
	table_add(x->t, row);
	return 0;
}

static int list_versions(struct cli_ctx *c, const struct opts *o)
{
	static const char *const head[] = {"层级", "版本", "来源", "导入时间", "目标数"};
	struct vctx x = {.arr = o->json ? json_array() : NULL,
	                 .t = o->json ? NULL : table_new(5, head, NULL)};
	struct err e = {0};
	struct plan_target b[8];
	size_t nb = plan_builtin_targets(c->programme, b, 8);
	if (x.t) {
		char n[24];
		(void)snprintf(n, sizeof n, "%zu", nb);
		const char *row[] = {"规划", "0", "内置：政策文件二（三）", "—", n};
		table_add(x.t, row);
	} else {
		json_array_append_new(x.arr, json_pack("{s:s, s:i, s:s, s:n, s:I}", "level", "five_year",
		                                       "version", 0, "source", "built-in", "imported_at",
		                                       "targets", (json_int_t)nb));
	}
	enum err_code rc = store_plan_versions(c->store, each_version, &x, &e);
	if (rc != ERR_OK) {
		json_decref(x.arr);
		table_free(x.t);
		return cli_fail(&e);
	}
	if (x.arr)
		return cli_print_json(x.arr);
	table_print(x.t, stdout);
	table_free(x.t);
	return EXIT_OK;
}

static int list_targets(struct cli_ctx *c, const struct plans_set *set, const struct opts *o)
{
	if (o->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < set->n; i++)
			json_array_append_new(arr, plans_target_json(set, &set->t[i]));
		return cli_print_json(json_pack("{s:s, s:o}", "programme", c->programme->id, "targets", arr));
	}
	static const char *const head[] = {"层级", "版本", "范围", "对象", "指标", "年份", "基期",
	                                   "目标值", "门槛", "说明"};
	static const size_t width[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 48};
	struct table *t = table_new(10, head, width);
	for (size_t i = 0; i < set->n; i++) {
		const struct plan_target *x = &set->t[i];
		char ver[16], year[8], base[8], val[48], thr[48] = "—";
		(void)snprintf(ver, sizeof ver, "%s", set->version[x->level] ? "" : "内置");
		if (set->version[x->level])
			(void)snprintf(ver, sizeof ver, "第%d版", set->version[x->level]);
		(void)snprintf(year, sizeof year, "%d", x->year);
		(void)snprintf(base, sizeof base, "%d", x->base_year);
		show_value(val, sizeof val, x->value, x->unit);
		if (x->has_threshold)
			show_value(thr, sizeof thr, x->threshold, "元");
		const char *row[] = {plan_level_label_zh(x->level), ver, plan_scope_label_zh(x->scope),
		                     key_label(c->programme, x), x->indicator, year, base, val, thr,
		                     x->note[0] ? x->note : "—"};
		table_add(t, row);
	}
	table_print(t, stdout);
	table_free(t);
	return EXIT_OK;
}

static int plans_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"json", no_argument, NULL, OPT_JSON},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"version", required_argument, NULL, OPT_VERSION},
		{"versions", no_argument, NULL, OPT_VERSIONS},
		{"out", required_argument, NULL, OPT_OUT},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	if (argc < 2)
		return cli_usage(&cmd_plans, "missing subcommand (import, list or export)");
	const char *sub = argv[1];
	bool imp = strcmp(sub, "import") == 0, lst = strcmp(sub, "list") == 0,
	     exp = strcmp(sub, "export") == 0;
	if (!imp && !lst && !exp)
		return cli_usage(&cmd_plans, "unknown subcommand '%s'", sub);
	struct opts o = {.level = -1, .cmd = &cmd_plans};
	int first, rc = cli_parse(&cmd_plans, argc - 1, argv + 1, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	first++;
	if (imp && argc - first != 1)
		return cli_usage(&cmd_plans, "import takes one file");
	if (!imp && argc - first != 0)
		return cli_usage(&cmd_plans, "unexpected argument '%s'", argv[first]);
	if (o.version && o.level < 0)
		return cli_usage(&cmd_plans, "--version needs --level");
	if ((imp && (o.json || o.versions || o.out || o.level >= 0)) || (!imp && (o.dry_run || o.user)) ||
	    (exp && (o.json || o.versions)) || (lst && o.out))
		return cli_usage(&cmd_plans, "an option does not apply to %s", sub);

	struct cli_ctx c = {0};
	struct err e = {0};
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK) {
		cli_ctx_close(&c);
		return cli_fail(&e);
	}
	if (imp) {
		rc = do_import(&c, argv[first], &o);
	} else if (lst && o.versions) {
		rc = list_versions(&c, &o);
	} else {
		struct plans_set set;
		if (plans_current(c.store, c.programme, o.level, o.version, &set, &e) != ERR_OK)
			rc = cli_fail(&e);
		else if (lst)
			rc = list_targets(&c, &set, &o);
		else
			rc = plans_export(&set, o.out, &e) == ERR_OK ? EXIT_OK : cli_fail(&e);
		plans_set_free(&set);
	}
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_plans = {
	.name = "plans",
	.summary = "targets at three levels (规划, 三年滚动, 年度), versioned: import, list, export",
	.usage = "jiqun plans import FILE [--dry-run] [--db PATH]\n"
	         "       jiqun plans list [--level L [--version N]] [--versions] [--json] [--db PATH]\n"
	         "       jiqun plans export [--out FILE.csv|FILE.xlsx] [--level L [--version N]] [--db PATH]",
	.help = "Plans hold targets at three levels: five_year (规划), rolling (三年滚动) and annual\n"
	        "(年度). Each import adds the next version of every level in the file; older versions\n"
	        "are kept. Without an imported five-year plan the programme's own targets apply\n"
	        "(战略性新兴产业增加值超过1.5万亿元 in 2025; six clusters at 1000亿元 or more).\n\n"
	        "The file (.csv in UTF-8 or GBK, or .xlsx) has the columns 层级/level, 范围/scope\n"
	        "(全市, 类别, 产业, 区), 对象/key (empty for 全市), 指标/indicator (value_added,\n"
	        "gdp, revenue, ... or 增加值, 地区生产总值, ...), 年份/year, 基期/base_year\n"
	        "(optional), 目标值/value, 单位/unit (元, 万元, 亿元, 万亿元, %, 个, ...),\n"
	        "门槛/threshold (亿元; makes a count target), 说明/note. Every bad row is reported with\n"
	        "its row, column and reason, and then nothing is imported.\n\n"
	        "  --level L     five_year, rolling or annual\n"
	        "  --version N   that version of the level instead of the one in force\n"
	        "  --versions    list the stored versions\n"
	        "  --out FILE    export to FILE (.csv or .xlsx); default CSV on standard output\n"
	        "  --dry-run     check the file, write nothing\n\n"
	        "Example: jiqun plans import 年度目标2025.xlsx && jiqun plans list\n",
	.run = plans_run,
};

/* ---- targets ---- */

static void pct(char *out, size_t len, bool has, double v, int why)
{
	if (has)
		(void)snprintf(out, len, "%.1f%%", v);
	else
		(void)snprintf(out, len, "%s", tgt_reason_zh((enum tgt_reason)why));
}

static int targets_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"json", no_argument, NULL, OPT_JSON},
		{"year", required_argument, NULL, OPT_YEAR},
		{"actuals", required_argument, NULL, OPT_ACTUALS},
		{0, 0, 0, 0},
	};
	struct opts o = {.level = -1, .cmd = &cmd_targets};
	int first, rc = cli_parse(&cmd_targets, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first < argc)
		return cli_usage(&cmd_targets, "unexpected argument '%s'", argv[first]);
	if (o.year == 0)
		return cli_usage(&cmd_targets, "--year is required");

	struct cli_ctx c = {0};
	struct err e = {0};
	struct plans_set set = {0};
	struct plans_actuals act = {0};
	struct plans_read issues = {0};
	struct plans_progress *g = NULL;
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK ||
	    plans_current(c.store, c.programme, -1, 0, &set, &e) != ERR_OK ||
	    (o.actuals && plans_actuals_csv(o.actuals, c.programme, &act, &issues, &e) != ERR_OK)) {
		for (size_t i = 0; i < issues.n_issues; i++)
			(void)fprintf(stderr, "%s: 第%zu行%s%s%s：%s\n", o.actuals, issues.issues[i].row,
			              issues.issues[i].column[0] ? "，“" : "", issues.issues[i].column,
			              issues.issues[i].column[0] ? "”列" : "", issues.issues[i].why);
		rc = cli_fail(&e);
		goto out;
	}
	g = calloc(set.n ? set.n : 1, sizeof *g);
	if (g == NULL) {
		rc = EXIT_FAIL;
		goto out;
	}
	for (size_t i = 0; i < set.n; i++)
		if (plans_progress(&set.t[i], &act, o.year, &g[i], &e) != ERR_OK) {
			rc = cli_fail(&e);
			goto out;
		}
	if (o.json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < set.n; i++)
			json_array_append_new(arr, plans_progress_json(&set, &g[i]));
		rc = cli_print_json(json_pack("{s:i, s:s, s:o}", "year", o.year, "programme",
		                          c.programme->id, "targets", arr));
		goto out;
	}
	static const char *const head[] = {"层级", "范围", "对象", "指标", "目标", "实际", "完成",
	                                   "时间进度", "尚需年均增速", "趋势预测（区间）", "判断"};
	static const size_t width[] = {0, 0, 0, 0, 0, 0, 0, 0, 24, 40, 0};
	struct table *t = table_new(11, head, width);
	for (size_t i = 0; i < set.n; i++) {
		const struct plan_target *x = &set.t[i];
		const struct tgt_result *r = &g[i].r;
		char goal[96], actual[64], share[64], elapsed[64], need[64], proj[160];
		show_value(goal, sizeof goal, x->value, x->unit);
		if (x->has_threshold) {
			char thr[48];
			show_value(thr, sizeof thr, x->threshold, "元");
			(void)snprintf(goal, sizeof goal, "%.0f个≥%s", x->value, thr);
			(void)snprintf(actual, sizeof actual, g[i].count_known ? "%d个" : "—", g[i].count);
			(void)snprintf(need, sizeof need, "—");
			(void)snprintf(proj, sizeof proj, "—");
		} else {
			(void)snprintf(actual, sizeof actual, "—");
			if (r->has_share)
				show_value(actual, sizeof actual, r->share * x->value, x->unit);
			pct(need, sizeof need, r->has_needed, r->needed_pct, r->why_needed);
			if (r->has_projection) {
				char v[48], lo[48], hi[48];
				show_value(v, sizeof v, r->projected, x->unit);
				show_value(lo, sizeof lo, r->projected_low, x->unit);
				show_value(hi, sizeof hi, r->projected_high, x->unit);
				(void)snprintf(proj, sizeof proj, "%s（%s～%s）", v, lo, hi);
			} else {
				(void)snprintf(proj, sizeof proj, "%s", tgt_reason_zh(r->why_projection));
			}
		}
		pct(share, sizeof share, r->has_share, r->share * 100, r->why_share);
		pct(elapsed, sizeof elapsed, r->has_elapsed, r->elapsed * 100, r->why_elapsed);
		const char *row[] = {plan_level_label_zh(x->level), plan_scope_label_zh(x->scope),
		                     key_label(c.programme, x), x->indicator, goal, actual, share,
		                     elapsed, need, proj, tgt_status_label_zh(r->status)};
		table_add(t, row);
	}
	(void)printf("%d年目标进度（实际数据来源：%s）\n", o.year,
	             o.actuals ? o.actuals : "未提供，请用 --actuals 指定已公布数据文件");
	table_print(t, stdout);
	table_free(t);
	rc = EXIT_OK;
out:
	free(g);
	plans_actuals_free(&act);
	plans_read_free(&issues);
	plans_set_free(&set);
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_targets = {
	.name = "targets",
	.summary = "progress to the targets in force: share, time, growth needed, trend",
	.usage = "jiqun targets --year Y [--actuals FILE] [--json] [--db PATH]",
	.help = "For every target in force (`jiqun plans list`): the share achieved by year Y, the\n"
	        "share of the plan's time elapsed (from the end of its base year to the end of its\n"
	        "target year), the annual growth still needed, (target/actual)^(1/years left) - 1,\n"
	        "and a projection to the target year from a log-linear fit of the last 3 annual\n"
	        "values, with a range from the lowest to the highest annual growth among them.\n"
	        "判断: 已达成; 可望达成 (the projection reaches the target); 存在风险 (only the top of\n"
	        "the range does); 难以达成; 无法判断. A figure that cannot be computed (no data, zero\n"
	        "or negative values, too few years) says 无法计算 and why.\n\n"
	        "  --year Y       the year of the data to judge by\n"
	        "  --actuals F    published annual figures (.csv or .xlsx) with the columns 范围/scope,\n"
	        "                 对象/key, 指标/indicator, 年份/year, 数值/value, 单位/unit, 来源/source\n"
	        "  --json         machine output\n\n"
	        "Example: jiqun targets --year 2024 --actuals 深圳战新产业增加值.csv\n",
	.run = targets_run,
};
