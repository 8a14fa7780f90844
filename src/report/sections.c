/*
 * sections.c - the report's later parts, built from the snapshot like build.c: the chain weak links,
 * world trends from the curated briefs (a missing brief is listed as missing, never written),
 * what changed since the previous report (figures revised, projects newly late, targets newly at
 * risk) and the appendix tables.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "report/report_int.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* formats from strings.c, see report_int.h */

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

/* ---- revisions ---- */

void rb_compare_init(struct rb *b)
{
	b->prev_same = NULL;
	if (b->prev && same(js(b->prev, "period"), js(b->in, "period")))
		b->prev_same = json_object_get(b->prev, "stats");
}

void rb_compare_free(struct rb *b)
{
	b->prev_same = NULL;
}

/* Two figures differ when they are apart by more than a millionth (or 0.5 in absolute terms,
 * half a yuan or half a person, for values near zero). */
static bool differs(double a, double c)
{
	if (isnan(a) || isnan(c))
		return isnan(a) != isnan(c);
	double d = fabs(a - c);
	return d > 0.5 && d > 1e-6 * fmax(fabs(a), fabs(c));
}

static const json_t *find(const json_t *stats, const json_t *g)
{
	size_t i;
	const json_t *x;
	json_array_foreach(json_object_get(stats, "figures"), i, x) {
		if (same(js(x, "level"), js(g, "level")) && same(js(x, "key"), js(g, "key")) &&
		    same(js(x, "district"), js(g, "district")) &&
		    same(js(x, "indicator"), js(g, "indicator")) && same(js(x, "source"), js(g, "source")))
			return x;
	}
	return NULL;
}

bool rb_revised(const struct rb *b, const char *level, const char *key, const char *district,
                const char *indicator)
{
	if (b->prev_same == NULL)
		return false;
	size_t i;
	const json_t *g;
	json_array_foreach(json_object_get(json_object_get(b->in, "stats"), "figures"), i, g) {
		if (!same(js(g, "level"), level) || !same(js(g, "key"), key) ||
		    !same(js(g, "district"), district) || !same(js(g, "indicator"), indicator))
			continue;
		const json_t *o = find(b->prev_same, g);
		if (o && differs(jnum(o, "value"), jnum(g, "value")))
			return true;
	}
	return false;
}

/* ---- chain maps ---- */

/*
 * The chain section of an industry: its completeness score and weak links (leaf nodes that are
 * weak, missing or a critical gap), from the snapshot's "chains" (report_take, the same engine
 * as /api/v1/chains); 链图尚未建立 when the industry has no map.
 */
void rb_chain_weak_links(struct rb *b, const char *industry)
{
	const json_t *chains = json_object_get(b->in, "chains");
	const json_t *map = json_is_object(chains) ? json_object_get(chains, industry) : NULL;
	if (map == NULL) {
		doc_add_text(b->d, DOC_BULLET, T(S_CHAIN_NONE));
		return;
	}
	const json_t *weak = json_object_get(map, "weak_links"), *w;
	struct buf items;
	buf_init(&items, BUF_NO_CAP);
	size_t i;
	json_array_foreach(weak, i, w) {
		(void)buf_printf(&items, T(S_CHAIN_ITEM), items.len ? T(S_LIST_SEP) : "", js(w, "name"),
		                 js(w, "status_zh"), (long long)json_integer_value(json_object_get(w, "count")));
	}
	double score = jnum(map, "score");
	if (json_array_size(weak) == 0)
		doc_addf(b->d, DOC_BULLET, T(S_CHAIN_NO_WEAK), score);
	else
		doc_addf(b->d, DOC_BULLET, T(S_CHAIN_WEAK), score, json_array_size(weak), buf_str(&items));
	buf_free(&items);
}

/* ---- world trends ---- */

/* A brief's markdown as blocks: "# " and "## " lines as subheadings are kept as bold-free
 * paragraphs, "- " / "* " lines as bullets, lines after a sources heading as notes, other
 * non-empty lines joined into paragraphs. The text is the curator's, shown as written. */
