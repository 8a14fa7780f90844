/*
 * chains_io.c - chain maps, candidates and supplier relations in and out: a file (or the built-in
 * map, or the demo's table) read whole into a table of cells, every row parsed with the lists'
 * field rules (field_parse; the candidates' columns are the enterprise list's own fields) and
 * checked across rows (duplicates, parents, cycles, codes), then written in one transaction, or
 * nothing when any row has a problem. Also the export and the threshold settings.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embed.h"
#include "base/mem.h"
#include "catalog/industry_codes.h"
#include "chain/chains.h"
#include "exchange/exchange.h"
#include "io/csv.h"
#include "io/csv_write.h"
#include "io/sheet.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- a table of text cells ---- */

struct grid {
	char **cells;    /* rows x cols */
	unsigned *line;  /* each row's number as the official sees it */
	size_t rows, cols, cap;
};

static void grid_add(struct grid *t, const char *const *cells, size_t n, unsigned line)
{
	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * t->cols * sizeof *t->cells);
		t->line = xrealloc(t->line, t->cap * sizeof *t->line);
	}
	for (size_t c = 0; c < t->cols; c++)
		t->cells[t->rows * t->cols + c] = xstrdup(c < n && cells[c] ? cells[c] : "");
	t->line[t->rows++] = line;
}

static void grid_free(struct grid *t)
{
	for (size_t i = 0; i < t->rows * t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->line);
	memset(t, 0, sizeof *t);
}

static const char *cell(const struct grid *t, size_t r, size_t c)
{
	return t->cells[r * t->cols + c];
}

static enum err_code grid_read_file(const char *path, struct grid *t, struct err *e)
{
	struct sheet *sh = NULL;
	const char *const *cells;
	size_t n;
	enum err_code rc = sheet_open(path, NULL, &sh, e);
	if (rc == ERR_OK)
		rc = sheet_header(sh, path, &cells, &n, e);
	if (rc == ERR_OK) {
		t->cols = n;
		grid_add(t, cells, n, sheet_row(sh));
		while ((rc = sheet_next(sh, &cells, &n, e)) == ERR_OK) {
			bool blank = true;
			for (size_t c = 0; c < n && blank; c++)
				blank = cells[c] == NULL || cells[c][0] == '\0';
			if (!blank)
				grid_add(t, cells, n, sheet_row(sh));
		}
		if (rc == ERR_NOT_FOUND)
			rc = ERR_OK;
	}
	sheet_close(sh);
	return rc;
}

/* ---- the columns of each kind ---- */

static const struct field_def map_fields[] = {
	{"industry", "产业", ALIASES("所属产业", "产业集群"), FT_INDUSTRY, true, false, NULL, 0},
	{"node", "环节编号", ALIASES("节点编号", "node_id"), FT_TEXT, true, true, NULL, 40},
	{"name", "环节名称", ALIASES("节点名称", "环节"), FT_TEXT, true, false, NULL, 100},
	{"stage", "环节位置", ALIASES("上中下游", "位置"), FT_TEXT, true, false, NULL, 20},
	{"parent", "上级环节", ALIASES("上级环节编号", "上级节点"), FT_TEXT, false, false, NULL, 40},
	{"critical", "卡脖子", ALIASES("关键环节", "卡脖子环节"), FT_BOOL, false, false, NULL, 0},
	{"keywords", "关键词", ALIASES("匹配关键词"), FT_TEXT, false, false, NULL, 2000},
	{"industry_codes", "行业代码", ALIASES("国民经济行业代码", "行业分类代码"), FT_TEXT, false, false, NULL, 500},
	{"basis", "依据", ALIASES("政策依据", "政策原文"), FT_TEXT, false, false, NULL, 2000},
};
enum { M_INDUSTRY, M_NODE, M_NAME, M_STAGE, M_PARENT, M_CRITICAL, M_KEYWORDS, M_CODES, M_BASIS };

