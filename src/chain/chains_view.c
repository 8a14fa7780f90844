/*
 * chains_view.c - building the coverage of chain maps from what is stored: the maps, the member
 * enterprises of each industry (store/classify.c memberships) tagged to its nodes
 * (engine/chain.h), their values (the latest whole year of 营业收入, else 增加值), the supplier
 * relations; then candidates for the weak and missing nodes and adding them as leads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/mem.h"
#include "change/change.h"
#include "chain/chains.h"
#include "exchange/exchange.h"
#include "model/indicator.h"
#include "model/period.h"

/* ---- loading the maps ---- */

struct map_load {
	const struct programme *p;
	struct chains_all *a;
	/* per view: each node's parent id, resolved to an index once the view is complete */
	struct { char **parent; } *raw;
	struct err *e;
};

static int load_node(void *ctx, const struct store_chain_node *n)
{
	struct map_load *m = ctx;
	struct chains_all *a = m->a;
	const struct industry *ind = programme_industry(m->p, n->industry);
	if (ind == NULL)
		return 0; /* another programme version's industry */
	if (a->n == 0 || a->views[a->n - 1].ind != ind) {
		a->views = xrealloc(a->views, (a->n + 1) * sizeof *a->views);
		m->raw = xrealloc(m->raw, (a->n + 1) * sizeof *m->raw);
		memset(&a->views[a->n], 0, sizeof a->views[a->n]);
		memset(&m->raw[a->n], 0, sizeof m->raw[a->n]);
		a->views[a->n++].ind = ind;
	}
	struct chains_view *v = &a->views[a->n - 1];
	if (v->n % 16 == 0) {
		v->nodes = xrealloc(v->nodes, (v->n + 16) * sizeof *v->nodes);
		v->basis = xrealloc(v->basis, (v->n + 16) * sizeof *v->basis);
		m->raw[a->n - 1].parent = xrealloc(m->raw[a->n - 1].parent, (v->n + 16) * sizeof(char *));
	}
	enum chain_stage st = CHAIN_UPSTREAM;
	(void)chain_stage_parse(n->stage, &st);
	v->nodes[v->n] = (struct chain_node){xstrdup(n->id), xstrdup(n->name), st, -1, n->critical,
	                                     xstrdup(n->keywords ? n->keywords : ""),
	                                     xstrdup(n->industry_codes ? n->industry_codes : "")};
	v->basis[v->n] = xstrdup(n->basis ? n->basis : "");
	m->raw[a->n - 1].parent[v->n] = n->parent ? xstrdup(n->parent) : NULL;
	v->n++;
	return 0;
}

