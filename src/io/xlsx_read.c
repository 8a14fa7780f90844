/*
 * xlsx_read.c - the .xlsx reader on libzip + expat: rows of one sheet as UTF-8 strings; see xlsx.h.
 * Not a general OOXML parser: it reads the workbook, its relationships, shared strings, the number
 * formats of styles and one worksheet's sheetData, and ignores everything else.
 */
#include "io/xlsx.h"

#include <errno.h>
#include <expat.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "base/mem.h"

#define CHUNK ((size_t)64 * 1024)
#define MAX_SHEETS 4096                  /* sheets listed in a workbook */
#define MAX_STYLES 65536                 /* cellXfs entries and custom number formats */
#define MAX_ROW_BYTES ((size_t)64 << 20) /* text of one row */
#define MAX_SERIAL 2958466.0             /* 10000-01-01: Excel's dates end before it */

static size_t max_part = XLSX_MAX_PART;

void xlsx_set_limit_for_tests(size_t n)
{
	max_part = n ? n : XLSX_MAX_PART;
}

enum xf_kind { XF_PLAIN, XF_DATE, XF_DATETIME };

struct numfmt {
	unsigned id;
	unsigned char kind; /* enum xf_kind */
};

struct xlsx_reader {
	char *path;
	zip_t *zip;
	char *chunk; /* CHUNK bytes */

	/* From workbook.xml and its relationships. */
	bool date1904;
	size_t nsheets;
	char **sheet_names, **sheet_rids;
	char *want_rid;   /* relationship id of the chosen sheet */
	char *sheet_part; /* e.g. "xl/worksheets/sheet1.xml" */
	char *sheet_name; /* for messages */
	char *sst_part, *styles_part;

	/* Shared strings: NUL-terminated texts in one buffer. */
	struct buf sst_text;
	uint32_t *sst_off;
	size_t sst_n, sst_size;

	/* Styles: cellXfs index -> enum xf_kind. */
	unsigned char *xf;
	size_t xf_n;
	unsigned *xf_fmt; /* numFmtId per xf while styles.xml is read */
	struct numfmt *fmts;
	size_t nfmts;

	/* The part being parsed and what its handlers found. */
	const char *part;
	XML_Parser p;
	enum err_code fail; /* set by a handler, with ferr */
	struct err ferr;
	bool in_text; /* collecting character data into `text` */
	int rph;      /* depth of <rPh> (phonetic runs, not part of the text) */
	struct buf text;
	bool in_numfmts, in_cellxfs;

	/* The sheet stream. */
	zip_file_t *zf;
	size_t inflated;
	bool in_sheetdata, in_row, in_cell, in_is;
	unsigned row_num, last_row;
	unsigned col, next_col;
	char cell_type; /* 'n', 's', 'i' (inlineStr), 'b', 'e', 'r' (str), 'd' */
	size_t cell_style;
	struct buf row_text; /* byte 0 is the "" of empty cells */
	size_t *cell_off;    /* XLSX_MAX_COLUMNS offsets into row_text */
	const char **cells;  /* XLSX_MAX_COLUMNS views */
	size_t ncells;       /* up to the last non-empty cell */
	bool ready;          /* a complete non-empty row waits in cells */
};

/* ---- small helpers ---- */

/* The local part of an XML name ("x:row" -> "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

/* The value of attribute `name` (compared by local name), or NULL. */
static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Parse a whole unsigned decimal (no sign, no spaces); false if it is not one or exceeds max. */
static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

