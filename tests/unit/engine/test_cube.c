/* test_cube.c - the cube (src/engine/cube.c) on small cases, every expected number by hand. */
#include "testutil.h"

#include <math.h>

#include "engine/cube.h"

#define NO CUBE_NO_DISTRICT
#define P CUBE_PROGRAMME
#define E CUBE_ECONOMY
#define ALL CUBE_ALL

static void near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-9 * fmax(1, fabs(want)))) {
		print_error("got %.15g, want %.15g\n", got, want);
		fail();
	}
}

/* A small input under construction: enterprises with districts and memberships, then facts. */
struct fx {
	struct cube_input in;
	uint16_t dist[64];
	uint32_t off[65];
	uint16_t ind[128];
	uint32_t fe[64];
	uint16_t fp[64];
	uint8_t fk[64];
	double fv[64];
	int32_t prev[8];
};

static void fx_init(struct fx *f, size_t n_industry, size_t n_district, size_t n_period,
                    size_t n_indicator)
{
	memset(f, 0, sizeof *f);
	f->in.n_industry = n_industry;
	f->in.n_district = n_district;
	f->in.n_period = n_period;
	f->in.n_indicator = n_indicator;
	f->in.ent_district = f->dist;
	f->in.mem_off = f->off;
	f->in.mem_ind = f->ind;
	f->in.fact_ent = f->fe;
	f->in.fact_period = f->fp;
	f->in.fact_indicator = f->fk;
	f->in.fact_value = f->fv;
	f->in.period_prev = f->prev;
	f->in.n_threads = 1;
	for (size_t p = 0; p < n_period; p++)
		f->prev[p] = (int32_t)p - 1; /* periods are consecutive years */
}

/* An enterprise in district d, member of the n industries in ind. */
static void ent(struct fx *f, uint16_t d, size_t n, const uint16_t *ind)
{
	size_t x = f->in.n_ent++;
	f->dist[x] = d;
	f->off[x + 1] = f->off[x] + (uint32_t)n;
	if (n)
		memcpy(f->ind + f->off[x], ind, n * sizeof *ind);
}

static void fact(struct fx *f, uint32_t e, uint16_t p, uint8_t k, double v)
{
	size_t r = f->in.n_fact++;
	f->fe[r] = e;
	f->fp[r] = p;
	f->fk[r] = k;
	f->fv[r] = v;
}

static struct cube *build(const struct fx *f)
{
	struct cube *c = NULL;
	struct err e = {0};
	if (cube_build(&f->in, &c, &e) != ERR_OK) {
		print_error("cube_build: %s\n", e.msg);
		fail();
	}
	return c;
}

static struct cube_cell cell(const struct cube *c, unsigned p, unsigned k, unsigned i, unsigned d)
{
	struct cube_cell x;
	cube_get(c, p, k, i, d, &x);
	return x;
}

/*
 * Industries A=0, B=1; districts 0, 1; periods 2024 (0) and 2025 (1); one indicator.
 *   e0 district 0, A and B     2024: 10   2025: 12
 *   e1 district 0, A           2024: 20   2025: 20 + 4 (two rows)
 *   e2 district 1, B           2024: 30   2025: 27
 *   e3 no district, A          2024: 5    2025: 7
 *   e4 district 1, no industry 2024: 100  2025: 110
 * Facts are listed out of enterprise order when `shuffled`.
 */
static void overlap_case(struct fx *f, bool shuffled)
{
	fx_init(f, 2, 2, 2, 1);
	static const uint16_t ab[] = {0, 1}, a[] = {0}, b[] = {1};
	ent(f, 0, 2, ab);
	ent(f, 0, 1, a);
	ent(f, 1, 1, b);
	ent(f, NO, 1, a);
	ent(f, 1, 0, NULL);
	if (shuffled) {
		fact(f, 1, 1, 0, 20);
		fact(f, 4, 0, 0, 100);
		fact(f, 0, 1, 0, 12);
		fact(f, 1, 0, 0, 20);
		fact(f, 2, 1, 0, 27);
		fact(f, 3, 0, 0, 5);
		fact(f, 4, 1, 0, 110);
		fact(f, 1, 1, 0, 4);
		fact(f, 0, 0, 0, 10);
		fact(f, 3, 1, 0, 7);
		fact(f, 2, 0, 0, 30);
	} else {
		fact(f, 0, 0, 0, 10);
		fact(f, 0, 1, 0, 12);
		fact(f, 1, 1, 0, 20);
		fact(f, 1, 0, 0, 20);
		fact(f, 1, 1, 0, 4);
		fact(f, 2, 0, 0, 30);
		fact(f, 2, 1, 0, 27);
		fact(f, 3, 1, 0, 7);
		fact(f, 3, 0, 0, 5);
		fact(f, 4, 0, 0, 100);
		fact(f, 4, 1, 0, 110);
	}
}

