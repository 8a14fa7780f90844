/*
 * map.c - parsing the built-in district map and placing points in districts (see map.h).
 */
#include "catalog/map.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/mem.h"

/*
 * The shapes that count for a district where that is not simply its own: 龙岗区 statistically
 * includes 大鹏新区; 深汕 lies in 海丰县; 前海 spans 南山 and 宝安.
 */
static const struct {
	const char *district;
	const char *shapes[3];
} covering[] = {
	{"longgang", {"longgang", "dapeng", NULL}},
	{"shenshan", {"haifeng", NULL, NULL}},
	{"qianhai", {"nanshan", "baoan", NULL}},
};

static char *str_prop(json_t *props, const char *key)
{
	json_t *v = json_object_get(props, key);
	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static enum err_code parse_ring(json_t *jr, struct geo_ring *r, const char *where, struct err *e)
{
	size_t n = json_array_size(jr);
	if (!json_is_array(jr) || n < 4)
		return err_set(e, ERR_INVALID, "%s: a ring needs at least 4 positions", where);
	r->pts = xcalloc(n, sizeof *r->pts);
	r->n = n;
	for (size_t i = 0; i < n; i++) {
		json_t *pos = json_array_get(jr, i);
		json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
		if (!json_is_number(x) || !json_is_number(y))
			return err_set(e, ERR_INVALID, "%s: position %zu is not [lng, lat]", where, i);
		r->pts[i] = (struct geo_point){json_number_value(x), json_number_value(y)};
	}
	return ERR_OK;
}

static enum err_code parse_polygon(json_t *jp, struct geo_polygon *p, const char *where,
                                   struct err *e)
{
	size_t n = json_array_size(jp);
	if (!json_is_array(jp) || n == 0)
		return err_set(e, ERR_INVALID, "%s: a polygon needs its rings", where);
	p->rings = xcalloc(n, sizeof *p->rings);
	p->n_rings = n;
	for (size_t i = 0; i < n; i++) {
		enum err_code rc = parse_ring(json_array_get(jp, i), &p->rings[i], where, e);
		if (rc != ERR_OK)
			return rc;
	}
	return ERR_OK;
}

static enum err_code parse_geometry(json_t *g, struct geo_shape *s, const char *where,
                                    struct err *e)
{
	if (json_is_null(g) || g == NULL)
		return ERR_OK;
	const char *type = json_string_value(json_object_get(g, "type"));
	json_t *coords = json_object_get(g, "coordinates");
	enum err_code rc = ERR_OK;
	if (type && strcmp(type, "Polygon") == 0) {
		s->polys = xcalloc(1, sizeof *s->polys);
		s->n_polys = 1;
		rc = parse_polygon(coords, &s->polys[0], where, e);
	} else if (type && strcmp(type, "MultiPolygon") == 0 && json_array_size(coords) > 0) {
		size_t n = json_array_size(coords);
		s->polys = xcalloc(n, sizeof *s->polys);
		s->n_polys = n;
		for (size_t i = 0; i < n && rc == ERR_OK; i++)
			rc = parse_polygon(json_array_get(coords, i), &s->polys[i], where, e);
	} else {
		rc = err_set(e, ERR_INVALID, "%s: geometry must be a Polygon, MultiPolygon or null", where);
	}
	geo_shape_finish(s);
	return rc;
}

enum err_code map_parse(const char *json, size_t len, const char *origin,
                        struct district_map **out, struct err *e)
{
	json_error_t je;
	*out = NULL;
	json_t *doc = json_loadb(json, len, 0, &je);
	if (doc == NULL)
		return err_set(e, ERR_INVALID, "%s: line %d: %s", origin, je.line, je.text);
	json_t *feats = json_object_get(doc, "features");
	if (!json_is_array(feats)) {
		json_decref(doc);
		return err_set(e, ERR_INVALID, "%s: not a GeoJSON FeatureCollection", origin);
	}
	struct district_map *m = xcalloc(1, sizeof *m);
	m->n = json_array_size(feats);
	m->areas = xcalloc(m->n, sizeof *m->areas);
	m->bbox = geo_bbox_empty();
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < m->n && rc == ERR_OK; i++) {
		json_t *f = json_array_get(feats, i), *props = json_object_get(f, "properties");
		struct map_area *a = &m->areas[i];
		a->id = str_prop(props, "id");
		a->code = str_prop(props, "code");
		a->name = str_prop(props, "name");
		a->kind = str_prop(props, "kind");
		a->shape_status = str_prop(props, "shape");
		char where[160];
		(void)snprintf(where, sizeof where, "%s: features[%zu] (%s)", origin, i,
		               a->id ? a->id : "no id");
		if (a->id == NULL || a->name == NULL)
			rc = err_set(e, ERR_INVALID, "%s: properties need id and name", where);
		else
			rc = parse_geometry(json_object_get(f, "geometry"), &a->shape, where, e);
		if (rc == ERR_OK && a->shape.n_polys)
			geo_bbox_union(&m->bbox, &a->shape.bbox);
	}
	json_decref(doc);
	if (rc != ERR_OK) {
		map_free(m);
		return rc;
	}
	*out = m;
	return ERR_OK;
}

