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
#include "lists/lists.h"
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

/* Transactions around several writes (an import): all or nothing. */
enum err_code store_begin(struct store *s, struct err *e);
enum err_code store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

enum store_outcome { STORE_INSERTED, STORE_UPDATED, STORE_UNCHANGED };

/*
 * Write record `rec` of list `l`, matched by its natural key: insert it, update the stored one,
 * or leave it when nothing differs (*outcome says which). `source` names where it came from
 * (a file name, "api", "demo"). rec->id receives the stored id.
 */
enum err_code store_list_put(struct store *s, const struct list_def *l, struct record *rec,
                             const char *source, enum store_outcome *outcome /* OUT */,
                             struct err *e);

/*
 * The stored record whose natural key equals rec's (or, when `field` is not NULL, whose field
 * `field` equals `value`): *found says whether there is one; `out`, when not NULL and found,
 * receives it (record_free it).
 */
enum err_code store_list_find(struct store *s, const struct list_def *l, const char *field,
                              const char *value, const struct record *rec, bool *found /* OUT */,
                              struct record *out /* OUT, may be NULL */, struct err *e);

struct list_query {
	const char *industry; /* industry id, or NULL */
	const char *district; /* district id, or NULL */
	const char *text;     /* substring of the record's names, or NULL */
	const char *sort;     /* a field name (validated), NULL for stored order */
	bool desc;
	long limit;           /* < 0: all */
	long offset;
};

/*
 * Records of list `l` matching `q`, in order, each passed to `each` (which returns 0 to go on).
 * *total receives the number of matches before limit and offset. The record passed to `each` is
 * valid only during the call.
 */
enum err_code store_list_query(struct store *s, const struct list_def *l, const struct list_query *q,
                               int (*each)(void *ctx, const struct record *rec), void *ctx,
                               long *total /* OUT */, struct err *e);

/* Replace the fields of the stored record rec->id with rec's; ERR_NOT_FOUND when none. */
enum err_code store_list_update(struct store *s, const struct list_def *l, const struct record *rec,
                                const char *source, struct err *e);

/* The record with `id`; ERR_NOT_FOUND when none. */
enum err_code store_list_get(struct store *s, const struct list_def *l, long long id,
                             struct record *out /* OUT */, struct err *e);
/* Delete the record with `id`; ERR_NOT_FOUND when none, ERR_INVALID when others refer to it. */
enum err_code store_list_delete(struct store *s, const struct list_def *l, long long id,
                                struct err *e);

/*
 * Stale records of one industry: for each list that records an industry (industry or
 * industries column), how many of `industry`'s records were last written before `cutoff`
 * ("YYYY-MM-DD", UTC) and the oldest write ("YYYY-MM-DDTHH:MM:SSZ"); calls `each` for lists with
 * at least one, in the order of lists_all.
 */
enum err_code store_list_stale(struct store *s, const char *industry, const char *cutoff,
                               int (*each)(void *ctx, const char *list, long count,
                                           const char *oldest),
                               void *ctx, struct err *e);

/* The number of records of each list per industry, for the completeness matrix: calls `each`
 * with (list, industry id, role or type or NULL, count) for every non-zero group. */
enum err_code store_list_counts(struct store *s,
                                int (*each)(void *ctx, const char *list, const char *industry,
                                            const char *kind, long count),
                                void *ctx, struct err *e);

#endif
