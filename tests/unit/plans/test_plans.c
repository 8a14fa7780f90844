/*
 * test_plans.c - plans in the store (src/store/plans.c) and the plans module (src/plans/plans.c):
 * versions per level, the built-in five-year targets, all-or-nothing imports with row and column
 * in every error, export and re-import, actual figures from a file and progress.
 */
#include "testutil.h"

#include <math.h>

#include "store_fixture.h"

#include "plans/plans.h"

static void write_text(const struct fixture *f, const char *name, const char *text, char *path)
{
	(void)snprintf(path, 300, "%s/%s", f->dir, name);
	write_file(path, text, strlen(text));
}

static const char plan_csv[] =
	"层级,范围,对象,指标,年份,基期,目标值,单位,门槛,说明\n"
	"年度,全市,,增加值,2025,,16000,亿元,,2025年度目标\n"
	"年度,产业,半导体与集成电路,value_added,2025,,2000,亿元,,\n"
	"三年滚动,类别,新一代电子信息,增加值,2026,2023,8000,亿元,,\n"
	"规划,全市,,增加值,2025,2022,15000,亿元,,\n"
	"规划,全市,,增加值,2025,2022,6,个,1000,千亿级集群\n";

static int count_targets(void *ctx, const struct plan_target *t)
{
	(void)t;
	(*(int *)ctx)++;
	return 0;
}

static void test_store_versions(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct plan_target t = {.level = PLAN_ANNUAL, .scope = SCOPE_PROGRAMME, .indicator = "gdp",
	                        .year = 2025, .base_year = 2024, .value = 4e12, .unit = "元"};
	int v = 0, got = 0, n = 0;
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 0, count_targets, &n, &got, &e),
	                 ERR_NOT_FOUND);
	assert_int_equal(store_plan_add_version(f->s, PLAN_ANNUAL, &t, 1, "a.csv", &v, &e), ERR_OK);
	assert_int_equal(v, 1);
	struct plan_target two[2] = {t, t};
	two[1].year = 2026;
	two[1].base_year = 2025;
	assert_int_equal(store_plan_add_version(f->s, PLAN_ANNUAL, two, 2, "b.csv", &v, &e), ERR_OK);
	assert_int_equal(v, 2);
	/* Another level starts at 1. */
	t.level = PLAN_ROLLING;
	assert_int_equal(store_plan_add_version(f->s, PLAN_ROLLING, &t, 1, "c.csv", &v, &e), ERR_OK);
	assert_int_equal(v, 1);
	/* Latest and old versions both readable. */
	n = 0;
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 0, count_targets, &n, &got, &e), ERR_OK);
	assert_int_equal(got, 2);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 1, count_targets, &n, &got, &e), ERR_OK);
	assert_int_equal(got, 1);
	assert_int_equal(n, 1);
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 3, count_targets, &n, &got, &e),
	                 ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "第3版"));
	/* The same target twice in one version is refused by the store too (inside a transaction:
	 * nothing of it stays). */
	struct plan_target dup[2] = {two[0], two[0]};
	assert_int_equal(store_begin(f->s, &e), ERR_OK);
	assert_int_equal(store_plan_add_version(f->s, PLAN_ANNUAL, dup, 2, "d.csv", &v, &e),
	                 ERR_INVALID);
	store_rollback(f->s);
	n = 0;
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 0, count_targets, &n, &got, &e), ERR_OK);
	assert_int_equal(got, 2);
}

static void test_builtin_five_year(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct plans_set set;
	assert_int_equal(plans_current(f->s, f->p, -1, 0, &set, &e), ERR_OK);
	assert_int_equal(set.n, 2); /* nothing imported: the policy's two numeric targets */
	assert_int_equal(set.version[PLAN_FIVE_YEAR], 0);
	assert_true(set.present[PLAN_FIVE_YEAR] && !set.present[PLAN_ANNUAL]);
	assert_true(set.t[0].value == 1.5e12);
	plans_set_free(&set);
}

