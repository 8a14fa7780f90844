/*
 * test_lists.c - storing the programme's lists (src/store/lists.c): every field has its column,
 * writes are matched by natural key (insert / update / unchanged), queries filter, sort and page,
 * and references hold.
 */
#include "testutil.h"

#include "store_fixture.h"
#include "store/store_int.h"

#include <sqlite3.h>



static void test_columns_match_fields(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	for (size_t i = 0; lists_all[i]; i++) {
		const struct list_def *l = lists_all[i];
		for (size_t k = 0; k < l->n_fields; k++) {
			sqlite3_stmt *st = NULL;
			assert_int_equal(sqlite3_prepare_v2(db, "SELECT type FROM pragma_table_info(?) WHERE name = ?",
			                                    -1, &st, NULL), SQLITE_OK);
			sqlite3_bind_text(st, 1, l->table, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, l->fields[k].name, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_ROW)
				fail_msg("table %s lacks column %s", l->table, l->fields[k].name);
			const char *type = (const char *)sqlite3_column_text(st, 0);
			const char *want = l->fields[k].type == FT_AMOUNT || l->fields[k].type == FT_DECIMAL
			                   ? "REAL"
			                   : l->fields[k].type == FT_INT || l->fields[k].type == FT_BOOL ? "INTEGER"
			                                                                                : "TEXT";
			if (strcmp(type, want) != 0)
				fail_msg("%s.%s is %s, want %s", l->table, l->fields[k].name, type, want);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close(db);
}

/* A record of `list` from field=value text pairs, parsed as an import would. */
static void make(const struct fixture *f, const char *list, const char *const *pairs, struct record *r)
{
	const struct list_def *l = list_find(list);
	struct issues is = {0};
	record_init(r, l);
	for (size_t i = 0; pairs[i]; i += 2) {
		int k = list_field_index(l, pairs[i]);
		assert_true(k >= 0);
		assert_true(field_parse(&f->ctx, &l->fields[k], pairs[i + 1], 0, pairs[i], &r->v[k], &is));
	}
	assert_int_equal(is.n, 0);
}

#define PAIRS(...) ((const char *const[]){__VA_ARGS__, NULL})

static enum store_outcome put(struct fixture *f, const char *list, const char *const *pairs)
{
	struct record r;
	struct err e = {0};
	enum store_outcome out;
	make(f, list, pairs, &r);
	if (store_list_put(f->s, list_find(list), &r, "test", &out, &e) != ERR_OK)
		fail_msg("put %s: %s", list, e.msg);
	assert_true(r.id > 0);
	record_free(&r);
	return out;
}

static const char *const tencent[] = {"uscc", "9144030071526726XG", "name", "腾讯科技（深圳）有限公司",
                                      "district", "南山", NULL};
static const char *const huawei[] = {"uscc", "914403001922038216", "name", "华为技术有限公司",
                                     "district", "龙岗", NULL};

static void test_put_outcomes(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(put(f, "enterprises", tencent), STORE_INSERTED);
	assert_int_equal(put(f, "enterprises", tencent), STORE_UNCHANGED);
	assert_int_equal(put(f, "enterprises", PAIRS("uscc", "9144030071526726XG", "name",
	                                             "腾讯科技（深圳）有限公司", "district", "福田")),
	                 STORE_UPDATED);
	struct record r;
	struct err e = {0};
	bool found;
	make(f, "enterprises", tencent, &r);
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), NULL, NULL, &r, &found, NULL, &e), ERR_OK);
	assert_true(found);
	record_free(&r);
	struct record got;
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), "name", "腾讯科技（深圳）有限公司",
	                                 NULL, &found, &got, &e), ERR_OK);
	assert_true(found);
	assert_string_equal(got.v[list_field_index(list_find("enterprises"), "district")].text, "futian");
	assert_string_equal(got.source, "test");
	record_free(&got);
}

