/*
 * users.c - the SQLite side of accounts, sessions, API tokens and login throttling (schema
 * 008_auth.sql); see store.h. Only hashes are stored: the caller hashes passwords (argon2id) and
 * tokens (sha256) before they get here. Statements are prepared per call: none of this is hot.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store_int.h"

static void copy(char *dst, size_t size, const char *src)
{
	(void)snprintf(dst, size, "%s", src ? src : "");
}

static enum err_code prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct err *e,
                             const char *what)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, what);
	return ERR_OK;
}

/* Step a statement that writes; ERR_OK on SQLITE_DONE. */
static enum err_code step_done(struct store *s, sqlite3_stmt *st, struct err *e, const char *what)
{
	enum err_code rc = ERR_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_db_fail(s, e, what);
	sqlite3_finalize(st);
	return rc;
}

#define USER_COLS "u.id, u.name, u.role, u.district, u.industries, u.password_hash IS NOT NULL, " \
                  "u.disabled, u.created_at, u.updated_at, u.password_hash"

static void read_user(sqlite3_stmt *st, struct store_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	copy(u->name, sizeof u->name, store_col_str(st, 1));
	copy(u->role, sizeof u->role, store_col_str(st, 2));
	copy(u->district, sizeof u->district, store_col_str(st, 3));
	copy(u->industries, sizeof u->industries, store_col_str(st, 4));
	u->has_password = sqlite3_column_int(st, 5) != 0;
	u->disabled = sqlite3_column_int(st, 6) != 0;
	copy(u->created_at, sizeof u->created_at, store_col_str(st, 7));
	copy(u->updated_at, sizeof u->updated_at, store_col_str(st, 8));
}

enum err_code store_user_add(struct store *s, const struct store_user *u, const char *password_hash,
                             long long *id, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = prepare(s,
	                           "INSERT INTO app_user (name, role, district, industries, "
	                           "password_hash, disabled, created_at, updated_at) "
	                           "VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6) ON CONFLICT (name) DO NOTHING",
	                           &st, e, "cannot add the account");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, u->name, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, u->role, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 3, u->district);
	store_bind_text(st, 4, u->industries);
	store_bind_text(st, 5, password_hash);
	(void)sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	rc = step_done(s, st, e, "cannot add the account");
	if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_INVALID, "账号 %s 已存在 (account '%s' exists)", u->name, u->name);
	if (rc == ERR_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

enum err_code store_user_get(struct store *s, const char *name, struct store_user *out, char *hash,
                             size_t hash_size, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "SELECT " USER_COLS " FROM app_user u WHERE u.name = ?", &st, e,
	                           "cannot read the account");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_user(st, out);
		if (hash)
			copy(hash, hash_size, store_col_str(st, 9));
	} else if (step == SQLITE_DONE) {
		rc = err_set(e, ERR_NOT_FOUND, "没有账号 %s (no account '%s')", name, name);
	} else {
		rc = store_db_fail(s, e, "cannot read the account");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_user_list(struct store *s, int (*each)(void *ctx, const struct store_user *u),
                              void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "SELECT " USER_COLS " FROM app_user u ORDER BY u.name", &st, e,
	                           "cannot read the accounts");
	if (rc != ERR_OK)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_user u;
		read_user(st, &u);
		if (each(ctx, &u) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read the accounts");
	sqlite3_finalize(st);
	return rc;
}

/* Run `sql` with ?1 = text `a` and ?2 = `b` (text, or NULL to bind nothing more). */
static enum err_code exec2(struct store *s, const char *sql, const char *a, const char *b,
                           struct err *e, const char *what)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, sql, &st, e, what);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		(void)sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	return step_done(s, st, e, what);
}

enum err_code store_user_set_password(struct store *s, const char *name, const char *hash,
                                      struct err *e)
{
	char now[32];
	store_now(now);
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "UPDATE app_user SET password_hash = ?2, updated_at = ?3 "
	                              "WHERE name = ?1",
	                           &st, e, "cannot change the password");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	rc = step_done(s, st, e, "cannot change the password");
	if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "没有账号 %s (no account '%s')", name, name);
	return rc;
}

