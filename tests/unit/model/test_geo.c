/* test_geo.c - point in polygon, areas, boxes and GCJ-02 (src/model/geo.c) on hand-built cases. */
#include "testutil.h"

#include "model/geo.h"

#define P(x, y) ((struct geo_point){(x), (y)})

/* A 1° x 1° box with its south-west corner at (lng, lat), counter-clockwise, closed. */
static void box(struct geo_point out[5], double lng, double lat, double size)
{
	out[0] = P(lng, lat);
	out[1] = P(lng + size, lat);
	out[2] = P(lng + size, lat + size);
	out[3] = P(lng, lat + size);
	out[4] = out[0];
}

static void test_area_unit_square(void **state)
{
	(void)state;
	struct geo_point pts[5];
	struct geo_ring r = {pts, 5};
	/*
	 * Sphere of R = 6371.0088 km: a box between latitudes f1 and f2, one degree wide, has area
	 * R^2 * (pi/180) * (sin f2 - sin f1).
	 *   equator, 0°-1°:  40589753.1 * 0.01745329 * 0.01745241 = 12363.72 km²
	 *   22°-23° (22.5°N): 40589753.1 * 0.01745329 * (0.39073113 - 0.37460659) = 11423.02 km²
	 * WGS-84 ellipsoid: integral of a^2 (1-e^2) cos f / (1 - e^2 sin^2 f)^2 df dl, evaluated by
	 * the midpoint rule with 200,000 steps: 12308.46 km² (0°-1°) and 11394.29 km² (22°-23°).
	 */
	box(pts, 113, 0, 1);
	assert_float_equal(geo_ring_area_sphere_km2(&r), 12363.72, 0.01);
	assert_float_equal(geo_ring_area_km2(&r), 12308.46, 0.01);
	box(pts, 113, 22, 1);
	assert_float_equal(geo_ring_area_sphere_km2(&r), 11423.02, 0.01);
	assert_float_equal(geo_ring_area_km2(&r), 11394.29, 0.01);
	/* Orientation and the closing point do not matter. */
	struct geo_point rev[4] = {pts[3], pts[2], pts[1], pts[0]};
	struct geo_ring rr = {rev, 4};
	assert_float_equal(geo_ring_area_km2(&rr), 11394.29, 0.01);
	/* Degenerate rings have no area. */
	struct geo_ring two = {pts, 2};
	assert_float_equal(geo_ring_area_km2(&two), 0, 0);
}

static void test_locate_square(void **state)
{
	(void)state;
	struct geo_point pts[5];
	box(pts, 0, 0, 10);
	struct geo_ring r = {pts, 5};
	assert_int_equal(geo_ring_locate(&r, P(5, 5)), GEO_INSIDE);
	assert_int_equal(geo_ring_locate(&r, P(11, 5)), GEO_OUTSIDE);
	assert_int_equal(geo_ring_locate(&r, P(-1, 5)), GEO_OUTSIDE);
	assert_int_equal(geo_ring_locate(&r, P(5, 10.5)), GEO_OUTSIDE);
	/* On an edge, on a vertex, on the closing edge. */
	assert_int_equal(geo_ring_locate(&r, P(10, 5)), GEO_ON_EDGE);
	assert_int_equal(geo_ring_locate(&r, P(5, 0)), GEO_ON_EDGE);
	assert_int_equal(geo_ring_locate(&r, P(0, 0)), GEO_ON_EDGE);
	assert_int_equal(geo_ring_locate(&r, P(0, 7.25)), GEO_ON_EDGE);
	/* Just inside and just outside an edge. */
	assert_int_equal(geo_ring_locate(&r, P(10 - 1e-6, 5)), GEO_INSIDE);
	assert_int_equal(geo_ring_locate(&r, P(10 + 1e-6, 5)), GEO_OUTSIDE);
	/* A ray through a vertex is counted once: the point level with the top-left corner. */
	struct geo_point tri[3] = {P(0, 0), P(4, 4), P(8, 0)};
	struct geo_ring t = {tri, 3};
	assert_int_equal(geo_ring_locate(&t, P(2, 4)), GEO_OUTSIDE);
	assert_int_equal(geo_ring_locate(&t, P(4, 3)), GEO_INSIDE);
	assert_int_equal(geo_ring_locate(&t, P(-2, 0)), GEO_OUTSIDE);
}

