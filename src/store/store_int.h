/*
 * store_int.h - what the SQLite files of store/ share: the handle's insides and two helpers.
 * Not for use outside src/store/.
 */
#ifndef JIQUN_STORE_STORE_INT_H
#define JIQUN_STORE_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* The page cache of a connection, in KiB: imports touch indexes at random. The indexes a first
 * load builds at its end are sorted in STORE_SORT_KIB (SQLite's sorter may otherwise take as much
 * as the cache, and does for a large table) and spill to temporary files beyond it. */
#define STORE_CACHE_KIB 65536
#define STORE_SORT_KIB 16384

/* Prepared statements kept per list: select-by-key, insert, update, get-by-id, delete. */
enum { STMT_KEY, STMT_INSERT, STMT_UPDATE, STMT_GET, STMT_DELETE, STMT_KINDS };
#define STORE_MAX_LISTS 16

struct store {
	sqlite3 *db;
	char *path;
	int version;
	sqlite3_stmt *stmts[STORE_MAX_LISTS * STMT_KINDS]; /* finalized by store_close */
	/* Lookups by one field (store_list_find with a field), prepared once each. */
	struct {
		const void *list;
		char field[32];
		sqlite3_stmt *st;
	} by_field[8];
	/* CREATE INDEX statements store_list_bulk_begin dropped; store_commit runs them (malloc'd). */
	char *deferred_indexes;
	/* store_begin took the process's write lock for this connection (lists.c). */
	bool writing;
};

/* Record SQLite's error as e's message (with the file and `what`), mapped to an error code. */
enum err_code store_db_fail(struct store *s, struct err *e, const char *what);
/* Run static SQL without parameters (migrations, BEGIN/COMMIT). */
enum err_code store_exec(struct store *s, const char *sql, struct err *e, const char *what);
/* Set the page cache (and so the sorter's memory) to `kib` KiB. */
enum err_code store_cache_kib(struct store *s, int kib, struct err *e);

/* What every store file shares (sqlite.c). store_prepare: *st, or NULL and store_db_fail's error.
 * store_col_text: a column's text, NULL when it is NULL or ""; store_col_str: its text, "" when
 * NULL. store_bind_text: `v`, or NULL when `v` is NULL or "" (a copy is bound). */
enum err_code store_prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct err *e);
const char *store_col_text(sqlite3_stmt *st, int i);
const char *store_col_str(sqlite3_stmt *st, int i);
void store_bind_text(sqlite3_stmt *st, int i, const char *v);

#endif
