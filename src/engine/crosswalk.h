/*
 * crosswalk.h - restating a series given per industry of one programme version in the industries
 * of another (Shenzhen's 2022 and 2024 "20+8" lists). Pure functions; the links come from
 * data/catalog/crosswalk-2022-2024.csv through catalog_crosswalk_builtin (catalog.h).
 *
 * A link says how an industry of version A became one of version B:
 * - same:   the industry is unchanged (same id, same scope);  1:1 both ways.
 * - rename: a new name, the same scope (ids are kept, see data/catalog/README.md); 1:1 both ways.
 * - merge:  several A industries became one B industry. Forwards the B value is the sum of the
 *           A parts; a missing part makes the sum incomplete (flagged, never silently smaller).
 *           Backwards a part is the merged value times the link's weight (its share of the merged
 *           industry), an estimate; without a weight it cannot be computed.
 * - split:  one A industry became several B industries. Forwards each part is the A value times
 *           the link's weight (the part's share), an estimate; without a weight it cannot be
 *           computed. Backwards the A value is the sum of the parts (exact when all are present).
 * Weights are shares in 0..1 that sum to 1 over a split's parts or a merge's parts; each link
 * carries the basis of its weight (where the share comes from).
 *
 * A weight is a fixed share, so an estimate by weight assumes the parts grow alike. Where
 * enterprise-level data exists a split is better done by re-classifying the enterprises under the
 * other version's rules and summing again (engine/classify, engine/cube): that is exact, and this
 * module is for published aggregates that have no enterprises behind them.
 *
 * Every result carries flags that travel with its value: estimated, incomplete (parts missing),
 * no weight (a part could not be computed), no source (nothing in the other version maps to it).
 * Ownership: nothing is allocated; results point at the caller's strings.
 */
#ifndef JIQUN_ENGINE_CROSSWALK_H
#define JIQUN_ENGINE_CROSSWALK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

enum xw_kind { XW_SAME, XW_RENAME, XW_MERGE, XW_SPLIT };

struct xw_link {
	const char *from_version, *from_industry;
	const char *to_version, *to_industry;
	enum xw_kind kind;
	double weight; /* split: share of from_industry going to to_industry; merge: share of the
	                  merged to_industry that from_industry made up; meaningful when has_weight */
	bool has_weight;
	const char *basis; /* where the weight comes from, or why there is none; may be NULL */
};

/* One value of the series to restate; has = false (or absent from the array) means missing. */
struct xw_value {
	const char *industry;
	double value;
	bool has;
};

enum {
	XW_ESTIMATED = 1u << 0,  /* some part was apportioned by a weight */
	XW_INCOMPLETE = 1u << 1, /* some input part was missing */
	XW_NO_WEIGHT = 1u << 2,  /* some part needs a weight the crosswalk does not give */
	XW_NO_SOURCE = 1u << 3   /* no industry of the source version maps here */
};

struct xw_result {
	const char *industry; /* the target industry (the caller's string) */
	double value;         /* when has: the restated value; otherwise the sum of what could be
	                         computed (for showing as a partial figure, never as the total) */
	bool has;             /* complete: every part present and computable */
	unsigned flags;
	int parts;            /* links that feed this industry */
	int missing;          /* of them, parts whose input value was missing */
};

/*
 * Check links[0..n): known kinds, non-empty versions and ids, no repeated link, a same link keeps
 * its id, weights in (0, 1] and only on splits and merges, a split or merge with at least two
 * parts whose weights are given for all or none and then sum to 1 (within 1e-6), and no industry
 * both kept 1:1 and split or merged in the same direction. Messages name `origin` and the row
 * (links[i] is row i + 2 of a file with one header row).
 */
enum err_code xw_check(const struct xw_link *links, size_t n, const char *origin, struct err *e);

/*
 * Restate `in` (values of version `from`) into the industries targets[0..n_targets) of version
 * `to`, using links in either direction; out[i] is targets[i]'s result.
 */
void xw_restate(const struct xw_link *links, size_t n, const char *from, const char *to,
                const struct xw_value *in, size_t n_in, const char *const *targets,
                size_t n_targets, struct xw_result *out /* OUT, n_targets */);

/* Whether industry `ind` of version `from` feeds any industry of version `to` (false: its value
 * has no place in `to` and is left out of a restatement, e.g. an industry added by `to`). */
bool xw_feeds(const struct xw_link *links, size_t n, const char *from, const char *to,
              const char *ind);

/*
 * Set the weights of the splits and merges between `from` and `to` (links of that direction) from
 * one period in which both versions' figures are known: a split part's weight is its `to` value
 * over the sum of the split's parts; a merged part's weight is its `from` value over the sum of the
 * merge's parts. A group with a part missing, a negative part or a zero sum is left as it was.
 * `basis` (the caller's string, e.g. "2024年两版口径数据占比") becomes the basis of each weight set.
 * Returns the number of links given a weight.
 */
size_t xw_derive_weights(struct xw_link *links, size_t n, const char *from, const char *to,
                         const struct xw_value *from_vals, size_t n_from,
                         const struct xw_value *to_vals, size_t n_to, const char *basis);

/* "same", "rename", "merge", "split"; parse them (false when unknown). */
const char *xw_kind_name(enum xw_kind k);
bool xw_kind_parse(const char *s, enum xw_kind *out);

#endif
