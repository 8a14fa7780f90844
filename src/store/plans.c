/*
 * plans.c - the SQLite side of plans and targets (schema 006_plans.sql); see store.h, "plans".
 * Each import of a level is a new row of plan_version with its targets; nothing is updated or
 * deleted, so every earlier version stays readable.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"

enum err_code store_plan_add_version(struct store *s, enum plan_level level,
                                     const struct plan_target *t, size_t n, const char *source,
                                     int *version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	char now[32];
	time_t clock = time(NULL);
	struct tm tm;
	(void)strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&clock, &tm));
	*version = 0;

	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO plan_version (level, version, source, imported_at) "
	                       "SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3 FROM plan_version "
	                       "WHERE level = ?1 RETURNING id, version",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot store the plan");
	(void)sqlite3_bind_text(st, 1, plan_level_name(level), -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_int64 id = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*version = sqlite3_column_int(st, 1);
	} else {
		rc = store_db_fail(s, e, "cannot store the plan");
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == ERR_OK &&
	    sqlite3_prepare_v2(s->db,
	                       "INSERT INTO plan_target (version_id, seq, scope, key, indicator, year, "
	                       "base_year, value, unit, threshold, note) "
	                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                       -1, &st, NULL) != SQLITE_OK)
		rc = store_db_fail(s, e, "cannot store the plan's targets");
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		const struct plan_target *x = &t[i];
		(void)sqlite3_reset(st);
		(void)sqlite3_bind_int64(st, 1, id);
		(void)sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		(void)sqlite3_bind_text(st, 3, plan_scope_name(x->scope), -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 4, x->key, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 5, x->indicator, -1, SQLITE_STATIC);
		(void)sqlite3_bind_int(st, 6, x->year);
		(void)sqlite3_bind_int(st, 7, x->base_year);
		(void)sqlite3_bind_double(st, 8, x->value);
		(void)sqlite3_bind_text(st, 9, x->unit, -1, SQLITE_STATIC);
		if (x->has_threshold)
			(void)sqlite3_bind_double(st, 10, x->threshold);
		else
			(void)sqlite3_bind_null(st, 10);
		(void)sqlite3_bind_text(st, 11, x->note, -1, SQLITE_STATIC);
		if (x->level != level)
			rc = err_set(e, ERR_INTERNAL, "target %zu is not of level %s", i + 1,
			             plan_level_name(level));
		else if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_fail(s, e, "cannot store the plan's targets");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_plan_versions(struct store *s,
                                  int (*each)(void *ctx, const struct plan_version_info *v),
                                  void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT v.level, v.version, v.source, v.imported_at, "
	                       "(SELECT count(*) FROM plan_target t WHERE t.version_id = v.id) "
	                       "FROM plan_version v ORDER BY CASE v.level WHEN 'five_year' THEN 0 "
	                       "WHEN 'rolling' THEN 1 ELSE 2 END, v.version",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the plans");
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_version_info v = {0};
		if (!plan_level_parse(store_col_str(st, 0), &v.level)) {
			rc = err_set(e, ERR_CORRUPT, "%s: a plan has the unknown level \"%s\"", s->path,
			             store_col_str(st, 0));
			break;
		}
		v.version = sqlite3_column_int(st, 1);
		(void)snprintf(v.source, sizeof v.source, "%s", store_col_str(st, 2));
		(void)snprintf(v.imported_at, sizeof v.imported_at, "%s", store_col_str(st, 3));
		v.targets = (long)sqlite3_column_int64(st, 4);
		if (each(ctx, &v) != 0)
			break;
	}
	if (rc == ERR_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the plans");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_plan_targets(struct store *s, enum plan_level level, int version,
                                 int (*each)(void *ctx, const struct plan_target *t), void *ctx,
                                 int *version_out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	*version_out = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT v.version, t.scope, t.key, t.indicator, t.year, t.base_year, "
	                       "t.value, t.unit, t.threshold, t.note FROM plan_version v "
	                       "JOIN plan_target t ON t.version_id = v.id WHERE v.level = ?1 AND "
	                       "v.version = CASE WHEN ?2 > 0 THEN ?2 ELSE (SELECT max(version) FROM "
	                       "plan_version WHERE level = ?1) END ORDER BY t.seq",
	                       -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the plan");
	(void)sqlite3_bind_text(st, 1, plan_level_name(level), -1, SQLITE_STATIC);
	(void)sqlite3_bind_int(st, 2, version);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct plan_target t = {.level = level};
		*version_out = sqlite3_column_int(st, 0);
		if (!plan_scope_parse(store_col_str(st, 1), &t.scope)) {
			rc = err_set(e, ERR_CORRUPT, "%s: a target has the unknown scope \"%s\"", s->path,
			             store_col_str(st, 1));
			break;
		}
		(void)snprintf(t.key, sizeof t.key, "%s", store_col_str(st, 2));
		(void)snprintf(t.indicator, sizeof t.indicator, "%s", store_col_str(st, 3));
		t.year = sqlite3_column_int(st, 4);
		t.base_year = sqlite3_column_int(st, 5);
		t.value = sqlite3_column_double(st, 6);
		(void)snprintf(t.unit, sizeof t.unit, "%s", store_col_str(st, 7));
		t.has_threshold = sqlite3_column_type(st, 8) != SQLITE_NULL;
		t.threshold = t.has_threshold ? sqlite3_column_double(st, 8) : 0;
		(void)snprintf(t.note, sizeof t.note, "%s", store_col_str(st, 9));
		if (each(ctx, &t) != 0)
			break;
	}
	if (rc == ERR_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the plan");
	sqlite3_finalize(st);
	if (rc == ERR_OK && *version_out == 0)
		rc = version > 0 ? err_set(e, ERR_NOT_FOUND, "没有%s第%d版 (no version %d of the %s plan)",
		                           plan_level_label_zh(level), version, version,
		                           plan_level_name(level))
		                 : err_set(e, ERR_NOT_FOUND, "尚未导入%s目标 (no %s plan imported)",
		                           plan_level_label_zh(level), plan_level_name(level));
	return rc;
}
