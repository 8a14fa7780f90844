/*
 * demo.c - the demo generator's frame: its PRNG (splitmix64, so a seed gives the same data on every
 * platform), days, names, credit codes, rows of typed cells written through the import's
 * validation, the deliberate gaps, and demo_generate, which runs the parts in one transaction.
 */
#include "demo/demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "demo/demo_int.h"

const struct demo_gap demo_gaps[] = {
	{"orgs", "基金", "modern-fashion"},
	{"orgs", "基金", "digital-creative"},
	{"orgs", "基金", "marine"},
	{"orgs", "基金", "deep-earth-sea"},
	{"orgs", "咨询机构", "safety-energy-saving-env"},
	{"orgs", "咨询机构", "big-health"},
	{"orgs", "咨询机构", "blockchain"},
	{"orgs", "咨询机构", "brain-science"},
	{"orgs", "咨询机构", "vlc-optical-computing"},
	{"orgs", "展会", "synthetic-biology"},
	{"orgs", "展会", "blockchain"},
	{"orgs", "展会", "cell-gene"},
	{"orgs", "展会", "brain-science"},
	{"orgs", "展会", "deep-earth-sea"},
	{"orgs", "展会", "vlc-optical-computing"},
	{"leads", NULL, "modern-fashion"},
	{"leads", NULL, "safety-energy-saving-env"},
	{"leads", NULL, "big-health"},
	{"platforms", NULL, "digital-creative"},
	{"platforms", NULL, "marine"},
	{"projects", NULL, "brain-science"},
	{"projects", NULL, "deep-earth-sea"},
	{"projects", NULL, "vlc-optical-computing"},
	{NULL, NULL, NULL},
};

bool demo_is_gap(const char *list, const char *kind, const char *industry)
{
	for (size_t i = 0; demo_gaps[i].list; i++) {
		const struct demo_gap *g = &demo_gaps[i];
		if (strcmp(g->list, list) != 0 || strcmp(g->industry, industry) != 0)
			continue;
		if (g->kind == NULL || (kind && strcmp(g->kind, kind) == 0))
			return true;
	}
	return false;
}

/* ---- PRNG and choices ---- */

uint64_t demo_stream_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

double demo_stream_unit(uint64_t *state)
{
	return (double)(demo_stream_next(state) >> 11) / 9007199254740992.0;
}

uint64_t demo_rng(struct demo_gen *g)
{
	return demo_stream_next(&g->rng);
}

size_t demo_below(struct demo_gen *g, size_t n)
{
	return n ? (size_t)(demo_rng(g) % n) : 0;
}

long demo_range(struct demo_gen *g, long lo, long hi)
{
	return hi <= lo ? lo : lo + (long)demo_below(g, (size_t)(hi - lo) + 1);
}

double demo_unit(struct demo_gen *g)
{
	return demo_stream_unit(&g->rng);
}

bool demo_chance(struct demo_gen *g, double pct)
{
	return demo_unit(g) * 100.0 < pct;
}

size_t demo_count(const char *const *arr, size_t cap)
{
	size_t n = 0;
	while (n < cap && arr[n])
		n++;
	return n;
}

const char *demo_pick(struct demo_gen *g, const char *const *arr, size_t cap)
{
	size_t n = demo_count(arr, cap);
	return n ? arr[demo_below(g, n)] : "";
}

void demo_shuffle(struct demo_gen *g, size_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = demo_below(g, i);
		size_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* ---- days (proleptic Gregorian, days since 1970-01-01) ---- */

long demo_day(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void demo_day_text(long day, char out[16])
{
	long z = day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	unsigned yy = (unsigned)(y + (m <= 2)) % 10000u;
	unsigned mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
	(void)snprintf(out, 16, "%04u-%02u-%02u", yy, mm, dd);
}

long demo_day_parse(const char *ymd)
{
	int y = 0, m = 0, d = 0;
	for (int i = 0; i < 4; i++)
		y = y * 10 + (ymd[i] - '0');
	m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
	d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
	return demo_day(y, m, d);
}

long demo_day_between(struct demo_gen *g, long lo, long hi)
{
	return demo_range(g, lo, hi);
}

/* ---- names and codes ---- */

void demo_person(struct demo_gen *g, char *out, size_t size)
{
	const char *sur = demo_surnames[demo_below(g, demo_n_surnames)];
	const char *a = demo_given[demo_below(g, demo_n_given)];
	const char *b = demo_chance(g, 65) ? demo_given[demo_below(g, demo_n_given)] : "";
	(void)snprintf(out, size, "%s%s%s", sur, a, b);
}

bool demo_name_add(struct demo_gen *g, const char *name)
{
	struct demo_names *n = &g->names;
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->items[i], name) == 0)
			return false;
	if (n->n == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 1024;
		n->items = xrealloc(n->items, n->cap * sizeof *n->items);
	}
	n->items[n->n++] = xstrdup(name);
	return true;
}

