/*
 * cube.h - the programme's numbers from enterprise-level facts: for every period and indicator,
 * industry x district totals, the programme total counting each enterprise once, year-on-year
 * growth, shares, location quotients, concentration, contribution to growth and the strong-cluster
 * test. Pure computation on columnar arrays in memory (the caller loads them from the store once:
 * a columnar snapshot, never row-by-row SQL).
 *
 * Definitions (x = the sum of an indicator's period values over enterprises):
 * - industry i, district d: x(i,d) sums enterprises that are members of i and located in d.
 * - CUBE_PROGRAMME: every enterprise that is a member of at least one industry, counted once.
 *   The sum over industries exceeds it when memberships overlap; cube_overlap gives both.
 * - CUBE_ECONOMY: every enterprise in the facts, member or not (the base of location quotients).
 * - CUBE_ALL (district): all districts, enterprises without a district included.
 * - growth_pct = (x_t / x_{t-1 year} - 1) * 100; NAN when the earlier value is missing or zero.
 * - share_pct = x(i,d) / x(CUBE_PROGRAMME,d) * 100.
 * - contribution_pp (拉动百分点) = (x_t(i,d) - x_{t-1}(i,d)) / x_{t-1}(CUBE_PROGRAMME,d) * 100.
 * - lq = (x(i,d) / x(ECONOMY,d)) / (x(i,ALL) / x(ECONOMY,ALL)); NAN when a denominator is zero.
 * - strong (US Cluster Mapping Project): lq >= 1, lq at or above the 75th percentile of the
 *   industry's LQs across districts, and x(i,d) above the 25th percentile of its values across
 *   districts (percentiles by linear interpolation over districts with data).
 * - concentration of industry i: top-4 enterprises' share of x(i,ALL) in %, and HHI over
 *   enterprise shares (0..10000).
 *
 * Ownership: cube_build copies nothing it need not keep; the input arrays must outlive the call
 * only. struct cube is immutable and thread-safe to read; cube_free releases it.
 */
#ifndef JIQUN_ENGINE_CUBE_H
#define JIQUN_ENGINE_CUBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define CUBE_PROGRAMME 0xFFFFFFFFu /* industry: members of any industry, each once */
#define CUBE_ECONOMY   0xFFFFFFFEu /* industry: every enterprise in the facts */
#define CUBE_ALL       0xFFFFFFFFu /* district: all districts */
#define CUBE_NO_DISTRICT UINT16_MAX

struct cube_input {
	size_t n_ent, n_industry, n_district, n_period, n_indicator;
	const uint16_t *ent_district; /* [n_ent] district index, CUBE_NO_DISTRICT when unknown */
	const uint32_t *mem_off;      /* [n_ent + 1]: enterprise e's industries are */
	const uint16_t *mem_ind;      /*   mem_ind[mem_off[e] .. mem_off[e + 1]), each once */
	size_t n_fact;
	const uint32_t *fact_ent;     /* [n_fact] enterprise index */
	const uint16_t *fact_period;  /* [n_fact] period index */
	const uint8_t *fact_indicator;/* [n_fact] indicator index */
	const double *fact_value;     /* [n_fact] period (not cumulative) value, base unit */
	const int32_t *period_prev;   /* [n_period] the same period a year earlier, or -1 */
	int n_threads;                /* 0: as many as the machine has cores */
};

struct cube;

/* ERR_INVALID when an index is out of range (names the fact row). */
enum err_code cube_build(const struct cube_input *in, struct cube **out /* OUT */, struct err *e);
void cube_free(struct cube *c);

struct cube_cell {
	double value;           /* NAN when no enterprise reported */
	double prev;            /* the value a year earlier, NAN when none */
	double growth_pct, share_pct, contribution_pp, lq; /* NAN when undefined */
	long n_ent;             /* enterprises with a value */
	bool strong;            /* only for an industry and one district */
};

/* The cell for (period, indicator, industry or CUBE_PROGRAMME/CUBE_ECONOMY, district or CUBE_ALL).
 * An index out of range gives an empty cell (NAN values, n_ent 0). */
void cube_get(const struct cube *c, unsigned period, unsigned indicator, unsigned industry,
              unsigned district, struct cube_cell *out /* OUT */);

struct cube_concentration {
	double top4_pct, hhi;   /* NAN when the industry has no value */
	long n_ent;
};
void cube_concentration(const struct cube *c, unsigned period, unsigned indicator,
                        unsigned industry, struct cube_concentration *out /* OUT */);

/* Sum over industries of x(i, ALL) and the de-duplicated programme total, for explaining overlap. */
void cube_overlap(const struct cube *c, unsigned period, unsigned indicator,
                  double *sum_of_industries /* OUT */, double *programme /* OUT */);

#endif
