/* test_chain.c - chain maps (src/engine/chain.c): tagging, coverage and status, concentration,
 * outside supply, the completeness score and the ranking of candidates, on hand-built cases. */
#include "testutil.h"

#include <math.h>

#include "engine/chain.h"

/* 0 上游 ─ 1 EDA (critical), 2 材料 (critical); 3 中游 ─ 4 设计, 5 制造 */
static const struct chain_node MAP[] = {
	{"ic-up", "EDA、材料", CHAIN_UPSTREAM, -1, false, "", ""},
	{"ic-eda", "EDA工具", CHAIN_UPSTREAM, 0, true, "EDA|电子设计自动化", ""},
	{"ic-mat", "半导体材料", CHAIN_UPSTREAM, 0, true, "硅片| 光刻胶 ", "3985"},
	{"ic-mid", "设计制造", CHAIN_MIDSTREAM, -1, false, NULL, NULL},
	{"ic-design", "芯片设计", CHAIN_MIDSTREAM, 3, false, "芯片设计", "6520"},
	{"ic-fab", "晶圆制造", CHAIN_MIDSTREAM, 3, false, "晶圆", "397"},
};
#define N_MAP (sizeof MAP / sizeof MAP[0])

static void test_tag(void **state)
{
	(void)state;
	struct chain_tagger *t = NULL;
	struct err e = {0};
	assert_int_equal(chain_tagger_build(MAP, N_MAP, &t, &e), ERR_OK);
	unsigned char hits[N_MAP];
	/* Full-width ＥＤＡ normalises to eda, as the keyword does. */
	const char *text = "从事ＥＤＡ软件开发";
	assert_int_equal(chain_tag(t, NULL, text, strlen(text), hits), 1);
	assert_int_equal(hits[1], CHAIN_HIT_KEYWORD);
	assert_int_equal(hits[4], 0);
	/* A class alone; a 3-digit group code matches its classes. */
	assert_int_equal(chain_tag(t, "6520", "", 0, hits), 1);
	assert_int_equal(hits[4], CHAIN_HIT_CLASS);
	assert_int_equal(chain_tag(t, "3973", NULL, 0, hits), 1);
	assert_int_equal(hits[5], CHAIN_HIT_CLASS);
	/* Both, and a trimmed keyword; nothing for top nodes without keywords. */
	text = "硅片、光刻胶的研发";
	assert_int_equal(chain_tag(t, "3985", text, strlen(text), hits), 1);
	assert_int_equal(hits[2], CHAIN_HIT_KEYWORD | CHAIN_HIT_CLASS);
	assert_int_equal(hits[0] | hits[3], 0);
	/* No match. */
	text = "销售日用品";
	assert_int_equal(chain_tag(t, "5137", text, strlen(text), hits), 0);
	chain_tagger_free(t);
}

static void test_check(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(chain_check(MAP, N_MAP, &e), ERR_OK);
	struct chain_node cyc[3] = {MAP[0], MAP[1], MAP[2]};
	cyc[0].parent = 2; /* 0 -> 2 -> 0 */
	assert_int_equal(chain_check(cyc, 3, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "循环"));
	cyc[0].parent = 7;
	assert_int_equal(chain_check(cyc, 3, &e), ERR_INVALID);
}

