/*
 * api_report.c - GET /api/v1/report?period=P[&format=html|pdf|xlsx|json][&lang=zh|en]: the
 * semi-annual report as a download, the same document `jiqun report` writes (report/report.h):
 * built from the period's latest snapshot of engine results, or from a new one when the period
 * has none yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "report/report.h"

static const struct {
	const char *format, *type;
} types[] = {
	{"html", "text/html; charset=utf-8"},
	{"pdf", "application/pdf"},
	{"xlsx", XLSX_TYPE},
	{"json", "application/json"},
};

enum err_code api_report(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const char *period = http_query(req, "period"), *format = http_query(req, "format");
	const char *lang = http_query(req, "lang");
	const char *type = NULL;
	if (period == NULL)
		return err_set(e, ERR_INVALID, "period: 请给出期间，如 period=2025H1 (period is required)");
	if (format == NULL)
		format = "html";
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(format, types[i].format) == 0)
			type = types[i].type;
	if (type == NULL)
		return err_set(e, ERR_INVALID, "format: 应为 html、pdf、xlsx 或 json (unknown format)");
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		return err_set(e, ERR_INVALID, "lang: 应为 zh 或 en (lang must be zh or en)");
	struct store *s = NULL;
	struct doc d = {0};
	struct report_run run;
	enum err_code rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = report_make(s, req->ctx->programme, period, REPORT_AUTO, 0, lang ? lang : "zh", &d,
		                 &run, e);
	char path[RESPOND_TMP_PATH] = "";
	if (rc == ERR_OK)
		rc = respond_tmp(path, e);
	if (rc == ERR_OK)
		rc = report_render(&d, format, path, e);
	char label[32];
	(void)snprintf(label, sizeof label, "%s", d.period ? d.period : "");
	doc_free(&d);
	rc = respond_file_body(resp, path, rc, type, e);
	if (rc != ERR_OK)
		return rc;
	(void)snprintf(resp->disposition, sizeof resp->disposition,
	               "%s; filename=\"jiqun-report-%s%s.%s\"",
	               strcmp(format, "html") == 0 || strcmp(format, "json") == 0 ? "inline" : "attachment",
	               label, lang && strcmp(lang, "en") == 0 ? "-en" : "", format);
	return ERR_OK;
}
