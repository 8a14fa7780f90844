/* test_chains.c - chain maps through the store (src/chain/chains_io.c, chains_view.c,
 * src/store/chains.c): the built-in maps, imports of tables in memory with their issues, node ids
 * across industries, thresholds, candidates matched by name, coverage without members. */
#include "testutil.h"
#include "store_fixture.h"

#include <math.h>

#include "chain/chains.h"

static int count_node(void *ctx, const struct store_chain_node *n)
{
	(void)n;
	(*(long *)ctx)++;
	return 0;
}

static long nodes(struct fixture *f, const char *industry)
{
	long n = 0;
	struct err e = {0};
	assert_int_equal(store_chain_nodes(f->s, industry, count_node, &n, &e), ERR_OK);
	return n;
}

static void test_builtin(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	bool added = false;
	assert_int_equal(chains_builtin(f->s, &f->ctx, &added, &e), ERR_OK);
	assert_true(added);
	long all = nodes(f, NULL);
	assert_true(all > 250);
	assert_int_equal(nodes(f, "semiconductor-ic"), 12);
	/* Not again once maps are stored. */
	assert_int_equal(chains_builtin(f->s, &f->ctx, &added, &e), ERR_OK);
	assert_false(added);
	assert_int_equal(nodes(f, NULL), all);
	/* Every industry of the programme has its map, its nodes in policy order. */
	struct chains_all a;
	assert_int_equal(chains_build(f->s, f->p, NULL, NULL, &a, &e), ERR_OK);
	assert_int_equal(a.n, f->p->n_industries);
	assert_string_equal(a.views[1].ind->id, "semiconductor-ic");
	assert_string_equal(a.views[1].nodes[0].id, "ic-up");
	assert_int_equal(a.views[1].nodes[0].parent, -1);
	assert_int_equal(a.views[1].nodes[1].parent, 0);
	/* No members yet: every leaf is missing or a gap, the score 0. */
	assert_int_equal(a.views[1].members, 0);
	assert_float_equal(a.views[1].cov.score, 0, 0);
	assert_int_equal(a.views[1].cov.by_status[CHAIN_MISSING] + a.views[1].cov.by_status[CHAIN_CRITICAL_GAP],
	                 a.views[1].cov.leaves);
	assert_int_equal(a.value_indicator, -1);
	chains_all_free(&a);
}

#define COLS 9
static const char *const head[COLS] = {"industry", "node", "name", "stage", "parent", "critical",
                                       "keywords", "industry_codes", "basis"};

static void test_import_cells(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct chains_import_result r;
	const char *const bad[] = {
		head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7], head[8],
		"smart-sensor", "s-a", "甲", "上游", "s-b", "1", "MEMS", "3983", "",
		"smart-sensor", "s-b", "乙", "上游", "s-a", "0", "", "39", "",
		"smart-sensor", "s a", "丙", "中游", "", "", "", "12345", "",
	};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_MAP, bad, 4, COLS, "t", false, &r, &e),
	                 ERR_REJECTED);
	assert_int_equal(r.issues.n, 4);
	assert_string_equal(r.issues.items[0].code, "cycle");
	assert_int_equal(r.issues.items[0].row, 2);
	assert_string_equal(r.issues.items[1].code, "cycle");
	assert_string_equal(r.issues.items[2].code, "bad_id");
	assert_string_equal(r.issues.items[3].code, "unknown_industry_code");
	assert_string_equal(r.issues.items[3].value, "12345");
	chains_import_result_free(&r);
	assert_int_equal(nodes(f, "smart-sensor"), 0);

	const char *const good[] = {
		head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7], head[8],
		"智能传感器", "s-a", "甲", "上游", "", "否", "", "", "“设计”",
		"smart-sensor", "s-b", "乙", "upstream", "s-a", "是", "MEMS|压力传感器", "3983|398", "“制造”",
	};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_MAP, good, 3, COLS, "t", true, &r, &e),
	                 ERR_OK);
	assert_int_equal(nodes(f, "smart-sensor"), 0); /* dry run */
	chains_import_result_free(&r);
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_MAP, good, 3, COLS, "t", false, &r, &e),
	                 ERR_OK);
	assert_int_equal(r.written, 2);
	chains_import_result_free(&r);
	assert_int_equal(nodes(f, "smart-sensor"), 2);

	/* s-a belongs to smart-sensor: another industry cannot take the id. */
	const char *const clash[] = {
		head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7], head[8],
		"new-energy", "s-a", "丙", "下游", "", "", "", "", "",
	};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_MAP, clash, 2, COLS, "t", false, &r, &e),
	                 ERR_BUSY);
	chains_import_result_free(&r);
	assert_int_equal(nodes(f, "new-energy"), 0);
}

static void test_settings(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct chain_settings s;
	assert_int_equal(chains_settings(f->s, &s, &e), ERR_OK);
	assert_int_equal(s.strong_min, CHAIN_DEFAULT_STRONG);
	assert_int_equal(s.present_min, CHAIN_DEFAULT_PRESENT);
	s.strong_min = 8;
	s.present_min = 3;
	s.concentration = 66.5;
	assert_int_equal(chains_settings_put(f->s, &s, &e), ERR_OK);
	struct chain_settings t;
	assert_int_equal(chains_settings(f->s, &t, &e), ERR_OK);
	assert_int_equal(t.strong_min, 8);
	assert_int_equal(t.present_min, 3);
	assert_float_equal(t.concentration, 66.5, 0);
	s.present_min = 9;
	assert_int_equal(chains_settings_put(f->s, &s, &e), ERR_INVALID);
}

static int one_cand(void *ctx, const struct store_chain_candidate *c)
{
	struct store_chain_candidate *out = ctx;
	out->id++;
	if (strcmp(c->name, "上海甲公司") == 0) {
		assert_string_equal(c->city, "苏州");
		assert_true(isnan(c->revenue));
		assert_int_equal(c->high_tech, -1);
	}
	return 0;
}

static void test_candidates(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct chains_import_result r;
	const char *const a[] = {"企业名称", "所在城市", "营业收入（万元）", "上海甲公司", "上海", "100"};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_CANDIDATES, a, 2, 3, "t", false, &r, &e),
	                 ERR_OK);
	chains_import_result_free(&r);
	/* The same name again: updated, not added. */
	const char *const b[] = {"企业名称", "所在城市", "上海甲公司", "苏州"};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_CANDIDATES, b, 2, 2, "t", false, &r, &e),
	                 ERR_OK);
	chains_import_result_free(&r);
	struct store_chain_candidate n = {0};
	assert_int_equal(store_chain_candidates(f->s, one_cand, &n, &e), ERR_OK);
	assert_int_equal(n.id, 1);
	/* A bad size and a bad credit code, each named by the enterprise list's own rules (in the
	 * order of its fields). */
	const char *const c[] = {"企业名称", "所在城市", "企业规模", "统一社会信用代码",
	                         "乙公司", "北京", "巨型", "91440300100010011X"};
	assert_int_equal(chains_import_cells(f->s, &f->ctx, CHAINS_CANDIDATES, c, 2, 4, "t", false, &r, &e),
	                 ERR_REJECTED);
	assert_int_equal(r.issues.n, 2);
	assert_string_equal(r.issues.items[0].column, "统一社会信用代码");
	assert_string_equal(r.issues.items[1].column, "企业规模");
	chains_import_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_builtin, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_import_cells, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_settings, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_candidates, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
