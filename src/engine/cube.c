/*
 * cube.c - the programme's cube (cube.h): one pass over enterprise-level facts into dense arrays,
 * then every derived figure per cell.
 *
 * Layout. Industry slots are the n_industry industries, then CUBE_PROGRAMME, then CUBE_ECONOMY
 * (NI = n_industry + 2); district slots are the districts, then CUBE_ALL (ND = n_district + 1).
 * A group g = (period * n_indicator + indicator) * NI + industry; a cell = g * ND + district.
 * Nothing is hashed: every address is arithmetic.
 *
 * How facts become cells.
 * 1. Facts are taken enterprise by enterprise. Fast path: fact_ent is non-decreasing (a columnar
 *    snapshot ordered by enterprise), so an enterprise's facts are one run of rows; each thread
 *    takes a contiguous chunk of rows cut at an enterprise boundary. Otherwise (found out on the
 *    way: the first pass stops at the first enterprise out of order) the facts are partitioned
 *    into buckets of enterprise ranges (count, then scatter (value, slot, row, enterprise): 24
 *    bytes per fact), each bucket sorted by enterprise where it fits in cache; threads take chunks
 *    of rows, then ranges of buckets. Either way one enterprise belongs to exactly one thread.
 *    Ordered facts take 4-5 times less CPU than unordered ones: a loader should hand them ordered.
 * 2. Repeated facts: the facts of one enterprise for the same (period, indicator) are SUMMED first
 *    (a per-thread slot per period x indicator, reset by a generation stamp, no hashing), and only
 *    that sum v enters the cube. So an enterprise counts once in n_ent, its value is whole when
 *    ranking enterprises for the top-4 and squaring for the HHI, and two rows (10 + 5) weigh
 *    exactly like one row of 15.
 * 3. v goes to (i, d) for each industry i the enterprise is a member of and once to
 *    CUBE_PROGRAMME when it is a member of any; a non-member's v goes to a NON-MEMBER slot
 *    instead. While accumulating, the last district slot holds enterprises WITHOUT a district.
 *    So each (enterprise, group) touches one cell {sum, count} and one group record {sum of v*v,
 *    running top-4 of v}; ALL (= every district slot + no district) and CUBE_ECONOMY
 *    (= programme + non-members, cells, sums of squares and top-4 alike) are added afterwards.
 * 4. Each thread has its own partial arrays; they are added (top-4 lists merged) after the join.
 *    Because an enterprise is wholly in one thread, the merged top-4 and sum of squares are exact.
 * 5. Derived figures (prev, growth, share, contribution, LQ, strong, concentration) are computed
 *    for every cell here, so cube_get only copies.
 *
 * Memory beyond the caller's arrays: per thread 16 bytes a cell, 40 a group, 48 a (period,
 * indicator) slot; the cube 64 bytes a cell and 24 a group; unordered facts 24 bytes a fact more.
 * At 10M facts, 40 slots, 28 industries and 12 districts: under 1 MB ordered, 240 MB unordered.
 *
 * Threads: n_threads 0 means one per core, but one alone below SMALL_INPUT facts, where starting
 * threads costs more than it saves. Results do not depend on the thread count beyond the order
 * of floating-point additions.
 *
 * Concentration with negative values (profit): shares are taken against the industry total as
 * they are; top-4 ranks enterprises by value. The figures mean something for non-negative
 * indicators only.
 *
 * Errors name the fact row by its index in the fact arrays (0-based). A row is bad when its own
 * indices or value are, or when its enterprise's district or memberships are (checked when the
 * enterprise's facts are used: an enterprise without facts changes nothing). Facts ordered by
 * enterprise: the first bad row is named. Otherwise: the first row bad on its own, else the first
 * row of an enterprise whose data is wrong.
 */
#include "engine/cube.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

#define MAX_THREADS 64
#define MAX_CELLS ((size_t)1 << 24)   /* period x indicator x (industries+2) x (districts+1) */
#define SMALL_INPUT ((size_t)1 << 16) /* fewer facts: one thread unless asked otherwise */

struct cube {
	size_t np, nk, ni, nd;          /* periods, indicators, industry slots, district slots */
	size_t n_industry, n_district;
	struct cube_cell *cells;        /* [np * nk * ni * nd] */
	struct cube_concentration *conc;/* [np * nk * ni] */
};

/* What is wrong with a fact row: its own indices or value, or its enterprise's data. */
enum bad_kind {
	BAD_NONE, BAD_ENT, BAD_PERIOD, BAD_INDICATOR, BAD_VALUE,
	BAD_DISTRICT, BAD_OFFSETS, BAD_INDUSTRY, BAD_TWICE
};

/* A cell being summed: value and enterprises with a value. */
struct acc {
	double sum;
	uint64_t cnt;
};

/* A group (period, indicator, industry) being summed: for concentration. */
struct grp {
	double sq;           /* sum of v * v over enterprises */
	double top[4];       /* largest v, descending, -INFINITY when unfilled */
};

