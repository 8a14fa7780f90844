/* test_targets.c - progress towards targets (src/engine/targets.c), every figure hand-computed. */
#include "testutil.h"

#include <math.h>

#include "engine/targets.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static const struct tgt_plan plan = {.base_year = 2022, .target_year = 2025, .target = 150};

static void test_elapsed(void **state)
{
	(void)state;
	bool ok;
	/* 2024 annual data against 2022-2025: 2 of 3 years. */
	NEAR(targets_elapsed(&plan, 2024, 12, &ok), 2.0 / 3.0);
	assert_true(ok);
	/* 2025H1: 2.5 of 3 years. 2025Q3: 2.75 of 3. */
	NEAR(targets_elapsed(&plan, 2025, 6, &ok), 2.5 / 3.0);
	NEAR(targets_elapsed(&plan, 2025, 9, &ok), 2.75 / 3.0);
	/* The base year itself: nothing has passed; before it, still 0; after the target year, 1. */
	NEAR(targets_elapsed(&plan, 2022, 12, &ok), 0);
	NEAR(targets_elapsed(&plan, 2021, 12, &ok), 0);
	NEAR(targets_elapsed(&plan, 2027, 12, &ok), 1);
	/* A plan that ends where it starts, or a month out of range: not computable. */
	struct tgt_plan bad = {.base_year = 2025, .target_year = 2025, .target = 1};
	assert_true(targets_elapsed(&bad, 2025, 12, &ok) == 0);
	assert_false(ok);
	(void)targets_elapsed(&plan, 2024, 13, &ok);
	assert_false(ok);
}

static void test_progress_at_risk(void **state)
{
	(void)state;
	/* 100, 110, 132: growth 10% then 20%. */
	struct tgt_point pts[] = {{2023, 110, true}, {2022, 100, true}, {2024, 132, true}};
	struct tgt_result r = targets_progress(&plan, pts, 3, 0, 0, 0);
	assert_true(r.has_share);
	NEAR(r.share, 132.0 / 150.0); /* 0.88 */
	assert_true(r.has_elapsed);
	NEAR(r.elapsed, 2.0 / 3.0);
	assert_int_equal(r.years_left, 1);
	assert_true(r.has_needed);
	NEAR(r.needed_pct, (150.0 / 132.0 - 1) * 100); /* 13.64% */
	/* ln-linear fit over x = -1, 0, 1: slope (ln132 - ln100)/2 = 0.138816, mean ln = 4.729484;
	 * at 2025 (x = 2): exp(4.729484 + 2 * 0.138816) = 149.473. Range 132 x 1.1 .. 132 x 1.2. */
	assert_true(r.has_projection);
	assert_int_equal(r.points, 3);
	assert_true(fabs(r.projected - 149.47301796770589) < 1e-9);
	NEAR(r.projected_low, 145.2);
	NEAR(r.projected_high, 158.4);
	NEAR(r.growth_min_pct, 10);
	NEAR(r.growth_max_pct, 20);
	assert_true(fabs(r.trend_pct - 14.891252930760523) < 1e-9);
	/* 149.47 < 150 <= 158.4: only the top of the range reaches the target. */
	assert_int_equal(r.status, TGT_AT_RISK);
	assert_string_equal(tgt_status_label_zh(r.status), "存在风险");
}

