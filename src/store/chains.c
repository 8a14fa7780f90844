/*
 * chains.c - the chain-map part of store.h (schema 009_chains.sql): nodes replaced per industry,
 * threshold settings, candidate enterprises outside the city, supplier relations. Writes of
 * several rows run inside a savepoint, so they are all or nothing whether or not the caller has
 * a transaction open.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static void bind_flag(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		(void)sqlite3_bind_null(st, i);
	else
		(void)sqlite3_bind_int(st, i, v != 0);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		(void)sqlite3_bind_null(st, i);
	else
		(void)sqlite3_bind_double(st, i, v);
}

static enum err_code savepoint(struct store *s, struct err *e)
{
	return store_exec(s, "SAVEPOINT jiqun_chain", e, "cannot start a transaction");
}

static enum err_code release(struct store *s, enum err_code rc, struct err *e)
{
	if (rc == ERR_OK)
		return store_exec(s, "RELEASE jiqun_chain", e, "cannot commit");
	(void)store_exec(s, "ROLLBACK TO jiqun_chain", NULL, "rollback");
	(void)store_exec(s, "RELEASE jiqun_chain", NULL, "rollback");
	return rc;
}

static enum err_code step_done(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		return ERR_OK;
	return store_db_fail(s, e, "cannot write");
}

/* ---- nodes ---- */

static bool in_list(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return true;
	return false;
}

enum err_code store_chain_replace(struct store *s, const char *const *inds, size_t n_inds,
                                  const struct store_chain_node *nodes, size_t n, struct err *e)
{
	sqlite3_stmt *find = NULL, *del = NULL, *ins = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_prepare(s, "SELECT industry FROM chain_node WHERE id = ?", &find, e);
	if (rc == ERR_OK)
		rc = store_prepare(s, "DELETE FROM chain_node WHERE industry = ?", &del, e);
	if (rc == ERR_OK)
		rc = store_prepare(s,
		                   "INSERT INTO chain_node (id, industry, seq, name, stage, parent, critical, "
		                   "keywords, industry_codes, basis, source, updated_at) "
		                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		                   &ins, e);
	/* A node id another industry's map uses, and that map is not being replaced: refuse. */
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		(void)sqlite3_reset(find);
		(void)sqlite3_bind_text(find, 1, nodes[i].id, -1, SQLITE_STATIC);
		int r = sqlite3_step(find);
		if (r == SQLITE_ROW) {
			const char *other = store_col_text(find, 0);
			if (other && !in_list(other, inds, n_inds) && strcmp(other, nodes[i].industry) != 0)
				rc = err_set(e, ERR_BUSY, "环节编号 %s 已被产业 %s 的产业链使用", nodes[i].id,
				             other);
		} else if (r != SQLITE_DONE) {
			rc = store_db_fail(s, e, "cannot read chain nodes");
		}
	}
	for (size_t i = 0; i < n_inds && rc == ERR_OK; i++) {
		(void)sqlite3_reset(del);
		(void)sqlite3_bind_text(del, 1, inds[i], -1, SQLITE_STATIC);
		rc = step_done(s, del, e);
	}
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		const struct store_chain_node *x = &nodes[i];
		(void)sqlite3_reset(ins);
		(void)sqlite3_bind_text(ins, 1, x->id, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 2, x->industry, -1, SQLITE_STATIC);
		(void)sqlite3_bind_int64(ins, 3, (sqlite3_int64)i + 1);
		(void)sqlite3_bind_text(ins, 4, x->name, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 5, x->stage, -1, SQLITE_STATIC);
		store_bind_text(ins, 6, x->parent);
		(void)sqlite3_bind_int(ins, 7, x->critical);
		(void)sqlite3_bind_text(ins, 8, x->keywords ? x->keywords : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 9, x->industry_codes ? x->industry_codes : "", -1,
		                        SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 10, x->basis ? x->basis : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 11, x->source ? x->source : "", -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(ins, 12, now, -1, SQLITE_STATIC);
		rc = step_done(s, ins, e);
	}
	sqlite3_finalize(find);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return release(s, rc, e);
}

enum err_code store_chain_nodes(struct store *s, const char *industry,
                                int (*each)(void *ctx, const struct store_chain_node *n),
                                void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT c.id, c.industry, c.name, c.stage, c.parent, c.critical, "
	                                 "c.keywords, c.industry_codes, c.basis, c.source FROM chain_node c "
	                                 "JOIN industry i ON i.id = c.industry "
	                                 "WHERE ?1 IS NULL OR c.industry = ?1 ORDER BY i.kind, i.seq, c.industry, c.seq",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	store_bind_text(st, 1, industry);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_chain_node x = {
			store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4),
			sqlite3_column_int(st, 5) != 0,
			store_col_text(st, 6), store_col_text(st, 7), store_col_text(st, 8), store_col_text(st, 9),
		};
		if (each(ctx, &x) != 0)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read chain nodes");
	sqlite3_finalize(st);
	return rc;
}

/* ---- settings ---- */

