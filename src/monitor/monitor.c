/*
 * monitor.c - the columnar snapshot, the cubes and `jiqun compute`'s figures; see monitor.h.
 *
 * The snapshot is read in three ordered scans (enterprises by id, memberships by enterprise,
 * enterprise values by enterprise then indicator), so enterprises are matched by walking a cursor
 * and each enterprise's series of one indicator arrives as one run of rows: it is converted to
 * period values right there (model/indicator.h) and only period values enter the fact arrays.
 * Period labels are parsed once each (a small hash of labels).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "engine/cube.h"
#include "monitor/monitor_int.h"

/* ---- published series ---- */

static int add_published(void *ctx, const struct store_ind_published *p)
{
	struct pubset *ps = ctx;
	struct period per;
	const char *level = indicator_level(p->level);
	if (level == NULL || !period_parse(p->period, &per))
		return 0;
	bool fresh = ps->n == 0 || ps->s == NULL;
	if (!fresh) {
		const struct pub_series *last = &ps->s[ps->n - 1];
		fresh = strcmp(last->level, level) != 0 || strcmp(last->key, p->key) != 0 ||
		        last->indicator != p->indicator;
	}
	if (fresh) {
		if (ps->s == NULL || ps->n == ps->cap) {
			ps->cap = ps->cap ? 2 * ps->cap + 16 : 16;
			ps->s = xrealloc(ps->s, ps->cap * sizeof *ps->s);
		}
		ps->s[ps->n] = (struct pub_series){.level = level, .indicator = p->indicator};
		(void)snprintf(ps->s[ps->n].key, sizeof ps->s[ps->n].key, "%s", p->key);
		ps->n++;
	}
	struct pub_series *s = &ps->s[ps->n - 1];
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->obs = xrealloc(s->obs, s->cap * sizeof *s->obs);
		s->sources = xrealloc(s->sources, s->cap * sizeof *s->sources);
		s->growth = xrealloc(s->growth, s->cap * sizeof *s->growth);
	}
	s->obs[s->n] = (struct ind_obs){.p = per, .value = p->value, .cumulative = p->cumulative};
	s->sources[s->n] = xstrdup(p->source);
	s->growth[s->n] = p->growth_pct;
	s->n++;
	return 0;
}

enum err_code pubset_load(struct store *st, struct pubset *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_ind_published(st, add_published, out, e);
}

void pubset_free(struct pubset *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		for (size_t j = 0; j < ps->s[i].n; j++)
			free(ps->s[i].sources[j]);
		free(ps->s[i].obs);
		free(ps->s[i].sources);
		free(ps->s[i].growth);
	}
	free(ps->s);
	memset(ps, 0, sizeof *ps);
}

bool pubset_value(const struct pubset *ps, const char *level, const char *key, int indicator,
                  const struct period *t, double *value, double *growth, const char **source)
{
	for (size_t i = 0; i < ps->n; i++) {
		const struct pub_series *s = &ps->s[i];
		if (s->indicator != indicator || strcmp(s->level, level) != 0 || strcmp(s->key, key) != 0)
			continue;
		int exact = -1;
		if (!indicator_period_value(&indicator_defs[indicator], s->obs, s->n, t, value, &exact))
			return false;
		if (growth)
			*growth = exact >= 0 ? s->growth[exact] : NAN;
		if (source) {
			*source = "";
			for (size_t j = 0; j < s->n; j++)
				if (s->obs[j].p.year == t->year) {
					*source = s->sources[exact >= 0 ? (size_t)exact : j];
					break;
				}
		}
		return true;
	}
	return false;
}

double pubset_gdp(const struct pubset *ps, const char *district, const struct period *t)
{
	double v;
	bool city = district == NULL || district[0] == '\0';
	if (pubset_value(ps, city ? "city" : "district", city ? "" : district, IND_GDP, t, &v, NULL,
	                 NULL) && v != 0)
		return v;
	return NAN;
}

/* ---- the snapshot ---- */

#define PERIOD_SLOTS 4096 /* distinct period labels: 200 years of every kind fit */

struct period_slot {
	char label[16];
	struct period p;
	int out;          /* index among the periods with facts, -1 none yet */
};

