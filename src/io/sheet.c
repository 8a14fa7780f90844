/*
 * sheet.c - the rows of a CSV or XLSX file as text cells; see sheet.h.
 */
#include "io/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/mem.h"
#include "io/csv.h"
#include "io/encoding.h"
#include "io/xlsx.h"

bool sheet_format_of(const char *path, bool *xlsx)
{
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".csv") == 0)
		*xlsx = false;
	else if (dot && strcasecmp(dot, ".xlsx") == 0)
		*xlsx = true;
	else
		return false;
	return true;
}

/*
 * CSV is read in slices of SOURCE_CHUNK bytes so memory does not grow with the file: each slice
 * ends at a line end (a byte that never occurs inside a UTF-8 or GB18030 character, so every
 * slice converts on its own), and the reader is fed only whole records (the text up to the last
 * line end outside quotes); the rest waits for the next slice.
 */
#define SOURCE_CHUNK ((size_t)4 << 20)

struct sheet {
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

enum err_code sheet_open(const char *path, const char *sheet, struct sheet **out, struct err *e)
{
	bool xlsx;
	struct sheet *src = xcalloc(1, sizeof *src);
	*out = src;
	src->path = path;
	buf_init(&src->raw, BUF_NO_CAP);
	buf_init(&src->text, BUF_NO_CAP);
	if (!sheet_format_of(path, &xlsx))
		return err_set(e, ERR_USAGE, "%s: 请提供 .csv 或 .xlsx 文件 (expected a .csv or .xlsx file)",
		               path);
	if (xlsx)
		return xlsx_reader_open(path, sheet, &src->xlsx, e);
	src->f = fopen(path, "rb");
	if (src->f == NULL)
		return err_set(e, ERR_IO, "%s: 无法打开 (cannot open): %s", path, strerror(errno));
	src->csv = csv_reader_new(NULL, 0, path);
	return ERR_OK;
}

/* Convert raw[0..n) to UTF-8 onto src->text. */
static enum err_code convert(struct sheet *src, size_t n, struct err *e)
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
	for (const char *nl = out, *end = out + out_len; (nl = memchr(nl, '\n', (size_t)(end - nl)));
	     nl++)
		src->lines++;
	enum err_code rc = buf_append(&src->text, out, out_len);
	free(out);
	memmove(src->raw.data, src->raw.data + n, src->raw.len - n);
	src->raw.len -= n;
	return rc;
}

/* Feed the reader the next whole records; ERR_NOT_FOUND when the file is used up. */
static enum err_code refill(struct sheet *src, struct err *e)
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
		for (size_t at = 0; at < src->text.len;) {
			const char *p = src->text.data + at, *end = src->text.data + src->text.len;
			const char *q = memchr(p, '"', (size_t)(end - p)), *stop = q ? q : end;
			if (!quoted) { /* the last line end before the next quote */
				const char *nl = memrchr(p, '\n', (size_t)(stop - p));
				if (nl)
					cut = (size_t)(nl - src->text.data) + 1;
			}
			if (q == NULL)
				break;
			quoted = !quoted;
			at = (size_t)(q - src->text.data) + 1;
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

enum err_code sheet_next(struct sheet *src, const char *const **cells, size_t *n, struct err *e)
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

unsigned sheet_row(const struct sheet *src)
{
	return src->row;
}

void sheet_close(struct sheet *src)
{
	if (src == NULL)
		return;
	csv_reader_free(src->csv);
	xlsx_reader_free(src->xlsx);
	if (src->f)
		(void)fclose(src->f);
	buf_free(&src->raw);
	buf_free(&src->text);
	free(src->slice);
	free(src);
}

enum err_code sheet_header(struct sheet *s, const char *path, const char *const **cells, size_t *n,
                           struct err *e)
{
	enum err_code rc = sheet_next(s, cells, n, e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_REJECTED, "%s: 文件为空，缺少表头 (empty file, no header row)", path);
	return rc;
}
