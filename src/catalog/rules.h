/*
 * rules.h - classification rule sets as data: reading, checking and writing the file a
 * statistician edits (CSV or XLSX, UTF-8 or GB18030), and turning a set into the engine's rules
 * (engine/classify.h says what each kind of rule means).
 *
 * The file has one header row and one rule per row. Columns (English or Chinese header, any
 * order): rule_id/规则编号, industry/产业 (id or Chinese name), kind/类型 (class|keyword|exclude,
 * or 行业代码|关键词|排除), code/行业代码 (class rules: 2-4 digits of GB/T 4754-2017), text/关键词
 * (keyword and exclude rules), partial/部分 (class rules: 1 when the class is only partly in
 * scope; 0/1, 是/否, yes/no), reason/依据 (the policy clause and phrase; free text).
 * A set is accepted whole or not at all: every problem is checked, and the message names the
 * file, row (as the spreadsheet shows it), column and reason of the first, with the number of
 * others.
 *
 * The built-in set is data/rules/shenzhen-20plus8.csv, embedded as RULES_BUILTIN_PATH.
 * Ownership: a struct rule_set and all its strings belong to it; rules_free releases it.
 */
#ifndef JIQUN_CATALOG_RULES_H
#define JIQUN_CATALOG_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/sha256.h"
#include "catalog/industry_codes.h"
#include "engine/classify.h"
#include "model/programme.h"

#define RULES_BUILTIN_PATH "rules/shenzhen-20plus8.csv"
#define RULES_MAX_FILE ((size_t)64 << 20) /* largest rule file read (64 MiB) */
#define RULES_MAX_RULES 1000000u

struct rule_row {
	uint32_t id;          /* 1 .. UINT32_MAX-1, unique in the set */
	char *industry;       /* industry id of the programme */
	enum rule_kind kind;
	char *code;           /* RULE_CLASS: the code; "" otherwise */
	char *text;           /* RULE_KEYWORD / RULE_EXCLUDE: the phrase; "" otherwise */
	bool partial;
	char *reason;         /* may be "" */
};

struct rule_set {
	struct rule_row *rules;
	size_t n;
	char sha256[SHA256_HEX_LEN + 1]; /* of the bytes read (the file, or the stored version's) */
	/* Set when it comes from the store (store_rules_load), else 0 / NULL. */
	int version;
	char *name, *source, *created_at;
	bool active;
};

/*
 * Parse a rule set from `len` bytes of CSV in UTF-8 or GB18030; `origin` names it in messages.
 * Industries are checked against `p`, class codes against `codes`. ERR_REJECTED: a bad row
 * (naming row and column), or not a rule file (no header, missing columns, bad encoding, too
 * large). On failure *out is NULL.
 */
enum err_code rules_parse_csv(const char *data, size_t len, const char *origin,
                              const struct programme *p, const struct industry_codes *codes,
                              struct rule_set **out /* OUT */, struct err *e);

/* Read the file at `path`: .xlsx (its first sheet) or anything else as CSV. Errors as above,
 * ERR_IO when it cannot be read. The checksum is of the file's bytes. */
enum err_code rules_read_file(const char *path, const struct programme *p,
                              const struct industry_codes *codes, struct rule_set **out /* OUT */,
                              struct err *e);

/* The built-in rule set. ERR_INTERNAL only on a bad build. */
enum err_code rules_builtin(const struct programme *p, const struct industry_codes *codes,
                            struct rule_set **out /* OUT */, struct err *e);

/* Build an empty set the caller fills (the store does): n rules, zeroed. */
struct rule_set *rules_new(size_t n);
void rules_free(struct rule_set *rs);

/* Write the set with the English header, the same shape it is read in. `path` NULL: stdout
 * (CSV only). */
enum err_code rules_write_csv(const struct rule_set *rs, const char *path, struct err *e);
enum err_code rules_write_xlsx(const struct rule_set *rs, const char *path, struct err *e);

/* "class", "keyword", "exclude"; and the Chinese 行业代码, 关键词, 排除. */
const char *rule_kind_name(enum rule_kind k);
const char *rule_kind_label_zh(enum rule_kind k);
bool rule_kind_parse(const char *s, enum rule_kind *out /* OUT */);

/*
 * The engine's rules for `rs`: *out receives rs->n rules (free() the array; its strings point
 * into rs, so keep rs alive while it is used), with each industry as its index in
 * p->industries. ERR_INVALID when a rule's industry is not in `p` (a stored set from another
 * programme).
 */
enum err_code rules_compile(const struct rule_set *rs, const struct programme *p,
                            struct rule **out /* OUT */, struct err *e);

#endif
