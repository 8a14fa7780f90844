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
#include "model/indicator.h"
#include "model/plan.h"
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
 * survive; an id another programme (version) stored first stays that programme's row.
 * *changed says whether anything differed from what was stored. All or nothing.
 */
enum err_code store_put_programme(struct store *s, const char *json, size_t len, bool builtin,
                                  bool *changed /* OUT, may be NULL */, struct err *e);

/*
 * Load a programme: the one with `id`, or when `id` is NULL the default: the built-in default
 * version (CATALOG_DEFAULT_ID, the 2022 document) when stored, else the first one stored. *out is
 * a new programme for programme_free. ERR_NOT_FOUND when there is none.
 */
enum err_code store_load_programme(struct store *s, const char *id,
                                   struct programme **out /* OUT */, struct err *e);

/* Transactions around several writes (an import): all or nothing. store_begin also takes the
 * process's write lock (lists.c), released by store_commit or store_rollback (store_commit rolls
 * back when it fails), so a thread must not begin on a second store while it holds a transaction
 * on another: it would wait for itself. */
enum err_code store_begin(struct store *s, struct err *e);
enum err_code store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/*
 * Within a transaction, before loading many records into list l while its table is empty: drop
 * the table's secondary indexes on free text (not those behind its UNIQUE key, nor those on coded
 * values such as a district, which new rows extend at a few places cheaply), so rows go in
 * without updating them one by one. store_commit builds them again, in one sorted pass each, before it commits;
 * store_rollback brings them back with everything else. Lookups by a dropped index's column
 * (store_list_find with a field) scan the table meanwhile.
 */
enum err_code store_list_bulk_begin(struct store *s, const struct list_def *l, struct err *e);
/* Build the indexes store_list_bulk_begin dropped now, before the commit (which then has none
 * to build): for checks that need them, such as store_list_repeats. */
enum err_code store_list_bulk_end(struct store *s, struct err *e);
/*
 * The records of l whose `field` (text) equals that of a record with a smaller id: each(ctx, id,
 * first) with `first` the smallest id of that value, in order of value and then id; each returns
 * non-zero to stop. Fast once the field's index exists (after store_list_bulk_end).
 */
enum err_code store_list_repeats(struct store *s, const struct list_def *l, const char *field,
                                 int (*each)(void *ctx, long long id, long long first), void *ctx,
                                 struct err *e);

/*
 * A scratch set (store/scratch.c): text keys seen during one job, each with a text recorded
 * beside it. It lives in a private temporary database that vanishes when closed, and its memory
 * stays within cache_kib however many keys go in: an import of any size finds the repeats in its
 * file in bounded memory. One thread at a time.
 */
struct store_scratch;
enum err_code store_scratch_open(int cache_kib, struct store_scratch **out /* OUT */, struct err *e);
/* Record `value` under `key`, unless the key is there already: then *prior is a copy of the
 * value recorded first (the caller frees it); else *prior is NULL. */
enum err_code store_scratch_add(struct store_scratch *x, const char *key, const char *value,
                                char **prior /* OUT */, struct err *e);
void store_scratch_close(struct store_scratch *x);

enum store_outcome { STORE_INSERTED, STORE_UPDATED, STORE_UNCHANGED };

/*
 * Write record `rec` of list `l`, matched by its natural key: insert it, update the stored one,
 * or leave it when nothing differs (*outcome says which). `source` names where it came from
 * (a file name, "api", "demo"). rec->id receives the stored id.
 */
enum err_code store_list_put(struct store *s, const struct list_def *l, struct record *rec,
                             const char *source, enum store_outcome *outcome /* OUT */,
                             struct err *e);
/* Insert rec only when its key is not stored: *inserted says whether it was (rec->id then
 * receives the new id); a stored record with the key is left as it is. */
enum err_code store_list_insert(struct store *s, const struct list_def *l, struct record *rec,
                                const char *source, bool *inserted /* OUT */, struct err *e);

