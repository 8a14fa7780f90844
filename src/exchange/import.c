/*
 * import.c - reading an official's file into a list; see exchange.h for the promises.
 *
 * The file is a table: a header row naming columns (Chinese template headers, aliases or field
 * names, in any order; columns naming no field are ignored and reported), then one record per
 * row. All writes happen in one transaction, so a file with a bad row, a crash or a kill leaves
 * the database as it was. Reading and checking rows runs on a thread of its own beside the
 * writing (see pump()). Memory does not grow with the file: repeats within it are found on
 * disk. A first load (the table empty) uses the table itself: a key written before makes the
 * insert a no-op, and enterprise names written twice are found once the name index is built
 * (check_names); only rows not written keep their keys in a scratch set (store_scratch_*).
 * Other imports keep every key in the scratch set.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "exchange/exchange.h"
#include "io/csv_write.h"
#include "io/sheet.h"

/* ---- checks against what is stored ---- */

/* Report row's enterprise name as stored already under another credit code. */
static void name_clash(struct issues *is, unsigned row, const char *column, const char *name,
                       const char *other_code)
{
	issues_add(is, row, column, name, "conflict",
	           "该企业名称已登记为统一社会信用代码 %s (name stored under another code)", other_code);
}

/* A fund investment's fund must be stored as an org of type 基金 under the same industry. */
static enum err_code check_fund(struct store *s, const struct list_def *l, const struct record *r,
                                const char *const *columns, struct issues *is, struct err *e)
{
	const struct list_def *orgs = list_find("orgs");
	int ff = list_field_index(l, "fund"), fi = list_field_index(l, "industry");
	if (r->v[ff].null || r->v[fi].null)
		return ERR_OK;
	struct record fund;
	record_init(&fund, orgs);
	fund.v[list_field_index(orgs, "type")] = (struct value){.text = xstrdup("基金")};
	fund.v[list_field_index(orgs, "name")] = (struct value){.text = xstrdup(r->v[ff].text)};
	fund.v[list_field_index(orgs, "industry")] = (struct value){.text = xstrdup(r->v[fi].text)};
	bool found = false;
	enum err_code rc = store_list_find(s, orgs, NULL, NULL, &fund, &found, NULL, e);
	if (rc == ERR_OK && !found)
		issues_add(is, r->row, columns[ff], r->v[ff].text, "unknown_fund",
		           "该产业下没有这支基金，请先在基金清单中登记 (no such fund in this industry)");
	record_free(&fund);
	return rc;
}

/* A park zone's or progress row's park must be in the park list. */
static enum err_code check_park(struct store *s, const struct list_def *l, const struct record *r,
                                const char *const *columns, struct issues *is, struct err *e)
{
	int fp = list_field_index(l, "park");
	if (r->v[fp].null)
		return ERR_OK;
	bool found = false;
	enum err_code rc = store_list_find(s, list_find("parks"), "name", r->v[fp].text, NULL, &found,
	                                   NULL, e);
	if (rc == ERR_OK && !found)
		issues_add(is, r->row, columns[fp], r->v[fp].text, "unknown_park",
		           "园区清单中没有该园区，请先登记园区 (no such park in the park list)");
	return rc;
}

