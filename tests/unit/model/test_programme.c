/* test_programme.c - names, parsing and lookups of the programme model (src/model/programme.c). */
#include "testutil.h"

#include "catalog/catalog.h"
#include "model/programme.h"

static void test_ids(void **state)
{
	(void)state;
	assert_true(programme_id_valid("semiconductor-ic"));
	assert_true(programme_id_valid("six_ones"));
	assert_false(programme_id_valid(""));
	assert_false(programme_id_valid("1abc"));
	assert_false(programme_id_valid("Abc"));
	assert_false(programme_id_valid("a b"));
	assert_false(programme_id_valid("半导体"));
	char longid[70];
	memset(longid, 'a', 65);
	longid[65] = '\0';
	assert_false(programme_id_valid(longid));
}

static void test_names(void **state)
{
	(void)state;
	enum tier t;
	enum industry_kind k;
	assert_true(tier_parse("short_board", &t));
	assert_int_equal(t, TIER_SHORT_BOARD);
	assert_true(tier_parse("none", &t));
	assert_int_equal(t, TIER_NONE);
	assert_false(tier_parse("Pillar", &t));
	assert_null(tier_name(TIER_NONE));
	assert_string_equal(tier_name(TIER_GROWTH_POINT), "growth_point");
	assert_string_equal(tier_label_zh(TIER_PILLAR), "千亿级");
	assert_true(industry_kind_parse("future", &k));
	assert_int_equal(k, KIND_FUTURE);
	assert_false(industry_kind_parse("clusters", &k));
	assert_string_equal(industry_kind_name(KIND_CLUSTER), "cluster");
}

static void test_lookups(void **state)
{
	(void)state;
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	/* A district by id, code, short name or full name is the same district. */
	const struct district *d = programme_district(p, "nanshan");
	assert_non_null(d);
	assert_ptr_equal(programme_district(p, "440305"), d);
	assert_ptr_equal(programme_district(p, "南山"), d);
	assert_ptr_equal(programme_district(p, "南山区"), d);
	assert_null(programme_district(p, "440399"));
	const struct district *shenshan = programme_district(p, "深汕");
	assert_non_null(shenshan);
	assert_null(shenshan->code);

	const struct industry *ic = programme_industry(p, "semiconductor-ic");
	assert_non_null(ic);
	assert_true(industry_in_district(ic, programme_district(p, "坪山")));
	assert_false(industry_in_district(ic, programme_district(p, "光明")));
	assert_null(programme_industry(p, "nosuch"));
	programme_free(p);
	programme_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_lookups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