static const struct field_def supply_fields[] = {
	{"buyer_uscc", "采购方信用代码", ALIASES("采购方统一社会信用代码", "采购企业信用代码"), FT_USCC, true, true, NULL, 0},
	{"supplier_name", "供应商名称", ALIASES("供应商", "供应企业"), FT_TEXT, true, true, NULL, 200},
	{"supplier_uscc", "供应商信用代码", ALIASES("供应商统一社会信用代码"), FT_USCC, false, false, NULL, 0},
	{"supplier_city", "供应商所在城市", ALIASES("供应商所在地", "供应商城市"), FT_TEXT, true, false, NULL, 50},
	{"node", "环节编号", ALIASES("产业链环节编号", "node_id"), FT_TEXT, true, true, NULL, 40},
	{"amount", "采购金额（万元）", ALIASES("采购金额", "金额（万元）"), FT_AMOUNT, true, false, NULL, 0},
};
enum { S_BUYER, S_SUPPLIER, S_SUPPLIER_USCC, S_CITY, S_NODE, S_AMOUNT };

/* The candidates' columns: the enterprise list's own fields, then four of their own. */
static const char *const cand_from_enterprise[] = {
	"uscc", "name", "industry_code", "business_scope", "main_products", "size", "zjtx",
	"single_champion", "unicorn", "high_tech", "listed_board", "ticker",
};
enum { C_USCC, C_NAME, C_CODE, C_SCOPE, C_PRODUCTS, C_SIZE, C_ZJTX, C_SINGLE, C_UNICORN,
       C_HIGH_TECH, C_BOARD, C_TICKER, C_CITY, C_INDUSTRY, C_REVENUE, C_NOTE, C_N };
static const struct field_def cand_own[] = {
	{"city", "所在城市", ALIASES("所在地", "来源地", "企业所在地", "city"), FT_TEXT, true, false, NULL, 50},
	{"industry", "目标产业", ALIASES("所属产业", "产业"), FT_INDUSTRY, false, false, NULL, 0},
	{"revenue", "营业收入（万元）", ALIASES("营业收入", "上年营业收入（万元）"), FT_AMOUNT, false, false, NULL, 0},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
};

static void cand_fields(struct field_def out[C_N])
{
	const struct list_def *ent = list_find("enterprises");
	for (size_t i = 0; i < N(cand_from_enterprise); i++) {
		int k = list_field_index(ent, cand_from_enterprise[i]);
		out[i] = ent->fields[k];
		out[i].key = false;
		out[i].required = i == C_NAME;
	}
	for (size_t i = 0; i < N(cand_own); i++)
		out[C_CITY + i] = cand_own[i];
}

/* ---- rows to records ---- */

struct parsed {
	struct list_def def;
	struct record *recs; /* one per data row */
	size_t n;
	int *col_of;         /* field -> column, -1 when absent */
	const char **header; /* field -> the header as the file has it (or the template's) */
};

static void parsed_free(struct parsed *p)
{
	for (size_t i = 0; i < p->n; i++)
		record_free(&p->recs[i]);
	free(p->recs);
	free(p->col_of);
	free(p->header);
	memset(p, 0, sizeof *p);
}

static void parse_rows(const struct list_ctx *ctx, const struct grid *t, struct parsed *p,
                       struct chains_import_result *res)
{
	const struct list_def *l = &p->def;
	p->col_of = xcalloc(l->n_fields, sizeof *p->col_of);
	p->header = xcalloc(l->n_fields, sizeof *p->header);
	for (size_t f = 0; f < l->n_fields; f++) {
		p->col_of[f] = -1;
		p->header[f] = l->fields[f].header_zh;
	}
	struct buf ign;
	buf_init(&ign, BUF_NO_CAP);
	for (size_t c = 0; c < t->cols; c++) {
		int f = list_field_for_header(l, cell(t, 0, c));
		if (f >= 0 && p->col_of[f] < 0) {
			p->col_of[f] = (int)c;
			p->header[f] = cell(t, 0, c);
		} else if (cell(t, 0, c)[0]) {
			(void)buf_printf(&ign, "%s%s", ign.len ? "、" : "", cell(t, 0, c));
		}
	}
	res->ignored = ign.len ? buf_take(&ign) : NULL;
	buf_free(&ign);
	for (size_t f = 0; f < l->n_fields; f++)
		if (l->fields[f].required && p->col_of[f] < 0)
			issues_add(&res->issues, t->line[0], l->fields[f].header_zh, "", "missing_column",
			           "缺少必填列“%s”", l->fields[f].header_zh);
	p->n = t->rows - 1;
	p->recs = xcalloc(p->n ? p->n : 1, sizeof *p->recs);
	for (size_t r = 1; r < t->rows; r++) {
		struct record *rec = &p->recs[r - 1];
		record_init(rec, l);
		rec->row = t->line[r];
		for (size_t f = 0; f < l->n_fields; f++)
			if (p->col_of[f] >= 0)
				(void)field_parse(ctx, &l->fields[f], cell(t, r, (size_t)p->col_of[f]), rec->row,
				                  p->header[f], &rec->v[f], &res->issues);
	}
	res->rows = (long)p->n;
}

