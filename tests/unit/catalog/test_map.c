/* test_map.c - the built-in district map (src/catalog/map.c): features, and points placed in
 * districts, including the districts without a shape of their own. Points are GCJ-02 places
 * whose district is known: the Civic Centre (福田), Shenzhen University (南山), the airport
 * (宝安), 光明 town centre, 南澳 (大鹏), 鹅埠 (深汕, in 海丰县), and Hong Kong (outside). */
#include "testutil.h"

#include "catalog/catalog.h"
#include "catalog/map.h"

#define P(x, y) ((struct geo_point){(x), (y)})

static void test_builtin_features(void **state)
{
	(void)state;
	const struct district_map *m = map_builtin();
	assert_non_null(m);
	assert_int_equal(m->n, 12);
	assert_ptr_equal(map_builtin(), m); /* parsed once */
	const struct map_area *a = map_area_find(m, "futian");
	assert_non_null(a);
	assert_string_equal(a->code, "440304");
	assert_string_equal(a->name, "福田区");
	/* The drawn 福田区 measures 80.0 km² (data/map/README.md lists every area). */
	assert_float_equal(geo_shape_area_km2(&a->shape), 80.0, 0.1);
	assert_int_equal(map_area_find(m, "guangming")->shape.n_polys, 0);
	assert_int_equal(map_area_find(m, "shenshan")->shape.n_polys, 0);
	assert_string_equal(map_area_find(m, "dapeng")->shape_status, "derived");
	assert_null(map_area_find(m, "dapeng")->code);
	assert_null(map_area_find(m, "nowhere"));
	/* Every district of the catalogue except 前海 has a feature. */
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	for (size_t i = 0; i < p->n_districts; i++)
		if (strcmp(p->districts[i].id, "qianhai") != 0)
			assert_non_null(map_area_find(m, p->districts[i].id));
	programme_free(p);
}

static void test_place(void **state)
{
	(void)state;
	const struct district_map *m = map_builtin();
	const char *in = NULL;
	assert_int_equal(map_place_point(m, "futian", P(114.0596, 22.5431), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "福田区");
	assert_int_equal(map_place_point(m, "nanshan", P(113.936, 22.533), NULL), MAP_IN_DISTRICT);
	assert_int_equal(map_place_point(m, "futian", P(113.936, 22.533), &in), MAP_OUTSIDE_DISTRICT);
	assert_string_equal(in, "南山区");
	assert_int_equal(map_place_point(m, "baoan", P(113.81, 22.64), NULL), MAP_IN_DISTRICT);
	/* 光明区 has no shape: its points are checked against 宝安区's, which contains it. */
	assert_int_equal(map_place_point(m, "guangming", P(113.93, 22.75), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "宝安区");
	assert_int_equal(map_place_point(m, "guangming", P(114.0596, 22.5431), NULL), MAP_OUTSIDE_DISTRICT);
	/* 南澳 is in 大鹏新区, which statistically belongs to 龙岗区: both accept it. */
	assert_int_equal(map_place_point(m, "dapeng", P(114.47, 22.54), NULL), MAP_IN_DISTRICT);
	assert_int_equal(map_place_point(m, "longgang", P(114.47, 22.54), NULL), MAP_IN_DISTRICT);
	assert_int_equal(map_place_point(m, "dapeng", P(114.25, 22.72), NULL), MAP_OUTSIDE_DISTRICT);
	/* 深汕 is placed in 海丰县. */
	assert_int_equal(map_place_point(m, "shenshan", P(115.05, 22.87), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "海丰县");
	assert_int_equal(map_place_point(m, "shenshan", P(114.0596, 22.5431), NULL), MAP_OUTSIDE_DISTRICT);
	/* 前海 spans 南山 and 宝安. */
	assert_int_equal(map_place_point(m, "qianhai", P(113.936, 22.533), NULL), MAP_IN_DISTRICT);
	/* Hong Kong and Beijing are outside the map. */
	assert_int_equal(map_place_point(m, NULL, P(114.17, 22.32), NULL), MAP_OUTSIDE_CITY);
	assert_int_equal(map_place_point(m, "futian", P(116.38, 39.91), NULL), MAP_OUTSIDE_CITY);
	assert_int_equal(map_place_point(m, NULL, P(114.0596, 22.5431), NULL), MAP_IN_DISTRICT);
}

static void test_parse_errors(void **state)
{
	(void)state;
	struct district_map *m = NULL;
	struct err e = {0};
	assert_int_equal(map_parse("[]", 2, "x.geojson", &m, &e), ERR_INVALID);
	assert_null(m);
	const char *bad = "{\"features\":[{\"properties\":{\"id\":\"a\",\"name\":\"A\"},"
	                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}}]}";
	assert_int_equal(map_parse(bad, strlen(bad), "x.geojson", &m, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "x.geojson: features[0] (a)"));
	const char *ok = "{\"features\":[{\"properties\":{\"id\":\"a\",\"name\":\"A\"},"
	                 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}";
	assert_int_equal(map_parse(ok, strlen(ok), "x.geojson", &m, &e), ERR_OK);
	assert_int_equal(map_place_point(m, "a", P(0.9, 0.1), NULL), MAP_IN_DISTRICT);
	assert_int_equal(map_place_point(m, "a", P(0.1, 0.9), NULL), MAP_OUTSIDE_DISTRICT);
	assert_int_equal(map_place_point(m, "b", P(0.5, 0.5), NULL), MAP_NO_SHAPE);
	map_free(m);
	map_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_features), cmocka_unit_test(test_place),
		cmocka_unit_test(test_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
