/*
 * demo_firms.c - the demo's enterprises and their listings: firms spread over the industries,
 * each in a district its industry is assigned to, with tags at realistic rates, a cultivation stage
 * that agrees with them and stage dates in order (some in 2025H1 for every stage change), and
 * listings that name firms which exist, by their exact name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "demo/demo_int.h"

/* Stage changes counted per period: 个转企, 小升规, 规做精, 优上市. */
enum { CH_ENTERPRISE, CH_ABOVE, CH_ZJTX, CH_LISTED, CH_N };

static const char *const change_field[CH_N] = {"date_enterprise", "date_above_scale", "date_zjtx",
                                               "date_listed"};

/* At least this many of each change fall in 2025H1, whatever the seed. */
#define H1_QUOTA 3

struct firms {
	long h1[CH_N];
	long day_2019, h1_start, h1_end, h2_start, as_of, end_2024;
};

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Split n firms over the industries: clusters weigh about four times futures, +-30%. */
static void allocate(struct demo_gen *g, unsigned n)
{
	size_t ni = g->n_inds;
	double *w = xcalloc(ni, sizeof *w), total = 0;
	size_t *cnt = xcalloc(ni, sizeof *cnt), assigned = 0;
	for (size_t i = 0; i < ni; i++) {
		w[i] = (g->inds[i].ind->kind == KIND_CLUSTER ? 4.0 : 1.0) * (0.7 + 0.6 * demo_unit(g));
		total += w[i];
	}
	for (size_t i = 0; i < ni; i++) {
		cnt[i] = (size_t)((double)n * w[i] / total);
		assigned += cnt[i];
	}
	while (assigned < n) {
		double r = demo_unit(g) * total;
		size_t i = 0;
		while (i + 1 < ni && r >= w[i]) {
			r -= w[i];
			i++;
		}
		cnt[i]++;
		assigned++;
	}
	size_t *order = xcalloc(n, sizeof *order), k = 0;
	for (size_t i = 0; i < ni; i++) {
		g->inds[i].ents = xcalloc(cnt[i] ? cnt[i] : 1, sizeof *g->inds[i].ents);
		for (size_t j = 0; j < cnt[i]; j++)
			order[k++] = i;
	}
	demo_shuffle(g, order, n);
	g->ents = xcalloc(n, sizeof *g->ents);
	g->n_ents = n;
	for (size_t j = 0; j < n; j++) {
		struct demo_ind *d = &g->inds[order[j]];
		g->ents[j].ind = order[j];
		d->ents[d->n_ents++] = j;
	}
	free(order);
	free(cnt);
	free(w);
}

/* Leaders, hidden champions, chain leaders and key firms, per industry. */
static void assign_roles(struct demo_gen *g)
{
	for (size_t i = 0; i < g->n_inds; i++) {
		struct demo_ind *d = &g->inds[i];
		size_t *v = xcalloc(d->n_ents ? d->n_ents : 1, sizeof *v), k = 0;
		memcpy(v, d->ents, d->n_ents * sizeof *v);
		demo_shuffle(g, v, d->n_ents);
		if (d->ind->kind == KIND_CLUSTER) {
			size_t lead = (size_t)demo_range(g, 3, 8), champ = (size_t)demo_range(g, 2, 6);
			size_t key = (size_t)demo_range(g, 2, 5);
			for (size_t j = 0; j < lead && k < d->n_ents; j++)
				g->ents[v[k++]].leading = true;
			if (k > 0 && demo_chance(g, 60))
				g->ents[v[0]].chain_leader = true;
			for (size_t j = 0; j < champ && k < d->n_ents; j++)
				g->ents[v[k++]].champion = true;
			for (size_t j = 0; j < key && k < d->n_ents; j++)
				g->ents[v[k++]].key = true;
		} else {
			size_t key = (size_t)demo_range(g, 1, 3);
			for (size_t j = 0; j < key && k < d->n_ents; j++)
				g->ents[v[k++]].key = true;
		}
		free(v);
	}
}