static void check_overlap(const struct cube *c)
{
	/* 2025 A: district 0 = e0 + e1 = 12 + 24 = 36 (2 enterprises: e1's two rows count once). */
	struct cube_cell x = cell(c, 1, 0, 0, 0);
	near(x.value, 36);
	assert_int_equal(x.n_ent, 2);
	near(x.prev, 30);                  /* 2024: 10 + 20 */
	near(x.growth_pct, 20);            /* 36 / 30 - 1 */
	near(x.share_pct, 100);            /* programme in district 0 is e0 + e1 = 36 */
	near(x.lq, 180.0 / 43);            /* (36 / 36) / (43 / 180) */
	/* A in district 1: nobody. */
	x = cell(c, 1, 0, 0, 1);
	assert_true(isnan(x.value) && isnan(x.growth_pct) && isnan(x.lq));
	assert_int_equal(x.n_ent, 0);
	assert_false(x.strong);
	/* A, all districts: e3 (no district) is in: 36 + 7 = 43; 2024: 30 + 5 = 35. */
	x = cell(c, 1, 0, 0, ALL);
	near(x.value, 43);
	assert_int_equal(x.n_ent, 3);
	near(x.prev, 35);
	near(x.growth_pct, 800.0 / 35);    /* (43 / 35 - 1) * 100 = 22.857... */
	near(x.share_pct, 4300.0 / 70);    /* 43 / 70 * 100 = 61.43 */
	near(x.contribution_pp, 800.0 / 65); /* (43 - 35) / 65 * 100 = 12.31 pp */
	near(x.lq, 1);
	/* B: district 0 = e0 = 12, district 1 = e2 = 27, all = 39; 2024 all = 10 + 30 = 40. */
	near(cell(c, 1, 0, 1, 0).value, 12);
	near(cell(c, 1, 0, 1, 0).share_pct, 100.0 / 3); /* 12 / 36 */
	x = cell(c, 1, 0, 1, 1);
	near(x.value, 27);
	near(x.growth_pct, -10);           /* 27 / 30 - 1 */
	near(x.share_pct, 100);            /* programme in district 1 is e2 only (e4 is no member) */
	near(x.lq, 4860.0 / 5343);         /* (27 / 137) / (39 / 180) = 0.9096 */
	near(cell(c, 1, 0, 1, ALL).value, 39);
	near(cell(c, 1, 0, 1, ALL).contribution_pp, -100.0 / 65); /* (39 - 40) / 65 * 100 */
	/* Programme: each member once: 12 + 24 + 27 + 7 = 70 (not 43 + 39 = 82); 2024 65. */
	x = cell(c, 1, 0, P, ALL);
	near(x.value, 70);
	assert_int_equal(x.n_ent, 4);
	near(x.prev, 65);
	near(x.growth_pct, 500.0 / 65);    /* 70 / 65 - 1 = 7.69 % */
	near(x.contribution_pp, 500.0 / 65); /* the programme's own contribution is its growth */
	near(x.share_pct, 100);
	near(cell(c, 1, 0, P, 0).value, 36); /* e0 (in A and B) once + e1 */
	assert_int_equal(cell(c, 1, 0, P, 0).n_ent, 2);
	/* Economy: everyone: 70 + 110 = 180; district 1: 27 + 110 = 137. */
	x = cell(c, 1, 0, E, ALL);
	near(x.value, 180);
	assert_int_equal(x.n_ent, 5);
	near(cell(c, 1, 0, E, 1).value, 137);
	near(cell(c, 1, 0, E, 0).value, 36);
	/* 2024 has no year before it: growth and contribution undefined, values there. */
	x = cell(c, 0, 0, 0, ALL);
	near(x.value, 35);
	assert_true(isnan(x.prev) && isnan(x.growth_pct) && isnan(x.contribution_pp));
	/* Overlap: industries add to 82, the programme is 70. */
	double s, prog;
	cube_overlap(c, 1, 0, &s, &prog);
	near(s, 82);
	near(prog, 70);
	cube_overlap(c, 0, 0, &s, &prog);
	near(s, 75);                       /* A 35 + B 40 */
	near(prog, 65);
}