static const char *txt(const struct record *r, size_t f)
{
	return r->v[f].null ? NULL : r->v[f].text;
}

/* ---- chain maps ---- */

static bool valid_id(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* Each code of "a|b": 2-4 digits naming a division, group or class of GB/T 4754-2017. */
static void check_codes(const struct industry_codes *codes, const struct record *rec,
                        const char *column, struct issues *is)
{
	const char *s = txt(rec, M_CODES);
	while (s && *s) {
		size_t len = strcspn(s, "|");
		char code[16];
		size_t l = len;
		const char *a = s;
		while (l > 0 && *a == ' ') {
			a++;
			l--;
		}
		while (l > 0 && a[l - 1] == ' ')
			l--;
		bool digits = l >= 2 && l <= 4;
		for (size_t i = 0; i < l && digits; i++)
			digits = a[i] >= '0' && a[i] <= '9';
		if (l > 0) {
			(void)snprintf(code, sizeof code, "%.*s", (int)(l < 15 ? l : 15), a);
			if (!digits || (codes && industry_code_find(codes, code) == NULL))
				issues_add(is, rec->row, column, code, "unknown_industry_code",
				           "行业代码“%s”不是GB/T 4754-2017的大类、中类或小类（2至4位数字）", code);
		}
		s += len;
		if (*s == '|')
			s++;
	}
}

static int find_node(const struct parsed *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (txt(&p->recs[i], M_NODE) && strcmp(txt(&p->recs[i], M_NODE), id) == 0)
			return (int)i;
	return -1;
}

static enum err_code import_map(struct store *s, const struct list_ctx *ctx, const struct grid *t,
                                const char *origin, bool dry_run,
                                struct chains_import_result *res, struct err *e)
{
	struct parsed p = {.def = {"chain_map", "产业链图谱", NULL, map_fields, N(map_fields), NULL}};
	parse_rows(ctx, t, &p, res);
	struct issues *is = &res->issues;
	for (size_t i = 0; i < p.n; i++) {
		const struct record *r = &p.recs[i];
		const char *id = txt(r, M_NODE);
		enum chain_stage st;
		if (id && !valid_id(id))
			issues_add(is, r->row, p.header[M_NODE], id, "bad_id",
			           "环节编号只能由字母、数字和 - _ . 组成");
		if (id && find_node(&p, id) != (int)i)
			issues_add(is, r->row, p.header[M_NODE], id, "duplicate_in_file",
			           "环节编号“%s”与第%u行重复", id, p.recs[find_node(&p, id)].row);
		if (txt(r, M_STAGE) && !chain_stage_parse(txt(r, M_STAGE), &st))
			issues_add(is, r->row, p.header[M_STAGE], txt(r, M_STAGE), "unknown_stage",
			           "环节位置应为上游、中游或下游（upstream、midstream、downstream）");
		const char *parent = txt(r, M_PARENT);
		if (parent) {
			int k = find_node(&p, parent);
			if (k < 0)
				issues_add(is, r->row, p.header[M_PARENT], parent, "unknown_parent",
				           "上级环节“%s”不在文件中", parent);
			else if (txt(&p.recs[k], M_INDUSTRY) && txt(r, M_INDUSTRY) &&
			         strcmp(txt(&p.recs[k], M_INDUSTRY), txt(r, M_INDUSTRY)) != 0)
				issues_add(is, r->row, p.header[M_PARENT], parent, "parent_other_industry",
				           "上级环节“%s”属于另一个产业", parent);
		}
		check_codes(ctx->codes, r, p.header[M_CODES], is);
	}
	/* Cycles: a node whose walk up its parents comes back to it (nodes below a loop are not
	 * reported again). */
	for (size_t i = 0; i < p.n; i++) {
		int k = (int)i;
		size_t steps = 0;
		bool loop = false;
		while (k >= 0 && txt(&p.recs[k], M_PARENT) && steps <= p.n && !loop) {
			k = find_node(&p, txt(&p.recs[k], M_PARENT));
			steps++;
			loop = k == (int)i;
		}
		if (loop)
			issues_add(is, p.recs[i].row, p.header[M_PARENT], txt(&p.recs[i], M_PARENT),
			           "cycle", "上级环节构成循环（环节“%s”是自己的上级）",
			           txt(&p.recs[i], M_NODE));
	}
	enum err_code rc = ERR_OK;
	if (is->n > 0) {
		rc = err_set(e, ERR_REJECTED, "%s：%zu 处问题，未导入任何环节", origin, is->n);
	} else if (!dry_run && p.n > 0) {
		struct store_chain_node *nodes = xcalloc(p.n, sizeof *nodes);
		const char **inds = xcalloc(p.n, sizeof *inds);
		size_t n_inds = 0;
		for (size_t i = 0; i < p.n; i++) {
			const struct record *r = &p.recs[i];
			enum chain_stage st = CHAIN_UPSTREAM;
			(void)chain_stage_parse(txt(r, M_STAGE), &st);
			nodes[i] = (struct store_chain_node){
				txt(r, M_NODE), txt(r, M_INDUSTRY), txt(r, M_NAME), chain_stage_name(st),
				txt(r, M_PARENT), !r->v[M_CRITICAL].null && r->v[M_CRITICAL].num != 0,
				txt(r, M_KEYWORDS), txt(r, M_CODES), txt(r, M_BASIS), origin,
			};
			bool seen = false;
			for (size_t k = 0; k < n_inds && !seen; k++)
				seen = strcmp(inds[k], nodes[i].industry) == 0;
			if (!seen)
				inds[n_inds++] = nodes[i].industry;
		}
		rc = store_chain_replace(s, inds, n_inds, nodes, p.n, e);
		free(nodes);
		free(inds);
		if (rc == ERR_OK)
			res->written = (long)p.n;
	}
	parsed_free(&p);
	return rc;
}

/* ---- candidates ---- */

static int stored_cand(void *ctx, const struct store_chain_candidate *c)
{
	struct buf *b = ctx; /* "uscc\x1fname\n" lines */
	if (c->uscc)
		(void)buf_printf(b, "%s\x1f%s\n", c->uscc, c->name);
	return 0;
}

/* The stored name of credit code `uscc` in the "uscc\x1fname\n" text, into out; false if none. */
static bool stored_name(const char *stored, const char *uscc, char *out, size_t cap)
{
	size_t ul = strlen(uscc);
	for (const char *p = stored; p && *p;) {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, uscc, ul) == 0 && p[ul] == '\x1f') {
			(void)snprintf(out, cap, "%.*s", (int)(nl - p - (long)ul - 1), p + ul + 1);
			return true;
		}
		p = nl ? nl + 1 : NULL;
	}
	return false;
}

