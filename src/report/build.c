/*
 * build.c - the semi-annual report's doc, built from a snapshot of engine results (report.h)
 * and nothing else: no store, no clock. Every number in it is a number of the snapshot, which
 * holds the JSON the API serves; where the snapshot has no figure the doc says 无数据 instead of
 * inventing one. Sentences an official can quote come from a small string table (Chinese and
 * English, strings.c).
 *
 * Units: money figures are yuan in the snapshot and 亿元 in the doc (value / 1e8, 2 decimals);
 * employees 万人 (value / 1e4); growth, shares and progress in % with 1 decimal in sentences.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "model/indicator.h"
#include "model/period.h"
#include "report/report.h"
#include "report/report_int.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* formats from strings.c, see report_int.h */

/* ---- JSON access ---- */

static const char *js(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static double jnum(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static bool same(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* The figure (level, key, district, indicator) of a monitor_report_json, published or computed. */
static const json_t *fig_of(const json_t *stats, const char *level, const char *key,
                            const char *district, const char *indicator, bool published)
{
	size_t i;
	const json_t *g;
	json_array_foreach(json_object_get(stats, "figures"), i, g) {
		if (same(js(g, "level"), level) && same(js(g, "key"), key) &&
		    same(js(g, "district"), district) && same(js(g, "indicator"), indicator) &&
		    same(js(g, "source"), published ? "published" : "computed"))
			return g;
	}
	return NULL;
}

/* The figure a reader is told: the published one where there is one, else the computed one (the
 * rule of /api/v1/stats/targets). */
static const json_t *fig_best(const json_t *stats, const char *level, const char *key,
                              const char *district, const char *indicator)
{
	const json_t *g = fig_of(stats, level, key, district, indicator, true);
	return g ? g : fig_of(stats, level, key, district, indicator, false);
}

/* ---- the builder ---- */

static const char *name_of(const struct rb *b, const json_t *o)
{
	const char *en = js(o, "name_en");
	return b->en && en[0] ? en : js(o, "name_zh");
}

const char *rb_industry_name(const struct rb *b, const char *id)
{
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(b->in, "industries"), i, o) {
		if (same(js(o, "id"), id))
			return name_of(b, o);
	}
	return id;
}

static const char *ind_name(const struct rb *b, int k)
{
	return b->en ? indicator_defs[k].name_en : indicator_defs[k].name_zh;
}

/* A value in the doc's unit: money in 亿元, people in 万人, items as they are. */
static double in_unit(int k, double v)
{
	if (isnan(v))
		return NAN;
	return indicator_defs[k].dim == DIM_MONEY ? v / 1e8 : indicator_defs[k].dim == DIM_PERSON ? v / 1e4 : v;
}

static const char *unit_of(const struct rb *b, int k)
{
	return indicator_defs[k].dim == DIM_MONEY ? T(S_UNIT_YI) : indicator_defs[k].dim == DIM_PERSON ? T(S_UNIT_WAN_REN) : T(S_UNIT_ITEM);
}

/* "同比增长8.4%" / "up 8.4% year on year", or the no-data phrase. */
static void growth_phrase(const struct rb *b, double g, char *out, size_t cap)
{
	if (isnan(g))
		(void)snprintf(out, cap, "%s", T(S_GROWTH_NONE));
	else if (g >= 0)
		(void)snprintf(out, cap, T(S_GROWTH_UP), g);
	else
		(void)snprintf(out, cap, T(S_GROWTH_DOWN), -g);
}

static void heading(struct rb *b, int level, const char *text)
{
	char anchor[32];
	if (level == 1) {
		b->sec++;
		b->sub = 0;
		(void)snprintf(anchor, sizeof anchor, "s%d", b->sec);
	} else {
		b->sub++;
		(void)snprintf(anchor, sizeof anchor, "s%d-%d", b->sec, b->sub);
	}
	doc_add_heading(b->d, level, anchor, text);
}

/* Cut s to at most n UTF-8 characters, in place. */
static void utf8_cut(char *s, size_t n)
{
	size_t chars = 0;
	for (char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (chars == n) {
				*p = '\0';
				return;
			}
			chars++;
		}
	}
}

/* A table with a numbered caption and a unique sheet name ("表3 各产业主要指标", cut to 31). */
struct doc_table *rb_table(struct rb *b, const char *title, const char *source, size_t ncols,
                           const char *const *headers, const enum doc_numfmt *fmts, size_t nrows)
{
	char caption[256], sheet[128];
	b->ntab++;
	(void)snprintf(caption, sizeof caption, T(S_TABLE_N), b->ntab, title);
	(void)snprintf(sheet, sizeof sheet, T(S_TABLE_N), b->ntab, title);
	for (char *p = sheet; *p; p++)
		if (strchr("[]:*?/\\'", *p))
			*p = ' ';
	utf8_cut(sheet, 31);
	struct doc_block *bl = doc_add_table(b->d, sheet, caption, source, ncols, headers, fmts, nrows);
	return &bl->table;
}

static const char *const ind_ids[] = {"value_added", "revenue", "profit", "tax", "rnd", "employees"};
static const int ind_ks[] = {IND_VALUE_ADDED, IND_REVENUE, IND_PROFIT, IND_TAX, IND_RND, IND_EMPLOYEES};
#define N_MAIN 6

/* ---- 1 summary ---- */

static void summary(struct rb *b)
{
	const json_t *st = json_object_get(b->in, "stats");
	heading(b, 1, T(S_H_SUMMARY));
	const json_t *va = fig_best(st, "programme", "", "", "value_added");
	char g[96], share[64];
	if (va == NULL) {
		doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_NODATA), b->period_text);
	} else {
		growth_phrase(b, jnum(va, "growth_pct"), g, sizeof g);
		double sg = jnum(va, "share_gdp_pct");
		if (isnan(sg))
			(void)snprintf(share, sizeof share, "%s", T(S_SHARE_GDP_NONE));
		else
			(void)snprintf(share, sizeof share, T(S_SHARE_GDP), sg);
		doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_VA), b->period_text, jnum(va, "value") / 1e8, g, share);
	}
	/* The other indicators in one sentence. */
	struct buf s;
	buf_init(&s, BUF_NO_CAP);
	for (size_t i = 1; i < N_MAIN; i++) {
		const json_t *f = fig_best(st, "programme", "", "", ind_ids[i]);
		if (f == NULL)
			continue;
		growth_phrase(b, jnum(f, "growth_pct"), g, sizeof g);
		(void)buf_printf(&s, "%s%s %.2f%s%s%s", s.len ? T(S_SEMI) : "", ind_name(b, ind_ks[i]),
		                 in_unit(ind_ks[i], jnum(f, "value")), unit_of(b, ind_ks[i]), T(S_COMMA), g);
	}
	if (s.len)
		doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_OTHERS), buf_str(&s));
	buf_free(&s);
	/* Clusters over 100 billion and the fastest growing. */
	size_t i;
	const json_t *o;
	int over = 0, n = 0;
	const char *fast = NULL;
	double fast_g = -INFINITY;
	struct buf names;
	buf_init(&names, BUF_NO_CAP);
	json_array_foreach(json_object_get(b->in, "industries"), i, o) {
		if (!same(js(o, "kind"), "cluster"))
			continue;
		const json_t *f = fig_best(st, "industry", js(o, "id"), "", "value_added");
		if (f == NULL)
			continue;
		n++;
		if (jnum(f, "value") >= 1e11) {
			over++;
			(void)buf_printf(&names, "%s%s", names.len ? T(S_LIST_SEP) : "", name_of(b, o));
		}
		double gg = jnum(f, "growth_pct");
		if (!isnan(gg) && gg > fast_g) {
			fast_g = gg;
			fast = name_of(b, o);
		}
	}
	if (n > 0)
		doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_CLUSTERS), n, over, over ? buf_str(&names) : T(S_NONE),
		         fast ? fast : T(S_NONE), isinf(fast_g) ? 0.0 : fast_g);
	buf_free(&names);
	/* Targets. */
	json_array_foreach(json_object_get(json_object_get(b->in, "targets"), "targets"), i, o) {
		double sh = jnum(o, "share"), el = jnum(o, "elapsed");
		doc_addf(b->d, DOC_BULLET, T(S_SUM_TARGET), js(o, "note"),
		         (int)json_integer_value(json_object_get(json_object_get(b->in, "targets"), "year")),
		         isnan(sh) ? 0.0 : sh * 100, isnan(el) ? 0.0 : el * 100,
		         b->en ? js(o, "status") : js(o, "status_zh"));
	}
	/* Projects, cultivation, briefs. */
	const json_t *ps = json_object_get(json_object_get(b->in, "projects"), "summary");
	doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_PROJECTS), js(json_object_get(b->in, "projects"), "as_of"),
	         (long)(json_integer_value(json_object_get(ps, "green")) +
	                json_integer_value(json_object_get(ps, "amber")) +
	                json_integer_value(json_object_get(ps, "red")) +
	                json_integer_value(json_object_get(ps, "none"))),
	         (long)json_integer_value(json_object_get(ps, "green")),
	         (long)json_integer_value(json_object_get(ps, "amber")),
	         (long)json_integer_value(json_object_get(ps, "red")));
	const json_t *mv = json_object_get(json_object_get(json_object_get(b->in, "cultivation"), "city"), "moves");
	doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_CULT), b->period_text,
	         (long)json_integer_value(json_object_get(mv, "个转企")),
	         (long)json_integer_value(json_object_get(mv, "小升规")),
	         (long)json_integer_value(json_object_get(mv, "规做精")),
	         (long)json_integer_value(json_object_get(mv, "优上市")));
	size_t nb = json_array_size(json_object_get(b->in, "briefs"));
	doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_BRIEFS), nb,
	         json_array_size(json_object_get(b->in, "industries")) - nb);
	if (va)
		doc_addf(b->d, DOC_NOTE, T(S_NOTE_FIGURE_SOURCE), js(va, "source_text"));
}

