/*
 * lists.c - storing and querying the programme's lists (store.h's store_list_*), for any list
 * described in src/lists/lists.c. SQL text is built from the list's field names, which are
 * compile-time constants; every value is bound. The statements each list needs again and again
 * (find by key, insert, update, get, delete) are prepared once per connection and cached.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/mem.h"
#include "store/store_int.h"

static int list_slot(const struct list_def *l)
{
	for (int i = 0; lists_all[i]; i++)
		if (lists_all[i] == l)
			return i;
	return -1;
}

/* "f1, f2, ..." */
static void field_names(struct buf *b, const struct list_def *l)
{
	for (size_t i = 0; i < l->n_fields; i++)
		(void)buf_printf(b, "%s%s", i ? ", " : "", l->fields[i].name);
}

static void build_sql(struct buf *b, const struct list_def *l, int kind)
{
	switch (kind) {
	case STMT_KEY:
	case STMT_GET: {
		(void)buf_puts(b, "SELECT id, ");
		field_names(b, l);
		(void)buf_printf(b, ", source FROM %s WHERE ", l->table);
		if (kind == STMT_GET) {
			(void)buf_puts(b, "id = ?");
			break;
		}
		bool first = true;
		for (size_t i = 0; i < l->n_fields; i++)
			if (l->fields[i].key) {
				(void)buf_printf(b, "%s%s = ?", first ? "" : " AND ", l->fields[i].name);
				first = false;
			}
		break;
	}
	case STMT_INSERT:
		(void)buf_printf(b, "INSERT INTO %s (", l->table);
		field_names(b, l);
		(void)buf_puts(b, ", source, created_at, updated_at) VALUES (");
		for (size_t i = 0; i < l->n_fields + 3; i++)
			(void)buf_puts(b, i ? ", ?" : "?");
		/* A stored key makes the insert a no-op (store_list_put then compares and updates).
		 * The target must be the key's UNIQUE constraint, or preparing fails. */
		(void)buf_puts(b, ") ON CONFLICT (");
		for (size_t i = 0, n = 0; i < l->n_fields; i++)
			if (l->fields[i].key)
				(void)buf_printf(b, "%s%s", n++ ? ", " : "", l->fields[i].name);
		(void)buf_puts(b, ") DO NOTHING");
		break;
	case STMT_UPDATE:
		(void)buf_printf(b, "UPDATE %s SET ", l->table);
		for (size_t i = 0; i < l->n_fields; i++)
			(void)buf_printf(b, "%s = ?, ", l->fields[i].name);
		(void)buf_puts(b, "source = ?, updated_at = ? WHERE id = ?");
		break;
	case STMT_DELETE:
		(void)buf_printf(b, "DELETE FROM %s WHERE id = ?", l->table);
		break;
	default:
		break;
	}
}