/* A fact moved into its enterprise's bucket (unordered facts). */
struct rec {
	double v;
	uint32_t slot, row, ent, pad;
};

/* Unordered facts: bucket b holds enterprises [b * width, (b + 1) * width). */
struct bkt {
	size_t n, width, nt;
	size_t *count;       /* [nt][n] facts per thread chunk and bucket, then where they go */
	size_t *start;       /* [n + 1] first record of each bucket */
	struct rec *recs;    /* [n_fact] facts by bucket, row order kept within a bucket */
};

/* One thread's work and partial sums. */
struct part {
	const struct cube_input *in;
	size_t nk, ni, nd, n_groups;
	struct acc *cell;    /* [cells]; district slot nd - 1 = no district until finish() */
	struct grp *grp;     /* [groups]; industry slot ni - 1 = non-members until finish() */
	/* Two of each: one enterprise's facts are summed into one while the previous enterprise's,
	 * in the other, are added to the cube. */
	double *acc[2];      /* [np * nk] an enterprise's sum per (period, indicator) slot */
	uint32_t *stamp[2];  /* [np * nk] generation that last wrote acc */
	uint32_t *touched[2];/* [np * nk] slots written for the enterprise */
	uint32_t gen;         /* generation of the current enterprise (stamps) */
	/* Work: rows [row_begin, row_end); unordered facts also buckets [bkt_begin, bkt_end). */
	size_t row_begin, row_end, bkt_begin, bkt_end;
	struct bkt *bk;
	const struct part *self0;  /* parts[0]: this part's index is self - self0 */
	/* Outcome of the sorted path. */
	bool unsorted;
	enum bad_kind bad;
	size_t bad_row;
};

static void part_init(struct part *pt, const struct cube_input *in, size_t cells, size_t groups)
{
	memset(pt, 0, sizeof *pt);
	pt->in = in;
	pt->nk = in->n_indicator;
	pt->ni = in->n_industry + 2;
	pt->nd = in->n_district + 1;
	pt->n_groups = groups;
	size_t slots = in->n_period * in->n_indicator;
	pt->cell = xcalloc(cells ? cells : 1, sizeof *pt->cell);
	pt->grp = xcalloc(groups ? groups : 1, sizeof *pt->grp);
	for (size_t g = 0; g < groups; g++)
		for (int j = 0; j < 4; j++)
			pt->grp[g].top[j] = -INFINITY;
	for (int b = 0; b < 2; b++) {
		pt->acc[b] = xmalloc((slots ? slots : 1) * sizeof *pt->acc[b]);
		pt->stamp[b] = xcalloc(slots ? slots : 1, sizeof *pt->stamp[b]);
		pt->touched[b] = xmalloc((slots ? slots : 1) * sizeof *pt->touched[b]);
	}
}

static void part_free(struct part *pt)
{
	free(pt->cell);
	free(pt->grp);
	for (int b = 0; b < 2; b++) {
		free(pt->acc[b]);
		free(pt->stamp[b]);
		free(pt->touched[b]);
	}
}

/* Insert v into a descending top-4. */
static inline void top4_add(double *t, double v)
{
	if (!(v > t[3]))
		return;
	int j = 3;
	while (j > 0 && v > t[j - 1]) {
		t[j] = t[j - 1];
		j--;
	}
	t[j] = v;
}

/* Enterprise value v into group g, district slot ds (nd - 1 when it has no district). */
static inline void part_add(struct acc *restrict cell, struct grp *restrict grp, size_t nd,
                            size_t g, size_t ds, double v)
{
	struct acc *a = &cell[g * nd + ds];
	a->sum += v;
	a->cnt++;
	struct grp *r = &grp[g];
	r->sq += v * v;
	top4_add(r->top, v);
}

/* The problem of enterprise e's district or memberships, BAD_NONE when they are fine. */
static inline enum bad_kind ent_check(const struct cube_input *in, uint32_t e)
{
	uint16_t d = in->ent_district[e];
	uint32_t m0 = in->mem_off[e], m1 = in->mem_off[e + 1];
	if (d >= in->n_district && d != CUBE_NO_DISTRICT)
		return BAD_DISTRICT;
	if (m1 < m0)
		return BAD_OFFSETS;
	for (uint32_t k = m0; k < m1; k++) {
		if (in->mem_ind[k] >= in->n_industry)
			return BAD_INDUSTRY;
		for (uint32_t j = m0; j < k; j++)
			if (in->mem_ind[j] == in->mem_ind[k])
				return BAD_TWICE;
	}
	return BAD_NONE;
}

/* Enterprise e's district slot, its industries (m of them at *mi) and its last group: the
 * programme for members, the non-member slot (ECONOMY after merge()) for others. */