/* The business scope an official would copy from the licence: 80-150 characters. */
static void scope(struct demo_gen *g, const struct demo_profile *pf, struct buf *b)
{
	size_t nt = demo_count(pf->topics, DEMO_N(pf->topics));
	size_t np = demo_count(pf->products, DEMO_N(pf->products));
	size_t t = demo_below(g, nt), p = demo_below(g, np);
	(void)buf_printf(b, "一般经营项目是：%s、%s的技术开发、技术咨询、技术服务；%s、%s的研发、生产和销售；",
	                 pf->topics[t], pf->topics[(t + 1) % nt], pf->products[p],
	                 pf->products[(p + 1) % np]);
	size_t first = demo_below(g, demo_n_scope_generic);
	for (size_t k = 0; k < demo_n_scope_generic && utf8_chars(buf_str(b)) < 95; k++)
		(void)buf_printf(b, "%s；", demo_scope_generic[(first + k) % demo_n_scope_generic]);
	(void)buf_puts(b, "货物及技术进出口。");
	if (pf->permit)
		(void)buf_printf(b, "许可经营项目是：%s。", pf->permit);
}

static void flags(struct demo_gen *g, struct demo_ent *t, bool *high_tech, bool *single)
{
	bool future = g->inds[t->ind].ind->kind == KIND_FUTURE;
	*single = false;
	if (t->leading) {
		t->listed = demo_chance(g, 25);
		t->zjtx = demo_chance(g, 10) ? 2 : 0;
		t->above = true;
		*high_tech = demo_chance(g, 90);
		*single = demo_chance(g, 10);
	} else if (t->champion) {
		t->zjtx = demo_chance(g, 75) ? (demo_chance(g, 45) ? 2 : 1) : 0;
		t->above = true;
		*high_tech = demo_chance(g, 95);
		*single = demo_chance(g, 15);
	} else {
		t->individual = !t->key && demo_chance(g, 3);
		if (!t->individual) {
			t->unicorn = demo_chance(g, future ? 4 : 1.2);
			t->listed = !t->unicorn && demo_chance(g, 0.7);
			t->zjtx = demo_chance(g, 10) ? (demo_chance(g, 20) ? 2 : 1) : 0;
			t->above = t->listed || t->zjtx || t->unicorn || demo_chance(g, t->key ? 70 : 5);
		}
		*high_tech = !t->individual && demo_chance(g, t->zjtx ? 85 : t->above ? 35 : 15);
	}
}

static int founded_year(struct demo_gen *g, const struct demo_ent *t)
{
	if (t->leading || t->listed)
		return (int)demo_range(g, 1995, 2012);
	if (t->champion)
		return (int)demo_range(g, 2000, 2016);
	if (t->unicorn)
		return (int)demo_range(g, 2012, 2020);
	if (t->individual)
		return (int)demo_range(g, 2012, 2023);
	/* Younger firms are more common. */
	double u = demo_unit(g);
	return 2023 - (int)(23.0 * u * u);
}

static void ticker(struct demo_gen *g, const char **board, char out[16])
{
	do {
		int r = (int)demo_below(g, 10);
		if (r < 4) {
			*board = "主板";
			(void)snprintf(out, 16, "00%d%03d", (int)demo_range(g, 1, 3), (int)demo_below(g, 1000));
		} else if (r < 7) {
			*board = "创业板";
			(void)snprintf(out, 16, "30%d%03d", (int)demo_range(g, 0, 1), (int)demo_below(g, 1000));
		} else {
			*board = "科创板";
			(void)snprintf(out, 16, "688%03d", (int)demo_below(g, 1000));
		}
	} while (!demo_name_add(g, out));
}

/* The last stage change's day: in 2025H1 until each change has its quota, then spread. */
static long last_day(struct demo_gen *g, struct firms *f, int ch, long lo)
{
	if (f->h1[ch] < H1_QUOTA || demo_chance(g, 12)) {
		long a = lo > f->h1_start ? lo : f->h1_start;
		if (a <= f->h1_end)
			return demo_range(g, a, f->h1_end);
	} else if (demo_chance(g, 7)) {
		long a = lo > f->h2_start ? lo : f->h2_start;
		return demo_range(g, a, f->as_of);
	}
	return lo <= f->end_2024 ? demo_range(g, lo, f->end_2024) : demo_range(g, lo, f->as_of);
}

/* Stage dates for the changes `chs` (in stage order), the last one set by last_day. */
static void stage_days(struct demo_gen *g, struct firms *f, struct demo_ent *t, long founded,
                       const long *board_lb, int *chs, int n, long *days)
{
	int last = chs[n - 1];
	long lo = founded + 180;
	if (last == CH_ZJTX && lo < f->day_2019)
		lo = f->day_2019;
	if (last == CH_LISTED && lo < *board_lb)
		lo = *board_lb;
	if (lo > f->as_of)
		lo = f->as_of;
	days[n - 1] = last_day(g, f, last, lo);
	if (days[n - 1] >= f->h1_start && days[n - 1] <= f->h1_end)
		f->h1[last]++;
	for (int j = n - 2; j >= 0; j--) {
		long a = founded;
		if (chs[j] == CH_ZJTX && a < f->day_2019)
			a = f->day_2019;
		if (a > days[j + 1]) {
			/* Listed before 2019: no 专精特新 recognition to date. */
			t->zjtx = 0;
			days[j] = -1;
			continue;
		}
		days[j] = demo_range(g, a, days[j + 1]);
	}
}