enum err_code store_user_set_disabled(struct store *s, const char *name, bool disabled,
                                      struct err *e)
{
	char now[32];
	store_now(now);
	enum err_code rc = exec2(s, disabled ? "UPDATE app_user SET disabled = 1, updated_at = ?2 WHERE name = ?1"
	                                     : "UPDATE app_user SET disabled = 0, updated_at = ?2 WHERE name = ?1",
	                         name, now, e, "cannot change the account");
	if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "没有账号 %s (no account '%s')", name, name);
	if (rc == ERR_OK && disabled)
		rc = exec2(s, "DELETE FROM user_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?1)",
		           name, NULL, e, "cannot end the account's sessions");
	if (rc == ERR_OK && disabled)
		rc = exec2(s, "DELETE FROM api_token WHERE user_id = (SELECT id FROM app_user WHERE name = ?1)",
		           name, NULL, e, "cannot revoke the account's tokens");
	return rc;
}

enum err_code store_token_add(struct store *s, long long user_id, const char *token_hash,
                              struct err *e)
{
	char now[32];
	store_now(now);
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "INSERT INTO api_token (token_hash, user_id, created_at) "
	                              "VALUES (?, ?, ?)",
	                           &st, e, "cannot store the token");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, 2, user_id);
	(void)sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	return step_done(s, st, e, "cannot store the token");
}

static void iso_time(long long t, char out[32])
{
	time_t clock = (time_t)t;
	struct tm tm;
	(void)strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&clock, &tm));
}

enum err_code store_session_add(struct store *s, long long user_id, const char *token_hash,
                                long long expires, struct err *e)
{
	char now[32], exp[32];
	store_now(now);
	iso_time(expires, exp);
	sqlite3_stmt *st = NULL;
	enum err_code rc = exec2(s, "DELETE FROM user_session WHERE expires_at < ?1", now, NULL, e,
	                         "cannot drop expired sessions");
	if (rc == ERR_OK)
		rc = prepare(s, "INSERT INTO user_session (token_hash, user_id, created_at, expires_at) "
		                "VALUES (?, ?, ?, ?)",
		             &st, e, "cannot store the session");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, 2, user_id);
	(void)sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 4, exp, -1, SQLITE_TRANSIENT);
	return step_done(s, st, e, "cannot store the session");
}

enum err_code store_session_delete(struct store *s, const char *token_hash, struct err *e)
{
	char now[32];
	store_now(now);
	enum err_code rc = exec2(s, "DELETE FROM user_session WHERE token_hash = ?1 OR expires_at < ?2",
	                         token_hash, now, e, "cannot end the session");
	return rc;
}

enum err_code store_user_by_token(struct store *s, bool session, const char *token_hash,
                                  long long now, struct store_user *out, bool *found,
                                  struct err *e)
{
	sqlite3_stmt *st = NULL;
	char at[32];
	iso_time(now, at);
	*found = false;
	enum err_code rc = prepare(
		s,
		session ? "SELECT " USER_COLS " FROM user_session t JOIN app_user u ON u.id = t.user_id "
		          "WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND u.disabled = 0"
		        : "SELECT " USER_COLS " FROM api_token t JOIN app_user u ON u.id = t.user_id "
		          "WHERE t.token_hash = ?1 AND ?2 IS NOT NULL AND u.disabled = 0",
		&st, e, "cannot check the credentials");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_user(st, out);
		*found = true;
	} else if (step != SQLITE_DONE) {
		rc = store_db_fail(s, e, "cannot check the credentials");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_login_failures(struct store *s, const char *kind, const char *key,
                                   long long since, long *count, long long *oldest, struct err *e)
{
	sqlite3_stmt *st = NULL;
	*count = 0;
	*oldest = 0;
	enum err_code rc = prepare(s, "SELECT count(*), coalesce(min(at), 0) FROM login_failure "
	                              "WHERE kind = ? AND key = ? AND at >= ?",
	                           &st, e, "cannot read the failed logins");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, 3, since);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*count = (long)sqlite3_column_int64(st, 0);
		*oldest = sqlite3_column_int64(st, 1);
	} else {
		rc = store_db_fail(s, e, "cannot read the failed logins");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_login_failure_add(struct store *s, const char *kind, const char *key,
                                      long long at, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "INSERT INTO login_failure (kind, key, at) VALUES (?, ?, ?)",
	                           &st, e, "cannot record the failed login");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, 3, at);
	return step_done(s, st, e, "cannot record the failed login");
}

enum err_code store_login_failures_clear(struct store *s, const char *kind, const char *key,
                                         long long before, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = prepare(s, "DELETE FROM login_failure WHERE (kind = ? AND key = ?) OR at < ?",
	                           &st, e, "cannot clear the failed logins");
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, 3, before);
	return step_done(s, st, e, "cannot clear the failed logins");
}