/* ---- 2 targets ---- */

static void targets(struct rb *b)
{
	const json_t *tg = json_object_get(b->in, "targets"), *arr = json_object_get(tg, "targets");
	heading(b, 1, T(S_H_TARGETS));
	if (json_array_size(arr) == 0) {
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_NO_DATA));
		return;
	}
	static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1,
	                                    DOC_NUM_PCT1, DOC_NUM_PCT1, DOC_NUM_INT};
	const char *h[] = {T(S_COL_TARGET), T(S_COL_YEAR), T(S_COL_TARGET_VALUE), T(S_COL_ACHIEVED),
	                   T(S_COL_ELAPSED), T(S_COL_GROWTH_NEEDED), T(S_COL_STATUS)};
	struct doc_table *t = rb_table(b, T(S_T_TARGETS), js(tg, "source"), 7, h, f, json_array_size(arr));
	size_t i;
	const json_t *o;
	json_array_foreach(arr, i, o) {
		bool money = same(js(o, "unit"), "元");
		doc_table_set_text(t, i, 0, js(o, "note"));
		char year[16];
		(void)snprintf(year, sizeof year, "%d", (int)jnum(o, "year"));
		doc_table_set_text(t, i, 1, year);
		doc_table_set_num(t, i, 2, money ? jnum(o, "value") / 1e8 : jnum(o, "value"));
		doc_table_set_num(t, i, 3, jnum(o, "share") * 100);
		doc_table_set_num(t, i, 4, jnum(o, "elapsed") * 100);
		doc_table_set_num(t, i, 5, jnum(o, "growth_needed_pct"));
		doc_table_set_text(t, i, 6, b->en ? js(o, "status") : js(o, "status_zh"));
	}
	/* The gauge: the programme's value-added target (the first amount target). */
	json_array_foreach(arr, i, o) {
		if (!same(js(o, "scope"), "programme") || !same(js(o, "unit"), "元"))
			continue;
		/* The actual is the share of the target achieved times the target (targets.c's share is
		 * actual / target), in 亿元 against the target in 亿元. */
		char series[128];
		(void)snprintf(series, sizeof series, T(S_CHART_ACHIEVED_YEAR),
		               (int)json_integer_value(json_object_get(tg, "year")));
		const char *s[] = {series};
		const char *c[] = {js(o, "note")};
		struct doc_block *bl = doc_add_chart(b->d, DOC_CHART_GAUGE, T(S_C_GAUGE), T(S_UNIT_YI),
		                                     js(o, "actual_source"), 1, s, 1, c);
		doc_chart_set(&bl->chart, 0, 0, jnum(o, "share") * jnum(o, "value") / 1e8);
		doc_chart_target(&bl->chart, jnum(o, "value") / 1e8, T(S_CHART_TARGET));
		doc_addf(b->d, DOC_NOTE, T(S_GAUGE_NOTE), jnum(o, "share") * 100, jnum(o, "elapsed") * 100);
		break;
	}
}