enum err_code exchange_check_stored(struct store *s, const struct list_def *l,
                                    const struct record *r, const char *const *columns,
                                    struct issues *is, struct err *e)
{
	if (columns == NULL || r == NULL)
		return err_set(e, ERR_INTERNAL, "exchange_check_stored: no columns");
	const struct list_def *ent = list_find("enterprises");
	int fu = list_field_index(l, "uscc"), fn = list_field_index(l, "name");
	enum err_code rc = ERR_OK;
	bool found = false;
	struct record other = {0};
	if (strcmp(l->name, "listings") == 0 && !r->v[fu].null) {
		rc = store_list_find(s, ent, "uscc", r->v[fu].text, NULL, &found, &other, e);
		if (rc == ERR_OK && !found)
			issues_add(is, r->row, columns[fu], r->v[fu].text, "unknown_enterprise",
			           "企业名录中没有该统一社会信用代码，请先导入企业名录 (not in the enterprise list)");
		int en = list_field_index(ent, "name");
		if (rc == ERR_OK && found && !r->v[fn].null && strcmp(other.v[en].text, r->v[fn].text) != 0)
			issues_add(is, r->row, columns[fn], r->v[fn].text, "conflict",
			           "与企业名录中的名称“%s”不一致 (differs from the stored name)",
			           other.v[en].text);
	} else if (strcmp(l->name, "fund_investments") == 0) {
		rc = check_fund(s, l, r, columns, is, e);
	} else if (strcmp(l->name, "park_zones") == 0 || strcmp(l->name, "park_progress") == 0) {
		rc = check_park(s, l, r, columns, is, e);
	} else if (l == ent && !r->v[fn].null) {
		rc = store_list_find(s, ent, "name", r->v[fn].text, NULL, &found, &other, e);
		if (rc == ERR_OK && found && strcmp(other.v[fu].text, r->v[fu].text) != 0)
			name_clash(is, r->row, columns[fn], r->v[fn].text, other.v[fu].text);
	}
	record_free(&other);
	return rc;
}

/* ---- the import ---- */

/*
 * The file row of each id a first load wrote, kept as runs: a run starts at (id, row) and goes
 * on while ids go up by one and rows by the run's own step. A file of good rows is one run, and
 * so is one whose every record spans three lines; a refused or blank row starts another.
 */
struct rowmap {
	long long *id;
	unsigned *row, *step;
	size_t n, cap;
	long long last_id; /* the last pair added, the n-th run's length */
	unsigned last_row;
	size_t run_len;
};

static void rowmap_add(struct rowmap *m, long long id, unsigned row)
{
	bool next = m->n && id == m->last_id + 1 && row > m->last_row;
	if (next && m->run_len == 1)
		m->step[m->n - 1] = row - m->last_row;
	bool extends = next && row - m->last_row == m->step[m->n - 1];
	m->last_id = id;
	m->last_row = row;
	if (extends) {
		m->run_len++;
		return;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->id = xrealloc(m->id, m->cap * sizeof *m->id);
		m->row = xrealloc(m->row, m->cap * sizeof *m->row);
		m->step = xrealloc(m->step, m->cap * sizeof *m->step);
	}
	m->id[m->n] = id;
	m->row[m->n] = row;
	m->step[m->n++] = 1;
	m->run_len = 1;
}

/* The row of id (one rowmap_add was given); 0 when unknown. */
static unsigned rowmap_row(const struct rowmap *m, long long id)
{
	size_t lo = 0, hi = m->n; /* find the last run starting at or before id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->id[mid] <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? m->row[lo - 1] + m->step[lo - 1] * (unsigned)(id - m->id[lo - 1]) : 0;
}

static void rowmap_free(struct rowmap *m)
{
	free(m->id);
	free(m->row);
	free(m->step);
}

struct run {
	struct store *s;
	const struct list_ctx *ctx;
	const struct list_def *l;
	const struct import_opts *o;
	struct import_result *res;
	struct sheet *src;
	char **headers;    /* the file's header row */
	size_t n_headers;
	int *col_field;    /* column -> field index or -1 */
	int *field_col;    /* field -> column or -1 */
	const char **field_label; /* field -> the file's header for it, or its template header */
	FILE *reject;
	/* Keys by row: the reader's, of every row (not bulk); the writer's, of rows not written
	 * (bulk), from the first such row on (refused). */
	struct store_scratch *seen;
	bool bulk;    /* a first load: store_list_bulk_begin, store_list_insert */
	bool refused; /* bulk: a keyed row was not written, so keys are looked up in `seen` too */
	/* Bulk enterprises: the name field. Names are checked after the load (check_names). */
	int name_field;
	struct rowmap ids; /* bulk: the file row of each id written */
};

/* The cache a run's scratch set may fill. */
enum { SEEN_CACHE_KIB = 8192 };