void demo_industry_word(const struct industry *ind, char *out, size_t size)
{
	static const char suffix[] = "产业";
	size_t len = strlen(ind->name_zh), sl = strlen(suffix);
	bool has = len >= sl && strcmp(ind->name_zh + len - sl, suffix) == 0;
	(void)snprintf(out, size, "%s%s", ind->name_zh, has ? "" : suffix);
}

void demo_uscc(struct demo_gen *g, char type, const char *division, int founded_year,
               char out[USCC_LEN + 1])
{
	/* Digits and the letters of the code set: A-H, J-N, P-R, T, U, W, X, Y. */
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char body[9];
	if (founded_year >= 2016) {
		/* Codes issued since 2016 carry MA plus a letter or digit, as Shenzhen's do. */
		body[0] = 'M';
		body[1] = 'A';
		body[2] = "5GHLNU"[demo_below(g, 6)];
		for (int i = 3; i < 8; i++)
			body[i] = set[demo_below(g, sizeof set - 1)];
	} else {
		for (int i = 0; i < 8; i++)
			body[i] = (char)('0' + demo_below(g, 10));
		body[0] = "3567"[demo_below(g, 4)];
	}
	body[8] = '\0';
	(void)snprintf(out, USCC_LEN + 1, "9%c%.6s%.8s", type, division, body);
	out[16] = uscc_org_check_char(body);
	out[17] = uscc_check_char(out);
	out[18] = '\0';
}

/* ---- rows ---- */

void demo_row_init(struct demo_row *r, const struct list_def *l)
{
	memset(r, 0, sizeof *r);
	r->l = l;
}

void demo_row_set(struct demo_row *r, const char *field, const char *fmt, ...)
{
	int i = list_field_index(r->l, field);
	if (i < 0 || (size_t)i >= DEMO_MAX_FIELDS) {
		r->bad_field = field;
		return;
	}
	char tmp[4096];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	free(r->cell[i]);
	r->cell[i] = xstrdup(tmp);
}

void demo_row_free(struct demo_row *r)
{
	for (size_t i = 0; i < DEMO_MAX_FIELDS; i++) {
		free(r->cell[i]);
		r->cell[i] = NULL;
	}
}

static size_t list_slot(const struct list_def *l)
{
	for (size_t i = 0; lists_all[i]; i++)
		if (lists_all[i] == l)
			return i;
	return 0;
}

enum err_code demo_emit(struct demo_gen *g, struct demo_row *r, struct err *e)
{
	const struct list_def *l = r->l;
	if (r->bad_field || l->n_fields > DEMO_MAX_FIELDS) {
		demo_row_free(r);
		return err_set(e, ERR_INTERNAL, "演示数据生成错误 (demo generator bug): list %s has no "
		               "field %s", l->name, r->bad_field ? r->bad_field : "(too many fields)");
	}
	struct record rec;
	struct issues is = {0};
	enum err_code rc = ERR_OK;
	demo_place(g, r);
	record_init(&rec, l);
	rec.row = ++g->row;
	for (size_t i = 0; i < l->n_fields; i++)
		(void)field_parse(g->ctx, &l->fields[i], r->cell[i], rec.row, l->fields[i].name,
		                  &rec.v[i], &is);
	if (is.n == 0 && l->check)
		l->check(l, &rec, NULL, &is);
	if (is.n) {
		const struct issue *it = &is.items[0];
		rc = err_set(e, ERR_INTERNAL, "演示数据未通过校验 (demo generator bug): list %s, field %s, "
		             "value \"%s\": %s", l->name, it->column, it->value, it->message);
	} else {
		enum store_outcome o = STORE_UNCHANGED;
		rc = store_list_put(g->s, l, &rec, "demo", &o, e);
		if (rc == ERR_OK) {
			g->counts->records[list_slot(l)]++;
			if (o == STORE_INSERTED)
				g->counts->inserted++;
			else if (o == STORE_UPDATED)
				g->counts->updated++;
			else
				g->counts->unchanged++;
		}
	}
	issues_free(&is);
	record_free(&rec);
	demo_row_free(r);
	return rc;
}

