/* test_plan.c - plan targets (src/model/plan.c): names, units, one row's checks, the programme's
 * own targets as the five-year level. */
#include "testutil.h"

#include <math.h>

#include "catalog/catalog.h"
#include "model/plan.h"

static struct programme *prog;

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	return catalog_builtin(&prog, &e) == ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	programme_free(prog);
	return 0;
}

/* A row from "level,scope,key,indicator,year,base_year,value,unit,threshold,note" values. */
static bool parse(const char *level, const char *scope, const char *key, const char *ind,
                  const char *year, const char *base, const char *value, const char *unit,
                  const char *thr, struct plan_target *t, int *bad, char *why)
{
	const char *f[PLAN_COLUMNS] = {level, scope, key, ind, year, base, value, unit, thr, ""};
	return plan_row_parse(prog, f, t, bad, why, 256);
}

static void test_names(void **state)
{
	(void)state;
	enum plan_level l;
	enum plan_scope s;
	assert_true(plan_level_parse("三年滚动", &l) && l == PLAN_ROLLING);
	assert_true(plan_level_parse("规划", &l) && l == PLAN_FIVE_YEAR);
	assert_true(plan_level_parse("annual", &l) && l == PLAN_ANNUAL);
	assert_false(plan_level_parse("monthly", &l));
	assert_true(plan_scope_parse("产业", &s) && s == SCOPE_INDUSTRY);
	assert_true(plan_scope_parse("district", &s) && s == SCOPE_DISTRICT);
	assert_false(plan_scope_parse("street", &s));
	assert_string_equal(plan_indicator_id("增加值"), "value_added");
	assert_string_equal(plan_indicator_id("地区生产总值"), "gdp");
	assert_string_equal(plan_indicator_id("rd_intensity"), "rd_intensity");
	assert_null(plan_indicator_id("Value Added"));
	assert_null(plan_indicator_id(""));
	double f;
	const char *base;
	assert_true(plan_unit("亿元", &f, &base) && f == 1e8 && strcmp(base, "元") == 0);
	assert_true(plan_unit("万亿元", &f, &base) && f == 1e12);
	assert_true(plan_unit("%", &f, &base) && f == 1 && strcmp(base, "%") == 0);
	assert_false(plan_unit("斤", &f, &base));
}

