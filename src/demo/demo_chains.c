/*
 * demo_chains.c - the demo's chain data: a pool of candidate enterprises outside the city for the
 * nodes of the stored chain maps (more of them for critical nodes) and supplier relations of the
 * demo's enterprises per node, some from outside the city. Written through the chain imports'
 * own validation (chain/chains.h), so demo rows pass the checks files do. Nothing is generated
 * when no chain map is stored (`jiqun init` stores the built-in ones).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "chain/chains.h"
#include "demo/demo_int.h"

struct node_row {
	char *id, *industry, *parent, *keywords, *codes;
	bool critical, leaf;
};

struct nodes {
	struct node_row *v;
	size_t n, cap;
};

static int on_node(void *ctx, const struct store_chain_node *n)
{
	struct nodes *x = ctx;
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = (struct node_row){xstrdup(n->id), xstrdup(n->industry),
	                                 n->parent ? xstrdup(n->parent) : NULL,
	                                 xstrdup(n->keywords ? n->keywords : ""),
	                                 xstrdup(n->industry_codes ? n->industry_codes : ""),
	                                 n->critical, true};
	return 0;
}

/* The k-th '|' item of s into out (the first when there are fewer). */
static void item(const char *s, size_t k, char *out, size_t cap)
{
	const char *p = s;
	for (size_t i = 0; i < k && strchr(p, '|'); i++)
		p = strchr(p, '|') + 1;
	size_t len = strcspn(p, "|");
	if (len == 0) {
		p = s;
		len = strcspn(s, "|");
	}
	(void)snprintf(out, cap, "%.*s", (int)len, p);
}

static size_t n_items(const char *s)
{
	size_t n = s[0] ? 1 : 0;
	for (; *s; s++)
		n += *s == '|';
	return n;
}

struct cells {
	char **c;
	size_t cols, rows, cap;
};

static void row_add(struct cells *t, const char *const *v)
{
	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 128;
		t->c = xrealloc(t->c, t->cap * t->cols * sizeof *t->c);
	}
	for (size_t i = 0; i < t->cols; i++)
		t->c[t->rows * t->cols + i] = xstrdup(v[i] ? v[i] : "");
	t->rows++;
}

static void cells_free(struct cells *t)
{
	for (size_t i = 0; i < t->rows * t->cols; i++)
		free(t->c[i]);
	free(t->c);
}

static enum err_code write_cells(struct demo_gen *g, enum chains_kind kind, struct cells *t,
                                 struct err *e)
{
	struct chains_import_result res;
	enum err_code rc = chains_import_cells(g->s, g->ctx, kind, (const char *const *)t->c, t->rows,
	                                       t->cols, "demo", false, &res, e);
	if (rc == ERR_REJECTED && res.issues.n > 0)
		rc = err_set(e, ERR_INTERNAL, "demo chain data, row %u, %s: %s", res.issues.items[0].row,
		             res.issues.items[0].column, res.issues.items[0].message);
	chains_import_result_free(&res);
	return rc;
}

static const struct demo_ind *ind_of(struct demo_gen *g, const char *id)
{
	for (size_t i = 0; i < g->n_inds; i++)
		if (strcmp(g->inds[i].ind->id, id) == 0)
			return &g->inds[i];
	return NULL;
}