/*
 * The stored record whose natural key equals rec's (or, when `field` is not NULL, whose field
 * `field` equals `value`): *found says whether there is one; `out`, when not NULL and found,
 * receives it (record_free it).
 */
enum err_code store_list_find(struct store *s, const struct list_def *l, const char *field,
                              const char *value, const struct record *rec, bool *found /* OUT */,
                              struct record *out /* OUT, may be NULL */, struct err *e);

/* Whether list l has no stored record at all (an import can then skip lookups it tracks itself). */
enum err_code store_list_empty(struct store *s, const struct list_def *l, bool *empty /* OUT */,
                               struct err *e);

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

/* ---- Classification (issue 4; store/classify.c, schema 003) ----
 * Rule sets are versioned: each store_rules_put is a new version (1, 2, ...), and exactly one
 * version is active once any exists. Memberships are the effective result of the last
 * `jiqun classify`: rule memberships of the active set with the manual ones applied. */

struct rule_set;

/* Store `rs` as a new version named `name` from `source` (a file name or "builtin"), with its
 * rules; it becomes active when `activate` is set or when no version is active. *version
 * receives the new version. One transaction. */
enum err_code store_rules_put(struct store *s, const struct rule_set *rs, const char *name,
                              const char *source, bool activate, int *version /* OUT */,
                              struct err *e);

/* Load version `version` (0: the active one) into *out (rules_free it), metadata included.
 * ERR_NOT_FOUND when there is no such version (or none is active). */
enum err_code store_rules_load(struct store *s, int version, struct rule_set **out /* OUT */,
                               struct err *e);

struct rule_set_info {
	int version;
	const char *name, *source, *sha256, *created_at;
	bool active;
	long n_rules, n_class, n_keyword, n_exclude;
};

/* Every version, oldest first; `each` returns 0 to go on. Strings valid during the call. */
enum err_code store_rules_list(struct store *s, int (*each)(void *ctx, const struct rule_set_info *),
                               void *ctx, struct err *e);

/* Make `version` the active one (ERR_NOT_FOUND when there is none). */
enum err_code store_rules_activate(struct store *s, int version, struct err *e);

/* An enterprise as the classifier reads it; strings are NULL when empty, valid during a call. */
struct store_firm {
	long long id;
	const char *uscc, *name, *industry_code, *business_scope, *main_products;
};

/* All enterprises in id order, in one pass; `each` returns 0 to go on. */
enum err_code store_firms_scan(struct store *s, int (*each)(void *ctx, const struct store_firm *),
                               void *ctx, struct err *e);

/* The enterprise with credit code `uscc`, passed to `each` once (ERR_NOT_FOUND when none). */
enum err_code store_firm_get(struct store *s, const char *uscc,
                             int (*each)(void *ctx, const struct store_firm *), void *ctx,
                             struct err *e);

enum membership_source { MEMBER_RULE, MEMBER_MANUAL };

/* One effective membership. rule_set, rule, rule2 are -1 when NULL (manual ones, or no rule2). */
struct member_row {
	long long enterprise;
	const char *industry;
	enum membership_source source;
	long long rule_set, rule, rule2;
};

/* Replace ALL memberships by rows[0..n), in one transaction (all or nothing). */
enum err_code store_members_replace(struct store *s, const struct member_row *rows, size_t n,
                                    struct err *e);

/* Memberships, by enterprise then industry: all (enterprise < 0) or one enterprise's. */
enum err_code store_members_scan(struct store *s, long long enterprise,
                                 int (*each)(void *ctx, const struct member_row *), void *ctx,
                                 struct err *e);

/* A manual membership: include adds the enterprise to the industry, exclude removes it. */
struct manual_row {
	long long enterprise;
	const char *uscc, *name; /* the enterprise's */
	const char *industry;
	bool include;
	const char *note, *created_at; /* note may be NULL */
};

/* Set (insert or replace) the manual membership of enterprise `enterprise` in `industry`.
 * ERR_NOT_FOUND when the enterprise or the industry does not exist. */
enum err_code store_manual_set(struct store *s, long long enterprise, const char *industry,
                               bool include, const char *note, struct err *e);
