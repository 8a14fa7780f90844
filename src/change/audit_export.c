/*
 * audit_export.c - the audit trail as a CSV or XLSX file (`jiqun audit --out`, GET
 * /api/v1/audit?format=); see change.h. Entries are collected as text cells, then written by
 * io/csv_write or exchange_table_xlsx: one way to write each format.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "change/change.h"
#include "io/csv_write.h"

#define AUDIT_COLS 12

static const char *const audit_head[AUDIT_COLS] = {"编号", "时间", "用户", "角色", "方式", "操作",
                                                   "对象", "记录编号", "主键", "修改前", "修改后",
                                                   "说明"};

struct cells {
	char **v; /* rows * AUDIT_COLS, malloc'd strings or NULL */
	size_t rows, cap;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int collect(void *ctx, const struct store_audit *a)
{
	struct cells *c = ctx;
	if (c->rows == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = xrealloc(c->v, c->cap * AUDIT_COLS * sizeof *c->v);
	}
	char **row = c->v + c->rows * AUDIT_COLS;
	char id[24], rid[24];
	(void)snprintf(id, sizeof id, "%lld", a->id);
	(void)snprintf(rid, sizeof rid, "%lld", a->record_id);
	row[0] = xstrdup(id);
	row[1] = dup_or_null(a->at);
	row[2] = dup_or_null(a->user);
	row[3] = dup_or_null(a->role);
	row[4] = dup_or_null(a->via);
	row[5] = dup_or_null(a->action);
	row[6] = dup_or_null(a->list);
	row[7] = a->record_id > 0 ? xstrdup(rid) : NULL;
	row[8] = dup_or_null(a->record_key);
	row[9] = dup_or_null(a->before);
	row[10] = dup_or_null(a->after);
	row[11] = dup_or_null(a->comment);
	c->rows++;
	return 0;
}

static enum err_code write_csv(const char *path, const struct cells *c, struct err *e)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法写入 (cannot write: %s)", path, strerror(errno));
	bool ok = csv_write_bom(f) && csv_write_row(f, audit_head, AUDIT_COLS);
	for (size_t r = 0; ok && r < c->rows; r++)
		ok = csv_write_row(f, (const char *const *)c->v + r * AUDIT_COLS, AUDIT_COLS);
	if (fclose(f) != 0)
		ok = false;
	return ok ? ERR_OK : err_set(e, ERR_IO, "%s: 写入失败 (cannot write)", path);
}

enum err_code change_audit_export(struct store *s, const struct store_audit_filter *f,
                                  enum exchange_format format, const char *path, long *rows,
                                  struct err *e)
{
	struct cells c = {0};
	enum err_code rc = store_audit_query(s, f, collect, &c, NULL, e);
	if (rc == ERR_OK)
		rc = format == FORMAT_XLSX
		         ? exchange_table_xlsx(path, "审计记录", audit_head, AUDIT_COLS,
		                               (const char *const *)c.v, c.rows, e)
		         : write_csv(path, &c, e);
	*rows = (long)c.rows;
	for (size_t i = 0; i < c.rows * AUDIT_COLS; i++)
		free(c.v[i]);
	free(c.v);
	return rc;
}