/* The cached statement `kind` of list `l`, reset and unbound. */
static enum err_code stmt(struct store *s, const struct list_def *l, int kind, sqlite3_stmt **out,
                          struct err *e)
{
	int slot = list_slot(l);
	if (slot < 0 || slot >= STORE_MAX_LISTS)
		return err_set(e, ERR_INTERNAL, "list %s is not registered", l->name);
	sqlite3_stmt **st = &s->stmts[slot * STMT_KINDS + kind];
	if (*st == NULL) {
		struct buf sql;
		buf_init(&sql, BUF_NO_CAP);
		build_sql(&sql, l, kind);
		int rc = sqlite3_prepare_v3(s->db, buf_str(&sql), -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
		buf_free(&sql);
		if (rc != SQLITE_OK)
			return store_db_fail(s, e, "cannot prepare a statement");
	}
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	*out = *st;
	return ERR_OK;
}

static bool is_number(const struct field_def *f)
{
	return f->type == FT_INT || f->type == FT_AMOUNT || f->type == FT_BOOL ||
	       f->type == FT_DECIMAL;
}

static void bind_value(sqlite3_stmt *st, int idx, const struct field_def *f, const struct value *v)
{
	if (v->null)
		(void)sqlite3_bind_null(st, idx);
	else if (f->type == FT_AMOUNT || f->type == FT_DECIMAL)
		(void)sqlite3_bind_double(st, idx, v->num);
	else if (is_number(f))
		(void)sqlite3_bind_int64(st, idx, (sqlite3_int64)v->num);
	else /* the record outlives the step: every caller steps and resets before returning */
		(void)sqlite3_bind_text(st, idx, v->text, -1, SQLITE_STATIC);
}

/* Bind rec's fields to parameters 1..n in field order; returns n. */
static int bind_fields(sqlite3_stmt *st, const struct list_def *l, const struct record *rec)
{
	int n = (int)l->n_fields;
	for (int i = 0; i < n; i++)
		bind_value(st, i + 1, &l->fields[i], &rec->v[i]);
	return n;
}

/* Read "id, f1..fn, source" from the current row into a fresh record. */
static void read_row(sqlite3_stmt *st, const struct list_def *l, struct record *r)
{
	record_init(r, l);
	r->id = sqlite3_column_int64(st, 0);
	const char *src = (const char *)sqlite3_column_text(st, (int)l->n_fields + 1);
	r->source = src ? xstrdup(src) : NULL;
	for (size_t i = 0; i < l->n_fields; i++) {
		int col = (int)i + 1;
		struct value *v = &r->v[i];
		v->null = sqlite3_column_type(st, col) == SQLITE_NULL;
		if (v->null)
			continue;
		if (is_number(&l->fields[i])) {
			v->num = sqlite3_column_double(st, col);
		} else {
			const char *t = (const char *)sqlite3_column_text(st, col);
			v->text = xstrdup(t ? t : "");
		}
	}
}

static bool values_equal(const struct field_def *f, const struct value *a, const struct value *b)
{
	if (a->null || b->null)
		return a->null == b->null;
	if (is_number(f))
		return a->num == b->num;
	return strcmp(a->text, b->text) == 0;
}

/*
 * Write transactions of one process take turns on a mutex before SQLite's own lock. Without it,
 * the server's threads (one connection each) meet SQLite's busy handler, which sleeps 1, 2, 5, 10
 * ms and more while another thread commits: under a mixed load that sleep was the p99 latency.
 * Another process writing (the CLI beside a server) still waits in the busy handler.
 */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

static void write_unlock(struct store *s)
{
	if (s->writing) {
		s->writing = false;
		(void)pthread_mutex_unlock(&write_lock);
	}
}

enum err_code store_begin(struct store *s, struct err *e)
{
	if (!s->writing) {
		(void)pthread_mutex_lock(&write_lock);
		s->writing = true;
	}
	enum err_code rc = store_exec(s, "BEGIN IMMEDIATE", e, "cannot start a transaction");
	if (rc != ERR_OK && sqlite3_get_autocommit(s->db))
		write_unlock(s);
	return rc;
}

enum err_code store_list_bulk_end(struct store *s, struct err *e)
{
	if (s->deferred_indexes == NULL)
		return ERR_OK;
	enum err_code rc = store_cache_kib(s, STORE_SORT_KIB, e);
	if (rc == ERR_OK)
		rc = store_exec(s, s->deferred_indexes, e, "cannot build an index");
	enum err_code back = store_cache_kib(s, STORE_CACHE_KIB, e);
	free(s->deferred_indexes);
	s->deferred_indexes = NULL;
	return rc == ERR_OK ? back : rc;
}

enum err_code store_commit(struct store *s, struct err *e)
{
	enum err_code rc = store_list_bulk_end(s, e);
	if (rc == ERR_OK)
		rc = store_exec(s, "COMMIT", e, "cannot commit");
	if (rc != ERR_OK) {
		store_rollback(s);
		return rc;
	}
	write_unlock(s);
	return ERR_OK;
}

void store_rollback(struct store *s)
{
	(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	free(s->deferred_indexes); /* the rollback restores the dropped indexes */
	s->deferred_indexes = NULL;
	write_unlock(s);
}

/*
 * Whether an index on field `column` of l stays while rows pour in: one whose first column holds a
 * few coded values (a district, an industry, one of a list of words) takes each new row at the end
 * of one of a few runs, cheaply, which is cheaper than building it at the commit with another
 * scan of the table (1,000,000 enterprises: 1.2 s less for the district index). An index on free
 * text (names) takes rows all over the tree and is built at the commit in one sorted pass.
 */
static bool index_stays(const struct list_def *l, const char *column)
{
	int f = column ? list_field_index(l, column) : -1;
	if (f < 0)
		return false;
	enum field_type t = l->fields[f].type;
	return t == FT_DISTRICT || t == FT_INDUSTRY || t == FT_ENUM || t == FT_BOOL;
}

enum err_code store_list_bulk_begin(struct store *s, const struct list_def *l, struct err *e)
{
	/* The table's own indexes, with their first column: a UNIQUE constraint's automatic index
	 * has no SQL. */
	static const char sql[] = "SELECT m.name, m.sql, (SELECT i.name FROM pragma_index_info(m.name) AS i "
	                          "WHERE i.seqno = 0) FROM sqlite_schema AS m "
	                          "WHERE m.type = 'index' AND m.tbl_name = ? AND m.sql IS NOT NULL";
	sqlite3_stmt *st = NULL;
	if (sqlite3_get_autocommit(s->db))
		return err_set(e, ERR_INTERNAL, "store_list_bulk_begin outside a transaction");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot read the schema");
	(void)sqlite3_bind_text(st, 1, l->table, -1, SQLITE_STATIC);
	struct buf create, drop;
	buf_init(&create, BUF_NO_CAP);
	buf_init(&drop, BUF_NO_CAP);
	if (s->deferred_indexes)
		(void)buf_puts(&create, s->deferred_indexes);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (index_stays(l, (const char *)sqlite3_column_text(st, 2)))
			continue;
		/* Names and SQL come from our own migrations (src/store/schema), not from input. */
		(void)buf_printf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(st, 0));
		(void)buf_printf(&create, "%s;", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	enum err_code rc = step == SQLITE_DONE ? ERR_OK : store_db_fail(s, e, "cannot read the schema");
	if (rc == ERR_OK && drop.len)
		rc = store_exec(s, buf_str(&drop), e, "cannot drop an index");
	if (rc == ERR_OK && create.len) {
		free(s->deferred_indexes);
		s->deferred_indexes = buf_take(&create);
	}
	buf_free(&create);
	buf_free(&drop);
	return rc;
}

/* Step a statement that returns at most one row of "id, fields"; *found says whether it did. */
static enum err_code fetch_one(struct store *s, sqlite3_stmt *st, const struct list_def *l,
                               bool *found, struct record *out, struct err *e)
{
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(s, e, "cannot read a list");
	if (*found && out)
		read_row(st, l, out);
	sqlite3_reset(st);
	return ERR_OK;
}

enum err_code store_list_find(struct store *s, const struct list_def *l, const char *field,
                              const char *value, const struct record *rec, bool *found,
                              struct record *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc;
	*found = false;
	if (field == NULL) {
		rc = stmt(s, l, STMT_KEY, &st, e);
		int idx = 1;
		for (size_t i = 0; rc == ERR_OK && i < l->n_fields; i++)
			if (l->fields[i].key)
				bind_value(st, idx++, &l->fields[i], &rec->v[i]);
		return rc == ERR_OK ? fetch_one(s, st, l, found, out, e) : rc;
	}
	if (list_field_index(l, field) < 0 || strlen(field) >= sizeof s->by_field[0].field)
		return err_set(e, ERR_INTERNAL, "list %s has no field %s", l->name, field);
	size_t slot = 0, n = sizeof s->by_field / sizeof s->by_field[0];
	while (slot < n && s->by_field[slot].st &&
	       (s->by_field[slot].list != l || strcmp(s->by_field[slot].field, field) != 0))
		slot++;
	if (slot == n) /* full: the lookups in use are few and fixed, so reuse the last slot */
		sqlite3_finalize(s->by_field[--slot].st), s->by_field[slot].st = NULL;
	if (s->by_field[slot].st == NULL) {
		struct buf sql;
		buf_init(&sql, BUF_NO_CAP);
		(void)buf_puts(&sql, "SELECT id, ");
		field_names(&sql, l);
		(void)buf_printf(&sql, ", source FROM %s WHERE %s = ? LIMIT 1", l->table, field);
		int prc = sqlite3_prepare_v3(s->db, buf_str(&sql), -1, SQLITE_PREPARE_PERSISTENT,
		                             &s->by_field[slot].st, NULL);
		buf_free(&sql);
		if (prc != SQLITE_OK)
			return store_db_fail(s, e, "cannot prepare a statement");
		s->by_field[slot].list = l;
		(void)snprintf(s->by_field[slot].field, sizeof s->by_field[slot].field, "%s", field);
	}
	st = s->by_field[slot].st;
	sqlite3_reset(st);
	(void)sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC); /* fetch_one resets */
	return fetch_one(s, st, l, found, out, e);
}

enum err_code store_list_empty(struct store *s, const struct list_def *l, bool *empty, struct err *e)
{
	struct buf sql;
	sqlite3_stmt *st = NULL;
	buf_init(&sql, BUF_NO_CAP);
	(void)buf_printf(&sql, "SELECT 1 FROM %s LIMIT 1", l->table); /* the list's own table name */
	int rc = sqlite3_prepare_v2(s->db, buf_str(&sql), -1, &st, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK)
		return store_db_fail(s, e, "cannot read a list");
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(s, e, "cannot read a list");
	*empty = rc == SQLITE_DONE;
	return ERR_OK;
}

enum err_code store_list_insert(struct store *s, const struct list_def *l, struct record *rec,
                                const char *source, bool *inserted, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	*inserted = false;
	enum err_code rc = stmt(s, l, STMT_INSERT, &st, e);
	if (rc != ERR_OK)
		return rc;
	int n = bind_fields(st, l, rec);
	(void)sqlite3_bind_text(st, n + 1, source, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, n + 2, now, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, n + 3, now, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return store_db_fail(s, e, "cannot write a list record");
	*inserted = sqlite3_changes(s->db) > 0;
	if (*inserted)
		rec->id = sqlite3_last_insert_rowid(s->db);
	return ERR_OK;
}

enum err_code store_list_put(struct store *s, const struct list_def *l, struct record *rec,
                             const char *source, enum store_outcome *outcome, struct err *e)
{
	/*
	 * Insert first: most rows of an import are new, and for them this is the only statement.
	 * When the key is already stored the insert does nothing; then compare and update.
	 */
	bool inserted;
	enum err_code rc = store_list_insert(s, l, rec, source, &inserted, e);
	if (rc != ERR_OK || inserted) {
		*outcome = STORE_INSERTED;
		return rc;
	}
	struct record old = {0};
	bool found;
	rc = store_list_find(s, l, NULL, NULL, rec, &found, &old, e);
	if (rc != ERR_OK)
		return rc;
	if (!found)
		return err_set(e, ERR_INTERNAL, "%s: insert ignored but no record has the key", l->name);
	bool same = true;
	for (size_t i = 0; i < l->n_fields && same; i++)
		same = values_equal(&l->fields[i], &old.v[i], &rec->v[i]);
	rec->id = old.id;
	record_free(&old);
	*outcome = same ? STORE_UNCHANGED : STORE_UPDATED;
	return same ? ERR_OK : store_list_update(s, l, rec, source, e);
}

enum err_code store_list_update(struct store *s, const struct list_def *l, const struct record *rec,
                                const char *source, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char now[32];
	store_now(now);
	enum err_code rc = stmt(s, l, STMT_UPDATE, &st, e);
	if (rc != ERR_OK)
		return rc;
	int n = bind_fields(st, l, rec);
	(void)sqlite3_bind_text(st, n + 1, source, -1, SQLITE_STATIC);
	(void)sqlite3_bind_text(st, n + 2, now, -1, SQLITE_STATIC);
	(void)sqlite3_bind_int64(st, n + 3, rec->id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_CONSTRAINT)
		return err_set(e, ERR_BUSY, "another %s record has the same key", l->name);
	if (step != SQLITE_DONE)
		return store_db_fail(s, e, "cannot update a list record");
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "%s has no record %lld", l->name, rec->id);
	return ERR_OK;
}

enum err_code store_list_get(struct store *s, const struct list_def *l, long long id,
                             struct record *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	bool found;
	enum err_code rc = stmt(s, l, STMT_GET, &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, id);
	rc = fetch_one(s, st, l, &found, out, e);
	if (rc == ERR_OK && !found)
		rc = err_set(e, ERR_NOT_FOUND, "%s has no record %lld", l->name, id);
	return rc;
}

enum err_code store_list_delete(struct store *s, const struct list_def *l, long long id,
                                struct err *e)
{
	sqlite3_stmt *st = NULL;
	enum err_code rc = stmt(s, l, STMT_DELETE, &st, e);
	if (rc != ERR_OK)
		return rc;
	(void)sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_CONSTRAINT)
		return err_set(e, ERR_INVALID,
		               "%s record %lld is still referred to (e.g. by listings); remove those first",
		               l->name, id);
	if (step != SQLITE_DONE)
		return store_db_fail(s, e, "cannot delete a list record");
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "%s has no record %lld", l->name, id);
	return ERR_OK;
}

