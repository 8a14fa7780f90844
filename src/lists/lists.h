/*
 * lists.h - the programme's lists: the "six ones" and "seven ones" of policy part 四（一）
 * (enterprise list, enterprise x industry listings, investment leads, key projects, innovation
 * platforms, policy toolkit, and the organisations: funds, expos, forums, associations, alliances,
 * teams, consulting institutions, chain chiefs and commissioners).
 *
 * Each list is described once, as data (struct list_def in lists.c): its fields with their Chinese
 * template headers, types, natural key and checks. Everything generic works from that one
 * description: reading a row of text into a validated record (this module), storing and querying
 * records (store/), CSV/XLSX import and export (cli/, http/), the JSON API. Adding a field means
 * adding a line to a table and a column to a migration.
 *
 * Not for: reading files (io/), SQL (store/).
 * Ownership: list definitions are static. A struct record owns its values (record_free); a struct
 * issues owns its entries (issues_free). Thread-safe: nothing here has state.
 */
#ifndef JIQUN_LISTS_LISTS_H
#define JIQUN_LISTS_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "model/programme.h"

struct industry_codes;

enum field_type {
	FT_TEXT,          /* free text up to max_len characters */
	FT_INT,           /* a whole number >= 0 */
	FT_AMOUNT,        /* money: files and forms in 万元, stored in yuan; >= 0 */
	FT_DATE,          /* YYYY-MM-DD (also read: YYYY/M/D, YYYY.M.D, YYYY年M月D日) */
	FT_ENUM,          /* one of `values` */
	FT_BOOL,          /* 是/否 (also read: Y/N, yes/no, true/false, 1/0, √) */
	FT_USCC,          /* unified social credit code, checksum validated */
	FT_DISTRICT,      /* a district of the programme: stored as its id, shown as its name */
	FT_INDUSTRY,      /* one industry of the programme: id or Chinese name; stored as id */
	FT_INDUSTRIES,    /* several industries separated by 、，,；; stored as ids joined by ',' */
	FT_INDUSTRY_CODE, /* a GB/T 4754-2017 class (4 digits) */
	FT_DECIMAL        /* a decimal number >= 0 in the unit its header states (km², degrees) */
};

struct field_def {
	const char *name;            /* column and JSON name, e.g. "uscc" */
	const char *header_zh;       /* template header, e.g. "统一社会信用代码" */
	const char *const *aliases;  /* other accepted headers (NULL-terminated) or NULL */
	enum field_type type;
	bool required;
	bool key;                    /* part of the list's natural key */
	const char *const *values;   /* FT_ENUM: the accepted values, NULL-terminated */
	unsigned max_len;            /* FT_TEXT: most characters; 0 means 2000 */
};

struct record;
struct issues;

struct list_def {
	const char *name;     /* "enterprises", as in `jiqun import enterprises FILE` */
	const char *title_zh; /* 企业名录 */
	const char *table;    /* its SQL table (store/schema) */
	const struct field_def *fields;
	size_t n_fields;
	/*
	 * Checks across fields of one record (dates in order, ...); NULL when there are none.
	 * Issues name columns[field] (the file's header for it), or the template header when
	 * `columns` is NULL.
	 */
	void (*check)(const struct list_def *l, const struct record *rec, const char *const *columns,
	              struct issues *out);
};

/* A field's value: `text` for text-like types, `num` for numbers and booleans; NULL-able. */
struct value {
	bool null;
	char *text;
	double num;
};

struct record {
	struct value *v;  /* one per field of the list, in field order */
	size_t n;
	unsigned row;     /* row in the source file (1-based, header is row 1), 0 if none */
	long long id;     /* stored id, 0 when not stored */
	char *source;     /* where a stored record came from ("demo", "api", a file); NULL if new */
};

/* One problem with one value: where, what, why. Messages are Chinese; codes are English. */
struct issue {
	unsigned row;
	char *column;  /* the header as the file has it, or the field name */
	char *value;   /* the offending text as given */
	const char *code; /* "checksum", "unknown_district", "duplicate_in_file", ... */
	char *message;
};

struct issues {
	struct issue *items;
	size_t n, cap;
};

/* Everything parsing needs to know of the world. */
struct list_ctx {
	const struct programme *programme;
	const struct industry_codes *codes;
};

/* The lists, in the order the policy names them; NULL-terminated. */
extern const struct list_def *const lists_all[];
/* The list called `name`, or NULL. */
const struct list_def *list_find(const char *name);
/* Index of field `name` in `l`, or -1. */
int list_field_index(const struct list_def *l, const char *name);
/* Index of the field a header names (its header_zh, an alias or its name), or -1. */
int list_field_for_header(const struct list_def *l, const char *header);

void record_init(struct record *r, const struct list_def *l);
void record_free(struct record *r);

void issues_add(struct issues *is, unsigned row, const char *column, const char *value,
                const char *code, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void issues_free(struct issues *is);

/*
 * Parse `text` (one cell, UTF-8, may be NULL or empty) as field `f` into *out. On a problem adds
 * an issue naming `row` and `column` and returns false. Empty text is null (an issue when the
 * field is required).
 */
bool field_parse(const struct list_ctx *ctx, const struct field_def *f, const char *text,
                 unsigned row, const char *column, struct value *out, struct issues *is);

/*
 * Format a stored value as a file cell would show it: amounts in 万元, booleans 是/否, districts
 * and industries by Chinese name. Returns a malloc'd string ("" for null).
 */
char *field_format(const struct list_ctx *ctx, const struct field_def *f, const struct value *v);

/* The natural key of a record as one string (fields joined by U+001F); malloc'd. */
char *record_key(const struct list_def *l, const struct record *r);

#endif