/* ---- 3 programme charts and the industries' table ---- */

struct rank {
	const char *name;
	double v;
};

static int by_v_desc(const void *x, const void *y)
{
	const struct rank *a = x, *c = y;
	return (a->v < c->v) - (a->v > c->v);
}

static void overview(struct rb *b)
{
	const json_t *st = json_object_get(b->in, "stats");
	heading(b, 1, T(S_H_OVERVIEW));
	/* Trend. */
	const json_t *pts = json_object_get(json_object_get(b->in, "series"), "points");
	size_t np = json_array_size(pts), i;
	const json_t *o;
	if (np) {
		const char **cats = xcalloc(np, sizeof *cats);
		json_array_foreach(pts, i, o) {
			cats[i] = b->en ? js(o, "period") : js(o, "label_zh");
		}
		const char *s[] = {T(S_SERIES_COMPUTED), T(S_SERIES_PUBLISHED)};
		struct doc_block *bl = doc_add_chart(b->d, DOC_CHART_LINE, T(S_C_TREND), T(S_UNIT_YI),
		                                     T(S_SRC_STATS), 2, s, np, cats);
		json_array_foreach(pts, i, o) {
			doc_chart_set(&bl->chart, 0, i, jnum(json_object_get(o, "computed"), "value") / 1e8);
			doc_chart_set(&bl->chart, 1, i, jnum(json_object_get(o, "published"), "value") / 1e8);
		}
		free(cats);
	} else {
		doc_addf(b->d, DOC_PARAGRAPH, "%s", T(S_NO_SERIES));
	}
	/* Ranking and contribution, industries with a figure. */
	const json_t *inds = json_object_get(b->in, "industries");
	size_t ni = json_array_size(inds), n = 0;
	struct rank *rk = xcalloc(ni ? ni : 1, sizeof *rk), *ct = xcalloc(ni ? ni : 1, sizeof *ct);
	json_array_foreach(inds, i, o) {
		const json_t *f = fig_best(st, "industry", js(o, "id"), "", "value_added");
		const json_t *c = fig_of(st, "industry", js(o, "id"), "", "value_added", false);
		if (f == NULL)
			continue;
		rk[n] = (struct rank){name_of(b, o), jnum(f, "value") / 1e8};
		ct[n] = (struct rank){name_of(b, o), c ? jnum(c, "contribution_pp") : NAN};
		n++;
	}
	if (n) {
		qsort(rk, n, sizeof *rk, by_v_desc);
		qsort(ct, n, sizeof *ct, by_v_desc);
		const char **cats = xcalloc(n, sizeof *cats);
		for (size_t k = 0; k < n; k++)
			cats[k] = rk[k].name;
		const char *s1[] = {T(S_IND_VA)};
		struct doc_block *bl = doc_add_chart(b->d, DOC_CHART_HBAR, T(S_C_RANK), T(S_UNIT_YI), T(S_SRC_STATS), 1, s1, n, cats);
		for (size_t k = 0; k < n; k++)
			doc_chart_set(&bl->chart, 0, k, rk[k].v);
		for (size_t k = 0; k < n; k++)
			cats[k] = ct[k].name;
		const char *s2[] = {T(S_CONTRIB)};
		bl = doc_add_chart(b->d, DOC_CHART_BAR, T(S_C_CONTRIB), T(S_UNIT_PP), T(S_SRC_STATS), 1, s2, n, cats);
		for (size_t k = 0; k < n; k++)
			doc_chart_set(&bl->chart, 0, k, ct[k].v);
		free(cats);
	} else {
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_NO_DATA));
	}
	free(rk);
	free(ct);
	/* The industries' table. */
	static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1, DOC_NUM_PCT1,
	                                    DOC_NUM_PP2, DOC_NUM_INT, DOC_NUM_INT};
	const char *h[] = {T(S_COL_INDUSTRY), T(S_COL_VA_YI), T(S_COL_GROWTH), T(S_COL_SHARE_PROG),
	                   T(S_COL_CONTRIB), T(S_COL_N_ENT), T(S_COL_SOURCE)};
	struct doc_block *tb_block = NULL;
	struct doc_table *t = rb_table(b, T(S_T_INDUSTRIES), T(S_SRC_STATS), 7, h, f, ni);
	tb_block = &b->d->blocks[b->d->n - 1];
	json_array_foreach(inds, i, o) {
		const json_t *g = fig_best(st, "industry", js(o, "id"), "", "value_added");
		bool rev = rb_revised(b, "industry", js(o, "id"), "", "value_added");
		char nm[192];
		(void)snprintf(nm, sizeof nm, "%s%s", name_of(b, o), rev ? T(S_REVISED_MARK) : "");
		if (rev)
			tb_block->revised = true;
		doc_table_set_text(t, i, 0, nm);
		if (g == NULL) {
			doc_table_set_text(t, i, 6, T(S_NO_DATA));
			continue;
		}
		doc_table_set_num(t, i, 1, jnum(g, "value") / 1e8);
		doc_table_set_num(t, i, 2, jnum(g, "growth_pct"));
		doc_table_set_num(t, i, 3, jnum(g, "share_pct"));
		doc_table_set_num(t, i, 4, jnum(g, "contribution_pp"));
		doc_table_set_num(t, i, 5, jnum(g, "n_ent"));
		doc_table_set_text(t, i, 6, same(js(g, "source"), "published") ? T(S_PUBLISHED) : T(S_COMPUTED));
	}
	if (tb_block->revised)
		doc_add_text(b->d, DOC_NOTE, T(S_NOTE_REVISED));
	const json_t *ov;
	json_array_foreach(json_object_get(st, "overlap"), i, ov) {
		if (same(js(ov, "indicator"), "value_added"))
			doc_addf(b->d, DOC_NOTE, "%s", js(ov, "explanation"));
	}
}