static enum err_code enterprise(struct demo_gen *g, struct firms *f, struct demo_ent *t,
                                struct err *e)
{
	const struct demo_ind *d = &g->inds[t->ind];
	const struct demo_profile *pf = d->pf;
	const struct list_def *l = list_find("enterprises");
	bool high_tech, single;
	flags(g, t, &high_tech, &single);
	int year = founded_year(g, t);
	long founded = demo_range(g, demo_day(year, 1, 1), demo_day(year, 12, 31));
	t->district = d->districts[demo_below(g, d->n_districts)];
	do
		demo_uscc(g, t->individual ? '2' : '1', "440300", year, t->uscc);
	while (!demo_name_add(g, t->uscc));

	char name[256];
	size_t nw = demo_count(pf->words, DEMO_N(pf->words));
	do {
		t->brand = demo_brands[demo_below(g, demo_n_brands)];
		t->word = pf->words[demo_below(g, nw)];
		if (t->individual) {
			static const char *const kinds[] = {"经营部", "商行", "工作室"};
			(void)snprintf(name, sizeof name, "%s%s%s%s%s", g->p->city, t->district->name_zh,
			               t->brand, t->word, kinds[demo_below(g, DEMO_N(kinds))]);
		} else {
			const char *suffix;
			if (t->listed || (t->leading && demo_chance(g, 50)))
				suffix = "股份有限公司";
			else if (ends_with(t->word, "科技") || ends_with(t->word, "技术"))
				suffix = "有限公司";
			else
				suffix = demo_chance(g, 75) ? "科技有限公司" : "技术有限公司";
			(void)snprintf(name, sizeof name, "%s%s%s%s", g->p->city, t->brand, t->word, suffix);
		}
	} while (!demo_name_add(g, name));
	t->name = xstrdup(name);

	struct demo_row r;
	demo_row_init(&r, l);
	demo_row_set(&r, "uscc", "%s", t->uscc);
	demo_row_set(&r, "name", "%s", t->name);
	demo_row_set(&r, "district", "%s", t->district->name_zh);
	const char *const *parks = demo_parks(t->district->id);
	if (parks[0] && demo_chance(g, 60))
		demo_row_set(&r, "park", "%s", demo_pick(g, parks, 5));
	if (pf->codes[0])
		demo_row_set(&r, "industry_code", "%s", demo_pick(g, pf->codes, DEMO_N(pf->codes)));
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	scope(g, pf, &b);
	demo_row_set(&r, "business_scope", "%s", buf_str(&b));
	buf_reset(&b);
	size_t np = demo_count(pf->products, DEMO_N(pf->products)), p0 = demo_below(g, np);
	size_t nprod = (size_t)demo_range(g, 1, 3);
	for (size_t k = 0; k < nprod && k < np; k++)
		(void)buf_printf(&b, "%s%s", k ? "、" : "", pf->products[(p0 + k) % np]);
	demo_row_set(&r, "main_products", "%s", buf_str(&b));
	buf_free(&b);
	const char *size = t->individual              ? "微型"
	                   : t->listed || t->leading  ? "大型"
	                   : t->above                 ? (demo_chance(g, 10) ? "大型" : "中型")
	                   : demo_chance(g, 60)       ? "小型"
	                                              : "微型";
	demo_row_set(&r, "size", "%s", size);
	char day[16];
	demo_day_text(founded, day);
	demo_row_set(&r, "founded", "%s", day);

