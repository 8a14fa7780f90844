/*
 * import.c - reading an official's file into a list; see exchange.h for the promises.
 *
 * The file is a table: a header row naming columns (Chinese template headers, aliases or field
 * names, in any order; columns naming no field are ignored and reported), then one record per
 * row. All writes happen in one transaction, so a file with a bad row, a crash or a kill leaves
 * the database as it was. Duplicates within the file are found with a set of natural keys.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/mem.h"
#include "exchange/exchange.h"
#include "io/csv.h"
#include "io/csv_write.h"
#include "io/encoding.h"
#include "io/xlsx.h"

/* ---- a table of text rows from CSV or XLSX ---- */

/*
 * CSV is read in slices of SOURCE_CHUNK bytes so memory does not grow with the file: each slice
 * ends at a line end (a byte that never occurs inside a UTF-8 or GB18030 character, so every
 * slice converts on its own), and the reader is fed only whole records (the text up to the last
 * line end outside quotes); the rest waits for the next slice.
 */
#define SOURCE_CHUNK ((size_t)4 << 20)

struct source {
	const char *path;
	FILE *f;
	bool detected, eof;
	enum text_encoding enc;
	struct buf raw;   /* bytes read, not yet converted */
	struct buf text;  /* UTF-8 not yet fed to the reader (an unfinished record) */
	char *slice;      /* the whole records the reader is reading */
	size_t lines;     /* line ends converted so far, for messages */
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	unsigned row;     /* row number of the record last read, as the official sees it */
};

static enum err_code source_open(struct source *src, const char *path, const char *sheet,
                                 struct err *e)
{
	enum exchange_format fmt;
	memset(src, 0, sizeof *src);
	src->path = path;
	buf_init(&src->raw, BUF_NO_CAP);
	buf_init(&src->text, BUF_NO_CAP);
	if (!exchange_format_of(path, &fmt))
		return err_set(e, ERR_USAGE, "%s: 请提供 .csv 或 .xlsx 文件 (expected a .csv or .xlsx file)",
		               path);
	if (fmt == FORMAT_XLSX)
		return xlsx_reader_open(path, sheet, &src->xlsx, e);
	src->f = fopen(path, "rb");
	if (src->f == NULL)
		return err_set(e, ERR_IO, "%s: 无法打开 (cannot open): %s", path, strerror(errno));
	src->csv = csv_reader_new(NULL, 0, path);
	return ERR_OK;
}

/* Convert raw[0..n) to UTF-8 onto src->text. */
static enum err_code convert(struct source *src, size_t n, struct err *e)
{
	if (!src->detected) {
		src->enc = encoding_detect(src->raw.data, n);
		src->detected = true;
	} else if (src->enc == ENC_UTF8_BOM) {
		src->enc = ENC_UTF8; /* the BOM was at the start of the first slice only */
	}
	char *out = NULL;
	size_t out_len = 0;
	struct err conv = {0};
	if (encoding_to_utf8(src->raw.data, n, src->enc, &out, &out_len, &conv) != ERR_OK) {
		if (src->lines)
			return err_set(e, ERR_REJECTED, "%s: 第%zu行之后的内容：%s", src->path, src->lines, conv.msg);
		return err_set(e, ERR_REJECTED, "%s: %s", src->path, conv.msg);
	}
	for (size_t i = 0; i < out_len; i++)
		src->lines += out[i] == '\n';
	enum err_code rc = buf_append(&src->text, out, out_len);
	free(out);
	memmove(src->raw.data, src->raw.data + n, src->raw.len - n);
	src->raw.len -= n;
	return rc;
}

