/*
 * api_monitor.c - the programme's statistical figures: GET /api/v1/stats (the same report as
 * `jiqun stats --json`, monitor/monitor.h), GET /api/v1/stats/periods (what has data), and the
 * dashboard's views: /stats/series, /stats/targets and /stats/crosswalk (monitor/views.c).
 */
#include <stdlib.h>
#include <string.h>

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

/* GET /api/v1/stats/series?indicator=&level=&key=&district=&kind=year|half|quarter|month */
enum err_code api_stats_series(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	static const char *const kinds[] = {"year", "half", "quarter", "month"};
	static const enum period_kind kind_vals[] = {PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER,
	                                             PERIOD_MONTH};
	struct monitor_series_query q = {.indicator = IND_VALUE_ADDED,
	                                 .level = http_query(req, "level"),
	                                 .key = http_query(req, "key"),
	                                 .district = http_query(req, "district"),
	                                 .kind = -1};
	const char *ind = http_query(req, "indicator"), *kind = http_query(req, "kind");
	if (ind && (q.indicator = indicator_find(ind)) < 0)
		return err_set(e, ERR_INVALID, "indicator: 未知指标“%s” (unknown indicator)", ind);
	if (kind) {
		for (int i = 0; i < 4; i++)
			if (strcmp(kind, kinds[i]) == 0)
				q.kind = (int)kind_vals[i];
		if (q.kind < 0)
			return err_set(e, ERR_INVALID,
			               "kind: 期间类型须为 year, half, quarter 或 month (unknown kind)");
	}
	struct store *s = NULL;
	json_t *v = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_series_json(s, req->ctx->programme, &q, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}

/* GET /api/v1/stats/targets?year= */
enum err_code api_stats_targets(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *ys = http_query(req, "year");
	long year = 0;
	if (ys) {
		char *end;
		year = strtol(ys, &end, 10);
		if (*ys == '\0' || *end != '\0' || year < 1900 || year > 2100)
			return err_set(e, ERR_INVALID, "year: 年份须为1900至2100之间的整数 (bad year)");
	}
	struct store *s = NULL;
	json_t *v = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_targets_json(s, req->ctx->programme, (int)year, &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}

/* GET /api/v1/stats/crosswalk?period=&indicator=&to=2024 */
enum err_code api_stats_crosswalk(const struct http_req *req, struct http_resp *resp,
                                  struct err *e)
{
	const char *period = http_query(req, "period"), *ind = http_query(req, "indicator");
	const char *to = http_query(req, "to");
	int indicator = IND_VALUE_ADDED;
	if (period == NULL)
		return err_set(e, ERR_INVALID, "period: 请给出期间，如 period=2025 (period is required)");
	if (ind && (indicator = indicator_find(ind)) < 0)
		return err_set(e, ERR_INVALID, "indicator: 未知指标“%s” (unknown indicator)", ind);
	if (to && strcmp(to, "2024") != 0 && strcmp(to, "2022") != 0)
		return err_set(e, ERR_INVALID, "to: 版本须为 2022 或 2024 (unknown version)");
	struct store *s = NULL;
	json_t *v = NULL;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = monitor_crosswalk_json(s, req->ctx->programme, period, indicator, to ? to : "2024",
		                            &v, e);
	return rc == ERR_OK ? respond_json(resp, v, e) : rc;
}