/* ---- 4, 5 one section per industry ---- */

static void industry_section(struct rb *b, const json_t *ind, size_t idx)
{
	const json_t *st = json_object_get(b->in, "stats"), *prior = json_object_get(b->in, "stats_year_earlier");
	const char *id = js(ind, "id"), *name = name_of(b, ind);
	heading(b, 2, name);
	const json_t *va = fig_best(st, "industry", id, "", "value_added");
	char g[96];
	if (va) {
		growth_phrase(b, jnum(va, "growth_pct"), g, sizeof g);
		doc_addf(b->d, DOC_PARAGRAPH, T(S_IND_SENT), b->period_text, name, jnum(va, "value") / 1e8, g,
		         jnum(va, "share_pct"));
	} else {
		doc_addf(b->d, DOC_PARAGRAPH, T(S_IND_NODATA), name);
	}
	/* Indicators: this period, a year earlier, growth. */
	int rows = 0;
	for (size_t k = 0; k < N_MAIN; k++)
		rows += fig_best(st, "industry", id, "", ind_ids[k]) != NULL;
	if (rows) {
		static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1};
		const char *h[] = {T(S_COL_INDICATOR), T(S_COL_THIS), T(S_COL_UNIT), T(S_COL_YEAR_EARLIER), T(S_COL_GROWTH)};
		char title[192];
		(void)snprintf(title, sizeof title, T(S_T_IND_INDICATORS), name);
		struct doc_table *t = rb_table(b, title, T(S_SRC_STATS), 5, h, f, (size_t)rows);
		size_t r = 0;
		for (size_t k = 0; k < N_MAIN; k++) {
			const json_t *x = fig_best(st, "industry", id, "", ind_ids[k]);
			if (x == NULL)
				continue;
			const json_t *y = fig_of(prior, "industry", id, "", ind_ids[k], same(js(x, "source"), "published"));
			doc_table_set_text(t, r, 0, ind_name(b, ind_ks[k]));
			doc_table_set_num(t, r, 1, in_unit(ind_ks[k], jnum(x, "value")));
			doc_table_set_text(t, r, 2, unit_of(b, ind_ks[k]));
			doc_table_set_num(t, r, 3, y ? in_unit(ind_ks[k], jnum(y, "value")) : NAN);
			doc_table_set_num(t, r, 4, jnum(x, "growth_pct"));
			r++;
		}
	}
	/* Districts. */
	const json_t *by_d = json_object_get(b->in, "stats_by_district");
	size_t nd = 0, i;
	const json_t *d;
	json_array_foreach(json_object_get(b->in, "districts"), i, d) {
		nd += fig_of(json_object_get(by_d, js(d, "id")), "industry", id, js(d, "id"), "value_added", false) != NULL;
	}
	if (nd) {
		static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1, DOC_NUM_PCT1, DOC_NUM_PP2, DOC_NUM_INT};
		const char *h[] = {T(S_COL_DISTRICT), T(S_COL_VA_YI), T(S_COL_GROWTH), T(S_COL_SHARE_DIST), T(S_COL_LQ), T(S_COL_STRONG)};
		char title[192];
		(void)snprintf(title, sizeof title, T(S_T_IND_DISTRICTS), name);
		struct doc_table *t = rb_table(b, title, T(S_SRC_STATS), 6, h, f, nd);
		size_t r = 0;
		json_array_foreach(json_object_get(b->in, "districts"), i, d) {
			const json_t *x = fig_of(json_object_get(by_d, js(d, "id")), "industry", id, js(d, "id"), "value_added", false);
			if (x == NULL)
				continue;
			doc_table_set_text(t, r, 0, name_of(b, d));
			doc_table_set_num(t, r, 1, jnum(x, "value") / 1e8);
			doc_table_set_num(t, r, 2, jnum(x, "growth_pct"));
			doc_table_set_num(t, r, 3, jnum(x, "share_pct"));
			doc_table_set_num(t, r, 4, jnum(x, "lq"));
			doc_table_set_text(t, r, 5, json_is_true(json_object_get(x, "strong")) ? T(S_YES) : "");
			r++;
		}
	} else {
		doc_addf(b->d, DOC_BULLET, T(S_IND_NO_DISTRICTS), name);
	}
	/* Six ones. */
	const json_t *cp = json_object_get(b->in, "completeness"), *row = json_array_get(json_object_get(cp, "rows"), idx);
	if (row && same(js(row, "industry"), id)) {
		struct buf miss;
		buf_init(&miss, BUF_NO_CAP);
		const json_t *it;
		size_t k;
		json_array_foreach(json_object_get(cp, "items"), k, it) {
			if (same(js(it, "group"), "duty"))
				continue;
			if (json_integer_value(json_array_get(json_object_get(row, "counts"), k)) == 0)
				(void)buf_printf(&miss, "%s%s", miss.len ? T(S_LIST_SEP) : "", js(it, "name_zh"));
		}
		doc_addf(b->d, DOC_BULLET, T(S_IND_SIX), (int)json_integer_value(json_object_get(row, "present")),
		         (int)json_integer_value(json_object_get(row, "of")), miss.len ? buf_str(&miss) : T(S_NONE));
		buf_free(&miss);
	}
	/* Key projects, the delayed ones named. */
	const json_t *pj = json_object_get(b->in, "projects"), *it;
	long np = 0, amber = 0, red = 0;
	struct buf late;
	buf_init(&late, BUF_NO_CAP);
	json_array_foreach(json_object_get(pj, "items"), i, it) {
		if (!same(js(it, "industry"), id))
			continue;
		np++;
		amber += same(js(it, "status"), "amber");
		if (same(js(it, "status"), "red")) {
			red++;
			(void)buf_printf(&late, T(S_LATE_ITEM), late.len ? T(S_LIST_SEP) : "", js(it, "name"), js(it, "code"),
			                 jnum(it, "ratio") * 100, jnum(it, "expected") * 100);
		}
	}
	if (np == 0)
		doc_addf(b->d, DOC_BULLET, T(S_IND_NO_PROJECTS), js(pj, "as_of"));
	else
		doc_addf(b->d, DOC_BULLET, T(S_IND_PROJECTS), js(pj, "as_of"), np, np - amber - red, amber, red,
		         red ? buf_str(&late) : T(S_NONE));
	buf_free(&late);
	/* Lead funnel. */
	const json_t *ld = json_object_get(b->in, "leads"), *lr = json_array_get(json_object_get(ld, "rows"), idx);
	if (lr && same(js(lr, "industry"), id)) {
		struct buf fun;
		buf_init(&fun, BUF_NO_CAP);
		long total = 0;
		const json_t *sg;
		json_array_foreach(json_object_get(ld, "stages"), i, sg) {
			long c = (long)json_integer_value(json_array_get(json_object_get(lr, "counts"), i));
			total += c;
			(void)buf_printf(&fun, "%s%s %ld", fun.len ? " → " : "", json_string_value(sg), c);
		}
		if (total)
			doc_addf(b->d, DOC_BULLET, T(S_IND_LEADS), total, buf_str(&fun));
		else
			doc_add_text(b->d, DOC_BULLET, T(S_IND_NO_LEADS));
		buf_free(&fun);
	}
	rb_chain_weak_links(b, id);
}

