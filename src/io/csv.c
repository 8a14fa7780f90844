/* csv.c - RFC 4180 reader over a UTF-8 buffer; see csv.h. */
#include "io/csv.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"

struct csv_reader {
	const char *p, *end; /* the unread input */
	char *origin;
	size_t line;        /* physical line of p */
	size_t record_line; /* where the last record started */
	struct buf row;     /* the current record's fields, each NUL-terminated */
	size_t *off;        /* off[i]: where field i starts in row */
	const char **field;
	size_t *len;
	size_t nalloc; /* entries in off, field and len */
	struct err failed; /* code ERR_OK until an error, then that error */
};

struct csv_reader *csv_reader_new(const char *data, size_t len, const char *origin)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	if (data == NULL) {
		data = "";
		len = 0;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r->p = data;
	r->end = data + len;
	r->origin = xstrdup(origin ? origin : "CSV");
	r->line = 1;
	buf_init(&r->row, CSV_MAX_RECORD);
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->origin);
	buf_free(&r->row);
	free(r->off);
	free(r->field);
	free(r->len);
	free(r);
}

void csv_reader_feed(struct csv_reader *r, const char *data, size_t len)
{
	r->p = data ? data : "";
	r->end = r->p + (data ? len : 0);
}

size_t csv_reader_line(const struct csv_reader *r)
{
	return r->record_line;
}

/* Record the failure at `line`, column `col`: what, in Chinese and English. */
static enum err_code fail(struct csv_reader *r, struct err *e, size_t line, size_t col,
			  const char *zh, const char *en)
{
	(void)err_set(&r->failed, ERR_INVALID, "%s 第%zu行第%zu列：%s (%s line %zu, column %zu: %s)",
		r->origin, line, col, zh, r->origin, line, col, en);
	return err_set(e, ERR_INVALID, "%s", r->failed.msg);
}

/* Step over the line end at p (CRLF, LF or CR). */
static void eol(struct csv_reader *r)
{
	if (*r->p++ == '\r' && r->p < r->end && *r->p == '\n')
		r->p++;
	r->line++;
}

/* Append n bytes at s to field `col`, which starts at `start` in the row and on `line`. */
static enum err_code append(struct csv_reader *r, struct err *e, const char *s, size_t n,
			    size_t start, size_t line, size_t col)
{
	if (n > CSV_MAX_FIELD - (r->row.len - start)) {
		if (line != r->line) /* a quoted field across lines: a forgotten quote, likely */
			return fail(r, e, line, col, "引号字段超过 1 MiB 上限，是否缺少结束引号？",
				    "quoted field longer than 1 MiB: closing quote missing?");
		return fail(r, e, line, col, "字段超过 1 MiB 上限", "field longer than 1 MiB");
	}
	if (buf_append(&r->row, s, n) != ERR_OK)
		return fail(r, e, line, col, "记录超过 16 MiB 上限", "record longer than 16 MiB");
	return ERR_OK;
}

static enum err_code nul_byte(struct csv_reader *r, struct err *e, size_t col)
{
	return fail(r, e, r->line, col, "含有 NUL 字节，文件可能不是文本", "NUL byte: not a text file?");
}

/* Whether one of the eight bytes in w is below 0x2D (bit hack "hasless"; exact as a yes/no). */
static bool any_below_2d(uint64_t w)
{
	return ((w - 0x2D2D2D2D2D2D2D2DULL) & ~w & 0x8080808080808080ULL) != 0;
}

static enum err_code unquoted(struct csv_reader *r, struct err *e, size_t start, size_t col)
{
	const char *s = r->p;
	for (;;) {
		/* Every byte that ends or spoils the field (, \n \r " NUL) is below 0x2D, and UTF-8
		 * text is mostly bytes above: skip eight of those at a time. */
		uint64_t w;
		while (r->end - s >= 8 && (memcpy(&w, s, sizeof w), !any_below_2d(w)))
			s += 8;
		if (s == r->end || *s == ',' || *s == '\n' || *s == '\r')
			break;
		if (*s == '"')
			return fail(r, e, r->line, col,
				    "未加引号的字段中有引号：请把整个字段用引号括起，内部引号写两遍",
				    "quote inside an unquoted field: quote the whole field and "
				    "double the quotes inside");
		if (*s == '\0')
			return nul_byte(r, e, col);
		s++;
	}
	enum err_code rc = append(r, e, r->p, (size_t)(s - r->p), start, r->line, col);
	r->p = s;
	return rc;
}