static int flag(const struct record *r, size_t f)
{
	return r->v[f].null ? -1 : r->v[f].num != 0;
}

static enum err_code import_candidates(struct store *s, const struct list_ctx *ctx,
                                       const struct grid *t, const char *origin, bool dry_run,
                                       struct chains_import_result *res, struct err *e)
{
	struct field_def fields[C_N];
	cand_fields(fields);
	struct parsed p = {.def = {"chain_candidates", "产业链招商候选企业", NULL, fields, C_N, NULL}};
	parse_rows(ctx, t, &p, res);
	struct issues *is = &res->issues;
	struct buf stored;
	buf_init(&stored, BUF_NO_CAP);
	enum err_code rc = store_chain_candidates(s, stored_cand, &stored, e);
	const char *city = ctx->programme ? ctx->programme->city : NULL;
	char city_short[64] = "";
	if (city) {
		(void)snprintf(city_short, sizeof city_short, "%s", city);
		size_t l = strlen(city_short);
		if (l > 3 && strcmp(city_short + l - 3, "市") == 0)
			city_short[l - 3] = '\0';
	}
	for (size_t i = 0; i < p.n && rc == ERR_OK; i++) {
		const struct record *r = &p.recs[i];
		const char *name = txt(r, C_NAME), *uscc = txt(r, C_USCC), *c = txt(r, C_CITY);
		for (size_t k = 0; k < i; k++) {
			if (name && txt(&p.recs[k], C_NAME) && strcmp(name, txt(&p.recs[k], C_NAME)) == 0)
				issues_add(is, r->row, p.header[C_NAME], name, "duplicate_in_file",
				           "企业名称与第%u行重复", p.recs[k].row);
			if (uscc && txt(&p.recs[k], C_USCC) && strcmp(uscc, txt(&p.recs[k], C_USCC)) == 0)
				issues_add(is, r->row, p.header[C_USCC], uscc, "duplicate_in_file",
				           "统一社会信用代码与第%u行重复", p.recs[k].row);
		}
		char other[256];
		if (uscc && name && stored_name(buf_str(&stored), uscc, other, sizeof other) &&
		    strcmp(other, name) != 0)
			issues_add(is, r->row, p.header[C_USCC], uscc, "conflict",
			           "该信用代码已登记为候选企业“%s”", other);
		if (c && city_short[0] && strncmp(c, city_short, strlen(city_short)) == 0)
			issues_add(is, r->row, p.header[C_CITY], c, "local_candidate",
			           "候选企业应在市外；本市企业请导入企业名录");
	}
	buf_free(&stored);
	if (rc == ERR_OK && is->n > 0)
		rc = err_set(e, ERR_REJECTED, "%s：%zu 处问题，未导入任何候选企业", origin, is->n);
	if (rc == ERR_OK && !dry_run && p.n > 0) {
		struct store_chain_candidate *c = xcalloc(p.n, sizeof *c);
		for (size_t i = 0; i < p.n; i++) {
			const struct record *r = &p.recs[i];
			c[i] = (struct store_chain_candidate){
				0, txt(r, C_NAME), txt(r, C_USCC), txt(r, C_CITY), txt(r, C_INDUSTRY),
				txt(r, C_CODE), txt(r, C_SCOPE), txt(r, C_PRODUCTS), txt(r, C_SIZE),
				txt(r, C_ZJTX), txt(r, C_BOARD), txt(r, C_TICKER), txt(r, C_NOTE), origin,
				flag(r, C_SINGLE), flag(r, C_UNICORN), flag(r, C_HIGH_TECH),
				r->v[C_REVENUE].null ? NAN : r->v[C_REVENUE].num,
			};
		}
		rc = store_chain_candidates_put(s, c, p.n, e);
		free(c);
		if (rc == ERR_OK)
			res->written = (long)p.n;
	}
	parsed_free(&p);
	return rc;
}