struct snap {
	const struct programme *p;
	/* enterprises */
	long long *ids;
	uint16_t *district;
	size_t n_ent, cap_ent;
	size_t last_district;
	/* memberships as (enterprise index, industry index) pairs, then CSR */
	uint32_t *pair_ent;
	uint16_t *pair_ind;
	size_t n_pair, cap_pair;
	size_t last_industry;
	uint32_t *mem_off, *cat_off;
	uint16_t *cat_ind;
	/* facts */
	uint32_t *f_ent;
	uint16_t *f_period;
	uint8_t *f_ind;
	double *f_value;
	size_t n_fact, cap_fact, n_rows;
	/* the group of rows being read */
	size_t cursor;   /* enterprise index of the current row */
	long long g_ent;
	int g_ind;
	bool g_found;
	struct ind_obs *obs;
	size_t n_obs, cap_obs;
	/* periods */
	struct period_slot *slots; /* [PERIOD_SLOTS] */
	size_t n_slots;
	int *out_slot;             /* out index -> slot */
	size_t n_out;
	bool overflow;
	/* the 19 periods of a year (12 months, 4 quarters, 2 halves, the year), by year */
	struct {
		int year;
		struct period_slot *of[INDICATOR_YEAR_PERIODS];
	} years[64];
	size_t n_years;
};

static int add_enterprise(void *ctx, long long id, const char *district)
{
	struct snap *s = ctx;
	if (s->n_ent == s->cap_ent) {
		s->cap_ent = s->cap_ent ? 2 * s->cap_ent : 4096;
		s->ids = xrealloc(s->ids, s->cap_ent * sizeof *s->ids);
		s->district = xrealloc(s->district, s->cap_ent * sizeof *s->district);
	}
	uint16_t d = CUBE_NO_DISTRICT;
	const struct programme *p = s->p;
	if (s->last_district < p->n_districts && strcmp(p->districts[s->last_district].id, district) == 0)
		d = (uint16_t)s->last_district;
	for (size_t i = 0; d == CUBE_NO_DISTRICT && i < p->n_districts; i++)
		if (strcmp(p->districts[i].id, district) == 0)
			d = (uint16_t)(s->last_district = i);
	s->ids[s->n_ent] = id;
	s->district[s->n_ent++] = d;
	return 0;
}

/* The index of enterprise `id`, or -1 (binary search over ids in order). */
static long ent_index(const struct snap *s, long long id)
{
	size_t lo = 0, hi = s->n_ent;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_ent && s->ids[lo] == id ? (long)lo : -1;
}

static int add_membership(void *ctx, const struct member_row *m)
{
	struct snap *s = ctx;
	long ei = ent_index(s, m->enterprise);
	const struct programme *p = s->p;
	size_t ii = s->last_industry;
	if (ii >= p->n_industries || strcmp(p->industries[ii].id, m->industry) != 0)
		for (ii = 0; ii < p->n_industries && strcmp(p->industries[ii].id, m->industry) != 0; ii++)
			;
	if (ei < 0 || ii >= p->n_industries)
		return 0;
	s->last_industry = ii;
	if (s->n_pair == s->cap_pair) {
		s->cap_pair = s->cap_pair ? 2 * s->cap_pair : 4096;
		s->pair_ent = xrealloc(s->pair_ent, s->cap_pair * sizeof *s->pair_ent);
		s->pair_ind = xrealloc(s->pair_ind, s->cap_pair * sizeof *s->pair_ind);
	}
	s->pair_ent[s->n_pair] = (uint32_t)ei;
	s->pair_ind[s->n_pair++] = (uint16_t)ii;
	return 0;
}

/* CSR of industries and of categories (each once) per enterprise from the ordered pairs. */
static void build_csr(struct snap *s)
{
	const struct programme *p = s->p;
	s->mem_off = xcalloc(s->n_ent + 1, sizeof *s->mem_off);
	s->cat_off = xcalloc(s->n_ent + 1, sizeof *s->cat_off);
	s->cat_ind = xmalloc((s->n_pair ? s->n_pair : 1) * sizeof *s->cat_ind);
	int *cat_of = xmalloc((p->n_industries ? p->n_industries : 1) * sizeof *cat_of);
	for (size_t i = 0; i < p->n_industries; i++) {
		cat_of[i] = -1;
		for (size_t c = 0; p->industries[i].category && c < p->n_categories; c++)
			if (strcmp(p->categories[c].id, p->industries[i].category) == 0)
				cat_of[i] = (int)c;
	}
	size_t k = 0, n_cat = 0;
	for (size_t e = 0; e < s->n_ent; e++) {
		s->mem_off[e] = (uint32_t)k;
		s->cat_off[e] = (uint32_t)n_cat;
		size_t first_cat = n_cat;
		for (; k < s->n_pair && s->pair_ent[k] == e; k++) {
			int c = cat_of[s->pair_ind[k]];
			bool seen = c < 0;
			for (size_t j = first_cat; j < n_cat && !seen; j++)
				seen = s->cat_ind[j] == c;
			if (!seen)
				s->cat_ind[n_cat++] = (uint16_t)c;
		}
	}
	s->mem_off[s->n_ent] = (uint32_t)k;
	s->cat_off[s->n_ent] = (uint32_t)n_cat;
	free(cat_of);
}

