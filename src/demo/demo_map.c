/*
 * demo_map.c - the demo's places: a point (GCJ-02) inside its district's shape on the built-in
 * map for every record with coordinates, and the 20 advanced manufacturing parks of policy
 * 四（二） with their zones and quarterly progress.
 *
 * Points come from their own PRNG stream (demo_gen.point_rng), so adding them did not change any
 * other generated value. A point is drawn uniformly from the district's shape (rejection from its
 * box) and kept only when the list check would accept it. Districts without a shape of their own
 * (data/map/README.md): 深汕 points are drawn from 海丰县 west of 115.2°E (the towns of the zone
 * lie in its west); 前海 points from 南山区 around 前海湾 (113.86-113.93°E, 22.50-22.56°N).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/mem.h"
#include "catalog/map.h"
#include "demo/demo_int.h"

/* Where a district's demo points are drawn: a shape and a box limiting it. */
struct draw {
	const char *shape;
	struct geo_bbox box; /* intersected with the shape's box */
};

#define ANY {-1e9, -1e9, 1e9, 1e9}

static struct draw draw_for(const char *district)
{
	if (strcmp(district, "shenshan") == 0)
		return (struct draw){"haifeng", {-1e9, -1e9, 115.2, 1e9}};
	if (strcmp(district, "qianhai") == 0)
		return (struct draw){"nanshan", {113.86, 22.50, 113.93, 22.56}};
	return (struct draw){district, ANY};
}

bool demo_point(struct demo_gen *g, const char *district_id, double *lng, double *lat)
{
	const struct district_map *m = map_builtin();
	struct draw d = draw_for(district_id);
	const struct map_area *a = m ? map_area_find(m, d.shape) : NULL;
	if (a == NULL || a->shape.n_polys == 0)
		return false;
	struct geo_bbox b = a->shape.bbox;
	b.min_lng = fmax(b.min_lng, d.box.min_lng);
	b.min_lat = fmax(b.min_lat, d.box.min_lat);
	b.max_lng = fmin(b.max_lng, d.box.max_lng);
	b.max_lat = fmin(b.max_lat, d.box.max_lat);
	for (int tries = 0; tries < 100000; tries++) {
		/* Six decimals (~0.1 m), as the text cell will carry it. */
		double x = round((b.min_lng + demo_stream_unit(&g->point_rng) * (b.max_lng - b.min_lng)) * 1e6) / 1e6;
		double y = round((b.min_lat + demo_stream_unit(&g->point_rng) * (b.max_lat - b.min_lat)) * 1e6) / 1e6;
		struct geo_point p = {x, y};
		if (geo_shape_locate(&a->shape, p) != GEO_INSIDE ||
		    map_place_point(m, district_id, p, NULL) != MAP_IN_DISTRICT)
			continue;
		*lng = x;
		*lat = y;
		return true;
	}
	return false;
}

void demo_place(struct demo_gen *g, struct demo_row *r)
{
	int fl = list_field_index(r->l, "lng"), fa = list_field_index(r->l, "lat");
	int fd = list_field_index(r->l, "district");
	if (fl < 0 || fa < 0 || fd < 0 || r->cell[fl] || r->cell[fd] == NULL)
		return;
	const struct district *d = programme_district(g->p, r->cell[fd]);
	double lng, lat;
	if (d && demo_point(g, d->id, &lng, &lat)) {
		demo_row_set(r, "lng", "%.6f", lng);
		demo_row_set(r, "lat", "%.6f", lat);
	}
}

/* ---- parks ---- */

/* The 20 parks: district, the place they are named after, planned area (km²; 300 in all). */
static const struct {
	const char *district, *place;
	double km2;
} parks[] = {
	{"baoan", "燕罗", 18.5},     {"baoan", "松岗", 16.0},     {"baoan", "新桥", 12.5},
	{"baoan", "石岩", 14.0},     {"guangming", "公明", 15.0}, {"guangming", "凤凰", 12.0},
	{"guangming", "玉塘", 10.5}, {"longhua", "观澜", 13.5},   {"longhua", "福城", 11.0},
	{"longhua", "大浪", 9.5},    {"longgang", "宝龙", 16.5},  {"longgang", "坪地", 14.5},
	{"longgang", "平湖", 12.0},  {"longgang", "园山", 10.0},  {"pingshan", "坑梓", 15.5},
	{"pingshan", "龙田", 12.5},  {"pingshan", "石井", 11.0},  {"shenshan", "鹅埠", 30.0},
	{"shenshan", "小漠", 25.0},  {"shenshan", "赤石", 20.5},
};

/* Shares of a park's planned area by zone type. */
static const struct {
	const char *type;
	double share;
} zones[] = {{"启动区", 0.2}, {"拓展区", 0.35}, {"储备区", 0.45}};

/*
 * A square of `km2` around (lng, lat) as a GeoJSON Polygon; its exact area into *area. False
 * when a corner falls outside `district` on the map.
 */