static void test_import_and_current(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	char path[300];
	write_text(f, "plan.csv", plan_csv, path);
	struct plans_read rd;
	int versions[PLAN_LEVELS];
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_OK);
	assert_int_equal(rd.n, 5);
	assert_int_equal(versions[PLAN_FIVE_YEAR], 1);
	assert_int_equal(versions[PLAN_ROLLING], 1);
	assert_int_equal(versions[PLAN_ANNUAL], 1);
	plans_read_free(&rd);
	/* Importing only an annual plan again: annual v2, the others stay. */
	char path2[300];
	write_text(f, "annual.csv",
	           "level,scope,key,indicator,year,value,unit\nannual,programme,,value_added,2025,16500,亿元\n",
	           path2);
	assert_int_equal(plans_import(f->s, f->p, path2, false, &rd, versions, &e), ERR_OK);
	assert_int_equal(versions[PLAN_ANNUAL], 2);
	assert_int_equal(versions[PLAN_FIVE_YEAR], 0);
	plans_read_free(&rd);

	struct plans_set set;
	assert_int_equal(plans_current(f->s, f->p, -1, 0, &set, &e), ERR_OK);
	/* The imported five-year plan replaces the built-in one; annual is version 2's one row. */
	assert_int_equal(set.n, 2 + 1 + 1);
	assert_int_equal(set.version[PLAN_FIVE_YEAR], 1);
	assert_int_equal(set.version[PLAN_ANNUAL], 2);
	assert_true(set.t[3].level == PLAN_ANNUAL && set.t[3].value == 16500e8);
	plans_set_free(&set);
	/* Version 1 of the annual level is still there. */
	assert_int_equal(plans_current(f->s, f->p, PLAN_ANNUAL, 1, &set, &e), ERR_OK);
	assert_int_equal(set.n, 2);
	assert_string_equal(set.t[1].key, "semiconductor-ic");
	plans_set_free(&set);
	assert_int_equal(plans_current(f->s, f->p, PLAN_ROLLING, 7, &set, &e), ERR_NOT_FOUND);
}

static void test_import_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	char path[300];
	write_text(f, "bad.csv",
	           "层级,范围,对象,指标,年份,目标值,单位\n"
	           "年度,全市,,增加值,2025,16000,亿元\n"
	           "年度,产业,无此产业,增加值,2025,1,亿元\n"
	           "年度,全市,,增加值,2025,17000,亿元\n"
	           ",,,,,,\n"
	           "年度,全市,,增加值,2026,1,吨\n",
	           path);
	struct plans_read rd;
	int versions[PLAN_LEVELS];
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_REJECTED);
	assert_int_equal(rd.n_issues, 3);
	assert_int_equal(rd.issues[0].row, 3);
	assert_string_equal(rd.issues[0].column, "对象");
	assert_int_equal(rd.issues[1].row, 4); /* repeats row 2 */
	assert_non_null(strstr(rd.issues[1].why, "重复"));
	assert_int_equal(rd.issues[2].row, 6); /* the blank row 5 is skipped */
	assert_string_equal(rd.issues[2].column, "单位");
	assert_non_null(strstr(e.msg, "3 处错误"));
	plans_read_free(&rd);
	int n = 0, got = 0;
	assert_int_equal(store_plan_targets(f->s, PLAN_ANNUAL, 0, count_targets, &n, &got, &e),
	                 ERR_NOT_FOUND);
	/* A missing required column is named; an empty file and a header-only file are refused. */
	write_text(f, "nocol.csv", "层级,范围,指标,年份,目标值\n年度,全市,增加值,2025,1\n", path);
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "缺少“单位”列"));
	plans_read_free(&rd);
	write_text(f, "empty.csv", "", path);
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_REJECTED);
	plans_read_free(&rd);
	write_text(f, "head.csv", "层级,范围,对象,指标,年份,目标值,单位\n", path);
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "没有数据行"));
	plans_read_free(&rd);
	write_text(f, "x.txt", "a", path);
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_USAGE);
	plans_read_free(&rd);
	/* A GBK file reads like UTF-8. */
	const char gbk[] = "\xb2\xe3\xbc\xb6,\xb7\xb6\xce\xa7,\xb6\xd4\xcf\xf3,\xd6\xb8\xb1\xea,"
	                   "\xc4\xea\xb7\xdd,\xc4\xbf\xb1\xea\xd6\xb5,\xb5\xa5\xce\xbb\r\n"
	                   "annual,programme,,value_added,2025,1,\xd2\xda\xd4\xaa\r\n";
	write_text(f, "gbk.csv", gbk, path);
	assert_int_equal(plans_import(f->s, f->p, path, true, &rd, versions, &e), ERR_OK);
	assert_int_equal(rd.n, 1);
	assert_true(rd.t[0].value == 1e8);
	assert_int_equal(versions[PLAN_ANNUAL], 0); /* dry run */
	plans_read_free(&rd);
}

