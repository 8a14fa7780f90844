/*
 * api_stats.c - the programme-wide views built on the lists: the six-ones completeness matrix,
 * the enterprise cultivation funnel, and key projects against their annual plan. The views are
 * built by monitor/lists_views.c (the report uses the same functions); this file reads the
 * request's parameters.
 */
#include <string.h>

#include "http/http_int.h"
#include "monitor/monitor.h"

enum err_code api_completeness(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct store *s = NULL;
	json_t *v = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_completeness_json(s, req->ctx->programme, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}

enum err_code api_cultivation(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *by = http_query(req, "by"), *period_s = http_query(req, "period");
	struct period period;
	struct store *s = NULL;
	json_t *v = NULL;
	if (by && strcmp(by, "district") != 0 && strcmp(by, "industry") != 0)
		return err_set(e, ERR_INVALID, "by must be industry or district");
	if (period_s && !period_parse(period_s, &period))
		return err_set(e, ERR_INVALID, "period must look like 2025, 2025H1, 2025Q3 or 2025-07");
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_cultivation_json(s, req->ctx->programme, by && strcmp(by, "district") == 0,
		                              period_s ? &period : NULL, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}

enum err_code api_project_progress(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *asked = http_query(req, "as_of");
	char as_of[16];
	if (asked && (!date_parse(asked, as_of) || strcmp(as_of, asked) != 0))
		return err_set(e, ERR_INVALID, "as_of must be a date YYYY-MM-DD");
	struct store *s = NULL;
	struct list_query q = {.limit = -1};
	json_t *v = NULL;
	enum err_code rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_projects_json(s, &q, asked, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}
