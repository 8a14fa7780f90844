/*
 * test_demo.c - the demo data generator (src/demo/): deterministic per seed, every list filled
 * through validation, valid and unique credit codes, listings that name real enterprises in their
 * industry's districts, the documented gaps and nothing else empty, idempotent re-runs.
 */
#include "testutil.h"

#include <sqlite3.h>

#include "base/buf.h"
#include "catalog/catalog.h"
#include "catalog/industry_codes.h"
#include "catalog/map.h"
#include "demo/demo.h"
#include "model/uscc.h"
#include "store/store.h"

struct db {
	char path[300];
	struct store *s;
	struct programme *p;
	struct industry_codes *codes;
	struct list_ctx ctx;
};

struct fixture {
	char dir[256];
	struct db a, b;
};

static void db_open(const char *dir, const char *name, struct db *d)
{
	struct err e = {0};
	(void)snprintf(d->path, sizeof d->path, "%s/%s", dir, name);
	assert_int_equal(store_open(d->path, STORE_OPEN_CREATE, &d->s, &e), ERR_OK);
	size_t len;
	const char *json = catalog_builtin_json(&len);
	assert_int_equal(store_put_programme(d->s, json, len, true, NULL, &e), ERR_OK);
	assert_int_equal(store_load_programme(d->s, NULL, &d->p, &e), ERR_OK);
	assert_int_equal(industry_codes_load(&d->codes, &e), ERR_OK);
	d->ctx.programme = d->p;
	d->ctx.codes = d->codes;
}

static void db_close(struct db *d)
{
	industry_codes_free(d->codes);
	programme_free(d->p);
	store_close(d->s);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	tmpdir_make(f->dir);
	db_open(f->dir, "a.db", &f->a);
	db_open(f->dir, "b.db", &f->b);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->a);
	db_close(&f->b);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static void generate(struct db *d, unsigned seed, struct demo_counts *c)
{
	struct err e = {0};
	enum err_code rc = demo_generate(d->s, &d->ctx, seed, NULL, c, &e);
	if (rc != ERR_OK)
		print_error("demo_generate: %s\n", e.msg);
	assert_int_equal(rc, ERR_OK);
}

/* ---- a list as text, the way export shows it ---- */

struct dump {
	const struct list_ctx *ctx;
	const struct list_def *l;
	struct buf b;
};

static int dump_one(void *arg, const struct record *rec)
{
	struct dump *d = arg;
	for (size_t i = 0; i < d->l->n_fields; i++) {
		char *s = field_format(d->ctx, &d->l->fields[i], &rec->v[i]);
		(void)buf_printf(&d->b, "%s%s", i ? "," : "", s);
		free(s);
	}
	(void)buf_puts(&d->b, "\n");
	return 0;
}

static char *dump_list(struct db *db, const struct list_def *l)
{
	struct dump d = {&db->ctx, l, {0}};
	buf_init(&d.b, BUF_NO_CAP);
	struct list_query q = {.limit = -1};
	long total;
	struct err e = {0};
	assert_int_equal(store_list_query(db->s, l, &q, dump_one, &d, &total, &e), ERR_OK);
	return buf_take(&d.b);
}

/* ---- records of a list, kept ---- */

struct recs {
	struct record *v;
	size_t n, cap;
};

static int keep(void *arg, const struct record *rec)
{
	struct recs *r = arg;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = realloc(r->v, r->cap * sizeof *r->v);
		assert_non_null(r->v);
	}
	struct record *c = &r->v[r->n++];
	memset(c, 0, sizeof *c);
	c->n = rec->n;
	c->v = calloc(rec->n, sizeof *c->v);
	assert_non_null(c->v);
	for (size_t i = 0; i < rec->n; i++) {
		c->v[i] = rec->v[i];
		c->v[i].text = rec->v[i].text ? strdup(rec->v[i].text) : NULL;
	}
	return 0;
}

static struct recs load(struct db *db, const char *list)
{
	struct recs r = {0};
	struct list_query q = {.limit = -1};
	long total;
	struct err e = {0};
	assert_int_equal(store_list_query(db->s, list_find(list), &q, keep, &r, &total, &e), ERR_OK);
	assert_int_equal((long)r.n, total);
	return r;
}

static void recs_free(struct recs *r)
{
	for (size_t i = 0; i < r->n; i++)
		record_free(&r->v[i]);
	free(r->v);
}

static const char *text(const struct recs *r, size_t row, const char *list, const char *field)
{
	int i = list_field_index(list_find(list), field);
	assert_true(i >= 0);
	return r->v[row].v[i].null ? NULL : r->v[row].v[i].text;
}