static void test_export_round_trip(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	char path[300], out_csv[300], out_xlsx[300];
	write_text(f, "plan.csv", plan_csv, path);
	struct plans_read rd;
	int versions[PLAN_LEVELS];
	assert_int_equal(plans_import(f->s, f->p, path, false, &rd, versions, &e), ERR_OK);
	plans_read_free(&rd);
	struct plans_set set, again;
	assert_int_equal(plans_current(f->s, f->p, -1, 0, &set, &e), ERR_OK);
	(void)snprintf(out_csv, sizeof out_csv, "%s/out.csv", f->dir);
	(void)snprintf(out_xlsx, sizeof out_xlsx, "%s/out.xlsx", f->dir);
	assert_int_equal(plans_export(&set, out_csv, &e), ERR_OK);
	assert_int_equal(plans_export(&set, out_xlsx, &e), ERR_OK);
	size_t len;
	char *text = read_file(out_csv, &len);
	assert_non_null(strstr(text, "层级,范围,对象,指标,年份,基期,目标值,单位,门槛,说明\r\n"));
	assert_non_null(strstr(text, "规划,全市,,value_added,2025,2022,6,个,1000,千亿级集群\r\n"));
	assert_non_null(strstr(text, "年度,产业,semiconductor-ic,value_added,2025,2024,2000,亿元,,\r\n"));
	free(text);
	/* Both files import back to the same targets. */
	for (int k = 0; k < 2; k++) {
		assert_int_equal(plans_import(f->s, f->p, k ? out_xlsx : out_csv, false, &rd, versions, &e),
		                 ERR_OK);
		plans_read_free(&rd);
		assert_int_equal(plans_current(f->s, f->p, -1, 0, &again, &e), ERR_OK);
		assert_int_equal(again.n, set.n);
		assert_int_equal(again.version[PLAN_ANNUAL], 2 + k);
		for (size_t i = 0; i < set.n; i++) {
			assert_true(plan_same_target(&set.t[i], &again.t[i]));
			assert_true(fabs(set.t[i].value - again.t[i].value) < 1e-6);
			assert_string_equal(set.t[i].note, again.t[i].note);
		}
		plans_set_free(&again);
	}
	plans_set_free(&set);
}