int chains_node_index(const struct chains_view *v, const char *id)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->nodes[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* ---- members, firms, values ---- */

struct member {
	long long enterprise;
	size_t view;
};

struct build {
	struct chains_all *a;
	struct member *members;
	size_t n_members, cap;
	long *members_per_view;
	size_t next; /* merge position in members (sorted by enterprise) */
	struct buf text;
	unsigned char *hits;
	size_t *pair_cap;
};

static int on_member(void *ctx, const struct member_row *m)
{
	struct build *b = ctx;
	for (size_t v = 0; v < b->a->n; v++)
		if (strcmp(b->a->views[v].ind->id, m->industry) == 0) {
			if (b->n_members == b->cap) {
				b->cap = b->cap ? b->cap * 2 : 1024;
				b->members = xrealloc(b->members, b->cap * sizeof *b->members);
			}
			b->members[b->n_members++] = (struct member){m->enterprise, v};
			b->members_per_view[v]++;
		}
	return 0;
}

static int cmp_member(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	if (a->enterprise != b->enterprise)
		return a->enterprise < b->enterprise ? -1 : 1;
	return a->view < b->view ? -1 : a->view > b->view;
}

static void add_pair(struct build *b, size_t view, size_t firm, size_t node, unsigned char hits)
{
	struct chains_view *v = &b->a->views[view];
	if (v->n_pairs == b->pair_cap[view]) {
		b->pair_cap[view] = b->pair_cap[view] ? b->pair_cap[view] * 2 : 256;
		v->pairs = xrealloc(v->pairs, b->pair_cap[view] * sizeof *v->pairs);
		v->pair_hits = xrealloc(v->pair_hits, b->pair_cap[view]);
	}
	v->pairs[v->n_pairs] = (struct chain_tag_pair){firm, node};
	v->pair_hits[v->n_pairs++] = hits;
}

static int on_firm(void *ctx, const struct store_firm *f)
{
	struct build *b = ctx;
	while (b->next < b->n_members && b->members[b->next].enterprise < f->id)
		b->next++;
	if (b->next >= b->n_members || b->members[b->next].enterprise != f->id)
		return 0;
	struct chains_all *a = b->a;
	if (a->n_firms % 256 == 0)
		a->firms = xrealloc(a->firms, (a->n_firms + 256) * sizeof *a->firms);
	size_t fi = a->n_firms++;
	a->firms[fi] = (struct chains_firm){f->id, xstrdup(f->uscc ? f->uscc : ""),
	                                    xstrdup(f->name ? f->name : ""), NAN};
	buf_reset(&b->text);
	if (f->business_scope)
		(void)buf_puts(&b->text, f->business_scope);
	if (f->main_products) {
		(void)buf_puts(&b->text, "\n");
		(void)buf_puts(&b->text, f->main_products);
	}
	for (; b->next < b->n_members && b->members[b->next].enterprise == f->id; b->next++) {
		size_t view = b->members[b->next].view;
		struct chains_view *v = &a->views[view];
		if (chain_tag(v->tagger, f->industry_code, buf_str(&b->text), b->text.len, b->hits) == 0)
			continue;
		for (size_t k = 0; k < v->n; k++)
			if (b->hits[k])
				add_pair(b, view, fi, k, b->hits[k]);
	}
	return 0;
}

static int cmp_firm_id(const void *key, const void *elem)
{
	long long k = *(const long long *)key, id = ((const struct chains_firm *)elem)->id;
	return k < id ? -1 : k > id;
}

/*
 * Values: observations are gathered per firm (a small array each), then for revenue and then
 * value added, the latest year in which some firm has a whole year's value decides the year.
 */
struct obs_list {
	struct ind_obs *o;
	size_t n, cap;
};

struct values {
	struct chains_all *a;
	struct obs_list *lists[2]; /* [indicator slot][firm] */
	int max_year[2];
};

static int on_value(void *ctx, const struct store_ind_fact *f)
{
	struct values *vs = ctx;
	int slot = f->indicator == IND_REVENUE ? 0 : f->indicator == IND_VALUE_ADDED ? 1 : -1;
	if (slot < 0)
		return 0;
	const struct chains_firm *hit = bsearch(&f->enterprise, vs->a->firms, vs->a->n_firms,
	                                        sizeof *vs->a->firms, cmp_firm_id);
	struct period p;
	if (hit == NULL || !period_parse(f->period, &p))
		return 0;
	struct obs_list *l = &vs->lists[slot][hit - vs->a->firms];
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->o = xrealloc(l->o, l->cap * sizeof *l->o);
	}
	l->o[l->n++] = (struct ind_obs){p, f->value, f->cumulative};
	if (p.year > vs->max_year[slot])
		vs->max_year[slot] = p.year;
	return 0;
}

static enum err_code load_values(struct store *s, struct chains_all *a, struct err *e)
{
	struct values vs = {a, {NULL, NULL}, {0, 0}};
	vs.lists[0] = xcalloc(a->n_firms ? a->n_firms : 1, sizeof *vs.lists[0]);
	vs.lists[1] = xcalloc(a->n_firms ? a->n_firms : 1, sizeof *vs.lists[1]);
	enum err_code rc = store_ind_facts(s, on_value, &vs, e);
	a->value_indicator = -1;
	for (int slot = 0; slot < 2 && rc == ERR_OK && a->value_indicator < 0; slot++) {
		int ind = slot == 0 ? IND_REVENUE : IND_VALUE_ADDED;
		for (int y = vs.max_year[slot]; y > 0 && y >= vs.max_year[slot] - 2; y--) {
			long have_n = 0;
			for (size_t f = 0; f < a->n_firms; f++) {
				double out[INDICATOR_YEAR_PERIODS];
				bool have[INDICATOR_YEAR_PERIODS];
				struct obs_list *l = &vs.lists[slot][f];
				if (l->n == 0)
					continue;
				indicator_year_values(&indicator_defs[ind], l->o, l->n, y, out, have);
				a->firms[f].value = have[INDICATOR_YEAR_PERIODS - 1] ? out[INDICATOR_YEAR_PERIODS - 1]
				                                                     : NAN;
				have_n += have[INDICATOR_YEAR_PERIODS - 1];
			}
			if (have_n > 0) {
				a->value_indicator = ind;
				a->value_year = y;
				break;
			}
		}
	}
	if (a->value_indicator < 0)
		for (size_t f = 0; f < a->n_firms; f++)
			a->firms[f].value = NAN;
	for (int slot = 0; slot < 2; slot++) {
		for (size_t f = 0; f < a->n_firms; f++)
			free(vs.lists[slot][f].o);
		free(vs.lists[slot]);
	}
	return rc;
}