static void markdown(struct rb *b, const char *text)
{
	struct buf para;
	buf_init(&para, BUF_NO_CAP);
	bool in_sources = false;
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		p += n + (p[n] == '\n');
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' '))
			line[--l] = '\0';
		char *s = line;
		while (*s == ' ')
			s++;
		bool head = *s == '#';
		while (*s == '#')
			s++;
		while (*s == ' ')
			s++;
		if (*line == '\0' || head || (line[0] == '-' && line[1] == ' ') || (line[0] == '*' && line[1] == ' ')) {
			if (para.len) {
				doc_add_text(b->d, in_sources ? DOC_NOTE : DOC_PARAGRAPH, buf_str(&para));
				buf_reset(&para);
			}
		}
		if (head) {
			in_sources = strstr(s, "来源") || strstr(s, "Sources") || strstr(s, "sources");
			if (*s)
				doc_add_text(b->d, in_sources ? DOC_NOTE : DOC_PARAGRAPH, s);
		} else if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') {
			doc_add_text(b->d, in_sources ? DOC_NOTE : DOC_BULLET, line + 2);
		} else if (*line) {
			if (strncmp(s, "来源", strlen("来源")) == 0 || strncmp(s, "资料来源", strlen("资料来源")) == 0 ||
			    strncmp(s, "Sources", 7) == 0)
				in_sources = true;
			/* Lines of a paragraph join without a space in Chinese, with one before Latin text. */
			(void)buf_printf(&para, "%s%s", para.len && (unsigned char)s[0] < 0x80 ? " " : "", s);
			if (in_sources) {
				doc_add_text(b->d, DOC_NOTE, buf_str(&para));
				buf_reset(&para);
			}
		}
		free(line);
	}
	if (para.len)
		doc_add_text(b->d, in_sources ? DOC_NOTE : DOC_PARAGRAPH, buf_str(&para));
	buf_free(&para);
}

void rb_briefs(struct rb *b)
{
	doc_add_heading(b->d, 1, "s8", T(S_H_TRENDS));
	b->sec = 8;
	b->sub = 0;
	const json_t *briefs = json_object_get(b->in, "briefs"), *o, *br;
	struct buf missing;
	buf_init(&missing, BUF_NO_CAP);
	size_t i, k, n_missing = 0;
	json_array_foreach(json_object_get(b->in, "industries"), i, o) {
		const json_t *found = NULL;
		json_array_foreach(briefs, k, br) {
			if (same(js(br, "industry"), js(o, "id")))
				found = br;
		}
		const char *name = rb_industry_name(b, js(o, "id"));
		if (found == NULL) {
			n_missing++;
			(void)buf_printf(&missing, "%s%s", missing.len ? T(S_LIST_SEP) : "", name);
			continue;
		}
		char anchor[32];
		(void)snprintf(anchor, sizeof anchor, "s8-%d", ++b->sub);
		doc_add_heading(b->d, 2, anchor, name);
		markdown(b, js(found, "text"));
		doc_addf(b->d, DOC_NOTE, T(S_BRIEF_FILE), js(found, "file"), js(found, "added_at"));
	}
	if (n_missing)
		doc_addf(b->d, DOC_PARAGRAPH, T(S_BRIEF_MISSING), n_missing, buf_str(&missing));
	else
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_BRIEF_ALL));
	buf_free(&missing);
}

/* ---- changes since the previous report ---- */