static inline size_t ent_where(const struct part *pt, uint32_t e, const uint16_t **mi,
                               uint32_t *m, size_t *last)
{
	const struct cube_input *in = pt->in;
	uint16_t d = in->ent_district[e];
	uint32_t m0 = in->mem_off[e];
	*m = in->mem_off[e + 1] - m0;
	*mi = *m ? in->mem_ind + m0 : NULL;
	*last = *m ? in->n_industry : in->n_industry + 1;
	return d == CUBE_NO_DISTRICT ? pt->nd - 1 : d;
}

/* Ask the cache for the cells a checked enterprise's n slots will add to. */
static inline void ent_prefetch(const struct part *pt, uint32_t e, uint32_t n,
                                const uint32_t *touched)
{
	const uint16_t *mi;
	uint32_t m;
	size_t last, ds = ent_where(pt, e, &mi, &m, &last);
	for (uint32_t j = 0; j < n; j++) {
		size_t base = (size_t)touched[j] * pt->ni;
		__builtin_prefetch(&pt->cell[(base + last) * pt->nd + ds], 1);
		__builtin_prefetch(&pt->grp[base + last], 1);
		for (uint32_t k = 0; k < m; k++) {
			__builtin_prefetch(&pt->cell[(base + mi[k]) * pt->nd + ds], 1);
			__builtin_prefetch(&pt->grp[base + mi[k]], 1);
		}
	}
}

/* A checked enterprise e's summed values (its n slots in touched, values in acc) into the cube. */
static inline void ent_add(struct part *pt, uint32_t e, uint32_t n, const uint32_t *touched,
                           const double *acc)
{
	struct acc *restrict cell = pt->cell;
	struct grp *restrict grp = pt->grp;
	const size_t nd = pt->nd, ni = pt->ni;
	const uint16_t *mi;
	uint32_t m;
	size_t last, ds = ent_where(pt, e, &mi, &m, &last);
	for (uint32_t j = 0; j < n; j++) {
		uint32_t slot = touched[j];
		double v = acc[slot];
		size_t base = (size_t)slot * ni;
		part_add(cell, grp, nd, base + last, ds, v);
		for (uint32_t k = 0; k < m; k++)
			part_add(cell, grp, nd, base + mi[k], ds, v);
	}
}

/* The first problem of fact row r, BAD_NONE when it is fine. */
static inline enum bad_kind fact_check(const struct cube_input *in, size_t r)
{
	if (in->fact_ent[r] >= in->n_ent)
		return BAD_ENT;
	if (in->fact_period[r] >= in->n_period)
		return BAD_PERIOD;
	if (in->fact_indicator[r] >= in->n_indicator)
		return BAD_INDICATOR;
	if (!isfinite(in->fact_value[r]))
		return BAD_VALUE;
	return BAD_NONE;
}

/*
 * Sorted path: rows [row_begin, row_end), stopping at the first bad row or out-of-order
 * enterprise. An enterprise's facts are summed per (period, indicator) slot: the first fact of a
 * slot stamps it with this enterprise's generation and sets acc, the next ones add.
 */
static void *run_sorted(void *arg)
{
	struct part *pt = arg;
	const struct cube_input *in = pt->in;
	const uint32_t *fe = in->fact_ent;
	const uint16_t *fp = in->fact_period;
	const uint8_t *fk = in->fact_indicator;
	const double *fv = in->fact_value;
	const size_t n_ent = in->n_ent, n_period = in->n_period, n_indicator = in->n_indicator;
	uint32_t gen = pt->gen;
	size_t r = pt->row_begin, end = pt->row_end;
	if (r > 0 && r < end && fe[r - 1] > fe[r]) {
		pt->unsorted = true;
		return NULL;
	}
	/* The previous enterprise waits in buffer cur ^ 1 while its cells are fetched. */
	int cur = 0;
	uint32_t prev_e = 0, prev_n = 0;
	bool pending = false;
	while (r < end) {
		uint32_t e = fe[r], n = 0;
		uint32_t *stamp = pt->stamp[cur], *touched = pt->touched[cur];
		double *acc = pt->acc[cur];
		size_t first = r;
		gen++;
		do {
			uint16_t p = fp[r];
			uint8_t k = fk[r];
			double v = fv[r];
			if (e >= n_ent || p >= n_period || k >= n_indicator || !isfinite(v)) {
				/* The enterprise's first row is earlier when its own data is wrong. */
				enum bad_kind eb = e < n_ent ? ent_check(in, e) : BAD_NONE;
				pt->bad = eb != BAD_NONE ? eb : fact_check(in, r);
				pt->bad_row = eb != BAD_NONE ? first : r;
				return NULL;
			}
			uint32_t slot = (uint32_t)(p * n_indicator + k);
			if (stamp[slot] != gen) {
				stamp[slot] = gen;
				acc[slot] = v;
				touched[n++] = slot;
			} else {
				acc[slot] += v;
			}
			r++;
		} while (r < end && fe[r] == e);
		if (r < end && fe[r] < e) {
			pt->unsorted = true;
			return NULL;
		}
		enum bad_kind b = ent_check(in, e);
		if (b != BAD_NONE) {
			pt->bad = b;
			pt->bad_row = first;
			return NULL;
		}
		ent_prefetch(pt, e, n, touched);
		if (pending)
			ent_add(pt, prev_e, prev_n, pt->touched[cur ^ 1], pt->acc[cur ^ 1]);
		prev_e = e;
		prev_n = n;
		pending = true;
		cur ^= 1;
	}
	if (pending)
		ent_add(pt, prev_e, prev_n, pt->touched[cur ^ 1], pt->acc[cur ^ 1]);
	pt->gen = gen;
	return NULL;
}

