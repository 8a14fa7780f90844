/*
 * demo_indicators.c - the demo's indicator data: for every demo enterprise with a statistical
 * report (规上 and the larger firms), monthly cumulative values (1-N月累计) from 2022-01 to
 * 2025-09 of value added, revenue, profit, tax and R&D expenditure, employees at each month's end,
 * and invention patents per year; plus the city's GDP as published aggregates, marked as demo.
 * Values are drawn from the generator's PRNG, so the same seed gives the same numbers; the years
 * before 2024 (there so that the targets' projection has a trend to fit) from a stream of their
 * own, so the 2024-2025 values and everything generated after them stayed as they were. They are
 * written in base units (元, 人, 件) through the store's indicator functions, as an import does
 * after conversion.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"
#include "demo/demo_int.h"

#define DEMO_IND_SOURCE "demo"
#define DEMO_PUBLISHER "演示数据（虚构，非真实统计）"

/* The months written: 2022-01 .. 2025-09 (the data's cut-off, before DEMO_AS_OF); the firms'
 * values are drawn for BASE_YEAR and grown back and forth from it. */
#define FIRST_YEAR 2022
#define BASE_YEAR 2024
#define LAST_YEAR 2025
#define LAST_MONTH_OF_LAST_YEAR 9

struct vals {
	struct store_ind_value *v;
	size_t n, cap;
};

static void put(struct vals *vs, long long ent, int ind, int y, int m, bool cum, double value,
                const char *unit)
{
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 4096;
		vs->v = xrealloc(vs->v, vs->cap * sizeof *vs->v);
	}
	struct store_ind_value *x = &vs->v[vs->n++];
	x->enterprise = ent;
	x->indicator = ind;
	if (m)
		(void)snprintf(x->period, sizeof x->period, "%04d-%02d", y % 10000, m % 100);
	else
		(void)snprintf(x->period, sizeof x->period, "%04d", y % 10000);
	x->cumulative = cum;
	x->value = round(value);
	(void)snprintf(x->unit, sizeof x->unit, "%s", unit);
}

/* Annual value added of a firm in 元: leading and listed firms 30-180亿, 规上 0.6-12亿 (so the
 * programme comes to about two fifths of the demo GDP, as Shenzhen's reports put it). */
static double annual_value_added(struct demo_gen *g, const struct demo_ent *t)
{
	if (t->leading || t->listed)
		return (30 + 150 * demo_unit(g)) * 1e8;
	if (t->unicorn || t->zjtx)
		return (3 + 15 * demo_unit(g)) * 1e8;
	return (0.6 + 11.4 * demo_unit(g)) * 1e8;
}

enum err_code demo_indicators(struct demo_gen *g, struct err *e)
{
	const char **codes = xmalloc((g->n_ents ? g->n_ents : 1) * sizeof *codes);
	long long *ids = xmalloc((g->n_ents ? g->n_ents : 1) * sizeof *ids);
	for (size_t k = 0; k < g->n_ents; k++)
		codes[k] = g->ents[k].uscc;
	struct vals vs = {0};
	enum err_code rc = store_enterprise_ids(g->s, codes, g->n_ents, ids, e);
	for (size_t k = 0; rc == ERR_OK && k < g->n_ents; k++) {
		const struct demo_ent *t = &g->ents[k];
		if (ids[k] == 0 || t->individual || !(t->above || t->leading || t->listed))
			continue;
		double va = annual_value_added(g, t);
		double rev_ratio = 3 + 2 * demo_unit(g), margin = 0.05 + 0.2 * demo_unit(g);
		double tax_ratio = 0.08 + 0.07 * demo_unit(g), rnd_ratio = 0.02 + 0.08 * demo_unit(g);
		double growth = -0.05 + 0.25 * demo_unit(g); /* 2025 against 2024 */
		double per_head = (40 + 80 * demo_unit(g)) * 1e4; /* value added per employee */
		uint64_t *h = &g->history_rng;
		double past = 0.02 + 0.12 * demo_stream_unit(h); /* each year before BASE_YEAR */
		for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
			bool old = y < BASE_YEAR;
			double year_va = y == BASE_YEAR ? va : old ? va / pow(1 + past, BASE_YEAR - y)
			                                           : va * (1 + growth);
			double cum = 0;
			int last = y == LAST_YEAR ? LAST_MONTH_OF_LAST_YEAR : 12;
			for (int m = 1; m <= last; m++) {
				/* A month's share: lower in February (Spring Festival), higher in December. */
				double u = old ? demo_stream_unit(h) : demo_unit(g);
				double w = (m == 2 ? 0.6 : m == 12 ? 1.3 : 1.0) * (0.9 + 0.2 * u) / 12.0;
				cum += year_va * w;
				put(&vs, ids[k], IND_VALUE_ADDED, y, m, true, cum, "元");
				put(&vs, ids[k], IND_REVENUE, y, m, true, cum * rev_ratio, "元");
				put(&vs, ids[k], IND_PROFIT, y, m, true, cum * rev_ratio * margin, "元");
				put(&vs, ids[k], IND_TAX, y, m, true, cum * tax_ratio, "元");
				put(&vs, ids[k], IND_RND, y, m, true, cum * rev_ratio * rnd_ratio, "元");
				u = old ? demo_stream_unit(h) : demo_unit(g);
				put(&vs, ids[k], IND_EMPLOYEES, y, m, false,
				    floor(year_va / per_head * (0.97 + 0.06 * u)), "人");
			}
			long most = t->leading ? 400 : 30;
			if (old)
				put(&vs, ids[k], IND_PATENTS_INVENTION, y, 0, false,
				    floor(demo_stream_unit(h) * (double)(most + 1)), "件");
			else if (y == BASE_YEAR)
				put(&vs, ids[k], IND_PATENTS_INVENTION, y, 0, false,
				    (double)demo_range(g, 0, most), "件");
		}
	}
	if (rc == ERR_OK)
		rc = store_ind_put_values(g->s, vs.v, vs.n, DEMO_IND_SOURCE, e);
	/* The city's GDP, 1-N月累计 at each quarter's end, round demo figures in 亿元. */
	static const struct {
		const char *period;
		double yi; /* 亿元 */
		double growth;
	} gdp[] = {
		{"2022-03", 7500, 3.3}, {"2022-06", 15300, 2.9}, {"2022-09", 23400, 3.1},
		{"2022-12", 32400, 3.3}, {"2023-03", 7800, 6.4}, {"2023-06", 16300, 6.1},
		{"2023-09", 24900, 5.9}, {"2023-12", 34600, 6.0}, {"2024-03", 8400, 5.0}, {"2024-06", 17300, 5.2}, {"2024-09", 26500, 5.4},
		{"2024-12", 36800, 5.8}, {"2025-03", 8900, 5.2}, {"2025-06", 18300, 5.1},
		{"2025-09", 28000, 5.0},
	};
	struct store_ind_published pub[sizeof gdp / sizeof gdp[0]];
	for (size_t i = 0; i < sizeof gdp / sizeof gdp[0]; i++)
		pub[i] = (struct store_ind_published){
			.level = "city", .key = "", .indicator = IND_GDP, .period = gdp[i].period,
			.cumulative = true, .value = gdp[i].yi * 1e8, .unit = "亿元",
			.growth_pct = gdp[i].growth, .source = DEMO_PUBLISHER, .file = DEMO_IND_SOURCE};
	if (rc == ERR_OK)
		rc = store_ind_put_published(g->s, pub, sizeof gdp / sizeof gdp[0], e);
	free(vs.v);
	free(codes);
	free(ids);
	return rc;
}