static void revisions(struct rb *b, const json_t *before, const json_t *now, const char *what)
{
	size_t i, n = 0;
	const json_t *g;
	json_array_foreach(json_object_get(now, "figures"), i, g) {
		const json_t *o = find(before, g);
		n += o && same(js(g, "district"), "") && differs(jnum(o, "value"), jnum(g, "value"));
	}
	if (n == 0) {
		doc_addf(b->d, DOC_PARAGRAPH, T(S_CHG_NO_REVISIONS), what);
		return;
	}
	struct doc_block *head = doc_addf(b->d, DOC_PARAGRAPH, T(S_CHG_REVISED_HEAD), what, n);
	head->revised = true;
	static const enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_D2, DOC_NUM_D2};
	const char *h[] = {T(S_COL_OBJECT), T(S_COL_INDICATOR), T(S_COL_UNIT), T(S_COL_BEFORE), T(S_COL_NOW), T(S_COL_DIFF)};
	struct doc_table *t = rb_table(b, T(S_T_REVISIONS), T(S_SRC_STATS), 6, h, f, n);
	b->d->blocks[b->d->n - 1].revised = true;
	size_t r = 0;
	json_array_foreach(json_object_get(now, "figures"), i, g) {
		const json_t *o = find(before, g);
		if (!o || !same(js(g, "district"), "") || !differs(jnum(o, "value"), jnum(g, "value")))
			continue;
		bool money = same(js(g, "unit"), "元");
		double div = money ? 1e8 : 1;
		char obj[256];
		(void)snprintf(obj, sizeof obj, "%s（%s）", same(js(g, "level"), "industry") ? rb_industry_name(b, js(g, "key")) : js(g, "name"),
		               same(js(g, "source"), "published") ? T(S_PUBLISHED) : T(S_COMPUTED));
		doc_table_set_text(t, r, 0, obj);
		doc_table_set_text(t, r, 1, js(g, "indicator_zh"));
		doc_table_set_text(t, r, 2, money ? T(S_UNIT_YI) : js(g, "unit"));
		doc_table_set_num(t, r, 3, jnum(o, "value") / div);
		doc_table_set_num(t, r, 4, jnum(g, "value") / div);
		doc_table_set_num(t, r, 5, (jnum(g, "value") - jnum(o, "value")) / div);
		r++;
	}
}

static const json_t *project_by_code(const json_t *projects, const char *code)
{
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(projects, "items"), i, o) {
		if (same(js(o, "code"), code))
			return o;
	}
	return NULL;
}

static bool risky(const char *status)
{
	return same(status, "at_risk") || same(status, "off_track");
}

static const json_t *same_target(const json_t *targets, const json_t *t)
{
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(targets, "targets"), i, o) {
		if (same(js(o, "level"), js(t, "level")) && same(js(o, "scope"), js(t, "scope")) &&
		    same(js(o, "key"), js(t, "key")) && same(js(o, "indicator"), js(t, "indicator")) &&
		    jnum(o, "year") == jnum(t, "year") && same(js(o, "unit"), js(t, "unit")))
			return o;
	}
	return NULL;
}

void rb_changes(struct rb *b)
{
	doc_add_heading(b->d, 1, "s9", T(S_H_CHANGES));
	b->sec = 9;
	b->sub = 0;
	if (b->prev == NULL) {
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_CHG_FIRST));
		return;
	}
	doc_addf(b->d, DOC_PARAGRAPH, T(S_CHG_AGAINST), b->en ? js(b->prev, "period") : js(b->prev, "period_zh"),
	         js(b->prev, "taken_at"));
	/* Figures: the same period again, or the period before as it stands now. */
	const json_t *prev_stats = json_object_get(b->prev, "stats");
	if (b->prev_same)
		revisions(b, prev_stats, json_object_get(b->in, "stats"), b->en ? js(b->in, "period") : js(b->in, "period_zh"));
	else if (same(js(b->prev, "period"), js(b->in, "period_before")))
		revisions(b, prev_stats, json_object_get(b->in, "stats_period_before"),
		          b->en ? js(b->prev, "period") : js(b->prev, "period_zh"));
	/* Projects newly late. */
	struct buf s;
	buf_init(&s, BUF_NO_CAP);
	size_t i, n = 0;
	const json_t *o;
	json_array_foreach(json_object_get(json_object_get(b->in, "projects"), "items"), i, o) {
		if (!same(js(o, "status"), "red"))
			continue;
		const json_t *was = project_by_code(json_object_get(b->prev, "projects"), js(o, "code"));
		if (was && same(js(was, "status"), "red"))
			continue;
		n++;
		(void)buf_printf(&s, "%s%s（%s）", s.len ? T(S_LIST_SEP) : "", js(o, "name"), js(o, "code"));
	}
	if (n)
		doc_addf(b->d, DOC_PARAGRAPH, T(S_CHG_DELAYED), n, buf_str(&s))->revised = true;
	else
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_CHG_NO_DELAYED));
	/* Targets newly at risk. */
	buf_reset(&s);
	n = 0;
	json_array_foreach(json_object_get(json_object_get(b->in, "targets"), "targets"), i, o) {
		if (!risky(js(o, "status")))
			continue;
		const json_t *was = same_target(json_object_get(b->prev, "targets"), o);
		if (was && risky(js(was, "status")))
			continue;
		n++;
		(void)buf_printf(&s, "%s%s（%s）", s.len ? T(S_LIST_SEP) : "", js(o, "note"), b->en ? js(o, "status") : js(o, "status_zh"));
	}
	if (n)
		doc_addf(b->d, DOC_PARAGRAPH, T(S_CHG_RISK), n, buf_str(&s))->revised = true;
	else
		doc_add_text(b->d, DOC_PARAGRAPH, T(S_CHG_NO_RISK));
	buf_free(&s);
}

