/* test_completeness.c - the six and seven ones per industry (src/engine/completeness.c). */
#include "testutil.h"

#include "catalog/catalog.h"
#include "engine/completeness.h"

static int item(const char *id)
{
	for (int k = 0; k < COMPLETENESS_ITEMS; k++)
		if (strcmp(completeness_items[k].id, id) == 0)
			return k;
	fail_msg("no item %s", id);
	return -1;
}

static void test_counts(void **state)
{
	(void)state;
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_builtin(&p, &e), ERR_OK);
	struct completeness c;
	completeness_init(&c, p);
	assert_int_equal(c.n, 28);
	size_t marine = (size_t)(programme_industry(p, "marine") - p->industries);
	assert_int_equal(completeness_present(&c, marine), 1); /* 一集群 only */
	completeness_add(&c, p, "orgs", "marine", "基金", 2);
	completeness_add(&c, p, "orgs", "marine", "链长", 1);
	completeness_add(&c, p, "listings", "marine", "龙头企业", 3);
	completeness_add(&c, p, "listings", "marine", "重点企业", 5); /* not the leading list */
	completeness_add(&c, p, "leads", "marine", NULL, 4);
	completeness_add(&c, p, "orgs", "nosuch", "基金", 1);          /* ignored */
	assert_int_equal(c.count[marine][item("fund")], 2);
	assert_int_equal(c.count[marine][item("leading_list")], 3);
	assert_int_equal(c.count[marine][item("lead_list")], 4);
	assert_int_equal(c.count[marine][item("chain_chief")], 1);
	/* cluster + fund + leading list + leads; the chain chief is a duty, not one of the 13 */
	assert_int_equal(completeness_present(&c, marine), 4);
	int six = 0, seven = 0;
	for (int k = 0; k < COMPLETENESS_ITEMS; k++) {
		six += strcmp(completeness_items[k].group, "six") == 0;
		seven += strcmp(completeness_items[k].group, "seven") == 0;
	}
	assert_int_equal(six, 6);
	assert_int_equal(seven, 7);
	completeness_free(&c);
	programme_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_counts)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
