/*
 * rules.c - reading, checking and writing classification rule sets; see rules.h.
 * CSV goes through io/encoding.h (UTF-8 or GB18030) and io/csv.h, XLSX through io/xlsx.h, so a
 * rule file is read like any list the officials send.
 */
#include "catalog/rules.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/embed.h"
#include "base/mem.h"
#include "io/csv.h"
#include "io/csv_write.h"
#include "io/encoding.h"
#include "io/xlsx.h"

enum { COL_ID, COL_INDUSTRY, COL_KIND, COL_CODE, COL_TEXT, COL_PARTIAL, COL_REASON, N_COLS };

static const char *const col_names[N_COLS] = {"rule_id", "industry", "kind", "code",
                                              "text", "partial", "reason"};
static const char *const col_aliases[N_COLS][4] = {
	{"rule_id", "规则编号", "编号", NULL}, {"industry", "产业", "产业集群", NULL},
	{"kind", "类型", "规则类型", NULL},     {"code", "行业代码", "国民经济行业代码", NULL},
	{"text", "关键词", "文本", NULL},       {"partial", "部分", "部分属于", NULL},
	{"reason", "依据", "理由", NULL},
};

const char *rule_kind_name(enum rule_kind k)
{
	return k == RULE_CLASS ? "class" : k == RULE_KEYWORD ? "keyword" : "exclude";
}

const char *rule_kind_label_zh(enum rule_kind k)
{
	return k == RULE_CLASS ? "行业代码" : k == RULE_KEYWORD ? "关键词" : "排除";
}

bool rule_kind_parse(const char *s, enum rule_kind *out)
{
	static const struct {
		const char *name;
		enum rule_kind kind;
	} names[] = {
		{"class", RULE_CLASS},     {"行业代码", RULE_CLASS},  {"行业", RULE_CLASS},
		{"keyword", RULE_KEYWORD}, {"关键词", RULE_KEYWORD},
		{"exclude", RULE_EXCLUDE}, {"排除", RULE_EXCLUDE},   {"排除词", RULE_EXCLUDE},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].kind;
			return true;
		}
	return false;
}

struct rule_set *rules_new(size_t n)
{
	struct rule_set *rs = xcalloc(1, sizeof *rs);
	rs->rules = n ? xcalloc(n, sizeof *rs->rules) : NULL;
	rs->n = n;
	return rs;
}

void rules_free(struct rule_set *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->rules[i].industry);
		free(rs->rules[i].code);
		free(rs->rules[i].text);
		free(rs->rules[i].reason);
	}
	free(rs->rules);
	free(rs->name);
	free(rs->source);
	free(rs->created_at);
	free(rs);
}

/* ---- reading ---- */

/* Rows from a CSV buffer or an XLSX sheet, alike. */
struct source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
};

static enum err_code source_next(struct source *src, const char *const **cells, size_t *n,
                                 size_t *row, struct err *e)
{
	if (src->csv) {
		struct csv_row r;
		enum err_code rc = csv_reader_next(src->csv, &r, e);
		if (rc == ERR_INVALID)
			rc = ERR_REJECTED;
		if (rc == ERR_OK) {
			*cells = r.field;
			*n = r.n;
			*row = csv_reader_line(src->csv);
		}
		return rc;
	}
	struct xlsx_row r;
	enum err_code rc = xlsx_reader_next(src->xlsx, &r, e);
	if (rc == ERR_OK) {
		*cells = r.cells;
		*n = r.n;
		*row = r.row_number;
	}
	return rc;
}