static void test_coverage(void **state)
{
	(void)state;
	/* f0 甲 100, f1 乙 300, f2 丙 unknown, f3 丁 100, f4 戊 50 */
	const double values[] = {100, 300, NAN, 100, 50};
	const char *const names[] = {"甲", "乙", "丙", "丁", "戊"};
	const struct chain_tag_pair pairs[] = {
		{0, 1}, {1, 4}, {2, 4}, {3, 4}, {4, 5}, {0, 4}, {1, 4} /* a duplicate */,
	};
	const struct chain_supply supply[] = {{4, 100, true}, {4, 300, false}, {1, 50, true}};
	struct chain_settings set = {3, 2, 80.0};
	assert_true(chain_settings_valid(&set));
	struct chain_cov c;
	chain_coverage(MAP, N_MAP, pairs, 7, values, names, 5, supply, 3, &set, &c);
	/* EDA: one firm, critical -> gap; 材料: none, critical -> gap. */
	assert_int_equal(c.nodes[1].count, 1);
	assert_int_equal(c.nodes[1].status, CHAIN_CRITICAL_GAP);
	assert_int_equal(c.nodes[2].count, 0);
	assert_int_equal(c.nodes[2].status, CHAIN_CRITICAL_GAP);
	assert_true(isnan(c.nodes[2].top1_pct));
	/* 设计: f0 f1 f2 f3 (the duplicate once) -> strong; order 乙 300, 丁 100, 甲 100, 丙 ?. */
	assert_int_equal(c.nodes[4].count, 4);
	assert_int_equal(c.nodes[4].direct, 4);
	assert_int_equal(c.nodes[4].status, CHAIN_STRONG);
	assert_int_equal(c.nodes[4].n_leaders, 4);
	assert_int_equal(c.nodes[4].leaders[0], 1);
	assert_int_equal(c.nodes[4].leaders[1], 3);
	assert_int_equal(c.nodes[4].leaders[2], 0);
	assert_int_equal(c.nodes[4].leaders[3], 2);
	assert_float_equal(c.nodes[4].value, 500, 1e-9);
	assert_int_equal(c.nodes[4].n_value, 3);
	/* shares 60, 20, 20, 0: top1 60, top2 80, HHI 3600+400+400 */
	assert_true(c.nodes[4].by_value);
	assert_float_equal(c.nodes[4].top1_pct, 60, 1e-9);
	assert_float_equal(c.nodes[4].top2_pct, 80, 1e-9);
	assert_float_equal(c.nodes[4].hhi, 4400, 1e-6);
	assert_true(c.nodes[4].concentrated);
	/* 制造: one firm -> weak (not critical); one firm carries all of it. */
	assert_int_equal(c.nodes[5].status, CHAIN_WEAK);
	assert_float_equal(c.nodes[5].hhi, 10000, 1e-6);
	/* Top nodes count the distinct firms below: 上游 f0 -> weak; 中游 f0..f4 -> strong. */
	assert_int_equal(c.nodes[0].count, 1);
	assert_int_equal(c.nodes[0].direct, 0);
	assert_int_equal(c.nodes[0].status, CHAIN_WEAK);
	assert_int_equal(c.nodes[3].count, 5);
	assert_int_equal(c.nodes[3].status, CHAIN_STRONG);
	/* Outside supply: 设计 100 of 400; 中游 the same; 上游 50 of 50; 制造 none. */
	assert_float_equal(c.nodes[4].outside_pct, 25, 1e-9);
	assert_float_equal(c.nodes[3].outside_pct, 25, 1e-9);
	assert_float_equal(c.nodes[0].outside_pct, 100, 1e-9);
	assert_true(isnan(c.nodes[5].outside_pct));
	/* Leaves 1 2 4 5, weights 2 2 1 1, points 0 0 1 0.25: 100 * 1.25 / 6. */
	assert_int_equal(c.leaves, 4);
	assert_int_equal(c.critical_leaves, 2);
	assert_int_equal(c.by_status[CHAIN_CRITICAL_GAP], 2);
	assert_int_equal(c.by_status[CHAIN_STRONG], 1);
	assert_int_equal(c.by_status[CHAIN_WEAK], 1);
	assert_float_equal(c.score, 100.0 * 1.25 / 6.0, 1e-9);
	chain_cov_free(&c);

	/* Without values the shares are equal: 设计 4 firms -> 25, 50, HHI 2500. */
	chain_coverage(MAP, N_MAP, pairs, 7, NULL, names, 5, NULL, 0, &set, &c);
	assert_false(c.nodes[4].by_value);
	assert_float_equal(c.nodes[4].top1_pct, 25, 1e-9);
	assert_float_equal(c.nodes[4].top2_pct, 50, 1e-9);
	assert_float_equal(c.nodes[4].hhi, 2500, 1e-6);
	assert_false(c.nodes[4].concentrated);
	chain_cov_free(&c);
}