static size_t label_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The slot of a period label, parsed on first sight; NULL when malformed or the table is full. */
static struct period_slot *period_slot(struct snap *s, const char *label)
{
	size_t j = label_hash(label) & (PERIOD_SLOTS - 1);
	while (s->slots[j].label[0]) {
		if (strcmp(s->slots[j].label, label) == 0)
			return s->slots[j].out == -2 ? NULL : &s->slots[j];
		j = (j + 1) & (PERIOD_SLOTS - 1);
	}
	if (strlen(label) >= sizeof s->slots[j].label || 2 * (s->n_slots + 1) > PERIOD_SLOTS) {
		s->overflow = true;
		return NULL;
	}
	struct period_slot *sl = &s->slots[j];
	(void)snprintf(sl->label, sizeof sl->label, "%s", label);
	sl->out = period_parse(label, &sl->p) ? -1 : -2;
	s->n_slots++;
	return sl->out == -2 ? NULL : sl;
}

static void add_fact(struct snap *s, uint32_t ent, struct period_slot *sl, int ind, double v)
{
	if (sl->out < 0) {
		s->out_slot = xrealloc(s->out_slot, (s->n_out + 1) * sizeof *s->out_slot);
		s->out_slot[s->n_out] = (int)(sl - s->slots);
		sl->out = (int)s->n_out++;
	}
	if (s->n_fact == s->cap_fact) {
		s->cap_fact = s->cap_fact ? 2 * s->cap_fact : 65536;
		s->f_ent = xrealloc(s->f_ent, s->cap_fact * sizeof *s->f_ent);
		s->f_period = xrealloc(s->f_period, s->cap_fact * sizeof *s->f_period);
		s->f_ind = xrealloc(s->f_ind, s->cap_fact * sizeof *s->f_ind);
		s->f_value = xrealloc(s->f_value, s->cap_fact * sizeof *s->f_value);
	}
	s->f_ent[s->n_fact] = ent;
	s->f_period[s->n_fact] = (uint16_t)sl->out;
	s->f_ind[s->n_fact] = (uint8_t)ind;
	s->f_value[s->n_fact++] = v;
}

/* The slots of the periods of year y in indicator_year_values' order, looked up once per year;
 * NULL when there are too many years. */
static struct period_slot *const *year_slots(struct snap *s, int y)
{
	static const char *const suffix[INDICATOR_YEAR_PERIODS] = {"-01", "-02", "-03", "-04", "-05", "-06", "-07",
	                                       "-08", "-09", "-10", "-11", "-12", "Q1", "Q2", "Q3",
	                                       "Q4", "H1", "H2", ""};
	for (size_t i = 0; i < s->n_years; i++)
		if (s->years[i].year == y)
			return s->years[i].of;
	if (s->n_years == sizeof s->years / sizeof *s->years)
		return NULL;
	s->years[s->n_years].year = y;
	for (size_t k = 0; k < INDICATOR_YEAR_PERIODS; k++) {
		char label[16];
		(void)snprintf(label, sizeof label, "%04d%s", y % 10000, suffix[k]);
		s->years[s->n_years].of[k] = period_slot(s, label);
	}
	return s->years[s->n_years++].of;
}

/* The current group (one enterprise, one indicator) to period values of every period of its years. */
static void flush_group(struct snap *s)
{
	if (!s->g_found || s->n_obs == 0) {
		s->n_obs = 0;
		return;
	}
	int done_years[8];
	size_t n_done = 0;
	for (size_t i = 0; i < s->n_obs; i++) {
		int y = s->obs[i].p.year;
		bool seen = false;
		for (size_t j = 0; j < n_done && !seen; j++)
			seen = done_years[j] == y;
		if (seen)
			continue;
		if (n_done < sizeof done_years / sizeof *done_years)
			done_years[n_done++] = y;
		struct period_slot *const *of = year_slots(s, y);
		double v[INDICATOR_YEAR_PERIODS];
		bool have[INDICATOR_YEAR_PERIODS];
		if (of == NULL)
			continue;
		indicator_year_values(&indicator_defs[s->g_ind], s->obs, s->n_obs, y, v, have);
		for (size_t k = 0; k < INDICATOR_YEAR_PERIODS; k++)
			if (of[k] && have[k])
				add_fact(s, (uint32_t)s->cursor, of[k], s->g_ind, v[k]);
	}
	s->n_obs = 0;
}

