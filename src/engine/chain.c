/*
 * chain.c - chain maps in memory: tagging (Aho-Corasick over the nodes' keywords, engine/ac.h,
 * on text normalised as engine/classify.c does), coverage and status per node, concentration,
 * outside supply, the completeness score, and the ranking of candidates. chain.h has the rules.
 */
#include "engine/chain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/ac.h"
#include "engine/classify.h"

const char CHAIN_SCORE_FORMULA[] =
	"完整度 = 100 × Σ(权重 × 得分) ÷ Σ权重；按末级环节计：强=1，有=0.75，弱=0.25，"
	"缺失和卡脖子缺口=0；卡脖子环节权重为2，其余为1";

static const char *const stage_names[CHAIN_STAGES] = {"upstream", "midstream", "downstream"};
static const char *const stage_zh[CHAIN_STAGES] = {"上游", "中游", "下游"};
static const char *const status_names[CHAIN_STATUSES] = {"strong", "present", "weak", "missing",
                                                         "critical_gap"};
static const char *const status_zh[CHAIN_STATUSES] = {"强", "有", "弱", "缺失", "卡脖子缺口"};

bool chain_stage_parse(const char *s, enum chain_stage *out)
{
	for (int i = 0; i < CHAIN_STAGES && s; i++)
		if (strcmp(s, stage_names[i]) == 0 || strcmp(s, stage_zh[i]) == 0) {
			*out = (enum chain_stage)i;
			return true;
		}
	return false;
}

const char *chain_stage_name(enum chain_stage s) { return stage_names[s]; }
const char *chain_stage_zh(enum chain_stage s) { return stage_zh[s]; }
const char *chain_status_name(enum chain_status s) { return status_names[s]; }
const char *chain_status_zh(enum chain_status s) { return status_zh[s]; }

enum err_code chain_check(const struct chain_node *nodes, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		int p = nodes[i].parent;
		if (p < -1 || p >= (int)n)
			return err_set(e, ERR_INVALID, "环节 %s 的上级环节不存在", nodes[i].id);
		/* Walking up from i must reach the top in fewer than n steps. */
		size_t steps = 0;
		while (p >= 0 && steps <= n) {
			if ((size_t)p == i)
				return err_set(e, ERR_INVALID, "环节 %s 的上级关系构成循环", nodes[i].id);
			p = nodes[p].parent;
			steps++;
		}
		if (steps > n)
			return err_set(e, ERR_INVALID, "环节 %s 的上级关系构成循环", nodes[i].id);
	}
	return ERR_OK;
}

bool chain_settings_valid(const struct chain_settings *s)
{
	return s->present_min >= 1 && s->strong_min >= s->present_min && s->concentration > 0 &&
	       s->concentration <= 100;
}

/* ---- tagging ---- */

struct chain_tagger {
	struct ac *ac;
	size_t n;
	char **codes;     /* all codes, each node's run [code_at[i], code_at[i+1]) */
	size_t *code_at;
	char **patterns;  /* normalised keywords (owned) */
	size_t n_patterns;
};

/* Split "a|b|c" into trimmed non-empty items, each passed to fn. */
static void split_items(const char *s, void (*fn)(void *ctx, const char *item, size_t len),
                        void *ctx)
{
	while (s && *s) {
		const char *end = strchr(s, '|');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *a = s;
		size_t l = len;
		while (l > 0 && (*a == ' ' || *a == '\t')) {
			a++;
			l--;
		}
		while (l > 0 && (a[l - 1] == ' ' || a[l - 1] == '\t'))
			l--;
		if (l > 0)
			fn(ctx, a, l);
		s = end ? end + 1 : s + len;
	}
}

struct collect {
	char **items;
	size_t n, cap;
	bool normalise;
};