	/* The stage follows the tags; its dates follow the founding date. */
	const char *board = NULL;
	char code[16] = "";
	long board_lb = founded + 3L * 365;
	if (t->listed) {
		ticker(g, &board, code);
		if (strcmp(board, "创业板") == 0 && board_lb < demo_day(2009, 10, 30))
			board_lb = demo_day(2009, 10, 30);
		else if (strcmp(board, "科创板") == 0 && board_lb < demo_day(2019, 7, 22))
			board_lb = demo_day(2019, 7, 22);
	}
	bool to_enterprise = !t->individual && year >= 2008 && demo_chance(g, 10);
	int chs[CH_N], n = 0;
	if (to_enterprise)
		chs[n++] = CH_ENTERPRISE;
	if (t->above)
		chs[n++] = CH_ABOVE;
	if (t->zjtx)
		chs[n++] = CH_ZJTX;
	if (t->listed)
		chs[n++] = CH_LISTED;
	long days[CH_N];
	if (n > 0)
		stage_days(g, f, t, founded, &board_lb, chs, n, days);
	for (int k = 0; k < n; k++) {
		if (days[k] < 0)
			continue;
		demo_day_text(days[k], day);
		demo_row_set(&r, change_field[chs[k]], "%s", day);
	}
	demo_row_set(&r, "stage", "%s", t->individual ? "个体户" : t->listed ? "上市"
	                                 : t->zjtx ? "专精特新" : t->above ? "规上" : "企业");
	demo_row_set(&r, "leading", "%s", t->leading ? "是" : "否");
	demo_row_set(&r, "hidden_champion", "%s", t->champion ? "是" : "否");
	if (t->zjtx)
		demo_row_set(&r, "zjtx", "%s", t->zjtx == 2 ? "国家级小巨人" : "省级");
	demo_row_set(&r, "single_champion", "%s", single ? "是" : "否");
	demo_row_set(&r, "unicorn", "%s", t->unicorn ? "是" : "否");
	demo_row_set(&r, "high_tech", "%s", high_tech ? "是" : "否");
	demo_row_set(&r, "above_scale", "%s", t->above ? "是" : "否");
	if (board) {
		demo_row_set(&r, "listed_board", "%s", board);
		demo_row_set(&r, "ticker", "%s", code);
	}
	return demo_emit(g, &r, e);
}

enum err_code demo_enterprises(struct demo_gen *g, unsigned n, struct err *e)
{
	struct firms f = {{0}, 0, 0, 0, 0, 0, 0};
	f.day_2019 = demo_day(2019, 1, 1);
	f.h1_start = demo_day(2025, 1, 1);
	f.h1_end = demo_day(2025, 6, 30);
	f.h2_start = demo_day(2025, 7, 1);
	f.as_of = demo_day_parse(DEMO_AS_OF);
	f.end_2024 = demo_day(2024, 12, 31);
	allocate(g, n);
	assign_roles(g);
	enum err_code rc = ERR_OK;
	for (size_t k = 0; k < g->n_ents && rc == ERR_OK; k++)
		rc = enterprise(g, &f, &g->ents[k], e);
	return rc;
}

static enum err_code listing(struct demo_gen *g, const struct demo_ent *t, const char *role,
                             const char *note, struct err *e)
{
	struct demo_row r;
	demo_row_init(&r, list_find("listings"));
	demo_row_set(&r, "uscc", "%s", t->uscc);
	demo_row_set(&r, "industry", "%s", g->inds[t->ind].ind->name_zh);
	demo_row_set(&r, "role", "%s", role);
	demo_row_set(&r, "name", "%s", t->name);
	if (note)
		demo_row_set(&r, "note", "%s", note);
	return demo_emit(g, &r, e);
}

enum err_code demo_listings(struct demo_gen *g, struct err *e)
{
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++) {
		const struct demo_ind *d = &g->inds[i];
		int zjtx = 0, zjtx_max = d->ind->kind == KIND_CLUSTER ? 6 : 3;
		for (size_t k = 0; k < d->n_ents && rc == ERR_OK; k++) {
			const struct demo_ent *t = &g->ents[d->ents[k]];
			char note[128];
			if (t->leading) {
				(void)snprintf(note, sizeof note, "2024年营业收入约%ld亿元",
				               demo_range(g, 10, 500));
				rc = listing(g, t, "龙头企业", note, e);
			}
			if (rc == ERR_OK && t->chain_leader)
				rc = listing(g, t, "链主企业", "产业链链主，带动上下游配套", e);
			if (rc == ERR_OK && t->champion) {
				(void)snprintf(note, sizeof note, "细分领域国内市场占有率第%ld",
				               demo_range(g, 1, 3));
				rc = listing(g, t, "隐形冠军", note, e);
			}
			if (rc == ERR_OK && t->zjtx && zjtx < zjtx_max) {
				zjtx++;
				rc = listing(g, t, "专精特新", NULL, e);
			}
			if (rc == ERR_OK && t->unicorn) {
				(void)snprintf(note, sizeof note, "最近一轮融资估值约%ld亿元",
				               demo_range(g, 70, 400));
				rc = listing(g, t, "独角兽", note, e);
			}
			if (rc == ERR_OK && t->key)
				rc = listing(g, t, "重点企业", NULL, e);
		}
	}
	return rc;
}
