/*
 * cube.c (bench) - loads the columnar arrays written by bench/gen_facts.c and builds the cube
 * (src/engine/cube.c) on them, as `jiqun compute` would from its snapshot. Prints "key value"
 * lines for bench/cube.sh: build seconds (best and median of REPS, 2 threads, and 1 thread),
 * the same with the facts shuffled (the counting-sort path), peak memory of the process after the
 * ordered runs, and writes every industry x district cell to OUT.csv for checking against the
 * baselines: industry,district,period,indicator,sum,count.
 *
 * usage: bench_cube DIR OUT.csv [REPS]
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/cube.h"

static void *load(const char *dir, const char *name, size_t size, size_t n)
{
	char path[4096];
	(void)snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	void *p = malloc(n ? n * size : 1);
	if (!f || !p || fread(p, size, n, f) != n) {
		(void)fprintf(stderr, "bench_cube: cannot read %s: %s\n", path, strerror(errno));
		exit(1);
	}
	(void)fclose(f);
	return p;
}

static double clock_s(clockid_t id)
{
	struct timespec t;
	(void)clock_gettime(id, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/* Peak resident set of this process in KiB (VmHWM). */
static long peak_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	if (f)
		(void)fclose(f);
	return kib;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Build REPS times; *best and *median in seconds, *cpu the least CPU time of the process (all
 * threads) of a build; returns the last cube. */
