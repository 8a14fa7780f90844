/*
 * reports.c - the SQLite side of report snapshots and world-trend briefs (schema 010_reports.sql);
 * see store.h, "reports". Snapshots are only added, never changed: a report written from one is
 * the same report every time. What a snapshot holds (compressed JSON) is report/'s business.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "store/store_int.h"

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t cap)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	(void)snprintf(out, cap, "%s", v ? v : "");
}

enum err_code store_snapshot_put(struct store *s, const char *period, const char *taken_at,
                                 const char *sha256, long long size, const void *data,
                                 size_t n_data, long long *id, struct err *e)
{
	sqlite3_stmt *st = NULL;
	*id = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO report_snapshot (period, taken_at, sha256, size, data) "
	                       "VALUES (?, ?, ?, ?, ?) RETURNING id",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot store the report snapshot");
	(void)sqlite3_bind_text(st, 1, period, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 2, taken_at, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 3, sha256, -1, SQLITE_STATIC);
	(void)sqlite3_bind_int64(st, 4, size);
	(void)sqlite3_bind_blob64(st, 5, data, n_data, SQLITE_STATIC);
	enum err_code rc = ERR_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		rc = store_db_fail(s, e, "cannot store the report snapshot");
	sqlite3_finalize(st);
	return rc;
}

static void read_row(sqlite3_stmt *st, struct store_snapshot *x)
{
	x->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, x->period, sizeof x->period);
	copy_col(st, 2, x->taken_at, sizeof x->taken_at);
	copy_col(st, 3, x->sha256, sizeof x->sha256);
	x->size = sqlite3_column_int64(st, 4);
}

enum err_code store_snapshot_get(struct store *s, long long id, const char *period,
                                 long long before, struct store_snapshot *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	const char *sql = id > 0 ? "SELECT id, period, taken_at, sha256, size, data FROM report_snapshot "
	                           "WHERE id = ?1"
	                         : "SELECT id, period, taken_at, sha256, size, data FROM report_snapshot "
	                           "WHERE period = ?2 AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT 1";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the report snapshots");
	if (id > 0)
		(void)sqlite3_bind_int64(st, 1, id);
	else {
		(void)sqlite3_bind_text(st, 2, period ? period : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_int64(st, 3, before);
	}
	enum err_code rc = ERR_OK;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_row(st, out);
		const void *b = sqlite3_column_blob(st, 5);
		size_t n = (size_t)sqlite3_column_bytes(st, 5);
		out->data = xmalloc(n ? n : 1);
		if (n)
			memcpy(out->data, b, n);
		out->n_data = n;
	} else if (step == SQLITE_DONE) {
		if (id > 0)
			rc = err_set(e, ERR_NOT_FOUND, "没有编号为 %lld 的报告快照 (no report snapshot %lld)",
			             id, id);
		else
			rc = err_set(e, ERR_NOT_FOUND, "期间 %s 没有报告快照 (no report snapshot of %s)",
			             period ? period : "", period ? period : "");
	} else {
		rc = store_db_fail(s, e, "cannot read the report snapshots");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_snapshot_list(struct store *s,
                                  int (*each)(void *ctx, const struct store_snapshot *x),
                                  void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT id, period, taken_at, sha256, size FROM report_snapshot ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot list the report snapshots");
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_snapshot x = {0};
		read_row(st, &x);
		if (each(ctx, &x))
			break;
	}
	enum err_code rc = step == SQLITE_ROW || step == SQLITE_DONE
	                       ? ERR_OK
	                       : store_db_fail(s, e, "cannot list the report snapshots");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_brief_put(struct store *s, const char *industry, const char *period,
                              const char *text, const char *file, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	time_t clock = time(NULL);
	struct tm tm;
	(void)strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&clock, &tm));
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT OR REPLACE INTO report_brief (industry, period, text, file, "
	                       "added_at) VALUES (?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot store the brief");
	(void)sqlite3_bind_text(st, 1, industry, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 4, file, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	enum err_code rc = sqlite3_step(st) == SQLITE_DONE ? ERR_OK
	                                                    : store_db_fail(s, e, "cannot store the brief");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_brief_list(struct store *s, const char *period,
                               int (*each)(void *ctx, const char *industry, const char *period,
                                           const char *text, const char *file,
                                           const char *added_at),
                               void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT industry, period, text, file, added_at FROM report_brief "
	                       "WHERE ?1 IS NULL OR period = ?1 ORDER BY period, industry",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the briefs");
	if (period)
		(void)sqlite3_bind_text(st, 1, period, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[5];
		for (int i = 0; i < 5; i++) {
			v[i] = (const char *)sqlite3_column_text(st, i);
			if (v[i] == NULL)
				v[i] = "";
		}
		if (each(ctx, v[0], v[1], v[2], v[3], v[4]))
			break;
	}
	enum err_code rc = step == SQLITE_ROW || step == SQLITE_DONE
	                       ? ERR_OK
	                       : store_db_fail(s, e, "cannot read the briefs");
	sqlite3_finalize(st);
	return rc;
}