static enum err_code read_header(struct run *r, struct err *e)
{
	const char *const *cells;
	size_t n;
	enum err_code rc = sheet_header(r->src, r->o->path, &cells, &n, e);
	if (rc != ERR_OK)
		return rc;
	r->n_headers = n;
	r->headers = xcalloc(n, sizeof *r->headers);
	r->col_field = xcalloc(n, sizeof *r->col_field);
	r->field_col = xmalloc(r->l->n_fields * sizeof *r->field_col);
	for (size_t f = 0; f < r->l->n_fields; f++)
		r->field_col[f] = -1;
	struct buf ignored, missing;
	buf_init(&ignored, BUF_NO_CAP);
	buf_init(&missing, BUF_NO_CAP);
	for (size_t c = 0; c < n; c++) {
		r->headers[c] = xstrdup(cells[c]);
		int f = list_field_for_header(r->l, cells[c]);
		r->col_field[c] = f;
		if (f < 0) {
			if (cells[c][0] && strcmp(cells[c], "序号") != 0 && strcmp(cells[c], "错误原因") != 0)
				(void)buf_printf(&ignored, "%s%s", ignored.len ? "、" : "", cells[c]);
		} else if (r->field_col[f] >= 0) {
			rc = err_set(e, ERR_REJECTED,
			             "%s: 第%zu列“%s”与第%d列“%s”都对应字段“%s” (two columns for one field)",
			             r->o->path, c + 1, cells[c], r->field_col[f] + 1,
			             r->headers[r->field_col[f]], r->l->fields[f].header_zh);
		} else {
			r->field_col[f] = (int)c;
		}
	}
	for (size_t f = 0; f < r->l->n_fields; f++)
		if (r->l->fields[f].required && r->field_col[f] < 0)
			(void)buf_printf(&missing, "%s%s", missing.len ? "、" : "", r->l->fields[f].header_zh);
	r->field_label = xcalloc(r->l->n_fields, sizeof *r->field_label);
	for (size_t f = 0; f < r->l->n_fields; f++)
		r->field_label[f] = r->field_col[f] >= 0 ? r->headers[r->field_col[f]]
		                                         : r->l->fields[f].header_zh;
	if (rc == ERR_OK && missing.len)
		rc = err_set(e, ERR_REJECTED,
		             "%s: 缺少必填列：%s。可用 `jiqun export --template %s` 获取模板 (missing columns)",
		             r->o->path, buf_str(&missing), r->l->name);
	if (ignored.len)
		r->res->ignored = buf_take(&ignored);
	buf_free(&ignored);
	buf_free(&missing);
	return rc;
}

static bool all_empty(const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *c = cells[i]; *c; c++)
			if (*c != ' ' && *c != '\t')
				return false;
	return true;
}

static enum err_code reject_row(struct run *r, const char *const *cells, size_t n, size_t first_issue,
                                struct err *e)
{
	if (r->reject == NULL) {
		const char *path = r->o->reject_path;
		char *derived = NULL;
		if (path == NULL) {
			size_t len = strlen(r->o->path) + sizeof ".rejects.csv";
			derived = xmalloc(len);
			(void)snprintf(derived, len, "%s.rejects.csv", r->o->path);
			path = derived;
		}
		r->reject = fopen(path, "wb");
		r->res->reject_path = derived ? derived : xstrdup(path);
		if (r->reject == NULL)
			return err_set(e, ERR_IO, "%s: 无法写入退回文件 (cannot write): %s", path, strerror(errno));
		const char **head = xcalloc(r->n_headers + 1, sizeof *head);
		for (size_t c = 0; c < r->n_headers; c++)
			head[c] = r->headers[c];
		head[r->n_headers] = "错误原因";
		(void)csv_write_bom(r->reject);
		(void)csv_write_row(r->reject, head, r->n_headers + 1);
		free(head);
	}
	struct buf why;
	buf_init(&why, BUF_NO_CAP);
	for (size_t i = first_issue; i < r->res->issues.n; i++) {
		const struct issue *it = &r->res->issues.items[i];
		(void)buf_printf(&why, "%s%s：%s", why.len ? "；" : "", it->column, it->message);
	}
	const char **row = xcalloc(r->n_headers + 1, sizeof *row);
	for (size_t c = 0; c < r->n_headers; c++)
		row[c] = c < n ? cells[c] : "";
	row[r->n_headers] = buf_str(&why);
	bool ok = csv_write_row(r->reject, row, r->n_headers + 1);
	free(row);
	buf_free(&why);
	return ok ? ERR_OK : err_set(e, ERR_IO, "退回文件写入失败 (cannot write the reject file)");
}