static void test_overlap(void **state)
{
	(void)state;
	struct fx f;
	for (int shuffled = 0; shuffled < 2; shuffled++)
		for (int threads = 1; threads <= 3; threads++) {
			overlap_case(&f, shuffled);
			f.in.n_threads = threads;
			struct cube *c = build(&f);
			check_overlap(c);
			cube_free(c);
		}
}

/*
 * Zero base and a missing earlier year: industries A=0 and B=1, one district, 2024 and 2025.
 *   e0 A: 2024 0, 2025 50      -> growth undefined (0 base), not inf
 *   e1 B: 2025 only, 8         -> no 2024 value: prev NAN, growth NAN
 */
static void test_zero_base_missing_prev(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 2, 1, 2, 1);
	static const uint16_t a[] = {0}, b[] = {1};
	ent(&f, 0, 1, a);
	ent(&f, 0, 1, b);
	fact(&f, 0, 0, 0, 0);
	fact(&f, 0, 1, 0, 50);
	fact(&f, 1, 1, 0, 8);
	struct cube *c = build(&f);
	struct cube_cell x = cell(c, 1, 0, 0, 0);
	near(x.value, 50);
	near(x.prev, 0);
	assert_true(isnan(x.growth_pct));
	assert_true(isnan(x.contribution_pp)); /* the programme a year earlier was 0 too */
	x = cell(c, 0, 0, 0, 0);
	near(x.value, 0);                     /* reported zero is a value, not missing */
	assert_int_equal(x.n_ent, 1);
	x = cell(c, 1, 0, 1, ALL);
	near(x.value, 8);
	assert_true(isnan(x.prev) && isnan(x.growth_pct) && isnan(x.contribution_pp));
	near(x.share_pct, 800.0 / 58);        /* 8 / (50 + 8) */
	/* Out-of-range queries give an empty cell. */
	x = cell(c, 2, 0, 0, 0);
	assert_true(isnan(x.value));
	assert_int_equal(x.n_ent, 0);
	x = cell(c, 1, 0, 7, 0);
	assert_true(isnan(x.value));
	cube_free(c);
}

/*
 * Concentration. Industry A=0 (indicator 1 of 2): e0 30 as two rows 10 + 20 (not adjacent), e1 25,
 * e2 20, e3 15, e4 6, e5 4: total 100. Industry B=1: e1 only. e6 is no member, 1000.
 *   A: top-4 = 30 + 25 + 20 + 15 = 90 %; HHI = 900 + 625 + 400 + 225 + 36 + 16 = 2202.
 *   (Taking e0's rows apart would give top-4 25+20+20+15 = 80 and HHI 1802.)
 *   B: one enterprise: 100 %, 10000.  Economy: 1100; top-4 1000+30+25+20 = 1075 -> 97.727 %,
 *   HHI = (1000000 + 2202) / 1100^2 * 10000 = 8282.66...
 */
