/*
 * classify.c - the classification benchmark's own side (bench/classify.sh runs the baselines):
 * classifies every line of a text file with engine/classify.h, on 1 and on 2 threads (the input
 * split in two halves), and prints MB/s (10^6 bytes of text per second). Then it scans the same
 * text again with the engine's matcher (classify_normalize + ac_scan over the keyword file) to
 * produce the answers the baselines are checked against:
 *   overlapping = every keyword occurrence, overlapping ones included (python3-ahocorasick);
 *   leftmost_longest = the leftmost-longest non-overlapping matches of each line, which is what
 *     `grep -F -o` prints (derived from the complete set of occurrences);
 *   sample_pairs = distinct (line, keyword) pairs in the first SAMPLE lines (SQLite instr).
 *
 * usage: classify RULES.tsv TEXT CODES KEYWORDS SAMPLE
 * prints key=value lines for classify.sh and a human summary on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/ac.h"
#include "engine/classify.h"

static void die(const char *what, const char *path)
{
	(void)fprintf(stderr, "bench/classify: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

struct file {
	const char *p;
	size_t len;
};

static struct file map_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0)
		die("cannot open", path);
	struct file f = {NULL, (size_t)st.st_size};
	if (f.len) {
		void *m = mmap(NULL, f.len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (m == MAP_FAILED)
			die("cannot map", path);
		f.p = m;
	}
	(void)close(fd);
	return f;
}

/* Line i is lines[i] .. lines[i + 1] - 1 (without its newline). */
static size_t *split_lines(struct file f, size_t *n_out)
{
	size_t n = 0, cap = 1 << 20;
	size_t *lines = malloc(cap * sizeof *lines);
	if (lines == NULL)
		exit(1);
	lines[0] = 0;
	for (const char *p = f.p, *end = f.p + f.len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
		if (n + 2 >= cap) {
			cap *= 2;
			lines = realloc(lines, cap * sizeof *lines);
			if (lines == NULL)
				exit(1);
		}
		lines[++n] = (size_t)(p - f.p);
	}
	*n_out = n;
	return lines;
}

static double now(void)
{
	struct timespec ts;
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const struct file *text;
static const size_t *lines;
static const struct file *codes_f;
static const size_t *code_lines;
static const struct classifier *clf;
static const struct ac *kw_ac;
static size_t n_lines, sample;

/* ---- run A: classify_one over a range of lines ---- */

struct job {
	size_t from, to;
	uint64_t memberships, members, bytes;
	/* run B */
	uint64_t overlapping, leftmost, pairs;
};

static size_t line_len(size_t i)
{
	size_t len = lines[i + 1] - lines[i];
	return len && text->p[lines[i] + len - 1] == '\n' ? len - 1 : len;
}

static void *run_classify(void *arg)
{
	struct job *j = arg;
	struct classify_scratch *s = classify_scratch_new(clf);
	struct membership m[64];
	for (size_t i = j->from; i < j->to; i++) {
		char code[8] = "";
		size_t cl = code_lines[i + 1] - code_lines[i];
		if (cl > 1 && cl < sizeof code) {
			memcpy(code, codes_f->p + code_lines[i], cl - 1);
			code[cl - 1] = '\0';
		}
		size_t len = line_len(i);
		size_t k = classify_one(clf, s, code, text->p + lines[i], len, m, 64);
		j->memberships += k;
		j->members += k > 0;
		j->bytes += lines[i + 1] - lines[i];
	}
	classify_scratch_free(s);
	return NULL;
}

/* ---- run B: the answers the baselines are checked against ---- */

struct occ {
	uint32_t id, start, end;
};

struct occs {
	struct occ *v;
	size_t n, cap;
};

static bool on_occ(void *ctx, uint32_t id, size_t start, size_t end)
{
	struct occs *o = ctx;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->v = realloc(o->v, o->cap * sizeof *o->v);
		if (o->v == NULL)
			exit(1);
	}
	o->v[o->n++] = (struct occ){id, (uint32_t)start, (uint32_t)end};
	return true;
}

static int cmp_start_longest(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end < y->end) - (x->end > y->end);
}

