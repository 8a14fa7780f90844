/* test_cultivation.c - the cultivation ladder (src/engine/cultivation.c). */
#include "testutil.h"

#include "engine/cultivation.h"

static void test_stages_and_moves(void **state)
{
	(void)state;
	struct period h1;
	assert_true(period_parse("2025H1", &h1));
	struct cultivation c = {0};
	const char *a[4] = {"2010-01-01", "2025-03-31", NULL, NULL};    /* 小升规 in 2025H1 */
	const char *b[4] = {"2025-01-01", "2025-06-30", "2025-07-01", NULL}; /* 个转企, 小升规 in; 规做精 not */
	const char *d[4] = {NULL, NULL, NULL, "2024-12-31"};            /* listed before the period */
	cultivation_add(&c, "规上", a, &h1);
	cultivation_add(&c, "专精特新", b, &h1);
	cultivation_add(&c, "上市", d, &h1);
	cultivation_add(&c, NULL, d, NULL);
	assert_int_equal(c.total, 4);
	assert_int_equal(c.stage[2], 1);
	assert_int_equal(c.stage[3], 1);
	assert_int_equal(c.stage[4], 1);
	assert_int_equal(c.moves[0], 1); /* 个转企 */
	assert_int_equal(c.moves[1], 2); /* 小升规 */
	assert_int_equal(c.moves[2], 0); /* 规做精: 2025-07-01 is in H2 */
	assert_int_equal(c.moves[3], 0); /* 优上市 */
}

static void test_periods(void **state)
{
	(void)state;
	struct period p;
	assert_true(period_parse("2025", &p));
	assert_string_equal(p.first, "2025-01-01");
	assert_string_equal(p.last, "2025-12-31");
	assert_string_equal(p.label_zh, "2025年");
	assert_true(period_parse("2024Q1", &p));
	assert_string_equal(p.last, "2024-03-31");
	assert_string_equal(p.label_zh, "2024年第1季度");
	assert_true(period_parse("2024-02", &p));
	assert_string_equal(p.last, "2024-02-29");
	assert_string_equal(p.label, "2024-02");
	assert_true(period_parse("2025H2", &p));
	assert_string_equal(p.first, "2025-07-01");
	assert_string_equal(p.label_zh, "2025年下半年");
	assert_true(period_contains(&p, "2025-12-31"));
	assert_false(period_contains(&p, "2026-01-01"));
	assert_false(period_contains(&p, NULL));
	assert_false(period_parse("2025H3", &p));
	assert_false(period_parse("2025-13", &p));
	assert_false(period_parse("2025Q0", &p));
	assert_false(period_parse("25", &p));
	assert_false(period_parse("1899", &p));
	int y, m, d;
	assert_true(date_ymd("2025-07-09", &y, &m, &d));
	assert_int_equal(y * 10000 + m * 100 + d, 20250709);
	assert_false(date_ymd("2025/07/09", &y, &m, &d));
	assert_false(date_ymd("2025-02-29", &y, &m, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stages_and_moves),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
