/* test_parks.c - the park programme's totals (src/engine/parks.c) on a hand-built case. */
#include "testutil.h"

#include "engine/parks.h"

static void test_totals(void **state)
{
	(void)state;
	const struct park_in parks[] = {
		{"甲园", "baoan", 18.5}, {"乙园", "baoan", 12.0}, {"丙园", "shenshan", 30.0},
		{"丁园", "guangming", -1},
	};
	const struct park_zone_in zones[] = {
		{"甲园", "启动区", 3.7, true}, {"甲园", "拓展区", 6.5, false}, {"甲园", "储备区", 8.3, false},
		{"丙园", "启动区", 6.0, false}, {"丙园", "储备区", -1, false}, {"丙园", "其他", 9, false},
	};
	const struct park_progress_in prog[] = {
		{"甲园", "2025Q1", 0.5, 3.0}, {"甲园", "2025Q3", 1.25, 10.5}, {"甲园", "2025H1", 0.9, 6.0},
		{"丙园", "2025H1", 2.0, -1},  {"丙园", "2025年", 9.0, 9.0}, /* not a period: ignored */
	};
	struct park_totals t;
	park_totals_compute(parks, 4, zones, 6, prog, 5, &t);
	assert_int_equal(t.parks, 4);
	assert_float_equal(t.planned_km2, 60.5, 1e-9); /* 18.5 + 12 + 30 */
	assert_int_equal(t.parks_without_area, 1);
	assert_int_equal(t.n_districts, 3);
	assert_string_equal(t.by_district[0].district, "baoan");
	assert_int_equal(t.by_district[0].parks, 2);
	assert_float_equal(t.by_district[0].planned_km2, 30.5, 1e-9);
	assert_string_equal(t.by_district[2].district, "guangming");
	assert_float_equal(t.by_district[2].planned_km2, 0, 0);
	/* 启动区 3.7 + 6.0, one drawn; 拓展区 6.5; 储备区 8.3 (丙园's has no area); "其他" ignored. */
	assert_int_equal(t.by_zone[0].zones, 2);
	assert_int_equal(t.by_zone[0].with_boundary, 1);
	assert_float_equal(t.by_zone[0].area_km2, 9.7, 1e-9);
	assert_float_equal(t.by_zone[1].area_km2, 6.5, 1e-9);
	assert_int_equal(t.by_zone[2].zones, 2);
	assert_float_equal(t.by_zone[2].area_km2, 8.3, 1e-9);
	/* Latest rows: 甲园 2025Q3 (ends 09-30, after H1's 06-30), 丙园 2025H1. */
	assert_int_equal(t.parks_reporting, 2);
	assert_float_equal(t.land_km2, 3.25, 1e-9);
	assert_float_equal(t.factory_wan_m2, 10.5, 1e-9);
	assert_string_equal(t.latest_period, "2025Q3");
	assert_int_equal(park_zone_index("拓展区"), 1);
	assert_int_equal(park_zone_index("x"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_totals)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
