/* test_doc.c - building a report document (src/report/doc.c): blocks, copies, number formats. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "report/doc.h"

static void test_blocks_are_copied(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "报告", "2025H1", "zh", "2025-08-01T00:00:00Z");
	char text[] = "上半年";
	doc_add_heading(&d, 7, "s1", "一、总体情况");
	doc_add_text(&d, DOC_PARAGRAPH, text);
	text[0] = 'x'; /* the doc holds its own copy */
	doc_addf(&d, DOC_BULLET, "增加值%.2f亿元，同比增长%.1f%%", 1234.5, 6.25);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.blocks[0].level, 3); /* clamped to 1..3 */
	assert_string_equal(d.blocks[1].text, "上半年");
	assert_string_equal(d.blocks[2].text, "增加值1234.50亿元，同比增长6.2%");
	doc_free(&d);
	doc_free(NULL);
}

static void test_table_and_chart(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *h[] = {"集群", "增加值（亿元）", "增速（%）"};
	enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1};
	struct doc_table *t = &doc_add_table(&d, "集群", "表1", "来源", 3, h, f, 2)->table;
	doc_table_set_text(t, 0, 0, "网络与通信");
	doc_table_set_num(t, 0, 1, 1234.567);
	doc_table_set_num(t, 5, 1, 1); /* out of range: ignored */
	assert_string_equal(t->cells[0].text, "网络与通信");
	assert_true(t->cells[1].num > 1234.56 && t->cells[1].num < 1234.57);
	assert_true(isnan(t->cells[2].num));
	assert_null(t->cells[3].text);
	const char *s[] = {"2024", "2025"};
	const char *c[] = {"A", "B", "C"};
	struct doc_chart *ch =
		&doc_add_chart(&d, DOC_CHART_BAR, "图1", "亿元", "来源", 2, s, 3, c)->chart;
	doc_chart_set(ch, 1, 2, 9.5);
	doc_chart_target(ch, 10, "目标");
	assert_true(ch->values[5] == 9.5);
	assert_true(isnan(ch->values[0]));
	assert_string_equal(ch->target_label, "目标");
	doc_free(&d);
}

static void test_format(void **state)
{
	(void)state;
	char b[48];
	assert_string_equal(doc_format_num(1234567.891, DOC_NUM_D2, b, sizeof(b)), "1,234,567.89");
	assert_string_equal(doc_format_num(999.96, DOC_NUM_D1, b, sizeof(b)), "1,000.0");
	assert_string_equal(doc_format_num(-1234, DOC_NUM_INT, b, sizeof(b)), "-1,234");
	assert_string_equal(doc_format_num(-0.001, DOC_NUM_D2, b, sizeof(b)), "0.00");
	assert_string_equal(doc_format_num(12.345, DOC_NUM_PCT1, b, sizeof(b)), "12.3%");
	assert_string_equal(doc_format_num(NAN, DOC_NUM_D2, b, sizeof(b)), "—");
	assert_string_equal(doc_format_num(100, DOC_NUM_INT, b, sizeof(b)), "100");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_are_copied),
		cmocka_unit_test(test_table_and_chart),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