static int add_row(void *ctx, const struct store_ind_fact *f)
{
	struct snap *s = ctx;
	s->n_rows++;
	if (f->enterprise != s->g_ent || f->indicator != s->g_ind) {
		flush_group(s);
		s->g_ent = f->enterprise;
		s->g_ind = f->indicator;
		while (s->cursor < s->n_ent && s->ids[s->cursor] < f->enterprise)
			s->cursor++;
		s->g_found = f->indicator >= 0 && s->cursor < s->n_ent && s->ids[s->cursor] == f->enterprise;
	}
	if (!s->g_found)
		return 0;
	struct period_slot *sl = period_slot(s, f->period);
	if (sl == NULL)
		return 0;
	if (s->n_obs == s->cap_obs) {
		s->cap_obs = s->cap_obs ? 2 * s->cap_obs : 64;
		s->obs = xrealloc(s->obs, s->cap_obs * sizeof *s->obs);
	}
	s->obs[s->n_obs++] = (struct ind_obs){.p = sl->p, .value = f->value, .cumulative = f->cumulative};
	return 0;
}

static void snap_free(struct snap *s)
{
	free(s->ids);
	free(s->district);
	free(s->pair_ent);
	free(s->pair_ind);
	free(s->mem_off);
	free(s->cat_off);
	free(s->cat_ind);
	free(s->f_ent);
	free(s->f_period);
	free(s->f_ind);
	free(s->f_value);
	free(s->obs);
	free(s->slots);
	free(s->out_slot);
}

static enum err_code snap_load(struct store *st, const struct programme *p, struct snap *s,
                               struct err *e)
{
	memset(s, 0, sizeof *s);
	s->p = p;
	s->g_ent = -1;
	s->g_ind = -1;
	s->slots = xcalloc(PERIOD_SLOTS, sizeof *s->slots);
	enum err_code rc = store_ind_enterprises(st, add_enterprise, s, e);
	if (rc == ERR_OK)
		rc = store_members_scan(st, -1, add_membership, s, e);
	if (rc == ERR_OK) {
		build_csr(s);
		rc = store_ind_facts(st, add_row, s, e);
	}
	if (rc == ERR_OK) {
		flush_group(s);
		if (s->n_out > UINT16_MAX)
			rc = err_set(e, ERR_INVALID, "too many periods (%zu)", s->n_out);
	}
	return rc;
}

static int active_version(void *ctx, const struct rule_set_info *info)
{
	if (info->active)
		*(int *)ctx = info->version;
	return 0;
}

/* ---- figures ---- */

struct rows {
	struct store_ind_computed *r;
	size_t n, cap;
};

static void push(struct rows *rs, const struct store_ind_computed *c)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 1024;
		rs->r = xrealloc(rs->r, rs->cap * sizeof *rs->r);
	}
	rs->r[rs->n++] = *c;
}

/* Add the row for one cube cell when it has a value. */
static void emit(struct rows *rs, const struct cube_cell *cell, const char *period, int ind,
                 const char *level, const char *key, const char *district, double gdp)
{
	if (cell->n_ent == 0 || isnan(cell->value))
		return;
	struct store_ind_computed c = {
		.period = period, .level = level, .key = key, .district = district, .indicator = ind,
		.value = cell->value, .growth_pct = cell->growth_pct, .share_pct = cell->share_pct,
		.share_gdp_pct = ind != IND_GDP && !isnan(gdp) ? cell->value / gdp * 100 : NAN,
		.lq = cell->lq, .contribution_pp = cell->contribution_pp, .n_ent = cell->n_ent,
		.strong = cell->strong};
	push(rs, &c);
}

/* The table's key order (period, indicator id, level, key, district): inserts then append. */
static int cmp_row(const void *x, const void *y)
{
	const struct store_ind_computed *a = x, *b = y;
	int c = strcmp(a->period, b->period);
	if (c == 0)
		c = strcmp(indicator_defs[a->indicator].id, indicator_defs[b->indicator].id);
	if (c == 0)
		c = strcmp(a->level, b->level);
	if (c == 0)
		c = strcmp(a->key, b->key);
	return c ? c : strcmp(a->district, b->district);
}

