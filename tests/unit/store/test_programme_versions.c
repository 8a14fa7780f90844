/*
 * test_programme_versions.c - storing both built-in programme versions in one database: the
 * 2024 revision adds its new industries without taking over the 2022 rows the lists refer to,
 * and the default programme is the 2022 one whichever was stored first.
 */
#include "testutil.h"

#include "store_fixture.h"

static void put(struct store *s, size_t i)
{
	size_t len;
	struct err e = {0};
	const char *json = catalog_builtin_json_at(i, &len);
	assert_non_null(json);
	if (store_put_programme(s, json, len, true, NULL, &e) != ERR_OK)
		fail_msg("%s", e.msg);
}

static void test_both_versions(void **state)
{
	struct fixture *f = *state; /* holds the 2022 version */
	struct err e = {0};
	put(f->s, 1);
	struct programme *def = NULL, *neu = NULL;
	assert_int_equal(store_load_programme(f->s, NULL, &def, &e), ERR_OK);
	assert_string_equal(def->id, "shenzhen-20plus8");
	assert_int_equal(store_load_programme(f->s, "shenzhen-20plus8-2024", &neu, &e), ERR_OK);
	assert_string_equal(neu->version, "2024");
	programme_free(def);
	programme_free(neu);

	/* Storing either again changes nothing. */
	size_t len;
	bool changed = true;
	const char *json = catalog_builtin_json_at(0, &len);
	assert_int_equal(store_put_programme(f->s, json, len, true, &changed, &e), ERR_OK);
	assert_false(changed);
	json = catalog_builtin_json_at(1, &len);
	assert_int_equal(store_put_programme(f->s, json, len, true, &changed, &e), ERR_OK);
	assert_false(changed);
}

/* The 2024 version stored first: the default is still the 2022 one once it is there. */
static void test_default_regardless_of_order(void **state)
{
	(void)state;
	char dir[256], db[300];
	tmpdir_make(dir);
	(void)snprintf(db, sizeof db, "%s/o.db", dir);
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(db, STORE_OPEN_CREATE, &s, &e), ERR_OK);
	put(s, 1);
	struct programme *p = NULL;
	assert_int_equal(store_load_programme(s, NULL, &p, &e), ERR_OK);
	assert_string_equal(p->id, "shenzhen-20plus8-2024"); /* the only one */
	programme_free(p);
	put(s, 0);
	assert_int_equal(store_load_programme(s, NULL, &p, &e), ERR_OK);
	assert_string_equal(p->id, "shenzhen-20plus8");
	programme_free(p);
	store_close(s);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_both_versions, fixture_setup, fixture_teardown),
		cmocka_unit_test(test_default_regardless_of_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