/* Excel's column letters for a 0-based column ("A", "AB", "XFD"). */
static void col_name(unsigned col, char out[8])
{
	char tmp[7];
	size_t n = 0;
	unsigned c = col + 1;
	while (c > 0 && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* The 0-based column of a reference like "C5"; false when malformed or beyond XFD. */
static bool ref_col(const char *ref, unsigned *col)
{
	unsigned long c = 0;
	size_t i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		c = c * 26 + (unsigned long)(ref[i] - 'A' + 1);
		if (c > XLSX_MAX_COLUMNS)
			return false;
	}
	if (i == 0)
		return false;
	*col = (unsigned)(c - 1);
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Append s to dst, decoding OOXML's "_xHHHH_" escapes (Excel writes a carriage return as _x000D_
 * and a literal "_x" as _x005F_x). Surrogates and U+0000 are left as written.
 */
static enum err_code append_unescaped(struct buf *dst, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i + 7 <= n; i++) {
		if (s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
			continue;
		unsigned cp = 0;
		bool hex = true;
		for (size_t k = 2; k < 6; k++) {
			int h = hexval(s[i + k]);
			if (h < 0)
				hex = false;
			cp = cp * 16 + (unsigned)(h < 0 ? 0 : h);
		}
		if (!hex || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		char u[3];
		size_t ul;
		if (cp < 0x80) {
			u[0] = (char)cp;
			ul = 1;
		} else if (cp < 0x800) {
			u[0] = (char)(0xC0 | (cp >> 6));
			u[1] = (char)(0x80 | (cp & 0x3F));
			ul = 2;
		} else {
			u[0] = (char)(0xE0 | (cp >> 12));
			u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			u[2] = (char)(0x80 | (cp & 0x3F));
			ul = 3;
		}
		if (buf_append(dst, s + start, i - start) != ERR_OK ||
		    buf_append(dst, u, ul) != ERR_OK)
			return ERR_INVALID;
		i += 6;
		start = i + 1;
	}
	return buf_append(dst, s + start, n - start);
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

/*
 * The text of Excel serial `v` as "YYYY-MM-DD" (with " HH:MM:SS" for XF_DATETIME when it has a
 * time of day). False when v is no date Excel can show (below day 1 of the 1900 system, which is
 * how time-only values look, or after 9999).
 */
static bool serial_text(double v, bool date1904, enum xf_kind kind, char out[64])
{
	if (!(v >= (date1904 ? 0.0 : 1.0)) || !(v < MAX_SERIAL))
		return false;
	long days = (long)v; /* v >= 0: truncation is floor (and libm is not linked) */
	long secs = (long)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	long y;
	unsigned m, d;
	if (date1904) {
		civil_from_days(days_from_civil(1904, 1, 1) + days, &y, &m, &d);
	} else if (days == 60) { /* Excel's 1900-02-29, which never was */
		y = 1900;
		m = 2;
		d = 29;
	} else {
		civil_from_days(days_from_civil(1899, 12, 31) + (days < 60 ? days : days - 1), &y,
				&m, &d);
	}
	if (kind == XF_DATETIME && secs != 0)
		(void)snprintf(out, 64, "%04ld-%02u-%02u %02ld:%02ld:%02ld", y, m, d, secs / 3600,
			       secs / 60 % 60, secs % 60);
	else
		(void)snprintf(out, 64, "%04ld-%02u-%02u", y, m, d);
	return true;
}

/* What a number format code shows: a date (y, d, or m without h/s), a date and time, or neither.
 * Quoted text, [bracketed] parts, escaped characters and padding are skipped. */
static enum xf_kind format_kind(const char *code)
{
	bool y = false, m = false, d = false, h = false, s = false;
	for (const char *c = code; *c; c++) {
		switch (*c) {
		case '"':
			while (c[1] && c[1] != '"')
				c++;
			if (c[1])
				c++;
			break;
		case '[':
			while (c[1] && c[1] != ']')
				c++;
			if (c[1])
				c++;
			break;
		case '\\':
		case '_':
		case '*':
			if (c[1])
				c++;
			break;
		default: {
			int l = tolower((unsigned char)*c);
			y = y || l == 'y';
			m = m || l == 'm';
			d = d || l == 'd';
			h = h || l == 'h';
			s = s || l == 's';
			break;
		}
		}
	}
	if (y || d || (m && !h && !s))
		return (h || s) ? XF_DATETIME : XF_DATE;
	return XF_PLAIN;
}

/* Built-in number formats: 14-17, 27-31, 36, 50-58 dates, 22 date and time. 18-21 and 45-47
 * are times of day only and stay numbers; 32-35 (CJK times in some locales) count as dates,
 * which the serial_text guard turns back into numbers when the value is below one day. */
static enum xf_kind builtin_kind(unsigned id)
{
	if (id == 22)
		return XF_DATETIME;
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return XF_DATE;
	return XF_PLAIN;
}

/* ---- parts ---- */

static enum err_code fail_at(struct xlsx_reader *r, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record a failure from inside an expat handler and stop the parser. */
static enum err_code fail_at(struct xlsx_reader *r, enum err_code code, const char *fmt, ...)
{
	if (r->fail != ERR_OK)
		return r->fail;
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->fail = err_set(&r->ferr, code, "%s: %s", r->path, msg);
	(void)XML_StopParser(r->p, XML_FALSE);
	return r->fail;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	struct xlsx_reader *r = ud;
	(void)fail_at(r, ERR_REJECTED,
		      "%s 含有 DOCTYPE，不是 Excel 保存的文件 (%s has a DOCTYPE, which "
		      "xlsx parts never have)",
		      r->part, r->part);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_reader *r = ud;
	if (!r->in_text || r->rph > 0 || r->fail != ERR_OK)
		return;
	if (buf_append(&r->text, s, (size_t)len) != ERR_OK)
		(void)fail_at(r, ERR_REJECTED,
			      "%s 中的文本过长 (a text in %s is longer than %zu bytes)", r->part,
			      r->part, r->text.cap);
}

/* A new parser for part `name` with the given element handlers and the reader as user data. */
static void parser_new(struct xlsx_reader *r, const char *name, XML_StartElementHandler start,
		       XML_EndElementHandler end)
{
	if (r->p)
		XML_ParserFree(r->p);
	r->p = XML_ParserCreate(NULL);
	if (r->p == NULL) {
		(void)fputs("jiqun: out of memory creating an XML parser\n", stderr);
		abort();
	}
	r->part = name;
	r->fail = ERR_OK;
	r->in_text = false;
	r->rph = 0;
	buf_reset(&r->text);
	XML_SetUserData(r->p, r);
	XML_SetElementHandler(r->p, start, end);
	XML_SetCharacterDataHandler(r->p, on_text);
	XML_SetStartDoctypeDeclHandler(r->p, no_doctype);
}

/* The error of a failed XML_Parse: a handler's, or expat's naming the part, line and column. */
static enum err_code xml_error(struct xlsx_reader *r, struct err *e)
{
	if (r->fail != ERR_OK) {
		if (e)
			*e = r->ferr;
		return r->fail;
	}
	enum XML_Error code = XML_GetErrorCode(r->p);
	unsigned long line = XML_GetCurrentLineNumber(r->p), col = XML_GetCurrentColumnNumber(r->p);
	return err_set(e, ERR_REJECTED,
		       "%s: %s 第 %lu 行第 %lu 列 XML 格式错误：%s (malformed XML in %s "
		       "at line %lu, column %lu: %s)",
		       r->path, r->part, line, col + 1, XML_ErrorString(code), r->part, line,
		       col + 1, XML_ErrorString(code));
}

/* Open part `name` for reading, refusing it when it declares more than max_part bytes.
 * ERR_NOT_FOUND (message unset) when the zip has no such entry. */
static enum err_code part_open(struct xlsx_reader *r, const char *name, zip_file_t **zf,
			       struct err *e)
{
	zip_int64_t idx = zip_name_locate(r->zip, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return ERR_NOT_FOUND;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &st) != 0)
		return err_set(e, ERR_REJECTED, "%s: 无法读取 %s (cannot stat %s: %s)", r->path,
			       name, name, zip_strerror(r->zip));
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max_part)
		return err_set(e, ERR_REJECTED,
			       "%s: %s 解压后有 %llu 字节，超过上限 %zu 字节，拒绝读取"
			       "（可能是压缩炸弹）(%s is %llu bytes uncompressed, over the "
			       "%zu-byte limit)",
			       r->path, name, (unsigned long long)st.size, max_part, name,
			       (unsigned long long)st.size, max_part);
	*zf = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0);
	if (*zf == NULL)
		return err_set(e, ERR_REJECTED, "%s: 无法解压 %s (cannot open %s in the zip: %s)",
			       r->path, name, name, zip_strerror(r->zip));
	return ERR_OK;
}

/* Inflate the next chunk of zf into r->chunk; *n receives its length (0 at the end). Counts what
 * was actually inflated against max_part, whatever the entry declared. */
static enum err_code part_read(struct xlsx_reader *r, zip_file_t *zf, size_t *inflated, size_t *n,
			       struct err *e)
{
	*n = 0;
	zip_int64_t got = zip_fread(zf, r->chunk, CHUNK);
	if (got < 0)
		return err_set(e, ERR_REJECTED, "%s: %s 已损坏 (%s is damaged: %s)", r->path,
			       r->part, r->part, zip_file_strerror(zf));
	*n = (size_t)got;
	*inflated += *n;
	if (*inflated > max_part)
		return err_set(e, ERR_REJECTED,
			       "%s: %s 解压后超过上限 %zu 字节，拒绝读取（可能是压缩炸弹）"
			       "(%s inflates past the %zu-byte limit)",
			       r->path, r->part, max_part, r->part, max_part);
	return ERR_OK;
}

/* Parse the whole of part `name` with the parser set up by parser_new. */
static enum err_code part_parse(struct xlsx_reader *r, const char *name, struct err *e)
{
	zip_file_t *zf = NULL;
	enum err_code rc = part_open(r, name, &zf, e);
	if (rc != ERR_OK)
		return rc;
	size_t inflated = 0, n;
	do {
		rc = part_read(r, zf, &inflated, &n, e);
		if (rc != ERR_OK)
			break;
		if (XML_Parse(r->p, r->chunk, (int)n, n == 0) != XML_STATUS_OK) {
			rc = xml_error(r, e);
			break;
		}
	} while (n > 0);
	(void)zip_fclose(zf);
	return rc;
}

/* ---- workbook.xml and its relationships ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	if (strcmp(n, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		const char *sname = attr(atts, "name"), *rid = attr(atts, "id");
		if (sname == NULL || rid == NULL)
			return;
		if (r->nsheets == MAX_SHEETS) {
			(void)fail_at(r, ERR_REJECTED, "工作表超过 %d 个 (more than %d sheets)",
				      MAX_SHEETS, MAX_SHEETS);
			return;
		}
		r->sheet_names =
			xrealloc(r->sheet_names, (r->nsheets + 1) * sizeof *r->sheet_names);
		r->sheet_rids = xrealloc(r->sheet_rids, (r->nsheets + 1) * sizeof *r->sheet_rids);
		r->sheet_names[r->nsheets] = xstrdup(sname);
		r->sheet_rids[r->nsheets] = xstrdup(rid);
		r->nsheets++;
	}
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* A rels Target resolved against xl/: "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml". */
static char *resolve_target(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	size_t n = strlen(target) + sizeof "xl/";
	char *p = xmalloc(n);
	(void)snprintf(p, n, "xl/%s", target);
	return p;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target"),
		   *type = attr(atts, "Type");
	const char *mode = attr(atts, "TargetMode");
	if (id == NULL || target == NULL || (mode && strcmp(mode, "External") == 0))
		return;
	if (r->want_rid && strcmp(id, r->want_rid) == 0 && r->sheet_part == NULL)
		r->sheet_part = resolve_target(target);
	if (type && ends_with(type, "/sharedStrings") && r->sst_part == NULL)
		r->sst_part = resolve_target(target);
	if (type && ends_with(type, "/styles") && r->styles_part == NULL)
		r->styles_part = resolve_target(target);
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	if (strcmp(n, "si") == 0) {
		buf_reset(&r->text);
		r->rph = 0;
	} else if (strcmp(n, "t") == 0) {
		r->in_text = true;
	} else if (strcmp(n, "rPh") == 0) {
		r->rph++;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	if (strcmp(n, "t") == 0) {
		r->in_text = false;
	} else if (strcmp(n, "rPh") == 0) {
		r->rph--;
	} else if (strcmp(n, "si") == 0 && r->fail == ERR_OK) {
		if (r->sst_n == XLSX_MAX_SHARED_STRINGS) {
			(void)fail_at(r, ERR_REJECTED,
				      "共享字符串超过 %zu 个 (more than %zu shared strings in "
				      "%s)",
				      XLSX_MAX_SHARED_STRINGS, XLSX_MAX_SHARED_STRINGS, r->part);
			return;
		}
		if (r->sst_n == r->sst_size) {
			size_t size = r->sst_size ? r->sst_size * 2 : 1024;
			uint32_t *p = realloc(r->sst_off, size * sizeof *p);
			if (p == NULL) {
				(void)fail_at(r, ERR_NOMEM,
					      "内存不足 (out of memory for %zu shared strings)",
					      size);
				return;
			}
			r->sst_off = p;
			r->sst_size = size;
		}
		r->sst_off[r->sst_n++] = (uint32_t)r->sst_text.len;
		if (append_unescaped(&r->sst_text, r->text.data ? r->text.data : "", r->text.len) !=
			    ERR_OK ||
		    buf_append(&r->sst_text, "", 1) != ERR_OK)
			(void)fail_at(r, ERR_REJECTED,
				      "共享字符串过大 (shared strings exceed %zu bytes)",
				      r->sst_text.cap);
	}
}

/* ---- styles.xml ---- */

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	unsigned long id = 0;
	if (strcmp(n, "numFmts") == 0) {
		r->in_numfmts = true;
	} else if (strcmp(n, "cellXfs") == 0) {
		r->in_cellxfs = true;
	} else if (r->in_numfmts && strcmp(n, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode");
		if (code == NULL || !parse_uint(attr(atts, "numFmtId"), UINT32_MAX, &id))
			return;
		if (r->nfmts == MAX_STYLES) {
			(void)fail_at(r, ERR_REJECTED,
				      "%s 中的数字格式过多 (too many number formats)", r->part);
			return;
		}
		r->fmts = xrealloc(r->fmts, (r->nfmts + 1) * sizeof *r->fmts);
		r->fmts[r->nfmts].id = (unsigned)id;
		r->fmts[r->nfmts].kind = (unsigned char)format_kind(code);
		r->nfmts++;
	} else if (r->in_cellxfs && strcmp(n, "xf") == 0) {
		if (r->xf_n == MAX_STYLES) {
			(void)fail_at(r, ERR_REJECTED,
				      "%s 中的单元格样式过多 (too many cell styles)", r->part);
			return;
		}
		if (!parse_uint(attr(atts, "numFmtId"), UINT32_MAX, &id))
			id = 0;
		r->xf_fmt = xrealloc(r->xf_fmt, (r->xf_n + 1) * sizeof *r->xf_fmt);
		r->xf_fmt[r->xf_n++] = (unsigned)id;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	if (strcmp(n, "numFmts") == 0)
		r->in_numfmts = false;
	else if (strcmp(n, "cellXfs") == 0)
		r->in_cellxfs = false;
}

/* Turn the numFmtId of each xf into what it shows, custom formats first. */
static void styles_resolve(struct xlsx_reader *r)
{
	r->xf = xcalloc(r->xf_n ? r->xf_n : 1, 1);
	for (size_t i = 0; i < r->xf_n; i++) {
		enum xf_kind k = builtin_kind(r->xf_fmt[i]);
		for (size_t f = 0; f < r->nfmts; f++)
			if (r->fmts[f].id == r->xf_fmt[i])
				k = (enum xf_kind)r->fmts[f].kind;
		r->xf[i] = (unsigned char)k;
	}
}

/* ---- the worksheet ---- */

static void row_reset(struct xlsx_reader *r)
{
	buf_reset(&r->row_text);
	(void)buf_append(&r->row_text, "", 1); /* offset 0: the empty cell */
	r->ncells = 0;
	r->next_col = 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	unsigned long v;
	if (!r->in_sheetdata) {
		if (strcmp(n, "sheetData") == 0)
			r->in_sheetdata = true;
		return;
	}
	if (strcmp(n, "row") == 0) {
		const char *rn = attr(atts, "r");
		if (rn) {
			if (!parse_uint(rn, XLSX_MAX_ROWS, &v) || v == 0) {
				(void)fail_at(r, ERR_REJECTED,
					      "工作表“%s”的行号 “%s” 无效 (sheet \"%s\": bad row "
					      "number \"%s\")",
					      r->sheet_name, rn, r->sheet_name, rn);
				return;
			}
			r->row_num = (unsigned)v;
		} else {
			r->row_num = r->last_row + 1;
		}
		r->in_row = true;
		row_reset(r);
	} else if (r->in_row && strcmp(n, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		r->col = r->next_col;
		if (ref && !ref_col(ref, &r->col)) {
			(void)fail_at(
				r, ERR_REJECTED,
				"工作表“%s”第 %u 行：单元格位置 “%s” 无效或超过 %u 列 "
				"(sheet \"%s\", row %u: cell reference \"%s\" is bad or beyond %u "
				"columns)",
				r->sheet_name, r->row_num, ref, XLSX_MAX_COLUMNS, r->sheet_name,
				r->row_num, ref, XLSX_MAX_COLUMNS);
			return;
		}
		if (r->col >= XLSX_MAX_COLUMNS) {
			(void)fail_at(r, ERR_REJECTED,
				      "工作表“%s”第 %u 行超过 %u 列 (sheet \"%s\", row %u has "
				      "more than %u columns)",
				      r->sheet_name, r->row_num, XLSX_MAX_COLUMNS, r->sheet_name,
				      r->row_num, XLSX_MAX_COLUMNS);
			return;
		}
		r->cell_type = 'n';
		if (t) {
			if (strcmp(t, "s") == 0)
				r->cell_type = 's';
			else if (strcmp(t, "inlineStr") == 0)
				r->cell_type = 'i';
			else if (strcmp(t, "b") == 0)
				r->cell_type = 'b';
			else if (strcmp(t, "e") == 0)
				r->cell_type = 'e';
			else if (strcmp(t, "str") == 0)
				r->cell_type = 'r';
			else if (strcmp(t, "d") == 0)
				r->cell_type = 'd';
		}
		r->cell_style = s && parse_uint(s, MAX_STYLES, &v) ? (size_t)v : 0;
		r->in_cell = true;
		r->in_is = false;
		r->rph = 0;
		buf_reset(&r->text);
	} else if ((r->in_cell && strcmp(n, "v") == 0) || (r->in_is && strcmp(n, "t") == 0)) {
		r->in_text = true;
	} else if (r->in_cell && strcmp(n, "is") == 0) {
		r->in_is = true;
	} else if (r->in_is && strcmp(n, "rPh") == 0) {
		r->rph++;
	}
}

/* The value of the cell just ended, appended to row_text; *empty tells whether it is "". */
static enum err_code cell_value(struct xlsx_reader *r, bool *empty)
{
	const char *v = r->text.data ? r->text.data : "";
	size_t before = r->row_text.len;
	enum err_code rc = ERR_OK;
	char date[64];
	char ref[8];
	unsigned long idx;
	switch (r->cell_type) {
	case 's':
		if (r->text.len == 0)
			break;
		if (!parse_uint(v, UINT32_MAX, &idx) || idx >= r->sst_n) {
			col_name(r->col, ref);
			return fail_at(r, ERR_REJECTED,
				       "工作表“%s”单元格 %s%u：共享字符串序号 “%s” 不存在 "
				       "(sheet \"%s\", cell %s%u: no shared string \"%s\")",
				       r->sheet_name, ref, r->row_num, v, r->sheet_name, ref,
				       r->row_num, v);
		}
		rc = buf_puts(&r->row_text, r->sst_text.data + r->sst_off[idx]);
		break;
	case 'i':
		rc = append_unescaped(&r->row_text, v, r->text.len);
		break;
	case 'b':
		rc = buf_puts(&r->row_text, strcmp(v, "1") == 0   ? "TRUE"
					    : strcmp(v, "0") == 0 ? "FALSE"
								  : v);
		break;
	case 'n':
		if (r->text.len > 0 && r->cell_style < r->xf_n &&
		    r->xf[r->cell_style] != XF_PLAIN) {
			char *end;
			errno = 0;
			double d = strtod(v, &end);
			if (errno == 0 && *end == '\0' &&
			    serial_text(d, r->date1904, (enum xf_kind)r->xf[r->cell_style], date)) {
				rc = buf_puts(&r->row_text, date);
				break;
			}
		}
		rc = buf_append(&r->row_text, v, r->text.len);
		break;
	default: /* errors (#N/A), formula strings, ISO dates: as written */
		rc = buf_append(&r->row_text, v, r->text.len);
		break;
	}
	if (rc != ERR_OK)
		return fail_at(r, ERR_REJECTED,
			       "工作表“%s”第 %u 行的文本超过 %zu 字节 (sheet \"%s\", row "
			       "%u is longer than %zu bytes)",
			       r->sheet_name, r->row_num, MAX_ROW_BYTES, r->sheet_name, r->row_num,
			       MAX_ROW_BYTES);
	*empty = r->row_text.len == before;
	return buf_append(&r->row_text, "", 1);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx_reader *r = ud;
	const char *n = local(name);
	if (!r->in_sheetdata || r->fail != ERR_OK)
		return;
	if (strcmp(n, "sheetData") == 0) {
		r->in_sheetdata = false;
	} else if (r->in_cell && strcmp(n, "c") == 0) {
		r->in_cell = false;
		r->in_text = false;
		size_t off = r->row_text.len;
		bool empty = true;
		if (cell_value(r, &empty) != ERR_OK)
			return;
		if (r->col < r->next_col) {
			char ref[8];
			col_name(r->col, ref);
			(void)fail_at(r, ERR_REJECTED,
				      "工作表“%s”单元格 %s%u 重复或顺序错乱 (sheet \"%s\", "
				      "cell %s%u is repeated or out of order)",
				      r->sheet_name, ref, r->row_num, r->sheet_name, ref,
				      r->row_num);
			return;
		}
		r->next_col = r->col + 1;
		if (empty)
			return;
		for (size_t c = r->ncells; c < r->col; c++)
			r->cell_off[c] = 0;
		r->cell_off[r->col] = off;
		r->ncells = (size_t)r->col + 1;
	} else if (r->in_cell && (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)) {
		r->in_text = false;
	} else if (r->in_cell && strcmp(n, "is") == 0) {
		r->in_is = false;
	} else if (r->in_is && strcmp(n, "rPh") == 0) {
		r->rph--;
	} else if (r->in_row && strcmp(n, "row") == 0) {
		r->in_row = false;
		r->last_row = r->row_num;
		if (r->ncells == 0)
			return;
		for (size_t c = 0; c < r->ncells; c++)
			r->cells[c] = r->row_text.data + r->cell_off[c];
		r->ready = true;
		(void)XML_StopParser(r->p,
				     XML_TRUE); /* suspend: xlsx_reader_next hands the row out */
	}
}

/* ---- the public functions ---- */

static enum err_code open_zip(struct xlsx_reader *r, struct err *e)
{
	int zerr = 0;
	r->zip = zip_open(r->path, ZIP_RDONLY, &zerr);
	if (r->zip)
		return ERR_OK;
	if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS)
		return err_set(e, ERR_REJECTED,
			       "%s: 不是 .xlsx 工作簿；旧版 .xls 或设有打开密码的文件请在 Excel 中"
			       "取消密码并另存为 .xlsx (not an xlsx file: it is not a zip archive)",
			       r->path);
	if (zerr == ZIP_ER_NOENT)
		return err_set(e, ERR_IO, "%s: 文件不存在 (no such file)", r->path);
	zip_error_t ze;
	zip_error_init_with_code(&ze, zerr);
	enum err_code rc =
		err_set(e, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ ? ERR_IO : ERR_REJECTED,
			"%s: 无法打开 (cannot open: %s)", r->path, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return rc;
}

/* Find the sheet to read in workbook.xml: sets want_rid and sheet_name. */
static enum err_code choose_sheet(struct xlsx_reader *r, const char *sheet, struct err *e)
{
	if (r->nsheets == 0)
		return err_set(e, ERR_REJECTED,
			       "%s: 工作簿中没有工作表 (the workbook has no sheets)", r->path);
	size_t i = 0;
	if (sheet) {
		while (i < r->nsheets && strcmp(r->sheet_names[i], sheet) != 0)
			i++;
	}
	if (i == r->nsheets) {
		struct buf names;
		buf_init(&names, 300);
		for (size_t k = 0; k < r->nsheets; k++) {
			if ((k > 0 && buf_puts(&names, "、") != ERR_OK) ||
			    buf_printf(&names, "“%s”", r->sheet_names[k]) != ERR_OK) {
				(void)buf_puts(&names, "…");
				break;
			}
		}
		enum err_code rc = err_set(e, ERR_NOT_FOUND,
					   "%s: 没有名为“%s”的工作表；现有工作表：%s (no "
					   "sheet named \"%s\"; the sheets are: %s)",
					   r->path, sheet, buf_str(&names), sheet, buf_str(&names));
		buf_free(&names);
		return rc;
	}
	r->want_rid = xstrdup(r->sheet_rids[i]);
	r->sheet_name = xstrdup(r->sheet_names[i]);
	return ERR_OK;
}

static enum err_code reader_setup(struct xlsx_reader *r, const char *sheet, struct err *e)
{
	enum err_code rc = open_zip(r, e);
	if (rc != ERR_OK)
		return rc;
	parser_new(r, "xl/workbook.xml", wb_start, no_end);
	rc = part_parse(r, "xl/workbook.xml", e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_REJECTED,
			       "%s: 不是 Excel 工作簿，缺少 xl/workbook.xml (not an xlsx "
			       "file: xl/workbook.xml is missing)",
			       r->path);
	if (rc != ERR_OK)
		return rc;
	rc = choose_sheet(r, sheet, e);
	if (rc != ERR_OK)
		return rc;
	parser_new(r, "xl/_rels/workbook.xml.rels", rels_start, no_end);
	rc = part_parse(r, "xl/_rels/workbook.xml.rels", e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_REJECTED,
			       "%s: 不是完整的 Excel 工作簿，缺少 "
			       "xl/_rels/workbook.xml.rels (xl/_rels/workbook.xml.rels is missing)",
			       r->path);
	if (rc != ERR_OK)
		return rc;
	if (r->sheet_part == NULL)
		return err_set(e, ERR_REJECTED,
			       "%s: 找不到工作表“%s”的内容 (sheet \"%s\" has no part: "
			       "relationship %s is missing)",
			       r->path, r->sheet_name, r->sheet_name, r->want_rid);
	const char *sst = r->sst_part ? r->sst_part : "xl/sharedStrings.xml";
	parser_new(r, sst, sst_start, sst_end);
	rc = part_parse(r, sst, e);
	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		return rc;
	const char *styles = r->styles_part ? r->styles_part : "xl/styles.xml";
	parser_new(r, styles, styles_start, styles_end);
	rc = part_parse(r, styles, e);
	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		return rc;
	styles_resolve(r);
	buf_free(&r->text);
	buf_init(&r->text, MAX_ROW_BYTES);
	parser_new(r, r->sheet_part, sheet_start, sheet_end);
	rc = part_open(r, r->sheet_part, &r->zf, e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_REJECTED,
			       "%s: 缺少工作表“%s”的文件 %s (the part %s of sheet \"%s\" "
			       "is missing)",
			       r->path, r->sheet_name, r->sheet_part, r->sheet_part, r->sheet_name);
	if (rc != ERR_OK)
		return rc;
	r->cell_off = xmalloc(XLSX_MAX_COLUMNS * sizeof *r->cell_off);
	r->cells = xmalloc(XLSX_MAX_COLUMNS * sizeof *r->cells);
	return ERR_OK;
}

enum err_code xlsx_reader_open(const char *path, const char *sheet, struct xlsx_reader **out,
			       struct err *e)
{
	*out = NULL;
	struct xlsx_reader *r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	r->chunk = xmalloc(CHUNK);
	buf_init(&r->sst_text, XLSX_MAX_PART);
	buf_init(&r->text, XLSX_MAX_PART);
	buf_init(&r->row_text, MAX_ROW_BYTES);
	enum err_code rc = reader_setup(r, sheet, e);
	if (rc != ERR_OK) {
		xlsx_reader_free(r);
		return rc;
	}
	*out = r;
	return ERR_OK;
}

enum err_code xlsx_reader_next(struct xlsx_reader *r, struct xlsx_row *row, struct err *e)
{
	r->ready = false;
	for (;;) {
		XML_ParsingStatus ps;
		XML_GetParsingStatus(r->p, &ps);
		enum XML_Status st;
		if (ps.parsing == XML_FINISHED || r->zf == NULL) {
			return ERR_NOT_FOUND;
		} else if (ps.parsing == XML_SUSPENDED) {
			st = XML_ResumeParser(r->p);
		} else {
			size_t n;
			enum err_code rc = part_read(r, r->zf, &r->inflated, &n, e);
			if (rc != ERR_OK)
				return rc;
			st = XML_Parse(r->p, r->chunk, (int)n, n == 0);
		}
		if (st == XML_STATUS_ERROR)
			return xml_error(r, e);
		if (r->ready) {
			row->cells = r->cells;
			row->n = r->ncells;
			row->row_number = r->row_num;
			return ERR_OK;
		}
	}
}

void xlsx_reader_free(struct xlsx_reader *r)
{
	if (r == NULL)
		return;
	if (r->p)
		XML_ParserFree(r->p);
	if (r->zf)
		(void)zip_fclose(r->zf);
	if (r->zip)
		zip_discard(r->zip);
	for (size_t i = 0; i < r->nsheets; i++) {
		free(r->sheet_names[i]);
		free(r->sheet_rids[i]);
	}
	free(r->sheet_names);
	free(r->sheet_rids);
	free(r->want_rid);
	free(r->sheet_part);
	free(r->sheet_name);
	free(r->sst_part);
	free(r->styles_part);
	buf_free(&r->sst_text);
	free(r->sst_off);
	free(r->xf);
	free(r->xf_fmt);
	free(r->fmts);
	buf_free(&r->text);
	buf_free(&r->row_text);
	free(r->cell_off);
	free(r->cells);
	free(r->chunk);
	free(r->path);
	free(r);
}