enum err_code store_list_repeats(struct store *s, const struct list_def *l, const char *field,
                                 int (*each)(void *ctx, long long id, long long first), void *ctx,
                                 struct err *e)
{
	if (list_field_index(l, field) < 0)
		return err_set(e, ERR_INTERNAL, "list %s has no field %s", l->name, field);
	/* Table and field names come from the list definitions, never from input. */
	struct buf sql;
	buf_init(&sql, BUF_NO_CAP);
	(void)buf_printf(&sql, "SELECT id, %s FROM %s WHERE %s IN (SELECT %s FROM %s GROUP BY %s "
	                       "HAVING count(*) > 1) ORDER BY %s, id",
	                 field, l->table, field, field, l->table, field, field);
	sqlite3_stmt *st = NULL;
	enum err_code rc = store_prepare(s, buf_str(&sql), &st, e);
	buf_free(&sql);
	if (rc != ERR_OK)
		return rc;
	long long first = 0;
	char *value = NULL; /* the group's value */
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *v = store_col_str(st, 1);
		if (value && strcmp(value, v) == 0) {
			if (each(ctx, id, first) != 0)
				break;
			continue;
		}
		free(value);
		value = xstrdup(v);
		first = id;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot read a list");
	free(value);
	sqlite3_finalize(st);
	return rc;
}