static void test_hole_and_multipolygon(void **state)
{
	(void)state;
	struct geo_point outer[5], hole[5], other[5];
	box(outer, 0, 0, 1);
	box(hole, 0.25, 0.25, 0.5);
	box(other, 3, 0, 1);
	struct geo_ring rings[2] = {{outer, 5}, {hole, 5}};
	struct geo_ring rings2[1] = {{other, 5}};
	struct geo_polygon polys[2] = {{rings, 2}, {rings2, 1}};
	struct geo_shape s = {polys, 2, {0, 0, 0, 0}};
	geo_shape_finish(&s);
	assert_float_equal(s.bbox.min_lng, 0, 0);
	assert_float_equal(s.bbox.max_lng, 4, 0);
	assert_float_equal(s.bbox.max_lat, 1, 0);
	/* In the ring, in the hole, on the hole's edge, in the second polygon, between them. */
	assert_int_equal(geo_shape_locate(&s, P(0.1, 0.1)), GEO_INSIDE);
	assert_int_equal(geo_shape_locate(&s, P(0.5, 0.5)), GEO_OUTSIDE);
	assert_int_equal(geo_shape_locate(&s, P(0.25, 0.5)), GEO_ON_EDGE);
	assert_int_equal(geo_shape_locate(&s, P(3.5, 0.5)), GEO_INSIDE);
	assert_int_equal(geo_shape_locate(&s, P(2, 0.5)), GEO_OUTSIDE);
	assert_int_equal(geo_shape_locate(&s, P(9, 9)), GEO_OUTSIDE);
	/*
	 * Areas near the equator on the ellipsoid: the 1° box 0°-1° is 12308.46 km²; the hole
	 * 0.25°-0.75° in both directions is half the width of the 0.25°-0.75° band of
	 * 1° width, which by the same integral is 3077.14 km²; the polygon is the difference.
	 */
	double hole_area = geo_ring_area_km2(&rings[1]);
	assert_float_equal(hole_area, 3077.14, 0.01);
	assert_float_equal(geo_polygon_area_km2(&polys[0]), 12308.46 - 3077.14, 0.02);
	assert_float_equal(geo_shape_area_km2(&s), 2 * 12308.46 - 3077.14, 0.03);
}

static void test_bbox(void **state)
{
	(void)state;
	struct geo_bbox b = geo_bbox_empty();
	assert_false(geo_bbox_contains(&b, P(0, 0)));
	geo_bbox_extend(&b, P(113.75, 22.4));
	geo_bbox_extend(&b, P(114.63, 22.86));
	assert_true(geo_bbox_contains(&b, P(114, 22.5)));
	assert_true(geo_bbox_contains(&b, P(113.75, 22.4)));
	assert_false(geo_bbox_contains(&b, P(115, 22.5)));
	struct geo_bbox c = geo_bbox_empty();
	geo_bbox_extend(&c, P(115.0, 22.7));
	geo_bbox_union(&b, &c);
	assert_true(geo_bbox_contains(&b, P(114.9, 22.7)));
	struct geo_bbox empty = geo_bbox_empty();
	geo_bbox_union(&b, &empty);
	assert_float_equal(b.max_lng, 115.0, 0);
}

static void test_gcj02(void **state)
{
	(void)state;
	/* Published vectors of the reference implementation (github.com/googollee/eviltransform,
	 * its tests): wgs lat, lng -> gcj lat, lng. */
	static const double v[][4] = {
		{31.1774276, 121.5272106, 31.17530398364597, 121.531541859215},   /* Shanghai */
		{22.543847, 113.912316, 22.540796131694766, 113.9171764808363},   /* Shenzhen */
		{39.911954, 116.377817, 39.91334545536069, 116.38404722455657},   /* Beijing */
	};
	for (size_t i = 0; i < 3; i++) {
		struct geo_point g = geo_wgs84_to_gcj02(P(v[i][1], v[i][0]));
		assert_float_equal(g.lat, v[i][2], 1e-9);
		assert_float_equal(g.lng, v[i][3], 1e-9);
		struct geo_point w = geo_gcj02_to_wgs84(P(v[i][3], v[i][2]));
		assert_float_equal(w.lat, v[i][0], 1e-8);
		assert_float_equal(w.lng, v[i][1], 1e-8);
	}
	/* In Shenzhen GCJ-02 lies about 0.0049° east and 0.0031° south of WGS-84 (~590 m). */
	struct geo_point g = geo_wgs84_to_gcj02(P(114.0, 22.6));
	assert_true(g.lng - 114.0 > 0.004 && g.lng - 114.0 < 0.006);
	assert_true(22.6 - g.lat > 0.002 && 22.6 - g.lat < 0.004);
	/* Outside China nothing moves. */
	struct geo_point paris = geo_wgs84_to_gcj02(P(2.35, 48.85));
	assert_float_equal(paris.lng, 2.35, 0);
	assert_float_equal(paris.lat, 48.85, 0);
	assert_float_equal(geo_gcj02_to_wgs84(P(2.35, 48.85)).lng, 2.35, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_area_unit_square), cmocka_unit_test(test_locate_square),
		cmocka_unit_test(test_hole_and_multipolygon), cmocka_unit_test(test_bbox),
		cmocka_unit_test(test_gcj02),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
