/*
 * classify.h - tag enterprises to the programme's industries by their GB/T 4754 class and by
 * keywords in their business text, all keywords matched in one pass (Aho-Corasick, engine/ac.h).
 * Pure computation on memory: rules come from catalog/rules.h, enterprises from the caller.
 *
 * Semantics of a rule set (each rule has an id, an industry index and a reason):
 * - RULE_CLASS: an enterprise whose 4-digit class equals `code` (or starts with it, when `code`
 *   has 2 or 3 digits: a whole division or group) belongs to the industry. When `partial` is set
 *   the class is only partly in scope: the class alone does not make a member; it takes a keyword
 *   of the same industry in the text as well, and the membership records both rules.
 * - RULE_KEYWORD: an enterprise whose normalised text contains `text` belongs to the industry,
 *   unless every occurrence lies inside an occurrence of one of the industry's RULE_EXCLUDE phrases
 *   (e.g. keyword 医疗器械, exclusion 不含医疗器械: "销售日用品（不含医疗器械）" is not a member).
 * - RULE_EXCLUDE: a phrase that voids keyword hits of its industry lying inside it; it never
 *   makes a member by itself.
 * Text is normalised before matching (classify_normalize): full-width forms to half-width
 * (NFKC), ASCII letters lower-cased, so rules and texts meet in one form.
 *
 * Ownership: struct classifier is built once (classify_build), immutable afterwards and safe to
 * share between threads; classify_free releases it. Rule strings are copied.
 */
#ifndef JIQUN_ENGINE_CLASSIFY_H
#define JIQUN_ENGINE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum rule_kind { RULE_CLASS, RULE_KEYWORD, RULE_EXCLUDE };

struct rule {
	uint32_t id;        /* unique within the set; recorded on every membership it makes */
	unsigned industry;  /* index into the caller's industry array */
	enum rule_kind kind;
	const char *code;   /* RULE_CLASS: 2-4 digits of GB/T 4754-2017 */
	const char *text;   /* RULE_KEYWORD / RULE_EXCLUDE: UTF-8 phrase */
	bool partial;       /* RULE_CLASS: class only partly in scope */
};

struct classifier;

/* Build the matcher for `n` rules over `n_industry` industries. ERR_INVALID names a bad rule. */
enum err_code classify_build(const struct rule *rules, size_t n, unsigned n_industry,
                             struct classifier **out /* OUT */, struct err *e);
void classify_free(struct classifier *c);

/* One membership found for one enterprise: industry and the rule(s) that made it. */
struct membership {
	unsigned industry;
	uint32_t rule;        /* the class rule, or the first keyword rule that matched */
	uint32_t rule2;       /* for a partial class: the keyword that confirmed it; else UINT32_MAX */
	bool by_class;        /* made by the industry class (possibly confirmed by a keyword) */
};

/*
 * Classify one enterprise: `code` its 4-digit class (NULL or "" when unknown), `text` its business
 * scope and main products (UTF-8, any form; NULL allowed). Writes at most `cap` memberships to
 * out, one per industry, in industry order, and returns how many there are (which may exceed cap).
 * Thread-safe; uses a small per-call scratch on the stack or `scratch` (classify_scratch_new).
 */
struct classify_scratch;
struct classify_scratch *classify_scratch_new(const struct classifier *c);
void classify_scratch_free(struct classify_scratch *s);
size_t classify_one(const struct classifier *c, struct classify_scratch *s, const char *code,
                    const char *text, size_t len, struct membership *out, size_t cap);

/*
 * Normalise UTF-8 text for matching into out (cap bytes, always NUL-terminated when cap > 0):
 * NFKC for full-width forms and the ideographic space, ASCII lower case. Returns the length the
 * full result needs (like snprintf). Invalid UTF-8 bytes are dropped.
 */
size_t classify_normalize(const char *in, size_t len, char *out, size_t cap);

#endif