/* The names of table's indexes that have SQL (not a UNIQUE key's), sorted, as "a,b". */
/* The table's indexes as another connection sees them, or, with `own`, as the store's own
 * connection sees them inside its transaction (store_int.h: white-box). */
static void index_names(const struct fixture *f, bool own, const char *table, char *out, size_t size)
{
	sqlite3 *db = own ? f->s->db : NULL;
	sqlite3_stmt *st = NULL;
	if (!own)
		assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(group_concat(name, ','), '') FROM (SELECT name "
	                                        "FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
	                                        "AND sql IS NOT NULL ORDER BY name)", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	(void)snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!own)
		sqlite3_close(db);
}

/* A bulk load drops the secondary indexes on free text (not the district's); the commit builds
 * them again, a rollback restores them. */
static void test_bulk_load_defers_indexes(void **state)
{
	struct fixture *f = *state;
	const struct list_def *ent = list_find("enterprises");
	struct err e = {0};
	bool empty = false, found = false;
	char names[256];
	assert_int_equal(store_list_empty(f->s, ent, &empty, &e), ERR_OK);
	assert_true(empty);
	assert_int_equal(store_list_bulk_begin(f->s, ent, &e), ERR_INTERNAL); /* not in a transaction */

	for (int commit = 0; commit < 2; commit++) {
		assert_int_equal(store_begin(f->s, &e), ERR_OK);
		assert_int_equal(store_list_bulk_begin(f->s, ent, &e), ERR_OK);
		assert_int_equal(put(f, "enterprises", tencent), STORE_INSERTED);
		assert_int_equal(put(f, "enterprises", huawei), STORE_INSERTED);
		assert_int_equal(put(f, "enterprises", tencent), STORE_UNCHANGED); /* the UNIQUE key stays */
		assert_int_equal(store_list_find(f->s, ent, "name", "华为技术有限公司", NULL, &found, NULL, &e),
		                 ERR_OK);
		assert_true(found); /* by a dropped index's column: a scan, same answer */
		index_names(f, true, "enterprise", names, sizeof names);
		assert_string_equal(names, "enterprise_district"); /* coded values: it stays */
		if (commit) {
			assert_int_equal(store_commit(f->s, &e), ERR_OK);
		} else {
			store_rollback(f->s);
			assert_int_equal(store_list_empty(f->s, ent, &empty, &e), ERR_OK);
			assert_true(empty);
		}
		index_names(f, false, "enterprise", names, sizeof names);
		assert_string_equal(names, "enterprise_district,enterprise_name");
	}
	assert_int_equal(store_list_empty(f->s, ent, &empty, &e), ERR_OK);
	assert_false(empty);
	assert_int_equal(store_list_find(f->s, ent, "name", "华为技术有限公司", NULL, &found, NULL, &e), ERR_OK);
	assert_true(found);
}

struct names {
	char all[512];
	int n;
};

static int collect(void *ctx, const struct record *r)
{
	struct names *x = ctx;
	size_t len = strlen(x->all);
	(void)snprintf(x->all + len, sizeof x->all - len, "%s;", r->v[1].text);
	x->n++;
	return 0;
}

