/*
 * industry_codes.c - the built-in GB/T 4754-2017 table: a small parser for its CSV, the
 * consistency checks, lookups and children; see industry_codes.h.
 *
 * The parser reads exactly this file's shape (6 fields, RFC 4180 quotes, LF or CRLF) in place in
 * a copy of the text: fields become NUL-terminated strings that the entries point into. General
 * CSV reading (encodings, sniffing, user files) is io/csv.c's job, not this one's.
 */
#include "catalog/industry_codes.h"

#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/mem.h"

#define N_FIELDS 6

static const char *const header[N_FIELDS] = {"code", "level", "name", "parent_code", "section",
                                             "description"};

static const struct {
	const char *name, *label_zh;
	size_t code_len;
} levels[] = {
	[INDUSTRY_SECTION] = {"section", "门类", 1},
	[INDUSTRY_DIVISION] = {"division", "大类", 2},
	[INDUSTRY_GROUP] = {"group", "中类", 3},
	[INDUSTRY_CLASS] = {"class", "小类", 4},
};
#define N_LEVELS (sizeof levels / sizeof levels[0])

struct code_index {
	const char *code;
	size_t item; /* index in items */
};

struct industry_codes {
	char *text;                           /* the copy the strings point into */
	struct industry_code *items;          /* file order */
	size_t n;
	struct code_index *sorted;            /* by code */
	size_t *kids;                         /* item indices grouped by parent, in code order */
	size_t *kid_off;                      /* item i's children: kids[kid_off[i] .. kid_off[i+1]); */
	                                      /* i == n for the root, whose children are the sections */
};

/* Reading position in the copied text. */
struct reader {
	char *p, *end;
	int line; /* of p, 1-based */
	const char *origin;
};

/*
 * Read one record into f[] (at most N_FIELDS fields, NUL-terminated in place); *nf receives the
 * number of fields. The reader then points at the next record.
 */
static enum err_code read_record(struct reader *r, char *f[N_FIELDS], size_t *nf, struct err *e)
{
	int start_line = r->line;
	*nf = 0;
	for (;;) {
		char *field = r->p, *w, *q = r->p;
		if (q < r->end && *q == '"') {
			w = q++;
			for (;;) {
				if (q >= r->end)
					return err_set(e, ERR_INVALID, "%s: line %d: unterminated quoted field",
					               r->origin, start_line);
				if (*q == '"' && q + 1 < r->end && q[1] == '"') {
					*w++ = '"';
					q += 2;
				} else if (*q == '"') {
					q++;
					break;
				} else {
					if (*q == '\n')
						r->line++;
					*w++ = *q++;
				}
			}
		} else {
			while (q < r->end && *q != ',' && *q != '\r' && *q != '\n') {
				if (*q == '"')
					return err_set(e, ERR_INVALID, "%s: line %d: quote inside an unquoted field",
					               r->origin, r->line);
				q++;
			}
			w = q;
		}
		/* q is at the terminator: ',', end of line or end of text. */
		char term = '\0';
		if (q < r->end)
			term = *q;
		if (term != ',' && term != '\r' && term != '\n' && term != '\0')
			return err_set(e, ERR_INVALID, "%s: line %d: text after a closing quote", r->origin,
			               r->line);
		if (term == '\r' && (q + 1 >= r->end || q[1] != '\n'))
			return err_set(e, ERR_INVALID, "%s: line %d: carriage return without line feed",
			               r->origin, r->line);
		if (*nf == N_FIELDS)
			return err_set(e, ERR_INVALID, "%s: line %d: more than %d fields", r->origin,
			               start_line, N_FIELDS);
		*w = '\0';
		f[(*nf)++] = field;
		if (term == ',') {
			r->p = q + 1;
			continue;
		}
		r->p = term == '\0' ? r->end : q + (term == '\r' ? 2 : 1);
		if (term != '\0')
			r->line++;
		return ERR_OK;
	}
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_index *)a)->code, ((const struct code_index *)b)->code);
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct code_index *)elem)->code);
}

static bool is_section_letter(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'T' && s[1] == '\0';
}

