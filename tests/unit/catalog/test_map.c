/* test_map.c - the built-in district map (src/catalog/map.c): features, their areas, and points
 * placed in districts, including the areas without a shape of their own. Points are GCJ-02
 * places whose district is known: the Civic Centre (福田), Shenzhen University (南山), the
 * airport (宝安), 光明 town centre and the 光明区 government, 公明 (光明), 沙井 (宝安), 南澳
 * (大鹏), 鹅埠 (深汕, in 海丰县), and Hong Kong (outside). */
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
	/* The drawn 福田区 measures 79.9 km² (data/map/README.md lists every area). */
	assert_float_equal(geo_shape_area_km2(&a->shape), 79.9, 0.1);
	/* 光明区 (2018) has its own outline, and 宝安区 no longer contains it: 155.9 km² and
	 * 408.1 km² (about 155 and 397 km² of land are cited; the drawn 宝安区 has its coast). */
	const struct map_area *gm = map_area_find(m, "guangming"), *ba = map_area_find(m, "baoan");
	assert_string_equal(gm->code, "440311");
	assert_string_equal(gm->shape_status, "source");
	assert_float_equal(geo_shape_area_km2(&gm->shape), 155.9, 0.1);
	assert_float_equal(geo_shape_area_km2(&ba->shape), 408.1, 0.1);
	assert_int_equal(map_area_find(m, "shenshan")->shape.n_polys, 0);
	assert_string_equal(map_area_find(m, "dapeng")->shape_status, "derived");
	assert_null(map_area_find(m, "dapeng")->code);
	assert_null(map_area_find(m, "nowhere"));
	/* Every district of the catalogue except 前海 has a feature, and every one but 深汕 and 前海
	 * (which have no boundary of their own) a shape of plausible size. */
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	double city = 0;
	for (size_t i = 0; i < p->n_districts; i++) {
		const char *id = p->districts[i].id;
		if (strcmp(id, "qianhai") == 0)
			continue;
		const struct map_area *d = map_area_find(m, id);
		assert_non_null(d);
		if (strcmp(id, "shenshan") == 0)
			continue;
		double km2 = geo_shape_area_km2(&d->shape);
		assert_true(km2 > 70 && km2 < 420);
		city += km2;
	}
	/* The ten city parts: 2,135.2 km², about the city's 1,997 km² of land plus drawn coast. */
	assert_float_equal(city, 2135.2, 0.5);
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
	/* 光明区 has its own shape; its places are no longer 宝安区's. */
	assert_int_equal(map_place_point(m, "guangming", P(113.93, 22.75), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "光明区");
	assert_int_equal(map_place_point(m, "guangming", P(113.935895, 22.748816), NULL), MAP_IN_DISTRICT);
	assert_int_equal(map_place_point(m, "baoan", P(113.935895, 22.748816), &in), MAP_OUTSIDE_DISTRICT);
	assert_string_equal(in, "光明区");
	assert_int_equal(map_place_point(m, "guangming", P(113.89, 22.78), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "光明区");
	assert_int_equal(map_place_point(m, "baoan", P(113.82, 22.73), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "宝安区");
	assert_int_equal(map_place_point(m, "guangming", P(113.82, 22.73), NULL), MAP_OUTSIDE_DISTRICT);
	assert_int_equal(map_place_point(m, "guangming", P(114.0596, 22.5431), NULL), MAP_OUTSIDE_DISTRICT);
	/* A GPS (WGS-84) reading of a place 150 m inside 光明区's western border: read as it is it would
	 * fall ~600 m west-north-west, in 宝安区; converted to GCJ-02 it is placed right. */
	struct geo_point gps = P(113.857, 22.777);
	assert_int_equal(map_place_point(m, "guangming", gps, &in), MAP_OUTSIDE_DISTRICT);
	assert_string_equal(in, "宝安区");
	assert_int_equal(map_place_point(m, "guangming", geo_wgs84_to_gcj02(gps), &in), MAP_IN_DISTRICT);
	assert_string_equal(in, "光明区");
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