/* ---- supplier relations ---- */

struct supply_load {
	struct chains_all *a;
	const char *city; /* "深圳" */
	struct chain_supply **per_view;
	size_t *n, *cap;
};

static int on_supply(void *ctx, const struct store_chain_supply *r)
{
	struct supply_load *sl = ctx;
	for (size_t v = 0; v < sl->a->n; v++) {
		int k = chains_node_index(&sl->a->views[v], r->node);
		if (k < 0)
			continue;
		if (sl->n[v] == sl->cap[v]) {
			sl->cap[v] = sl->cap[v] ? sl->cap[v] * 2 : 64;
			sl->per_view[v] = xrealloc(sl->per_view[v], sl->cap[v] * sizeof *sl->per_view[v]);
		}
		bool local = r->supplier_city && sl->city[0] &&
		             strncmp(r->supplier_city, sl->city, strlen(sl->city)) == 0;
		sl->per_view[v][sl->n[v]++] = (struct chain_supply){(size_t)k, r->amount, !local};
		sl->a->supply_relations++;
		break;
	}
	return 0;
}

static void city_short(const struct programme *p, char out[64])
{
	(void)snprintf(out, 64, "%s", p->city ? p->city : "");
	size_t l = strlen(out);
	if (l > 3 && strcmp(out + l - 3, "市") == 0)
		out[l - 3] = '\0';
}

enum err_code chains_build(struct store *s, const struct programme *p, const char *industry,
                           const struct chain_settings *set, struct chains_all *out,
                           struct err *e)
{
	memset(out, 0, sizeof *out);
	out->value_indicator = -1;
	const struct industry *only = NULL;
	if (industry) {
		only = programme_industry(p, industry);
		for (size_t i = 0; only == NULL && i < p->n_industries; i++)
			if (strcmp(p->industries[i].name_zh, industry) == 0)
				only = &p->industries[i];
		if (only == NULL)
			return err_set(e, ERR_NOT_FOUND, "没有产业“%s”（请用产业编号或中文名称）", industry);
	}
	enum err_code rc = ERR_OK;
	if (set)
		out->set = *set;
	else
		rc = chains_settings(s, &out->set, e);
	if (rc == ERR_OK && !chain_settings_valid(&out->set))
		rc = err_set(e, ERR_INVALID, "阈值无效：须 1 ≤ 有（present）≤ 强（strong），集中度在 0 到 100 之间");
	struct map_load m = {p, out, NULL, e};
	if (rc == ERR_OK)
		rc = store_chain_nodes(s, only ? only->id : NULL, load_node, &m, e);
	/* Parents by id, then the structure check and the tagger of each view. */
	for (size_t v = 0; v < out->n && m.raw; v++) {
		struct chains_view *w = &out->views[v];
		for (size_t i = 0; i < w->n; i++) {
			const char *par = m.raw[v].parent[i];
			w->nodes[i].parent = par ? chains_node_index(w, par) : -1;
			free(m.raw[v].parent[i]);
		}
		free(m.raw[v].parent);
		if (rc == ERR_OK)
			rc = chain_check(w->nodes, w->n, e);
		if (rc == ERR_OK)
			rc = chain_tagger_build(w->nodes, w->n, &w->tagger, e);
	}
	free(m.raw);
	if (rc == ERR_OK && only && out->n == 0)
		rc = err_set(e, ERR_NOT_FOUND, "产业“%s”尚无产业链图谱（jiqun chain import FILE）",
		             only->name_zh);
	struct build b = {out, NULL, 0, 0, NULL, 0, {0}, NULL, NULL};
	b.members_per_view = xcalloc(out->n ? out->n : 1, sizeof *b.members_per_view);
	b.pair_cap = xcalloc(out->n ? out->n : 1, sizeof *b.pair_cap);
	size_t max_nodes = 1;
	for (size_t v = 0; v < out->n; v++)
		max_nodes = out->views[v].n > max_nodes ? out->views[v].n : max_nodes;
	b.hits = xcalloc(max_nodes, 1);
	buf_init(&b.text, BUF_NO_CAP);
	if (rc == ERR_OK)
		rc = store_members_scan(s, -1, on_member, &b, e);
	if (rc == ERR_OK) {
		if (b.n_members > 1)
			qsort(b.members, b.n_members, sizeof *b.members, cmp_member);
		rc = store_firms_scan(s, on_firm, &b, e);
	}
	if (rc == ERR_OK)
		rc = load_values(s, out, e);
	/* Supplier relations, then the coverage of each view. */
	char city[64];
	city_short(p, city);
	struct supply_load sl = {out, city, xcalloc(out->n ? out->n : 1, sizeof(struct chain_supply *)),
	                         xcalloc(out->n ? out->n : 1, sizeof(size_t)),
	                         xcalloc(out->n ? out->n : 1, sizeof(size_t))};
	if (rc == ERR_OK)
		rc = store_chain_supplies(s, on_supply, &sl, e);
	double *values = xcalloc(out->n_firms ? out->n_firms : 1, sizeof *values);
	const char **names = xcalloc(out->n_firms ? out->n_firms : 1, sizeof *names);
	for (size_t f = 0; f < out->n_firms; f++) {
		values[f] = out->firms[f].value;
		names[f] = out->firms[f].name;
	}
	for (size_t v = 0; v < out->n && rc == ERR_OK; v++) {
		struct chains_view *w = &out->views[v];
		chain_coverage(w->nodes, w->n, w->pairs, w->n_pairs, values, names, out->n_firms,
		               sl.per_view[v], sl.n[v], &out->set, &w->cov);
		w->members = b.members_per_view[v];
	}
	for (size_t v = 0; v < out->n; v++)
		free(sl.per_view[v]);
	free(sl.per_view);
	free(sl.n);
	free(sl.cap);
	free(values);
	free(names);
	free(b.members);
	free(b.members_per_view);
	free(b.pair_cap);
	free(b.hits);
	buf_free(&b.text);
	if (rc != ERR_OK)
		chains_all_free(out);
	return rc;
}