/* Remove it; ERR_NOT_FOUND when there is none. */
enum err_code store_manual_remove(struct store *s, long long enterprise, const char *industry,
                                  struct err *e);
/* Manual memberships, all (enterprise < 0) or one enterprise's, by enterprise then industry. */
enum err_code store_manual_list(struct store *s, long long enterprise,
                                int (*each)(void *ctx, const struct manual_row *), void *ctx,
                                struct err *e);

/* ---- indicator data (store/indicators.c; schema 004_indicators.sql) ----
 * Values are in the indicator's base unit; periods are canonical labels (period.h); indicators
 * are indices into indicator_defs. Strings passed to callbacks are valid during the call only.
 */

struct store_ind_value {
	long long enterprise; /* enterprise id */
	int indicator;
	char period[16];
	bool cumulative;      /* January..the period's last month (1-N月累计) */
	double value;         /* base unit */
	char unit[24];        /* as the file gave it */
};

/* Write enterprise-level values, replacing those with the same enterprise, indicator, period and
 * basis. Call between store_begin and store_commit (an import is all or nothing). */
enum err_code store_ind_put_values(struct store *s, const struct store_ind_value *v, size_t n,
                                   const char *source, struct err *e);

struct store_ind_published {
	const char *level;    /* programme, category, industry, district, city */
	const char *key;      /* industry, category or district id; "" for programme and city */
	int indicator;
	const char *period;
	bool cumulative;
	double value;         /* base unit */
	const char *unit;     /* as given */
	double growth_pct;    /* as published; NAN when not given */
	const char *source;   /* the publisher */
	const char *file;
};

/* Write published aggregates, replacing those with the same level, key, indicator, period and
 * basis. Call between store_begin and store_commit. */
enum err_code store_ind_put_published(struct store *s, const struct store_ind_published *p,
                                      size_t n, struct err *e);

/* The enterprise id of each credit code: ids[i] receives it, or 0 when it is not in the list. */
enum err_code store_enterprise_ids(struct store *s, const char *const *uscc, size_t n,
                                   long long *ids /* OUT [n] */, struct err *e);

/* Every enterprise in id order with its district id. */
enum err_code store_ind_enterprises(struct store *s,
                                    int (*each)(void *ctx, long long id, const char *district),
                                    void *ctx, struct err *e);

struct store_ind_fact {
	long long enterprise;
	int indicator;        /* -1 for an id this build does not know */
	const char *period;
	bool cumulative;
	double value;
};

/* Every enterprise-level value ordered by enterprise, then indicator: one prepared SELECT over
 * the table's key order, nothing allocated per row. `each` returns 0 to go on. */
enum err_code store_ind_facts(struct store *s, int (*each)(void *ctx, const struct store_ind_fact *f),
                              void *ctx, struct err *e);

/* Every published aggregate ordered by level, key, indicator, period. */
enum err_code store_ind_published(struct store *s,
                                  int (*each)(void *ctx, const struct store_ind_published *p),
                                  void *ctx, struct err *e);

struct store_ind_computed {
	const char *period, *level, *key, *district; /* district "" for all */
	int indicator;
	double value, growth_pct, share_pct, share_gdp_pct, lq, contribution_pp; /* NAN: none */
	long n_ent;
	bool strong;
	const char *computed_at; /* when read */
	int rule_set;            /* when read; -1 none */
};

/* Replace every computed figure with these `n`, in one transaction. */
enum err_code store_ind_computed_replace(struct store *s, const struct store_ind_computed *c,
                                         size_t n, int rule_set, struct err *e);

/* Computed figures of one period (NULL: all) in key order. */
enum err_code store_ind_computed_read(struct store *s, const char *period,
                                      int (*each)(void *ctx, const struct store_ind_computed *c),
                                      void *ctx, struct err *e);

/* The distinct (period, indicator) pairs with computed or published figures, in period order of
 * their labels; `computed` and `published` say which. */