static double now_ms(void)
{
	struct timespec ts;
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

enum err_code monitor_compute(struct store *st, const struct programme *p, int n_threads,
                              struct monitor_compute_stats *out, struct err *e)
{
	struct snap s;
	struct pubset ps = {0};
	struct cube *ic = NULL, *cc = NULL;
	struct rows rs = {0};
	int32_t *prev = NULL;
	memset(out, 0, sizeof *out);
	out->rule_set = -1;
	double t0 = now_ms();
	enum err_code rc = snap_load(st, p, &s, e);
	if (rc == ERR_OK)
		rc = store_rules_list(st, active_version, &out->rule_set, e);
	if (rc == ERR_OK)
		rc = pubset_load(st, &ps, e);
	double t1 = now_ms();
	out->n_ent = s.n_ent;
	out->n_memberships = s.n_pair;
	out->n_fact_rows = s.n_rows;
	out->n_facts = s.n_fact;
	out->n_periods = s.n_out;
	if (rc == ERR_OK) {
		prev = xmalloc((s.n_out ? s.n_out : 1) * sizeof *prev);
		for (size_t i = 0; i < s.n_out; i++) {
			struct period earlier;
			struct period_slot *sl = NULL;
			if (period_year_earlier(&s.slots[s.out_slot[i]].p, &earlier))
				sl = period_slot(&s, earlier.label);
			prev[i] = sl && sl->out >= 0 ? sl->out : -1;
		}
		struct cube_input in = {
			.n_ent = s.n_ent, .n_industry = p->n_industries, .n_district = p->n_districts,
			.n_period = s.n_out, .n_indicator = INDICATOR_COUNT, .ent_district = s.district,
			.mem_off = s.mem_off, .mem_ind = s.pair_ind, .n_fact = s.n_fact, .fact_ent = s.f_ent,
			.fact_period = s.f_period, .fact_indicator = s.f_ind, .fact_value = s.f_value,
			.period_prev = prev, .n_threads = n_threads};
		rc = cube_build(&in, &ic, e);
		in.n_industry = p->n_categories;
		in.mem_off = s.cat_off;
		in.mem_ind = s.cat_ind;
		if (rc == ERR_OK)
			rc = cube_build(&in, &cc, e);
	}
	double t2 = now_ms();
	for (size_t pi = 0; rc == ERR_OK && pi < s.n_out; pi++) {
		const struct period *per = &s.slots[s.out_slot[pi]].p;
		const char *label = s.slots[s.out_slot[pi]].label;
		for (unsigned k = 0; k < INDICATOR_COUNT; k++) {
			struct cube_cell cell;
			double city_gdp = pubset_gdp(&ps, NULL, per);
			for (size_t d = 0; d <= p->n_districts; d++) {
				bool all = d == p->n_districts;
				unsigned dd = all ? CUBE_ALL : (unsigned)d;
				const char *did = all ? "" : p->districts[d].id;
				double gdp = all ? city_gdp : pubset_gdp(&ps, did, per);
				cube_get(ic, (unsigned)pi, k, CUBE_ECONOMY, dd, &cell);
				cell.share_pct = NAN; /* the economy is not a share of the programme */
				emit(&rs, &cell, label, (int)k, all ? "city" : "district", did, did, gdp);
				cube_get(ic, (unsigned)pi, k, CUBE_PROGRAMME, dd, &cell);
				emit(&rs, &cell, label, (int)k, "programme", "", did, gdp);
				struct cube_cell prog = cell;
				for (size_t i = 0; i < p->n_industries; i++) {
					cube_get(ic, (unsigned)pi, k, (unsigned)i, dd, &cell);
					emit(&rs, &cell, label, (int)k, "industry", p->industries[i].id, did, gdp);
				}
				for (size_t c = 0; c < p->n_categories; c++) {
					cube_get(cc, (unsigned)pi, k, (unsigned)c, dd, &cell);
					/* Shares and contributions against the whole programme, not the categorised part. */
					cell.share_pct = prog.n_ent && prog.value != 0 ? cell.value / prog.value * 100 : NAN;
					cell.contribution_pp = !isnan(cell.prev) && !isnan(prog.prev) && prog.prev != 0
					                           ? (cell.value - cell.prev) / prog.prev * 100
					                           : NAN;
					emit(&rs, &cell, label, (int)k, "category", p->categories[c].id, did, gdp);
				}
			}
		}
	}
	if (rc == ERR_OK && rs.n > 1)
		qsort(rs.r, rs.n, sizeof *rs.r, cmp_row);
	if (rc == ERR_OK)
		rc = store_ind_computed_replace(st, rs.r, rs.n, out->rule_set, e);
	double t3 = now_ms();
	out->n_figures = rs.n;
	out->ms_load = t1 - t0;
	out->ms_cube = t2 - t1;
	out->ms_write = t3 - t2;
	free(rs.r);
	free(prev);
	cube_free(ic);
	cube_free(cc);
	pubset_free(&ps);
	snap_free(&s);
	return rc;
}