static void test_query(void **state)
{
	struct fixture *f = *state;
	(void)put(f, "enterprises", tencent);
	(void)put(f, "enterprises", huawei);
	(void)put(f, "listings", PAIRS("uscc", "914403001922038216", "industry", "智能终端", "role", "龙头企业"));
	const struct list_def *l = list_find("enterprises");
	struct err e = {0};
	long total;
	struct names x = {0};
	struct list_query q = {.sort = "name", .desc = true, .limit = -1};
	assert_int_equal(store_list_query(f->s, l, &q, collect, &x, &total, &e), ERR_OK);
	assert_int_equal(total, 2);
	assert_string_equal(x.all, "腾讯科技（深圳）有限公司;华为技术有限公司;"); /* byte order, descending */

	memset(&x, 0, sizeof x);
	struct list_query by_industry = {.industry = "smart-terminal", .limit = -1};
	assert_int_equal(store_list_query(f->s, l, &by_industry, collect, &x, &total, &e), ERR_OK);
	assert_string_equal(x.all, "华为技术有限公司;"); /* enterprises of an industry: via listings */

	memset(&x, 0, sizeof x);
	struct list_query by_text = {.text = "腾讯", .limit = -1};
	assert_int_equal(store_list_query(f->s, l, &by_text, collect, &x, &total, &e), ERR_OK);
	assert_int_equal(total, 1);

	memset(&x, 0, sizeof x);
	struct list_query paged = {.limit = 1, .offset = 1};
	assert_int_equal(store_list_query(f->s, l, &paged, collect, &x, &total, &e), ERR_OK);
	assert_int_equal(total, 2);
	assert_int_equal(x.n, 1);

	struct list_query bad_sort = {.sort = "name; DROP TABLE enterprise", .limit = -1};
	assert_int_equal(store_list_query(f->s, l, &bad_sort, collect, &x, &total, &e), ERR_INVALID);
	struct list_query no_district = {.district = "nanshan", .limit = -1};
	assert_int_equal(store_list_query(f->s, list_find("policies"), &no_district, collect, &x, &total, &e),
	                 ERR_INVALID);
}

static void test_references_and_delete(void **state)
{
	struct fixture *f = *state;
	(void)put(f, "enterprises", huawei);
	(void)put(f, "listings", PAIRS("uscc", "914403001922038216", "industry", "智能终端", "role", "龙头企业"));
	struct record r;
	struct err e = {0};
	bool found;
	make(f, "enterprises", huawei, &r);
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), NULL, NULL, &r, &found, NULL, &e), ERR_OK);
	record_free(&r);
	long long id = 0;
	struct record got;
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), "uscc", "914403001922038216", NULL,
	                                 &found, &got, &e), ERR_OK);
	id = got.id;
	record_free(&got);
	/* A listed enterprise cannot be deleted from under its listing. */
	assert_int_equal(store_list_delete(f->s, list_find("enterprises"), id, &e), ERR_INVALID);
	assert_int_equal(store_list_delete(f->s, list_find("enterprises"), 999, &e), ERR_NOT_FOUND);
	assert_int_equal(store_list_get(f->s, list_find("enterprises"), id, &got, &e), ERR_OK);
	record_free(&got);

	/* A rolled-back transaction leaves nothing behind. */
	assert_int_equal(store_begin(f->s, &e), ERR_OK);
	(void)put(f, "enterprises", tencent);
	store_rollback(f->s);
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), "uscc", "9144030071526726XG", NULL,
	                                 &found, NULL, &e), ERR_OK);
	assert_false(found);
}

struct tally {
	long fund, listings;
};

static int count_cb(void *ctx, const char *list, const char *industry, const char *kind, long n)
{
	struct tally *t = ctx;
	if (strcmp(list, "orgs") == 0 && strcmp(industry, "marine") == 0 && kind && strcmp(kind, "基金") == 0)
		t->fund += n;
	if (strcmp(list, "policies") == 0 && strcmp(industry, "smart-sensor") == 0)
		t->listings += n;
	return 0;
}

static void test_counts(void **state)
{
	struct fixture *f = *state;
	(void)put(f, "orgs", PAIRS("type", "基金", "name", "海洋产业基金", "industry", "海洋产业"));
	(void)put(f, "policies", PAIRS("title", "若干措施", "issuer", "深圳市工业和信息化局", "industries",
	                               "半导体与集成电路、智能传感器"));
	struct tally t = {0};
	struct err e = {0};
	assert_int_equal(store_list_counts(f->s, count_cb, &t, &e), ERR_OK);
	assert_int_equal(t.fund, 1);
	assert_int_equal(t.listings, 1); /* a policy for two industries counts for each */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_columns_match_fields, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_put_outcomes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_load_defers_indexes, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_query, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_references_and_delete, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_counts, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