static int cmp_id(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static void *run_check(void *arg)
{
	struct job *j = arg;
	struct occs o = {0};
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	if (buf == NULL)
		exit(1);
	for (size_t i = j->from; i < j->to; i++) {
		size_t len = line_len(i);
		size_t need = classify_normalize(text->p + lines[i], len, buf, cap);
		if (need >= cap) {
			(void)fprintf(stderr, "bench/classify: line %zu too long\n", i + 1);
			exit(1);
		}
		o.n = 0;
		j->overlapping += ac_scan(kw_ac, buf, need, on_occ, &o);
		if (o.n == 0)
			continue;
		/* grep -o: leftmost match, the longest there, then on after its end. */
		qsort(o.v, o.n, sizeof *o.v, cmp_start_longest);
		uint32_t pos = 0;
		for (size_t k = 0; k < o.n; k++)
			if (o.v[k].start >= pos) {
				j->leftmost++;
				pos = o.v[k].end;
			}
		if (i < sample) {
			qsort(o.v, o.n, sizeof *o.v, cmp_id);
			for (size_t k = 0; k < o.n; k++)
				j->pairs += k == 0 || o.v[k].id != o.v[k - 1].id;
		}
	}
	free(o.v);
	free(buf);
	return NULL;
}

/* CPU seconds this process has used (all threads). */
static double cpu_now(void)
{
	struct rusage ru;
	(void)getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* Run fn on `threads` threads over halves of the lines (split by bytes); seconds taken, and in
 * *cpu the CPU seconds. */
static double run(void *(*fn)(void *), int threads, struct job *total, double *cpu)
{
	struct job jobs[2] = {{0}};
	pthread_t t[2];
	size_t mid = 0;
	while (mid < n_lines && lines[mid] < text->len / 2)
		mid++;
	jobs[0].from = 0;
	jobs[0].to = threads == 2 ? mid : n_lines;
	jobs[1].from = mid;
	jobs[1].to = n_lines;
	double t0 = now(), c0 = cpu_now();
	for (int i = 0; i < threads; i++)
		if (pthread_create(&t[i], NULL, fn, &jobs[i]) != 0) {
			(void)fprintf(stderr, "bench/classify: cannot start a thread\n");
			exit(1);
		}
	for (int i = 0; i < threads; i++)
		(void)pthread_join(t[i], NULL);
	double sec = now() - t0;
	*cpu = cpu_now() - c0;
	*total = (struct job){0};
	for (int i = 0; i < threads; i++) {
		total->memberships += jobs[i].memberships;
		total->members += jobs[i].members;
		total->bytes += jobs[i].bytes;
		total->overlapping += jobs[i].overlapping;
		total->leftmost += jobs[i].leftmost;
		total->pairs += jobs[i].pairs;
	}
	return sec;
}

/* rules.tsv: id, industry, kind, value, partial. */
static struct rule *load_rules(const char *path, size_t *n_out, unsigned *n_ind)
{
	struct file f = map_file(path);
	size_t n = 0, cap = 8192;
	struct rule *r = calloc(cap, sizeof *r);
	char *copy = malloc(f.len + 1);
	if (r == NULL || copy == NULL)
		exit(1);
	memcpy(copy, f.p, f.len);
	copy[f.len] = '\0';
	*n_ind = 0;
	for (char *line = copy, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		char *fld[5];
		int k = 0;
		for (char *p = line; k < 5; k++) {
			fld[k] = p;
			p = strchr(p, '\t');
			if (p == NULL) {
				k++;
				break;
			}
			*p++ = '\0';
		}
		if (k != 5) {
			(void)fprintf(stderr, "bench/classify: %s line %zu: 5 fields expected\n", path, n + 1);
			exit(1);
		}
		if (n == cap) {
			cap *= 2;
			r = realloc(r, cap * sizeof *r);
			if (r == NULL)
				exit(1);
		}
		r[n].id = (uint32_t)strtoul(fld[0], NULL, 10);
		r[n].industry = (unsigned)strtoul(fld[1], NULL, 10);
		r[n].kind = strcmp(fld[2], "class") == 0   ? RULE_CLASS
		            : strcmp(fld[2], "keyword") == 0 ? RULE_KEYWORD
		                                              : RULE_EXCLUDE;
		r[n].code = r[n].kind == RULE_CLASS ? fld[3] : NULL;
		r[n].text = r[n].kind == RULE_CLASS ? NULL : fld[3];
		r[n].partial = fld[4][0] == '1';
		if (r[n].industry + 1 > *n_ind)
			*n_ind = r[n].industry + 1;
		n++;
	}
	*n_out = n;
	return r; /* the strings point into `copy`, kept for the run */
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		(void)fprintf(stderr, "usage: classify RULES.tsv TEXT CODES KEYWORDS SAMPLE\n");
		return 2;
	}
	sample = strtoul(argv[5], NULL, 10);
	size_t n_rules;
	unsigned n_ind;
	struct rule *rules = load_rules(argv[1], &n_rules, &n_ind);
	struct err e = {0};
	struct classifier *c = NULL;
	double t0 = now();
	if (classify_build(rules, n_rules, n_ind, &c, &e) != ERR_OK) {
		(void)fprintf(stderr, "bench/classify: %s\n", e.msg);
		return 1;
	}
	double build_sec = now() - t0;
	clf = c;

	/* The keyword file as one automaton of its own, for the checks. */
	struct file kf = map_file(argv[4]);
	size_t n_kw;
	size_t *kl = split_lines(kf, &n_kw);
	struct ac_pattern *pats = calloc(n_kw + 1, sizeof *pats);
	char *norm = malloc(kf.len * 4 + 16);
	if (pats == NULL || norm == NULL)
		return 1;
	size_t used = 0, np = 0;
	for (size_t i = 0; i < n_kw; i++) {
		size_t len = kl[i + 1] - kl[i];
		if (len && kf.p[kl[i] + len - 1] == '\n')
			len--;
		if (len == 0)
			continue;
		size_t k = classify_normalize(kf.p + kl[i], len, norm + used, kf.len * 4 + 16 - used);
		pats[np].text = norm + used;
		pats[np].len = k;
		pats[np].id = (uint32_t)i;
		np++;
		used += k + 1;
	}
	struct ac *a = NULL;
	if (ac_build(pats, np, NULL, &a, &e) != ERR_OK) {
		(void)fprintf(stderr, "bench/classify: %s: %s\n", argv[4], e.msg);
		return 1;
	}
	kw_ac = a;
	struct ac_stats st;
	ac_get_stats(a, &st);

	struct file tf = map_file(argv[2]), cf = map_file(argv[3]);
	text = &tf;
	codes_f = &cf;
	size_t n_codes;
	lines = split_lines(tf, &n_lines);
	code_lines = split_lines(cf, &n_codes);
	if (n_codes != n_lines) {
		(void)fprintf(stderr, "bench/classify: %zu codes for %zu lines\n", n_codes, n_lines);
		return 1;
	}

	struct job r1, r2, chk;
	double c1, c2, cc;
	double s1 = run(run_classify, 1, &r1, &c1);
	double s2 = run(run_classify, 2, &r2, &c2);
	double sc = run(run_check, 2, &chk, &cc);
	if (r1.memberships != r2.memberships || r1.members != r2.members) {
		(void)fprintf(stderr, "bench/classify: 1 and 2 threads disagree\n");
		return 1;
	}
	double mb = (double)tf.len / 1e6;
	(void)printf("lines=%zu\nbytes=%zu\nbuild_sec=%.3f\n", n_lines, tf.len, build_sec);
	(void)printf("states=%zu\nalphabet=%zu\nslots=%zu\ntable_bytes=%zu\n", st.states, st.alphabet, st.slots, st.bytes);
	(void)printf("classify_1t_sec=%.3f\nclassify_1t_mbs=%.1f\n", s1, mb / s1);
	(void)printf("classify_2t_sec=%.3f\nclassify_2t_mbs=%.1f\n", s2, mb / s2);
	(void)printf("classify_cpu_sec=%.3f\nclassify_mb_per_cpu_sec=%.1f\n", c2, mb / c2);
	(void)printf("memberships=%llu\nmembers=%llu\n", (unsigned long long)r2.memberships,
	             (unsigned long long)r2.members);
	(void)printf("check_2t_sec=%.3f\ncheck_2t_mbs=%.1f\ncheck_cpu_sec=%.3f\n", sc, mb / sc, cc);
	(void)c1;
	(void)printf("overlapping=%llu\nleftmost_longest=%llu\nsample_pairs=%llu\n",
	             (unsigned long long)chk.overlapping, (unsigned long long)chk.leftmost,
	             (unsigned long long)chk.pairs);
	ac_free(a);
	classify_free(c);
	return 0;
}
