/*
 * scratch.c - sets of keys seen during one job, kept on disk; see store.h.
 *
 * One private temporary SQLite database per set (SQLite deletes its file when it is closed),
 * written in one transaction that is never committed: pages stay in the cache until it is full
 * and then go to the file, so memory is the cache's size whatever the number of keys.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"
#include "store/store_int.h"

struct store_scratch {
	sqlite3 *db;
	sqlite3_stmt *add, *get;
};

static enum err_code fail(struct store_scratch *x, struct err *e)
{
	return err_set(e, ERR_IO,
	               "临时文件读写失败，请检查临时目录（TMPDIR，默认 /var/tmp 或 /tmp）的空间与权限 "
	               "(scratch database; check space and permissions of the temporary directory): %s",
	               x->db ? sqlite3_errmsg(x->db) : "out of memory");
}

enum err_code store_scratch_open(int cache_kib, struct store_scratch **out, struct err *e)
{
	struct store_scratch *x = xcalloc(1, sizeof *x);
	char sql[512];
	(void)snprintf(sql, sizeof sql,
	               "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -%d; "
	               "CREATE TABLE seen (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID; "
	               "BEGIN",
	               cache_kib > 0 ? cache_kib : 1024);
	enum err_code rc = ERR_OK;
	if (sqlite3_open_v2("", &x->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK ||
	    sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(x->db, "INSERT INTO seen VALUES (?1, ?2) ON CONFLICT DO NOTHING", -1,
	                       &x->add, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(x->db, "SELECT v FROM seen WHERE k = ?1", -1, &x->get, NULL) != SQLITE_OK)
		rc = fail(x, e);
	if (rc != ERR_OK) {
		store_scratch_close(x);
		return rc;
	}
	*out = x;
	return ERR_OK;
}

enum err_code store_scratch_add(struct store_scratch *x, const char *key, const char *value,
                                char **prior, struct err *e)
{
	*prior = NULL;
	(void)sqlite3_bind_text(x->add, 1, key, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(x->add, 2, value, -1, SQLITE_STATIC);
	int step = sqlite3_step(x->add);
	(void)sqlite3_reset(x->add);
	if (step != SQLITE_DONE)
		return fail(x, e);
	if (sqlite3_changes(x->db) > 0)
		return ERR_OK;
	(void)sqlite3_bind_text(x->get, 1, key, -1, SQLITE_STATIC);
	step = sqlite3_step(x->get);
	if (step == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(x->get, 0);
		*prior = xstrdup(v ? (const char *)v : "");
	}
	(void)sqlite3_reset(x->get);
	return step == SQLITE_ROW ? ERR_OK : fail(x, e);
}

void store_scratch_close(struct store_scratch *x)
{
	if (x == NULL)
		return;
	sqlite3_finalize(x->add);
	sqlite3_finalize(x->get);
	(void)sqlite3_close(x->db); /* the transaction and the file go with it */
	free(x);
}