static double num(const struct recs *r, size_t row, const char *list, const char *field)
{
	int i = list_field_index(list_find(list), field);
	assert_true(i >= 0);
	return r->v[row].v[i].null ? 0 : r->v[row].v[i].num;
}

/* ---- tests ---- */

static void test_same_seed_same_data(void **state)
{
	struct fixture *f = *state;
	struct demo_counts ca, cb;
	generate(&f->a, 7, &ca);
	generate(&f->b, 7, &cb);
	for (size_t i = 0; lists_all[i]; i++) {
		assert_int_equal(ca.records[i], cb.records[i]);
		char *x = dump_list(&f->a, lists_all[i]), *y = dump_list(&f->b, lists_all[i]);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
}

static void test_other_seed_other_data(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 1, NULL);
	generate(&f->b, 2, NULL);
	char *x = dump_list(&f->a, list_find("enterprises"));
	char *y = dump_list(&f->b, list_find("enterprises"));
	assert_true(strcmp(x, y) != 0);
	free(x);
	free(y);
}

static void test_every_list_filled_and_marked_demo(void **state)
{
	struct fixture *f = *state;
	struct demo_counts c;
	generate(&f->a, 1, &c);
	assert_int_equal(c.records[0], DEMO_ENTERPRISES_DEFAULT);
	long sum = 0;
	for (size_t i = 0; lists_all[i]; i++) {
		struct list_query q = {.limit = 0};
		long total = 0;
		struct err e = {0};
		assert_int_equal(store_list_query(f->a.s, lists_all[i], &q, NULL, NULL, &total, &e),
		                 ERR_OK);
		assert_true(total > 0);
		assert_int_equal(total, c.records[i]);
		sum += total;
	}
	assert_int_equal(c.inserted, sum);
	assert_int_equal(c.updated + c.unchanged, 0);

	/* Every row carries source=demo. */
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(f->a.path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT (SELECT count(*) FROM enterprise WHERE source <> 'demo') + "
		"(SELECT count(*) FROM listing WHERE source <> 'demo') + "
		"(SELECT count(*) FROM lead WHERE source <> 'demo') + "
		"(SELECT count(*) FROM project WHERE source <> 'demo') + "
		"(SELECT count(*) FROM platform WHERE source <> 'demo') + "
		"(SELECT count(*) FROM policy WHERE source <> 'demo') + "
		"(SELECT count(*) FROM org WHERE source <> 'demo')", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_credit_codes_valid_and_unique(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 3, NULL);
	struct recs r = load(&f->a, "enterprises");
	const char **codes = calloc(r.n, sizeof *codes);
	const char **names = calloc(r.n, sizeof *names);
	for (size_t i = 0; i < r.n; i++) {
		codes[i] = text(&r, i, "enterprises", "uscc");
		names[i] = text(&r, i, "enterprises", "name");
		struct err e = {0};
		if (!uscc_valid(codes[i], &e))
			print_error("%s: %s\n", codes[i], e.msg);
		assert_true(uscc_valid(codes[i], NULL));
		assert_non_null(strstr(names[i], "深圳市"));
	}
	qsort(codes, r.n, sizeof *codes, cmp_str);
	qsort(names, r.n, sizeof *names, cmp_str);
	for (size_t i = 1; i < r.n; i++) {
		assert_true(strcmp(codes[i - 1], codes[i]) != 0);
		assert_true(strcmp(names[i - 1], names[i]) != 0);
	}
	free(codes);
	free(names);
	recs_free(&r);
}

static void test_listings_name_enterprises_in_their_districts(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 1, NULL);
	struct recs r = load(&f->a, "listings");
	const struct list_def *ent = list_find("enterprises");
	int district = list_field_index(ent, "district"), name = list_field_index(ent, "name");
	size_t leaders = 0, champions = 0;
	for (size_t i = 0; i < r.n; i++) {
		struct record e_rec = {0};
		bool found = false;
		struct err e = {0};
		const char *uscc = text(&r, i, "listings", "uscc");
		assert_int_equal(store_list_find(f->a.s, ent, "uscc", uscc, NULL, &found, &e_rec, &e),
		                 ERR_OK);
		assert_true(found);
		assert_string_equal(e_rec.v[name].text, text(&r, i, "listings", "name"));
		const struct industry *ind =
			programme_industry(f->a.p, text(&r, i, "listings", "industry"));
		assert_non_null(ind);
		const struct district *d = programme_district(f->a.p, e_rec.v[district].text);
		assert_non_null(d);
		if (ind->districts.n > 0)
			assert_true(industry_in_district(ind, d));
		const char *role = text(&r, i, "listings", "role");
		if (strcmp(role, "龙头企业") == 0) {
			leaders++;
			assert_true(e_rec.v[list_field_index(ent, "leading")].num != 0);
		} else if (strcmp(role, "隐形冠军") == 0) {
			champions++;
			assert_true(e_rec.v[list_field_index(ent, "hidden_champion")].num != 0);
		}
		record_free(&e_rec);
	}
	/* 3-8 leaders and 2-6 hidden champions per cluster. */
	size_t clusters = 0;
	for (size_t i = 0; i < f->a.p->n_industries; i++)
		clusters += f->a.p->industries[i].kind == KIND_CLUSTER;
	assert_true(leaders >= 3 * clusters && leaders <= 8 * clusters);
	assert_true(champions >= 2 * clusters && champions <= 6 * clusters);
	recs_free(&r);
}