static void test_concentration(void **state)
{
	(void)state;
	struct fx f;
	for (int shuffled = 0; shuffled < 2; shuffled++)
		for (int threads = 1; threads <= 2; threads++) {
			fx_init(&f, 3, 1, 1, 2);
			static const uint16_t a[] = {0}, ab[] = {0, 1};
			ent(&f, 0, 1, a);
			ent(&f, 0, 2, ab);
			for (int i = 0; i < 4; i++)
				ent(&f, 0, 1, a);
			ent(&f, 0, 0, NULL);
			fact(&f, 0, 0, 1, 10);
			if (shuffled) {
				fact(&f, 1, 0, 1, 25);
				fact(&f, 0, 0, 1, 20);
			} else {
				fact(&f, 0, 0, 1, 20);
				fact(&f, 1, 0, 1, 25);
			}
			fact(&f, 2, 0, 1, 20);
			fact(&f, 3, 0, 1, 15);
			fact(&f, 4, 0, 1, 6);
			fact(&f, 5, 0, 1, 4);
			fact(&f, 6, 0, 1, 1000);
			f.in.n_threads = threads;
			struct cube *c = build(&f);
			struct cube_concentration k;
			cube_concentration(c, 0, 1, 0, &k);
			near(k.top4_pct, 90);
			near(k.hhi, 2202);
			assert_int_equal(k.n_ent, 6);
			cube_concentration(c, 0, 1, 1, &k);
			near(k.top4_pct, 100);
			near(k.hhi, 10000);
			assert_int_equal(k.n_ent, 1);
			cube_concentration(c, 0, 1, E, &k);
			near(k.top4_pct, 107500.0 / 1100);
			near(k.hhi, 1002202.0 / 1210000 * 10000);
			cube_concentration(c, 0, 1, 2, &k); /* industry 2: no member */
			assert_true(isnan(k.top4_pct) && isnan(k.hhi));
			assert_int_equal(k.n_ent, 0);
			cube_concentration(c, 0, 0, 0, &k); /* indicator 0: no facts */
			assert_true(isnan(k.top4_pct));
			assert_int_equal(cell(c, 0, 1, 0, 0).n_ent, 6);
			near(cell(c, 0, 1, 0, 0).value, 100);
			cube_free(c);
		}
}

/*
 * Strong clusters. Industry I=0 in districts 0..5; economy padded by a non-member per district.
 *   district      0     1     2     3     4     5
 *   x(I,d)       10    20    30    40    50     -
 *   economy     100    25   100   100   100   100    total 525; x(I,ALL) = 150
 *   LQ         0.35   2.8  1.05   1.4  1.75     -    = (x / econ) / (150 / 525)
 * Five districts with data: 75th percentile of LQ = 4th smallest exactly (h = 4 * 0.75 = 3) =
 * 1.75 (district 4); 25th percentile of x = 2nd smallest (h = 1) = 20.
 *   district 4: LQ 1.75 >= 1.75 (the edge, included), 50 > 20      -> strong
 *   district 1: LQ 2.8 >= 1.75, but 20 is not above 20 (the edge)  -> not strong
 *   district 3: LQ 1.4 >= 1 but below 1.75                         -> not strong
 * Were district 5 counted as 0, the percentiles would be 1.6625 and 12.5 and district 1 strong.
 */
static void test_strong(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 1, 6, 1, 1);
	static const uint16_t in_i[] = {0};
	static const double x[] = {10, 20, 30, 40, 50}, econ[] = {100, 25, 100, 100, 100, 100};
	for (uint16_t d = 0; d < 6; d++) {
		if (d < 5) {
			ent(&f, d, 1, in_i);
			fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, x[d]);
		}
		ent(&f, d, 0, NULL);
		fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, econ[d] - (d < 5 ? x[d] : 0));
	}
	struct cube *c = build(&f);
	static const double lq[] = {0.35, 2.8, 1.05, 1.4, 1.75};
	for (unsigned d = 0; d < 5; d++) {
		near(cell(c, 0, 0, 0, d).lq, lq[d]);
		assert_int_equal(cell(c, 0, 0, 0, d).strong, d == 4);
	}
	assert_true(isnan(cell(c, 0, 0, 0, 5).lq));
	assert_false(cell(c, 0, 0, 0, 5).strong);
	assert_false(cell(c, 0, 0, 0, ALL).strong);
	cube_free(c);

	/*
	 * LQ below 1 everywhere: most of the industry has no district. District 0: member 10,
	 * non-member 90; district 1: member 20, non-member 80; no district: member 170.
	 * x(I,ALL) = 200, economy 370: LQ 0.1 / (200 / 370) = 0.185 and 0.2 * 1.85 = 0.37.
	 * District 1 is at the 75th percentile (0.185 + 0.75 * 0.185 = 0.32) and above the 25th of
	 * size (12.5), but its LQ is below 1: not strong.
	 */
	fx_init(&f, 1, 2, 1, 1);
	static const double member[] = {10, 20}, other[] = {90, 80};
	for (uint16_t d = 0; d < 2; d++) {
		ent(&f, d, 1, in_i);
		fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, member[d]);
		ent(&f, d, 0, NULL);
		fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, other[d]);
	}
	ent(&f, NO, 1, in_i);
	fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, 170);
	c = build(&f);
	near(cell(c, 0, 0, 0, 0).lq, 0.185);
	near(cell(c, 0, 0, 0, 1).lq, 0.37);
	assert_false(cell(c, 0, 0, 0, 0).strong);
	assert_false(cell(c, 0, 0, 0, 1).strong);
	cube_free(c);
}