void chains_all_free(struct chains_all *a)
{
	if (a == NULL)
		return;
	for (size_t v = 0; v < a->n; v++) {
		struct chains_view *w = &a->views[v];
		for (size_t i = 0; i < w->n; i++) {
			free((char *)w->nodes[i].id);
			free((char *)w->nodes[i].name);
			free((char *)w->nodes[i].keywords);
			free((char *)w->nodes[i].codes);
			free(w->basis[i]);
		}
		free(w->nodes);
		free(w->basis);
		chain_tagger_free(w->tagger);
		chain_cov_free(&w->cov);
		free(w->pairs);
		free(w->pair_hits);
	}
	free(a->views);
	for (size_t f = 0; f < a->n_firms; f++) {
		free(a->firms[f].uscc);
		free(a->firms[f].name);
	}
	free(a->firms);
	memset(a, 0, sizeof *a);
}

/* ---- targeting ---- */

struct cand_load {
	const struct chains_view *v;
	struct store_chain_candidate *c;
	size_t n, cap;
};

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static int on_candidate(void *ctx, const struct store_chain_candidate *c)
{
	struct cand_load *l = ctx;
	if (c->industry && strcmp(c->industry, l->v->ind->id) != 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->c = xrealloc(l->c, l->cap * sizeof *l->c);
	}
	struct store_chain_candidate *x = &l->c[l->n++];
	*x = *c;
	x->name = dup_or_null(c->name);
	x->uscc = dup_or_null(c->uscc);
	x->city = dup_or_null(c->city);
	x->industry = dup_or_null(c->industry);
	x->industry_code = dup_or_null(c->industry_code);
	x->business_scope = dup_or_null(c->business_scope);
	x->main_products = dup_or_null(c->main_products);
	x->size = dup_or_null(c->size);
	x->zjtx = dup_or_null(c->zjtx);
	x->listed_board = dup_or_null(c->listed_board);
	x->ticker = dup_or_null(c->ticker);
	x->note = dup_or_null(c->note);
	x->source = dup_or_null(c->source);
	return 0;
}

static void cand_free(struct store_chain_candidate *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)c[i].name);
		free((char *)c[i].uscc);
		free((char *)c[i].city);
		free((char *)c[i].industry);
		free((char *)c[i].industry_code);
		free((char *)c[i].business_scope);
		free((char *)c[i].main_products);
		free((char *)c[i].size);
		free((char *)c[i].zjtx);
		free((char *)c[i].listed_board);
		free((char *)c[i].ticker);
		free((char *)c[i].note);
		free((char *)c[i].source);
	}
	free(c);
}

