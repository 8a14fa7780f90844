/*
 * api_map.c - the battle map endpoints: GET /api/v1/map/districts (the built-in district shapes
 * as GeoJSON, data/map/README.md) and GET /api/v1/parks/totals (the park programme against its
 * ~300 km², policy 四（二）).
 */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "catalog/map.h"
#include "engine/parks.h"
#include "http/http_int.h"

enum err_code api_map_districts(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	(void)req;
	size_t len;
	const char *json = map_builtin_geojson(&len);
	if (json == NULL)
		return err_set(e, ERR_INTERNAL, "the built-in district map is missing from this build");
	resp->status = MHD_HTTP_OK;
	resp->content_type = "application/geo+json; charset=utf-8";
	resp->body = json;
	resp->len = len;
	return ERR_OK;
}

/* Parks, zones and progress rows copied out of the store for engine/parks. */
struct park_rows {
	const struct list_def *l;
	struct park_in *parks;
	struct park_zone_in *zones;
	struct park_progress_in *prog;
	size_t n_parks, n_zones, n_prog, cap_parks, cap_zones, cap_prog;
	char **strs; /* every copied string, freed at the end */
	size_t n_strs, cap_strs;
};

static const char *keep_str(struct park_rows *x, const char *s)
{
	if (x->n_strs == x->cap_strs) {
		x->cap_strs = x->cap_strs ? 2 * x->cap_strs : 64;
		x->strs = xrealloc(x->strs, x->cap_strs * sizeof *x->strs);
	}
	return x->strs[x->n_strs++] = xstrdup(s ? s : "");
}

static double num_or(const struct list_def *l, const struct record *r, const char *field)
{
	const struct value *v = &r->v[list_field_index(l, field)];
	return v->null ? -1 : v->num;
}

static const char *text_of(const struct list_def *l, const struct record *r, const char *field)
{
	const struct value *v = &r->v[list_field_index(l, field)];
	return v->null ? NULL : v->text;
}

#define GROW(arr, n, cap)                                              \
	do {                                                               \
		if ((n) == (cap)) {                                            \
			(cap) = (cap) ? 2 * (cap) : 32;                            \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));            \
		}                                                              \
	} while (0)

static int add_park(void *arg, const struct record *r)
{
	struct park_rows *x = arg;
	GROW(x->parks, x->n_parks, x->cap_parks);
	x->parks[x->n_parks++] = (struct park_in){keep_str(x, text_of(x->l, r, "name")),
	                                          keep_str(x, text_of(x->l, r, "district")),
	                                          num_or(x->l, r, "planned_area")};
	return 0;
}

static int add_zone(void *arg, const struct record *r)
{
	struct park_rows *x = arg;
	GROW(x->zones, x->n_zones, x->cap_zones);
	x->zones[x->n_zones++] = (struct park_zone_in){keep_str(x, text_of(x->l, r, "park")),
	                                               keep_str(x, text_of(x->l, r, "zone_type")),
	                                               num_or(x->l, r, "area"),
	                                               text_of(x->l, r, "boundary") != NULL};
	return 0;
}

static int add_progress(void *arg, const struct record *r)
{
	struct park_rows *x = arg;
	GROW(x->prog, x->n_prog, x->cap_prog);
	x->prog[x->n_prog++] = (struct park_progress_in){keep_str(x, text_of(x->l, r, "park")),
	                                                 keep_str(x, text_of(x->l, r, "period")),
	                                                 num_or(x->l, r, "land_consolidated"),
	                                                 num_or(x->l, r, "custom_factory")};
	return 0;
}

static void park_rows_free(struct park_rows *x)
{
	for (size_t i = 0; i < x->n_strs; i++)
		free(x->strs[i]);
	free(x->strs);
	free(x->parks);
	free(x->zones);
	free(x->prog);
}

/* Whether park `name` is among the (filtered) parks. */
static bool known_park(const struct park_rows *x, const char *name)
{
	for (size_t i = 0; i < x->n_parks; i++)
		if (strcmp(x->parks[i].name, name) == 0)
			return true;
	return false;
}

enum err_code api_park_totals(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct store *s = NULL;
	struct list_query q = {.limit = -1}, all = {.limit = -1};
	struct park_rows x = {0};
	long total;
	enum err_code rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK && (x.l = list_find("parks")) != NULL)
		rc = store_list_query(s, x.l, &q, add_park, &x, &total, e);
	if (rc == ERR_OK && (x.l = list_find("park_zones")) != NULL)
		rc = store_list_query(s, x.l, &all, add_zone, &x, &total, e);
	if (rc == ERR_OK && (x.l = list_find("park_progress")) != NULL)
		rc = store_list_query(s, x.l, &all, add_progress, &x, &total, e);
	if (rc != ERR_OK) {
		park_rows_free(&x);
		return rc;
	}
	/* Zones and progress of the parks the filter kept. */
	size_t nz = 0, np = 0;
	for (size_t i = 0; i < x.n_zones; i++)
		if (known_park(&x, x.zones[i].park))
			x.zones[nz++] = x.zones[i];
	for (size_t i = 0; i < x.n_prog; i++)
		if (known_park(&x, x.prog[i].park))
			x.prog[np++] = x.prog[i];
	struct park_totals t;
	park_totals_compute(x.parks, x.n_parks, x.zones, nz, x.prog, np, &t);
	const struct programme *p = req->ctx->programme;
	json_t *by_d = json_array(), *by_z = json_array();
	for (size_t i = 0; i < t.n_districts; i++) {
		const struct district *d = programme_district(p, t.by_district[i].district);
		json_array_append_new(by_d, json_pack("{s:s, s:s, s:I, s:f}", "district",
		                                      t.by_district[i].district, "name_zh",
		                                      d ? d->name_zh : t.by_district[i].district, "parks",
		                                      (json_int_t)t.by_district[i].parks, "planned_km2",
		                                      t.by_district[i].planned_km2));
	}
	for (size_t z = 0; z < PARK_ZONE_TYPES; z++)
		json_array_append_new(by_z, json_pack("{s:s, s:I, s:f, s:I}", "zone_type", park_zone_types[z],
		                                      "zones", (json_int_t)t.by_zone[z].zones, "area_km2",
		                                      t.by_zone[z].area_km2, "with_boundary",
		                                      (json_int_t)t.by_zone[z].with_boundary));
	json_t *out = json_pack(
		"{s:I, s:I, s:f, s:f, s:f, s:I, s:o, s:o, s:{s:I, s:o, s:f, s:f}, s:s, s:s}", "parks",
		(json_int_t)t.parks, "target_parks", (json_int_t)PARKS_TARGET_COUNT, "planned_km2",
		t.planned_km2, "target_km2", PARKS_TARGET_KM2, "share_of_target",
		t.planned_km2 / PARKS_TARGET_KM2, "parks_without_area", (json_int_t)t.parks_without_area,
		"by_district", by_d, "by_zone", by_z, "progress", "parks_reporting",
		(json_int_t)t.parks_reporting, "latest_period",
		t.latest_period ? json_string(t.latest_period) : json_null(), "land_consolidated_km2",
		t.land_km2, "custom_factory_wan_m2", t.factory_wan_m2, "rule",
		"规划面积对照“20个先进制造业园区、约300平方公里”（四（二））；土地整备、定制化厂房为各园区最近一期累计数之和",
		"source", "Jiqun 园区清单（园区、片区、进展）");
	park_rows_free(&x);
	return respond_json(resp, out, e);
}
