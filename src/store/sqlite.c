/*
 * sqlite.c - the SQLite implementation of store.h.
 *
 * Every statement is prepared with bound parameters; only the embedded migration scripts, which
 * take no input, run through sqlite3_exec. Connections use WAL, foreign keys and a busy timeout.
 * Before anything is written the file is checked, through SQLite (never by opening the file
 * ourselves, which would break SQLite's POSIX locks): a readable SQLite file, our application_id,
 * and a schema version this build knows. Only then does the connection switch the
 * file to WAL and migrate it.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/embed.h"
#include "base/mem.h"
#include "catalog/catalog.h"
#include "store/store_int.h"

/* PRAGMA application_id of a Jiqun database: "JQUN". */
#define JIQUN_APP_ID 0x4A51554E
#define BUSY_TIMEOUT_MS 5000

enum err_code store_db_fail(struct store *s, struct err *e, const char *what)
{
	int code = sqlite3_errcode(s->db);
	enum err_code rc = ERR_IO;
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		rc = ERR_CORRUPT;
	else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		rc = ERR_BUSY;
	else if (code == SQLITE_CONSTRAINT)
		rc = ERR_INVALID;
	return err_set(e, rc, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

/* The migrations embedded as "schema/NNN_name.sql", numbered 1..N without gaps. */
static const struct embed_file *migration(int version)
{
	size_t n;
	const struct embed_file *all = embed_all(&n);
	char prefix[32];
	(void)snprintf(prefix, sizeof prefix, "schema/%03d_", version);
	for (size_t i = 0; i < n; i++)
		if (strncmp(all[i].path, prefix, strlen(prefix)) == 0)
			return &all[i];
	return NULL;
}

int store_schema_latest(void)
{
	int v = 0;
	while (migration(v + 1) != NULL)
		v++;
	return v;
}

int store_schema_version(const struct store *s)
{
	return s->version;
}

static enum err_code pragma_int(struct store *s, const char *sql, int *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		rc = store_db_fail(s, e, "cannot read the database");
	else
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static enum err_code check_file(const char *path, enum store_mode mode, bool *exists, struct err *e)
{
	struct stat st;
	*exists = stat(path, &st) == 0;
	if (!*exists) {
		if (errno != ENOENT)
			return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
		if (mode == STORE_OPEN_EXISTING)
			return err_set(e, ERR_NOT_FOUND,
			               "%s: no such database; create it with `jiqun init --db %s`", path, path);
		return ERR_OK;
	}
	if (!S_ISREG(st.st_mode))
		return err_set(e, ERR_IO, "%s: not a database file (it is a directory or device)", path);
	if (access(path, R_OK | W_OK) != 0)
		return err_set(e, ERR_IO, "%s: cannot open the database for reading and writing: %s",
		               path, strerror(errno));
	/*
	 * The file's contents are checked through SQLite only (check_contents): opening and closing
	 * it ourselves would drop the POSIX locks of every SQLite connection this process holds on
	 * it (a server has several), letting another process delete the WAL under them.
	 */
	return ERR_OK;
}

/* Checks that need SQLite but write nothing: our database, readable schema, known version. */
static enum err_code check_contents(struct store *s, struct err *e)
{
	int app_id = 0, tables = 0;
	enum err_code rc = pragma_int(s, "PRAGMA user_version", &s->version, e);
	if (rc == ERR_OK)
		rc = pragma_int(s, "PRAGMA application_id", &app_id, e);
	if (rc == ERR_OK)
		rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, e);
	if (rc != ERR_OK) {
		if (rc == ERR_IO || rc == ERR_CORRUPT)
			(void)err_set(e, ERR_CORRUPT,
			              "%s: not a Jiqun database (not an SQLite file, or damaged); it was left "
			              "untouched",
			              s->path);
		return rc == ERR_IO ? ERR_CORRUPT : rc;
	}
	if (tables > 0 && app_id != JIQUN_APP_ID)
		return err_set(e, ERR_CORRUPT,
		               "%s: an SQLite database of another program, not Jiqun's; it was left untouched",
		               s->path);
	if (s->version > store_schema_latest())
		return err_set(e, ERR_VERSION,
		               "%s: written by a newer Jiqun (schema version %d; this build knows up to %d). "
		               "Upgrade jiqun; the file was left untouched",
		               s->path, s->version, store_schema_latest());
	return ERR_OK;
}

enum err_code store_cache_kib(struct store *s, int kib, struct err *e)
{
	char sql[64];
	(void)snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	return store_exec(s, sql, e, "cannot size the page cache");
}

enum err_code store_exec(struct store *s, const char *sql, struct err *e, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return ERR_OK;
	enum err_code rc = err_set(e, ERR_IO, "%s: %s: %s", s->path, what, msg ? msg : "?");
	sqlite3_free(msg);
	return rc;
}

static enum err_code migrate(struct store *s, struct err *e)
{
	enum err_code rc = ERR_OK;
	int latest = store_schema_latest();
	while (rc == ERR_OK && s->version < latest) {
		const struct embed_file *m = migration(s->version + 1);
		char what[96], pragma[64];
		(void)snprintf(what, sizeof what, "migration %s failed", m->path);
		rc = store_exec(s, "BEGIN IMMEDIATE", e, "cannot start a migration");
		if (rc != ERR_OK)
			break;
		rc = store_exec(s, (const char *)m->data, e, what);
		(void)snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", s->version + 1);
		if (rc == ERR_OK)
			rc = store_exec(s, pragma, e, what);
		if (rc == ERR_OK && s->version == 0) {
			(void)snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", JIQUN_APP_ID);
			rc = store_exec(s, pragma, e, what);
		}
		if (rc == ERR_OK)
			rc = store_exec(s, "COMMIT", e, what);
		if (rc != ERR_OK)
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		else
			s->version++;
	}
	return rc;
}

enum err_code store_open(const char *path, enum store_mode mode, struct store **out, struct err *e)
{
	bool exists;
	struct store *s = NULL;
	*out = NULL;
	enum err_code rc = check_file(path, mode, &exists, e);
	if (rc != ERR_OK)
		return rc;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (exists ? 0 : SQLITE_OPEN_CREATE);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = store_db_fail(s, e, "cannot open the database");
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 0);
	(void)sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	rc = check_contents(s, e);
	/* A new file gets pages of 8 KiB (SQLite's default is 4 KiB): lists have rows of half a
	 * kilobyte and more and are read in scans, and a first load of 1,000,000 enterprises moves
	 * half as many pages through the log (19.0 s -> 16.0 s, make bench). The price is paid by
	 * small writes, which log twice the bytes: the mixed load of bench/http.sh serves ~20% fewer
	 * requests (same p99); 16 KiB gained 0.2 s more on the load and would double that again.
	 * The size must be set before the first write; a file made earlier keeps its own. */
	if (rc == ERR_OK && !exists)
		rc = store_exec(s, "PRAGMA page_size = 8192", e, "cannot configure the database");
	if (rc == ERR_OK)
		rc = store_exec(s, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL",
		                e, "cannot configure the database");
	if (rc == ERR_OK)
		rc = store_cache_kib(s, STORE_CACHE_KIB, e);
	int page = 0;
	if (rc == ERR_OK)
		rc = pragma_int(s, "PRAGMA page_size", &page, e);
	if (rc == ERR_OK) { /* the log goes into the file once it holds 4 MiB, whatever the page size */
		char sql[64];
		(void)snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint = %d",
		               page > 0 ? (4 << 20) / page : 1000);
		rc = store_exec(s, sql, e, "cannot configure the database");
	}
	if (rc == ERR_OK)
		rc = migrate(s, e);
out:
	if (rc != ERR_OK) {
		store_close(s);
		return rc;
	}
	*out = s;
	return ERR_OK;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->writing) /* closed inside a transaction: SQLite would roll it back; so do we */
		store_rollback(s);
	for (size_t i = 0; i < sizeof s->stmts / sizeof s->stmts[0]; i++)
		sqlite3_finalize(s->stmts[i]);
	for (size_t i = 0; i < sizeof s->by_field / sizeof s->by_field[0]; i++)
		sqlite3_finalize(s->by_field[i].st);
	(void)sqlite3_close(s->db);
	free(s->deferred_indexes);
	free(s->path);
	free(s);
}