static void test_progress_statuses(void **state)
{
	(void)state;
	/* The headline case: 1.2 in 2024 against 1.5 in 2025 needs 25% growth. Steady 10% growth
	 * from 1.0 gives 1.331 in 2025 with a range of one point: off track. */
	struct tgt_plan p = {.base_year = 2022, .target_year = 2025, .target = 1.5};
	struct tgt_point steady[] = {{2022, 1.0, true}, {2023, 1.1, true}, {2024, 1.21, true}};
	struct tgt_result r = targets_progress(&p, steady, 3, 3, 0, 0);
	NEAR(r.needed_pct, (pow(1.5 / 1.21, 1.0) - 1) * 100);
	NEAR(r.projected, 1.331);
	NEAR(r.projected_low, 1.331);
	NEAR(r.projected_high, 1.331);
	NEAR(r.trend_pct, 10);
	assert_int_equal(r.status, TGT_OFF_TRACK);
	struct tgt_point head[] = {{2024, 1.2, true}};
	r = targets_progress(&p, head, 1, 3, 0, 0);
	NEAR(r.needed_pct, 25);
	assert_false(r.has_projection); /* one value: no trend */
	assert_int_equal(r.why_projection, TGT_FEW_POINTS);
	assert_int_equal(r.status, TGT_UNKNOWN);

	/* Two years left: (1.5 / 1.2)^(1/2) - 1 = 11.803%. */
	struct tgt_point y2023[] = {{2023, 1.2, true}};
	r = targets_progress(&p, y2023, 1, 3, 0, 0);
	assert_int_equal(r.years_left, 2);
	NEAR(r.needed_pct, (sqrt(1.25) - 1) * 100);

	/* On track: 20% a year from 100 reaches 172.8 in 2025 > 150. */
	struct tgt_point fast[] = {{2022, 100, true}, {2023, 120, true}, {2024, 144, true}};
	r = targets_progress(&plan, fast, 3, 3, 0, 0);
	NEAR(r.projected, 172.8);
	assert_int_equal(r.status, TGT_ON_TRACK);

	/* Achieved already, and past the target year without reaching it. */
	struct tgt_point done[] = {{2024, 144, true}, {2025, 151, true}};
	r = targets_progress(&plan, done, 2, 3, 0, 0);
	assert_int_equal(r.status, TGT_ACHIEVED);
	assert_false(r.has_needed);
	assert_int_equal(r.why_needed, TGT_PAST_TARGET);
	struct tgt_point late[] = {{2025, 140, true}, {2026, 149, true}};
	r = targets_progress(&plan, late, 2, 3, 0, 0);
	assert_int_equal(r.status, TGT_OFF_TRACK);
	assert_int_equal(r.years_left, -1);
	NEAR(r.elapsed, 1);
}

static void test_window_and_gaps(void **state)
{
	(void)state;
	/* Window 3 of five values: the fit sees 2022-2024 only, so the early slump does not count. */
	struct tgt_point pts[] = {{2020, 500, true}, {2021, 50, true}, {2022, 100, true},
	                          {2023, 110, true}, {2024, 132, true}};
	struct tgt_result r = targets_progress(&plan, pts, 5, 3, 0, 0);
	assert_int_equal(r.points, 3);
	assert_true(fabs(r.projected - 149.47301796770589) < 1e-9);
	/* A missing year inside the window is skipped; the next-latest values fill it. */
	struct tgt_point holes[] = {{2020, 100, true}, {2021, 0, false}, {2022, 121, true},
	                            {2023, 133.1, true}};
	r = targets_progress(&plan, holes, 4, 3, 0, 0);
	assert_int_equal(r.points, 3);
	/* 2020 -> 2022 is 21% over two years, 10% a year; 2022 -> 2023 10%: steady 10%, so the
	 * fit gives 133.1 x 1.1^2 = 161.051 and the range is that one point. */
	NEAR(r.growth_min_pct, 10);
	NEAR(r.growth_max_pct, 10);
	assert_true(fabs(r.projected - 161.051) < 1e-6);
	NEAR(r.projected_low, 161.051);
	assert_int_equal(r.years_left, 2);
	assert_int_equal(r.status, TGT_ON_TRACK);
}

