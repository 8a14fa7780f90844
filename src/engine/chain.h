/*
 * chain.h - industry chain maps: tagging enterprises to chain nodes, each node's coverage and
 * status, concentration and outside supply, the chain completeness score, and ranking outside
 * candidates for weak and missing nodes. Pure computation on arrays in memory (no SQL, no I/O);
 * chain/ loads the maps, enterprises, values and relations and calls this.
 *
 * A chain map is an array of nodes of one industry; a node's parent is an earlier or later index
 * of the same array (-1 at the top: the stage nodes). Tagging: an enterprise is tagged to a node
 * when its normalised text (classify_normalize) contains one of the node's keywords, or when its
 * 4-digit GB/T 4754 class starts with one of the node's codes (2-4 digits). A node's coverage
 * counts the distinct enterprises tagged to it or to any node below it.
 *
 * Status of a node (settings; defaults in CHAIN_DEFAULT_*):
 *   missing       no enterprise
 *   weak          1 .. present_min-1 enterprises
 *   present       present_min .. strong_min-1
 *   strong        strong_min or more
 *   critical_gap  a critical (卡脖子) node that is missing or weak
 * Concentration: the shares of the largest and the two largest enterprises and the HHI
 * (sum of squared percentage shares, 0..10000), by value (revenue) when any enterprise of the node
 * has one, else by count (equal shares). A node is concentrated when top-2 share >= concentration.
 * Completeness score of a map (CHAIN_SCORE_FORMULA): over the leaf nodes, weight 2 for critical
 * nodes and 1 for the others, points strong 1, present 0.75, weak 0.25, missing and gap 0;
 * score = 100 * sum(weight * points) / sum(weight).
 *
 * Ownership: struct chain_tagger is built once, immutable and shareable between threads; free
 * with chain_tagger_free. Coverage results own their arrays (chain_cov_free).
 */
#ifndef JIQUN_ENGINE_CHAIN_H
#define JIQUN_ENGINE_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum chain_stage { CHAIN_UPSTREAM, CHAIN_MIDSTREAM, CHAIN_DOWNSTREAM, CHAIN_STAGES };
enum chain_status {
	CHAIN_STRONG, CHAIN_PRESENT, CHAIN_WEAK, CHAIN_MISSING, CHAIN_CRITICAL_GAP, CHAIN_STATUSES
};

/* "upstream" / "上游" ... -> stage; false when it names none. */
bool chain_stage_parse(const char *s, enum chain_stage *out);
const char *chain_stage_name(enum chain_stage s);    /* "upstream" */
const char *chain_stage_zh(enum chain_stage s);      /* "上游" */
const char *chain_status_name(enum chain_status s);  /* "critical_gap" */
const char *chain_status_zh(enum chain_status s);    /* "卡脖子缺口" */

struct chain_node {
	const char *id, *name;
	enum chain_stage stage;
	int parent;           /* index in the same array, -1 for a top node */
	bool critical;        /* 卡脖子 */
	const char *keywords; /* "a|b|c" (may be "" or NULL) */
	const char *codes;    /* "3973|6520" (may be "" or NULL) */
};

/*
 * Check a map's structure: parents in range, no node its own ancestor (a cycle). ERR_INVALID
 * names the first node in a cycle.
 */
enum err_code chain_check(const struct chain_node *nodes, size_t n, struct err *e);

/* ---- tagging ---- */

struct chain_tagger;

/* Build the matcher for `n` nodes (keywords normalised; empty items ignored). */
enum err_code chain_tagger_build(const struct chain_node *nodes, size_t n,
                                 struct chain_tagger **out /* OUT */, struct err *e);
void chain_tagger_free(struct chain_tagger *t);

enum { CHAIN_HIT_KEYWORD = 1, CHAIN_HIT_CLASS = 2 };

/*
 * Tag one enterprise (`code` its class or NULL; `text` business scope and products, any form):
 * hits[i] receives the CHAIN_HIT_* bits for node i (hits has n entries, cleared here). Returns
 * the number of nodes hit. Thread-safe.
 */
size_t chain_tag(const struct chain_tagger *t, const char *code, const char *text, size_t len,
                 unsigned char *hits /* OUT [n] */);

