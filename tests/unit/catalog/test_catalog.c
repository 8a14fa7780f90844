/*
 * test_catalog.c - reading and validating programme documents (src/catalog/catalog.c) and their
 * JSON views (catalog_json.c). Bad documents are made by editing the built-in one, so each case
 * differs from a valid document in exactly one way.
 */
#include "testutil.h"

#include "catalog/catalog.h"

static void test_builtin(void **state)
{
	(void)state;
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	assert_string_equal(p->id, "shenzhen-20plus8");
	assert_int_equal(p->n_industries, 28);
	assert_int_equal(p->n_districts, 12);
	int kinds[2] = {0, 0}, tiers[5] = {0};
	for (size_t i = 0; i < p->n_industries; i++) {
		kinds[p->industries[i].kind]++;
		tiers[p->industries[i].tier]++;
	}
	assert_int_equal(kinds[KIND_CLUSTER], 20);
	assert_int_equal(kinds[KIND_FUTURE], 8);
	assert_int_equal(tiers[TIER_PILLAR], 6);
	assert_int_equal(tiers[TIER_SHORT_BOARD], 3);
	assert_int_equal(tiers[TIER_IMPROVE], 6);
	assert_int_equal(tiers[TIER_GROWTH_POINT], 2);
	assert_int_equal(p->n_principles, 4);
	assert_int_equal(p->n_safeguards, 6);
	assert_int_equal(p->n_categories, 7);
	/* The headline target: strategic emerging industries' value added above 1.5 trillion yuan. */
	const struct target *t = &p->targets[0];
	assert_true(t->has_value);
	assert_true(t->value == 1.5e12);
	assert_string_equal(t->unit, "元");
	assert_int_equal(t->year, 2025);
	programme_free(p);
}

/* The built-in document as a jansson tree to edit. */
static json_t *builtin_tree(void)
{
	size_t len;
	const char *s = catalog_builtin_json(&len);
	assert_non_null(s);
	json_t *v = json_loadb(s, len, 0, NULL);
	assert_non_null(v);
	return v;
}

/* Parse `doc` (stealing it) and expect failure with a message containing `want`. */
static void expect_invalid(json_t *doc, const char *want)
{
	char *s = json_dumps(doc, 0);
	json_decref(doc);
	struct programme *p = (struct programme *)1;
	struct err e = {0};
	assert_int_equal(catalog_parse(s, strlen(s), "t.json", &p, &e), ERR_INVALID);
	assert_null(p);
	if (strstr(e.msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	assert_non_null(strstr(e.msg, "t.json"));
	free(s);
}

static json_t *industry(json_t *doc, size_t i)
{
	return json_array_get(json_object_get(doc, "industries"), i);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_parse("{\"programme\": ", 14, "x.json", &p, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "x.json: line 1"));
	assert_int_equal(catalog_parse("[1]", 3, "x.json", &p, &e), ERR_INVALID);
	assert_int_equal(catalog_parse("{\"a\":1,\"a\":2}", 13, "x.json", &p, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "duplicate"));
	/* Invalid UTF-8 (a GBK byte pair) is refused by the parser, never stored. */
	assert_int_equal(catalog_parse("{\"a\":\"\xc4\xcf\"}", 10, "x.json", &p, &e), ERR_INVALID);
}

static void test_field_errors(void **state)
{
	(void)state;
	json_t *d;

	d = builtin_tree();
	json_object_del(industry(d, 3), "name_zh");
	expect_invalid(d, "industries[3].name_zh: missing");

	d = builtin_tree();
	json_object_set_new(industry(d, 0), "seq", json_integer(2));
	expect_invalid(d, "industries[0].seq");

	d = builtin_tree();
	json_object_set_new(industry(d, 1), "id", json_string("network-communication"));
	expect_invalid(d, "industries[1].id: repeats");

	d = builtin_tree();
	json_object_set_new(industry(d, 2), "id", json_string("Bad Id"));
	expect_invalid(d, "industries[2].id");

	d = builtin_tree();
	json_object_set_new(industry(d, 0), "tier", json_string("golden"));
	expect_invalid(d, "industries[0].tier");

	d = builtin_tree();
	json_array_append_new(json_object_get(industry(d, 0), "districts"), json_string("海淀"));
	expect_invalid(d, "industries[0].districts");

	d = builtin_tree();
	json_object_set_new(industry(d, 0), "segments", json_string("固网通信"));
	expect_invalid(d, "industries[0].segments");

	d = builtin_tree();
	json_object_set_new(industry(d, 0), "kind", json_string("future"));
	expect_invalid(d, "clusters must come before future industries");

	d = builtin_tree();
	json_object_set_new(json_array_get(json_object_get(d, "districts"), 0), "code",
	                    json_string("4403"));
	expect_invalid(d, "districts[0].code");

	d = builtin_tree();
	json_object_set_new(json_array_get(json_object_get(d, "districts"), 1), "short",
	                    json_string("罗湖"));
	expect_invalid(d, "districts[1]: repeats");

	d = builtin_tree();
	json_object_set_new(json_array_get(json_object_get(json_object_get(d, "programme"), "targets"), 0),
	                    "value", json_integer(-1));
	expect_invalid(d, "targets[0].value");

	d = builtin_tree();
	json_object_set_new(industry(d, 0), "category", json_string("nosuch"));
	expect_invalid(d, "must list clusters whose category is this one");

	d = builtin_tree();
	json_object_del(d, "industries");
	expect_invalid(d, "industries: must be a non-empty array");
}

static void test_json_views_match_the_file(void **state)
{
	(void)state;
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	json_t *doc = builtin_tree();
	/* Every field of the file's industries comes out of the model unchanged. */
	for (size_t i = 0; i < p->n_industries; i++) {
		json_t *mine = catalog_industry_json(&p->industries[i]);
		json_t *file = industry(doc, i);
		const char *key;
		json_t *v;
		json_object_foreach(file, key, v) {
			if (!json_equal(v, json_object_get(mine, key)))
				fail_msg("industries[%zu].%s differs from the file", i, key);
		}
		json_decref(mine);
	}
	/* A district's industries are those whose clause names it. */
	json_t *dj = catalog_district_json(p, programme_district(p, "dapeng"));
	json_t *inds = json_object_get(dj, "industries");
	assert_int_equal(json_array_size(inds), 2);
	assert_string_equal(json_string_value(json_array_get(inds, 0)), "biomedicine");
	assert_true(json_is_null(json_object_get(dj, "code")));
	json_decref(dj);
	json_t *pj = catalog_programme_json(p);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(pj, "counts"), "future")), 8);
	assert_non_null(strstr(json_string_value(json_object_get(pj, "source")), "意见"));
	json_decref(pj);
	json_decref(doc);
	programme_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_json_views_match_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
