/*
 * classify.c - the classification part of store.h: rule sets (versions, rules, the active one),
 * the enterprises as the classifier reads them, the effective memberships and the manual ones.
 * Writes of several rows run inside a savepoint, so they are all or nothing whether or not the
 * caller has a transaction open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "catalog/rules.h"
#include "store/store_int.h"

static long long col_int_or(sqlite3_stmt *st, int i, long long none)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? none : sqlite3_column_int64(st, i);
}

static void bind_opt_int(sqlite3_stmt *st, int i, long long v)
{
	if (v < 0)
		(void)sqlite3_bind_null(st, i);
	else
		(void)sqlite3_bind_int64(st, i, v);
}

static enum err_code savepoint(struct store *s, struct err *e)
{
	return store_exec(s, "SAVEPOINT jiqun_classify", e, "cannot start a transaction");
}

static enum err_code release(struct store *s, enum err_code rc, struct err *e)
{
	if (rc == ERR_OK)
		return store_exec(s, "RELEASE jiqun_classify", e, "cannot commit");
	(void)store_exec(s, "ROLLBACK TO jiqun_classify", NULL, "rollback");
	(void)store_exec(s, "RELEASE jiqun_classify", NULL, "rollback");
	return rc;
}

/* ---- rule sets ---- */

static enum err_code insert_rules(struct store *s, const struct rule_set *rs, int version,
                                  struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "INSERT INTO rule (rule_set, rule_id, seq, industry, kind, code, text, "
	                                 "partial, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                                 &st, e);
	for (size_t i = 0; i < rs->n && rc == ERR_OK; i++) {
		const struct rule_row *r = &rs->rules[i];
		(void)sqlite3_reset(st);
		(void)sqlite3_bind_int(st, 1, version);
		(void)sqlite3_bind_int64(st, 2, r->id);
		(void)sqlite3_bind_int64(st, 3, (sqlite3_int64)i + 1);
		(void)sqlite3_bind_text(st, 4, r->industry, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 5, rule_kind_name(r->kind), -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 6, r->code && r->code[0] ? r->code : NULL, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 7, r->text && r->text[0] ? r->text : NULL, -1, SQLITE_STATIC);
		(void)sqlite3_bind_int(st, 8, r->partial);
		(void)sqlite3_bind_text(st, 9, r->reason ? r->reason : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_fail(s, e, "cannot store a rule");
	}
	sqlite3_finalize(st);
	return rc;
}

static enum err_code set_active(struct store *s, int version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_exec(s, "UPDATE rule_set SET active = 0 WHERE active = 1", e,
	                              "cannot change the active rule set");
	if (rc == ERR_OK)
		rc = store_prepare(s, "UPDATE rule_set SET active = 1 WHERE id = ?", &st, e);
	if (rc == ERR_OK) {
		(void)sqlite3_bind_int(st, 1, version);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_fail(s, e, "cannot change the active rule set");
		else if (sqlite3_changes(s->db) == 0)
			rc = err_set(e, ERR_NOT_FOUND, "规则集版本 %d 不存在 (no rule set version %d); "
			             "`jiqun rules list` shows them", version, version);
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_rules_put(struct store *s, const struct rule_set *rs, const char *name,
                              const char *source, bool activate, int *version, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	int v = 0;
	bool any_active = false;
	store_now(now);
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_prepare(s, "SELECT coalesce(max(id), 0) + 1, coalesce(max(active), 0) FROM rule_set", &st, e);
	if (rc == ERR_OK && sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
		any_active = sqlite3_column_int(st, 1) != 0;
	} else if (rc == ERR_OK) {
		rc = store_db_fail(s, e, "cannot read the rule sets");
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == ERR_OK)
		rc = store_prepare(s, "INSERT INTO rule_set (id, version, name, source, sha256, created_at, active) "
		                "VALUES (?1, ?1, ?2, ?3, ?4, ?5, 0)", &st, e);
	if (rc == ERR_OK) {
		(void)sqlite3_bind_int(st, 1, v);
		(void)sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 3, source, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 4, rs->sha256, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_fail(s, e, "cannot store the rule set");
	}
	sqlite3_finalize(st);
	if (rc == ERR_OK)
		rc = insert_rules(s, rs, v, e);
	if (rc == ERR_OK && (activate || !any_active))
		rc = set_active(s, v, e);
	rc = release(s, rc, e);
	if (rc == ERR_OK && version)
		*version = v;
	return rc;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *t = store_col_text(st, i);
	return xstrdup(t ? t : "");
}

enum err_code store_rules_load(struct store *s, int version, struct rule_set **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct rule_set *rs = NULL;
	*out = NULL;
	enum err_code rc = store_prepare(s,
	                                 version > 0 ? "SELECT id, name, source, sha256, created_at, active, "
	                                         "(SELECT count(*) FROM rule WHERE rule_set = id) "
	                                         "FROM rule_set WHERE id = ?"
	                                       : "SELECT id, name, source, sha256, created_at, active, "
	                                         "(SELECT count(*) FROM rule WHERE rule_set = id) "
	                                         "FROM rule_set WHERE active = 1",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	if (version > 0)
		(void)sqlite3_bind_int(st, 1, version);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		rs = rules_new((size_t)sqlite3_column_int64(st, 6));
		rs->version = sqlite3_column_int(st, 0);
		rs->name = dup_col(st, 1);
		rs->source = dup_col(st, 2);
		const char *sum = store_col_text(st, 3);
		(void)snprintf(rs->sha256, sizeof rs->sha256, "%s", sum ? sum : "");
		rs->created_at = dup_col(st, 4);
		rs->active = sqlite3_column_int(st, 5) != 0;
	} else if (step == SQLITE_DONE) {
		rc = version > 0 ? err_set(e, ERR_NOT_FOUND, "规则集版本 %d 不存在 (no rule set version %d); "
		                           "`jiqun rules list` shows them", version, version)
		                 : err_set(e, ERR_NOT_FOUND, "没有启用的分类规则集 (no active rule set): "
		                           "run `jiqun init` or `jiqun rules import FILE`");
	} else {
		rc = store_db_fail(s, e, "cannot read the rule set");
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == ERR_OK)
		rc = store_prepare(s, "SELECT rule_id, industry, kind, code, text, partial, reason FROM rule "
		                "WHERE rule_set = ? ORDER BY seq", &st, e);
	if (rc == ERR_OK && rs != NULL) {
		(void)sqlite3_bind_int(st, 1, rs->version);
		size_t i = 0;
		while (i < rs->n) {
			step = sqlite3_step(st);
			if (step != SQLITE_ROW) {
				if (step != SQLITE_DONE && rc == ERR_OK)
					rc = store_db_fail(s, e, "cannot read the rules");
				break;
			}
			struct rule_row *r = &rs->rules[i++];
			r->id = (uint32_t)sqlite3_column_int64(st, 0);
			r->industry = dup_col(st, 1);
			const char *kind = store_col_text(st, 2);
			if (!rule_kind_parse(kind ? kind : "", &r->kind))
				rc = err_set(e, ERR_CORRUPT, "%s: rule %u has an unknown kind", s->path, r->id);
			r->code = dup_col(st, 3);
			r->text = dup_col(st, 4);
			r->partial = sqlite3_column_int(st, 5) != 0;
			r->reason = dup_col(st, 6);
		}
		rs->n = i;
	}
	sqlite3_finalize(st);
	if (rc != ERR_OK) {
		rules_free(rs);
		return rc;
	}
	*out = rs;
	return ERR_OK;
}

enum err_code store_rules_list(struct store *s, int (*each)(void *ctx, const struct rule_set_info *),
                               void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int step = SQLITE_DONE;
	enum err_code rc = store_prepare(s,
	                                 "SELECT r.id, r.name, r.source, r.sha256, r.created_at, r.active, "
	                                 "count(u.rule_id), count(u.rule_id) FILTER (WHERE u.kind = 'class'), "
	                                 "count(u.rule_id) FILTER (WHERE u.kind = 'keyword'), "
	                                 "count(u.rule_id) FILTER (WHERE u.kind = 'exclude') "
	                                 "FROM rule_set r LEFT JOIN rule u ON u.rule_set = r.id "
	                                 "GROUP BY r.id ORDER BY r.id",
	                                 &st, e);
	while (rc == ERR_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct rule_set_info info = {
			.version = sqlite3_column_int(st, 0),
			.name = store_col_text(st, 1),
			.source = store_col_text(st, 2),
			.sha256 = store_col_text(st, 3),
			.created_at = store_col_text(st, 4),
			.active = sqlite3_column_int(st, 5) != 0,
			.n_rules = sqlite3_column_int(st, 6),
			.n_class = sqlite3_column_int(st, 7),
			.n_keyword = sqlite3_column_int(st, 8),
			.n_exclude = sqlite3_column_int(st, 9),
		};
		if (each(ctx, &info) != 0)
			break;
	}
	if (rc == ERR_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot list the rule sets");
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_rules_activate(struct store *s, int version, struct err *e)
{
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	return release(s, set_active(s, version, e), e);
}

/* ---- enterprises ---- */

#define FIRM_COLUMNS "SELECT id, uscc, name, industry_code, business_scope, main_products FROM enterprise"

static enum err_code each_firm(struct store *s, sqlite3_stmt *st,
                               int (*each)(void *ctx, const struct store_firm *), void *ctx,
                               long *count, struct err *e)
{
	int step;
	*count = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_firm f = {
			.id = sqlite3_column_int64(st, 0),
			.uscc = store_col_text(st, 1),
			.name = store_col_text(st, 2),
			.industry_code = store_col_text(st, 3),
			.business_scope = store_col_text(st, 4),
			.main_products = store_col_text(st, 5),
		};
		++*count;
		if (each(ctx, &f) != 0)
			return ERR_OK;
	}
	return step == SQLITE_DONE ? ERR_OK : store_db_fail(s, e, "cannot read the enterprises");
}

enum err_code store_firms_scan(struct store *s, int (*each)(void *ctx, const struct store_firm *),
                               void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	long n;
	enum err_code rc = store_prepare(s, FIRM_COLUMNS " ORDER BY id", &st, e);
	if (rc == ERR_OK)
		rc = each_firm(s, st, each, ctx, &n, e);
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_firm_get(struct store *s, const char *uscc,
                             int (*each)(void *ctx, const struct store_firm *), void *ctx,
                             struct err *e)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	enum err_code rc = store_prepare(s, FIRM_COLUMNS " WHERE uscc = ?", &st, e);
	if (rc == ERR_OK) {
		(void)sqlite3_bind_text(st, 1, uscc, -1, SQLITE_STATIC);
		rc = each_firm(s, st, each, ctx, &n, e);
	}
	sqlite3_finalize(st);
	if (rc == ERR_OK && n == 0)
		rc = err_set(e, ERR_NOT_FOUND, "没有统一社会信用代码为 %s 的企业 (no enterprise with credit code %s)",
		             uscc, uscc);
	return rc;
}

/* ---- memberships ---- */

enum err_code store_members_replace(struct store *s, const struct member_row *rows, size_t n,
                                    struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = savepoint(s, e);
	if (rc != ERR_OK)
		return rc;
	/* Rebuilding the industry index once is faster than keeping it up to date row by row. */
	rc = store_exec(s, "DROP INDEX IF EXISTS membership_industry", e, "cannot clear the memberships");
	if (rc == ERR_OK)
		rc = store_exec(s, "DELETE FROM membership", e, "cannot clear the memberships");
	if (rc == ERR_OK)
		rc = store_prepare(s, "INSERT INTO membership (enterprise, industry, source, rule_set, rule, rule2) "
		                "VALUES (?, ?, ?, ?, ?, ?)", &st, e);
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		const struct member_row *m = &rows[i];
		(void)sqlite3_reset(st);
		(void)sqlite3_bind_int64(st, 1, m->enterprise);
		(void)sqlite3_bind_text(st, 2, m->industry, -1, SQLITE_STATIC);
		(void)sqlite3_bind_text(st, 3, m->source == MEMBER_MANUAL ? "manual" : "rule", -1,
		                        SQLITE_STATIC);
		bind_opt_int(st, 4, m->rule_set);
		bind_opt_int(st, 5, m->rule);
		bind_opt_int(st, 6, m->rule2);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_db_fail(s, e, "cannot store a membership");
	}
	sqlite3_finalize(st);
	if (rc == ERR_OK)
		rc = store_exec(s, "CREATE INDEX membership_industry ON membership (industry)", e,
		                "cannot index the memberships");
	return release(s, rc, e);
}

enum err_code store_members_scan(struct store *s, long long enterprise,
                                 int (*each)(void *ctx, const struct member_row *), void *ctx,
                                 struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT enterprise, industry, source, rule_set, rule, rule2 "
	                                 "FROM membership WHERE ?1 < 0 OR enterprise = ?1 "
	                                 "ORDER BY enterprise, industry",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, enterprise);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *src = store_col_text(st, 2);
		struct member_row m = {
			.enterprise = sqlite3_column_int64(st, 0),
			.industry = store_col_text(st, 1),
			.source = src && strcmp(src, "manual") == 0 ? MEMBER_MANUAL : MEMBER_RULE,
			.rule_set = col_int_or(st, 3, -1),
			.rule = col_int_or(st, 4, -1),
			.rule2 = col_int_or(st, 5, -1),
		};
		if (each(ctx, &m) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the memberships");
	sqlite3_finalize(st);
	return rc;
}

/* ---- manual memberships ---- */

enum err_code store_manual_set(struct store *s, long long enterprise, const char *industry,
                               bool include, const char *note, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = store_prepare(s,
	                                 "INSERT INTO membership_manual (enterprise, industry, include, note, "
	                                 "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (enterprise, industry) "
	                                 "DO UPDATE SET include = excluded.include, note = excluded.note, "
	                                 "created_at = excluded.created_at",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, enterprise);
	(void)sqlite3_bind_text(st, 2, industry, -1, SQLITE_STATIC);
	(void)sqlite3_bind_int(st, 3, include);
	(void)sqlite3_bind_text(st, 4, note && note[0] ? note : NULL, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
			rc = err_set(e, ERR_NOT_FOUND, "企业 %lld 或产业 %s 不存在 (no such enterprise or industry)",
			             enterprise, industry);
		else
			rc = store_db_fail(s, e, "cannot store the manual membership");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_manual_remove(struct store *s, long long enterprise, const char *industry,
                                  struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s, "DELETE FROM membership_manual WHERE enterprise = ? AND industry = ?",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, enterprise);
	(void)sqlite3_bind_text(st, 2, industry, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot remove the manual membership");
	else if (sqlite3_changes(s->db) == 0)
		rc = err_set(e, ERR_NOT_FOUND, "该企业在产业 %s 没有人工指定 (no manual membership in %s)",
		             industry, industry);
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_manual_list(struct store *s, long long enterprise,
                                int (*each)(void *ctx, const struct manual_row *), void *ctx,
                                struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s,
	                                 "SELECT m.enterprise, f.uscc, f.name, m.industry, m.include, m.note, "
	                                 "m.created_at FROM membership_manual m JOIN enterprise f ON f.id = "
	                                 "m.enterprise WHERE ?1 < 0 OR m.enterprise = ?1 "
	                                 "ORDER BY m.enterprise, m.industry",
	                                 &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, enterprise);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct manual_row m = {
			.enterprise = sqlite3_column_int64(st, 0),
			.uscc = store_col_text(st, 1),
			.name = store_col_text(st, 2),
			.industry = store_col_text(st, 3),
			.include = sqlite3_column_int(st, 4) != 0,
			.note = store_col_text(st, 5),
			.created_at = store_col_text(st, 6),
		};
		if (each(ctx, &m) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the manual memberships");
	sqlite3_finalize(st);
	return rc;
}