static void industries(struct rb *b, const char *kind, int head)
{
	heading(b, 1, T(head));
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(b->in, "industries"), i, o) {
		if (same(js(o, "kind"), kind))
			industry_section(b, o, i);
	}
}

/* ---- 6 districts ---- */

static void districts(struct rb *b)
{
	const json_t *st = json_object_get(b->in, "stats"), *by_d = json_object_get(b->in, "stats_by_district");
	const json_t *ds = json_object_get(b->in, "districts"), *d;
	heading(b, 1, T(S_H_DISTRICTS));
	static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1, DOC_NUM_PCT1, DOC_NUM_INT, DOC_NUM_INT};
	const char *h[] = {T(S_COL_DISTRICT), T(S_COL_VA_YI_ALL), T(S_COL_GROWTH), T(S_COL_SHARE_GDP),
	                   T(S_COL_ASSIGNED), T(S_COL_STRONG_LIST)};
	struct doc_table *t = rb_table(b, T(S_T_DISTRICTS), T(S_SRC_STATS), 6, h, f, json_array_size(ds));
	size_t i;
	struct buf s;
	buf_init(&s, BUF_NO_CAP);
	json_array_foreach(ds, i, d) {
		const char *id = js(d, "id");
		const json_t *x = fig_best(st, "district", id, id, "value_added");
		doc_table_set_text(t, i, 0, name_of(b, d));
		if (x) {
			doc_table_set_num(t, i, 1, jnum(x, "value") / 1e8);
			doc_table_set_num(t, i, 2, jnum(x, "growth_pct"));
			doc_table_set_num(t, i, 3, jnum(x, "share_gdp_pct"));
		}
		doc_table_set_num(t, i, 4, (double)json_array_size(json_object_get(d, "industries")));
		buf_reset(&s);
		size_t k;
		const json_t *g;
		json_array_foreach(json_object_get(json_object_get(by_d, id), "figures"), k, g) {
			if (same(js(g, "indicator"), "value_added") && json_is_true(json_object_get(g, "strong")))
				(void)buf_printf(&s, "%s%s(%.2f)", s.len ? T(S_LIST_SEP) : "", rb_industry_name(b, js(g, "key")), jnum(g, "lq"));
		}
		doc_table_set_text(t, i, 5, s.len ? buf_str(&s) : "");
	}
	/* One line per district: its strong clusters, its largest ones. */
	json_array_foreach(ds, i, d) {
		const char *id = js(d, "id");
		const json_t *figs = json_object_get(json_object_get(by_d, id), "figures");
		struct rank top[3] = {{NULL, -1}, {NULL, -1}, {NULL, -1}};
		size_t k;
		const json_t *g;
		int n = 0;
		json_array_foreach(figs, k, g) {
			if (!same(js(g, "indicator"), "value_added") || !same(js(g, "source"), "computed"))
				continue;
			n++;
			struct rank r = {rb_industry_name(b, js(g, "key")), jnum(g, "value") / 1e8};
			for (int q = 0; q < 3; q++)
				if (r.v > top[q].v) {
					struct rank tmp = top[q];
					top[q] = r;
					r = tmp;
				}
		}
		if (n == 0) {
			doc_addf(b->d, DOC_BULLET, T(S_DIST_NODATA), name_of(b, d));
			continue;
		}
		buf_reset(&s);
		for (int q = 0; q < 3 && top[q].name; q++)
			(void)buf_printf(&s, "%s%s %.2f%s", s.len ? T(S_LIST_SEP) : "", top[q].name, top[q].v, T(S_UNIT_YI));
		doc_addf(b->d, DOC_BULLET, T(S_DIST_LINE), name_of(b, d), n, buf_str(&s));
	}
	buf_free(&s);
	doc_add_text(b->d, DOC_NOTE, T(S_NOTE_LQ));
}

