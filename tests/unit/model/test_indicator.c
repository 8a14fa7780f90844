/*
 * test_indicator.c - indicators, units and the cumulative-to-period conversion
 * (src/model/indicator.c, period.c), every case computed by hand in the comments.
 */
#include "testutil.h"

#include <math.h>

#include "model/indicator.h"

static struct ind_obs ob(const char *period, double v, bool cumulative)
{
	struct ind_obs o = {.value = v, .cumulative = cumulative};
	assert_true(period_parse(period, &o.p));
	return o;
}

/* The value for `period`, or NAN when there is none; *exact receives the exact observation. */
static double val(int ind, const struct ind_obs *obs, size_t n, const char *period, int *exact)
{
	struct period t;
	double v;
	int ex;
	assert_true(period_parse(period, &t));
	if (!indicator_period_value(&indicator_defs[ind], obs, n, &t, &v, &ex))
		return NAN;
	if (exact)
		*exact = ex;
	return v;
}

/* Month m's own value is 10m, so cum(m) = 5m(m+1): 10 30 60 100 150 210 280 360 450 550 660 780. */
static size_t cumulative_year(struct ind_obs *obs, int year, int skip_month)
{
	size_t n = 0;
	for (int m = 1; m <= 12; m++) {
		if (m == skip_month)
			continue;
		char label[16];
		(void)snprintf(label, sizeof label, "%d-%02d", year, m);
		obs[n++] = ob(label, 5.0 * m * (m + 1), true);
	}
	return n;
}

static void test_cumulative_conversion(void **state)
{
	(void)state;
	struct ind_obs obs[24];
	size_t n = cumulative_year(obs, 2025, 0);
	n += cumulative_year(obs + n, 2024, 0); /* another year changes nothing */
	obs[n - 1].value = 1e9;
	int ex = 99;
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025-01", &ex) == 10); /* January = cum(1) */
	assert_int_equal(ex, 0);
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025-07", &ex) == 70); /* 280 - 210 */
	assert_int_equal(ex, -1);
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025-12", NULL) == 120); /* 780 - 660 */
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025Q1", &ex) == 60);   /* cum(3) */
	assert_int_equal(ex, 2);
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025Q3", NULL) == 240); /* 450 - 210 */
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025Q4", NULL) == 330); /* 780 - 450 */
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025H1", &ex) == 210);  /* cum(6) */
	assert_int_equal(ex, 5);
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025H2", NULL) == 570); /* 780 - 210 */
	assert_true(val(IND_VALUE_ADDED, obs, n, "2025", &ex) == 780);    /* cum(12) */
	assert_int_equal(ex, 11);
	assert_true(isnan(val(IND_VALUE_ADDED, obs, n, "2026", NULL)));
}

static void test_missing_earlier_cumulative(void **state)
{
	(void)state;
	struct ind_obs obs[12];
	size_t n = cumulative_year(obs, 2025, 6); /* no cum(6) */
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025-07", NULL))); /* needs cum(6) */
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025-06", NULL))); /* needs cum(6) */
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025Q3", NULL)));
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025Q2", NULL)));
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025H1", NULL)));
	assert_true(isnan(val(IND_REVENUE, obs, n, "2025H2", NULL)));
	assert_true(val(IND_REVENUE, obs, n, "2025-05", NULL) == 50); /* 150 - 100 */
	assert_true(val(IND_REVENUE, obs, n, "2025", NULL) == 780);
	assert_true(val(IND_REVENUE, obs, n, "2025Q4", NULL) == 330);
	/* Only cum(2) for the year: February cannot be known, January neither. */
	struct ind_obs feb = ob("2025-02", 30, true);
	assert_true(isnan(val(IND_REVENUE, &feb, 1, "2025-02", NULL)));
	assert_true(isnan(val(IND_REVENUE, &feb, 1, "2025-01", NULL)));
}