static void test_progress_from_actuals(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	char path[300];
	write_text(f, "act.csv",
	           "范围,对象,指标,年份,数值,单位,来源\n"
	           "全市,,增加值,2022,100,亿元,统计公报\n"
	           "全市,,增加值,2023,110,亿元,统计公报\n"
	           "全市,,增加值,2024,132,亿元,统计公报\n"
	           "全市,,增加值,2025,140,亿元,统计公报\n"
	           "产业,网络与通信,增加值,2024,1200,亿元,\n"
	           "产业,软件与信息服务,增加值,2024,1000,亿元,\n"
	           "产业,智能终端,增加值,2024,999.99,亿元,\n",
	           path);
	struct plans_actuals act;
	struct plans_read issues;
	assert_int_equal(plans_actuals_csv(path, f->p, &act, &issues, &e), ERR_OK);
	/* 150亿 in 2025 from 2022: the engine's hand-computed case (test_targets.c), in yuan. */
	struct plan_target t = {.level = PLAN_FIVE_YEAR, .scope = SCOPE_PROGRAMME,
	                        .indicator = "value_added", .year = 2025, .base_year = 2022,
	                        .value = 150e8, .unit = "元"};
	struct plans_progress g;
	assert_int_equal(plans_progress(&t, &act, 2024, &g, &e), ERR_OK);
	assert_string_equal(g.source, "act.csv");
	assert_true(fabs(g.r.share - 0.88) < 1e-12);
	assert_true(fabs(g.r.elapsed - 2.0 / 3.0) < 1e-12);
	assert_true(fabs(g.r.needed_pct - (150.0 / 132.0 - 1) * 100) < 1e-9);
	assert_true(fabs(g.r.projected - 149.47301796770589e8) < 1e-3);
	assert_int_equal(g.r.status, TGT_AT_RISK);
	/* The 2025 figure is ignored when judging 2024, used when judging 2025. */
	assert_int_equal(plans_progress(&t, &act, 2025, &g, &e), ERR_OK);
	assert_true(fabs(g.r.share - 140.0 / 150.0) < 1e-12);
	assert_int_equal(g.r.status, TGT_OFF_TRACK);
	/* The count target: 1200 and 1000 reach 1000亿, 999.99 does not; 3 of 20 with data. */
	struct plan_target c = t;
	c.value = 6;
	(void)snprintf(c.unit, sizeof c.unit, "个");
	c.threshold = 1e11;
	c.has_threshold = true;
	assert_int_equal(plans_progress(&c, &act, 2024, &g, &e), ERR_OK);
	assert_true(g.is_count);
	assert_int_equal(g.count, 2);
	assert_int_equal(g.count_known, 3);
	assert_true(fabs(g.r.share - 2.0 / 6.0) < 1e-12);
	/* No figures for a district target: reasons, not numbers. */
	struct plan_target d = t;
	d.scope = SCOPE_DISTRICT;
	(void)snprintf(d.key, sizeof d.key, "nanshan");
	assert_int_equal(plans_progress(&d, &act, 2024, &g, &e), ERR_OK);
	assert_false(g.r.has_share);
	assert_int_equal(g.r.why_share, TGT_NO_ACTUAL);
	/* Units that differ are an error, not a silent mix. */
	struct plan_target pc = t;
	(void)snprintf(pc.unit, sizeof pc.unit, "%%");
	assert_int_equal(plans_progress(&pc, &act, 2024, &g, &e), ERR_INVALID);
	/* Without a source of figures everything is 无法计算. */
	assert_int_equal(plans_progress(&t, NULL, 2024, &g, &e), ERR_OK);
	assert_int_equal(g.r.status, TGT_UNKNOWN);
	plans_actuals_free(&act);
	plans_read_free(&issues);
	/* A bad actuals file reports its rows. */
	write_text(f, "bad.csv", "范围,对象,指标,年份,数值,单位\n产业,无,增加值,2024,1,亿元\n", path);
	assert_int_equal(plans_actuals_csv(path, f->p, &act, &issues, &e), ERR_REJECTED);
	assert_int_equal(issues.n_issues, 1);
	assert_int_equal(issues.issues[0].row, 2);
	plans_read_free(&issues);
}

/* More years of figures than progress keeps: the latest ones are used, not the first in the file. */
static void test_many_years(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	char path[300];
	static char text[8192];
	size_t k = (size_t)snprintf(text, sizeof text, "范围,对象,指标,年份,数值,单位\n");
	for (int y = 1950; y <= 2024; y++)
		k += (size_t)snprintf(text + k, sizeof text - k, "全市,,增加值,%d,%d,亿元\n", y, y - 1900);
	write_text(f, "many.csv", text, path);
	struct plans_actuals act;
	struct plans_read issues;
	assert_int_equal(plans_actuals_csv(path, f->p, &act, &issues, &e), ERR_OK);
	struct plan_target t = {.level = PLAN_FIVE_YEAR, .scope = SCOPE_PROGRAMME,
	                        .indicator = "value_added", .year = 2025, .base_year = 2022,
	                        .value = 250e8, .unit = "元"};
	struct plans_progress g;
	assert_int_equal(plans_progress(&t, &act, 2024, &g, &e), ERR_OK);
	assert_true(fabs(g.r.share - 124.0 / 250.0) < 1e-12); /* 2024's 124亿 */
	assert_int_equal(g.r.points, 3);
	plans_actuals_free(&act);
	plans_read_free(&issues);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_versions, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_builtin_five_year, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_import_and_current, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_export_round_trip, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_progress_from_actuals, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_many_years, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