/* ---- 7 cultivation ---- */

static void cultivation(struct rb *b)
{
	const json_t *cu = json_object_get(b->in, "cultivation"), *city = json_object_get(cu, "city");
	heading(b, 1, T(S_H_CULT));
	static const char *const moves[] = {"个转企", "小升规", "规做精", "优上市"};
	const json_t *mv = json_object_get(city, "moves");
	doc_addf(b->d, DOC_PARAGRAPH, T(S_SUM_CULT), b->period_text,
	         (long)json_integer_value(json_object_get(mv, moves[0])),
	         (long)json_integer_value(json_object_get(mv, moves[1])),
	         (long)json_integer_value(json_object_get(mv, moves[2])),
	         (long)json_integer_value(json_object_get(mv, moves[3])));
	static const enum doc_numfmt f2[] = {DOC_NUM_INT, DOC_NUM_INT};
	const char *h2[] = {T(S_COL_TAG), T(S_COL_COUNT)};
	const json_t *tags = json_object_get(city, "tags"), *stages = json_object_get(city, "stages");
	struct doc_table *t = rb_table(b, T(S_T_TAGS), js(cu, "source"), 2, h2, f2, 13);
	static const char *const tag_names[] = {"龙头企业", "隐形冠军", "专精特新（省级）", "国家级小巨人",
	                                        "独角兽", "国家高新技术企业", "规上企业", "上市企业"};
	static const char *const stage_names[] = {"个体户", "企业", "规上", "专精特新", "上市"};
	size_t r = 0;
	for (size_t k = 0; k < sizeof tag_names / sizeof *tag_names; k++) {
		doc_table_set_text(t, r, 0, tag_names[k]);
		doc_table_set_num(t, r++, 1, (double)json_integer_value(json_object_get(tags, tag_names[k])));
	}
	for (size_t k = 0; k < sizeof stage_names / sizeof *stage_names; k++) {
		char lab[96];
		(void)snprintf(lab, sizeof lab, T(S_STAGE_LABEL), stage_names[k]);
		doc_table_set_text(t, r, 0, lab);
		doc_table_set_num(t, r++, 1, (double)json_integer_value(json_object_get(stages, stage_names[k])));
	}
	/* By industry: stages now and moves in the period. */
	const json_t *rows = json_object_get(cu, "rows"), *o;
	static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT,
	                                    DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT};
	static const char *const st_names[] = {"个体户", "企业", "规上", "专精特新", "上市"};
	const char *h[] = {T(S_COL_INDUSTRY), st_names[0], st_names[1], st_names[2], st_names[3],
	                   st_names[4], moves[0], moves[1], moves[2], moves[3]};
	t = rb_table(b, T(S_T_CULT_IND), js(cu, "source"), 10, h, f, json_array_size(rows));
	size_t i;
	json_array_foreach(rows, i, o) {
		doc_table_set_text(t, i, 0, rb_industry_name(b, js(o, "key")));
		for (int s = 0; s < 5; s++)
			doc_table_set_num(t, i, 1 + (size_t)s, (double)json_integer_value(json_object_get(json_object_get(o, "stages"), st_names[s])));
		for (int s = 0; s < 4; s++)
			doc_table_set_num(t, i, 6 + (size_t)s, (double)json_integer_value(json_object_get(json_object_get(o, "moves"), moves[s])));
	}
	doc_add_text(b->d, DOC_NOTE, T(S_NOTE_CULT));
}