/* Counts per (list, kind, industry) from store_list_counts. */
struct cell {
	char list[16], kind[32], industry[64];
	long count;
};
struct cells {
	struct cell v[2048];
	size_t n;
};

static int on_count(void *ctx, const char *list, const char *industry, const char *kind, long n)
{
	struct cells *c = ctx;
	assert_true(c->n < 2048);
	struct cell *x = &c->v[c->n++];
	(void)snprintf(x->list, sizeof x->list, "%s", list);
	(void)snprintf(x->kind, sizeof x->kind, "%s", kind ? kind : "");
	(void)snprintf(x->industry, sizeof x->industry, "%s", industry);
	x->count = n;
	return 0;
}

static long count_of(const struct cells *c, const char *list, const char *kind, const char *ind)
{
	long n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].list, list) == 0 && strcmp(c->v[i].industry, ind) == 0 &&
		    (kind == NULL || strcmp(c->v[i].kind, kind) == 0))
			n += c->v[i].count;
	return n;
}

static void test_documented_gaps_and_no_others(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 5, NULL);
	struct cells *c = calloc(1, sizeof *c);
	struct err e = {0};
	assert_int_equal(store_list_counts(f->a.s, on_count, c, &e), ERR_OK);
	static const char *const org_types[] = {"基金", "展会", "论坛", "协会", "联盟",
	                                        "团队", "咨询机构", "链长", "专员"};
	int no_fund = 0, no_consulting = 0, no_leads = 0, no_platforms = 0;
	for (size_t i = 0; i < f->a.p->n_industries; i++) {
		const char *id = f->a.p->industries[i].id;
		for (size_t k = 0; k < sizeof org_types / sizeof org_types[0]; k++) {
			bool gap = demo_is_gap("orgs", org_types[k], id);
			assert_int_equal(count_of(c, "orgs", org_types[k], id) == 0, gap);
			no_fund += gap && strcmp(org_types[k], "基金") == 0;
			no_consulting += gap && strcmp(org_types[k], "咨询机构") == 0;
		}
		static const char *const lists[] = {"leads", "projects", "platforms"};
		for (size_t k = 0; k < 3; k++) {
			bool gap = demo_is_gap(lists[k], NULL, id);
			assert_int_equal(count_of(c, lists[k], NULL, id) == 0, gap);
			no_leads += gap && k == 0;
			no_platforms += gap && k == 2;
		}
		assert_true(count_of(c, "policies", NULL, id) > 0);
		assert_true(count_of(c, "listings", NULL, id) > 0);
	}
	/* As demo.h says. */
	assert_int_equal(no_fund, 4);
	assert_int_equal(no_consulting, 5);
	assert_int_equal(no_leads, 3);
	assert_int_equal(no_platforms, 2);
	free(c);
}

static void test_projects_ahead_on_and_behind_plan(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 1, NULL);
	struct recs r = load(&f->a, "projects");
	int ahead = 0, on = 0, behind = 0;
	for (size_t i = 0; i < r.n; i++) {
		const char *code = text(&r, i, "projects", "code");
		assert_int_equal(strncmp(code, "SZ2025-", 7), 0);
		double total = num(&r, i, "projects", "total_investment");
		assert_true(total >= 1e8 && total <= 2e10);
		if (strcmp(text(&r, i, "projects", "status"), "在建") != 0)
			continue;
		double done = 0;
		for (int m = 1; m <= 10; m++) {
			char field[4] = {'m', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
			done += num(&r, i, "projects", field);
		}
		double pace = done / (num(&r, i, "projects", "annual_plan") * 10.0 / 12.0);
		ahead += pace > 1.05;
		on += pace >= 0.9 && pace <= 1.05;
		behind += pace < 0.8;
	}
	assert_true(ahead > 0 && on > 0 && behind > 0);
	recs_free(&r);
}