static struct chain_candidate engine_cand(const struct store_chain_candidate *c)
{
	return (struct chain_candidate){c->name, c->size, c->zjtx, c->listed_board,
	                                c->single_champion > 0, c->unicorn > 0, c->high_tech > 0,
	                                c->revenue};
}

static bool needs(enum chain_status st)
{
	return st == CHAIN_WEAK || st == CHAIN_MISSING || st == CHAIN_CRITICAL_GAP;
}

enum err_code chains_suggest(struct store *s, const struct chains_view *v, const char *node,
                             long limit, struct chains_suggestions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int only = -1;
	if (node && (only = chains_node_index(v, node)) < 0)
		return err_set(e, ERR_NOT_FOUND, "产业“%s”的产业链图谱中没有环节“%s”", v->ind->name_zh,
		               node);
	struct cand_load l = {v, NULL, 0, 0};
	enum err_code rc = store_chain_candidates(s, on_candidate, &l, e);
	if (rc != ERR_OK) {
		cand_free(l.c, l.n);
		return rc;
	}
	struct chain_candidate *ec = xcalloc(l.n ? l.n : 1, sizeof *ec);
	enum chain_status *status = xcalloc(v->n ? v->n : 1, sizeof *status);
	for (size_t i = 0; i < v->n; i++)
		status[i] = v->cov.nodes[i].status;
	unsigned char *hits = xcalloc(v->n ? v->n : 1, 1);
	struct chain_suggestion *sg = NULL;
	size_t n = 0, cap = 0;
	struct buf text;
	buf_init(&text, BUF_NO_CAP);
	for (size_t c = 0; c < l.n; c++) {
		ec[c] = engine_cand(&l.c[c]);
		buf_reset(&text);
		if (l.c[c].business_scope)
			(void)buf_puts(&text, l.c[c].business_scope);
		if (l.c[c].main_products) {
			(void)buf_puts(&text, "\n");
			(void)buf_puts(&text, l.c[c].main_products);
		}
		(void)chain_tag(v->tagger, l.c[c].industry_code, buf_str(&text), text.len, hits);
		for (size_t k = 0; k < v->n; k++) {
			if (!hits[k] || (only >= 0 ? (int)k != only : !needs(status[k])))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				sg = xrealloc(sg, cap * sizeof *sg);
			}
			sg[n++] = (struct chain_suggestion){k, c, hits[k], chain_candidate_score(&ec[c], hits[k])};
		}
	}
	buf_free(&text);
	chain_rank(sg, n, status, ec);
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (size_t i = 0; i < n; i++) {
		long same = 0;
		for (size_t j = out->n; j > 0 && out->items[j - 1].node == sg[i].node; j--)
			same++;
		if (limit >= 0 && same >= limit)
			continue;
		struct chains_suggestion *x = &out->items[out->n++];
		x->node = sg[i].node;
		x->c = l.c[sg[i].candidate];
		x->hits = sg[i].hits;
		x->score = sg[i].score;
		chain_candidate_reason(&ec[sg[i].candidate], sg[i].hits, x->reason, sizeof x->reason);
	}
	out->cands = l.c;
	out->n_cands = l.n;
	free(sg);
	free(ec);
	free(status);
	free(hits);
	return ERR_OK;
}

void chains_suggestions_free(struct chains_suggestions *x)
{
	if (x == NULL)
		return;
	free(x->items);
	cand_free(x->cands, x->n_cands);
	memset(x, 0, sizeof *x);
}

/* ---- adding leads ---- */

static void set_cell(const struct list_def *l, const char **cells, const char *field,
                     const char *value)
{
	int k = list_field_index(l, field);
	if (k >= 0)
		cells[k] = value;
}

