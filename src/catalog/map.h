/*
 * map.h - the built-in district map: data/map/shenzhen-districts.geojson (GCJ-02; origin,
 * licence and what was changed in data/map/README.md), parsed into shapes for the checks that
 * place a record's point in its district, and served as it is by GET /api/v1/map/districts.
 *
 * Features are keyed by the catalogue's district id. All nine districts (光明区 included) and
 * 大鹏新区 have shapes; 深汕特别合作区 has no boundary and lies within 海丰县 (feature "haifeng",
 * kind "context"), 前海 has none. map_place_point knows which shapes count for each district
 * (map.c, `covering`).
 *
 * Ownership: map_builtin() is parsed once per process and never freed; it is read-only and safe
 * from any thread. A map from map_parse belongs to the caller (map_free).
 */
#ifndef JIQUN_CATALOG_MAP_H
#define JIQUN_CATALOG_MAP_H

#include <stddef.h>

#include "base/err.h"
#include "model/geo.h"

#define MAP_BUILTIN_PATH "map/shenzhen-districts.geojson"

struct map_area {
	char *id, *code, *name, *kind; /* code NULL for areas without a statistical code */
	char *shape_status;            /* "source", "derived" or "unavailable" */
	struct geo_shape shape;        /* n_polys == 0 when unavailable */
};

struct district_map {
	struct map_area *areas;
	size_t n;
	struct geo_bbox bbox; /* of every shape: the city, its districts and 海丰县 */
};

/* Parse a GeoJSON FeatureCollection of this shape; errors name `origin` and the feature. */
enum err_code map_parse(const char *json, size_t len, const char *origin,
                        struct district_map **out /* OUT */, struct err *e);
void map_free(struct district_map *m);

/* The built-in map (see the ownership note), or NULL when this build lacks or breaks it. */
const struct district_map *map_builtin(void);
/* The built-in GeoJSON's bytes (NUL-terminated), or NULL. */
const char *map_builtin_geojson(size_t *len /* OUT */);

/*
 * Parse one GeoJSON geometry (Polygon or MultiPolygon, text of at most `len` bytes) into *out,
 * which the caller frees with geo_shape_free. Errors say what is wrong, without a location.
 */
enum err_code map_parse_geometry(const char *json, size_t len, struct geo_shape *out,
                                 struct err *e);

/* The area with this id, or NULL. */
const struct map_area *map_area_find(const struct district_map *m, const char *id);

enum map_place {
	MAP_IN_DISTRICT,      /* inside (or on the edge of) a shape that counts for the district */
	MAP_OUTSIDE_CITY,     /* outside the map's bounding box */
	MAP_OUTSIDE_DISTRICT, /* in the box, but not in the district's shapes */
	MAP_NO_SHAPE          /* the district has no shape to check against: only the box was */
};

/*
 * Where GCJ-02 point p lies for a record of district `district_id` (NULL: only the box is
 * checked). `in_name` (may be NULL) receives the name of the area p actually falls in, or NULL.
 */
enum map_place map_place_point(const struct district_map *m, const char *district_id,
                               struct geo_point p, const char **in_name);

#endif