/* A copy of s without leading and trailing ASCII blanks, U+3000 and NBSP. */
static char *trimmed(const char *s)
{
	size_t len = strlen(s), a = 0;
	for (;;) {
		if (a < len && strchr(" \t\r\n", s[a]))
			a++;
		else if (len - a >= 3 && memcmp(s + a, "\xe3\x80\x80", 3) == 0)
			a += 3;
		else if (len - a >= 2 && memcmp(s + a, "\xc2\xa0", 2) == 0)
			a += 2;
		else
			break;
	}
	for (;;) {
		if (len > a && strchr(" \t\r\n", s[len - 1]))
			len--;
		else if (len - a >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
			len -= 3;
		else if (len - a >= 2 && memcmp(s + len - 2, "\xc2\xa0", 2) == 0)
			len -= 2;
		else
			break;
	}
	char *out = xmalloc(len - a + 1);
	memcpy(out, s + a, len - a);
	out[len - a] = '\0';
	return out;
}

struct parse {
	const char *origin;
	const struct programme *p;
	const struct industry_codes *codes;
	int col[N_COLS];      /* column index of each field, -1 when absent */
	struct rule_set *rs;
	size_t cap;
	size_t *rows;         /* row of each rule, for duplicate messages */
	size_t problems;
	struct err first;
};

static void column_letters(int col, char out[8])
{
	char tmp[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* Record a problem in a cell; only the first one's message is kept. */
__attribute__((format(printf, 5, 6))) static void problem(struct parse *ps, size_t row, int field,
                                                         const char *why_en, const char *fmt, ...)
{
	if (ps->problems++ > 0)
		return;
	char letters[8];
	column_letters(ps->col[field], letters);
	char zh[256];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(zh, sizeof zh, fmt, ap);
	va_end(ap);
	(void)err_set(&ps->first, ERR_REJECTED, "%s: 第%zu行 %s列（%s）: %s (row %zu, column %s '%s': %s)",
	              ps->origin, row, letters, col_names[field], zh, row, letters, col_names[field],
	              why_en);
}

static const struct industry *find_industry(const struct programme *p, const char *s)
{
	const struct industry *ind = programme_industry(p, s);
	for (size_t i = 0; ind == NULL && i < p->n_industries; i++)
		if (strcmp(p->industries[i].name_zh, s) == 0 ||
		    (p->industries[i].full_name_zh && strcmp(p->industries[i].full_name_zh, s) == 0))
			ind = &p->industries[i];
	return ind;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "是", "yes", "true", "y", "部分", NULL};
	static const char *const no[] = {"", "0", "否", "no", "false", "n", NULL};
	for (size_t i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return (*out = true);
	for (size_t i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return !(*out = false);
	return false;
}

static bool all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void parse_row(struct parse *ps, const char *const *cells, size_t n, size_t row)
{
	char *v[N_COLS];
	for (int c = 0; c < N_COLS; c++)
		v[c] = trimmed(ps->col[c] >= 0 && (size_t)ps->col[c] < n ? cells[ps->col[c]] : "");
	size_t before = ps->problems;
	struct rule_row r = {0};

	errno = 0;
	char *end = NULL;
	unsigned long long id = strtoull(v[COL_ID], &end, 10);
	if (!all_digits(v[COL_ID]) || errno != 0 || id == 0 || id >= UINT32_MAX)
		problem(ps, row, COL_ID, "not a whole number from 1 to 4294967294",
		        "规则编号“%s”不是1至4294967294的整数", v[COL_ID]);
	r.id = (uint32_t)id;
	for (size_t i = 0; ps->problems == before && i < ps->rs->n; i++)
		if (ps->rs->rules[i].id == r.id) {
			char seen[64];
			(void)snprintf(seen, sizeof seen, "%s（第%zu行已用）", v[COL_ID], ps->rows[i]);
			problem(ps, row, COL_ID, "duplicate rule id",
			        "规则编号重复：%s", seen);
		}

	const struct industry *ind = find_industry(ps->p, v[COL_INDUSTRY]);
	if (ind == NULL)
		problem(ps, row, COL_INDUSTRY,
		        "unknown industry; use an id or Chinese name from `jiqun catalog list`",
		        "未知产业“%s”（应为产业代号或中文名，见 jiqun catalog list）", v[COL_INDUSTRY]);

	bool kind_ok = rule_kind_parse(v[COL_KIND], &r.kind);
	if (!kind_ok)
		problem(ps, row, COL_KIND, "kind must be class, keyword or exclude",
		        "规则类型“%s”无效，应为 class、keyword 或 exclude", v[COL_KIND]);

	bool partial = false;
	if (!parse_bool(v[COL_PARTIAL], &partial))
		problem(ps, row, COL_PARTIAL, "partial must be 0 or 1",
		        "“%s”应为 0 或 1", v[COL_PARTIAL]);

	if (kind_ok && r.kind == RULE_CLASS) {
		const struct industry_code *ic = industry_code_find(ps->codes, v[COL_CODE]);
		if (v[COL_CODE][0] == '\0')
			problem(ps, row, COL_CODE, "a class rule needs a code",
			        "行业代码规则缺少代码");
		else if (!all_digits(v[COL_CODE]) || ic == NULL || ic->level == INDUSTRY_SECTION)
			problem(ps, row, COL_CODE, "not a division, group or class of GB/T 4754-2017",
			        "“%s”不是GB/T 4754-2017的大类、中类或小类代码", v[COL_CODE]);
		if (v[COL_TEXT][0] != '\0')
			problem(ps, row, COL_TEXT, "a class rule takes no text",
			        "行业代码规则不应有关键词“%s”", v[COL_TEXT]);
	} else if (kind_ok) {
		if (v[COL_TEXT][0] == '\0')
			problem(ps, row, COL_TEXT, "empty keyword",
			        "关键词为空");
		if (v[COL_CODE][0] != '\0')
			problem(ps, row, COL_CODE, "a keyword or exclude rule takes no code",
			        "关键词规则不应有行业代码“%s”", v[COL_CODE]);
		if (partial)
			problem(ps, row, COL_PARTIAL, "only class rules can be partial",
			        "只有行业代码规则可标为部分属于");
	}

	if (ps->problems == before) {
		if (ps->rs->n == ps->cap) {
			ps->cap = ps->cap ? 2 * ps->cap : 256;
			ps->rs->rules = xrealloc(ps->rs->rules, ps->cap * sizeof *ps->rs->rules);
			ps->rows = xrealloc(ps->rows, ps->cap * sizeof *ps->rows);
		}
		r.industry = xstrdup(ind->id);
		r.code = r.kind == RULE_CLASS ? xstrdup(v[COL_CODE]) : xstrdup("");
		r.text = r.kind == RULE_CLASS ? xstrdup("") : xstrdup(v[COL_TEXT]);
		r.partial = partial;
		r.reason = xstrdup(v[COL_REASON]);
		ps->rows[ps->rs->n] = row;
		ps->rs->rules[ps->rs->n++] = r;
	}
	for (int c = 0; c < N_COLS; c++)
		free(v[c]);
}

static enum err_code read_header(struct parse *ps, const char *const *cells, size_t n,
                                 struct err *e)
{
	size_t *lens = xcalloc(n ? n : 1, sizeof *lens);
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(cells[i]);
	struct csv_row header = {.n = n, .field = cells, .len = lens};
	enum err_code rc = ERR_OK;
	for (int c = 0; c < N_COLS; c++) {
		ps->col[c] = csv_header_index(&header, col_aliases[c]);
		bool optional = c == COL_PARTIAL || c == COL_REASON || c == COL_CODE || c == COL_TEXT;
		if (ps->col[c] < 0 && !optional && rc == ERR_OK)
			rc = err_set(e, ERR_REJECTED, "%s: 第1行缺少“%s”列，规则文件的表头应为 "
			             "rule_id,industry,kind,code,text,partial,reason "
			             "(no column '%s' in the header)",
			             ps->origin, col_aliases[c][1], col_names[c]);
	}
	free(lens);
	return rc;
}

static bool blank_row(const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cells[i][0] != '\0')
			return false;
	return true;
}

static enum err_code parse_source(struct source *src, const char *origin,
                                  const struct programme *p, const struct industry_codes *codes,
                                  struct rule_set **out, struct err *e)
{
	struct parse ps = {.origin = origin, .p = p, .codes = codes, .rs = rules_new(0)};
	const char *const *cells = NULL;
	size_t n = 0, row = 0;
	enum err_code rc = source_next(src, &cells, &n, &row, e);
	if (rc == ERR_NOT_FOUND)
		rc = err_set(e, ERR_REJECTED, "%s: 文件为空 (the rule file is empty)", origin);
	if (rc == ERR_OK)
		rc = read_header(&ps, cells, n, e);
	while (rc == ERR_OK && (rc = source_next(src, &cells, &n, &row, e)) == ERR_OK) {
		if (blank_row(cells, n))
			continue;
		if (ps.rs->n >= RULES_MAX_RULES) {
			rc = err_set(e, ERR_REJECTED, "%s: 规则超过%u条 (more than %u rules)", origin,
			             RULES_MAX_RULES, RULES_MAX_RULES);
			break;
		}
		parse_row(&ps, cells, n, row);
	}
	if (rc == ERR_NOT_FOUND)
		rc = ERR_OK;
	if (rc == ERR_OK && ps.problems > 0) {
		*e = ps.first;
		if (ps.problems > 1) {
			size_t len = strlen(e->msg);
			(void)snprintf(e->msg + len, sizeof e->msg - len, "；另有%zu处问题 (and %zu more problems)",
			               ps.problems - 1, ps.problems - 1);
		}
		rc = ERR_REJECTED;
	}
	if (rc == ERR_OK && ps.rs->n == 0)
		rc = err_set(e, ERR_REJECTED, "%s: 没有规则 (no rules in the file)", origin);
	free(ps.rows);
	if (rc != ERR_OK) {
		rules_free(ps.rs);
		*out = NULL;
		return rc;
	}
	*out = ps.rs;
	return ERR_OK;
}

enum err_code rules_parse_csv(const char *data, size_t len, const char *origin,
                              const struct programme *p, const struct industry_codes *codes,
                              struct rule_set **out, struct err *e)
{
	char *utf8 = NULL;
	size_t utf8_len = 0;
	*out = NULL;
	if (len > RULES_MAX_FILE)
		return err_set(e, ERR_REJECTED, "%s: 文件过大 (larger than %zu MiB)", origin,
		               RULES_MAX_FILE >> 20);
	enum err_code rc = encoding_to_utf8(data, len, encoding_detect(data, len), &utf8, &utf8_len, e);
	if (rc != ERR_OK) {
		char msg[sizeof e->msg];
		(void)snprintf(msg, sizeof msg, "%s", e->msg);
		return err_set(e, ERR_REJECTED, "%s: %s", origin, msg);
	}
	struct source src = {.csv = csv_reader_new(utf8, utf8_len, origin)};
	rc = parse_source(&src, origin, p, codes, out, e);
	csv_reader_free(src.csv);
	free(utf8);
	if (rc == ERR_OK)
		sha256_hex(data, len, (*out)->sha256);
	return rc;
}

static bool ends_with_xlsx(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

static enum err_code read_all(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	buf_init(&b, RULES_MAX_FILE);
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法读取 (cannot read): %s", path, strerror(errno));
	char chunk[65536];
	size_t n;
	enum err_code rc = ERR_OK;
	while (rc == ERR_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&b, chunk, n) != ERR_OK)
			rc = err_set(e, ERR_REJECTED, "%s: 文件过大 (larger than %zu MiB)", path,
			             RULES_MAX_FILE >> 20);
	if (rc == ERR_OK && ferror(f))
		rc = err_set(e, ERR_IO, "%s: 无法读取 (cannot read): %s", path, strerror(errno));
	(void)fclose(f);
	*len = b.len;
	*out = buf_take(&b);
	buf_free(&b);
	if (rc != ERR_OK) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

enum err_code rules_read_file(const char *path, const struct programme *p,
                              const struct industry_codes *codes, struct rule_set **out,
                              struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	*out = NULL;
	enum err_code rc = read_all(path, &data, &len, e);
	if (rc != ERR_OK)
		return rc;
	if (!ends_with_xlsx(path)) {
		rc = rules_parse_csv(data ? data : "", len, path, p, codes, out, e);
		free(data);
		return rc;
	}
	struct source src = {0};
	rc = xlsx_reader_open(path, NULL, &src.xlsx, e);
	if (rc == ERR_OK)
		rc = parse_source(&src, path, p, codes, out, e);
	xlsx_reader_free(src.xlsx);
	if (rc == ERR_OK)
		sha256_hex(data ? data : "", len, (*out)->sha256);
	free(data);
	return rc;
}

enum err_code rules_builtin(const struct programme *p, const struct industry_codes *codes,
                            struct rule_set **out, struct err *e)
{
	const struct embed_file *f = embed_find(RULES_BUILTIN_PATH);
	*out = NULL;
	if (f == NULL)
		return err_set(e, ERR_INTERNAL, "built-in rule set %s missing from this build",
		               RULES_BUILTIN_PATH);
	enum err_code rc = rules_parse_csv((const char *)f->data, f->len, RULES_BUILTIN_PATH, p, codes,
	                                   out, e);
	if (rc != ERR_OK)
		e->code = ERR_INTERNAL;
	return rc == ERR_OK ? ERR_OK : ERR_INTERNAL;
}

/* ---- writing ---- */

static void row_fields(const struct rule_row *r, char id[16], const char *f[N_COLS])
{
	(void)snprintf(id, 16, "%u", r->id);
	f[COL_ID] = id;
	f[COL_INDUSTRY] = r->industry;
	f[COL_KIND] = rule_kind_name(r->kind);
	f[COL_CODE] = r->code;
	f[COL_TEXT] = r->text;
	f[COL_PARTIAL] = r->kind == RULE_CLASS ? (r->partial ? "1" : "0") : "";
	f[COL_REASON] = r->reason;
}

enum err_code rules_write_csv(const struct rule_set *rs, const char *path, struct err *e)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (f == NULL)
		return err_set(e, ERR_IO, "%s: 无法写入 (cannot write): %s", path, strerror(errno));
	bool ok = csv_write_bom(f) && csv_write_row(f, col_names, N_COLS);
	for (size_t i = 0; ok && i < rs->n; i++) {
		char id[16];
		const char *fields[N_COLS];
		row_fields(&rs->rules[i], id, fields);
		ok = csv_write_row(f, fields, N_COLS);
	}
	if (fflush(f) != 0)
		ok = false;
	if (path && fclose(f) != 0)
		ok = false;
	return ok ? ERR_OK : err_set(e, ERR_IO, "%s: 写入失败 (write failed): %s",
	                             path ? path : "stdout", strerror(errno));
}

enum err_code rules_write_xlsx(const struct rule_set *rs, const char *path, struct err *e)
{
	struct xlsx_writer *w = NULL;
	enum err_code rc = xlsx_writer_open(path, "rules", &w, e);
	if (rc == ERR_OK)
		rc = xlsx_writer_header(w, col_names, N_COLS, e);
	for (size_t i = 0; rc == ERR_OK && i < rs->n; i++) {
		char id[16];
		const char *fields[N_COLS];
		struct xlsx_cell cells[N_COLS];
		row_fields(&rs->rules[i], id, fields);
		for (int c = 0; c < N_COLS; c++)
			cells[c] = (struct xlsx_cell){.kind = fields[c][0] ? XLSX_TEXT : XLSX_EMPTY,
			                              .text = fields[c]};
		rc = xlsx_writer_row(w, cells, N_COLS, e);
	}
	if (rc == ERR_OK)
		return xlsx_writer_close(w, e);
	xlsx_writer_free(w);
	return rc;
}

/* ---- to the engine ---- */

enum err_code rules_compile(const struct rule_set *rs, const struct programme *p,
                            struct rule **out, struct err *e)
{
	struct rule *r = xcalloc(rs->n ? rs->n : 1, sizeof *r);
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule_row *row = &rs->rules[i];
		const struct industry *ind = programme_industry(p, row->industry);
		if (ind == NULL) {
			free(r);
			*out = NULL;
			return err_set(e, ERR_INVALID, "规则 %u 的产业 %s 不在当前产业目录中 "
			               "(rule %u: industry %s is not in the programme)",
			               row->id, row->industry, row->id, row->industry);
		}
		r[i] = (struct rule){.id = row->id, .industry = (unsigned)(ind - p->industries),
		                     .kind = row->kind, .code = row->code, .text = row->text,
		                     .partial = row->partial};
	}
	*out = r;
	return ERR_OK;
}