/*
 * The import runs as two threads joined by a short queue of batches: the reader reads rows,
 * parses and checks them (everything that needs no database) and finds duplicate keys; the
 * writer (the calling thread, which owns the store) checks rows against stored data and writes
 * them. Each batch carries its rows' issues, which the writer moves into the result in row order.
 * At most QUEUE_BATCHES batches of BATCH_ROWS rows are in flight, so memory stays bounded.
 */
enum { BATCH_ROWS = 256, QUEUE_BATCHES = 8 };

struct prow {
	struct record rec;
	bool key_ok; /* every field of the natural key has a value */
	size_t issue_from, issue_to; /* this row's issues in the batch's list */
	char **cells;                /* a copy of the cells, kept only for the reject file */
	size_t n_cells;
};

struct batch {
	struct prow rows[BATCH_ROWS];
	size_t n;
	struct issues issues;
	bool last;             /* the reader's final batch: rc and err say how it ended */
	enum err_code rc;
	struct err err;
	struct batch *next;    /* in the queue's list of written batches */
};

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t changed;
	struct batch *slot[QUEUE_BATCHES];
	size_t head, count;
	bool stop; /* the writer gave up: the reader ends */
	/* Batches written, for the reader to free or reuse: memory is freed by the thread that
	 * allocated it, which keeps malloc's per-thread caches warm and its arenas unlocked. */
	struct batch *done;
};

/* Report rec as repeating the key of file row `first`. */
static void repeat_issue(struct run *r, struct issues *is, const struct record *rec, unsigned first)
{
	int kf = 0;
	while (!r->l->fields[kf].key)
		kf++;
	const char *kv = rec->v[kf].text ? rec->v[kf].text : "";
	issues_add(is, rec->row, r->field_label[kf], kv, "duplicate_in_file",
	           "与第%u行重复 (duplicate of row %u)", first, first);
}

/* Record rec's key in the scratch set; report it when a row before had it. */
static enum err_code seen_key(struct run *r, struct issues *is, const struct record *rec,
                              struct err *e)
{
	char row[16], *first = NULL, *key = record_key(r->l, rec);
	(void)snprintf(row, sizeof row, "%u", rec->row);
	enum err_code rc = store_scratch_add(r->seen, key, row, &first, e);
	free(key);
	if (rc == ERR_OK && first)
		repeat_issue(r, is, rec, (unsigned)strtoul(first, NULL, 10));
	free(first);
	return rc;
}

/* A first load: report rec as repeating the key of the row written with it before (writer). */
static enum err_code written_key(struct run *r, struct issues *is, const struct record *rec,
                                 bool *found, struct err *e)
{
	struct record other = {0};
	enum err_code rc = store_list_find(r->s, r->l, NULL, NULL, rec, found, &other, e);
	if (rc == ERR_OK && *found)
		repeat_issue(r, is, rec, rowmap_row(&r->ids, other.id));
	record_free(&other);
	return rc;
}

/* A first load: report rec when an earlier row had its key, written (the table) or not (the
 * scratch set, where rec's key goes too when it is new) (writer thread). */
static enum err_code bulk_repeat(struct run *r, struct issues *is, const struct record *rec,
                                 struct err *e)
{
	bool found;
	enum err_code rc = written_key(r, is, rec, &found, e);
	if (rc == ERR_OK && !found)
		rc = seen_key(r, is, rec, e);
	return rc;
}