/* Fields a text search looks in. */
static bool searchable(const struct field_def *f)
{
	static const char *const names[] = {"name", "title", "target_name", "uscc", "code",
	                                    "investor", "host", "park", "main_products"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(f->name, names[i]) == 0)
			return true;
	return false;
}

/* Append the WHERE clause for q; *binds receives the values to bind in order. */
static enum err_code where(const struct list_def *l, const struct list_query *q, struct buf *b,
                           const char *binds[4], int *n, struct err *e)
{
	*n = 0;
	(void)buf_puts(b, " WHERE 1");
	if (q->industry) {
		if (list_field_index(l, "industry") >= 0)
			(void)buf_puts(b, " AND industry = ?");
		else if (list_field_index(l, "industries") >= 0)
			(void)buf_puts(b, " AND instr(',' || industries || ',', ',' || ? || ',') > 0");
		else if (list_field_index(l, "uscc") >= 0)
			(void)buf_puts(b, " AND uscc IN (SELECT uscc FROM listing WHERE industry = ?)");
		binds[(*n)++] = q->industry;
	}
	if (q->district) {
		if (list_field_index(l, "district") >= 0)
			(void)buf_puts(b, " AND district = ?");
		else if (list_field_index(l, "uscc") >= 0)
			(void)buf_puts(b, " AND uscc IN (SELECT uscc FROM enterprise WHERE district = ?)");
		else
			return err_set(e, ERR_INVALID, "%s（%s）没有所在区字段，不能按区筛选 (no district field)",
			               l->title_zh, l->name);
		binds[(*n)++] = q->district;
	}
	if (q->text && q->text[0]) {
		(void)buf_puts(b, " AND (0");
		for (size_t i = 0; i < l->n_fields; i++)
			if (searchable(&l->fields[i]))
				(void)buf_printf(b, " OR instr(lower(%s), lower(?%d)) > 0", l->fields[i].name,
				                 *n + 1);
		(void)buf_puts(b, ")");
		binds[(*n)++] = q->text;
	}
	return ERR_OK;
}