static void test_thresholds(void **state)
{
	(void)state;
	struct chain_settings set = {CHAIN_DEFAULT_STRONG, CHAIN_DEFAULT_PRESENT,
	                             CHAIN_DEFAULT_CONCENTRATION};
	struct chain_tag_pair pairs[6];
	for (size_t i = 0; i < 6; i++)
		pairs[i] = (struct chain_tag_pair){i, i < 5 ? 4 : 5};
	struct chain_cov c;
	/* defaults: strong >= 5, present >= 2 */
	chain_coverage(MAP, N_MAP, pairs, 6, NULL, NULL, 6, NULL, 0, &set, &c);
	assert_int_equal(c.nodes[4].status, CHAIN_STRONG);  /* 5 */
	assert_int_equal(c.nodes[5].status, CHAIN_WEAK);    /* 1 */
	assert_int_equal(c.nodes[3].status, CHAIN_STRONG);  /* 6 */
	chain_cov_free(&c);
	set.strong_min = 6;
	chain_coverage(MAP, N_MAP, pairs, 6, NULL, NULL, 6, NULL, 0, &set, &c);
	assert_int_equal(c.nodes[4].status, CHAIN_PRESENT);
	chain_cov_free(&c);
	set.present_min = 7; /* present above strong: invalid */
	assert_false(chain_settings_valid(&set));
}

static void test_rank(void **state)
{
	(void)state;
	const struct chain_candidate cands[] = {
		{"甲公司", "大型", NULL, "科创板", false, false, false, NAN},             /* kw: 40+20+10 */
		{"乙公司", "中型", "国家级小巨人", NULL, false, false, false, NAN},       /* kw+class: 50+12+15 */
		{"丙公司", "小型", NULL, NULL, false, false, false, NAN},                 /* kw: 46 */
		{"丁公司", "小型", NULL, NULL, false, false, false, 2e8},                 /* kw: 46, revenue */
	};
	assert_float_equal(chain_candidate_score(&cands[0], CHAIN_HIT_KEYWORD), 70, 0);
	assert_float_equal(chain_candidate_score(&cands[1], CHAIN_HIT_KEYWORD | CHAIN_HIT_CLASS), 77, 0);
	assert_float_equal(chain_candidate_score(&cands[2], CHAIN_HIT_KEYWORD), 46, 0);
	enum chain_status st[N_MAP] = {CHAIN_WEAK, CHAIN_CRITICAL_GAP, CHAIN_CRITICAL_GAP, CHAIN_STRONG,
	                               CHAIN_STRONG, CHAIN_WEAK};
	struct chain_suggestion s[] = {
		{5, 2, CHAIN_HIT_KEYWORD, 46}, {5, 0, CHAIN_HIT_KEYWORD, 70},
		{2, 2, CHAIN_HIT_KEYWORD, 46}, {2, 3, CHAIN_HIT_KEYWORD, 46},
		{2, 1, CHAIN_HIT_KEYWORD | CHAIN_HIT_CLASS, 77},
	};
	chain_rank(s, 5, st, cands);
	/* The gap node 2 first: 乙 77, then 丁 (46, revenue known) before 丙; then node 5: 甲, 丙. */
	assert_int_equal(s[0].node, 2);
	assert_int_equal(s[0].candidate, 1);
	assert_int_equal(s[1].candidate, 3);
	assert_int_equal(s[2].candidate, 2);
	assert_int_equal(s[3].node, 5);
	assert_int_equal(s[3].candidate, 0);
	assert_int_equal(s[4].candidate, 2);
	char reason[256];
	chain_candidate_reason(&cands[1], CHAIN_HIT_KEYWORD | CHAIN_HIT_CLASS, reason, sizeof reason);
	assert_string_equal(reason, "匹配环节关键词和行业代码；中型企业；国家级专精特新小巨人");
	chain_candidate_reason(&cands[3], CHAIN_HIT_CLASS, reason, sizeof reason);
	assert_string_equal(reason, "匹配环节行业代码；小型企业；营业收入2.00亿元");
}

static void test_names(void **state)
{
	(void)state;
	enum chain_stage s;
	assert_true(chain_stage_parse("上游", &s));
	assert_int_equal(s, CHAIN_UPSTREAM);
	assert_true(chain_stage_parse("downstream", &s));
	assert_int_equal(s, CHAIN_DOWNSTREAM);
	assert_false(chain_stage_parse("sideways", &s));
	assert_string_equal(chain_status_name(CHAIN_CRITICAL_GAP), "critical_gap");
	assert_string_equal(chain_status_zh(CHAIN_MISSING), "缺失");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag), cmocka_unit_test(test_check), cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_thresholds), cmocka_unit_test(test_rank), cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