/* ---- supplier relations ---- */

static int collect_ids(void *ctx, const struct store_chain_node *n)
{
	(void)buf_printf(ctx, "\n%s\n", n->id);
	return 0;
}

static int found_firm(void *ctx, const struct store_firm *f)
{
	(void)f;
	*(bool *)ctx = true;
	return 0;
}

static enum err_code import_supplies(struct store *s, const struct list_ctx *ctx,
                                     const struct grid *t, const char *origin, bool dry_run,
                                     struct chains_import_result *res, struct err *e)
{
	struct parsed p = {.def = {"chain_supplies", "供应关系", NULL, supply_fields, N(supply_fields), NULL}};
	parse_rows(ctx, t, &p, res);
	struct issues *is = &res->issues;
	struct buf ids;
	buf_init(&ids, BUF_NO_CAP);
	(void)buf_puts(&ids, "\n");
	enum err_code rc = store_chain_nodes(s, NULL, collect_ids, &ids, e);
	for (size_t i = 0; i < p.n && rc == ERR_OK; i++) {
		const struct record *r = &p.recs[i];
		const char *node = txt(r, S_NODE), *buyer = txt(r, S_BUYER), *sup = txt(r, S_SUPPLIER);
		if (node) {
			char probe[64];
			(void)snprintf(probe, sizeof probe, "\n%.40s\n", node);
			if (strstr(buf_str(&ids), probe) == NULL)
				issues_add(is, r->row, p.header[S_NODE], node, "unknown_node",
				           "环节编号“%s”不在任何产业链图谱中", node);
		}
		if (buyer) {
			bool found = false;
			struct err e2 = {0};
			enum err_code r2 = store_firm_get(s, buyer, found_firm, &found, &e2);
			if (r2 != ERR_OK && r2 != ERR_NOT_FOUND)
				rc = err_set(e, r2, "%s", e2.msg);
			else if (!found)
				issues_add(is, r->row, p.header[S_BUYER], buyer, "unknown_enterprise",
				           "采购方不在企业名录中");
		}
		for (size_t k = 0; k < i; k++) {
			const struct record *o = &p.recs[k];
			if (node && buyer && sup && txt(o, S_NODE) && txt(o, S_BUYER) && txt(o, S_SUPPLIER) &&
			    strcmp(node, txt(o, S_NODE)) == 0 && strcmp(buyer, txt(o, S_BUYER)) == 0 &&
			    strcmp(sup, txt(o, S_SUPPLIER)) == 0)
				issues_add(is, r->row, p.header[S_SUPPLIER], sup, "duplicate_in_file",
				           "同一采购方、供应商和环节与第%u行重复", o->row);
		}
	}
	buf_free(&ids);
	if (rc == ERR_OK && is->n > 0)
		rc = err_set(e, ERR_REJECTED, "%s：%zu 处问题，未导入任何供应关系", origin, is->n);
	if (rc == ERR_OK && !dry_run && p.n > 0) {
		struct store_chain_supply *x = xcalloc(p.n, sizeof *x);
		for (size_t i = 0; i < p.n; i++) {
			const struct record *r = &p.recs[i];
			x[i] = (struct store_chain_supply){txt(r, S_BUYER), txt(r, S_SUPPLIER),
			                                   txt(r, S_SUPPLIER_USCC), txt(r, S_CITY),
			                                   txt(r, S_NODE), origin, r->v[S_AMOUNT].num};
		}
		rc = store_chain_supply_put(s, x, p.n, e);
		free(x);
		if (rc == ERR_OK)
			res->written = (long)p.n;
	}
	parsed_free(&p);
	return rc;
}