static void test_zero_negative_missing(void **state)
{
	(void)state;
	struct tgt_result r;
	/* No figures at all. */
	r = targets_progress(&plan, NULL, 0, 3, 0, 0);
	assert_false(r.has_share || r.has_needed || r.has_projection || r.has_elapsed);
	assert_int_equal(r.why_share, TGT_NO_ACTUAL);
	assert_int_equal(r.status, TGT_UNKNOWN);
	assert_string_equal(tgt_reason_zh(r.why_share), "无法计算：缺少实际值");
	/* Figures only marked missing: the same. Time elapsed still follows the period given. */
	struct tgt_point none[] = {{2024, 5, false}};
	r = targets_progress(&plan, none, 1, 3, 2025, 6);
	assert_int_equal(r.why_share, TGT_NO_ACTUAL);
	assert_true(r.has_elapsed);
	NEAR(r.elapsed, 2.5 / 3.0);
	/* A zero actual: share 0, but no growth from zero and no logarithm. */
	struct tgt_point zero[] = {{2023, 10, true}, {2024, 0, true}};
	r = targets_progress(&plan, zero, 2, 3, 0, 0);
	assert_true(r.has_share);
	NEAR(r.share, 0);
	assert_false(r.has_needed);
	assert_int_equal(r.why_needed, TGT_NONPOSITIVE);
	assert_false(r.has_projection);
	assert_int_equal(r.why_projection, TGT_NONPOSITIVE);
	assert_true(isfinite(r.projected) && isfinite(r.needed_pct) && isfinite(r.trend_pct));
	/* A negative actual: no share either. */
	struct tgt_point neg[] = {{2024, -3, true}};
	r = targets_progress(&plan, neg, 1, 3, 0, 0);
	assert_false(r.has_share);
	assert_int_equal(r.why_share, TGT_NONPOSITIVE);
	/* A zero or missing target, or a plan with no time. */
	struct tgt_plan zt = {.base_year = 2022, .target_year = 2025, .target = 0};
	struct tgt_point one[] = {{2024, 1, true}};
	r = targets_progress(&zt, one, 1, 3, 0, 0);
	assert_false(r.has_share);
	assert_int_equal(r.why_share, TGT_NO_TARGET);
	struct tgt_plan nan_target = {.base_year = 2022, .target_year = 2025, .target = NAN};
	r = targets_progress(&nan_target, one, 1, 3, 0, 0);
	assert_int_equal(r.why_needed, TGT_NO_TARGET);
	struct tgt_plan flat = {.base_year = 2025, .target_year = 2025, .target = 1};
	r = targets_progress(&flat, one, 1, 3, 0, 0);
	assert_int_equal(r.why_elapsed, TGT_BAD_PLAN);
	assert_false(r.has_share);
	/* A growth so large that the projection overflows: a reason, not inf. */
	struct tgt_point wild[] = {{2023, 1e-300, true}, {2024, 1e300, true}};
	struct tgt_plan far = {.base_year = 2022, .target_year = 2030, .target = 1e10};
	r = targets_progress(&far, wild, 2, 3, 0, 0);
	assert_false(r.has_projection);
	assert_true(isfinite(r.projected) && isfinite(r.projected_high));
	assert_int_equal(r.status, TGT_ACHIEVED); /* the last value already exceeds the target */
	struct tgt_point tiny[] = {{2024, 1e-300, true}};
	r = targets_progress(&far, tiny, 1, 3, 0, 0);
	assert_true(isfinite(r.needed_pct));
}

static void test_count_and_names(void **state)
{
	(void)state;
	/* Six clusters at 1000亿 or more: 1200, 1000 (equal counts), 999.9 does not, missing not. */
	double v[] = {1200e8, 1000e8, 999.9e8, 5000e8, 0};
	bool has[] = {true, true, true, true, false};
	assert_int_equal(targets_count_reaching(v, has, 5, 1000e8), 3);
	assert_string_equal(tgt_status_name(TGT_ON_TRACK), "on_track");
	assert_string_equal(tgt_reason_name(TGT_PAST_TARGET), "past_target");
	assert_string_equal(tgt_reason_zh(TGT_OK), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elapsed),          cmocka_unit_test(test_progress_at_risk),
		cmocka_unit_test(test_progress_statuses), cmocka_unit_test(test_window_and_gaps),
		cmocka_unit_test(test_zero_negative_missing), cmocka_unit_test(test_count_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