/* Bad input: the error names the fact row (or the enterprise), in either fact order. */
static void expect_invalid(const struct fx *f, const char *needle)
{
	struct cube *c = (struct cube *)1;
	struct err e = {0};
	assert_int_equal(cube_build(&f->in, &c, &e), ERR_INVALID);
	assert_null(c);
	if (!strstr(e.msg, needle)) {
		print_error("message \"%s\" lacks \"%s\"\n", e.msg, needle);
		fail();
	}
}

static void test_invalid(void **state)
{
	(void)state;
	struct fx f;
	for (int shuffled = 0; shuffled < 2; shuffled++) {
		overlap_case(&f, shuffled);
		f.fp[3] = 2; /* only periods 0 and 1 */
		expect_invalid(&f, "fact row 3: period index 2 out of range");
		overlap_case(&f, shuffled);
		f.fe[5] = 9;
		expect_invalid(&f, "fact row 5: enterprise index 9 out of range");
		overlap_case(&f, shuffled);
		f.fk[10] = 1;
		f.fe[7] = 77; /* the first bad row is reported */
		expect_invalid(&f, "fact row 7: enterprise index 77");
		overlap_case(&f, shuffled);
		f.fv[2] = NAN;
		expect_invalid(&f, "fact row 2: value is not a finite number");
		overlap_case(&f, shuffled);
		f.fk[10] = 1;
		f.in.n_threads = 2;
		expect_invalid(&f, "fact row 10: indicator index 1 out of range");
	}
	/* An enterprise's wrong data is named at its first fact row: e2's are rows 5 and 6 in
	 * enterprise order, rows 4 and 10 shuffled; e0's rows 0 / 2, e1's rows 2 / 0. */
	for (int shuffled = 0; shuffled < 2; shuffled++) {
		overlap_case(&f, shuffled);
		f.dist[2] = 2;
		expect_invalid(&f, shuffled ? "fact row 4: enterprise 2: district index 2 out of range"
		                            : "fact row 5: enterprise 2: district index 2 out of range");
		overlap_case(&f, shuffled);
		f.ind[0] = 1; /* e0 listed as {B, B} */
		expect_invalid(&f, shuffled ? "fact row 2: enterprise 0: industry 1 listed twice"
		                            : "fact row 0: enterprise 0: industry 1 listed twice");
		overlap_case(&f, shuffled);
		f.ind[2] = 5;
		expect_invalid(&f, shuffled ? "fact row 0: enterprise 1: industry index 5 out of range"
		                            : "fact row 2: enterprise 1: industry index 5 out of range");
	}
	/* In enterprise order, e2's wrong district (row 5) comes before its own bad row 6. */
	overlap_case(&f, false);
	f.dist[2] = 2;
	f.fp[6] = 9;
	expect_invalid(&f, "fact row 5: enterprise 2: district index 2");
	/* Shuffled, a row bad on its own is named first (row 10), then enterprises. */
	overlap_case(&f, true);
	f.dist[2] = 2;
	f.fp[10] = 9;
	expect_invalid(&f, "fact row 10: period index 9 out of range");
	/* An enterprise without facts changes nothing and is not checked. */
	overlap_case(&f, false);
	f.dist[5] = 7;
	f.off[6] = f.off[5];
	f.in.n_ent = 6;
	struct cube *c = build(&f);
	check_overlap(c);
	cube_free(c);
	overlap_case(&f, false);
	f.prev[1] = 3;
	expect_invalid(&f, "period 1: previous period 3 out of range");
}