void map_free(struct district_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++) {
		struct map_area *a = &m->areas[i];
		free(a->id);
		free(a->code);
		free(a->name);
		free(a->kind);
		free(a->shape_status);
		geo_shape_free(&a->shape);
	}
	free(m->areas);
	free(m);
}

enum err_code map_parse_geometry(const char *json, size_t len, struct geo_shape *out,
                                 struct err *e)
{
	json_error_t je;
	*out = (struct geo_shape){0};
	json_t *g = json_loadb(json, len, 0, &je);
	if (g == NULL)
		return err_set(e, ERR_INVALID, "不是有效的JSON (not JSON): %s", je.text);
	/* A Feature is accepted for its geometry. */
	json_t *geom = json_object_get(g, "geometry");
	if (!json_is_object(geom))
		geom = g;
	enum err_code rc = json_is_object(geom) && json_is_string(json_object_get(geom, "type"))
	                       ? parse_geometry(geom, out, "GeoJSON", e)
	                       : err_set(e, ERR_INVALID, "GeoJSON geometry must be an object with a type");
	json_decref(g);
	if (rc == ERR_OK && out->n_polys == 0)
		rc = err_set(e, ERR_INVALID, "GeoJSON geometry is empty");
	if (rc != ERR_OK)
		geo_shape_free(out);
	return rc;
}

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static struct district_map *builtin;

static void load_builtin(void)
{
	size_t len;
	const char *json = map_builtin_geojson(&len);
	struct err e = {0};
	if (json == NULL || map_parse(json, len, "built-in " MAP_BUILTIN_PATH, &builtin, &e) != ERR_OK)
		builtin = NULL;
}

const struct district_map *map_builtin(void)
{
	(void)pthread_once(&builtin_once, load_builtin);
	return builtin;
}

const char *map_builtin_geojson(size_t *len)
{
	const struct embed_file *f = embed_find(MAP_BUILTIN_PATH);
	*len = f ? f->len : 0;
	return f ? (const char *)f->data : NULL;
}

const struct map_area *map_area_find(const struct district_map *m, const char *id)
{
	for (size_t i = 0; m && id && i < m->n; i++)
		if (strcmp(m->areas[i].id, id) == 0)
			return &m->areas[i];
	return NULL;
}

static bool in_area(const struct map_area *a, struct geo_point p)
{
	return a && a->shape.n_polys && geo_shape_locate(&a->shape, p) != GEO_OUTSIDE;
}

enum map_place map_place_point(const struct district_map *m, const char *district_id,
                               struct geo_point p, const char **in_name)
{
	if (in_name)
		*in_name = NULL;
	if (!geo_bbox_contains(&m->bbox, p))
		return MAP_OUTSIDE_CITY;
	/* Which area it is in, for the message (an own shape first, context last). */
	for (size_t i = 0; in_name && i < m->n; i++)
		if (in_area(&m->areas[i], p)) {
			*in_name = m->areas[i].name;
			break;
		}
	if (district_id == NULL)
		return MAP_IN_DISTRICT;
	const char *const *shapes = NULL;
	const char *own[3] = {district_id, NULL, NULL};
	for (size_t i = 0; i < sizeof covering / sizeof covering[0]; i++)
		if (strcmp(covering[i].district, district_id) == 0)
			shapes = covering[i].shapes;
	if (shapes == NULL)
		shapes = own;
	bool any_shape = false;
	for (size_t i = 0; i < 3 && shapes[i]; i++) {
		const struct map_area *a = map_area_find(m, shapes[i]);
		if (a == NULL || a->shape.n_polys == 0)
			continue;
		any_shape = true;
		if (in_area(a, p))
			return MAP_IN_DISTRICT;
	}
	return any_shape ? MAP_OUTSIDE_DISTRICT : MAP_NO_SHAPE;
}