/* ---- coverage ---- */

#define CHAIN_DEFAULT_STRONG 5
#define CHAIN_DEFAULT_PRESENT 2
#define CHAIN_DEFAULT_CONCENTRATION 80.0
#define CHAIN_LEADERS 5

struct chain_settings {
	long strong_min;      /* enterprises for "strong" */
	long present_min;     /* enterprises for "present"; fewer (but some) is "weak" */
	double concentration; /* top-2 share (percent) from which a node is concentrated */
};

/* The formula, as shown to users. */
extern const char CHAIN_SCORE_FORMULA[];

/* settings valid: 1 <= present_min <= strong_min, 0 < concentration <= 100. */
bool chain_settings_valid(const struct chain_settings *s);

/* An enterprise tagged to node `node` (directly); `firm` indexes the caller's firm arrays. */
struct chain_tag_pair {
	size_t firm;
	size_t node;
};

/* A supply relation: `amount` bought for node `node`, from outside the city or not. */
struct chain_supply {
	size_t node;
	double amount;
	bool outside;
};

struct chain_node_cov {
	long count;          /* distinct enterprises here or below */
	long direct;         /* tagged to this node itself */
	double value;        /* sum of the known values of those enterprises */
	long n_value;        /* how many had a value */
	double top1_pct, top2_pct, hhi; /* NAN when count == 0 */
	bool by_value;       /* shares by value (else by count) */
	bool concentrated;
	enum chain_status status;
	size_t leaders[CHAIN_LEADERS]; /* firm indices, largest value first (then name order) */
	size_t n_leaders;
	size_t *firms;       /* all its firms, same order as leaders; n = count */
	double supply_total, supply_outside; /* amounts; outside_pct = outside / total */
	double outside_pct;  /* NAN when no supply relation */
};

struct chain_cov {
	struct chain_node_cov *nodes; /* n, as the map */
	size_t n;
	long by_status[CHAIN_STATUSES]; /* leaf nodes per status */
	long leaves, critical_leaves;
	double score;                   /* 0..100 */
};

/*
 * Coverage of a map of `n` nodes: `pairs` the direct tags, `values[f]` firm f's value (NAN when
 * unknown), `names[f]` its name (ties and stable order), `n_firms` firms; `supply` relations.
 */
void chain_coverage(const struct chain_node *nodes, size_t n, const struct chain_tag_pair *pairs,
                    size_t n_pairs, const double *values, const char *const *names, size_t n_firms,
                    const struct chain_supply *supply, size_t n_supply,
                    const struct chain_settings *set, struct chain_cov *out /* OUT */);
void chain_cov_free(struct chain_cov *c);

/* ---- targeting ---- */

struct chain_candidate {
	const char *name;
	const char *size;     /* 大型/中型/小型/微型 or NULL */
	const char *zjtx;     /* 省级/国家级小巨人 or NULL */
	const char *listed;   /* a board or NULL */
	bool single_champion, unicorn, high_tech;
	double revenue;       /* yuan, NAN unknown */
};

struct chain_suggestion {
	size_t node, candidate;
	unsigned hits;        /* CHAIN_HIT_* */
	double score;
};

/*
 * The score of a candidate for a node it matches: node match (keyword 40, class 30, both 50),
 * size (大型 20, 中型 12, 小型 6, 微型 2), tags (国家级小巨人 15, 省级专精特新 10, listed 10,
 * 单项冠军 8, 独角兽 8, 高新技术 5).
 */
double chain_candidate_score(const struct chain_candidate *c, unsigned hits);

/* The reason in Chinese: "匹配环节关键词；大型企业；国家级专精特新小巨人；上市（科创板）". */
void chain_candidate_reason(const struct chain_candidate *c, unsigned hits, char *out, size_t cap);

/*
 * Sort suggestions: nodes by need (critical gap, missing, weak; then map order), within a node
 * by score, then revenue (unknown last), then name. `status` is each node's status.
 */
void chain_rank(struct chain_suggestion *s, size_t n, const enum chain_status *status,
                const struct chain_candidate *cands);

#endif