/* ---- 9 sources ---- */

static void sources(struct rb *b)
{
	const json_t *st = json_object_get(b->in, "stats");
	heading(b, 1, T(S_H_SOURCES));
	doc_addf(b->d, DOC_NOTE, T(S_SRC_SNAPSHOT), js(b->in, "taken_at"));
	if (js(st, "computed_at")[0])
		doc_addf(b->d, DOC_NOTE, T(S_SRC_COMPUTED), js(st, "computed_at"),
		         (int)json_integer_value(json_object_get(st, "rule_set")));
	else
		doc_add_text(b->d, DOC_NOTE, T(S_SRC_NOT_COMPUTED));
	/* Every distinct source text of the period's figures. */
	struct buf seen;
	buf_init(&seen, BUF_NO_CAP);
	size_t i;
	const json_t *g;
	json_array_foreach(json_object_get(st, "figures"), i, g) {
		char key[256];
		(void)snprintf(key, sizeof key, "|%s|", js(g, "source_text"));
		if (strstr(buf_str(&seen), key))
			continue;
		(void)buf_puts(&seen, key);
		doc_addf(b->d, DOC_NOTE, T(S_SRC_FIGURES), js(g, "source_text"));
	}
	buf_free(&seen);
	doc_addf(b->d, DOC_NOTE, T(S_SRC_LISTS), js(json_object_get(b->in, "completeness"), "source"));
	doc_addf(b->d, DOC_NOTE, "%s", js(json_object_get(b->in, "projects"), "rule"));
	json_array_foreach(json_object_get(st, "flags"), i, g) {
		doc_addf(b->d, DOC_NOTE, "%s", js(g, "message"));
	}
	doc_add_text(b->d, DOC_NOTE, T(S_NOTE_UNITS));
}