/* Prepare, bind text parameters (NULL binds SQL NULL), step once to completion. */
static enum err_code run(struct store *s, struct err *e, const char *sql, int n, const char **params,
                         const int *ints, int n_ints)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot prepare a statement");
	for (int i = 0; i < n; i++)
		(void)sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
	for (int i = 0; i < n_ints; i++)
		(void)sqlite3_bind_int(st, n + i + 1, ints[i]);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot write the programme");
	sqlite3_finalize(st);
	return rc;
}

/*
 * The rows other tables refer to. Industry and district ids are global: versions of a programme
 * share the ids of what they did not change (data/catalog/README.md), and the lists refer to
 * industry(id). A row belongs to the programme that stored it first; another version storing the
 * same id leaves it (and its district links) alone, so storing the 2024 version never re-labels
 * the 2022 rows, and adds only the industries that are new in it.
 */
static enum err_code put_rows(struct store *s, const struct programme *p, const char *json,
                              bool builtin, struct err *e)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	(void)strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	const char *prog[] = {p->id, p->name_zh, json, now};
	int flag = builtin;
	enum err_code rc = run(s, e,
	                       "INSERT INTO programme (id, name_zh, document, loaded_at, builtin) "
	                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
	                       "name_zh = excluded.name_zh, document = excluded.document, "
	                       "loaded_at = excluded.loaded_at, builtin = excluded.builtin",
	                       4, prog, &flag, 1);
	for (size_t i = 0; i < p->n_districts && rc == ERR_OK; i++) {
		const struct district *d = &p->districts[i];
		const char *v[] = {d->id, p->id, d->code, d->name_zh, d->short_name, d->kind};
		int seq = (int)i + 1;
		rc = run(s, e,
		         "INSERT INTO district (id, programme_id, code, name_zh, short_name, kind, seq) "
		         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
		         "code = excluded.code, name_zh = excluded.name_zh, "
		         "short_name = excluded.short_name, kind = excluded.kind, seq = excluded.seq "
		         "WHERE district.programme_id = excluded.programme_id",
		         6, v, &seq, 1);
	}
	for (size_t i = 0; i < p->n_industries && rc == ERR_OK; i++) {
		const struct industry *ind = &p->industries[i];
		const char *v[] = {ind->id, p->id, industry_kind_name(ind->kind), ind->name_zh,
		                   tier_name(ind->tier), ind->category};
		rc = run(s, e,
		         "INSERT INTO industry (id, programme_id, kind, name_zh, tier, category, seq) "
		         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
		         "kind = excluded.kind, name_zh = excluded.name_zh, tier = excluded.tier, "
		         "category = excluded.category, seq = excluded.seq "
		         "WHERE industry.programme_id = excluded.programme_id",
		         6, v, &ind->seq, 1);
		/* Links only for industries this programme owns (see put_rows). */
		const char *del[] = {ind->id, p->id};
		if (rc == ERR_OK)
			rc = run(s, e,
			         "DELETE FROM industry_district WHERE industry_id = ?1 AND EXISTS "
			         "(SELECT 1 FROM industry WHERE id = ?1 AND programme_id = ?2)",
			         2, del, NULL, 0);
		for (size_t j = 0; j < ind->districts.n && rc == ERR_OK; j++) {
			const char *link[] = {ind->id, programme_district(p, ind->districts.items[j])->id, p->id};
			rc = run(s, e,
			         "INSERT INTO industry_district (industry_id, district_id) SELECT ?1, ?2 "
			         "WHERE EXISTS (SELECT 1 FROM industry WHERE id = ?1 AND programme_id = ?3)",
			         3, link, NULL, 0);
		}
	}
	return rc;
}