static bool code_shaped(const char *s, enum industry_level l)
{
	if (l == INDUSTRY_SECTION)
		return is_section_letter(s);
	size_t n = strlen(s);
	if (n != levels[l].code_len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Check one row's fields on their own; fill `it`. */
static enum err_code check_row(char *f[N_FIELDS], struct industry_code *it, const char *origin,
                               int line, struct err *e)
{
	size_t l = 0;
	while (l < N_LEVELS && strcmp(f[1], levels[l].label_zh) != 0)
		l++;
	if (l == N_LEVELS)
		return err_set(e, ERR_INVALID, "%s: line %d: level \"%s\" is not 门类, 大类, 中类 or 小类",
		               origin, line, f[1]);
	it->level = (enum industry_level)l;
	if (!code_shaped(f[0], it->level))
		return err_set(e, ERR_INVALID, "%s: line %d: code \"%s\" is not shaped as a %s "
		               "(A-T or %zu digits)", origin, line, f[0], levels[l].label_zh,
		               levels[l].code_len);
	if (f[2][0] == '\0')
		return err_set(e, ERR_INVALID, "%s: line %d: code %s has no name", origin, line, f[0]);
	if ((it->level == INDUSTRY_SECTION) != (f[3][0] == '\0'))
		return err_set(e, ERR_INVALID, "%s: line %d: code %s: only sections have no parent",
		               origin, line, f[0]);
	if (!is_section_letter(f[4]) ||
	    (it->level == INDUSTRY_SECTION && strcmp(f[4], f[0]) != 0))
		return err_set(e, ERR_INVALID, "%s: line %d: code %s: bad section \"%s\"", origin, line,
		               f[0], f[4]);
	it->code = f[0];
	it->name = f[2];
	it->parent = f[3][0] ? f[3] : NULL;
	it->section = f[4];
	it->description = f[5];
	return ERR_OK;
}

/*
 * Read the rows after the header into c->items, which has room for `cap` (a record takes at least
 * one line); lines[i] receives item i's line.
 */
static enum err_code read_rows(struct reader *r, struct industry_codes *c, size_t cap, int *lines,
                               struct err *e)
{
	while (r->p < r->end) {
		char *f[N_FIELDS];
		size_t nf;
		int line = r->line;
		enum err_code rc = read_record(r, f, &nf, e);
		if (rc != ERR_OK)
			return rc;
		if (nf != N_FIELDS)
			return err_set(e, ERR_INVALID, "%s: line %d: %zu fields, expected %d", r->origin,
			               line, nf, N_FIELDS);
		if (c->n == cap)
			return err_set(e, ERR_INTERNAL, "%s: line %d: more records than lines", r->origin,
			               line);
		rc = check_row(f, &c->items[c->n], r->origin, line, e);
		if (rc != ERR_OK)
			return rc;
		lines[c->n++] = line;
	}
	if (c->n == 0)
		return err_set(e, ERR_INVALID, "%s: no codes after the header", r->origin);
	return ERR_OK;
}

/* Sort, then check uniqueness and every parent link; build the children lists. */
static enum err_code link_rows(struct industry_codes *c, const int *lines, const char *origin,
                               struct err *e)
{
	c->sorted = xcalloc(c->n, sizeof *c->sorted);
	for (size_t i = 0; i < c->n; i++)
		c->sorted[i] = (struct code_index){c->items[i].code, i};
	qsort(c->sorted, c->n, sizeof *c->sorted, cmp_code);
	for (size_t k = 1; k < c->n; k++)
		if (strcmp(c->sorted[k - 1].code, c->sorted[k].code) == 0)
			return err_set(e, ERR_INVALID, "%s: line %d: code %s appears twice", origin,
			               lines[c->sorted[k].item], c->sorted[k].code);
	/* parent index of each item, c->n for the root */
	size_t *up = xcalloc(c->n, sizeof *up);
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < c->n && rc == ERR_OK; i++) {
		const struct industry_code *it = &c->items[i];
		up[i] = c->n;
		if (it->level == INDUSTRY_SECTION)
			continue;
		const struct industry_code *p = industry_code_find(c, it->parent);
		if (p == NULL)
			rc = err_set(e, ERR_INVALID, "%s: line %d: code %s: parent %s is not in the table",
			             origin, lines[i], it->code, it->parent);
		else if (p->level + 1 != it->level ||
		         (it->level != INDUSTRY_DIVISION &&
		          strncmp(it->code, p->code, strlen(p->code)) != 0))
			rc = err_set(e, ERR_INVALID, "%s: line %d: code %s cannot be a child of %s",
			             origin, lines[i], it->code, p->code);
		else if (strcmp(it->section, p->section) != 0)
			rc = err_set(e, ERR_INVALID, "%s: line %d: code %s: section %s, but its parent %s "
			             "is in %s", origin, lines[i], it->code, it->section, p->code,
			             p->section);
		else
			up[i] = (size_t)(p - c->items);
	}
	if (rc == ERR_OK) {
		/* Counting sort by parent, visiting items in code order. */
		c->kid_off = xcalloc(c->n + 2, sizeof *c->kid_off);
		for (size_t i = 0; i < c->n; i++)
			c->kid_off[up[i] + 1]++;
		for (size_t i = 0; i <= c->n; i++)
			c->kid_off[i + 1] += c->kid_off[i];
		size_t *fill = xcalloc(c->n + 1, sizeof *fill);
		memcpy(fill, c->kid_off, (c->n + 1) * sizeof *fill);
		c->kids = xcalloc(c->n, sizeof *c->kids);
		for (size_t k = 0; k < c->n; k++) {
			size_t i = c->sorted[k].item;
			c->kids[fill[up[i]]++] = i;
		}
		free(fill);
	}
	free(up);
	return rc;
}

enum err_code industry_codes_parse(const char *text, size_t len, const char *origin,
                                   struct industry_codes **out, struct err *e)
{
	*out = NULL;
	if (memchr(text, '\0', len) != NULL)
		return err_set(e, ERR_INVALID, "%s: contains a NUL byte", origin);
	size_t cap = 1; /* records after the header: at most the number of line ends */
	for (const char *q = text; (q = memchr(q, '\n', len - (size_t)(q - text))) != NULL; q++)
		cap++;
	struct industry_codes *c = xcalloc(1, sizeof *c);
	c->items = xcalloc(cap, sizeof *c->items);
	int *lines = xcalloc(cap, sizeof *lines);
	c->text = xmalloc(len + 1);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	struct reader r = {c->text, c->text + len, 1, origin};
	if (len >= 3 && memcmp(r.p, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	char *f[N_FIELDS];
	size_t nf;
	enum err_code rc = read_record(&r, f, &nf, e);
	if (rc == ERR_OK) {
		bool ok = nf == N_FIELDS;
		for (size_t i = 0; ok && i < N_FIELDS; i++)
			ok = strcmp(f[i], header[i]) == 0;
		if (!ok)
			rc = err_set(e, ERR_INVALID, "%s: line 1: the header must be "
			             "code,level,name,parent_code,section,description", origin);
	}
	if (rc == ERR_OK)
		rc = read_rows(&r, c, cap, lines, e);
	if (rc == ERR_OK)
		rc = link_rows(c, lines, origin, e);
	free(lines);
	if (rc == ERR_OK)
		*out = c;
	else
		industry_codes_free(c);
	return rc;
}

enum err_code industry_codes_load(struct industry_codes **out, struct err *e)
{
	const struct embed_file *f = embed_find(INDUSTRY_CODES_BUILTIN_PATH);
	if (f == NULL) {
		*out = NULL;
		return err_set(e, ERR_INTERNAL, "the built-in industry codes are missing from this build");
	}
	return industry_codes_parse((const char *)f->data, f->len,
	                            "built-in " INDUSTRY_CODES_BUILTIN_PATH, out, e);
}

void industry_codes_free(struct industry_codes *c)
{
	if (c == NULL)
		return;
	free(c->text);
	free(c->items);
	free(c->sorted);
	free(c->kids);
	free(c->kid_off);
	free(c);
}

size_t industry_codes_count(const struct industry_codes *c)
{
	return c->n;
}

const struct industry_code *industry_code_at(const struct industry_codes *c, size_t i)
{
	return i < c->n ? &c->items[i] : NULL;
}

const struct industry_code *industry_code_find(const struct industry_codes *c, const char *code)
{
	if (code == NULL || c->sorted == NULL)
		return NULL;
	const struct code_index *p = bsearch(code, c->sorted, c->n, sizeof *c->sorted, cmp_key);
	return p ? &c->items[p->item] : NULL;
}

bool industry_code_is_class(const struct industry_codes *c, const char *code)
{
	const struct industry_code *it = industry_code_find(c, code);
	return it != NULL && it->level == INDUSTRY_CLASS;
}

/* Index of `parent` in c->kid_off: its item index, or c->n for NULL (the root). */
static size_t kid_slot(const struct industry_codes *c, const struct industry_code *parent)
{
	return parent ? (size_t)(parent - c->items) : c->n;
}

size_t industry_code_n_children(const struct industry_codes *c,
                                const struct industry_code *parent)
{
	size_t i = kid_slot(c, parent);
	return c->kid_off[i + 1] - c->kid_off[i];
}

const struct industry_code *industry_code_child(const struct industry_codes *c,
                                                const struct industry_code *parent, size_t k)
{
	size_t i = kid_slot(c, parent);
	return k < c->kid_off[i + 1] - c->kid_off[i] ? &c->items[c->kids[c->kid_off[i] + k]] : NULL;
}

const char *industry_level_name(enum industry_level l)
{
	return (size_t)l < N_LEVELS ? levels[l].name : "";
}

const char *industry_level_label_zh(enum industry_level l)
{
	return (size_t)l < N_LEVELS ? levels[l].label_zh : "";
}