static enum err_code quoted(struct csv_reader *r, struct err *e, size_t start, size_t col)
{
	size_t first = r->line;
	r->p++; /* the opening quote */
	for (;;) {
		const char *s = r->p;
		while (s < r->end && *s != '"' && *s != '\0') {
			if (*s == '\n' || (*s == '\r' && (s + 1 == r->end || s[1] != '\n')))
				r->line++;
			s++;
		}
		if (s < r->end && *s == '\0')
			return nul_byte(r, e, col);
		if (s == r->end)
			return fail(r, e, first, col, "引号字段从这里开始但没有结束引号",
				    "quoted field starts here but is never closed");
		enum err_code rc = append(r, e, r->p, (size_t)(s - r->p), start, first, col);
		if (rc != ERR_OK)
			return rc;
		if (s + 1 < r->end && s[1] == '"') { /* "" inside quotes is one quote */
			rc = append(r, e, s, 1, start, first, col);
			if (rc != ERR_OK)
				return rc;
			r->p = s + 2;
			continue;
		}
		r->p = s + 1;
		break;
	}
	if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
		return fail(r, e, r->line, col, "右引号后还有字符：引号须括起整个字段",
			    "text after a closing quote: the quotes must enclose the whole field");
	return ERR_OK;
}

enum err_code csv_reader_next(struct csv_reader *r, struct csv_row *row, struct err *e)
{
	if (r->failed.code != ERR_OK)
		return err_set(e, r->failed.code, "%s", r->failed.msg);
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r'))
		eol(r); /* blank lines */
	if (r->p == r->end)
		return ERR_NOT_FOUND;
	r->record_line = r->line;
	buf_reset(&r->row);
	size_t n = 0;
	for (;;) {
		if (n == CSV_MAX_FIELDS)
			return fail(r, e, r->line, n + 1, "字段数超过 1024 个上限",
				    "more than 1024 fields in a record");
		if (n == r->nalloc) {
			r->nalloc = r->nalloc ? 2 * r->nalloc : 16;
			r->off = xrealloc(r->off, r->nalloc * sizeof *r->off);
			r->field = xrealloc(r->field, r->nalloc * sizeof *r->field);
			r->len = xrealloc(r->len, r->nalloc * sizeof *r->len);
		}
		size_t start = r->row.len;
		enum err_code rc = r->p < r->end && *r->p == '"' ? quoted(r, e, start, n + 1)
								 : unquoted(r, e, start, n + 1);
		if (rc != ERR_OK)
			return rc;
		r->off[n] = start;
		r->len[n] = r->row.len - start;
		if (buf_append(&r->row, "", 1) != ERR_OK) /* the field's terminator */
			return fail(r, e, r->line, n + 1, "记录超过 16 MiB 上限",
				    "record longer than 16 MiB");
		n++;
		if (r->p == r->end)
			break;
		if (*r->p != ',') {
			eol(r);
			break;
		}
		r->p++;
	}
	for (size_t i = 0; i < n; i++)
		r->field[i] = r->row.data + r->off[i];
	row->n = n;
	row->field = (const char *const *)r->field;
	row->len = r->len;
	return ERR_OK;
}

static bool ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Strip white space, U+3000, U+00A0 and BOMs from both ends of s[0..*n). */
static const char *trim(const char *s, size_t *n)
{
	static const char *const wide[] = {"\xE3\x80\x80", "\xEF\xBB\xBF", "\xC2\xA0"};
	bool again = true;
	while (again && *n > 0) {
		again = false;
		if (ascii_space(s[0])) {
			s++;
			(*n)--;
			again = true;
		} else if (ascii_space(s[*n - 1])) {
			(*n)--;
			again = true;
		}
		for (size_t i = 0; i < sizeof wide / sizeof wide[0] && !again; i++) {
			size_t w = strlen(wide[i]);
			if (*n >= w && memcmp(s, wide[i], w) == 0) {
				s += w;
				*n -= w;
				again = true;
			} else if (*n >= w && memcmp(s + *n - w, wide[i], w) == 0) {
				*n -= w;
				again = true;
			}
		}
	}
	return s;
}

int csv_header_index(const struct csv_row *header, const char *const *aliases)
{
	for (const char *const *a = aliases; *a != NULL; a++) {
		size_t alen = strlen(*a);
		for (size_t i = 0; i < header->n; i++) {
			size_t n = strlen(header->field[i]);
			const char *s = trim(header->field[i], &n);
			if (n == alen && memcmp(s, *a, n) == 0)
				return (int)i;
		}
	}
	return -1;
}