static void test_period_values(void **state)
{
	(void)state;
	/* Period values of July-September: Q3 is their sum, 70 + 80 + 90. */
	struct ind_obs q3[] = {ob("2025-07", 70, false), ob("2025-08", 80, false), ob("2025-09", 90, false)};
	assert_true(val(IND_PROFIT, q3, 3, "2025Q3", NULL) == 240);
	assert_true(isnan(val(IND_PROFIT, q3, 2, "2025Q3", NULL))); /* September missing */
	assert_true(isnan(val(IND_PROFIT, q3, 3, "2025H2", NULL))); /* Q4 missing */
	/* A period value wins over the cumulative difference: July given as 71. */
	struct ind_obs mix[] = {ob("2025-06", 210, true), ob("2025-07", 280, true), ob("2025-07", 71, false)};
	int ex;
	assert_true(val(IND_TAX, mix, 3, "2025-07", &ex) == 71);
	assert_int_equal(ex, 2);
	/* A Q1 period value is cum(3): April = cum(4) - Q1 = 100 - 60. */
	struct ind_obs q1[] = {ob("2025Q1", 60, false), ob("2025-04", 100, true)};
	assert_true(val(IND_TAX, q1, 2, "2025-04", NULL) == 40);
	/* A cumulative value for 1-3 quarters (2025Q3 累计) is cum(9): Q4 = 780 - 450. */
	struct ind_obs q[] = {ob("2025Q3", 450, true), ob("2025", 780, false)};
	assert_true(val(IND_RND, q, 2, "2025Q4", NULL) == 330);
	/* Mixed months: January given, February from cum(2) - cum(1) where cum(1) is January. */
	struct ind_obs jf[] = {ob("2025-01", 10, false), ob("2025-02", 30, true), ob("2025-03", 30, false)};
	assert_true(val(IND_EXPORTS, jf, 3, "2025-02", NULL) == 20);
	assert_true(val(IND_EXPORTS, jf, 3, "2025Q1", NULL) == 60); /* 10 + 20 + 30 */
}

static void test_stock(void **state)
{
	(void)state;
	/* Employees at the end of June 100, September 120: Q3 and 2025Q3's month are 120. */
	struct ind_obs e[] = {ob("2025-06", 100, false), ob("2025-09", 120, false), ob("2025Q3", 118, false)};
	int ex;
	assert_true(val(IND_EMPLOYEES, e, 3, "2025Q3", &ex) == 118); /* given for the quarter */
	assert_int_equal(ex, 2);
	assert_true(val(IND_EMPLOYEES, e, 2, "2025Q3", &ex) == 120); /* end of September */
	assert_int_equal(ex, -1);
	assert_true(val(IND_EMPLOYEES, e, 2, "2025H1", NULL) == 100);
	assert_true(val(IND_EMPLOYEES, e, 2, "2025Q2", NULL) == 100);
	assert_true(isnan(val(IND_EMPLOYEES, e, 2, "2025", NULL)));    /* no December */
	assert_true(isnan(val(IND_EMPLOYEES, e, 2, "2025-07", NULL))); /* never interpolated */
	/* Never summed: two quarters' end counts are not a half year's. */
	struct ind_obs cum[] = {ob("2025-06", 100, true)};
	assert_true(isnan(val(IND_EMPLOYEES, cum, 1, "2025-06", NULL))); /* cumulative ignored */
}

static void test_units(void **state)
{
	(void)state;
	double f;
	const struct indicator_def *va = &indicator_defs[IND_VALUE_ADDED];
	assert_true(indicator_unit_factor(va, "元", &f) && f == 1);
	assert_true(indicator_unit_factor(va, "万元", &f) && f == 1e4);
	assert_true(indicator_unit_factor(va, " 亿元 ", &f) && f == 1e8);
	assert_true(indicator_unit_factor(va, "万亿元", &f) && f == 1e12);
	assert_true(indicator_unit_factor(va, "", &f) && f == 1);
	assert_false(indicator_unit_factor(va, "人", &f));
	assert_false(indicator_unit_factor(va, "美元", &f));
	const struct indicator_def *emp = &indicator_defs[IND_EMPLOYEES];
	assert_true(indicator_unit_factor(emp, "人", &f) && f == 1);
	assert_true(indicator_unit_factor(emp, "万人", &f) && f == 1e4);
	assert_false(indicator_unit_factor(emp, "万元", &f));
	const struct indicator_def *pat = &indicator_defs[IND_PATENTS_INVENTION];
	assert_true(indicator_unit_factor(pat, "件", &f) && f == 1);
	assert_true(indicator_unit_factor(pat, "个", &f) && f == 1);
	assert_false(indicator_unit_factor(pat, "元", &f));
	/* 1.5万亿元 is 1 500 000 000 000 元; 3.2亿元 320 000 000; 12.5万人 125 000. */
	assert_true(indicator_unit_factor(va, "万亿元", &f) && 1.5 * f == 1500000000000.0);
	assert_true(indicator_unit_factor(va, "亿元", &f) && 3.2 * f == 320000000.0);
	assert_true(indicator_unit_factor(emp, "万人", &f) && 12.5 * f == 125000.0);
	assert_string_equal(indicator_units_text(emp), "人、万人");
}