/* ---- the whole ---- */

static void inds_init(struct demo_gen *g)
{
	const struct programme *p = g->p;
	g->n_inds = p->n_industries;
	g->inds = xcalloc(g->n_inds ? g->n_inds : 1, sizeof *g->inds);
	for (size_t i = 0; i < p->n_industries; i++) {
		struct demo_ind *d = &g->inds[i];
		const struct industry *ind = &p->industries[i];
		d->ind = ind;
		d->pf = demo_profile(ind->id);
		size_t nd = p->n_districts ? p->n_districts : 1;
		d->districts = xcalloc(nd, sizeof(const struct district *));
		for (size_t k = 0; k < ind->districts.n; k++) {
			const struct district *dd = programme_district(p, ind->districts.items[k]);
			if (dd)
				d->districts[d->n_districts++] = dd;
		}
		if (d->n_districts == 0)
			for (size_t k = 0; k < p->n_districts; k++)
				d->districts[d->n_districts++] = &p->districts[k];
	}
}

static void gen_free(struct demo_gen *g)
{
	for (size_t i = 0; i < g->n_inds; i++) {
		free(g->inds[i].districts);
		free(g->inds[i].ents);
	}
	free(g->inds);
	for (size_t i = 0; i < g->n_ents; i++)
		free(g->ents[i].name);
	free(g->ents);
	for (size_t i = 0; i < g->names.n; i++)
		free(g->names.items[i]);
	free(g->names.items);
}

enum err_code demo_generate(struct store *s, const struct list_ctx *ctx, unsigned seed,
                            const struct demo_size *size, struct demo_counts *out, struct err *e)
{
	static const struct demo_size def = {DEMO_ENTERPRISES_DEFAULT};
	struct demo_counts counts = {{0}, 0, 0, 0};
	if (size == NULL)
		size = &def;
	if (out)
		*out = counts;
	if (size->enterprises < 100)
		return err_set(e, ERR_INVALID, "演示数据至少需要100家企业 (at least 100 enterprises, not %u)",
		               size->enterprises);
	if (ctx == NULL || ctx->programme == NULL || ctx->programme->n_industries == 0 ||
	    ctx->programme->n_districts == 0)
		return err_set(e, ERR_INVALID, "演示数据需要一个有产业和区的规划 (the programme has no "
		               "industries or districts)");
	size_t n_lists = 0;
	while (lists_all[n_lists])
		n_lists++;
	if (n_lists != DEMO_N_LISTS)
		return err_set(e, ERR_INTERNAL, "demo: %zu lists, DEMO_N_LISTS is %d", n_lists,
		               DEMO_N_LISTS);

	struct demo_gen g = {0};
	g.s = s;
	g.ctx = ctx;
	g.p = ctx->programme;
	g.rng = 0x6A09E667F3BCC909ULL ^ ((uint64_t)seed * 0x9E3779B97F4A7C15ULL);
	g.point_rng = 0xBB67AE8584CAA73BULL ^ ((uint64_t)seed * 0x9E3779B97F4A7C15ULL);
	g.history_rng = 0x3C6EF372FE94F82BULL ^ ((uint64_t)seed * 0x9E3779B97F4A7C15ULL);
	g.counts = &counts;
	inds_init(&g);

	enum err_code rc = store_begin(s, e);
	if (rc == ERR_OK) {
		rc = demo_enterprises(&g, size->enterprises, e);
		if (rc == ERR_OK)
			rc = demo_listings(&g, e);
		if (rc == ERR_OK)
			rc = demo_leads(&g, e);
		if (rc == ERR_OK)
			rc = demo_projects(&g, e);
		if (rc == ERR_OK)
			rc = demo_platforms(&g, e);
		if (rc == ERR_OK)
			rc = demo_policies(&g, e);
		if (rc == ERR_OK)
			rc = demo_orgs(&g, e);
		if (rc == ERR_OK)
			rc = demo_parks_all(&g, e);
		if (rc == ERR_OK)
			rc = demo_indicators(&g, e);
		if (rc == ERR_OK)
			rc = demo_chains(&g, e);
		if (rc == ERR_OK)
			rc = store_commit(s, e);
		if (rc != ERR_OK)
			store_rollback(s);
	}
	if (rc == ERR_OK && out)
		*out = counts;
	gen_free(&g);
	return rc;
}
