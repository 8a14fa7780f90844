/*
 * indicators.c - indicator data in SQLite (schema 004_indicators.sql); see the indicator section
 * of store.h. Every statement is prepared once per call with bound parameters; batches reuse it.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static void bind_real_or_null(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		(void)sqlite3_bind_null(st, i);
	else
		(void)sqlite3_bind_double(st, i, v);
}

static double column_real_or_nan(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static const char *text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

/* Step a write statement and reset it. */
static enum err_code step_done(struct store *s, sqlite3_stmt *st, struct err *e, const char *what)
{
	int rc = sqlite3_step(st);
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? ERR_OK : store_db_fail(s, e, what);
}

enum err_code store_ind_put_values(struct store *s, const struct store_ind_value *v, size_t n,
                                   const char *source, struct err *e)
{
	static const char sql[] =
		"INSERT INTO indicator_value (enterprise, indicator, period, cumulative, value, unit, "
		"source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT (enterprise, indicator, period, cumulative) DO UPDATE SET value = excluded.value, "
		"unit = excluded.unit, source = excluded.source, imported_at = excluded.imported_at";
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = store_prepare(s, sql, &st, e);
	for (size_t i = 0; rc == ERR_OK && i < n; i++) {
		(void)sqlite3_bind_int64(st, 1, v[i].enterprise);
		(void)sqlite3_bind_text(st, 2, indicator_defs[v[i].indicator].id, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 3, v[i].period, -1, SQLITE_STATIC);
		(void)sqlite3_bind_int(st, 4, v[i].cumulative);
		(void)sqlite3_bind_double(st, 5, v[i].value);
		(void)sqlite3_bind_text(st, 6, v[i].unit, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 7, source, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
		rc = step_done(s, st, e, "cannot store an indicator value");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_ind_put_published(struct store *s, const struct store_ind_published *p,
                                      size_t n, struct err *e)
{
	static const char sql[] =
		"INSERT INTO indicator_published (level, key, indicator, period, cumulative, value, unit, "
		"growth_pct, source, file, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
		"ON CONFLICT (level, key, indicator, period, cumulative) DO UPDATE SET value = excluded.value, "
		"unit = excluded.unit, growth_pct = excluded.growth_pct, source = excluded.source, "
		"file = excluded.file, imported_at = excluded.imported_at";
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = store_prepare(s, sql, &st, e);
	for (size_t i = 0; rc == ERR_OK && i < n; i++) {
		(void)sqlite3_bind_text(st, 1, p[i].level, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 2, p[i].key ? p[i].key : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 3, indicator_defs[p[i].indicator].id, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 4, p[i].period, -1, SQLITE_STATIC);
		(void)sqlite3_bind_int(st, 5, p[i].cumulative);
		(void)sqlite3_bind_double(st, 6, p[i].value);
		(void)sqlite3_bind_text(st, 7, p[i].unit ? p[i].unit : "", -1, SQLITE_STATIC);
		bind_real_or_null(st, 8, p[i].growth_pct);
		(void)sqlite3_bind_text(st, 9, p[i].source ? p[i].source : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 10, p[i].file ? p[i].file : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 11, now, -1, SQLITE_STATIC);
		rc = step_done(s, st, e, "cannot store a published figure");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_enterprise_ids(struct store *s, const char *const *uscc, size_t n,
                                   long long *ids, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s, "SELECT id FROM enterprise WHERE uscc = ?1", &st, e);
	for (size_t i = 0; rc == ERR_OK && i < n; i++) {
		(void)sqlite3_bind_text(st, 1, uscc[i], -1, SQLITE_STATIC);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			ids[i] = sqlite3_column_int64(st, 0);
		else if (r == SQLITE_DONE)
			ids[i] = 0;
		else
			rc = store_db_fail(s, e, "cannot look up enterprises");
		(void)sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_ind_enterprises(struct store *s,
                                    int (*each)(void *ctx, long long id, const char *district),
                                    void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s, "SELECT id, district FROM enterprise ORDER BY id", &st, e);
	int r = SQLITE_DONE;
	while (rc == ERR_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
		if (each(ctx, sqlite3_column_int64(st, 0), text(st, 1)) != 0)
			break;
	if (rc == ERR_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read enterprises");
	sqlite3_finalize(st);
	return rc;
}

/* The indicator index of an id; the previous answer is kept because rows come grouped. */
static int indicator_of(const char *id, int *last)
{
	if (*last >= 0 && strcmp(indicator_defs[*last].id, id) == 0)
		return *last;
	for (int i = 0; i < INDICATOR_COUNT; i++)
		if (strcmp(indicator_defs[i].id, id) == 0)
			return *last = i;
	return -1;
}

enum err_code store_ind_facts(struct store *s, int (*each)(void *ctx, const struct store_ind_fact *f),
                              void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT enterprise, indicator, period, cumulative, value "
	                                 "FROM indicator_value ORDER BY enterprise, indicator",
	                                 &st, e);
	int r = SQLITE_DONE, last = -1;
	struct store_ind_fact f;
	while (rc == ERR_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		f.enterprise = sqlite3_column_int64(st, 0);
		f.indicator = indicator_of(text(st, 1), &last);
		f.period = text(st, 2);
		f.cumulative = sqlite3_column_int(st, 3) != 0;
		f.value = sqlite3_column_double(st, 4);
		if (each(ctx, &f) != 0)
			break;
	}
	if (rc == ERR_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read indicator values");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_ind_published(struct store *s,
                                  int (*each)(void *ctx, const struct store_ind_published *p),
                                  void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT level, key, indicator, period, cumulative, value, unit, "
	                                 "growth_pct, source, file FROM indicator_published "
	                                 "ORDER BY level, key, indicator, period, cumulative",
	                                 &st, e);
	int r = SQLITE_DONE, last = -1;
	struct store_ind_published p;
	while (rc == ERR_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		p.level = text(st, 0);
		p.key = text(st, 1);
		p.indicator = indicator_of(text(st, 2), &last);
		p.period = text(st, 3);
		p.cumulative = sqlite3_column_int(st, 4) != 0;
		p.value = sqlite3_column_double(st, 5);
		p.unit = text(st, 6);
		p.growth_pct = column_real_or_nan(st, 7);
		p.source = text(st, 8);
		p.file = text(st, 9);
		if (p.indicator >= 0 && each(ctx, &p) != 0)
			break;
	}
	if (rc == ERR_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read published figures");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_ind_computed_replace(struct store *s, const struct store_ind_computed *c,
                                         size_t n, int rule_set, struct err *e)
{
	static const char sql[] =
		"INSERT INTO indicator_computed (period, indicator, level, key, district, value, "
		"growth_pct, share_pct, share_gdp_pct, lq, contribution_pp, n_ent, strong, computed_at, "
		"rule_set) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = store_begin(s, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_exec(s, "DELETE FROM indicator_computed", e, "cannot clear computed figures");
	if (rc == ERR_OK)
		rc = store_prepare(s, sql, &st, e);
	for (size_t i = 0; rc == ERR_OK && i < n; i++) {
		(void)sqlite3_bind_text(st, 1, c[i].period, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 2, indicator_defs[c[i].indicator].id, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 3, c[i].level, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 4, c[i].key ? c[i].key : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 5, c[i].district ? c[i].district : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_double(st, 6, c[i].value);
		bind_real_or_null(st, 7, c[i].growth_pct);
		bind_real_or_null(st, 8, c[i].share_pct);
		bind_real_or_null(st, 9, c[i].share_gdp_pct);
		bind_real_or_null(st, 10, c[i].lq);
		bind_real_or_null(st, 11, c[i].contribution_pp);
		(void)sqlite3_bind_int64(st, 12, c[i].n_ent);
		(void)sqlite3_bind_int(st, 13, c[i].strong);
		(void)sqlite3_bind_text(st, 14, now, -1, SQLITE_STATIC);
		if (rule_set >= 0)
			(void)sqlite3_bind_int(st, 15, rule_set);
		rc = step_done(s, st, e, "cannot store a computed figure");
	}
	sqlite3_finalize(st);
	if (rc == ERR_OK)
		return store_commit(s, e);
	store_rollback(s);
	return rc;
}

enum err_code store_ind_computed_read(struct store *s, const char *period,
                                      int (*each)(void *ctx, const struct store_ind_computed *c),
                                      void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT period, indicator, level, key, district, value, growth_pct, "
	                                 "share_pct, share_gdp_pct, lq, contribution_pp, n_ent, strong, "
	                                 "computed_at, rule_set FROM indicator_computed "
	                                 "WHERE ?1 IS NULL OR period = ?1 "
	                                 "ORDER BY period, indicator, level, key, district",
	                                 &st, e);
	if (rc == ERR_OK && period)
		(void)sqlite3_bind_text(st, 1, period, -1, SQLITE_STATIC);
	int r = SQLITE_DONE, last = -1;
	struct store_ind_computed c;
	while (rc == ERR_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		c.period = text(st, 0);
		c.indicator = indicator_of(text(st, 1), &last);
		c.level = text(st, 2);
		c.key = text(st, 3);
		c.district = text(st, 4);
		c.value = sqlite3_column_double(st, 5);
		c.growth_pct = column_real_or_nan(st, 6);
		c.share_pct = column_real_or_nan(st, 7);
		c.share_gdp_pct = column_real_or_nan(st, 8);
		c.lq = column_real_or_nan(st, 9);
		c.contribution_pp = column_real_or_nan(st, 10);
		c.n_ent = (long)sqlite3_column_int64(st, 11);
		c.strong = sqlite3_column_int(st, 12) != 0;
		c.computed_at = text(st, 13);
		c.rule_set = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 14);
		if (c.indicator >= 0 && each(ctx, &c) != 0)
			break;
	}
	if (rc == ERR_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read computed figures");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_ind_periods(struct store *s,
                                int (*each)(void *ctx, const char *period, int indicator,
                                            bool computed, bool published),
                                void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT period, indicator, max(c), max(p) FROM ("
	                                 " SELECT DISTINCT period, indicator, 1 AS c, 0 AS p FROM indicator_computed"
	                                 " UNION ALL"
	                                 " SELECT DISTINCT period, indicator, 0, 1 FROM indicator_published"
	                                 ") GROUP BY period, indicator ORDER BY period, indicator",
	                                 &st, e);
	int r = SQLITE_DONE, last = -1;
	while (rc == ERR_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		int ind = indicator_of(text(st, 1), &last);
		if (ind >= 0 && each(ctx, text(st, 0), ind, sqlite3_column_int(st, 2) != 0,
		                     sqlite3_column_int(st, 3) != 0) != 0)
			break;
	}
	if (rc == ERR_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read periods");
	sqlite3_finalize(st);
	return rc;
}