static void test_names(void **state)
{
	(void)state;
	static const char *const ids[] = {"value_added", "gross_output", "revenue", "profit", "tax",
	                                  "rnd", "employees", "exports", "patents_invention", "gdp"};
	for (int i = 0; i < INDICATOR_COUNT; i++) {
		assert_string_equal(indicator_defs[i].id, ids[i]);
		assert_int_equal(indicator_find(ids[i]), i);
		assert_int_equal(indicator_find(indicator_defs[i].name_zh), i);
	}
	assert_int_equal(indicator_find("增加值"), IND_VALUE_ADDED);
	assert_int_equal(indicator_find("工业总产值"), IND_GROSS_OUTPUT);
	assert_int_equal(indicator_find(" 税金总额 "), IND_TAX);
	assert_int_equal(indicator_find("研发经费"), IND_RND);
	assert_int_equal(indicator_find("地区生产总值"), IND_GDP);
	assert_int_equal(indicator_find("GDP"), IND_GDP);
	assert_int_equal(indicator_find("从业人员"), IND_EMPLOYEES);
	assert_int_equal(indicator_find("发明专利授权量"), IND_PATENTS_INVENTION);
	assert_int_equal(indicator_find("出口交货值"), -1);
	assert_non_null(indicator_not_alias("出口交货值"));
	assert_null(indicator_not_alias("出口额"));
	assert_int_equal(indicator_find("利润率"), -1);
	assert_true(indicator_defs[IND_EMPLOYEES].stock);
	assert_false(indicator_defs[IND_REVENUE].stock);
	assert_true(indicator_defs[IND_GDP].aggregate_only);
}

static void test_period_months(void **state)
{
	(void)state;
	struct period p, q;
	assert_true(period_parse("2025Q3", &p));
	assert_int_equal(period_first_month(&p), 7);
	assert_int_equal(period_last_month(&p), 9);
	assert_true(period_year_earlier(&p, &q));
	assert_string_equal(q.label, "2024Q3");
	assert_true(period_parse("2025H2", &p));
	assert_int_equal(period_first_month(&p), 7);
	assert_int_equal(period_last_month(&p), 12);
	assert_true(period_parse("2025-02", &p));
	assert_true(period_year_earlier(&p, &q));
	assert_string_equal(q.label, "2024-02");
	assert_true(period_parse("2025", &p));
	assert_int_equal(period_first_month(&p), 1);
	assert_int_equal(period_last_month(&p), 12);
	assert_true(period_year_earlier(&p, &q));
	assert_string_equal(q.label, "2024");
	assert_true(period_parse("1900", &p));
	assert_false(period_year_earlier(&p, &q));
	/* 2025-03 < 2025Q1 < 2025-06 < 2025Q2 < 2025H1 < 2025-12 < 2025 < 2026-01 */
	static const char *const order[] = {"2025-03", "2025Q1", "2025-06", "2025Q2", "2025H1",
	                                    "2025-12", "2025", "2026-01"};
	for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
		assert_true(period_parse(order[i], &p));
		assert_true(period_parse(order[i + 1], &q));
		assert_true(period_order(&p) < period_order(&q));
	}
}

