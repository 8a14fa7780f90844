/* crosswalk.c - restating series across programme versions by same/rename/merge/split links;
 * see crosswalk.h. Linear scans: a crosswalk has tens of links. */
#include "engine/crosswalk.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = {
	[XW_SAME] = "same", [XW_RENAME] = "rename", [XW_MERGE] = "merge", [XW_SPLIT] = "split"};

const char *xw_kind_name(enum xw_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

bool xw_kind_parse(const char *s, enum xw_kind *out)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (strcmp(kind_names[i], s) == 0) {
			*out = (enum xw_kind)i;
			return true;
		}
	return false;
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static bool empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Same direction (version pair) as b. */
static bool same_pair(const struct xw_link *a, const struct xw_link *b)
{
	return eq(a->from_version, b->from_version) && eq(a->to_version, b->to_version);
}

static enum err_code bad(struct err *e, const char *origin, size_t i, const char *why)
{
	return err_set(e, ERR_INVALID, "%s: row %zu: %s", origin, i + 2, why);
}

/* Check the parts of the split (from_industry) or merge (to_industry) that link i belongs to. */
static enum err_code check_group(const struct xw_link *l, size_t n, size_t i, const char *origin,
                                 struct err *e)
{
	const struct xw_link *a = &l[i];
	bool split = a->kind == XW_SPLIT;
	size_t parts = 0, weighted = 0;
	double sum = 0;
	for (size_t j = 0; j < n; j++) {
		const struct xw_link *b = &l[j];
		if (!same_pair(a, b))
			continue;
		bool member = split ? eq(a->from_industry, b->from_industry)
		                    : eq(a->to_industry, b->to_industry);
		if (!member)
			continue;
		if (b->kind != a->kind)
			return bad(e, origin, j,
			           split ? "an industry that is split must not also be kept or merged"
			                 : "an industry that is merged into must not also be kept or split into");
		parts++;
		if (b->has_weight) {
			weighted++;
			sum += b->weight;
		}
	}
	if (parts < 2)
		return bad(e, origin, i,
		           split ? "a split needs at least two parts (two rows with this from_industry)"
		                 : "a merge needs at least two parts (two rows with this to_industry)");
	if (weighted != 0 && weighted != parts)
		return bad(e, origin, i, "give weights to all parts of a split or merge, or to none");
	if (weighted && fabs(sum - 1) > 1e-6)
		return bad(e, origin, i, "the weights of a split's or merge's parts must sum to 1");
	return ERR_OK;
}

enum err_code xw_check(const struct xw_link *l, size_t n, const char *origin, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		const struct xw_link *a = &l[i];
		if (empty(a->from_version) || empty(a->to_version) || empty(a->from_industry) ||
		    empty(a->to_industry))
			return bad(e, origin, i, "versions and industries must not be empty");
		if (eq(a->from_version, a->to_version))
			return bad(e, origin, i, "from_version and to_version must differ");
		if ((unsigned)a->kind > XW_SPLIT)
			return bad(e, origin, i, "kind must be same, rename, merge or split");
		if (a->kind == XW_SAME && !eq(a->from_industry, a->to_industry))
			return bad(e, origin, i, "a same link keeps the industry's id");
		if (a->has_weight && !(a->weight > 0 && a->weight <= 1))
			return bad(e, origin, i, "weight must be a share in (0, 1]");
		if (a->has_weight && (a->kind == XW_SAME || a->kind == XW_RENAME))
			return bad(e, origin, i, "only split and merge links take a weight");
		for (size_t j = 0; j < i; j++)
			if (same_pair(a, &l[j]) && eq(a->from_industry, l[j].from_industry) &&
			    eq(a->to_industry, l[j].to_industry))
				return bad(e, origin, i, "repeats an earlier link");
		/* A 1:1 industry appears once on each side of its direction. */
		for (size_t j = 0; j < i; j++) {
			const struct xw_link *b = &l[j];
			if (!same_pair(a, b) || (a->kind > XW_RENAME && b->kind > XW_RENAME))
				continue;
			if (eq(a->from_industry, b->from_industry) || eq(a->to_industry, b->to_industry))
				return bad(e, origin, i,
				           "an industry kept by a same or rename link must not be linked again");
		}
		if (a->kind == XW_SPLIT || a->kind == XW_MERGE) {
			enum err_code rc = check_group(l, n, i, origin, e);
			if (rc != ERR_OK)
				return rc;
		}
	}
	return ERR_OK;
}

