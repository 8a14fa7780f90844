/*
 * store.h - the one interface to persistence.
 *
 * A store is one database: today an SQLite file (store/sqlite.c), later PostgreSQL. Callers never
 * see SQL. Opening checks that the file is a Jiqun database this build understands and brings its
 * schema up to date with the numbered migrations in store/schema/ (embedded in the binary), each in
 * its own transaction. A file that is not SQLite, is damaged, or was written by a newer Jiqun is
 * refused with a message naming it, and is not modified.
 *
 * A struct store is used by one thread at a time; a server opens one per worker thread.
 */
#ifndef JIQUN_STORE_STORE_H
#define JIQUN_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "model/programme.h"

struct store;

enum store_mode {
	STORE_OPEN_EXISTING, /* fail with ERR_NOT_FOUND if the file does not exist */
	STORE_OPEN_CREATE    /* create an empty database if it does not exist */
};

/*
 * Open (and migrate) the database at `path`. On success *out is a new handle for store_close.
 * Errors: ERR_NOT_FOUND (missing, EXISTING mode), ERR_IO (unreadable, a directory, read-only),
 * ERR_CORRUPT (not SQLite, damaged, or another program's database), ERR_VERSION (newer schema),
 * ERR_BUSY (locked by another process beyond the busy timeout).
 */
enum err_code store_open(const char *path, enum store_mode mode, struct store **out /* OUT */,
                         struct err *e);
void store_close(struct store *s);

/* The schema version of the open database, and the newest this build knows. */
int store_schema_version(const struct store *s);
int store_schema_latest(void);

/*
 * Store a programme document (JSON, validated by catalog_parse first), replacing the one with the
 * same id. Industries and districts are upserted, never deleted, so records that refer to them
 * survive. *changed says whether anything differed from what was stored. All or nothing.
 */
enum err_code store_put_programme(struct store *s, const char *json, size_t len, bool builtin,
                                  bool *changed /* OUT, may be NULL */, struct err *e);

/*
 * Load a programme: the one with `id`, or when `id` is NULL the first one stored. *out is a new
 * programme for programme_free. ERR_NOT_FOUND when there is none.
 */
enum err_code store_load_programme(struct store *s, const char *id,
                                   struct programme **out /* OUT */, struct err *e);

#endif
