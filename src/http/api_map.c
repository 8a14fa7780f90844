/*
 * api_map.c - the battle map endpoints: GET /api/v1/map/districts (the built-in district shapes
 * as GeoJSON, data/map/README.md) and GET /api/v1/parks/totals (the park programme against its
 * ~300 km², policy 四（二）).
 */
#include <string.h>

#include "catalog/map.h"
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