enum err_code store_ind_periods(struct store *s,
                                int (*each)(void *ctx, const char *period, int indicator,
                                            bool computed, bool published),
                                void *ctx, struct err *e);

/* ---- plans: targets at three levels, each level versioned (src/store/plans.c) ---- */

struct plan_version_info {
	enum plan_level level;
	int version;           /* 1, 2, ... per level */
	char source[256];      /* the file it was imported from */
	char imported_at[32];  /* "YYYY-MM-DDTHH:MM:SSZ" */
	long targets;
};

/*
 * Store t[0..n) (each of level `level`) as the next version of that level; older versions are
 * kept. *version receives the new number. Run it between store_begin and store_commit to add
 * several levels all or nothing. ERR_INVALID when two targets are the same.
 */
enum err_code store_plan_add_version(struct store *s, enum plan_level level,
                                     const struct plan_target *t, size_t n, const char *source,
                                     int *version /* OUT */, struct err *e);

/* Every stored version, by level then version, passed to `each` (0 to go on). */
enum err_code store_plan_versions(struct store *s,
                                  int (*each)(void *ctx, const struct plan_version_info *v),
                                  void *ctx, struct err *e);

/*
 * The targets of `version` of `level` (0: the latest), in the order imported, passed to `each`.
 * *version_out receives the version read; ERR_NOT_FOUND when the level has no such version.
 */
enum err_code store_plan_targets(struct store *s, enum plan_level level, int version,
                                 int (*each)(void *ctx, const struct plan_target *t), void *ctx,
                                 int *version_out /* OUT */, struct err *e);

/* ---- accounts, sessions, tokens, login throttling, review queue, audit trail
 * (store/users.c, store/audit.c; schema 008_auth.sql) ----
 * Secrets never reach the store: callers pass password hashes (argon2id strings) and token
 * hashes (sha256 hex). Times are "YYYY-MM-DDTHH:MM:SSZ" (UTC) unless said otherwise.
 * Strings passed to callbacks are valid during the call only. */

struct store_user {
	long long id;
	char name[64];
	char role[24];        /* auth_role_name */
	char district[32];    /* "" when none */
	char industries[256]; /* ids joined by ',', "" when none */
	bool disabled, has_password;
	char created_at[32], updated_at[32];
};

/* Add an account; ERR_INVALID when the name is taken. password_hash may be NULL. */
enum err_code store_user_add(struct store *s, const struct store_user *u, const char *password_hash,
                             long long *id /* OUT, may be NULL */, struct err *e);
/* The account called `name`; ERR_NOT_FOUND when none. `hash` (may be NULL) receives its password
 * hash ("" when none). */
enum err_code store_user_get(struct store *s, const char *name, struct store_user *out /* OUT */,
                             char *hash, size_t hash_size, struct err *e);
/* Every account by name. */
enum err_code store_user_list(struct store *s, int (*each)(void *ctx, const struct store_user *u),
                              void *ctx, struct err *e);
/* Replace the password hash of `name`; ERR_NOT_FOUND when none. */
enum err_code store_user_set_password(struct store *s, const char *name, const char *hash,
                                      struct err *e);
/* Disable (or enable) `name`; disabling also ends its sessions and revokes its API tokens. */
enum err_code store_user_set_disabled(struct store *s, const char *name, bool disabled,
                                      struct err *e);

/* Keep a new API token's or session's hash for user `user_id`; a session expires at
 * `expires` (Unix seconds), a token never (until its user is disabled). */
enum err_code store_token_add(struct store *s, long long user_id, const char *token_hash,
                              struct err *e);
enum err_code store_session_add(struct store *s, long long user_id, const char *token_hash,
                                long long expires, struct err *e);
/* End the session with this hash (nothing when there is none); also drops expired sessions. */
enum err_code store_session_delete(struct store *s, const char *token_hash, struct err *e);
/* The enabled user holding the session (session true, not expired at `now`) or API token with
 * hash `token_hash`: *found says whether there is one. */