/* ---- entry points ---- */

/* Issues in row order, those of one row in the order found (a stable merge sort). */
static void sort_issues(struct issues *is)
{
	if (is->n < 2)
		return;
	struct issue *tmp = xmalloc(is->n * sizeof *tmp);
	for (size_t w = 1; w < is->n; w *= 2) {
		for (size_t lo = 0; lo < is->n; lo += 2 * w) {
			size_t mid = lo + w < is->n ? lo + w : is->n, hi = lo + 2 * w < is->n ? lo + 2 * w : is->n;
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				tmp[k++] = is->items[b].row < is->items[a].row ? is->items[b++] : is->items[a++];
			while (a < mid)
				tmp[k++] = is->items[a++];
			while (b < hi)
				tmp[k++] = is->items[b++];
		}
		memcpy(is->items, tmp, is->n * sizeof *tmp);
	}
	free(tmp);
}

static enum err_code import_grid(struct store *s, const struct list_ctx *ctx,
                                 enum chains_kind kind, const struct grid *t, const char *origin,
                                 bool dry_run, struct chains_import_result *res, struct err *e)
{
	enum err_code rc;
	switch (kind) {
	case CHAINS_MAP: rc = import_map(s, ctx, t, origin, dry_run, res, e); break;
	case CHAINS_CANDIDATES: rc = import_candidates(s, ctx, t, origin, dry_run, res, e); break;
	case CHAINS_SUPPLIERS: rc = import_supplies(s, ctx, t, origin, dry_run, res, e); break;
	default: rc = err_set(e, ERR_INTERNAL, "unknown import kind"); break;
	}
	sort_issues(&res->issues);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

enum err_code chains_import(struct store *s, const struct list_ctx *ctx, enum chains_kind kind,
                            const char *path, bool dry_run, struct chains_import_result *res,
                            struct err *e)
{
	memset(res, 0, sizeof *res);
	struct grid t = {0};
	enum err_code rc = grid_read_file(path, &t, e);
	if (rc == ERR_OK)
		rc = import_grid(s, ctx, kind, &t, base_name(path), dry_run, res, e);
	grid_free(&t);
	return rc;
}

enum err_code chains_import_cells(struct store *s, const struct list_ctx *ctx,
                                  enum chains_kind kind, const char *const *cells, size_t rows,
                                  size_t cols, const char *origin, bool dry_run,
                                  struct chains_import_result *res, struct err *e)
{
	memset(res, 0, sizeof *res);
	if (rows == 0)
		return err_set(e, ERR_REJECTED, "%s：没有表头", origin);
	struct grid t = {.cols = cols};
	for (size_t r = 0; r < rows; r++)
		grid_add(&t, cells + r * cols, cols, (unsigned)r + 1);
	enum err_code rc = import_grid(s, ctx, kind, &t, origin, dry_run, res, e);
	grid_free(&t);
	return rc;
}

void chains_import_result_free(struct chains_import_result *r)
{
	if (r == NULL)
		return;
	issues_free(&r->issues);
	free(r->ignored);
	r->ignored = NULL;
}

static int count_one(void *ctx, const struct store_chain_node *n)
{
	(void)n;
	*(bool *)ctx = true;
	return 1;
}

enum err_code chains_builtin(struct store *s, const struct list_ctx *ctx, bool *added,
                             struct err *e)
{
	bool any = false;
	*added = false;
	enum err_code rc = store_chain_nodes(s, NULL, count_one, &any, e);
	if (rc != ERR_OK || any)
		return rc;
	const struct embed_file *f = embed_find(CHAINS_BUILTIN_PATH);
	if (f == NULL)
		return err_set(e, ERR_INTERNAL, "the built-in chain maps are missing from this build");
	struct csv_reader *r = csv_reader_new((const char *)f->data, f->len, CHAINS_BUILTIN_PATH);
	struct grid t = {0};
	struct csv_row row;
	while ((rc = csv_reader_next(r, &row, e)) == ERR_OK) {
		if (t.cols == 0)
			t.cols = row.n;
		grid_add(&t, row.field, row.n, (unsigned)csv_reader_line(r));
	}
	csv_reader_free(r);
	if (rc == ERR_NOT_FOUND)
		rc = ERR_OK;
	struct chains_import_result res;
	memset(&res, 0, sizeof res);
	if (rc == ERR_OK)
		rc = import_grid(s, ctx, CHAINS_MAP, &t, "builtin", false, &res, e);
	if (rc == ERR_REJECTED && res.issues.n > 0) /* a bad build: say where */
		rc = err_set(e, ERR_INTERNAL, "built-in chain maps, row %u, %s: %s", res.issues.items[0].row,
		             res.issues.items[0].column, res.issues.items[0].message);
	*added = rc == ERR_OK;
	chains_import_result_free(&res);
	grid_free(&t);
	return rc;
}

/* ---- export ---- */

struct export_rows {
	const struct programme *p;
	char **cells;
	size_t rows, cap;
};

#define EXPORT_COLS 9

static int export_node(void *ctx, const struct store_chain_node *n)
{
	struct export_rows *x = ctx;
	if (x->rows == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->cells = xrealloc(x->cells, x->cap * EXPORT_COLS * sizeof *x->cells);
	}
	const struct industry *ind = programme_industry(x->p, n->industry);
	enum chain_stage st = CHAIN_UPSTREAM;
	(void)chain_stage_parse(n->stage, &st);
	char **c = &x->cells[x->rows++ * EXPORT_COLS];
	c[0] = xstrdup(ind ? ind->name_zh : n->industry);
	c[1] = xstrdup(n->id);
	c[2] = xstrdup(n->name);
	c[3] = xstrdup(chain_stage_zh(st));
	c[4] = xstrdup(n->parent ? n->parent : "");
	c[5] = xstrdup(n->critical ? "是" : "否");
	c[6] = xstrdup(n->keywords ? n->keywords : "");
	c[7] = xstrdup(n->industry_codes ? n->industry_codes : "");
	c[8] = xstrdup(n->basis ? n->basis : "");
	return 0;
}

enum err_code chains_export(struct store *s, const struct programme *p, const char *industry,
                            const char *path, long *rows, struct err *e)
{
	static const char *const head[EXPORT_COLS] = {"产业", "环节编号", "环节名称", "环节位置",
	                                              "上级环节", "卡脖子", "关键词", "行业代码", "依据"};
	bool xlsx;
	if (!sheet_format_of(path, &xlsx))
		return err_set(e, ERR_USAGE, "%s: the output must end in .csv or .xlsx", path);
	struct export_rows x = {.p = p};
	enum err_code rc = store_chain_nodes(s, industry, export_node, &x, e);
	if (rc == ERR_OK && xlsx) {
		rc = exchange_table_xlsx(path, "产业链图谱", head, EXPORT_COLS,
		                         (const char *const *)x.cells, x.rows, e);
	} else if (rc == ERR_OK) {
		FILE *f = fopen(path, "wb");
		if (f == NULL)
			rc = err_set(e, ERR_IO, "%s: cannot write", path);
		bool ok = f && csv_write_bom(f) && csv_write_row(f, head, EXPORT_COLS);
		for (size_t i = 0; ok && i < x.rows; i++)
			ok = csv_write_row(f, (const char *const *)&x.cells[i * EXPORT_COLS], EXPORT_COLS);
		if (f && (fclose(f) != 0 || !ok) && rc == ERR_OK)
			rc = err_set(e, ERR_IO, "%s: cannot write", path);
	}
	*rows = (long)x.rows;
	for (size_t i = 0; i < x.rows * EXPORT_COLS; i++)
		free(x.cells[i]);
	free(x.cells);
	return rc;
}

/* ---- settings ---- */

static const char *const setting_keys[] = {"strong_min", "present_min", "concentration"};

enum err_code chains_settings(struct store *s, struct chain_settings *out, struct err *e)
{
	*out = (struct chain_settings){CHAIN_DEFAULT_STRONG, CHAIN_DEFAULT_PRESENT,
	                               CHAIN_DEFAULT_CONCENTRATION};
	double v[3];
	bool found[3];
	for (size_t i = 0; i < 3; i++) {
		enum err_code rc = store_chain_setting(s, setting_keys[i], &v[i], &found[i], e);
		if (rc != ERR_OK)
			return rc;
	}
	if (found[0])
		out->strong_min = (long)v[0];
	if (found[1])
		out->present_min = (long)v[1];
	if (found[2])
		out->concentration = v[2];
	return ERR_OK;
}

enum err_code chains_settings_put(struct store *s, const struct chain_settings *set,
                                  struct err *e)
{
	if (!chain_settings_valid(set))
		return err_set(e, ERR_INVALID,
		               "阈值无效：须 1 ≤ 有（present）≤ 强（strong），集中度在 0 到 100 之间");
	enum err_code rc = store_chain_setting_put(s, setting_keys[0], (double)set->strong_min, e);
	if (rc == ERR_OK)
		rc = store_chain_setting_put(s, setting_keys[1], (double)set->present_min, e);
	if (rc == ERR_OK)
		rc = store_chain_setting_put(s, setting_keys[2], set->concentration, e);
	return rc;
}