/* Parse and check one row into p (reader thread). */
static enum err_code read_row(struct run *r, struct batch *b, const char *const *cells, size_t n,
                              struct err *e)
{
	struct prow *p = &b->rows[b->n++];
	struct issues *is = &b->issues;
	p->issue_from = is->n;
	record_init(&p->rec, r->l);
	p->rec.row = sheet_row(r->src);
	for (size_t f = 0; f < r->l->n_fields; f++) {
		int c = r->field_col[f];
		const char *text = c >= 0 && (size_t)c < n ? cells[c] : "";
		const char *column = c >= 0 ? r->headers[c] : r->l->fields[f].header_zh;
		(void)field_parse(r->ctx, &r->l->fields[f], text, p->rec.row, column, &p->rec.v[f], is);
	}
	bool key_ok = true;
	for (size_t f = 0; f < r->l->n_fields; f++)
		key_ok &= !r->l->fields[f].key || !p->rec.v[f].null;
	if (is->n == p->issue_from && r->l->check)
		r->l->check(r->l, &p->rec, r->field_label, is);
	enum err_code rc = ERR_OK;
	p->key_ok = key_ok;
	if (key_ok && !r->bulk) /* a repeated key is reported even beside other problems of the row */
		rc = seen_key(r, is, &p->rec, e);
	p->issue_to = is->n;
	p->cells = NULL;
	p->n_cells = 0;
	if (p->issue_to > p->issue_from && r->o->skip_bad && !r->o->dry_run) {
		p->cells = xcalloc(n ? n : 1, sizeof *p->cells);
		for (size_t c = 0; c < n; c++)
			p->cells[c] = xstrdup(cells[c]);
		p->n_cells = n;
	}
	return rc;
}

struct reader {
	struct run *r;
	struct queue q;
};

/* Hand a batch to the writer; false when the writer has stopped (the batch is then freed). */
static bool push(struct queue *q, struct batch *b)
{
	(void)pthread_mutex_lock(&q->mu);
	while (q->count == QUEUE_BATCHES && !q->stop)
		(void)pthread_cond_wait(&q->changed, &q->mu);
	bool ok = !q->stop;
	if (ok) {
		q->slot[(q->head + q->count) % QUEUE_BATCHES] = b;
		q->count++;
		(void)pthread_cond_broadcast(&q->changed);
	}
	(void)pthread_mutex_unlock(&q->mu);
	return ok;
}

static struct batch *pop(struct queue *q)
{
	(void)pthread_mutex_lock(&q->mu);
	while (q->count == 0)
		(void)pthread_cond_wait(&q->changed, &q->mu);
	struct batch *b = q->slot[q->head];
	q->head = (q->head + 1) % QUEUE_BATCHES;
	q->count--;
	(void)pthread_cond_broadcast(&q->changed);
	(void)pthread_mutex_unlock(&q->mu);
	return b;
}

/* Free what batch b holds and make it empty. */
static void batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		record_free(&b->rows[i].rec);
		for (size_t c = 0; c < b->rows[i].n_cells; c++)
			free(b->rows[i].cells[c]);
		free(b->rows[i].cells);
	}
	issues_free(&b->issues); /* the issues the writer did not take */
	b->issues = (struct issues){0};
	b->n = 0;
	b->last = false;
	b->rc = ERR_OK;
	b->err = (struct err){0};
	b->next = NULL;
}

static void batch_free(struct batch *b)
{
	batch_clear(b);
	free(b);
}

/* Free a list of batches linked by next. */
static void batches_free(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		batch_free(b);
		b = next;
	}
}

/* Hand a written batch back to the reader (writer thread). */
static void give_back(struct queue *q, struct batch *b)
{
	(void)pthread_mutex_lock(&q->mu);
	b->next = q->done;
	q->done = b;
	(void)pthread_mutex_unlock(&q->mu);
}

/* An empty batch for the reader: a written one emptied, or a new one (reader thread). */
static struct batch *batch_new(struct queue *q)
{
	(void)pthread_mutex_lock(&q->mu);
	struct batch *done = q->done;
	q->done = NULL;
	(void)pthread_mutex_unlock(&q->mu);
	if (done == NULL)
		return xcalloc(1, sizeof(struct batch));
	batches_free(done->next);
	batch_clear(done);
	return done;
}