/* Feed the reader the next whole records; ERR_NOT_FOUND when the file is used up. */
static enum err_code refill(struct source *src, struct err *e)
{
	for (;;) {
		if (src->eof && src->raw.len == 0 && src->text.len == 0)
			return ERR_NOT_FOUND;
		if (!src->eof) {
			char chunk[65536];
			size_t got = 0, n;
			while (got < SOURCE_CHUNK && (n = fread(chunk, 1, sizeof chunk, src->f)) > 0) {
				(void)buf_append(&src->raw, chunk, n);
				got += n;
			}
			if (ferror(src->f))
				return err_set(e, ERR_IO, "%s: 读取失败 (read error)", src->path);
			src->eof = got < SOURCE_CHUNK;
		}
		/* Convert up to the last line end (everything, at the end of the file). */
		size_t n = src->raw.len;
		while (!src->eof && n > 0 && src->raw.data[n - 1] != '\n')
			n--;
		if (n == 0 && !src->eof && src->raw.len > CSV_MAX_RECORD)
			return err_set(e, ERR_REJECTED, "%s: 第%zu行超过 16 MiB 且没有换行 (line too long)",
			               src->path, src->lines + 1);
		enum err_code rc = n ? convert(src, n, e) : ERR_OK;
		if (rc != ERR_OK)
			return rc;
		/* Feed whole records: up to the last line end outside quotes. */
		size_t cut = 0;
		bool quoted = false;
		for (size_t i = 0; i < src->text.len; i++) {
			if (src->text.data[i] == '"')
				quoted = !quoted;
			else if (src->text.data[i] == '\n' && !quoted)
				cut = i + 1;
		}
		if (src->eof && src->raw.len == 0)
			cut = src->text.len;
		if (cut == 0)
			continue;
		free(src->slice);
		src->slice = xstrndup(src->text.data, cut);
		memmove(src->text.data, src->text.data + cut, src->text.len - cut);
		src->text.len -= cut;
		src->text.data[src->text.len] = '\0';
		csv_reader_feed(src->csv, src->slice, cut);
		return ERR_OK;
	}
}

/* The next row's cells; ERR_NOT_FOUND at the end. */
static enum err_code source_next(struct source *src, const char *const **cells, size_t *n,
                                 struct err *e)
{
	enum err_code rc;
	if (src->xlsx) {
		struct xlsx_row row;
		rc = xlsx_reader_next(src->xlsx, &row, e);
		if (rc == ERR_OK) {
			*cells = row.cells;
			*n = row.n;
			src->row = row.row_number;
		}
		return rc;
	}
	struct csv_row row;
	while ((rc = csv_reader_next(src->csv, &row, e)) == ERR_NOT_FOUND) {
		rc = refill(src, e);
		if (rc != ERR_OK)
			return rc;
	}
	if (rc == ERR_OK) {
		*cells = row.field;
		*n = row.n;
		src->row = (unsigned)csv_reader_line(src->csv);
	}
	if (rc == ERR_INVALID) { /* a broken file is rejected input: exit 3 */
		if (e)
			e->code = ERR_REJECTED;
		rc = ERR_REJECTED;
	}
	return rc;
}

static void source_close(struct source *src)
{
	csv_reader_free(src->csv);
	xlsx_reader_free(src->xlsx);
	if (src->f)
		(void)fclose(src->f);
	buf_free(&src->raw);
	buf_free(&src->text);
	free(src->slice);
}

/* ---- a set of natural keys, for duplicates within the file ---- */

struct keyset {
	char **slots;
	unsigned *rows;
	size_t cap, n;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Add `key` (taking it); returns the row it was first seen on, or 0 when new. */
static unsigned keyset_add(struct keyset *k, char *key, unsigned row)
{
	if (2 * (k->n + 1) > k->cap) { /* keep the table at most half full */
		size_t cap = k->cap ? 2 * k->cap : 1024;
		char **slots = xcalloc(cap, sizeof *slots);
		unsigned *rows = xcalloc(cap, sizeof *rows);
		for (size_t i = 0; i < k->cap; i++) {
			if (k->slots[i] == NULL)
				continue;
			size_t j = hash(k->slots[i]) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = k->slots[i];
			rows[j] = k->rows[i];
		}
		free(k->slots);
		free(k->rows);
		k->slots = slots;
		k->rows = rows;
		k->cap = cap;
	}
	size_t j = hash(key) & (k->cap - 1);
	while (k->slots[j]) {
		if (strcmp(k->slots[j], key) == 0) {
			free(key);
			return k->rows[j];
		}
		j = (j + 1) & (k->cap - 1);
	}
	k->slots[j] = key;
	k->rows[j] = row;
	k->n++;
	return 0;
}

static void keyset_free(struct keyset *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->slots[i]);
	free(k->slots);
	free(k->rows);
}

/* ---- checks against what is stored ---- */

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
			issues_add(is, r->row, columns[fn], r->v[fn].text, "conflict",
			           "该企业名称已登记为统一社会信用代码 %s (name stored under another code)",
			           other.v[fu].text);
	}
	record_free(&other);
	return rc;
}

/* ---- the import ---- */

struct run {
	struct store *s;
	const struct list_ctx *ctx;
	const struct list_def *l;
	const struct import_opts *o;
	struct import_result *res;
	struct source src;
	char **headers;    /* the file's header row */
	size_t n_headers;
	int *col_field;    /* column -> field index or -1 */
	int *field_col;    /* field -> column or -1 */
	const char **field_label; /* field -> the file's header for it, or its template header */
	struct keyset keys;
	FILE *reject;
};

