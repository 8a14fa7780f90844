/*
 * geo.c - point in polygon, areas on the ellipsoid, bounding boxes and GCJ-02 conversion
 * (see geo.h). Pure computation.
 */
#include "model/geo.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static double rad(double deg)
{
	return deg * M_PI / 180.0;
}

/* Number of distinct vertices: a closing point equal to the first is not counted again. */
static size_t ring_len(const struct geo_ring *r)
{
	size_t n = r->n;
	if (n > 1 && r->pts[0].lng == r->pts[n - 1].lng && r->pts[0].lat == r->pts[n - 1].lat)
		n--;
	return n;
}

/* Whether p lies on segment a-b, within GEO_EDGE_EPS. */
static bool on_segment(struct geo_point a, struct geo_point b, struct geo_point p)
{
	double dx = b.lng - a.lng, dy = b.lat - a.lat;
	double len2 = dx * dx + dy * dy;
	double t = len2 > 0 ? ((p.lng - a.lng) * dx + (p.lat - a.lat) * dy) / len2 : 0;
	if (t < 0)
		t = 0;
	else if (t > 1)
		t = 1;
	double qx = a.lng + t * dx - p.lng, qy = a.lat + t * dy - p.lat;
	return qx * qx + qy * qy <= GEO_EDGE_EPS * GEO_EDGE_EPS;
}

enum geo_where geo_ring_locate(const struct geo_ring *r, struct geo_point p)
{
	size_t n = ring_len(r);
	bool inside = false;
	if (n < 3)
		return GEO_OUTSIDE;
	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		struct geo_point a = r->pts[i], b = r->pts[j];
		if (on_segment(a, b, p))
			return GEO_ON_EDGE;
		/* Crossing test on a horizontal ray to the east (half-open in latitude). */
		if ((a.lat > p.lat) != (b.lat > p.lat)) {
			double x = a.lng + (p.lat - a.lat) * (b.lng - a.lng) / (b.lat - a.lat);
			if (p.lng < x)
				inside = !inside;
		}
	}
	return inside ? GEO_INSIDE : GEO_OUTSIDE;
}

enum geo_where geo_polygon_locate(const struct geo_polygon *poly, struct geo_point p)
{
	if (poly->n_rings == 0)
		return GEO_OUTSIDE;
	enum geo_where w = geo_ring_locate(&poly->rings[0], p);
	if (w != GEO_INSIDE)
		return w;
	for (size_t i = 1; i < poly->n_rings; i++) {
		enum geo_where h = geo_ring_locate(&poly->rings[i], p);
		if (h == GEO_ON_EDGE)
			return GEO_ON_EDGE;
		if (h == GEO_INSIDE)
			return GEO_OUTSIDE;
	}
	return GEO_INSIDE;
}

enum geo_where geo_shape_locate(const struct geo_shape *s, struct geo_point p)
{
	enum geo_where best = GEO_OUTSIDE;
	if (s->n_polys == 0 || !geo_bbox_contains(&s->bbox, p))
		return GEO_OUTSIDE;
	for (size_t i = 0; i < s->n_polys; i++) {
		enum geo_where w = geo_polygon_locate(&s->polys[i], p);
		if (w == GEO_INSIDE)
			return GEO_INSIDE;
		if (w == GEO_ON_EDGE)
			best = GEO_ON_EDGE;
	}
	return best;
}

/* WGS-84 */
#define WGS84_A_KM 6378.137
#define WGS84_F (1.0 / 298.257223563)

/* The authalic latitude function q(phi) (Snyder, Map Projections, eq. 3-12). */
static double authalic_q(double phi, double e)
{
	double s = sin(phi), es = e * s;
	return (1 - e * e) * (s / (1 - es * es) - (1 / (2 * e)) * log((1 - es) / (1 + es)));
}

/* Sum over edges of (lng2 - lng1) * (f(lat1) + f(lat2)) / 2: twice the signed area in the
 * cylindrical equal-area projection with y = f(lat). */
static double ring_sum(const struct geo_ring *r, bool ellipsoid)
{
	size_t n = ring_len(r);
	double e = sqrt(WGS84_F * (2 - WGS84_F)), sum = 0;
	if (n < 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		struct geo_point a = r->pts[i], b = r->pts[(i + 1) % n];
		double fa = ellipsoid ? authalic_q(rad(a.lat), e) : sin(rad(a.lat));
		double fb = ellipsoid ? authalic_q(rad(b.lat), e) : sin(rad(b.lat));
		sum += rad(b.lng - a.lng) * (fa + fb) / 2;
	}
	return fabs(sum);
}

double geo_ring_area_km2(const struct geo_ring *r)
{
	/* Area of the band between two latitudes on the ellipsoid: a^2 / 2 * dlng * (q2 - q1). */
	return WGS84_A_KM * WGS84_A_KM / 2 * ring_sum(r, true);
}

