/*
 * change.h - the one way a record of a list is changed on someone's behalf, from the API and
 * from review decisions: ask authz_check (auth/), then either apply the change together with its
 * audit entry in one transaction, or, for a district editor on a list whose review setting is on,
 * queue it for a city admin (store's pending_change) with an audit entry saying so. Also the
 * audit entries of writes that are not one record (imports, accounts, settings), and records as
 * JSON for the trail and the queue.
 *
 * Not for: checking a record's fields (lists/, exchange_check_stored), HTTP (http/).
 * Ownership: JSON values returned are new references (json_decref them). Uses the caller's
 * store; one thread at a time per store.
 */
#ifndef JIQUN_CHANGE_CHANGE_H
#define JIQUN_CHANGE_CHANGE_H

#include <jansson.h>
#include <stdbool.h>

#include "auth/auth.h"
#include "exchange/exchange.h"
#include "lists/lists.h"
#include "store/store.h"

/*
 * A record's fields as a JSON object keyed by field name (what the API sends): text as strings,
 * amounts in yuan and other numbers as numbers, booleans, industries as arrays of ids, null for
 * empty fields. No id, no source.
 */
json_t *change_record_json(const struct list_def *l, const struct record *r);

/* The reverse of change_record_json (for changes that waited for review): *out is initialised
 * for `l` (record_free it). ERR_CORRUPT when `o` does not have that shape. */
enum err_code change_json_record(const struct list_def *l, json_t *o, struct record *out /* OUT */,
                                 struct err *e);

/* A record's natural key for people: the key fields' values joined by " / ". malloc'd. */
char *change_record_key(const struct list_def *l, const struct record *r);

struct change_result {
	bool queued;  /* waiting for review: `id` is the pending change's id */
	long long id; /* the record's id (a deleted record's former id), or the pending change's */
};

/*
 * Create (`id` 0), update (record `id`) or delete (`after` NULL) a record of `l` for `p`, with
 * `source` recorded on the record. The record as stored before is read here (ERR_NOT_FOUND when
 * record `id` does not exist). ERR_UNAUTHENTICATED / ERR_FORBIDDEN when authz_check says no
 * (nothing written); otherwise one audit entry is written with the change, in one transaction.
 * The caller has checked `after`'s fields and that its key does not collide with another record.
 */
enum err_code change_apply(struct store *s, const struct principal *p, enum authz_action action,
                           const struct list_def *l, long long id, struct record *after,
                           const char *source, struct change_result *out /* OUT */,
                           struct err *e);

/*
 * Approve (apply, as `p`, checked again against what is stored now) or reject a pending change,
 * with `comment` (required to reject). ERR_FORBIDDEN unless `p` may review; ERR_NOT_FOUND for
 * an unknown id; ERR_INVALID when it was already decided or the record changed since it was
 * submitted (reject it and submit again). One audit entry, in one transaction with the change.
 */
enum err_code change_decide(struct store *s, const struct list_ctx *ctx, const struct principal *p,
                            long long pending_id, bool approve, const char *comment,
                            struct change_result *out /* OUT */, struct err *e);

/*
 * For a writer that creates records of `l` itself, inside its own transaction (the chain map's
 * suggested leads, added several at once, all or nothing): change_may_create asks authz_check
 * whether `p` may create `after` (ERR_UNAUTHENTICATED / ERR_FORBIDDEN otherwise, with the reason;
 * a creation that would wait for review is refused too: such a change goes through the list one
 * record at a time), and change_created writes its audit entry once the record is stored.
 */
enum err_code change_may_create(struct store *s, const struct principal *p,
                                const struct list_def *l, const struct record *after,
                                struct err *e);
enum err_code change_created(struct store *s, const struct principal *p, const struct list_def *l,
                             const struct record *r, const char *comment, struct err *e);

/*
 * An audit entry for a write that is not one record's change: `action` ("import", "user-add",
 * ...) on `entity` (a list, "indicators", "plans", "users", "review-settings"), with an optional
 * key and before / after JSON (borrowed). Runs in the caller's transaction, if any.
 */
enum err_code change_audit(struct store *s, const struct principal *p, const char *action,
                           const char *entity, long long record_id, const char *key,
                           json_t *before, json_t *after, const char *comment, struct err *e);

/*
 * Hooks for exchange_import (struct import_opts: row_check, before_commit, hook_ctx) that make an
 * import of list `l` for `p` ask authz_check about each row (a refused row is reported like a
 * bad row: all or nothing) and write one audit entry (file, counts) in the import's
 * transaction. A district editor's rows for a list under review are refused: those changes go
 * through the dashboard one record at a time. Set c's fields, then change_import_hooks(&opts, c).
 */
struct change_import {
	struct store *s;
	const struct principal *p;
	const struct list_def *l;  /* NULL for indicators */
	const char *entity;        /* audit entity: the list's name, or "indicators" */
	bool review;               /* filled by change_import_hooks: the list's review setting */
};
enum err_code change_import_hooks(struct import_opts *o, struct change_import *c, struct err *e);

/*
 * Write the audit entries matching `f` (newest first) to `path` as CSV (UTF-8 with BOM) or XLSX,
 * with Chinese headers: 编号, 时间, 用户, 角色, 方式, 操作, 对象, 记录编号, 主键, 修改前, 修改后,
 * 说明. *rows receives the number of entries written.
 */
enum err_code change_audit_export(struct store *s, const struct store_audit_filter *f,
                                  enum exchange_format format, const char *path,
                                  long *rows /* OUT */, struct err *e);

#endif