static struct cube *timed(const struct cube_input *in, int reps, double *best, double *median,
                          double *cpu)
{
	double t[64];
	*cpu = INFINITY;
	struct cube *c = NULL;
	for (int r = 0; r < reps; r++) {
		cube_free(c);
		struct err e = {0};
		double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
		if (cube_build(in, &c, &e) != ERR_OK) {
			(void)fprintf(stderr, "bench_cube: %s\n", e.msg);
			exit(1);
		}
		t[r] = now() - t0;
		*cpu = fmin(*cpu, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0);
	}
	qsort(t, (size_t)reps, sizeof t[0], cmp_double);
	*best = t[0];
	*median = t[reps / 2];
	return c;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		(void)fprintf(stderr, "usage: bench_cube DIR OUT.csv [REPS]\n");
		return 2;
	}
	const char *dir = argv[1];
	int reps = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 5;
	if (reps < 1 || reps > 64)
		reps = 5;
	size_t n_ent, n_fact, n_ind, n_dist, n_per, n_k, n_mem;
	char path[4096];
	(void)snprintf(path, sizeof path, "%s/meta.txt", dir);
	FILE *m = fopen(path, "r");
	if (!m || fscanf(m, "%zu %zu %zu %zu %zu %zu %zu", &n_ent, &n_fact, &n_ind, &n_dist, &n_per,
	                 &n_k, &n_mem) != 7) {
		(void)fprintf(stderr, "bench_cube: cannot read %s\n", path);
		return 1;
	}
	(void)fclose(m);
	int32_t prev[256];
	for (size_t p = 0; p < n_per && p < 256; p++)
		prev[p] = (int32_t)p - 1; /* consecutive years */
	struct cube_input in = {
		.n_ent = n_ent, .n_industry = n_ind, .n_district = n_dist, .n_period = n_per,
		.n_indicator = n_k, .n_fact = n_fact, .period_prev = prev, .n_threads = 2,
		.ent_district = load(dir, "ent_district.u16", 2, n_ent),
		.mem_off = load(dir, "mem_off.u32", 4, n_ent + 1),
		.mem_ind = load(dir, "mem_ind.u16", 2, n_mem),
		.fact_ent = load(dir, "fact_ent.u32", 4, n_fact),
		.fact_period = load(dir, "fact_period.u16", 2, n_fact),
		.fact_indicator = load(dir, "fact_indicator.u8", 1, n_fact),
		.fact_value = load(dir, "fact_value.f64", 8, n_fact),
	};
	double best, median, best1, median1, cpu, cpu1;
	in.n_threads = 1;
	cube_free(timed(&in, reps, &best1, &median1, &cpu1));
	in.n_threads = 2;
	struct cube *c = timed(&in, reps, &best, &median, &cpu);
	long kib = peak_kib();
	printf("facts %zu\nenterprises %zu\nmemberships %zu\n", n_fact, n_ent, n_mem);
	printf("cube_best_s %.4f\ncube_median_s %.4f\n", best, median);
	printf("cube_1thread_best_s %.4f\ncube_1thread_median_s %.4f\n", best1, median1);
	printf("cube_cpu_s %.4f\ncube_1thread_cpu_s %.4f\n", cpu, cpu1);
	printf("cube_peak_kib %ld\n", kib);

	FILE *out = fopen(argv[2], "w");
	if (!out) {
		(void)fprintf(stderr, "bench_cube: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	size_t strong = 0;
	for (unsigned p = 0; p < n_per; p++)
		for (unsigned k = 0; k < n_k; k++)
			for (unsigned i = 0; i < n_ind; i++)
				for (unsigned d = 0; d < n_dist; d++) {
					struct cube_cell x;
					cube_get(c, p, k, i, d, &x);
					strong += x.strong;
					if (x.n_ent)
						(void)fprintf(out, "%u,%u,%u,%u,%.17g,%ld\n", i, d, p, k, x.value,
						              x.n_ent);
				}
	if (fclose(out) != 0)
		return 1;
	double s, prog;
	cube_overlap(c, (unsigned)n_per - 1, 0, &s, &prog);
	struct cube_cell tot;
	cube_get(c, (unsigned)n_per - 1, 0, CUBE_PROGRAMME, CUBE_ALL, &tot);
	printf("last_period_indicator0_sum_of_industries %.2f\nlast_period_indicator0_programme %.2f\n"
	       "programme_growth_pct %.3f\nstrong_cells %zu\n", s, prog, tot.growth_pct, strong);

	if (getenv("BENCH_CUBE_NO_SHUFFLE"))
		return 0;
	/* The same facts in random order: the counting-sort path. */
	uint64_t st = 42;
	uint32_t *fe = (uint32_t *)in.fact_ent;
	uint16_t *fp = (uint16_t *)in.fact_period;
	uint8_t *fk = (uint8_t *)in.fact_indicator;
	double *fv = (double *)in.fact_value;
	for (size_t r = n_fact; r > 1; r--) {
		st = st * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t j = (size_t)((st >> 17) % r);
		uint32_t a = fe[r - 1]; fe[r - 1] = fe[j]; fe[j] = a;
		uint16_t b = fp[r - 1]; fp[r - 1] = fp[j]; fp[j] = b;
		uint8_t k = fk[r - 1]; fk[r - 1] = fk[j]; fk[j] = k;
		double v = fv[r - 1]; fv[r - 1] = fv[j]; fv[j] = v;
	}
	struct cube *c2 = timed(&in, reps, &best, &median, &cpu);
	struct cube_cell a, b;
	cube_get(c, (unsigned)n_per - 1, 0, CUBE_PROGRAMME, CUBE_ALL, &a);
	cube_get(c2, (unsigned)n_per - 1, 0, CUBE_PROGRAMME, CUBE_ALL, &b);
	if (a.n_ent != b.n_ent || fabs(a.value - b.value) > 1e-9 * fabs(a.value)) {
		(void)fprintf(stderr, "bench_cube: shuffled facts give another programme total\n");
		return 1;
	}
	printf("cube_peak_end_kib %ld\n", peak_kib());
	printf("cube_shuffled_best_s %.4f\ncube_shuffled_median_s %.4f\ncube_shuffled_cpu_s %.4f\n", best, median, cpu);
	cube_free(c);
	cube_free(c2);
	free((void *)in.ent_district);
	free((void *)in.mem_off);
	free((void *)in.mem_ind);
	free(fe);
	free(fp);
	free(fk);
	free(fv);
	return 0;
}