enum err_code store_user_by_token(struct store *s, bool session, const char *token_hash,
                                  long long now, struct store_user *out /* OUT */,
                                  bool *found /* OUT */, struct err *e);

/* Failed logins of `kind` ("user" or "addr") and `key` since `since` (Unix seconds): how many and
 * when the oldest of them was (0 when none). */
enum err_code store_login_failures(struct store *s, const char *kind, const char *key,
                                   long long since, long *count /* OUT */,
                                   long long *oldest /* OUT */, struct err *e);
enum err_code store_login_failure_add(struct store *s, const char *kind, const char *key,
                                      long long at, struct err *e);
/* Forget the failures of `kind` and `key` (after a successful login), and any before `before`. */
enum err_code store_login_failures_clear(struct store *s, const char *kind, const char *key,
                                         long long before, struct err *e);

/* Whether district editors' changes to `list` wait for review (default: enterprises, projects). */
enum err_code store_review_required(struct store *s, const char *list, bool *on /* OUT */,
                                    struct err *e);
enum err_code store_review_set(struct store *s, const char *list, bool on, struct err *e);

/* A change waiting for (or past) review. before/after are JSON objects or NULL. */
struct store_pending {
	long long id;
	const char *list, *action; /* create, update, delete */
	long long record_id;       /* 0 for a new record */
	const char *record_key, *before, *after, *submitted_by, *submitted_at;
	const char *status;        /* pending, approved, rejected */
	const char *decided_by, *decided_at, *comment; /* NULL until decided */
};

/* Queue a change (status pending, submitted now); *id receives its id. */
enum err_code store_pending_add(struct store *s, const struct store_pending *p,
                                long long *id /* OUT */, struct err *e);
/* Changes with `status` (NULL: all) and, when `submitted_by` is not NULL, by that user; or only
 * the one with `id` when id > 0. Newest first. */
enum err_code store_pending_scan(struct store *s, long long id, const char *status,
                                 const char *submitted_by,
                                 int (*each)(void *ctx, const struct store_pending *p), void *ctx,
                                 struct err *e);
/* Decide a pending change: status "approved" or "rejected"; ERR_INVALID when it is not pending. */
enum err_code store_pending_decide(struct store *s, long long id, const char *status,
                                   const char *decided_by, const char *comment, struct err *e);

/* One entry of the audit trail. */
struct store_audit {
	long long id;
	const char *at;            /* NULL when adding: now */
	const char *user, *role, *via, *action, *list;
	long long record_id;       /* 0: none */
	const char *record_key, *before, *after, *comment; /* may be NULL */
};

/* Append an entry (the trail is append-only: there is no update or delete). */
enum err_code store_audit_add(struct store *s, const struct store_audit *a, struct err *e);

struct store_audit_filter {
	const char *user;  /* exact account name, or NULL */
	const char *list;  /* exact list or entity, or NULL */
	const char *since; /* entries at or after this time or date ("2026-11-01"), or NULL */
	long limit;        /* < 0: all */
	long offset;
};

/* Entries matching `f`, newest first; *total receives the number before limit and offset. */
enum err_code store_audit_query(struct store *s, const struct store_audit_filter *f,
                                int (*each)(void *ctx, const struct store_audit *a), void *ctx,
                                long *total /* OUT, may be NULL */, struct err *e);

/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
void store_now(char out[32]);

/* ---- chain maps (issue 7; store/chains.c, schema 009_chains.sql) ----
 * Strings passed to callbacks are valid during the call only; NULL for empty columns. */

struct store_chain_node {
	const char *id, *industry, *name;
	const char *stage;   /* upstream, midstream, downstream */
	const char *parent;  /* NULL at the top */
	bool critical;
	const char *keywords, *industry_codes; /* joined by '|', "" when none */
	const char *basis, *source;
};

/* Replace the nodes of the industries inds[0..n_inds) by nodes[0..n) (their order is kept), in
 * one transaction. The caller has checked the map (parents, cycles, ids). ERR_BUSY when a node id
 * is used by another industry's map. */
