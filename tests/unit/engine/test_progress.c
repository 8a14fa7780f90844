/* test_progress.c - project investment against time (src/engine/progress.c), hand-computed. */
#include "testutil.h"

#include <math.h>

#include "engine/progress.h"

static void test_year_elapsed(void **state)
{
	(void)state;
	assert_true(fabs(progress_year_elapsed(2025, "2025-06-30") - 181.0 / 365.0) < 1e-12);
	assert_true(fabs(progress_year_elapsed(2024, "2024-12-31") - 1.0) < 1e-12); /* leap year */
	assert_true(fabs(progress_year_elapsed(2024, "2024-03-01") - 61.0 / 366.0) < 1e-12);
	assert_true(progress_year_elapsed(2025, "2024-12-31") == 0); /* before the year */
	assert_true(progress_year_elapsed(2025, "2026-01-01") == 1); /* after it */
	assert_true(progress_year_elapsed(2025, "bad") == 0);
}

static void test_status(void **state)
{
	(void)state;
	double m[12] = {100, 100, 100, 100, 100, 100, 100, 0, 0, 0, 0, 0};
	bool has[12] = {true, true, true, true, true, true, true};
	/* As of 2025-06-30 only January-June count: 600 of 1200, expected 181/365 = 0.4959. */
	struct progress p = progress_of(2025, 1200, m, has, "2025-06-30");
	assert_true(p.completed == 600);
	assert_true(fabs(p.ratio - 0.5) < 1e-12);
	assert_int_equal(p.status, RAG_GREEN);
	/* 525 done: 0.4375 is below 0.4959 - 0.05 but not below 0.4959 - 0.15 -> amber. */
	m[0] = m[1] = m[2] = 75;
	p = progress_of(2025, 1200, m, has, "2025-06-30");
	assert_true(p.completed == 525);
	assert_int_equal(p.status, RAG_AMBER);
	/* 300 done: 0.25 < 0.3459 -> red. */
	for (int i = 0; i < 6; i++)
		m[i] = 50;
	p = progress_of(2025, 1200, m, has, "2025-06-30");
	assert_int_equal(p.status, RAG_RED);
	/* No plan, no year, or a future year: no judgement. */
	assert_int_equal(progress_of(2025, 0, m, has, "2025-06-30").status, RAG_NONE);
	assert_int_equal(progress_of(0, 1200, m, has, "2025-06-30").status, RAG_NONE);
	assert_int_equal(progress_of(2026, 1200, m, has, "2025-06-30").status, RAG_NONE);
	/* A past year counts all twelve months against the whole plan. */
	p = progress_of(2024, 700, m, has, "2025-03-01");
	assert_true(p.completed == 300 + 100);
	assert_true(p.expected == 1);
	assert_int_equal(p.status, RAG_RED);
	assert_string_equal(rag_name(RAG_AMBER), "amber");
	assert_string_equal(rag_label_zh(RAG_RED), "滞后");
}

static void test_cutoff(void **state)
{
	(void)state;
	char out[16];
	progress_cutoff(2025, 10, "2026-11-27", out); /* figures through October 2025 */
	assert_string_equal(out, "2025-10-31");
	progress_cutoff(2024, 2, "2026-01-01", out);
	assert_string_equal(out, "2024-02-29");
	progress_cutoff(2026, 12, "2026-11-27", out); /* never later than today */
	assert_string_equal(out, "2026-11-27");
	progress_cutoff(0, 0, "2026-11-27", out); /* nothing reported */
	assert_string_equal(out, "2026-11-27");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_elapsed),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_cutoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