static void test_stage_changes_in_2025h1(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 9, NULL);
	struct recs r = load(&f->a, "enterprises");
	static const char *const fields[] = {"date_enterprise", "date_above_scale", "date_zjtx",
	                                     "date_listed"};
	for (size_t k = 0; k < 4; k++) {
		int n = 0;
		for (size_t i = 0; i < r.n; i++) {
			const char *d = text(&r, i, "enterprises", fields[k]);
			n += d && strcmp(d, "2025-01-01") >= 0 && strcmp(d, "2025-06-30") <= 0;
		}
		assert_true(n > 0);
	}
	recs_free(&r);
}

static void test_second_run_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct demo_counts first, second;
	generate(&f->a, 1, &first);
	generate(&f->a, 1, &second);
	long sum = 0;
	for (size_t i = 0; i < DEMO_N_LISTS; i++) {
		assert_int_equal(first.records[i], second.records[i]);
		sum += second.records[i];
	}
	assert_int_equal(second.inserted, 0);
	assert_int_equal(second.updated, 0);
	assert_int_equal(second.unchanged, sum);
}

/* Every enterprise, project and platform has a point in its district; the 20 parks. */
static void test_points_and_parks(void **state)
{
	struct fixture *f = *state;
	generate(&f->a, 1, NULL);
	const struct district_map *m = map_builtin();
	assert_non_null(m);
	static const char *const lists[] = {"enterprises", "projects", "platforms", "parks"};
	for (size_t k = 0; k < 4; k++) {
		const struct list_def *l = list_find(lists[k]);
		int fl = list_field_index(l, "lng"), fa = list_field_index(l, "lat");
		int fd = list_field_index(l, "district");
		struct recs r = load(&f->a, lists[k]);
		assert_true(r.n > 0);
		for (size_t i = 0; i < r.n; i++) {
			assert_false(r.v[i].v[fl].null);
			struct geo_point p = {r.v[i].v[fl].num, r.v[i].v[fa].num};
			if (map_place_point(m, r.v[i].v[fd].text, p, NULL) != MAP_IN_DISTRICT)
				fail_msg("%s: (%f, %f) not in %s", lists[k], p.lng, p.lat, r.v[i].v[fd].text);
		}
		recs_free(&r);
	}
	/* 20 parks in 宝安, 光明, 龙华, 龙岗, 坪山 and 深汕, 300 km² planned; three zones each. */
	struct recs parks = load(&f->a, "parks");
	const struct list_def *lp = list_find("parks");
	int fd = list_field_index(lp, "district"), fa = list_field_index(lp, "planned_area");
	assert_int_equal(parks.n, 20);
	double total = 0;
	for (size_t i = 0; i < parks.n; i++) {
		const char *d = parks.v[i].v[fd].text;
		assert_true(strcmp(d, "baoan") == 0 || strcmp(d, "guangming") == 0 ||
		            strcmp(d, "longhua") == 0 || strcmp(d, "longgang") == 0 ||
		            strcmp(d, "pingshan") == 0 || strcmp(d, "shenshan") == 0);
		total += parks.v[i].v[fa].num;
	}
	assert_float_equal(total, 300.0, 1e-9);
	recs_free(&parks);
	struct recs zones = load(&f->a, "park_zones");
	assert_int_equal(zones.n, 60);
	recs_free(&zones);
	struct recs prog = load(&f->a, "park_progress");
	assert_int_equal(prog.n, 60);
	recs_free(&prog);
}

static void test_too_small_refused(void **state)
{
	struct fixture *f = *state;
	struct demo_size size = {50};
	struct err e = {0};
	assert_int_equal(demo_generate(f->a.s, &f->a.ctx, 1, &size, NULL, &e), ERR_INVALID);
	struct demo_size small = {150};
	struct demo_counts c;
	assert_int_equal(demo_generate(f->a.s, &f->a.ctx, 1, &small, &c, &e), ERR_OK);
	assert_int_equal(c.records[0], 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_seed_same_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_seed_other_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_list_filled_and_marked_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credit_codes_valid_and_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_listings_name_enterprises_in_their_districts, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_documented_gaps_and_no_others, setup, teardown),
		cmocka_unit_test_setup_teardown(test_projects_ahead_on_and_behind_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_changes_in_2025h1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_run_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_small_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_points_and_parks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