/* indicator_year_values agrees with indicator_period_value on every period of the cases above. */
static void check_year(int ind, const struct ind_obs *obs, size_t n, int year)
{
	double out[INDICATOR_YEAR_PERIODS];
	bool have[INDICATOR_YEAR_PERIODS];
	indicator_year_values(&indicator_defs[ind], obs, n, year, out, have);
	static const char *const suffix[INDICATOR_YEAR_PERIODS] = {
		"-01", "-02", "-03", "-04", "-05", "-06", "-07", "-08", "-09", "-10", "-11", "-12",
		"Q1", "Q2", "Q3", "Q4", "H1", "H2", ""};
	for (int k = 0; k < INDICATOR_YEAR_PERIODS; k++) {
		char label[16];
		(void)snprintf(label, sizeof label, "%d%s", year, suffix[k]);
		struct period t;
		assert_true(period_parse(label, &t));
		assert_int_equal(indicator_year_slot(&t), k);
		double v = val(ind, obs, n, label, NULL);
		if (isnan(v) != !have[k] || (have[k] && v != out[k]))
			fail_msg("%s %s: one at a time %g, whole year %s %g", indicator_defs[ind].id, label, v,
			         have[k] ? "" : "(none)", out[k]);
	}
}

static void test_year_values(void **state)
{
	(void)state;
	struct ind_obs obs[24];
	size_t n = cumulative_year(obs, 2025, 0);
	check_year(IND_VALUE_ADDED, obs, n, 2025);
	n = cumulative_year(obs, 2025, 6);
	check_year(IND_VALUE_ADDED, obs, n, 2025);
	check_year(IND_VALUE_ADDED, obs, n, 2024);
	struct ind_obs q3[] = {ob("2025-07", 70, false), ob("2025-08", 80, false), ob("2025-09", 90, false)};
	check_year(IND_PROFIT, q3, 3, 2025);
	struct ind_obs mix[] = {ob("2025-06", 210, true), ob("2025-07", 280, true), ob("2025-07", 71, false),
	                        ob("2025Q1", 60, false), ob("2025-04", 100, true), ob("2025Q3", 450, true),
	                        ob("2025", 780, false), ob("2025-01", 10, false), ob("2025-02", 30, true)};
	check_year(IND_TAX, mix, sizeof mix / sizeof *mix, 2025);
	struct ind_obs e[] = {ob("2025-06", 100, false), ob("2025-09", 120, false), ob("2025Q3", 118, false),
	                      ob("2025H2", 130, false), ob("2025-12", 125, false), ob("2025-03", 90, true)};
	check_year(IND_EMPLOYEES, e, sizeof e / sizeof *e, 2025);
	check_year(IND_EMPLOYEES, e, 2, 2025);
}

static void test_period_text(void **state)
{
	(void)state;
	static const struct {
		const char *text, *label;
		bool cumulative;
	} ok[] = {
		{"2025Q3", "2025Q3", false}, {" 2025-07 ", "2025-07", false}, {"2025年", "2025", false},
		{"2025年上半年", "2025H1", false}, {"2025年下半年", "2025H2", false},
		{"2025年第3季度", "2025Q3", false}, {"2025年三季度", "2025Q3", false},
		{"2025年第四季度", "2025Q4", false}, {"2025年7月", "2025-07", false},
		{"2025年07月", "2025-07", false}, {"2025-07-01", "2025-07", false},
		{"2025年1-7月", "2025-07", true}, {"2025年1—7月", "2025-07", true},
		{"2025年1~12月", "2025-12", true}, {"2025年前三季度", "2025Q3", true},
		{"2025年1-3季度", "2025Q3", true}, {"2025年第1-2季度", "2025Q2", true},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct period p;
		bool cum = !ok[i].cumulative;
		if (!period_parse_text(ok[i].text, &p, &cum))
			fail_msg("%s not read", ok[i].text);
		assert_string_equal(p.label, ok[i].label);
		assert_int_equal(cum, ok[i].cumulative);
	}
	static const char *const bad[] = {"", "2025年13月", "2025年2-7月", "2025-07-15", "2025年第5季度",
	                                  "2025年前一季度", "2025年7", "25年7月", "2025年上半", "2025Q3累计"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct period p;
		bool cum;
		if (period_parse_text(bad[i], &p, &cum))
			fail_msg("%s read as %s", bad[i], p.label);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cumulative_conversion), cmocka_unit_test(test_missing_earlier_cumulative),
		cmocka_unit_test(test_period_values), cmocka_unit_test(test_stock),
		cmocka_unit_test(test_units), cmocka_unit_test(test_names),
		cmocka_unit_test(test_period_months), cmocka_unit_test(test_year_values),
		cmocka_unit_test(test_period_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