enum err_code store_list_query(struct store *s, const struct list_def *l, const struct list_query *q,
                               int (*each)(void *ctx, const struct record *rec), void *ctx,
                               long *total, struct err *e)
{
	struct buf cond, sql;
	const char *binds[4];
	int n = 0;
	sqlite3_stmt *st = NULL;
	buf_init(&cond, BUF_NO_CAP);
	buf_init(&sql, BUF_NO_CAP);
	enum err_code rc = where(l, q, &cond, binds, &n, e);
	if (rc == ERR_OK && q->sort && list_field_index(l, q->sort) < 0)
		rc = err_set(e, ERR_INVALID, "cannot sort %s by '%.64s': no such field", l->name, q->sort);
	if (rc != ERR_OK)
		goto out;
	*total = 0;
	(void)buf_printf(&sql, "SELECT count(*) FROM %s%s", l->table, buf_str(&cond));
	if (sqlite3_prepare_v2(s->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		rc = store_db_fail(s, e, "cannot count a list");
		goto out;
	}
	for (int i = 0; i < n; i++)
		(void)sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		*total = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;

	buf_reset(&sql);
	(void)buf_puts(&sql, "SELECT id, ");
	field_names(&sql, l);
	(void)buf_printf(&sql, ", source FROM %s%s ORDER BY %s%s, id LIMIT ? OFFSET ?", l->table,
	                 buf_str(&cond), q->sort ? q->sort : "id", q->desc ? " DESC" : "");
	if (sqlite3_prepare_v2(s->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		rc = store_db_fail(s, e, "cannot query a list");
		goto out;
	}
	for (int i = 0; i < n; i++)
		(void)sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int64(st, n + 1, q->limit < 0 ? -1 : q->limit);
	(void)sqlite3_bind_int64(st, n + 2, q->offset);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (each == NULL)
			break;
		struct record r;
		read_row(st, l, &r);
		int stop = each(ctx, &r);
		record_free(&r);
		if (stop)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_fail(s, e, "cannot query a list");
out:
	sqlite3_finalize(st);
	buf_free(&cond);
	buf_free(&sql);
	return rc;
}

enum err_code store_list_stale(struct store *s, const char *industry, const char *cutoff,
                               int (*each)(void *ctx, const char *list, long count,
                                           const char *oldest),
                               void *ctx, struct err *e)
{
	enum err_code rc = ERR_OK;
	bool stop = false;
	for (size_t i = 0; lists_all[i] && rc == ERR_OK && !stop; i++) {
		const struct list_def *l = lists_all[i];
		bool one = list_field_index(l, "industry") >= 0;
		if (!one && list_field_index(l, "industries") < 0)
			continue;
		/* The table name is the list's static description, never input; values are bound. */
		struct buf b;
		buf_init(&b, BUF_NO_CAP);
		(void)buf_printf(&b, "SELECT count(*), min(updated_at) FROM %s WHERE %s AND updated_at < ?",
		                 l->table, one ? "industry = ?"
		                               : "instr(',' || industries || ',', ',' || ? || ',') > 0");
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(s->db, buf_str(&b), -1, &st, NULL) != SQLITE_OK) {
			buf_free(&b);
			return store_db_fail(s, e, "cannot look for stale records");
		}
		buf_free(&b);
		(void)sqlite3_bind_text(st, 1, industry, -1, SQLITE_TRANSIENT);
		(void)sqlite3_bind_text(st, 2, cutoff, -1, SQLITE_TRANSIENT);
		int step = sqlite3_step(st);
		if (step != SQLITE_ROW)
			rc = store_db_fail(s, e, "cannot look for stale records");
		else if (sqlite3_column_int64(st, 0) > 0)
			stop = each(ctx, l->name, (long)sqlite3_column_int64(st, 0),
			            (const char *)sqlite3_column_text(st, 1)) != 0;
		sqlite3_finalize(st);
	}
	return rc;
}

enum err_code store_list_counts(struct store *s,
                                int (*each)(void *ctx, const char *list, const char *industry,
                                            const char *kind, long count),
                                void *ctx, struct err *e)
{
	/* One query: every list's rows per industry (and role or type, which the matrix splits). */
	static const char sql[] =
		"SELECT 'listings', industry, role, count(*) FROM listing GROUP BY industry, role "
		"UNION ALL SELECT 'leads', industry, NULL, count(*) FROM lead GROUP BY industry "
		"UNION ALL SELECT 'projects', industry, NULL, count(*) FROM project GROUP BY industry "
		"UNION ALL SELECT 'platforms', industry, NULL, count(*) FROM platform GROUP BY industry "
		"UNION ALL SELECT 'orgs', industry, type, count(*) FROM org GROUP BY industry, type "
		"UNION ALL SELECT 'policies', j.value, NULL, count(*) FROM policy, "
		"json_each('[\"' || replace(policy.industries, ',', '\",\"') || '\"]') AS j GROUP BY j.value";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_fail(s, e, "cannot count the lists");
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (each(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		         (const char *)sqlite3_column_text(st, 2), (long)sqlite3_column_int64(st, 3)))
			break;
	}
	enum err_code rc = step == SQLITE_ROW || step == SQLITE_DONE ? ERR_OK
	                                                              : store_db_fail(s, e, "cannot count the lists");
	sqlite3_finalize(st);
	return rc;
}
