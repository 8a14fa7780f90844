/*
 * geo.h - plane and earth geometry for the battle map: where a point lies relative to a polygon
 * (with holes, and multipolygons), polygon areas in km² on the WGS-84 ellipsoid or a sphere,
 * bounding boxes, and the GCJ-02 <-> WGS-84 conversion.
 *
 * Coordinates are degrees, longitude first (GeoJSON order). Jiqun stores and draws GCJ-02 (the
 * system of Chinese web maps and of the built-in district shapes, data/map/README.md); WGS-84
 * (GPS) points are converted with geo_wgs84_to_gcj02 before they are compared with a shape.
 * GCJ-02 only moves points by a few hundred metres, so areas computed on GCJ-02 rings with the
 * WGS-84 ellipsoid are right to well under 0.1 %.
 *
 * Rings may be closed (last point == first) or not; orientation does not matter. A polygon is
 * rings[0] (outer) minus rings[1..] (holes). Everything is pure; the structures are plain data
 * the caller owns, except shapes built by others, which say who frees them (geo_shape_free frees
 * the arrays of a shape whose every level was allocated with xmalloc, as catalog/map.c builds).
 */
#ifndef JIQUN_MODEL_GEO_H
#define JIQUN_MODEL_GEO_H

#include <stdbool.h>
#include <stddef.h>

struct geo_point {
	double lng, lat;
};

struct geo_bbox {
	double min_lng, min_lat, max_lng, max_lat;
};

struct geo_ring {
	struct geo_point *pts;
	size_t n;
};

struct geo_polygon {
	struct geo_ring *rings; /* rings[0] outer, the rest holes */
	size_t n_rings;
};

/* A multipolygon (one polygon is a multipolygon of one) with its bounding box. */
struct geo_shape {
	struct geo_polygon *polys;
	size_t n_polys;
	struct geo_bbox bbox; /* set by geo_shape_finish */
};

enum geo_where { GEO_OUTSIDE = 0, GEO_INSIDE, GEO_ON_EDGE };

/* Where p lies against a ring / a polygon with holes / a shape. A point on a hole's edge is on
 * the polygon's edge. Edges count within GEO_EDGE_EPS degrees (about 1 mm). */
#define GEO_EDGE_EPS 1e-8
enum geo_where geo_ring_locate(const struct geo_ring *r, struct geo_point p);
enum geo_where geo_polygon_locate(const struct geo_polygon *poly, struct geo_point p);
enum geo_where geo_shape_locate(const struct geo_shape *s, struct geo_point p);

/*
 * Areas in km², unsigned. Edges are taken as straight lines in the cylindrical equal-area
 * projection, which is exact for edges along meridians and parallels and, for edges as short as
 * a district outline's (~100 m), equal to the geodesic area to far better than the data's own
 * precision. Ellipsoid: WGS-84 (a = 6378.137 km, f = 1/298.257223563), through the authalic
 * latitude function q. Sphere: radius GEO_EARTH_RADIUS_KM (the IUGG mean radius).
 */
#define GEO_EARTH_RADIUS_KM 6371.0088
double geo_ring_area_km2(const struct geo_ring *r);
double geo_ring_area_sphere_km2(const struct geo_ring *r);
double geo_polygon_area_km2(const struct geo_polygon *poly); /* outer minus holes */
double geo_shape_area_km2(const struct geo_shape *s);

/* Bounding boxes. geo_bbox_empty is the box that extends to anything. */
struct geo_bbox geo_bbox_empty(void);
void geo_bbox_extend(struct geo_bbox *b, struct geo_point p);
void geo_bbox_union(struct geo_bbox *b, const struct geo_bbox *other);
bool geo_bbox_contains(const struct geo_bbox *b, struct geo_point p);
/* Compute s->bbox from its outer rings. */
void geo_shape_finish(struct geo_shape *s);
/* Free a shape's rings, points and polygons (the struct itself is the caller's). NULL is fine. */
void geo_shape_free(struct geo_shape *s);

/*
 * GCJ-02 ("Mars coordinates", GB 20263 obfuscation) against WGS-84. Outside mainland China's
 * rough box (72.004-137.8347 E, 0.8293-55.8271 N) both functions return the point unchanged.
 * The forward transform is the published algorithm (Krasovsky a = 6378245 m, e² =
 * 0.00669342162296594323); the inverse iterates it to 1e-9 degrees.
 */
struct geo_point geo_wgs84_to_gcj02(struct geo_point p);
struct geo_point geo_gcj02_to_wgs84(struct geo_point p);

#endif