/* ---- the doc ---- */

/* "2025年上半年" or "the first half of 2025". */
static void period_text(const json_t *in, bool en, char *out, size_t cap)
{
	const char *p = js(in, "period");
	if (!en) {
		(void)snprintf(out, cap, "%s", js(in, "period_zh"));
		return;
	}
	struct period per;
	bool ok = period_parse(p, &per);
	if (ok && per.kind == PERIOD_HALF)
		(void)snprintf(out, cap, "the %s half of %d", per.index == 1 ? "first" : "second", per.year);
	else if (ok && per.kind == PERIOD_QUARTER)
		(void)snprintf(out, cap, "Q%d %d", per.index, per.year);
	else /* a year or a month reads as its label */
		(void)snprintf(out, cap, "%s", p);
}

enum err_code report_build(const json_t *inputs, const json_t *previous, const char *lang,
                           struct doc *out, struct err *e)
{
	if (!json_is_object(inputs) ||
	    json_integer_value(json_object_get(inputs, "format")) != REPORT_SNAPSHOT_FORMAT)
		return err_set(e, ERR_INVALID, "报告输入不是第 %d 版快照 (inputs are not a snapshot of "
		                               "format %d)", REPORT_SNAPSHOT_FORMAT, REPORT_SNAPSHOT_FORMAT);
	if (lang && !same(lang, "zh") && !same(lang, "en"))
		return err_set(e, ERR_INVALID, "lang: 语言须为 zh 或 en (lang must be zh or en)");
	struct rb bb = {.d = out, .in = inputs, .prev = previous, .en = lang && same(lang, "en")};
	struct rb *b = &bb;
	period_text(inputs, b->en, b->period_text, sizeof b->period_text);
	char title[256];
	(void)snprintf(title, sizeof title, T(S_TITLE), b->period_text);
	doc_init(out, title, js(inputs, "period"), b->en ? "en" : "zh", js(inputs, "taken_at"));
	free(out->subtitle);
	char sub[256];
	(void)snprintf(sub, sizeof sub, T(S_SUBTITLE), js(inputs, "taken_at"));
	out->subtitle = xstrdup(sub);
	rb_compare_init(b);
	summary(b);
	targets(b);
	overview(b);
	industries(b, "cluster", S_H_CLUSTERS);
	industries(b, "future", S_H_FUTURES);
	districts(b);
	cultivation(b);
	rb_briefs(b);
	rb_changes(b);
	sources(b);
	rb_appendix(b);
	rb_compare_free(b);
	return ERR_OK;
}
