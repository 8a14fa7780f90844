/*
 * audit.c - the SQLite side of the audit trail, the review queue and the per-list review
 * setting (schema 008_auth.sql); see store.h. The audit table is only ever inserted into: there
 * is no function here that updates or deletes it, and the schema's triggers refuse both.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

static const char *col_or_null(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		(void)sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		(void)sqlite3_bind_null(st, i);
}

enum err_code store_review_required(struct store *s, const char *list, bool *on, struct err *e)
{
	sqlite3_stmt *st = NULL;
	*on = false;
	if (sqlite3_prepare_v2(s->db, "SELECT review FROM list_review WHERE list = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_db_fail(s, e, "cannot read the review settings");
	(void)sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	enum err_code rc = ERR_OK;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*on = sqlite3_column_int(st, 0) != 0;
	else if (step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the review settings");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_review_set(struct store *s, const char *list, bool on, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO list_review (list, review) VALUES (?1, ?2) "
	                       "ON CONFLICT (list) DO UPDATE SET review = excluded.review",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot change the review setting");
	(void)sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int(st, 2, on ? 1 : 0);
	enum err_code rc = sqlite3_step(st) == SQLITE_DONE
	                       ? ERR_OK
	                       : store_db_fail(s, e, "cannot change the review setting");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_pending_add(struct store *s, const struct store_pending *p, long long *id,
                                struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO pending_change (list, action, record_id, record_key, "
	                       "before_json, after_json, submitted_by, submitted_at) "
	                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot queue the change");
	(void)sqlite3_bind_text(st, 1, p->list, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, p->action, -1, SQLITE_TRANSIENT);
	if (p->record_id > 0)
		(void)sqlite3_bind_int64(st, 3, p->record_id);
	else
		(void)sqlite3_bind_null(st, 3);
	(void)sqlite3_bind_text(st, 4, p->record_key ? p->record_key : "", -1, SQLITE_TRANSIENT);
	bind_opt(st, 5, p->before);
	bind_opt(st, 6, p->after);
	(void)sqlite3_bind_text(st, 7, p->submitted_by, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	enum err_code rc = sqlite3_step(st) == SQLITE_DONE ? ERR_OK
	                                                   : store_db_fail(s, e, "cannot queue the change");
	sqlite3_finalize(st);
	if (rc == ERR_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum err_code store_pending_scan(struct store *s, long long id, const char *status,
                                 const char *submitted_by,
                                 int (*each)(void *ctx, const struct store_pending *p), void *ctx,
                                 struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT id, list, action, coalesce(record_id, 0), record_key, before_json, "
	                       "after_json, submitted_by, submitted_at, status, decided_by, decided_at, "
	                       "comment FROM pending_change WHERE (?1 <= 0 OR id = ?1) "
	                       "AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR submitted_by = ?3) "
	                       "ORDER BY id DESC",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the review queue");
	(void)sqlite3_bind_int64(st, 1, id);
	bind_opt(st, 2, status);
	bind_opt(st, 3, submitted_by);
	enum err_code rc = ERR_OK;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_pending p = {
			.id = sqlite3_column_int64(st, 0),
			.list = col_or_null(st, 1),
			.action = col_or_null(st, 2),
			.record_id = sqlite3_column_int64(st, 3),
			.record_key = col_or_null(st, 4),
			.before = col_or_null(st, 5),
			.after = col_or_null(st, 6),
			.submitted_by = col_or_null(st, 7),
			.submitted_at = col_or_null(st, 8),
			.status = col_or_null(st, 9),
			.decided_by = col_or_null(st, 10),
			.decided_at = col_or_null(st, 11),
			.comment = col_or_null(st, 12),
		};
		if (each(ctx, &p) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the review queue");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_pending_decide(struct store *s, long long id, const char *status,
                                   const char *decided_by, const char *comment, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	if (sqlite3_prepare_v2(s->db,
	                       "UPDATE pending_change SET status = ?2, decided_by = ?3, decided_at = ?4, "
	                       "comment = ?5 WHERE id = ?1 AND status = 'pending'",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot record the decision");
	(void)sqlite3_bind_int64(st, 1, id);
	(void)sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 3, decided_by, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	bind_opt(st, 5, comment);
	enum err_code rc = sqlite3_step(st) == SQLITE_DONE
	                       ? ERR_OK
	                       : store_db_fail(s, e, "cannot record the decision");
	sqlite3_finalize(st);
	if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_INVALID, "待审核修改 %lld 不存在或已处理 (change %lld is not pending)",
		             id, id);
	return rc;
}

enum err_code store_audit_add(struct store *s, const struct store_audit *a, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO audit (at, user, role, via, action, list, record_id, "
	                       "record_key, before_json, after_json, comment) "
	                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot write the audit trail");
	(void)sqlite3_bind_text(st, 1, a->at ? a->at : now, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, a->user, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 3, a->role ? a->role : "", -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 4, a->via ? a->via : "", -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 5, a->action, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 6, a->list, -1, SQLITE_TRANSIENT);
	if (a->record_id > 0)
		(void)sqlite3_bind_int64(st, 7, a->record_id);
	else
		(void)sqlite3_bind_null(st, 7);
	bind_opt(st, 8, a->record_key);
	bind_opt(st, 9, a->before);
	bind_opt(st, 10, a->after);
	bind_opt(st, 11, a->comment);
	enum err_code rc = sqlite3_step(st) == SQLITE_DONE
	                       ? ERR_OK
	                       : store_db_fail(s, e, "cannot write the audit trail");
	sqlite3_finalize(st);
	return rc;
}

#define AUDIT_WHERE "WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR list = ?2) " \
                    "AND (?3 IS NULL OR at >= ?3)"

static void bind_filter(sqlite3_stmt *st, const struct store_audit_filter *f)
{
	bind_opt(st, 1, f->user);
	bind_opt(st, 2, f->list);
	bind_opt(st, 3, f->since);
}

enum err_code store_audit_query(struct store *s, const struct store_audit_filter *f,
                                int (*each)(void *ctx, const struct store_audit *a), void *ctx,
                                long *total, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	if (total) {
		if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM audit " AUDIT_WHERE, -1, &st, NULL) !=
		    SQLITE_OK)
			return store_db_fail(s, e, "cannot read the audit trail");
		bind_filter(st, f);
		*total = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		st = NULL;
	}
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT id, at, user, role, via, action, list, coalesce(record_id, 0), "
	                       "record_key, before_json, after_json, comment FROM audit " AUDIT_WHERE
	                       " ORDER BY id DESC LIMIT ?4 OFFSET ?5",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the audit trail");
	bind_filter(st, f);
	(void)sqlite3_bind_int64(st, 4, f->limit < 0 ? -1 : f->limit);
	(void)sqlite3_bind_int64(st, 5, f->offset);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit a = {
			.id = sqlite3_column_int64(st, 0),
			.at = col_or_null(st, 1),
			.user = col_or_null(st, 2),
			.role = col_or_null(st, 3),
			.via = col_or_null(st, 4),
			.action = col_or_null(st, 5),
			.list = col_or_null(st, 6),
			.record_id = sqlite3_column_int64(st, 7),
			.record_key = col_or_null(st, 8),
			.before = col_or_null(st, 9),
			.after = col_or_null(st, 10),
			.comment = col_or_null(st, 11),
		};
		if (each(ctx, &a) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the audit trail");
	sqlite3_finalize(st);
	return rc;
}