enum err_code store_chain_setting(struct store *s, const char *key, double *value, bool *found,
                                  struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s, "SELECT value FROM chain_setting WHERE key = ?", &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	*found = r == SQLITE_ROW;
	if (*found)
		*value = sqlite3_column_double(st, 0);
	else if (r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read chain settings");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_chain_setting_put(struct store *s, const char *key, double value,
                                      struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "INSERT INTO chain_setting (key, value) VALUES (?, ?) "
	                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	(void)sqlite3_bind_double(st, 2, value);
	rc = step_done(s, st, e);
	sqlite3_finalize(st);
	return rc;
}

/* ---- candidates ---- */

enum err_code store_chain_candidates_put(struct store *s, const struct store_chain_candidate *c,
                                         size_t n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_prepare(s,
	                   "INSERT INTO chain_candidate (name, uscc, city, industry, industry_code, "
	                   "business_scope, main_products, size, zjtx, single_champion, unicorn, high_tech, "
	                   "listed_board, ticker, revenue, note, source, updated_at) "
	                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	                   "ON CONFLICT (name) DO UPDATE SET uscc = excluded.uscc, city = excluded.city, "
	                   "industry = excluded.industry, industry_code = excluded.industry_code, "
	                   "business_scope = excluded.business_scope, main_products = excluded.main_products, "
	                   "size = excluded.size, zjtx = excluded.zjtx, "
	                   "single_champion = excluded.single_champion, unicorn = excluded.unicorn, "
	                   "high_tech = excluded.high_tech, listed_board = excluded.listed_board, "
	                   "ticker = excluded.ticker, revenue = excluded.revenue, note = excluded.note, "
	                   "source = excluded.source, updated_at = excluded.updated_at",
	                   &st, e);
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		const struct store_chain_candidate *x = &c[i];
		(void)sqlite3_reset(st);
		store_bind_text(st, 1, x->name);
		store_bind_text(st, 2, x->uscc);
		store_bind_text(st, 3, x->city);
		store_bind_text(st, 4, x->industry);
		store_bind_text(st, 5, x->industry_code);
		store_bind_text(st, 6, x->business_scope);
		store_bind_text(st, 7, x->main_products);
		store_bind_text(st, 8, x->size);
		store_bind_text(st, 9, x->zjtx);
		bind_flag(st, 10, x->single_champion);
		bind_flag(st, 11, x->unicorn);
		bind_flag(st, 12, x->high_tech);
		store_bind_text(st, 13, x->listed_board);
		store_bind_text(st, 14, x->ticker);
		bind_real(st, 15, x->revenue);
		store_bind_text(st, 16, x->note);
		store_bind_text(st, 17, x->source ? x->source : "import");
		(void)sqlite3_bind_text(st, 18, now, -1, SQLITE_STATIC);
		rc = step_done(s, st, e);
	}
	sqlite3_finalize(st);
	return release(s, rc, e);
}

static int flag_col(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i) != 0;
}

enum err_code store_chain_candidates(struct store *s,
                                     int (*each)(void *ctx, const struct store_chain_candidate *c),
                                     void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT id, name, uscc, city, industry, industry_code, "
	                                 "business_scope, main_products, size, zjtx, listed_board, ticker, "
	                                 "note, source, single_champion, unicorn, high_tech, revenue "
	                                 "FROM chain_candidate ORDER BY name",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_chain_candidate x = {
			sqlite3_column_int64(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4),
			store_col_text(st, 5), store_col_text(st, 6), store_col_text(st, 7), store_col_text(st, 8), store_col_text(st, 9), store_col_text(st, 10),
			store_col_text(st, 11), store_col_text(st, 12), store_col_text(st, 13), flag_col(st, 14), flag_col(st, 15),
			flag_col(st, 16),
			sqlite3_column_type(st, 17) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 17),
		};
		if (each(ctx, &x) != 0)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read candidates");
	sqlite3_finalize(st);
	return rc;
}

/* ---- supplier relations ---- */

enum err_code store_chain_supply_put(struct store *s, const struct store_chain_supply *r, size_t n,
                                     struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_prepare(s,
	                   "INSERT INTO chain_supply (buyer_uscc, supplier_name, supplier_uscc, "
	                   "supplier_city, node, amount, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	                   "ON CONFLICT (buyer_uscc, supplier_name, node) DO UPDATE SET "
	                   "supplier_uscc = excluded.supplier_uscc, supplier_city = excluded.supplier_city, "
	                   "amount = excluded.amount, source = excluded.source, "
	                   "updated_at = excluded.updated_at",
	                   &st, e);
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		(void)sqlite3_reset(st);
		store_bind_text(st, 1, r[i].buyer_uscc);
		store_bind_text(st, 2, r[i].supplier_name);
		store_bind_text(st, 3, r[i].supplier_uscc);
		store_bind_text(st, 4, r[i].supplier_city);
		store_bind_text(st, 5, r[i].node);
		(void)sqlite3_bind_double(st, 6, r[i].amount);
		store_bind_text(st, 7, r[i].source ? r[i].source : "import");
		(void)sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
		rc = step_done(s, st, e);
	}
	sqlite3_finalize(st);
	return release(s, rc, e);
}

enum err_code store_chain_supplies(struct store *s,
                                   int (*each)(void *ctx, const struct store_chain_supply *r),
                                   void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT buyer_uscc, supplier_name, supplier_uscc, supplier_city, "
	                                 "node, source, amount FROM chain_supply ORDER BY node, id",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_chain_supply x = {store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
		                               store_col_text(st, 4), store_col_text(st, 5), sqlite3_column_double(st, 6)};
		if (each(ctx, &x) != 0)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read supplier relations");
	sqlite3_finalize(st);
	return rc;
}
