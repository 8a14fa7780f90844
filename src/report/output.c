/*
 * output.c - one report run from the store to files: prepare the inputs (a snapshot), build the
 * doc from them, and write it in each asked format through the renderers of doc.h (and the doc's
 * JSON for tools). The CLI (`jiqun report`) and the API (GET /api/v1/report) both come here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonfmt.h"
#include "report/report.h"

enum err_code report_make(struct store *s, const struct programme *p, const char *period,
                          enum report_mode mode, long long snapshot_id, const char *lang,
                          struct doc *out, struct report_run *run, struct err *e)
{
	json_t *in = NULL, *prev = NULL;
	memset(out, 0, sizeof *out);
	enum err_code rc = report_prepare(s, p, period, mode, snapshot_id, &in, &prev, run, e);
	if (rc == ERR_OK)
		rc = report_build(in, prev, lang, out, e);
	json_decref(in);
	json_decref(prev);
	return rc;
}

static const char *const formats[] = {"html", "pdf", "xlsx", "json"};

bool report_format_known(const char *format)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(format, formats[i]) == 0)
			return true;
	return false;
}

static enum err_code write_file(const char *path, const char *data, size_t n, struct err *e)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法写入 (cannot write: %s)", path, strerror(errno));
	size_t w = fwrite(data, 1, n, f);
	int closed = fclose(f);
	if (w != n || closed != 0)
		return err_set(e, ERR_IO, "%s: 写入失败 (write failed: %s)", path, strerror(errno));
	return ERR_OK;
}

enum err_code report_render(const struct doc *d, const char *format, const char *path,
                            struct err *e)
{
	if (strcmp(format, "xlsx") == 0)
		return doc_xlsx(d, path, e);
	if (strcmp(format, "pdf") == 0)
		return doc_pdf(d, path, e);
	if (strcmp(format, "html") == 0) {
		struct buf b;
		buf_init(&b, BUF_NO_CAP);
		enum err_code rc = doc_html(d, &b, e);
		if (rc == ERR_OK)
			rc = write_file(path, b.data ? b.data : "", b.len, e);
		buf_free(&b);
		return rc;
	}
	if (strcmp(format, "json") == 0) {
		json_t *v = report_doc_json(d);
		char *s = json_dumps(v, JSON_INDENT(1) | JSON_SHOWN_PRECISION);
		json_decref(v);
		if (s == NULL)
			return err_set(e, ERR_NOMEM, "cannot write the report's JSON");
		enum err_code rc = write_file(path, s, strlen(s), e);
		free(s);
		return rc;
	}
	return err_set(e, ERR_INVALID, "format: 未知格式“%s”，应为 html、pdf、xlsx 或 json (unknown "
	                               "format)", format);
}
