/*
 * gen_facts.c - seeded enterprise-level indicator facts at Shenzhen's scale for the cube benchmark
 * (bench/cube.sh). Writes into DIR, once as columnar binary arrays (what the engine's snapshot
 * holds, read by bench/cube.c and the pandas baseline) and once as CSV (for SQLite, PostgreSQL and
 * DuckDB to load before they are timed):
 *
 *   meta.txt              n_ent n_fact n_industry n_district n_period n_indicator
 *   ent_district.u16      [n_ent] district 0..11
 *   mem_off.u32           [n_ent + 1] membership offsets; mem_ind.u16 the industries (0..27)
 *   fact_ent.u32 fact_period.u16 fact_indicator.u8 fact_value.f64   [n_fact]
 *   ents.csv (ent,district)  mems.csv (ent,industry)  facts.csv (ent,period,indicator,value)
 *
 * Shape: districts and industries skewed (some districts larger, each district favouring some
 * industries, so location quotients vary); 25 % of enterprises in no industry, the rest in 1
 * (75 %), 2 (20 %) or 3 (5 %): about 1.3 per member. Facts are ordered by enterprise, 4 or 5 per
 * enterprise, each a distinct (period, indicator): consecutive years of one indicator, then the
 * next. 4 years x 10 indicators x 28 industries x 12 districts = 13,440 groups. Values are in
 * cents (printed %.2f, so the CSV parses back to the same double); profit (indicator 3) is
 * negative for some enterprises. Deterministic for a seed.
 *
 * usage: gen_facts DIR [N_ENT [N_FACT [SEED]]]   (defaults 2,400,000 and 10,000,000, seed 1)
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_DISTRICT 12
#define N_INDUSTRY 28
#define N_PERIOD 4
#define N_INDICATOR 10

static uint64_t state;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double unif(void)
{
	return (double)(next() >> 11) * 0x1.0p-53;
}

/* Index drawn from cumulative weights cum[0..n). */
static unsigned draw(const double *cum, unsigned n)
{
	double u = unif() * cum[n - 1];
	unsigned i = 0;
	while (i + 1 < n && u >= cum[i])
		i++;
	return i;
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	(void)snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		(void)fprintf(stderr, "gen_facts: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	static char bufs[8][1 << 16];
	static int used;
	(void)setvbuf(f, bufs[used++ % 8], _IOFBF, sizeof bufs[0]);
	return f;
}

static void put(FILE *f, const void *p, size_t size, size_t n)
{
	if (fwrite(p, size, n, f) != n) {
		(void)fprintf(stderr, "gen_facts: write failed: %s\n", strerror(errno));
		exit(1);
	}
}

static void close_out(FILE *f)
{
	if (fclose(f) != 0) {
		(void)fprintf(stderr, "gen_facts: write failed: %s\n", strerror(errno));
		exit(1);
	}
}

/* Decimal text of a non-negative integer; returns the end. */
static char *put_u(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		(void)fprintf(stderr, "usage: gen_facts DIR [N_ENT [N_FACT [SEED]]]\n");
		return 2;
	}
	const char *dir = argv[1];
	size_t n_ent = argc > 2 ? strtoull(argv[2], NULL, 10) : 2400000;
	size_t n_fact = argc > 3 ? strtoull(argv[3], NULL, 10) : 10000000;
	state = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
	if (n_ent == 0 || n_ent > UINT32_MAX || n_fact > (size_t)UINT32_MAX) {
		(void)fprintf(stderr, "gen_facts: bad sizes\n");
		return 2;
	}

	/* District sizes: Bao'an and Longgang large, Dapeng small (weights, not data). */
	static const double dist_w[N_DISTRICT] = {8, 10, 6, 7, 18, 17, 12, 6, 4, 5, 5, 2};
	double dist_cum[N_DISTRICT], ind_cum[N_DISTRICT][N_INDUSTRY];
	double run = 0;
	for (int d = 0; d < N_DISTRICT; d++)
		dist_cum[d] = run += dist_w[d];
	for (int d = 0; d < N_DISTRICT; d++) {
		run = 0;
		for (int i = 0; i < N_INDUSTRY; i++) {
			double w = 30.0 / (i + 3);                 /* larger and smaller industries */
			if ((i * 7 + d * 5) % 11 < 2)
				w *= 4;                            /* a district's specialities */
			ind_cum[d][i] = run += w;
		}
	}

	uint16_t *dist = malloc(n_ent * sizeof *dist);
	uint32_t *off = malloc((n_ent + 1) * sizeof *off);
	uint16_t *ind = malloc(n_ent * 3 * sizeof *ind);
	double *size = malloc(n_ent * sizeof *size);
	if (!dist || !off || !ind || !size) {
		(void)fprintf(stderr, "gen_facts: out of memory\n");
		return 1;
	}
	FILE *ents = open_out(dir, "ents.csv"), *mems = open_out(dir, "mems.csv");
	(void)fputs("ent,district\n", ents);
	(void)fputs("ent,industry\n", mems);
	size_t n_mem = 0;
	off[0] = 0;
	for (size_t e = 0; e < n_ent; e++) {
		unsigned d = draw(dist_cum, N_DISTRICT);
		dist[e] = (uint16_t)d;
		(void)fprintf(ents, "%zu,%u\n", e, d);
		double u = unif();
		unsigned m = u < 0.25 ? 0 : u < 0.8125 ? 1 : u < 0.9625 ? 2 : 3; /* 75/20/5 % of members */
		for (unsigned k = 0; k < m; k++) {
			unsigned i;
			bool dup;
			do {
				i = draw(ind_cum[d], N_INDUSTRY);
				dup = false;
				for (unsigned j = 0; j < k; j++)
					dup |= ind[n_mem - k + j] == i;
			} while (dup);
			ind[n_mem++] = (uint16_t)i;
			(void)fprintf(mems, "%zu,%u\n", e, i);
		}
		off[e + 1] = (uint32_t)n_mem;
		/* Enterprise size: log-uniform over four orders of magnitude (yuan). */
		size[e] = 1e5 * pow(10, 4 * unif() * unif());
	}
	close_out(ents);
	close_out(mems);

	FILE *fe = open_out(dir, "fact_ent.u32"), *fp = open_out(dir, "fact_period.u16");
	FILE *fk = open_out(dir, "fact_indicator.u8"), *fv = open_out(dir, "fact_value.f64");
	FILE *facts = open_out(dir, "facts.csv");
	(void)fputs("ent,period,indicator,value\n", facts);
	static const double ind_scale[N_INDICATOR] = {1, 3.2, 3.5, 0.3, 0.15, 0.12, 0.0001, 0.8,
	                                              0.00002, 0.4};
	size_t r = 0;
	char line[128];
	for (size_t e = 0; e < n_ent && r < n_fact; e++) {
		size_t end = (size_t)((unsigned __int128)n_fact * (e + 1) / n_ent);
		unsigned base = (unsigned)(next() % (N_PERIOD * N_INDICATOR));
		for (unsigned j = 0; r < end; j++, r++) {
			unsigned combo = (base + j) % (N_PERIOD * N_INDICATOR);
			uint16_t p = (uint16_t)(combo % N_PERIOD);
			uint8_t k = (uint8_t)(combo / N_PERIOD);
			double v = size[e] * ind_scale[k] * pow(1.08, p) * (0.8 + 0.4 * unif());
			if (k == 3 && unif() < 0.15)
				v = -v / 2;                        /* losses */
			long long cents = llround(v * 100);
			double value = (double)cents / 100;
			uint32_t ent = (uint32_t)e;
			put(fe, &ent, sizeof ent, 1);
			put(fp, &p, sizeof p, 1);
			put(fk, &k, sizeof k, 1);
			put(fv, &value, sizeof value, 1);
			char *q = put_u(line, e);
			*q++ = ',';
			*q++ = (char)('0' + p);
			*q++ = ',';
			*q++ = (char)('0' + k);
			*q++ = ',';
			if (cents < 0) {
				*q++ = '-';
				cents = -cents;
			}
			q = put_u(q, (uint64_t)cents / 100);
			*q++ = '.';
			*q++ = (char)('0' + (cents % 100) / 10);
			*q++ = (char)('0' + cents % 10);
			*q++ = '\n';
			put(facts, line, 1, (size_t)(q - line));
		}
	}
	close_out(fe);
	close_out(fp);
	close_out(fk);
	close_out(fv);
	close_out(facts);

	FILE *f = open_out(dir, "ent_district.u16");
	put(f, dist, sizeof *dist, n_ent);
	close_out(f);
	f = open_out(dir, "mem_off.u32");
	put(f, off, sizeof *off, n_ent + 1);
	close_out(f);
	f = open_out(dir, "mem_ind.u16");
	put(f, ind, sizeof *ind, n_mem ? n_mem : 0);
	close_out(f);
	f = open_out(dir, "meta.txt");
	(void)fprintf(f, "%zu %zu %d %d %d %d %zu\n", n_ent, r, N_INDUSTRY, N_DISTRICT, N_PERIOD,
	              N_INDICATOR, n_mem);
	close_out(f);
	free(dist);
	free(off);
	free(ind);
	free(size);
	return 0;
}