/* ---- appendix ---- */

static const char *const app_inds[] = {"value_added", "revenue", "profit", "tax", "rnd", "employees"};

static const json_t *best(const json_t *stats, const char *key, const char *ind)
{
	const json_t *c = NULL, *p = NULL;
	size_t i;
	const json_t *g;
	json_array_foreach(json_object_get(stats, "figures"), i, g) {
		if (!same(js(g, "level"), "industry") || !same(js(g, "key"), key) ||
		    !same(js(g, "district"), "") || !same(js(g, "indicator"), ind))
			continue;
		if (same(js(g, "source"), "published"))
			p = g;
		else
			c = g;
	}
	return p ? p : c;
}

void rb_appendix(struct rb *b)
{
	doc_add_page_break(b->d);
	doc_add_heading(b->d, 1, "app", T(S_H_APPENDIX));
	const json_t *inds = json_object_get(b->in, "industries"), *st = json_object_get(b->in, "stats"), *o;
	size_t ni = json_array_size(inds), i, k;
	/* All figures: six indicators and their growth per industry. */
	enum doc_numfmt f[13];
	const char *h[13];
	char hb[13][96];
	f[0] = DOC_NUM_INT;
	h[0] = T(S_COL_INDUSTRY);
	for (k = 0; k < 6; k++) {
		(void)snprintf(hb[2 + 2 * k], sizeof hb[0], "%s", T(S_COL_GROWTH));
		f[1 + 2 * k] = DOC_NUM_D2;
		f[2 + 2 * k] = DOC_NUM_PCT1;
	}
	static const char *const zh[] = {"增加值", "营业收入", "利润总额", "税收", "R&D经费支出", "从业人员"};
	for (k = 0; k < 6; k++) {
		(void)snprintf(hb[1 + 2 * k], sizeof hb[0], "%s（%s）", b->en ? app_inds[k] : zh[k],
		               k == 5 ? T(S_UNIT_WAN_REN) : T(S_UNIT_YI));
		h[1 + 2 * k] = hb[1 + 2 * k];
		h[2 + 2 * k] = hb[2 + 2 * k];
	}
	struct doc_table *t = rb_table(b, T(S_T_APP_FIGURES), T(S_SRC_STATS), 13, h, f, ni);
	json_array_foreach(inds, i, o) {
		doc_table_set_text(t, i, 0, rb_industry_name(b, js(o, "id")));
		for (k = 0; k < 6; k++) {
			const json_t *g = best(st, js(o, "id"), app_inds[k]);
			if (g == NULL)
				continue;
			doc_table_set_num(t, i, 1 + 2 * k, jnum(g, "value") / (k == 5 ? 1e4 : 1e8));
			doc_table_set_num(t, i, 2 + 2 * k, jnum(g, "growth_pct"));
		}
	}
	/* Six and seven ones. */
	const json_t *cp = json_object_get(b->in, "completeness"), *items = json_object_get(cp, "items"), *it;
	size_t nit = json_array_size(items);
	enum doc_numfmt *f2 = xcalloc(nit + 2, sizeof *f2);
	const char **h2 = xcalloc(nit + 2, sizeof *h2);
	h2[0] = T(S_COL_INDUSTRY);
	json_array_foreach(items, k, it) {
		h2[1 + k] = js(it, "name_zh");
	}
	h2[nit + 1] = T(S_COL_TOTAL);
	t = rb_table(b, T(S_T_APP_SIX), js(cp, "source"), nit + 2, h2, f2, json_array_size(json_object_get(cp, "rows")));
	json_array_foreach(json_object_get(cp, "rows"), i, o) {
		doc_table_set_text(t, i, 0, rb_industry_name(b, js(o, "industry")));
		for (k = 0; k < nit; k++)
			doc_table_set_num(t, i, 1 + k, (double)json_integer_value(json_array_get(json_object_get(o, "counts"), k)));
		doc_table_set_num(t, i, nit + 1, (double)json_integer_value(json_object_get(o, "present")));
	}
	free(f2);
	free(h2);
	/* Leads by stage. */
	const json_t *ld = json_object_get(b->in, "leads"), *stages = json_object_get(ld, "stages");
	size_t ns = json_array_size(stages);
	f2 = xcalloc(ns + 2, sizeof *f2);
	h2 = xcalloc(ns + 2, sizeof *h2);
	h2[0] = T(S_COL_INDUSTRY);
	json_array_foreach(stages, k, it) {
		h2[1 + k] = json_string_value(it);
	}
	h2[ns + 1] = T(S_COL_TOTAL);
	const json_t *rows = json_object_get(ld, "rows");
	t = rb_table(b, T(S_T_APP_LEADS), js(ld, "source"), ns + 2, h2, f2, json_array_size(rows) + 1);
	for (i = 0; i <= json_array_size(rows); i++) {
		const json_t *r = json_array_get(rows, i);
		const json_t *counts = r ? json_object_get(r, "counts") : json_object_get(ld, "city");
		long total = 0;
		doc_table_set_text(t, i, 0, r ? rb_industry_name(b, js(r, "industry")) : T(S_COL_TOTAL));
		for (k = 0; k < ns; k++) {
			long c = (long)json_integer_value(json_array_get(counts, k));
			total += c;
			doc_table_set_num(t, i, 1 + k, (double)c);
		}
		doc_table_set_num(t, i, ns + 1, (double)total);
	}
	free(f2);
	free(h2);
	/* Projects. */
	const json_t *pj = json_object_get(b->in, "projects"), *pitems = json_object_get(pj, "items");
	static const enum doc_numfmt f3[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_D2,
	                                     DOC_NUM_D2, DOC_NUM_PCT1, DOC_NUM_PCT1, DOC_NUM_INT};
	const char *h3[] = {T(S_COL_CODE), T(S_COL_NAME), T(S_COL_INDUSTRY), T(S_COL_DISTRICT), T(S_COL_PLAN),
	                    T(S_COL_DONE), T(S_COL_RATIO), T(S_COL_ELAPSED), T(S_COL_STATUS)};
	t = rb_table(b, T(S_T_APP_PROJECTS), js(pj, "source"), 9, h3, f3, json_array_size(pitems));
	json_array_foreach(pitems, i, o) {
		doc_table_set_text(t, i, 0, js(o, "code"));
		doc_table_set_text(t, i, 1, js(o, "name"));
		doc_table_set_text(t, i, 2, rb_industry_name(b, js(o, "industry")));
		doc_table_set_text(t, i, 3, js(o, "district"));
		doc_table_set_num(t, i, 4, jnum(o, "annual_plan") / 1e8);
		doc_table_set_num(t, i, 5, jnum(o, "completed") / 1e8);
		doc_table_set_num(t, i, 6, jnum(o, "ratio") * 100);
		doc_table_set_num(t, i, 7, jnum(o, "expected") * 100);
		doc_table_set_text(t, i, 8, b->en ? js(o, "status") : js(o, "status_zh"));
	}
}