static void test_rows(void **state)
{
	(void)state;
	struct plan_target t;
	int bad;
	char why[256];
	/* 1.6万亿元 -> yuan; key by Chinese name -> id; base years by level. */
	assert_true(parse("年度", "产业", "半导体与集成电路", "增加值", "2025", "", "1,600", "亿元", "",
	                  &t, &bad, why));
	assert_int_equal(t.level, PLAN_ANNUAL);
	assert_string_equal(t.key, "semiconductor-ic");
	assert_true(t.value == 1600e8);
	assert_string_equal(t.unit, "元");
	assert_int_equal(t.base_year, 2024);
	assert_true(parse("三年滚动", "类别", "新一代电子信息", "value_added", "2026", "", "8000",
	                  "亿元", "", &t, &bad, why));
	assert_string_equal(t.key, "electronic-info");
	assert_int_equal(t.base_year, 2023);
	assert_true(parse("规划", "区", "440305", "gdp", "2025", "", "9", "万亿元", "", &t, &bad, why));
	assert_string_equal(t.key, "nanshan");
	assert_int_equal(t.base_year, 2022); /* the programme's base year */
	assert_true(t.value == 9e12);
	/* A count target: 8 clusters of 1000亿元 or more. */
	assert_true(parse("规划", "全市", "", "增加值", "2025", "2022", "8", "个", "1000", &t, &bad, why));
	assert_true(t.has_threshold && t.threshold == 1e11 && t.value == 8);
	/* Percent targets stay as they are. */
	assert_true(parse("年度", "全市", "", "value_added_growth", "2025", "", "7.5", "%", "", &t, &bad,
	                  why));
	assert_true(fabs(t.value - 7.5) < 1e-12);

	/* Each error names its column. */
	struct {
		const char *f[9];
		int col;
		const char *want;
	} cases[] = {
		{{"年度", "全市", "南山", "增加值", "2025", "", "1", "亿元", ""}, PC_KEY, "不填对象"},
		{{"年度", "产业", "", "增加值", "2025", "", "1", "亿元", ""}, PC_KEY, "请填写对象"},
		{{"年度", "产业", "芯片", "增加值", "2025", "", "1", "亿元", ""}, PC_KEY, "未知的对象“芯片”"},
		{{"月度", "全市", "", "增加值", "2025", "", "1", "亿元", ""}, PC_LEVEL, "“月度”"},
		{{"年度", "街道", "", "增加值", "2025", "", "1", "亿元", ""}, PC_SCOPE, "“街道”"},
		{{"年度", "全市", "", "利润率!", "2025", "", "1", "亿元", ""}, PC_INDICATOR, "未知的指标"},
		{{"年度", "全市", "", "增加值", "二〇二五", "", "1", "亿元", ""}, PC_YEAR, "不是年份"},
		{{"年度", "全市", "", "增加值", "2025", "2025", "1", "亿元", ""}, PC_BASE_YEAR, "基期须早于"},
		{{"年度", "全市", "", "增加值", "2025", "", "-5", "亿元", ""}, PC_VALUE, "非负数"},
		{{"年度", "全市", "", "增加值", "2025", "", "1e999", "亿元", ""}, PC_VALUE, "非负数"},
		{{"年度", "全市", "", "增加值", "2025", "", "1", "公斤", ""}, PC_UNIT, "未知的单位"},
		{{"年度", "全市", "", "增加值", "2025", "", "", "亿元", ""}, PC_VALUE, "不能为空"},
		{{"年度", "全市", "", "增加值", "2025", "", "6", "亿元", "1000"}, PC_UNIT, "个数目标"},
		{{"年度", "产业", "marine", "增加值", "2025", "", "6", "个", "1000"}, PC_THRESHOLD, "单个产业"},
		{{"年度", "全市", "", "增加值", "2025", "", "6", "个", "0"}, PC_THRESHOLD, "不是正数"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *c = cases[i].f;
		if (parse(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], &t, &bad, why))
			fail_msg("case %zu parsed", i);
		if (bad != cases[i].col || strstr(why, cases[i].want) == NULL)
			fail_msg("case %zu: column %d, \"%s\"", i, bad, why);
	}
	struct plan_target a, b;
	assert_true(parse("年度", "产业", "marine", "增加值", "2025", "", "1", "亿元", "", &a, &bad, why));
	assert_true(parse("annual", "industry", "海洋产业", "value_added", "2025", "2020", "2", "万元", "",
	                  &b, &bad, why));
	assert_true(plan_same_target(&a, &b));
	b.year = 2026;
	assert_false(plan_same_target(&a, &b));
}

static void test_builtin_targets(void **state)
{
	(void)state;
	struct plan_target t[8];
	size_t n = plan_builtin_targets(prog, t, 8);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].level, PLAN_FIVE_YEAR);
	assert_int_equal(t[0].scope, SCOPE_PROGRAMME);
	assert_true(t[0].value == 1.5e12 && !t[0].has_threshold);
	assert_int_equal(t[0].year, 2025);
	assert_int_equal(t[0].base_year, 2022);
	assert_non_null(strstr(t[0].note, "1.5万亿元"));
	assert_true(t[1].has_threshold && t[1].threshold == 1e11 && t[1].value == 6);
	assert_string_equal(t[1].unit, "个");
	/* The 2024 revision restates no targets. */
	struct programme *p24 = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin_version("2024", &p24, &e), ERR_OK);
	assert_int_equal(plan_builtin_targets(p24, t, 8), 0);
	programme_free(p24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_builtin_targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
