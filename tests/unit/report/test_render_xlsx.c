/* test_render_xlsx.c - doc_xlsx (src/report/render_xlsx.c) read back with io/xlsx.h's reader:
 * the 说明 sheet, one sheet per table, numbers as numbers, NAN as empty, and the same bytes
 * from the same doc (the creation time is the doc's). */
#include "testutil.h"

#include <math.h>

#include "base/sha256.h"
#include "io/xlsx.h"
#include "report/doc.h"

static void make_doc(struct doc *d)
{
	doc_init(d, "深圳市“20+8”产业集群发展滚动报告（2025年上半年）", "2025H1", "zh",
	         "2025-08-01T02:03:04Z");
	doc_add_heading(d, 1, "s1", "一、摘要");
	doc_add_text(d, DOC_PARAGRAPH, "上半年，全市战略性新兴产业增加值1234.57亿元。");
	doc_add_text(d, DOC_NOTE, "数据来源：企业数据汇总");
	const char *h[] = {"产业", "增加值（亿元）", "同比增长"};
	enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_PCT1};
	struct doc_table *t = &doc_add_table(d, "表1 各产业", "表1 各产业", "统计监测", 3, h, f, 2)->table;
	doc_table_set_text(t, 0, 0, "网络与通信");
	doc_table_set_num(t, 0, 1, 1234.5);
	doc_table_set_num(t, 0, 2, 8.25);
	doc_table_set_text(t, 1, 0, "量子信息"); /* no figures: empty cells */
	const char *h2[] = {"阶段", "企业数"};
	enum doc_numfmt f2[] = {DOC_NUM_INT, DOC_NUM_INT};
	t = &doc_add_table(d, "表2 培育", "表2 培育", "清单", 2, h2, f2, 1)->table;
	doc_table_set_text(t, 0, 0, "上市");
	doc_table_set_num(t, 0, 1, 32);
}

/* The rows of one sheet as "a|b|c" lines. */
static void read_sheet(const char *path, const char *sheet, char *out, size_t cap)
{
	struct xlsx_reader *r = NULL;
	struct err e = {0};
	struct xlsx_row row;
	assert_int_equal(xlsx_reader_open(path, sheet, &r, &e), ERR_OK);
	size_t n = 0;
	out[0] = '\0';
	while (xlsx_reader_next(r, &row, &e) == ERR_OK) {
		for (size_t c = 0; c < row.n; c++)
			n += (size_t)snprintf(out + n, cap - n, "%s%s", c ? "|" : "", row.cells[c]);
		n += (size_t)snprintf(out + n, cap - n, "\n");
		assert_true(n < cap);
	}
	xlsx_reader_free(r);
}

static void file_sha(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	(void)fclose(f);
	sha256_hex(buf, n, hex);
}

static void test_sheets_and_numbers(void **state)
{
	(void)state;
	char dir[256], path[300], path2[300], text[8192];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/r.xlsx", dir);
	(void)snprintf(path2, sizeof path2, "%s/r2.xlsx", dir);
	struct doc d;
	struct err e = {0};
	make_doc(&d);
	assert_int_equal(doc_xlsx(&d, path, &e), ERR_OK);

	read_sheet(path, NULL, text, sizeof text); /* the first sheet is 说明 */
	assert_non_null(strstr(text, "项目|内容\n标题|深圳市“20+8”产业集群发展滚动报告（2025年上半年）\n"));
	assert_non_null(strstr(text, "期间|2025H1\n数据截取|2025-08-01T02:03:04Z\n"));
	assert_non_null(strstr(text, "表1 各产业|工作表“表1 各产业”；来源：统计监测\n"));
	assert_non_null(strstr(text, "说明|数据来源：企业数据汇总\n"));
	read_sheet(path, "说明", text, sizeof text);

	read_sheet(path, "表1 各产业", text, sizeof text);
	assert_string_equal(text, "产业|增加值（亿元）|同比增长\n网络与通信|1234.5|8.25\n量子信息\n");
	read_sheet(path, "表2 培育", text, sizeof text);
	assert_string_equal(text, "阶段|企业数\n上市|32\n");

	/* The same doc gives the same bytes, whenever it is written. */
	sleep(1);
	assert_int_equal(doc_xlsx(&d, path2, &e), ERR_OK);
	char a[65], b[65];
	file_sha(path, a);
	file_sha(path2, b);
	assert_string_equal(a, b);
	doc_free(&d);
	tmpdir_remove(dir);
}

static void test_number_formats_in_the_file(void **state)
{
	(void)state;
	char dir[256], path[300], cmd[1400];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/r.xlsx", dir);
	struct doc d;
	struct err e = {0};
	make_doc(&d);
	assert_int_equal(doc_xlsx(&d, path, &e), ERR_OK);
	/* The styles carry the columns' formats (#,##0.00 and 0.0"%"), and the header is bold. */
	(void)snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/styles.xml | grep -q '#,##0.00' && "
	                                "unzip -p '%s' xl/styles.xml | grep -q '0.0&quot;%%&quot;' && "
	                                "unzip -p '%s' xl/worksheets/sheet2.xml | grep -q 'state=\"frozen\"'",
	               path, path, path);
	assert_int_equal(system(cmd), 0);
	doc_free(&d);
	tmpdir_remove(dir);
}

static void test_bad_sheet_name(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/r.xlsx", dir);
	struct doc d;
	struct err e = {0};
	make_doc(&d);
	const char *h[] = {"a"};
	doc_add_table(&d, "表1 各产业", "重复", "", 1, h, NULL, 0); /* the same sheet name again */
	assert_int_equal(doc_xlsx(&d, path, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "表1 各产业"));
	doc_free(&d);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheets_and_numbers),
		cmocka_unit_test(test_number_formats_in_the_file),
		cmocka_unit_test(test_bad_sheet_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