static enum err_code add_one(struct store *s, const struct list_ctx *ctx,
                             const struct principal *p, const struct chains_view *v,
                             const struct chains_suggestion *sg, const char *source,
                             struct chains_added *out, struct err *e)
{
	const struct list_def *l = list_find("leads");
	const char **cells = xcalloc(l->n_fields, sizeof *cells);
	const char **columns = xcalloc(l->n_fields, sizeof *columns);
	char today[16];
	time_t t = time(NULL);
	struct tm tm;
	(void)strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tm));
	char note[400];
	(void)snprintf(note, sizeof note, "产业链招商建议：%s", sg->reason);
	set_cell(l, cells, "target_name", sg->c.name);
	set_cell(l, cells, "industry", v->ind->id);
	set_cell(l, cells, "target_uscc", sg->c.uscc);
	set_cell(l, cells, "origin", sg->c.city);
	set_cell(l, cells, "chain_node", v->nodes[sg->node].name);
	set_cell(l, cells, "channel", "产业链招商");
	set_cell(l, cells, "stage", "线索");
	set_cell(l, cells, "date_clue", today);
	set_cell(l, cells, "note", note);
	struct record rec = {0}, other = {0};
	struct issues is = {0};
	record_init(&rec, l);
	for (size_t f = 0; f < l->n_fields; f++) {
		columns[f] = l->fields[f].header_zh;
		(void)field_parse(ctx, &l->fields[f], cells[f], 0, columns[f], &rec.v[f], &is);
	}
	if (is.n == 0 && l->check)
		l->check(l, &rec, columns, &is);
	enum err_code rc = ERR_OK;
	if (is.n == 0)
		rc = exchange_check_stored(s, l, &rec, columns, &is, e);
	bool found = false;
	if (rc == ERR_OK && is.n > 0)
		rc = err_set(e, ERR_REJECTED, "%s：%s：%s", sg->c.name, is.items[0].column,
		             is.items[0].message);
	if (rc == ERR_OK)
		rc = store_list_find(s, l, NULL, NULL, &rec, &found, &other, e);
	out->name = xstrdup(sg->c.name);
	out->node = xstrdup(v->nodes[sg->node].name);
	out->existed = found;
	if (rc == ERR_OK && found) {
		out->id = other.id;
	} else if (rc == ERR_OK) {
		enum store_outcome oc;
		rc = change_may_create(s, p, l, &rec, e);
		if (rc == ERR_OK)
			rc = store_list_put(s, l, &rec, source, &oc, e);
		if (rc == ERR_OK)
			rc = change_created(s, p, l, &rec, note, e);
		out->id = rec.id;
	}
	record_free(&rec);
	record_free(&other);
	issues_free(&is);
	free(cells);
	free(columns);
	return rc;
}

enum err_code chains_add_leads(struct store *s, const struct list_ctx *ctx,
                               const struct principal *p, const struct chains_view *v,
                               const char *node,
                               const char *const *who, size_t n, const char *source,
                               struct chains_added **out, size_t *n_out, struct err *e)
{
	*out = xcalloc(n ? n : 1, sizeof **out);
	*n_out = 0;
	struct chains_suggestions sg;
	enum err_code rc = chains_suggest(s, v, node, -1, &sg, e);
	if (rc != ERR_OK)
		return rc;
	int only = node ? chains_node_index(v, node) : -1;
	struct chains_suggestion *pick = xcalloc(n ? n : 1, sizeof *pick);
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		const struct store_chain_candidate *c = NULL;
		for (size_t k = 0; k < sg.n_cands && c == NULL; k++)
			if ((sg.cands[k].uscc && strcmp(sg.cands[k].uscc, who[i]) == 0) ||
			    strcmp(sg.cands[k].name, who[i]) == 0)
				c = &sg.cands[k];
		if (c == NULL) {
			rc = err_set(e, ERR_NOT_FOUND, "候选企业“%s”不在%s的候选企业库中", who[i],
			             v->ind->name_zh);
			break;
		}
		const struct chains_suggestion *best = NULL;
		for (size_t k = 0; k < sg.n && best == NULL; k++)
			if (strcmp(sg.items[k].c.name, c->name) == 0)
				best = &sg.items[k];
		if (best) {
			pick[i] = *best;
		} else if (only >= 0) {
			/* Chosen by hand for a node it does not match by text or class. */
			pick[i] = (struct chains_suggestion){(size_t)only, *c, 0, 0, "人工指定环节"};
		} else {
			rc = err_set(e, ERR_INVALID, "候选企业“%s”不匹配%s的任何薄弱或缺失环节；请用 --node 指定环节",
			             c->name, v->ind->name_zh);
		}
	}
	bool began = false;
	if (rc == ERR_OK)
		began = (rc = store_begin(s, e)) == ERR_OK;
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		rc = add_one(s, ctx, p, v, &pick[i], source, &(*out)[i], e);
		if (rc == ERR_OK)
			(*n_out)++;
	}
	if (rc == ERR_OK && began)
		rc = store_commit(s, e);
	else if (began)
		store_rollback(s);
	if (rc != ERR_OK) {
		chains_added_free(*out, n);
		*out = NULL;
		*n_out = 0;
	}
	free(pick);
	chains_suggestions_free(&sg);
	return rc;
}

void chains_added_free(struct chains_added *a, size_t n)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].node);
	}
	free(a);
}