static bool square(const char *district, double lng, double lat, double km2, char *out,
                   size_t size, double *area)
{
	double side = sqrt(km2);
	double dlat = side / 110.574 / 2, dlng = side / (111.320 * cos(lat * M_PI / 180)) / 2;
	struct geo_point pts[5] = {
		{lng - dlng, lat - dlat}, {lng + dlng, lat - dlat}, {lng + dlng, lat + dlat},
		{lng - dlng, lat + dlat}, {lng - dlng, lat - dlat},
	};
	const struct district_map *m = map_builtin();
	for (size_t i = 0; i < 5; i++) {
		pts[i].lng = round(pts[i].lng * 1e6) / 1e6;
		pts[i].lat = round(pts[i].lat * 1e6) / 1e6;
		if (m == NULL || map_place_point(m, district, pts[i], NULL) != MAP_IN_DISTRICT)
			return false;
	}
	struct geo_ring ring = {pts, 5};
	*area = geo_ring_area_km2(&ring);
	(void)snprintf(out, size,
	               "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],"
	               "[%.6f,%.6f],[%.6f,%.6f]]]}",
	               pts[0].lng, pts[0].lat, pts[1].lng, pts[1].lat, pts[2].lng, pts[2].lat,
	               pts[3].lng, pts[3].lat, pts[4].lng, pts[4].lat);
	return true;
}

/* Up to three industries assigned to the district (any industry when none is). */
static void park_industries(struct demo_gen *g, const struct district *d, char *out, size_t size)
{
	size_t cand[64], n = 0;
	for (size_t i = 0; i < g->p->n_industries && n < 64; i++)
		if (industry_in_district(&g->p->industries[i], d) && g->p->industries[i].kind == KIND_CLUSTER)
			cand[n++] = i;
	for (size_t i = 0; n == 0 && i < g->p->n_industries && i < 64; i++)
		cand[n++] = i;
	demo_shuffle(g, cand, n);
	size_t k = 1 + demo_below(g, 3), len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < k && i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "、" : "",
		                        g->p->industries[cand[i]].name_zh);
}

enum err_code demo_parks_all(struct demo_gen *g, struct err *e)
{
	const struct list_def *lp = list_find("parks"), *lz = list_find("park_zones"),
	                      *lg = list_find("park_progress");
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < DEMO_N(parks) && rc == ERR_OK; i++) {
		const struct district *d = programme_district(g->p, parks[i].district);
		if (d == NULL)
			continue;
		char name[128], inds[512], geo[512];
		double lng = 0, lat = 0, area, start = parks[i].km2 * zones[0].share, start_area = 0;
		/* A centre whose 启动区 square lies in the district. */
		bool placed = false, drawn = false;
		for (int tries = 0; tries < 500 && !drawn; tries++) {
			placed = demo_point(g, d->id, &lng, &lat);
			drawn = placed && square(d->id, lng, lat, start, geo, sizeof geo, &start_area);
		}
		(void)snprintf(name, sizeof name, "%s%s先进制造业园区", d->short_name, parks[i].place);
		park_industries(g, d, inds, sizeof inds);
		struct demo_row r;
		demo_row_init(&r, lp);
		demo_row_set(&r, "name", "%s", name);
		demo_row_set(&r, "district", "%s", d->name_zh);
		demo_row_set(&r, "industries", "%s", inds);
		demo_row_set(&r, "planned_area", "%.1f", parks[i].km2);
		if (placed) {
			demo_row_set(&r, "lng", "%.6f", lng);
			demo_row_set(&r, "lat", "%.6f", lat);
		}
		rc = demo_emit(g, &r, e);
		/* Zones: the 启动区 drawn as a square around the centre, the others by area only. */
		for (size_t z = 0; z < DEMO_N(zones) && rc == ERR_OK; z++) {
			demo_row_init(&r, lz);
			demo_row_set(&r, "park", "%s", name);
			demo_row_set(&r, "zone_type", "%s", zones[z].type);
			area = parks[i].km2 * zones[z].share;
			if (z == 0 && drawn) {
				area = start_area;
				demo_row_set(&r, "boundary", "%s", geo);
			}
			demo_row_set(&r, "area", "%.4f", area);
			rc = demo_emit(g, &r, e);
		}
		/* Progress, cumulative at the end of each quarter of 2025 up to DEMO_AS_OF. */
		double land = 0, factory = 0, open = parks[i].km2 * 0.55;
		for (int q = 1; q <= 3 && rc == ERR_OK; q++) {
			land += open * (0.04 + 0.08 * demo_unit(g));
			factory += 2 + 10 * demo_unit(g);
			demo_row_init(&r, lg);
			demo_row_set(&r, "park", "%s", name);
			demo_row_set(&r, "period", "2025Q%d", q);
			demo_row_set(&r, "land_consolidated", "%.2f", land);
			demo_row_set(&r, "custom_factory", "%.1f", factory);
			rc = demo_emit(g, &r, e);
		}
	}
	return rc;
}