/* No facts: every cell empty; no enterprises at all; dimensions beyond the cap refused. */
static void test_empty_and_limits(void **state)
{
	(void)state;
	struct fx f;
	overlap_case(&f, false);
	f.in.n_fact = 0;
	struct cube *c = build(&f);
	struct cube_cell x = cell(c, 1, 0, P, ALL);
	assert_true(isnan(x.value) && isnan(x.growth_pct) && isnan(x.lq));
	assert_int_equal(x.n_ent, 0);
	double s, prog;
	cube_overlap(c, 1, 0, &s, &prog);
	assert_true(isnan(s) && isnan(prog));
	cube_free(c);
	fx_init(&f, 2, 2, 1, 1);
	c = build(&f); /* no enterprises, no facts */
	assert_int_equal(cell(c, 0, 0, E, ALL).n_ent, 0);
	cube_free(c);
	cube_free(NULL);
	/* 4096 periods x 256 indicators x 30 x 13 cells is over the 2^24 cap. */
	fx_init(&f, 28, 12, 1, 1);
	f.in.n_period = 4096;
	f.in.n_indicator = 256;
	f.in.period_prev = NULL;
	expect_invalid(&f, "cube too large");
}

/*
 * The EconGeo R package's worked example (tests/fixtures/econgeo/): regions as districts,
 * industries as industries, one enterprise per cell, member of exactly that industry. Every
 * enterprise is in one industry, so the economy is the matrix total (500), EconGeo's base.
 */
static void test_econgeo(void **state)
{
	(void)state;
	size_t len;
	char *text = read_file("tests/fixtures/econgeo/location_quotient_example_matrix.csv", &len);
	struct fx f;
	fx_init(&f, 5, 5, 1, 1);
	char *line = strchr(text, '\n') + 1; /* header: region,I1..I5 */
	for (uint16_t r = 0; r < 5; r++) {
		char *p = strchr(line, ',');
		assert_non_null(p);
		for (uint16_t i = 0; i < 5; i++) {
			char *end;
			double v = strtod(p + 1, &end);
			assert_true(end != p + 1);
			ent(&f, r, 1, &i);
			fact(&f, (uint32_t)f.in.n_ent - 1, 0, 0, v);
			p = end;
		}
		line = strchr(line, '\n') + 1;
	}
	free(text);
	struct cube *c = build(&f);
	static const double want[5][5] = {
		{5, 0, 0, 0, 0},
		{0, .75, .25, 3.5, .5},
		{0, 1, .5, 1, 2.5},
		{0, 1.25, 1.5, .25, 2},
		{0, 2, 2.75, .25, 0},
	};
	for (unsigned r = 0; r < 5; r++)
		for (unsigned i = 0; i < 5; i++)
			near(cell(c, 0, 0, i, r).lq, want[r][i]);
	near(cell(c, 0, 0, E, ALL).value, 500);
	cube_free(c);
}

/*
 * Larger random input against a brute-force reference: 3000 enterprises (some without district,
 * 0-3 industries each), 20000 facts with repeats, integer values so every sum is exact in any
 * order. Built with facts in enterprise order and shuffled (several buckets), on 1-3 threads.
 */
#define R_ENT 3000
#define R_FACT 20000
#define R_IND 5
#define R_DIST 4
#define R_SLOT 6 /* 3 periods x 2 indicators */

static uint64_t rnd_state;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