static void *reader_main(void *arg)
{
	struct reader *rd = arg;
	struct run *r = rd->r;
	for (;;) {
		struct batch *b = batch_new(&rd->q);
		enum err_code rc = ERR_OK;
		while (b->n < BATCH_ROWS) {
			const char *const *cells;
			size_t n;
			rc = sheet_next(r->src, &cells, &n, &b->err);
			if (rc == ERR_OK && !all_empty(cells, n))
				rc = read_row(r, b, cells, n, &b->err);
			if (rc != ERR_OK)
				break;
		}
		bool last = rc != ERR_OK;
		b->last = last;
		b->rc = rc == ERR_NOT_FOUND ? ERR_OK : rc;
		if (!push(&rd->q, b)) {
			batch_free(b);
			return NULL;
		}
		if (last)
			return NULL;
	}
}

/* Move issues [from, to) of src to the end of dst (writer thread). */
static void issues_move(struct issues *dst, struct issues *src, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? 2 * dst->cap : 64;
			dst->items = xrealloc(dst->items, dst->cap * sizeof *dst->items);
		}
		dst->items[dst->n++] = src->items[i];
		src->items[i] = (struct issue){0};
	}
}

/* Check one parsed row against stored data and write it, or count it rejected (writer thread). */
static enum err_code write_row(struct run *r, struct batch *b, struct prow *p, struct err *e)
{
	struct issues *is = &r->res->issues;
	size_t first = is->n;
	enum err_code rc = ERR_OK;
	r->res->rows++;
	issues_move(is, &b->issues, p->issue_from, p->issue_to);
	bool known = false; /* bulk: p's key is in the table or the scratch set */
	if (r->bulk && p->key_ok && (is->n > first || r->refused)) {
		rc = bulk_repeat(r, is, &p->rec, e);
		r->refused |= is->n > first;
		known = true;
	}
	/* With name_field, exchange_check_stored's one check (the name) waits for check_names. */
	if (rc == ERR_OK && is->n == first && r->name_field < 0)
		rc = exchange_check_stored(r->s, r->l, &p->rec, r->field_label, is, e);
	if (rc == ERR_OK && is->n == first && r->o->row_check)
		rc = r->o->row_check(r->o->hook_ctx, &p->rec, p->rec.row, is, e);
	if (rc == ERR_OK && is->n == first && r->bulk) {
		bool inserted;
		rc = store_list_insert(r->s, r->l, &p->rec, r->o->source, &inserted, e);
		if (rc == ERR_OK && !inserted) { /* the key was written before */
			rc = written_key(r, is, &p->rec, &known, e);
			if (rc == ERR_OK && !known)
				rc = err_set(e, ERR_INTERNAL, "%s: insert ignored but no record has the key",
				             r->l->name);
		} else if (rc == ERR_OK) {
			rowmap_add(&r->ids, p->rec.id, p->rec.row);
		}
	}
	if (rc == ERR_OK && is->n == first && r->bulk) {
		r->res->inserted++;
	} else if (rc == ERR_OK && is->n == first) {
		enum store_outcome out;
		rc = store_list_put(r->s, r->l, &p->rec, r->o->source, &out, e);
		long *count = out == STORE_INSERTED  ? &r->res->inserted
		              : out == STORE_UPDATED ? &r->res->updated
		                                     : &r->res->unchanged;
		if (rc == ERR_OK)
			(*count)++;
	} else if (rc == ERR_OK) {
		if (r->bulk && p->key_ok && !known) { /* refused by a check against stored data */
			rc = bulk_repeat(r, is, &p->rec, e);
			r->refused = true;
		}
		r->res->rejected++;
		if (rc == ERR_OK && r->o->skip_bad && !r->o->dry_run)
			rc = reject_row(r, (const char *const *)p->cells, p->n_cells, first, e);
	}
	return rc;
}

/* ---- after a first load of enterprises: names written twice ---- */

struct clashes {
	long long (*pair)[2]; /* id, and the first id with its name */
	size_t n, cap;
};

static int add_clash(void *ctx, long long id, long long first)
{
	struct clashes *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->pair = xrealloc(c->pair, c->cap * sizeof *c->pair);
	}
	c->pair[c->n][0] = id;
	c->pair[c->n++][1] = first;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Merge issues [0, mid) and [mid, n), each in row order, into row order; stable. */