double geo_ring_area_sphere_km2(const struct geo_ring *r)
{
	return GEO_EARTH_RADIUS_KM * GEO_EARTH_RADIUS_KM * ring_sum(r, false);
}

double geo_polygon_area_km2(const struct geo_polygon *poly)
{
	double a = 0;
	for (size_t i = 0; i < poly->n_rings; i++)
		a += (i == 0 ? 1 : -1) * geo_ring_area_km2(&poly->rings[i]);
	return a > 0 ? a : 0;
}

double geo_shape_area_km2(const struct geo_shape *s)
{
	double a = 0;
	for (size_t i = 0; i < s->n_polys; i++)
		a += geo_polygon_area_km2(&s->polys[i]);
	return a;
}

struct geo_bbox geo_bbox_empty(void)
{
	return (struct geo_bbox){DBL_MAX, DBL_MAX, -DBL_MAX, -DBL_MAX};
}

void geo_bbox_extend(struct geo_bbox *b, struct geo_point p)
{
	if (p.lng < b->min_lng)
		b->min_lng = p.lng;
	if (p.lng > b->max_lng)
		b->max_lng = p.lng;
	if (p.lat < b->min_lat)
		b->min_lat = p.lat;
	if (p.lat > b->max_lat)
		b->max_lat = p.lat;
}

void geo_bbox_union(struct geo_bbox *b, const struct geo_bbox *o)
{
	if (o->min_lng > o->max_lng)
		return;
	geo_bbox_extend(b, (struct geo_point){o->min_lng, o->min_lat});
	geo_bbox_extend(b, (struct geo_point){o->max_lng, o->max_lat});
}

bool geo_bbox_contains(const struct geo_bbox *b, struct geo_point p)
{
	return p.lng >= b->min_lng - GEO_EDGE_EPS && p.lng <= b->max_lng + GEO_EDGE_EPS &&
	       p.lat >= b->min_lat - GEO_EDGE_EPS && p.lat <= b->max_lat + GEO_EDGE_EPS;
}

void geo_shape_finish(struct geo_shape *s)
{
	s->bbox = geo_bbox_empty();
	for (size_t i = 0; i < s->n_polys; i++) {
		if (s->polys[i].n_rings == 0)
			continue;
		const struct geo_ring *r = &s->polys[i].rings[0];
		for (size_t k = 0; k < r->n; k++)
			geo_bbox_extend(&s->bbox, r->pts[k]);
	}
}

void geo_shape_free(struct geo_shape *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_polys; i++) {
		for (size_t k = 0; k < s->polys[i].n_rings; k++)
			free(s->polys[i].rings[k].pts);
		free(s->polys[i].rings);
	}
	free(s->polys);
	s->polys = NULL;
	s->n_polys = 0;
}

/* GCJ-02 */
#define GCJ_A 6378245.0
#define GCJ_EE 0.00669342162296594323

static bool out_of_china(struct geo_point p)
{
	return p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

static double gcj_lat(double x, double y)
{
	double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(fabs(x));
	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(y * M_PI) + 40.0 * sin(y / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (160.0 * sin(y / 12.0 * M_PI) + 320.0 * sin(y * M_PI / 30.0)) * 2.0 / 3.0;
	return r;
}

static double gcj_lng(double x, double y)
{
	double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(fabs(x));
	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(x * M_PI) + 40.0 * sin(x / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (150.0 * sin(x / 12.0 * M_PI) + 300.0 * sin(x / 30.0 * M_PI)) * 2.0 / 3.0;
	return r;
}

struct geo_point geo_wgs84_to_gcj02(struct geo_point p)
{
	if (out_of_china(p))
		return p;
	double dlat = gcj_lat(p.lng - 105.0, p.lat - 35.0);
	double dlng = gcj_lng(p.lng - 105.0, p.lat - 35.0);
	double radlat = rad(p.lat);
	double magic = sin(radlat);
	magic = 1 - GCJ_EE * magic * magic;
	double sqrtmagic = sqrt(magic);
	dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) * M_PI);
	dlng = (dlng * 180.0) / (GCJ_A / sqrtmagic * cos(radlat) * M_PI);
	return (struct geo_point){p.lng + dlng, p.lat + dlat};
}

struct geo_point geo_gcj02_to_wgs84(struct geo_point g)
{
	if (out_of_china(g))
		return g;
	/* Fixed-point iteration: w <- w - (f(w) - g). The offset varies slowly, so it converges in a
	 * few steps. */
	struct geo_point w = g;
	for (int i = 0; i < 30; i++) {
		struct geo_point f = geo_wgs84_to_gcj02(w);
		double dx = f.lng - g.lng, dy = f.lat - g.lat;
		w.lng -= dx;
		w.lat -= dy;
		if (fabs(dx) < 1e-10 && fabs(dy) < 1e-10)
			break;
	}
	return w;
}