/* Unordered facts, pass 1: check the chunk's rows, count them per bucket. */
static void *run_count(void *arg)
{
	struct part *pt = arg;
	const struct cube_input *in = pt->in;
	struct bkt *bk = pt->bk;
	size_t *count = bk->count + (size_t)(pt - pt->self0) * bk->n;
	for (size_t r = pt->row_begin; r < pt->row_end; r++) {
		enum bad_kind b = fact_check(in, r);
		if (b != BAD_NONE) {
			pt->bad = b;
			pt->bad_row = r;
			return NULL;
		}
		count[in->fact_ent[r] / bk->width]++;
	}
	return NULL;
}

/* Pass 2: the chunk's facts into their buckets (count now holds where each goes next). */
static void *run_scatter(void *arg)
{
	struct part *pt = arg;
	const struct cube_input *in = pt->in;
	struct bkt *bk = pt->bk;
	size_t *next = bk->count + (size_t)(pt - pt->self0) * bk->n;
	for (size_t r = pt->row_begin; r < pt->row_end; r++) {
		uint32_t e = in->fact_ent[r];
		bk->recs[next[e / bk->width]++] = (struct rec){
			in->fact_value[r], (uint32_t)(in->fact_period[r] * in->n_indicator + in->fact_indicator[r]),
			(uint32_t)r, e, 0};
	}
	return NULL;
}

/* Pass 3: buckets [bkt_begin, bkt_end): each sorted by enterprise in cache, then enterprise by
 * enterprise as in the ordered path. */
static void *run_buckets(void *arg)
{
	struct part *pt = arg;
	struct bkt *bk = pt->bk;
	uint32_t *stamp = pt->stamp[0], *touched = pt->touched[0];
	double *acc = pt->acc[0];
	uint32_t gen = pt->gen;
	size_t most = 0;
	for (size_t b = pt->bkt_begin; b < pt->bkt_end; b++)
		if (bk->start[b + 1] - bk->start[b] > most)
			most = bk->start[b + 1] - bk->start[b];
	struct rec *sorted = xmalloc((most ? most : 1) * sizeof *sorted);
	size_t *off = xmalloc((bk->width + 1) * sizeof *off);
	for (size_t b = pt->bkt_begin; b < pt->bkt_end && pt->bad == BAD_NONE; b++) {
		const struct rec *in_b = bk->recs + bk->start[b];
		size_t nb = bk->start[b + 1] - bk->start[b], base = b * bk->width;
		if (nb == 0)
			continue;
		memset(off, 0, (bk->width + 1) * sizeof *off);
		for (size_t j = 0; j < nb; j++)
			off[in_b[j].ent - base + 1]++;
		for (size_t x = 0; x < bk->width; x++)
			off[x + 1] += off[x];
		for (size_t j = 0; j < nb; j++) /* stable: row order kept per enterprise */
			sorted[off[in_b[j].ent - base]++] = in_b[j];
		/* off[x] is now the end of enterprise base + x. */
		size_t j = 0;
		while (j < nb) {
			uint32_t e = sorted[j].ent, n = 0;
			size_t first = j;
			gen++;
			for (; j < nb && sorted[j].ent == e; j++) {
				uint32_t slot = sorted[j].slot;
				double v = sorted[j].v;
				if (stamp[slot] != gen) {
					stamp[slot] = gen;
					acc[slot] = v;
					touched[n++] = slot;
				} else {
					acc[slot] += v;
				}
			}
			enum bad_kind bad = ent_check(pt->in, e);
			if (bad != BAD_NONE) {
				pt->bad = bad;
				pt->bad_row = sorted[first].row; /* row order kept: its first row */
				break;
			}
			ent_add(pt, e, n, touched, acc);
		}
	}
	free(sorted);
	free(off);
	pt->gen = gen;
	return NULL;
}

/* Run fn over parts[0..n) on n threads (the calling thread takes part 0). */
static void run_threads(void *(*fn)(void *), struct part *parts, size_t n)
{
	pthread_t tid[MAX_THREADS];
	bool started[MAX_THREADS] = {false};
	for (size_t t = 1; t < n; t++)
		started[t] = pthread_create(&tid[t], NULL, fn, &parts[t]) == 0;
	(void)fn(&parts[0]);
	for (size_t t = 1; t < n; t++) {
		if (started[t])
			(void)pthread_join(tid[t], NULL);
		else
			(void)fn(&parts[t]); /* no thread to be had: do it here */
	}
}