static void test_random_reference(void **state)
{
	(void)state;
	static uint16_t dist[R_ENT], ind[R_ENT * 3], fp[R_FACT], fp2[R_FACT];
	static uint32_t off[R_ENT + 1], fe[R_FACT], fe2[R_FACT];
	static uint8_t fk[R_FACT], fk2[R_FACT];
	static double fv[R_FACT], fv2[R_FACT], val[R_ENT][R_SLOT];
	static bool has[R_ENT][R_SLOT];
	int32_t prev[3] = {-1, 0, 1};
	rnd_state = 7;
	for (unsigned e = 0; e < R_ENT; e++) {
		dist[e] = rnd(10) == 0 ? NO : (uint16_t)rnd(R_DIST);
		unsigned m = rnd(4), n = 0;
		for (unsigned k = 0; k < m; k++) {
			uint16_t i = (uint16_t)rnd(R_IND);
			bool dup = false;
			for (unsigned j = 0; j < n; j++)
				dup |= ind[off[e] + j] == i;
			if (!dup)
				ind[off[e] + n++] = i;
		}
		off[e + 1] = off[e] + n;
	}
	/* Facts in enterprise order (fe ascending), and the same shuffled into fe2... */
	for (unsigned r = 0; r < R_FACT; r++) {
		fe[r] = (uint32_t)((uint64_t)r * R_ENT / R_FACT);
		fp[r] = (uint16_t)rnd(3);
		fk[r] = (uint8_t)rnd(2);
		fv[r] = rnd(1000);
		val[fe[r]][fp[r] * 2 + fk[r]] += fv[r];
		has[fe[r]][fp[r] * 2 + fk[r]] = true;
		fe2[r] = fe[r], fp2[r] = fp[r], fk2[r] = fk[r], fv2[r] = fv[r];
	}
	for (unsigned r = R_FACT - 1; r > 0; r--) {
		unsigned j = rnd(r + 1);
		uint32_t a = fe2[r]; fe2[r] = fe2[j]; fe2[j] = a;
		uint16_t b = fp2[r]; fp2[r] = fp2[j]; fp2[j] = b;
		uint8_t c = fk2[r]; fk2[r] = fk2[j]; fk2[j] = c;
		double d = fv2[r]; fv2[r] = fv2[j]; fv2[j] = d;
	}
	for (int shuffled = 0; shuffled < 2; shuffled++)
		for (int threads = 1; threads <= 3; threads++) {
			struct cube_input in = {
				.n_ent = R_ENT, .n_industry = R_IND, .n_district = R_DIST, .n_period = 3,
				.n_indicator = 2, .ent_district = dist, .mem_off = off, .mem_ind = ind,
				.n_fact = R_FACT, .fact_ent = shuffled ? fe2 : fe,
				.fact_period = shuffled ? fp2 : fp, .fact_indicator = shuffled ? fk2 : fk,
				.fact_value = shuffled ? fv2 : fv, .period_prev = prev, .n_threads = threads,
			};
			struct cube *c = NULL;
			struct err err = {0};
			assert_int_equal(cube_build(&in, &c, &err), ERR_OK);
			for (unsigned sl = 0; sl < R_SLOT; sl++)
				for (unsigned i = 0; i <= R_IND + 1; i++) { /* + programme, economy */
					unsigned ii = i < R_IND ? i : i == R_IND ? P : E;
					double top[R_ENT];
					size_t nt = 0;
					double sq = 0;
					for (unsigned d = 0; d <= R_DIST; d++) {
						double sum = 0;
						long n = 0;
						for (unsigned e = 0; e < R_ENT; e++) {
							bool member = i == R_IND + 1 ? true : i == R_IND ? off[e + 1] > off[e] : false;
							for (uint32_t j = off[e]; j < off[e + 1] && i < R_IND; j++)
								member |= ind[j] == i;
							if (!member || !has[e][sl] || (d < R_DIST && dist[e] != d))
								continue;
							sum += val[e][sl];
							n++;
							if (d == R_DIST) {
								top[nt++] = val[e][sl];
								sq += val[e][sl] * val[e][sl];
							}
						}
						struct cube_cell x = cell(c, sl / 2, sl % 2, ii, d < R_DIST ? d : ALL);
						assert_int_equal(x.n_ent, n);
						if (n)
							assert_true(x.value == sum);
						else
							assert_true(isnan(x.value));
					}
					struct cube_concentration k;
					cube_concentration(c, sl / 2, sl % 2, ii, &k);
					assert_int_equal(k.n_ent, (long)nt);
					qsort(top, nt, sizeof top[0], cmp_desc);
					double tot = 0, t4 = 0;
					for (size_t j = 0; j < nt; j++) {
						tot += top[j];
						t4 += j < 4 ? top[j] : 0;
					}
					if (nt && tot > 0) {
						near(k.top4_pct, t4 / tot * 100);
						near(k.hhi, sq / (tot * tot) * 10000);
					}
				}
			cube_free(c);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_zero_base_missing_prev),
		cmocka_unit_test(test_concentration),
		cmocka_unit_test(test_strong),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_empty_and_limits),
		cmocka_unit_test(test_econgeo),
		cmocka_unit_test(test_random_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