static enum err_code read_header(struct run *r, struct err *e)
{
	const char *const *cells;
	size_t n;
	enum err_code rc = source_next(&r->src, &cells, &n, e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_REJECTED, "%s: 文件为空，缺少表头 (empty file, no header row)",
		               r->o->path);
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

static enum err_code import_row(struct run *r, const char *const *cells, size_t n, struct err *e)
{
	struct record rec;
	struct issues *is = &r->res->issues;
	if (r->field_col == NULL || r->headers == NULL)
		return err_set(e, ERR_INTERNAL, "import_row before the header was read");
	size_t first = is->n;
	enum err_code rc = ERR_OK;
	record_init(&rec, r->l);
	rec.row = r->src.row;
	r->res->rows++;
	for (size_t f = 0; f < r->l->n_fields; f++) {
		int c = r->field_col[f];
		const char *text = c >= 0 && (size_t)c < n ? cells[c] : "";
		const char *column = c >= 0 ? r->headers[c] : r->l->fields[f].header_zh;
		(void)field_parse(r->ctx, &r->l->fields[f], text, rec.row, column, &rec.v[f], is);
	}
	bool key_ok = true;
	for (size_t f = 0; f < r->l->n_fields; f++)
		key_ok &= !r->l->fields[f].key || !rec.v[f].null;
	if (is->n == first && r->l->check)
		r->l->check(r->l, &rec, r->field_label, is);
	if (key_ok) { /* a repeated key is reported even beside other problems of the row */
		unsigned seen = keyset_add(&r->keys, record_key(r->l, &rec), rec.row);
		if (seen) {
			int kf = 0;
			while (!r->l->fields[kf].key)
				kf++;
			const char *kv = rec.v[kf].text ? rec.v[kf].text : "";
			issues_add(is, rec.row, r->headers[r->field_col[kf]], kv, "duplicate_in_file",
			           "与第%u行重复 (duplicate of row %u)", seen, seen);
		}
	}
	if (is->n == first)
		rc = exchange_check_stored(r->s, r->l, &rec, r->field_label, is, e);
	if (rc == ERR_OK && is->n == first) {
		enum store_outcome out;
		rc = store_list_put(r->s, r->l, &rec, r->o->source, &out, e);
		long *count = out == STORE_INSERTED  ? &r->res->inserted
		              : out == STORE_UPDATED ? &r->res->updated
		                                     : &r->res->unchanged;
		if (rc == ERR_OK)
			(*count)++;
	} else if (rc == ERR_OK) {
		r->res->rejected++;
		if (r->o->skip_bad && !r->o->dry_run)
			rc = reject_row(r, cells, n, first, e);
	}
	record_free(&rec);
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
	enum err_code rc = source_open(&r.src, o->path, o->sheet, e);
	if (rc == ERR_OK)
		rc = read_header(&r, e);
	if (rc == ERR_OK)
		rc = store_begin(s, e);
	in_tx = rc == ERR_OK;
	while (rc == ERR_OK) {
		const char *const *cells;
		size_t n;
		rc = source_next(&r.src, &cells, &n, e);
		if (rc == ERR_NOT_FOUND) {
			rc = ERR_OK;
			break;
		}
		if (rc == ERR_OK && !all_empty(cells, n))
			rc = import_row(&r, cells, n, e);
		if (o->progress && res->rows % IMPORT_PROGRESS_ROWS == 0 && res->rows)
			o->progress(o->progress_ctx, res->rows);
	}
	if (rc == ERR_OK && res->rejected && !o->skip_bad)
		rc = err_set(e, ERR_REJECTED, "%s: %ld行有误，未写入任何数据 (%ld bad rows; nothing was written)",
		             o->path, res->rejected, res->rejected);
	if (in_tx) {
		if (rc == ERR_OK && !o->dry_run)
			rc = store_commit(s, e);
		else
			store_rollback(s);
	}
	if (r.reject && fclose(r.reject) != 0 && rc == ERR_OK)
		rc = err_set(e, ERR_IO, "%s: 退回文件写入失败 (cannot write)", res->reject_path);
	source_close(&r.src);
	for (size_t i = 0; i < r.n_headers; i++)
		free(r.headers[i]);
	free(r.headers);
	free(r.col_field);
	free(r.field_col);
	free(r.field_label);
	keyset_free(&r.keys);
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
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".csv") == 0)
		*out = FORMAT_CSV;
	else if (dot && strcasecmp(dot, ".xlsx") == 0)
		*out = FORMAT_XLSX;
	else
		return false;
	return true;
}