/* The message for a fact row whose enterprise's district or memberships are wrong. */
static enum err_code bad_ent(struct err *e, const struct cube_input *in, enum bad_kind b, size_t r)
{
	uint32_t x = in->fact_ent[r];
	uint32_t m0 = in->mem_off[x], m1 = in->mem_off[x + 1];
	if (b == BAD_DISTRICT)
		return err_set(e, ERR_INVALID, "指标数据第%zu行：企业%u的区序号%u超出范围（共%zu个区） (fact row "
		               "%zu: enterprise %u: district index %u out of range, %zu districts)", r, x,
		               in->ent_district[x], in->n_district, r, x, in->ent_district[x],
		               in->n_district);
	if (b == BAD_OFFSETS)
		return err_set(e, ERR_INVALID, "指标数据第%zu行：企业%u的产业归属偏移递减 (fact row %zu: "
		               "enterprise %u: membership offsets decrease)", r, x, r, x);
	for (uint32_t k = m0; k < m1; k++) {
		if (in->mem_ind[k] >= in->n_industry)
			return err_set(e, ERR_INVALID, "指标数据第%zu行：企业%u的产业序号%u超出范围（共%zu个） "
			               "(fact row %zu: enterprise %u: industry index %u out of range, %zu "
			               "industries)", r, x, in->mem_ind[k], in->n_industry, r, x,
			               in->mem_ind[k], in->n_industry);
		for (uint32_t j = m0; j < k; j++)
			if (in->mem_ind[j] == in->mem_ind[k])
				return err_set(e, ERR_INVALID, "指标数据第%zu行：企业%u重复归属产业%u (fact row "
				               "%zu: enterprise %u: industry %u listed twice)", r, x,
				               in->mem_ind[k], r, x, in->mem_ind[k]);
	}
	return err_set(e, ERR_INTERNAL, "fact row %zu: enterprise %u: no problem found", r, x);
}

static enum err_code bad_row(struct err *e, const struct cube_input *in, enum bad_kind b, size_t r)
{
	switch (b) {
	case BAD_ENT:
		return err_set(e, ERR_INVALID, "指标数据第%zu行：企业序号%u超出范围（共%zu家） (fact row %zu: "
		               "enterprise index %u out of range, %zu enterprises)", r, in->fact_ent[r],
		               in->n_ent, r, in->fact_ent[r], in->n_ent);
	case BAD_PERIOD:
		return err_set(e, ERR_INVALID, "指标数据第%zu行：期间序号%u超出范围（共%zu个） (fact row %zu: "
		               "period index %u out of range, %zu periods)", r, in->fact_period[r],
		               in->n_period, r, in->fact_period[r], in->n_period);
	case BAD_INDICATOR:
		return err_set(e, ERR_INVALID, "指标数据第%zu行：指标序号%u超出范围（共%zu个） (fact row %zu: "
		               "indicator index %u out of range, %zu indicators)", r, in->fact_indicator[r],
		               in->n_indicator, r, in->fact_indicator[r], in->n_indicator);
	case BAD_DISTRICT:
	case BAD_OFFSETS:
	case BAD_INDUSTRY:
	case BAD_TWICE:
		return bad_ent(e, in, b, r);
	case BAD_VALUE:
	case BAD_NONE:
		break;
	}
	return err_set(e, ERR_INVALID, "指标数据第%zu行：数值不是有限数 (fact row %zu: value is not a finite "
	               "number)", r, r);
}

/* The enterprise arrays and the period links: ranges, memberships each once. */
static enum err_code check_dims(const struct cube_input *in, struct err *e)
{
	if (in->n_industry >= UINT16_MAX || in->n_district >= UINT16_MAX || in->n_period > 65536 ||
	    in->n_indicator > 256 || in->n_ent > UINT32_MAX)
		return err_set(e, ERR_INVALID, "立方体维度超出范围 (cube dimensions out of range: %zu "
		               "industries, %zu districts, %zu periods, %zu indicators, %zu enterprises)",
		               in->n_industry, in->n_district, in->n_period, in->n_indicator, in->n_ent);
	size_t cells = in->n_period * in->n_indicator * (in->n_industry + 2) * (in->n_district + 1);
	if (cells > MAX_CELLS)
		return err_set(e, ERR_INVALID, "立方体过大：%zu个单元格，上限%zu (cube too large: %zu cells, "
		               "limit %zu)", cells, MAX_CELLS, cells, MAX_CELLS);
	if (in->n_ent && (!in->ent_district || !in->mem_off))
		return err_set(e, ERR_INVALID, "缺少企业数组 (enterprise arrays missing)");
	if (in->n_fact && (!in->fact_ent || !in->fact_period || !in->fact_indicator || !in->fact_value))
		return err_set(e, ERR_INVALID, "缺少指标数据数组 (fact arrays missing)");
	if (in->n_period && !in->period_prev)
		return err_set(e, ERR_INVALID, "缺少上年同期数组 (period_prev missing)");
	for (size_t p = 0; p < in->n_period; p++)
		if (in->period_prev[p] < -1 || in->period_prev[p] >= (int32_t)in->n_period)
			return err_set(e, ERR_INVALID, "期间%zu的上年同期序号%d超出范围 (period %zu: previous "
			               "period %d out of range)", p, in->period_prev[p], p, in->period_prev[p]);
	if (in->n_ent && in->mem_off[in->n_ent] != in->mem_off[0] && !in->mem_ind)
		return err_set(e, ERR_INVALID, "缺少产业归属数组 (mem_ind missing)");
	return ERR_OK;
}

