/*
 * api_monitor.c - the programme's statistical figures: GET /api/v1/stats (the same report as
 * `jiqun stats --json`, monitor/monitor.h) and GET /api/v1/stats/periods (what has data).
 */
#include "http/http_int.h"
#include "monitor/monitor.h"

enum err_code api_stats(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct monitor_query q = {
		.period = http_query(req, "period"),
		.level = http_query(req, "level"),
		.key = http_query(req, "key"),
		.indicator = -1,
		.district = http_query(req, "district"),
	};
	const char *ind = http_query(req, "indicator");
	if (q.period == NULL)
		return err_set(e, ERR_INVALID, "period: 请给出期间，如 period=2025Q3 (period is required)");
	if (ind && (q.indicator = indicator_find(ind)) < 0)
		return err_set(e, ERR_INVALID, "indicator: 未知指标“%s” (unknown indicator)", ind);
	struct store *s = NULL;
	struct monitor_report r;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_report(s, req->ctx->programme, &q, &r, e);
	if (rc != ERR_OK)
		return rc;
	json_t *v = monitor_report_json(&r);
	monitor_report_free(&r);
	return respond_json(resp, v, e);
}

enum err_code api_stats_periods(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	struct store *s = NULL;
	json_t *v = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_periods_json(s, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}