static void issues_merge(struct issues *is, size_t mid)
{
	struct issue *out = xmalloc((is->n ? is->n : 1) * sizeof *out);
	size_t i = 0, j = mid, k = 0;
	while (i < mid || j < is->n)
		out[k++] = j == is->n || (i < mid && is->items[i].row <= is->items[j].row) ? is->items[i++]
		                                                                            : is->items[j++];
	free(is->items);
	is->items = out;
	is->cap = is->n;
}

/*
 * The name check a first load of enterprises left for now, made with the name index: a row whose
 * name an earlier row of the file has is refused, as exchange_check_stored would have refused it
 * had the earlier row been stored before. It is taken out again (skip_bad: into the reject file,
 * its cells as an export writes them) and its issue goes in row order among the others.
 */
static enum err_code check_names(struct run *r, struct err *e)
{
	struct clashes c = {0};
	struct issues *is = &r->res->issues;
	size_t mid = is->n;
	enum err_code rc = store_list_bulk_end(r->s, e);
	if (rc == ERR_OK)
		rc = store_list_repeats(r->s, r->l, "name", add_clash, &c, e);
	if (c.n)
		qsort(c.pair, c.n, sizeof *c.pair, by_id);
	int fu = list_field_index(r->l, "uscc"), fn = r->name_field;
	for (size_t i = 0; i < c.n && rc == ERR_OK; i++) {
		struct record rec = {0}, owner = {0};
		rc = store_list_get(r->s, r->l, c.pair[i][0], &rec, e);
		if (rc == ERR_OK)
			rc = store_list_get(r->s, r->l, c.pair[i][1], &owner, e);
		size_t from = is->n;
		if (rc == ERR_OK) {
			name_clash(is, rowmap_row(&r->ids, rec.id), r->field_label[fn], rec.v[fn].text,
			           owner.v[fu].text);
			r->res->inserted--;
			r->res->rejected++;
		}
		if (rc == ERR_OK && r->o->skip_bad && !r->o->dry_run)
			rc = store_list_delete(r->s, r->l, rec.id, e);
		if (rc == ERR_OK && r->o->skip_bad && !r->o->dry_run) {
			char **cells = xcalloc(r->n_headers ? r->n_headers : 1, sizeof *cells);
			for (size_t col = 0; col < r->n_headers; col++)
				cells[col] = r->col_field[col] < 0
				                 ? xstrdup("")
				                 : field_format(r->ctx, &r->l->fields[r->col_field[col]],
				                                &rec.v[r->col_field[col]]);
			rc = reject_row(r, (const char *const *)cells, r->n_headers, from, e);
			for (size_t col = 0; col < r->n_headers; col++)
				free(cells[col]);
			free(cells);
		}
		record_free(&rec);
		record_free(&owner);
	}
	free(c.pair);
	if (is->n > mid && mid)
		issues_merge(is, mid);
	return rc;
}

/* Read (other thread) and write (this thread) every row after the header. */
static enum err_code pump(struct run *r, struct err *e)
{
	struct reader rd = {.r = r};
	(void)pthread_mutex_init(&rd.q.mu, NULL);
	(void)pthread_cond_init(&rd.q.changed, NULL);
	pthread_t th;
	if (pthread_create(&th, NULL, reader_main, &rd) != 0) {
		(void)pthread_cond_destroy(&rd.q.changed);
		(void)pthread_mutex_destroy(&rd.q.mu);
		return err_set(e, ERR_INTERNAL, "cannot start the import's reader thread");
	}
	enum err_code rc = ERR_OK;
	bool done = false;
	while (!done) {
		struct batch *b = pop(&rd.q);
		for (size_t i = 0; i < b->n && rc == ERR_OK; i++) {
			rc = write_row(r, b, &b->rows[i], e);
			if (r->o->progress && r->res->rows % IMPORT_PROGRESS_ROWS == 0)
				r->o->progress(r->o->progress_ctx, r->res->rows, false);
		}
		done = b->last;
		if (rc == ERR_OK && b->last && b->rc != ERR_OK) {
			rc = b->rc;
			if (e)
				*e = b->err;
		}
		if (done || rc != ERR_OK)
			batch_free(b);
		else
			give_back(&rd.q, b);
		if (rc != ERR_OK && !done) { /* stop the reader, drain what it still hands over */
			(void)pthread_mutex_lock(&rd.q.mu);
			rd.q.stop = true;
			while (rd.q.count) {
				batch_free(rd.q.slot[rd.q.head]);
				rd.q.head = (rd.q.head + 1) % QUEUE_BATCHES;
				rd.q.count--;
			}
			(void)pthread_cond_broadcast(&rd.q.changed);
			(void)pthread_mutex_unlock(&rd.q.mu);
			done = true;
		}
	}
	(void)pthread_join(th, NULL);
	batches_free(rd.q.done);
	(void)pthread_cond_destroy(&rd.q.changed);
	(void)pthread_mutex_destroy(&rd.q.mu);
	return rc;
}