/* The first bad row the parts found, or BAD_NONE. */
static enum bad_kind first_bad(const struct part *parts, size_t nt, size_t *row)
{
	enum bad_kind kind = BAD_NONE;
	*row = SIZE_MAX;
	for (size_t t = 0; t < nt; t++)
		if (parts[t].bad != BAD_NONE && parts[t].bad_row < *row) {
			*row = parts[t].bad_row;
			kind = parts[t].bad;
		}
	return kind;
}

/*
 * Unordered facts: partitioned by enterprise range into buckets of about BUCKET_FACTS facts,
 * in three parallel passes (count and check, scatter, then each bucket sorted by enterprise where
 * it fits in cache and added). 24 bytes per fact and 8 per bucket and thread.
 */
#define BUCKET_FACTS 8192
static enum err_code build_grouped(const struct cube_input *in, struct part *parts, size_t nt,
                                   struct err *e)
{
	if (in->n_fact > UINT32_MAX)
		return err_set(e, ERR_INVALID, "指标数据超过%u行且未按企业排序 (more than %u fact rows not "
		               "ordered by enterprise)", UINT32_MAX, UINT32_MAX);
	struct bkt bk = {.nt = nt};
	size_t nb = in->n_fact / BUCKET_FACTS + 1;
	if (nb > in->n_ent)
		nb = in->n_ent;
	if (nb == 0)
		nb = 1;
	bk.width = in->n_ent / nb + 1;
	bk.n = in->n_ent / bk.width + 1;
	bk.count = xcalloc(nt * bk.n, sizeof *bk.count);
	bk.start = xmalloc((bk.n + 1) * sizeof *bk.start);
	bk.recs = xmalloc((in->n_fact ? in->n_fact : 1) * sizeof *bk.recs);
	for (size_t t = 0; t < nt; t++) {
		parts[t].bk = &bk;
		parts[t].self0 = parts;
		parts[t].row_begin = in->n_fact * t / nt;
		parts[t].row_end = in->n_fact * (t + 1) / nt;
	}
	run_threads(run_count, parts, nt);
	size_t row;
	enum bad_kind kind = first_bad(parts, nt, &row);
	if (kind == BAD_NONE) {
		/* Bucket b's facts: thread 0's chunk first, so row order is kept within a bucket. */
		size_t at = 0;
		for (size_t b = 0; b < bk.n; b++) {
			bk.start[b] = at;
			for (size_t t = 0; t < nt; t++) {
				size_t c = bk.count[t * bk.n + b];
				bk.count[t * bk.n + b] = at;
				at += c;
			}
		}
		bk.start[bk.n] = at;
		run_threads(run_scatter, parts, nt);
		/* Bucket ranges with about equal numbers of facts. */
		size_t b = 0;
		for (size_t t = 0; t < nt; t++) {
			size_t goal = in->n_fact * (t + 1) / nt;
			parts[t].bkt_begin = b;
			while (b < bk.n && (t + 1 == nt || bk.start[b + 1] <= goal))
				b++;
			parts[t].bkt_end = b;
		}
		run_threads(run_buckets, parts, nt);
		kind = first_bad(parts, nt, &row);
	}
	for (size_t t = 0; t < nt; t++)
		parts[t].bk = NULL;
	free(bk.count);
	free(bk.start);
	free(bk.recs);
	return kind != BAD_NONE ? bad_row(e, in, kind, row) : ERR_OK;
}

static void grp_merge(struct grp *a, const struct grp *b)
{
	a->sq += b->sq;
	for (int j = 0; j < 4; j++)
		top4_add(a->top, b->top[j]);
}

/* Partial arrays 1..n-1 added into part 0, then the slots made what cube.h says: the last
 * district slot ALL (every district + no district), the last industry slot ECONOMY (programme +
 * non-members). */