/* The stored document of programme `id` (or the first), as a malloc'd string; NULL if none. */
static enum err_code get_document(struct store *s, const char *id, char **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = ERR_OK;
	*out = NULL;
	/* The default: the built-in default version when stored, else the first one stored. */
	const char *sql = id ? "SELECT document FROM programme WHERE id = ?"
	                     : "SELECT document FROM programme ORDER BY id = ? DESC, rowid LIMIT 1";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the programme");
	(void)sqlite3_bind_text(st, 1, id ? id : CATALOG_DEFAULT_ID, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *doc = (const char *)sqlite3_column_text(st, 0);
		*out = xstrndup(doc ? doc : "", (size_t)sqlite3_column_bytes(st, 0));
	} else if (step != SQLITE_DONE) {
		rc = store_db_fail(s, e, "cannot read the programme");
	}
	sqlite3_finalize(st);
	return rc;
}

enum err_code store_put_programme(struct store *s, const char *json, size_t len, bool builtin,
                                  bool *changed, struct err *e)
{
	struct programme *p = NULL;
	char *old = NULL, *doc = xstrndup(json, len);
	if (changed)
		*changed = false;
	enum err_code rc = catalog_parse(doc, len, "programme document", &p, e);
	if (rc == ERR_OK)
		rc = get_document(s, p->id, &old, e);
	if (rc != ERR_OK || (old && strcmp(old, doc) == 0))
		goto out;
	rc = store_exec(s, "BEGIN IMMEDIATE", e, "cannot start a transaction");
	if (rc != ERR_OK)
		goto out;
	rc = put_rows(s, p, doc, builtin, e);
	if (rc == ERR_OK)
		rc = store_exec(s, "COMMIT", e, "cannot commit the programme");
	if (rc != ERR_OK)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else if (changed)
		*changed = true;
out:
	programme_free(p);
	free(old);
	free(doc);
	return rc;
}

enum err_code store_load_programme(struct store *s, const char *id, struct programme **out,
                                   struct err *e)
{
	char *doc = NULL;
	*out = NULL;
	enum err_code rc = get_document(s, id, &doc, e);
	if (rc != ERR_OK)
		return rc;
	if (doc == NULL) {
		if (id)
			return err_set(e, ERR_NOT_FOUND, "%s: no programme \"%s\"", s->path, id);
		return err_set(e, ERR_NOT_FOUND, "%s: holds no programme; run `jiqun init --db %s`",
		               s->path, s->path);
	}
	{
		char origin[300];
		(void)snprintf(origin, sizeof origin, "%s: stored programme", s->path);
		rc = catalog_parse(doc, strlen(doc), origin, out, e);
	}
	free(doc);
	return rc;
}

/* The time as stored in created_at/updated_at and the audit trail; formatted once per second and
 * thread, as imports write many rows a second. */
void store_now(char out[32])
{
	static _Thread_local time_t last = (time_t)-1;
	static _Thread_local char text[32];
	time_t t = time(NULL);
	if (t != last) {
		struct tm tm;
		(void)strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		last = t;
	}
	memcpy(out, text, sizeof text);
}

enum err_code store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct err *e)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return store_db_fail(s, e, "cannot prepare a statement");
	}
	return ERR_OK;
}

const char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t && t[0] ? (const char *)t : NULL;
}

const char *store_col_str(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && v[0])
		(void)sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		(void)sqlite3_bind_null(st, i);
}