static const struct xw_value *find(const struct xw_value *in, size_t n, const char *ind)
{
	for (size_t i = 0; i < n; i++)
		if (eq(in[i].industry, ind))
			return &in[i];
	return NULL;
}

/* Add one part: the input `src` times the factor (a weight when `weighted`). */
static void add_part(struct xw_result *r, const struct xw_value *in, size_t n_in, const char *src,
                     bool weighted, const struct xw_link *l)
{
	r->parts++;
	const struct xw_value *v = find(in, n_in, src);
	bool present = v && v->has && isfinite(v->value);
	if (!present) {
		r->missing++;
		r->flags |= XW_INCOMPLETE;
	}
	if (weighted && !l->has_weight) {
		r->flags |= XW_NO_WEIGHT;
		return;
	}
	if (weighted)
		r->flags |= XW_ESTIMATED;
	if (present)
		r->value += weighted ? v->value * l->weight : v->value;
}

void xw_restate(const struct xw_link *l, size_t n, const char *from, const char *to,
                const struct xw_value *in, size_t n_in, const char *const *targets,
                size_t n_targets, struct xw_result *out)
{
	for (size_t t = 0; t < n_targets; t++) {
		struct xw_result *r = &out[t];
		memset(r, 0, sizeof *r);
		r->industry = targets[t];
		for (size_t i = 0; i < n; i++) {
			const struct xw_link *k = &l[i];
			if (eq(k->from_version, from) && eq(k->to_version, to) && eq(k->to_industry, targets[t]))
				add_part(r, in, n_in, k->from_industry, k->kind == XW_SPLIT, k);
			else if (eq(k->from_version, to) && eq(k->to_version, from) &&
			         eq(k->from_industry, targets[t]))
				add_part(r, in, n_in, k->to_industry, k->kind == XW_MERGE, k);
		}
		if (r->parts == 0)
			r->flags |= XW_NO_SOURCE;
		r->has = r->parts > 0 && !(r->flags & (XW_INCOMPLETE | XW_NO_WEIGHT));
	}
}

bool xw_feeds(const struct xw_link *l, size_t n, const char *from, const char *to, const char *ind)
{
	for (size_t i = 0; i < n; i++)
		if ((eq(l[i].from_version, from) && eq(l[i].to_version, to) && eq(l[i].from_industry, ind)) ||
		    (eq(l[i].from_version, to) && eq(l[i].to_version, from) && eq(l[i].to_industry, ind)))
			return true;
	return false;
}

/* The group of link i (a split's parts share from_industry, a merge's to_industry): the sum of the
 * parts' values, or false when a part is missing or negative. */
static bool group_sum(const struct xw_link *l, size_t n, size_t i, const struct xw_value *vals,
                      size_t nv, double *sum)
{
	const struct xw_link *a = &l[i];
	bool split = a->kind == XW_SPLIT;
	*sum = 0;
	for (size_t j = 0; j < n; j++) {
		const struct xw_link *b = &l[j];
		if (b->kind != a->kind || !same_pair(a, b) ||
		    !(split ? eq(a->from_industry, b->from_industry) : eq(a->to_industry, b->to_industry)))
			continue;
		const struct xw_value *v = find(vals, nv, split ? b->to_industry : b->from_industry);
		if (v == NULL || !v->has || !isfinite(v->value) || v->value < 0)
			return false;
		*sum += v->value;
	}
	return *sum > 0 && isfinite(*sum);
}

size_t xw_derive_weights(struct xw_link *l, size_t n, const char *from, const char *to,
                         const struct xw_value *from_vals, size_t n_from,
                         const struct xw_value *to_vals, size_t n_to, const char *basis)
{
	size_t set = 0;
	for (size_t i = 0; i < n; i++) {
		struct xw_link *a = &l[i];
		if (!eq(a->from_version, from) || !eq(a->to_version, to) ||
		    (a->kind != XW_SPLIT && a->kind != XW_MERGE))
			continue;
		bool split = a->kind == XW_SPLIT;
		const struct xw_value *vals = split ? to_vals : from_vals;
		size_t nv = split ? n_to : n_from;
		double sum;
		if (!group_sum(l, n, i, vals, nv, &sum))
			continue;
		a->weight = find(vals, nv, split ? a->to_industry : a->from_industry)->value / sum;
		a->has_weight = true;
		a->basis = basis;
		set++;
	}
	return set;
}