static void merge(struct part *parts, size_t n, size_t cells, size_t groups)
{
	struct part *a = &parts[0];
	for (size_t t = 1; t < n; t++) {
		const struct part *b = &parts[t];
		for (size_t c = 0; c < cells; c++) {
			a->cell[c].sum += b->cell[c].sum;
			a->cell[c].cnt += b->cell[c].cnt;
		}
		for (size_t g = 0; g < groups; g++)
			grp_merge(&a->grp[g], &b->grp[g]);
	}
	size_t ni = a->ni, nd = a->nd;
	for (size_t g = ni - 1; g < groups; g += ni) {
		for (size_t d = 0; d < nd; d++) {
			a->cell[g * nd + d].sum += a->cell[(g - 1) * nd + d].sum;
			a->cell[g * nd + d].cnt += a->cell[(g - 1) * nd + d].cnt;
		}
		grp_merge(&a->grp[g], &a->grp[g - 1]);
	}
	for (size_t g = 0; g < groups; g++) {
		struct acc *r = &a->cell[g * nd];
		for (size_t d = 0; d + 1 < nd; d++) {
			r[nd - 1].sum += r[d].sum;
			r[nd - 1].cnt += r[d].cnt;
		}
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The q-quantile (0..1) of v[0..n) by linear interpolation between order statistics; sorts v. */
static double quantile(double *v, size_t n, double q)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, cmp_double);
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

/* a / b, NAN when either is NAN or b is zero. */
static double ratio(double a, double b)
{
	if (isnan(a) || isnan(b) || b == 0)
		return NAN;
	return a / b;
}

/* Every cell's figures from the summed arrays in pt. */
static void derive(struct cube *c, const struct cube_input *in, const struct part *pt)
{
	size_t ni = c->ni, nd = c->nd, all = nd - 1, prog = c->n_industry, econ = prog + 1;
	size_t groups = c->np * c->nk * ni;
	for (size_t g = 0; g < groups; g++)
		for (size_t d = 0; d < nd; d++) {
			size_t i = g * nd + d;
			struct cube_cell *cl = &c->cells[i];
			cl->n_ent = (long)pt->cell[i].cnt;
			cl->value = pt->cell[i].cnt ? pt->cell[i].sum : NAN;
			cl->prev = NAN;
			cl->strong = false;
		}
	for (size_t p = 0; p < c->np; p++)
		for (size_t k = 0; k < c->nk; k++) {
			size_t pk = p * c->nk + k;
			int32_t pp = in->period_prev[p];
			const struct cube_cell *row = c->cells + pk * ni * nd;
			const struct cube_cell *prow = c->cells + ((size_t)(pp >= 0 ? pp : 0) * c->nk + k) * ni * nd;
			bool has_prev = pp >= 0;
			for (size_t ind = 0; ind < ni; ind++)
				for (size_t d = 0; d < nd; d++) {
					struct cube_cell *cl = &c->cells[(pk * ni + ind) * nd + d];
					cl->prev = has_prev ? prow[ind * nd + d].value : NAN;
					cl->growth_pct = (ratio(cl->value, cl->prev) - 1) * 100;
					cl->share_pct = ratio(cl->value, row[prog * nd + d].value) * 100;
					cl->contribution_pp = has_prev ? ratio(cl->value - cl->prev,
					                                   prow[prog * nd + d].value) * 100 : NAN;
					cl->lq = ratio(ratio(cl->value, row[econ * nd + d].value),
					               ratio(row[ind * nd + all].value, row[econ * nd + all].value));
					if (isinf(cl->lq))
						cl->lq = NAN;
				}
		}
	/* Strong clusters: per (period, indicator, industry) over districts with data. */
	double *lqs = xmalloc(nd * sizeof *lqs), *vals = xmalloc(nd * sizeof *vals);
	for (size_t pk = 0; pk < c->np * c->nk; pk++)
		for (size_t ind = 0; ind < c->n_industry; ind++) {
			struct cube_cell *r = c->cells + (pk * ni + ind) * nd;
			size_t nl = 0, nv = 0;
			for (size_t d = 0; d < all; d++) {
				if (r[d].n_ent == 0)
					continue;
				vals[nv++] = r[d].value;
				if (!isnan(r[d].lq))
					lqs[nl++] = r[d].lq;
			}
			double p75 = quantile(lqs, nl, 0.75), p25 = quantile(vals, nv, 0.25);
			for (size_t d = 0; d < all; d++)
				r[d].strong = r[d].n_ent > 0 && !isnan(r[d].lq) && r[d].lq >= 1 &&
				              r[d].lq >= p75 && r[d].value > p25;
		}
	free(lqs);
	free(vals);
	for (size_t g = 0; g < groups; g++) {
		struct cube_concentration *cc = &c->conc[g];
		const struct cube_cell *tot = &c->cells[g * nd + all];
		double t4 = 0;
		for (int j = 0; j < 4; j++)
			if (pt->grp[g].top[j] > -INFINITY)
				t4 += pt->grp[g].top[j];
		cc->n_ent = tot->n_ent;
		cc->top4_pct = ratio(t4, tot->value) * 100;
		cc->hhi = ratio(pt->grp[g].sq, tot->value * tot->value) * 10000;
	}
}

static size_t thread_count(const struct cube_input *in)
{
	long n = in->n_threads;
	if (n <= 0) {
		if (in->n_fact < SMALL_INPUT)
			return 1;
		n = sysconf(_SC_NPROCESSORS_ONLN);
	}
	if (n < 1)
		n = 1;
	return n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

enum err_code cube_build(const struct cube_input *in, struct cube **out, struct err *e)
{
	*out = NULL;
	enum err_code rc = check_dims(in, e);
	if (rc)
		return rc;
	size_t nt = thread_count(in);
	size_t ni = in->n_industry + 2, nd = in->n_district + 1;
	size_t groups = in->n_period * in->n_indicator * ni, cells = groups * nd;
	struct part parts[MAX_THREADS];
	for (size_t t = 0; t < nt; t++)
		part_init(&parts[t], in, cells, groups);

	/* Sorted path first: row chunks cut where the enterprise changes. */
	size_t prev_end = 0;
	for (size_t t = 0; t < nt; t++) {
		size_t b = t + 1 == nt ? in->n_fact : in->n_fact * (t + 1) / nt;
		if (b < prev_end)
			b = prev_end;
		while (b > 0 && b < in->n_fact && in->fact_ent[b] == in->fact_ent[b - 1])
			b++;
		parts[t].row_begin = prev_end;
		parts[t].row_end = b;
		prev_end = b;
	}
	run_threads(run_sorted, parts, nt);
	bool unsorted = false;
	for (size_t t = 0; t < nt; t++)
		unsorted |= parts[t].unsorted;
	size_t row;
	enum bad_kind kind = first_bad(parts, nt, &row);
	if (unsorted) {
		for (size_t t = 0; t < nt; t++) {
			part_free(&parts[t]);
			part_init(&parts[t], in, cells, groups);
		}
		rc = build_grouped(in, parts, nt, e);
	} else if (kind != BAD_NONE) {
		rc = bad_row(e, in, kind, row);
	}
	if (rc == ERR_OK) {
		merge(parts, nt, cells, groups);
		struct cube *c = xcalloc(1, sizeof *c);
		c->np = in->n_period;
		c->nk = in->n_indicator;
		c->ni = ni;
		c->nd = nd;
		c->n_industry = in->n_industry;
		c->n_district = in->n_district;
		c->cells = xcalloc(cells ? cells : 1, sizeof *c->cells);
		c->conc = xcalloc(groups ? groups : 1, sizeof *c->conc);
		derive(c, in, &parts[0]);
		*out = c;
	}
	for (size_t t = 0; t < nt; t++)
		part_free(&parts[t]);
	return rc;
}

void cube_free(struct cube *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c->conc);
	free(c);
}

/* Industry slot of an industry argument, or SIZE_MAX when out of range. */
static size_t industry_slot(const struct cube *c, unsigned industry)
{
	if (industry == CUBE_PROGRAMME)
		return c->n_industry;
	if (industry == CUBE_ECONOMY)
		return c->n_industry + 1;
	return industry < c->n_industry ? industry : SIZE_MAX;
}

void cube_get(const struct cube *c, unsigned period, unsigned indicator, unsigned industry,
              unsigned district, struct cube_cell *out)
{
	size_t i = industry_slot(c, industry);
	size_t d = district == CUBE_ALL ? c->n_district : district;
	if (period >= c->np || indicator >= c->nk || i == SIZE_MAX || d > c->n_district) {
		*out = (struct cube_cell){NAN, NAN, NAN, NAN, NAN, NAN, 0, false};
		return;
	}
	*out = c->cells[((period * c->nk + indicator) * c->ni + i) * c->nd + d];
}

void cube_concentration(const struct cube *c, unsigned period, unsigned indicator,
                        unsigned industry, struct cube_concentration *out)
{
	size_t i = industry_slot(c, industry);
	if (period >= c->np || indicator >= c->nk || i == SIZE_MAX) {
		*out = (struct cube_concentration){NAN, NAN, 0};
		return;
	}
	*out = c->conc[(period * c->nk + indicator) * c->ni + i];
}

void cube_overlap(const struct cube *c, unsigned period, unsigned indicator,
                  double *sum_of_industries, double *programme)
{
	*sum_of_industries = *programme = NAN;
	if (period >= c->np || indicator >= c->nk)
		return;
	const struct cube_cell *row = c->cells + (period * c->nk + indicator) * c->ni * c->nd;
	size_t all = c->n_district;
	double s = 0;
	bool any = false;
	for (size_t i = 0; i < c->n_industry; i++)
		if (row[i * c->nd + all].n_ent) {
			s += row[i * c->nd + all].value;
			any = true;
		}
	*sum_of_industries = any ? s : NAN;
	*programme = row[c->n_industry * c->nd + all].value;
}