static enum err_code candidates(struct demo_gen *g, const struct nodes *ns, struct err *e)
{
	static const char *const head[] = {"统一社会信用代码", "企业名称", "所在城市", "目标产业",
	                                   "行业代码", "经营范围", "主营产品", "企业规模", "专精特新",
	                                   "上市板块", "股票代码", "国家高新技术企业",
	                                   "营业收入（万元）"};
	static const char *const sizes[] = {"大型", "中型", "中型", "小型", "小型", "微型"};
	static const char *const boards[] = {"科创板", "创业板", "主板"};
	struct cells t = {NULL, DEMO_N(head), 0, 0};
	row_add(&t, head);
	for (size_t i = 0; i < ns->n; i++) {
		const struct node_row *n = &ns->v[i];
		const struct demo_ind *d = ind_of(g, n->industry);
		if (!n->leaf || n->keywords[0] == '\0' || d == NULL)
			continue;
		long count = n->critical ? demo_range(g, 1, 3) : demo_chance(g, 35) ? 1 : 0;
		for (long k = 0; k < count; k++) {
			const struct demo_origin *o = &demo_origins[demo_below(g, demo_n_origins)];
			char kw[96], kw2[96], name[256], uscc[USCC_LEN + 1] = "", scope[512], code[8] = "";
			char board[16] = "", ticker[16] = "", revenue[32];
			item(n->keywords, demo_below(g, n_items(n->keywords)), kw, sizeof kw);
			item(n->keywords, demo_below(g, n_items(n->keywords)), kw2, sizeof kw2);
			do
				(void)snprintf(name, sizeof name, "%s%s%s科技有限公司", o->city,
				               demo_brands[demo_below(g, demo_n_brands)], kw);
			while (!demo_name_add(g, name));
			if (o->division) {
				do
					demo_uscc(g, '1', o->division, (int)demo_range(g, 2000, 2020), uscc);
				while (!demo_name_add(g, uscc));
			}
			(void)snprintf(scope, sizeof scope,
			               "一般经营项目是：%s、%s的研发、生产和销售；技术开发、技术咨询、技术服务；"
			               "货物及技术进出口。", kw, kw2);
			if (strcspn(n->codes, "|") == 4) /* a class, as enterprises are coded */
				(void)snprintf(code, sizeof code, "%.4s", n->codes);
			const char *size = sizes[demo_below(g, DEMO_N(sizes))];
			const char *zjtx = demo_chance(g, 25) ? "国家级小巨人" : demo_chance(g, 25) ? "省级" : "";
			if (demo_chance(g, strcmp(size, "大型") == 0 ? 60 : 10)) {
				(void)snprintf(board, sizeof board, "%s", boards[demo_below(g, 3)]);
				do
					(void)snprintf(ticker, sizeof ticker, "%s%03d",
					               strcmp(board, "科创板") == 0 ? "688" : strcmp(board, "创业板") == 0
					                                                    ? "301" : "603",
					               (int)demo_below(g, 1000));
				while (!demo_name_add(g, ticker));
			}
			long lo = strcmp(size, "大型") == 0 ? 50000 : strcmp(size, "中型") == 0 ? 5000
			          : strcmp(size, "小型") == 0 ? 500 : 50;
			(void)snprintf(revenue, sizeof revenue, "%ld", demo_range(g, lo, lo * 10));
			const char *v[] = {uscc, name, o->city, d->ind->name_zh, code, scope, kw, size, zjtx,
			                   board, ticker, demo_chance(g, 60) ? "是" : "否", revenue};
			row_add(&t, v);
		}
	}
	enum err_code rc = write_cells(g, CHAINS_CANDIDATES, &t, e);
	cells_free(&t);
	return rc;
}

static enum err_code suppliers(struct demo_gen *g, const struct nodes *ns, struct err *e)
{
	static const char *const head[] = {"采购方信用代码", "供应商名称", "供应商所在城市", "环节编号",
	                                   "采购金额（万元）"};
	struct cells t = {NULL, DEMO_N(head), 0, 0};
	row_add(&t, head);
	for (size_t i = 0; i < g->n_inds; i++) {
		const struct demo_ind *d = &g->inds[i];
		size_t leaves[64], nl = 0;
		for (size_t k = 0; k < ns->n && nl < 64; k++)
			if (ns->v[k].leaf && strcmp(ns->v[k].industry, d->ind->id) == 0)
				leaves[nl++] = k;
		if (nl == 0 || d->n_ents == 0 || d->ind->kind != KIND_CLUSTER)
			continue;
		long count = demo_range(g, 6, 14);
		for (long k = 0; k < count; k++) {
			const struct demo_ent *buyer = &g->ents[d->ents[demo_below(g, d->n_ents)]];
			const struct node_row *n = &ns->v[leaves[demo_below(g, nl)]];
			bool local = demo_chance(g, n->critical ? 25 : 55);
			const struct demo_origin *o = &demo_origins[demo_below(g, demo_n_origins)];
			const char *city = local ? "深圳" : o->city;
			char name[256], amount[32];
			do
				(void)snprintf(name, sizeof name, "%s%s%s有限公司", local ? "深圳市" : city,
				               demo_brands[demo_below(g, demo_n_brands)],
				               local ? "供应链" : "实业");
			while (!demo_name_add(g, name));
			(void)snprintf(amount, sizeof amount, "%ld", demo_range(g, 100, 20000));
			const char *v[] = {buyer->uscc, name, city, n->id, amount};
			row_add(&t, v);
		}
	}
	enum err_code rc = write_cells(g, CHAINS_SUPPLIERS, &t, e);
	cells_free(&t);
	return rc;
}

enum err_code demo_chains(struct demo_gen *g, struct err *e)
{
	struct nodes ns = {NULL, 0, 0};
	enum err_code rc = store_chain_nodes(g->s, NULL, on_node, &ns, e);
	/* A node that is some node's parent is not a leaf. */
	for (size_t i = 0; i < ns.n; i++)
		for (size_t k = 0; k < ns.n && ns.v[i].leaf; k++)
			if (ns.v[k].parent && strcmp(ns.v[k].parent, ns.v[i].id) == 0)
				ns.v[i].leaf = false;
	if (rc == ERR_OK && ns.n > 0)
		rc = candidates(g, &ns, e);
	if (rc == ERR_OK && ns.n > 0)
		rc = suppliers(g, &ns, e);
	for (size_t i = 0; i < ns.n; i++) {
		free(ns.v[i].id);
		free(ns.v[i].industry);
		free(ns.v[i].parent);
		free(ns.v[i].keywords);
		free(ns.v[i].codes);
	}
	free(ns.v);
	return rc;
}
