/*
 * industry_codes.h - the national economic industry classification GB/T 4754-2017 (with amendment
 * No.1, 2019), built into the binary: 20 sections (门类, A-T), 97 divisions (大类, 2 digits),
 * 473 groups (中类, 3 digits) and 1,382 classes (小类, 4 digits).
 *
 * The table is data/gbt4754-2017/codes.csv (its README gives the origin and the amendment),
 * embedded as INDUSTRY_CODES_BUILTIN_PATH. Load it once at start-up and share it: a loaded table
 * is never modified, so any number of threads may read it. The caller owns the table from
 * industry_codes_load/_parse and releases it with industry_codes_free; every pointer it hands out
 * (entries and their strings) lives as long as the table.
 * Note for data coded under the 2017 text before the amendment: there 9231 was 人民法院 and 9232
 * 人民检察院; now 9231 is 监察委员会, 9232 人民法院, 9233 人民检察院.
 */
#ifndef JIQUN_CATALOG_INDUSTRY_CODES_H
#define JIQUN_CATALOG_INDUSTRY_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Logical path of the built-in table in the embedded files. */
#define INDUSTRY_CODES_BUILTIN_PATH "gbt4754/codes.csv"

enum industry_level {
	INDUSTRY_SECTION,  /* 门类, "A".."T" */
	INDUSTRY_DIVISION, /* 大类, "01".."97" */
	INDUSTRY_GROUP,    /* 中类, 3 digits */
	INDUSTRY_CLASS     /* 小类, 4 digits */
};

struct industry_code {
	const char *code;        /* "3973" */
	enum industry_level level;
	const char *name;        /* 集成电路制造 */
	const char *parent;      /* "397"; NULL for a section */
	const char *section;     /* "C"; a section's own code for a section */
	const char *description; /* the standard's note, "" when it has none */
};

struct industry_codes;

/*
 * Parse the built-in table into *out (about 2,000 entries). Fails only on a bad build: ERR_INTERNAL
 * when the table is missing, ERR_INVALID naming the line when it is broken.
 */
enum err_code industry_codes_load(struct industry_codes **out /* OUT */, struct err *e);

/*
 * Parse a table in the same CSV shape (header `code,level,name,parent_code,section,description`)
 * from `len` bytes of `text`, which is copied. `origin` names it in messages. The table must be
 * consistent: codes shaped as their level and unique; each parent in the table and one level up;
 * each group's and class's code starting with its parent's; each section the parent's. On
 * failure *out is NULL and the message names the line: ERR_INVALID.
 */
enum err_code industry_codes_parse(const char *text, size_t len, const char *origin,
                                   struct industry_codes **out /* OUT */, struct err *e);

void industry_codes_free(struct industry_codes *c);

/* Number of entries, all levels. */
size_t industry_codes_count(const struct industry_codes *c);
/* Entry `i` (0 <= i < count) in the standard's order: each code followed by its descendants. */
const struct industry_code *industry_code_at(const struct industry_codes *c, size_t i);

/* The entry for `code` (exact, upper-case section letters), or NULL. O(log n). */
const struct industry_code *industry_code_find(const struct industry_codes *c, const char *code);

/* Whether `code` is a class (小类), the level an enterprise is coded at. */
bool industry_code_is_class(const struct industry_codes *c, const char *code);

/*
 * Children in code order: the number of children of `parent` (an entry of `c`, or NULL for the
 * root, whose children are the 20 sections), and the k-th of them, NULL when k is past the last:
 *	for (size_t k = 0; (ch = industry_code_child(c, p, k)) != NULL; k++) ...
 * A class has none.
 */
size_t industry_code_n_children(const struct industry_codes *c,
                                const struct industry_code *parent);
const struct industry_code *industry_code_child(const struct industry_codes *c,
                                                const struct industry_code *parent, size_t k);

/* Level names: "section", "division", "group", "class"; 门类, 大类, 中类, 小类. */
const char *industry_level_name(enum industry_level l);
const char *industry_level_label_zh(enum industry_level l);

#endif