static void collect_item(void *ctx, const char *item, size_t len)
{
	struct collect *c = ctx;
	char *v;
	if (c->normalise) {
		size_t need = classify_normalize(item, len, NULL, 0);
		v = xmalloc(need + 1);
		(void)classify_normalize(item, len, v, need + 1);
		if (v[0] == '\0') {
			free(v);
			return;
		}
	} else {
		v = xmalloc(len + 1);
		memcpy(v, item, len);
		v[len] = '\0';
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	c->items[c->n++] = v;
}

enum err_code chain_tagger_build(const struct chain_node *nodes, size_t n,
                                 struct chain_tagger **out, struct err *e)
{
	struct chain_tagger *t = xcalloc(1, sizeof *t);
	struct collect kw = {.normalise = true}, codes = {.normalise = false};
	size_t *kw_node = NULL, kw_cap = 0;
	t->n = n;
	t->code_at = xcalloc(n + 1, sizeof *t->code_at);
	for (size_t i = 0; i < n; i++) {
		size_t before = kw.n;
		split_items(nodes[i].keywords, collect_item, &kw);
		if (kw.n > kw_cap) {
			kw_cap = kw.cap;
			kw_node = xrealloc(kw_node, kw_cap * sizeof *kw_node);
		}
		for (size_t k = before; k < kw.n; k++)
			kw_node[k] = i;
		t->code_at[i] = codes.n;
		split_items(nodes[i].codes, collect_item, &codes);
	}
	t->code_at[n] = codes.n;
	t->codes = codes.items;
	t->patterns = kw.items;
	t->n_patterns = kw.n;
	struct ac_pattern *pats = xcalloc(kw.n ? kw.n : 1, sizeof *pats);
	for (size_t k = 0; k < kw.n; k++) {
		pats[k].text = kw.items[k];
		pats[k].len = strlen(kw.items[k]);
		pats[k].id = (uint32_t)kw_node[k];
	}
	enum err_code rc = ac_build(pats, kw.n, NULL, &t->ac, e);
	free(pats);
	free(kw_node);
	if (rc != ERR_OK) {
		chain_tagger_free(t);
		return rc;
	}
	*out = t;
	return ERR_OK;
}

void chain_tagger_free(struct chain_tagger *t)
{
	if (t == NULL)
		return;
	ac_free(t->ac);
	for (size_t i = 0; i < t->code_at[t->n]; i++)
		free(t->codes[i]);
	free(t->codes);
	free(t->code_at);
	for (size_t i = 0; i < t->n_patterns; i++)
		free(t->patterns[i]);
	free(t->patterns);
	free(t);
}

static bool on_keyword(void *ctx, uint32_t id, size_t start, size_t end)
{
	(void)start;
	(void)end;
	((unsigned char *)ctx)[id] |= CHAIN_HIT_KEYWORD;
	return true;
}

size_t chain_tag(const struct chain_tagger *t, const char *code, const char *text, size_t len,
                 unsigned char *hits)
{
	memset(hits, 0, t->n);
	if (text && len > 0 && t->n_patterns > 0) {
		size_t need = classify_normalize(text, len, NULL, 0);
		char *norm = xmalloc(need + 1);
		(void)classify_normalize(text, len, norm, need + 1);
		(void)ac_scan(t->ac, norm, strlen(norm), on_keyword, hits);
		free(norm);
	}
	if (code && code[0]) {
		for (size_t i = 0; i < t->n; i++)
			for (size_t k = t->code_at[i]; k < t->code_at[i + 1]; k++)
				if (strncmp(code, t->codes[k], strlen(t->codes[k])) == 0)
					hits[i] |= CHAIN_HIT_CLASS;
	}
	size_t count = 0;
	for (size_t i = 0; i < t->n; i++)
		count += hits[i] != 0;
	return count;
}

/* ---- coverage ---- */

static int cmp_pair(const void *a, const void *b)
{
	const struct chain_tag_pair *x = a, *y = b;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->firm < y->firm ? -1 : x->firm > y->firm;
}

struct firm_order {
	const double *values;
	const char *const *names;
};

/* Larger value first, unknown values last, then by name, then by index. */
static int cmp_firm(const void *a, const void *b, void *ctx)
{
	const struct firm_order *o = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double vx = o->values ? o->values[x] : NAN, vy = o->values ? o->values[y] : NAN;
	bool kx = !isnan(vx), ky = !isnan(vy);
	if (kx != ky)
		return kx ? -1 : 1;
	if (kx && vx != vy)
		return vx > vy ? -1 : 1;
	int c = o->names ? strcmp(o->names[x] ? o->names[x] : "", o->names[y] ? o->names[y] : "") : 0;
	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

static enum chain_status status_of(const struct chain_node *node, long count,
                                   const struct chain_settings *set)
{
	enum chain_status st = count == 0                 ? CHAIN_MISSING
	                       : count < set->present_min ? CHAIN_WEAK
	                       : count < set->strong_min  ? CHAIN_PRESENT
	                                                  : CHAIN_STRONG;
	if (node->critical && (st == CHAIN_MISSING || st == CHAIN_WEAK))
		st = CHAIN_CRITICAL_GAP;
	return st;
}

static void shares(struct chain_node_cov *c, const double *values)
{
	if (c->count == 0) {
		c->top1_pct = c->top2_pct = c->hhi = NAN;
		return;
	}
	double total = 0;
	for (long k = 0; k < c->count; k++) {
		double v = values ? values[c->firms[k]] : NAN;
		if (!isnan(v) && v > 0)
			total += v;
	}
	c->by_value = total > 0;
	double s[2] = {0, 0}, hhi = 0;
	for (long k = 0; k < c->count; k++) {
		double v = values ? values[c->firms[k]] : NAN, sh;
		if (c->by_value)
			sh = (!isnan(v) && v > 0) ? v / total : 0;
		else
			sh = 1.0 / (double)c->count;
		if (k < 2)
			s[k] = sh;
		hhi += (100 * sh) * (100 * sh);
	}
	c->top1_pct = 100 * s[0];
	c->top2_pct = 100 * (s[0] + s[1]);
	c->hhi = hhi;
}

void chain_coverage(const struct chain_node *nodes, size_t n, const struct chain_tag_pair *pairs,
                    size_t n_pairs, const double *values, const char *const *names, size_t n_firms,
                    const struct chain_supply *supply, size_t n_supply,
                    const struct chain_settings *set, struct chain_cov *out)
{
	(void)n_firms;
	memset(out, 0, sizeof *out);
	out->n = n;
	out->nodes = xcalloc(n ? n : 1, sizeof *out->nodes);
	/* Direct pairs, deduplicated; then every pair carried up to the node's ancestors. */
	struct chain_tag_pair *d = xcalloc(n_pairs ? n_pairs : 1, sizeof *d);
	size_t nd = 0;
	for (size_t i = 0; i < n_pairs; i++)
		if (pairs[i].node < n)
			d[nd++] = pairs[i];
	qsort(d, nd, sizeof *d, cmp_pair);
	size_t cap = 0, na = 0;
	struct chain_tag_pair *all = NULL;
	for (size_t i = 0; i < nd; i++) {
		if (i > 0 && cmp_pair(&d[i], &d[i - 1]) == 0)
			continue;
		out->nodes[d[i].node].direct++;
		size_t steps = 0;
		for (int v = (int)d[i].node; v >= 0 && steps <= n; v = nodes[v].parent, steps++) {
			if (na == cap) {
				cap = cap ? cap * 2 : 64;
				all = xrealloc(all, cap * sizeof *all);
			}
			all[na].firm = d[i].firm;
			all[na++].node = (size_t)v;
		}
	}
	free(d);
	if (na > 0)
		qsort(all, na, sizeof *all, cmp_pair);
	struct firm_order order = {values, names};
	for (size_t i = 0; i < na;) {
		size_t node = all[i].node, j = i;
		struct chain_node_cov *c = &out->nodes[node];
		c->firms = xcalloc(na - i, sizeof *c->firms);
		for (; j < na && all[j].node == node; j++)
			if (j == i || all[j].firm != all[j - 1].firm)
				c->firms[c->count++] = all[j].firm;
		i = j;
	}
	free(all);
	bool *has_child = xcalloc(n ? n : 1, sizeof *has_child);
	for (size_t i = 0; i < n; i++)
		if (nodes[i].parent >= 0 && (size_t)nodes[i].parent < n)
			has_child[nodes[i].parent] = true;
	for (size_t i = 0; i < n; i++) {
		struct chain_node_cov *c = &out->nodes[i];
		if (c->count > 1)
			qsort_r(c->firms, (size_t)c->count, sizeof *c->firms, cmp_firm, &order);
		for (long k = 0; k < c->count; k++) {
			double v = values ? values[c->firms[k]] : NAN;
			if (!isnan(v)) {
				c->value += v;
				c->n_value++;
			}
		}
		c->n_leaders = (size_t)c->count < CHAIN_LEADERS ? (size_t)c->count : CHAIN_LEADERS;
		if (c->n_leaders > 0)
			memcpy(c->leaders, c->firms, c->n_leaders * sizeof *c->leaders);
		shares(c, values);
		c->concentrated = c->count > 0 && c->top2_pct >= set->concentration;
		c->status = status_of(&nodes[i], c->count, set);
		c->outside_pct = NAN;
	}
	for (size_t k = 0; k < n_supply; k++) {
		size_t steps = 0;
		if (supply[k].node >= n)
			continue;
		for (int v = (int)supply[k].node; v >= 0 && steps <= n; v = nodes[v].parent, steps++) {
			out->nodes[v].supply_total += supply[k].amount;
			if (supply[k].outside)
				out->nodes[v].supply_outside += supply[k].amount;
		}
	}
	double wsum = 0, psum = 0;
	static const double points[CHAIN_STATUSES] = {1.0, 0.75, 0.25, 0.0, 0.0};
	for (size_t i = 0; i < n; i++) {
		struct chain_node_cov *c = &out->nodes[i];
		if (c->supply_total > 0)
			c->outside_pct = 100 * c->supply_outside / c->supply_total;
		if (has_child[i])
			continue;
		double w = nodes[i].critical ? 2.0 : 1.0;
		out->leaves++;
		out->critical_leaves += nodes[i].critical;
		out->by_status[c->status]++;
		wsum += w;
		psum += w * points[c->status];
	}
	out->score = wsum > 0 ? 100 * psum / wsum : 0;
	free(has_child);
}

void chain_cov_free(struct chain_cov *c)
{
	if (c == NULL || c->nodes == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->nodes[i].firms);
	free(c->nodes);
	c->nodes = NULL;
	c->n = 0;
}

/* ---- targeting ---- */

static bool is(const char *s, const char *v) { return s && strcmp(s, v) == 0; }

double chain_candidate_score(const struct chain_candidate *c, unsigned hits)
{
	double s = 0;
	bool kw = hits & CHAIN_HIT_KEYWORD, cl = hits & CHAIN_HIT_CLASS;
	s += kw && cl ? 50 : kw ? 40 : cl ? 30 : 0;
	s += is(c->size, "大型") ? 20 : is(c->size, "中型") ? 12 : is(c->size, "小型") ? 6
	     : is(c->size, "微型") ? 2 : 0;
	s += is(c->zjtx, "国家级小巨人") ? 15 : is(c->zjtx, "省级") ? 10 : 0;
	s += (c->listed && c->listed[0]) ? 10 : 0;
	s += c->single_champion ? 8 : 0;
	s += c->unicorn ? 8 : 0;
	s += c->high_tech ? 5 : 0;
	return s;
}

void chain_candidate_reason(const struct chain_candidate *c, unsigned hits, char *out, size_t cap)
{
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	bool kw = hits & CHAIN_HIT_KEYWORD, cl = hits & CHAIN_HIT_CLASS;
	(void)buf_puts(&b, kw && cl ? "匹配环节关键词和行业代码" : kw ? "匹配环节关键词"
	                                                  : "匹配环节行业代码");
	if (c->size && c->size[0])
		(void)buf_printf(&b, "；%s企业", c->size);
	if (is(c->zjtx, "国家级小巨人"))
		(void)buf_puts(&b, "；国家级专精特新小巨人");
	else if (is(c->zjtx, "省级"))
		(void)buf_puts(&b, "；省级专精特新");
	if (c->listed && c->listed[0])
		(void)buf_printf(&b, "；上市（%s）", c->listed);
	if (c->single_champion)
		(void)buf_puts(&b, "；单项冠军");
	if (c->unicorn)
		(void)buf_puts(&b, "；独角兽");
	if (c->high_tech)
		(void)buf_puts(&b, "；国家高新技术企业");
	if (!isnan(c->revenue))
		(void)buf_printf(&b, "；营业收入%.2f亿元", c->revenue / 1e8);
	(void)snprintf(out, cap, "%s", buf_str(&b));
	buf_free(&b);
}

struct rank_ctx {
	const enum chain_status *status;
	const struct chain_candidate *cands;
};

static int need(enum chain_status s)
{
	return s == CHAIN_CRITICAL_GAP ? 0 : s == CHAIN_MISSING ? 1 : s == CHAIN_WEAK ? 2 : 3;
}

static int cmp_suggestion(const void *a, const void *b, void *ctx)
{
	const struct rank_ctx *r = ctx;
	const struct chain_suggestion *x = a, *y = b;
	if (x->node != y->node) {
		int nx = need(r->status[x->node]), ny = need(r->status[y->node]);
		if (nx != ny)
			return nx - ny;
		return x->node < y->node ? -1 : 1;
	}
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	double vx = r->cands[x->candidate].revenue, vy = r->cands[y->candidate].revenue;
	if (isnan(vx) != isnan(vy))
		return isnan(vx) ? 1 : -1;
	if (!isnan(vx) && vx != vy)
		return vx > vy ? -1 : 1;
	int c = strcmp(r->cands[x->candidate].name, r->cands[y->candidate].name);
	if (c != 0)
		return c;
	return x->candidate < y->candidate ? -1 : x->candidate > y->candidate;
}

void chain_rank(struct chain_suggestion *s, size_t n, const enum chain_status *status,
                const struct chain_candidate *cands)
{
	struct rank_ctx r = {status, cands};
	if (n > 1)
		qsort_r(s, n, sizeof *s, cmp_suggestion, &r);
}
