/* test_build.c - the report's doc from a hand-made snapshot (tests/fixtures/report/
 * inputs-2025H1.json, src/report/build.c and sections.c): the quotable sentences with the
 * figures rounded as bulletins do, 无数据 where there is none, briefs shown or listed as missing,
 * the chain hook, what changed since a previous report, English, and the string table. */
#include "testutil.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>

#include "report/report.h"
#include "report/report_int.h"

static json_t *load(void)
{
	json_error_t je;
	json_t *v = json_load_file("tests/fixtures/report/inputs-2025H1.json", 0, &je);
	assert_non_null(v);
	return v;
}

/* The index of the first block of `kind` whose text is `text`, or -1. */
static long find(const struct doc *d, enum doc_kind kind, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->blocks[i].kind == kind && d->blocks[i].text && strcmp(d->blocks[i].text, text) == 0)
			return (long)i;
	return -1;
}

static const struct doc_table *table(const struct doc *d, const char *title)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->blocks[i].kind == DOC_TABLE && strcmp(d->blocks[i].table.title, title) == 0)
			return &d->blocks[i].table;
	return NULL;
}

static void test_sentences(void **state)
{
	(void)state;
	json_t *in = load();
	struct doc d;
	struct err e = {0};
	assert_int_equal(report_build(in, NULL, "zh", &d, &e), ERR_OK);
	assert_string_equal(d.title, "深圳市“20+8”产业集群发展滚动报告（2025年上半年）");
	assert_string_equal(d.generated, "2025-08-01T00:00:00Z");
	/* 123456789012 元 = 1234.57 亿元; 8.44% -> 8.4%; 38.66% -> 38.7%. */
	assert_true(find(&d, DOC_PARAGRAPH, "2025年上半年，全市战略性新兴产业增加值1234.57亿元，同比增长8.4%，"
	                                    "占GDP比重38.7%。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "其中：营业收入 5000.00亿元，同比下降2.0%。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "1个有数据的产业集群中，增加值超千亿元的有1个（甲产业）；"
	                                    "增速最快的是甲产业（5.0%）。") >= 0);
	assert_true(find(&d, DOC_BULLET, "目标：目标甲。截至2024年已完成50.0%，时间进度66.7%，判断：存在风险。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "重点投资项目（截至2025-06-30）共1个：进度正常0个，预警0个，滞后1个。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "2025年上半年，个转企1家、小升规2家、规做精3家、优上市4家。") >= 0);
	/* The industry sections. */
	assert_true(find(&d, DOC_PARAGRAPH, "2025年上半年，甲产业增加值1200.00亿元，同比增长5.0%，占战略性新兴产业的97.2%。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "乙未来：本期无数据。") >= 0);
	assert_true(find(&d, DOC_BULLET, "乙未来 区域分布：无数据。") >= 0);
	assert_true(find(&d, DOC_BULLET, "“六个一”“七个一”：已具备0项（共13项）；缺少：基金。") >= 0);
	assert_true(find(&d, DOC_BULLET, "重点项目（截至2025-06-30）1个：正常0个，预警0个，滞后1个；滞后项目："
	                                 "一号项目（P1，完成10.0%，时间进度50.0%）。") >= 0);
	assert_true(find(&d, DOC_BULLET, "招商线索4条，按当前阶段：线索 3 → 落地 1。") >= 0);
	assert_true(find(&d, DOC_BULLET, "招商线索：无数据。") >= 0);
	assert_true(find(&d, DOC_BULLET, "产业链薄弱环节：链图尚未建立，暂无法分析。") >= 0);
	/* Tables: the indicators with the year before, the district with its LQ. */
	const struct doc_table *t = table(&d, "表3 甲产业 主要指标");
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_true(fabs(t->cells[1].num - 1200.0) < 1e-9);
	assert_true(fabs(t->cells[3].num - 1142.85714286) < 1e-9);
	t = table(&d, "表4 甲产业 区域分布");
	assert_non_null(t);
	assert_string_equal(t->cells[0].text, "南山区");
	assert_true(fabs(t->cells[1].num - 500.0) < 1e-9 && fabs(t->cells[4].num - 1.5) < 1e-12);
	assert_string_equal(t->cells[5].text, "是");
	/* World trends: a's brief as written, f's listed as missing. */
	long h = find(&d, DOC_HEADING, "八、世界产业趋势");
	assert_true(h > 0);
	assert_true(find(&d, DOC_PARAGRAPH, "全球市场增长10%。") > h);
	assert_true(find(&d, DOC_BULLET, "要点一") > h);
	assert_true(find(&d, DOC_NOTE, "某机构报告2025") > h);
	assert_true(find(&d, DOC_PARAGRAPH, "缺少简报（1个产业）：乙未来。请用 jiqun brief add 补充；报告不代写。") > h);
	assert_true(find(&d, DOC_PARAGRAPH, "没有上期报告的快照，无法比较：这是第一份报告。") > h);
	/* Every part is there, in order. */
	static const char *const parts[] = {"一、摘要", "二、规划目标进展", "三、总体态势", "四、产业集群",
	                                    "五、未来产业", "六、各区", "七、企业培育", "八、世界产业趋势",
	                                    "九、与上期报告相比", "十、资料来源与说明", "附录"};
	long last = -1;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		long at = find(&d, DOC_HEADING, parts[i]);
		assert_true(at > last);
		last = at;
	}
	size_t charts = 0;
	for (size_t i = 0; i < d.n; i++)
		charts += d.blocks[i].kind == DOC_CHART;
	assert_int_equal(charts, 4); /* gauge, trend, ranking, contribution */
	doc_free(&d);
	json_decref(in);
}

/* With chain maps in the snapshot: the score and the weak links, named with their status and
 * local firms; an industry whose map has no weak link says so; one without a map says 尚未建立. */
static void test_chain_weak_links(void **state)
{
	(void)state;
	json_t *in = load();
	json_object_set_new(in, "chains", json_pack(
		"{s:{s:f, s:s, s:[{s:s, s:s, s:s, s:b, s:i}, {s:s, s:s, s:s, s:b, s:i}]}}", "a", "score",
		62.5, "formula", "f", "weak_links", "name", "光刻胶", "stage", "upstream", "status_zh",
		"卡脖子缺口", "critical", 1, "count", 0, "name", "封装测试", "stage", "midstream",
		"status_zh", "薄弱", "critical", 0, "count", 1));
	struct doc d;
	struct err e = {0};
	assert_int_equal(report_build(in, NULL, "zh", &d, &e), ERR_OK);
	assert_true(find(&d, DOC_BULLET, "产业链完整度62.5分；薄弱环节2个：光刻胶（卡脖子缺口，本地企业0家）、"
	                                 "封装测试（薄弱，本地企业1家）。") >= 0);
	assert_true(find(&d, DOC_BULLET, "产业链薄弱环节：链图尚未建立，暂无法分析。") >= 0); /* f */
	doc_free(&d);
	json_object_set_new(json_object_get(in, "chains"), "a",
	                    json_pack("{s:f, s:s, s:[]}", "score", 100.0, "formula", "f", "weak_links"));
	assert_int_equal(report_build(in, NULL, "en", &d, &e), ERR_OK);
	assert_true(find(&d, DOC_BULLET, "Chain completeness 100.0; no weak links.") >= 0);
	doc_free(&d);
	json_decref(in);
}

static void test_changes_since_previous(void **state)
{
	(void)state;
	json_t *in = load(), *prev = load();
	/* The previous report of the same period: a's value added was 1100亿, P1 on plan, the target
	 * on track. */
	json_t *figs = json_object_get(json_object_get(prev, "stats"), "figures");
	json_object_set_new(json_array_get(figs, 2), "value", json_real(110000000000.0));
	json_object_set_new(json_array_get(json_object_get(json_object_get(prev, "projects"), "items"), 0),
	                    "status", json_string("green"));
	json_object_set_new(json_array_get(json_object_get(json_object_get(prev, "targets"), "targets"), 0),
	                    "status", json_string("on_track"));
	json_object_set_new(prev, "taken_at", json_string("2025-07-15T00:00:00Z"));
	struct doc d;
	struct err e = {0};
	assert_int_equal(report_build(in, prev, "zh", &d, &e), ERR_OK);
	assert_true(find(&d, DOC_PARAGRAPH, "上期报告：2025年上半年（快照取于 2025-07-15T00:00:00Z）。") >= 0);
	long i = find(&d, DOC_PARAGRAPH, "修订的数据（2025年上半年）：1项。");
	assert_true(i >= 0 && d.blocks[i].revised);
	const struct doc_table *t = table(&d, "表8 修订的数据");
	assert_non_null(t);
	assert_string_equal(t->cells[0].text, "甲产业（计算）");
	assert_true(fabs(t->cells[3].num - 1100) < 1e-9 && fabs(t->cells[4].num - 1200) < 1e-9 &&
	            fabs(t->cells[5].num - 100) < 1e-9);
	i = find(&d, DOC_PARAGRAPH, "新滞后的重点项目1个：一号项目（P1）。");
	assert_true(i >= 0 && d.blocks[i].revised);
	assert_true(find(&d, DOC_PARAGRAPH, "新出现风险的目标1个：目标甲（存在风险）。") >= 0);
	/* The industries' table marks the revised row. */
	t = table(&d, "表2 各产业增加值");
	assert_string_equal(t->cells[0].text, "甲产业（修订）");
	doc_free(&d);
	/* Nothing changed: said so. */
	assert_int_equal(report_build(in, in, "zh", &d, &e), ERR_OK);
	assert_true(find(&d, DOC_PARAGRAPH, "数据未修订（2025年上半年）。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "没有新滞后的重点项目。") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "没有新出现风险的目标。") >= 0);
	doc_free(&d);
	json_decref(in);
	json_decref(prev);
}

static void test_english(void **state)
{
	(void)state;
	json_t *in = load();
	struct doc d;
	struct err e = {0};
	assert_int_equal(report_build(in, NULL, "en", &d, &e), ERR_OK);
	assert_string_equal(d.lang, "en");
	assert_true(find(&d, DOC_HEADING, "1. Summary") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "In the first half of 2025, the value added of the city's strategic "
	                                    "emerging industries was 1234.57 hundred million yuan, up 8.4% year "
	                                    "on year, 38.7% of GDP.") >= 0);
	assert_true(find(&d, DOC_PARAGRAPH, "Fut: no data for the period.") >= 0);
	doc_free(&d);
	assert_int_equal(report_build(in, NULL, "fr", &d, &e), ERR_INVALID);
	json_object_set_new(in, "format", json_integer(99));
	assert_int_equal(report_build(in, NULL, "zh", &d, &e), ERR_INVALID);
	json_decref(in);
}

/* The conversions of a printf format ("%s", "%.1f", "%%" skipped), as one string. */
static void conversions(const char *f, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = f; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && !isalpha((unsigned char)*p))
			p++;
		while ((*p == 'l' || *p == 'z') && n < cap - 2)
			out[n++] = *p++;
		if (n < cap - 1)
			out[n++] = *p;
	}
	out[n] = '\0';
}

static void test_string_table(void **state)
{
	(void)state;
	for (int i = 0; i < S_COUNT; i++) {
		char zh[64], en[64];
		assert_true(rb_str((enum rb_str)i, false)[0] != '\0');
		assert_true(rb_str((enum rb_str)i, true)[0] != '\0');
		conversions(rb_str((enum rb_str)i, false), zh, sizeof zh);
		conversions(rb_str((enum rb_str)i, true), en, sizeof en);
		if (strcmp(zh, en) != 0)
			fail_msg("string %d: Chinese takes %s, English %s", i, zh, en);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_chain_weak_links),
		cmocka_unit_test(test_changes_since_previous),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_string_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