enum err_code store_chain_replace(struct store *s, const char *const *inds, size_t n_inds,
                                  const struct store_chain_node *nodes, size_t n,
                                  struct err *e);

/* The nodes of `industry` (NULL: of all industries, by industry then order). */
enum err_code store_chain_nodes(struct store *s, const char *industry,
                                int (*each)(void *ctx, const struct store_chain_node *n),
                                void *ctx, struct err *e);

/* A threshold setting (chain_setting): *found says whether it is set. */
enum err_code store_chain_setting(struct store *s, const char *key, double *value /* OUT */,
                                  bool *found /* OUT */, struct err *e);
enum err_code store_chain_setting_put(struct store *s, const char *key, double value,
                                      struct err *e);

/* A candidate enterprise outside the city; flags are -1 when unknown, revenue NAN. */
struct store_chain_candidate {
	long long id;
	const char *name, *uscc, *city, *industry, *industry_code, *business_scope, *main_products;
	const char *size, *zjtx, *listed_board, *ticker, *note, *source;
	int single_champion, unicorn, high_tech;
	double revenue; /* yuan */
};

/* Insert or update (by name) candidates c[0..n), all or nothing. */
enum err_code store_chain_candidates_put(struct store *s, const struct store_chain_candidate *c,
                                         size_t n, struct err *e);
/* Every candidate, by name. */
enum err_code store_chain_candidates(struct store *s,
                                     int (*each)(void *ctx, const struct store_chain_candidate *c),
                                     void *ctx, struct err *e);

struct store_chain_supply {
	const char *buyer_uscc, *supplier_name, *supplier_uscc, *supplier_city, *node, *source;
	double amount; /* yuan */
};

/* Insert or update (by buyer, supplier name and node) relations r[0..n), all or nothing. */
enum err_code store_chain_supply_put(struct store *s, const struct store_chain_supply *r, size_t n,
                                     struct err *e);
/* Every relation, by node. */
enum err_code store_chain_supplies(struct store *s,
                                   int (*each)(void *ctx, const struct store_chain_supply *r),
                                   void *ctx, struct err *e);

/* ---- reports: snapshots of a report's inputs and world-trend briefs (src/store/reports.c) ---- */

struct store_snapshot {
	long long id;       /* 1, 2, ... in the order taken */
	char period[16];    /* "2025H1" */
	char taken_at[32];  /* "YYYY-MM-DDTHH:MM:SSZ" */
	char sha256[65];    /* of the uncompressed JSON, lower-case hex */
	long long size;     /* uncompressed bytes */
	unsigned char *data; /* the compressed bytes (store_snapshot_get only; caller frees) */
	size_t n_data;
};

/* Store a snapshot (compressed bytes as given); *id receives its id. */
enum err_code store_snapshot_put(struct store *s, const char *period, const char *taken_at,
                                 const char *sha256, long long size, const void *data,
                                 size_t n_data, long long *id /* OUT */, struct err *e);
/*
 * One snapshot with its data (the caller frees out->data): `id` > 0 that one; else the latest
 * of `period` with an id below `before` (0: any). ERR_NOT_FOUND when there is none.
 */
enum err_code store_snapshot_get(struct store *s, long long id, const char *period,
                                 long long before, struct store_snapshot *out /* OUT */,
                                 struct err *e);
/* Every snapshot without its data, oldest first, passed to `each` (0 to go on). */
enum err_code store_snapshot_list(struct store *s,
                                  int (*each)(void *ctx, const struct store_snapshot *x),
                                  void *ctx, struct err *e);

/* Add or replace the brief of (industry, period). */
enum err_code store_brief_put(struct store *s, const char *industry, const char *period,
                              const char *text, const char *file, struct err *e);
/* Briefs of `period` (NULL: all) by period then industry id, passed to `each` (0 to go on). */
enum err_code store_brief_list(struct store *s, const char *period,
                               int (*each)(void *ctx, const char *industry, const char *period,
                                           const char *text, const char *file,
                                           const char *added_at),
                               void *ctx, struct err *e);

#endif