enum err_code exchange_import(struct store *s, const struct list_ctx *ctx, const struct list_def *l,
                              const struct import_opts *o, struct import_result *res, struct err *e)
{
	struct run r = {.s = s, .ctx = ctx, .l = l, .o = o, .res = res};
	struct import_opts opts = *o;
	bool in_tx = false;
	memset(res, 0, sizeof *res);
	if (opts.source == NULL) {
		const char *slash = strrchr(o->path, '/');
		opts.source = slash ? slash + 1 : o->path;
	}
	r.o = &opts;
	enum err_code rc = sheet_open(o->path, o->sheet, &r.src, e);
	if (rc == ERR_OK)
		rc = read_header(&r, e);
	if (rc == ERR_OK)
		rc = store_scratch_open(SEEN_CACHE_KIB, &r.seen, e);
	if (rc == ERR_OK)
		rc = store_begin(s, e);
	in_tx = rc == ERR_OK;
	r.name_field = -1;
	bool empty = false;
	if (rc == ERR_OK)
		rc = store_list_empty(s, l, &empty, e);
	if (rc == ERR_OK && empty) { /* a first load: indexes on free text wait for the end */
		rc = store_list_bulk_begin(s, l, e);
		r.bulk = true;
		if (l == list_find("enterprises"))
			r.name_field = list_field_index(l, "name");
	}
	if (rc == ERR_OK)
		rc = pump(&r, e);
	if (rc == ERR_OK && o->progress && res->rows >= IMPORT_PROGRESS_ROWS && !o->dry_run)
		o->progress(o->progress_ctx, res->rows, true);
	if (rc == ERR_OK && r.name_field >= 0)
		rc = check_names(&r, e);
	if (rc == ERR_OK && res->rejected && !o->skip_bad)
		rc = err_set(e, ERR_REJECTED, "%s: %ld行有误，未写入任何数据 (%ld bad rows; nothing was written)",
		             o->path, res->rejected, res->rejected);
	if (in_tx && rc == ERR_OK && !o->dry_run && o->before_commit)
		rc = o->before_commit(o->hook_ctx, o->path, res->rows, res->inserted, res->updated,
		                      res->unchanged, e);
	if (in_tx) {
		if (rc == ERR_OK && !o->dry_run)
			rc = store_commit(s, e);
		else
			store_rollback(s);
	}
	if (r.reject && fclose(r.reject) != 0 && rc == ERR_OK)
		rc = err_set(e, ERR_IO, "%s: 退回文件写入失败 (cannot write)", res->reject_path);
	sheet_close(r.src);
	for (size_t i = 0; i < r.n_headers; i++)
		free(r.headers[i]);
	free(r.headers);
	free(r.col_field);
	free(r.field_col);
	free(r.field_label);
	store_scratch_close(r.seen);
	rowmap_free(&r.ids);
	return rc;
}

void import_result_free(struct import_result *r)
{
	if (r == NULL)
		return;
	issues_free(&r->issues);
	free(r->reject_path);
	free(r->ignored);
}

bool exchange_format_of(const char *path, enum exchange_format *out)
{
	bool xlsx;
	if (!sheet_format_of(path, &xlsx))
		return false;
	*out = xlsx ? FORMAT_XLSX : FORMAT_CSV;
	return true;
}
