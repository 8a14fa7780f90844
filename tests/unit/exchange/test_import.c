/*
 * test_import.c - importing files larger than one read slice (src/exchange/import.c reads CSV in
 * 4 MiB slices): records with quoted line breaks straddle slice ends, in UTF-8 and GB18030, and
 * every row lands with its text intact and its own row number in messages.
 */
#include "testutil.h"

#include "store_fixture.h"

#include "exchange/exchange.h"
#include "model/uscc.h"

#define ROWS 30000 /* ~10 MiB: three slices */

/* Credit code number i (unique), built with the standard's check characters. */
static void code_of(long i, char out[32])
{
	(void)snprintf(out, 32, "91440300%08ld", i % 100000000);
	out[16] = uscc_org_check_char(out + 8);
	out[17] = uscc_check_char(out);
	out[18] = '\0';
}

/* Write the big file; `bad_row` (file line) gets an unknown district when > 0. */
static void write_big(const char *path, long bad_line)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	(void)fputs("统一社会信用代码,企业名称,所在区,经营范围\n", out);
	long line = 2;
	for (long i = 0; i < ROWS; i++) {
		char code[32];
		code_of(i, code);
		/* Each scope spans three lines, so records end mid-slice as often as not. */
		(void)fprintf(out, "%s,深圳市测试%ld科技有限公司,%s,\"集成电路设计，\"\"芯片\"\"研发；\n第二行%ld\n"
		              "第三行：电子元器件、传感器、智能终端设备的生产、加工与销售；信息系统集成服务\"\n",
		              code, i, line == bad_line ? "海淀" : "南山", i);
		line += 3;
	}
	assert_int_equal(fclose(out), 0);
}

static long count_rows(struct fixture *f)
{
	struct list_query q = {.limit = 0};
	long total = -1;
	struct err e = {0};
	assert_int_equal(store_list_query(f->s, list_find("enterprises"), &q, NULL, NULL, &total, &e), ERR_OK);
	return total;
}

static void import_ok(struct fixture *f, const char *path)
{
	struct import_opts o = {.path = path};
	struct import_result r = {0};
	struct err e = {0};
	enum err_code rc = exchange_import(f->s, &f->ctx, list_find("enterprises"), &o, &r, &e);
	if (rc != ERR_OK)
		fail_msg("import: %s (%zu issues, first row %u)", e.msg, r.issues.n,
		         r.issues.n ? r.issues.items[0].row : 0);
	assert_int_equal(r.rows, ROWS);
	import_result_free(&r);
}

static void test_big_utf8_and_gb18030(void **state)
{
	struct fixture *f = *state;
	write_big(f->file, 0);
	import_ok(f, f->file);
	assert_int_equal(count_rows(f), ROWS);
	/* The last record's three lines arrived whole. */
	char code[32];
	code_of(ROWS - 1, code);
	bool found;
	struct record r;
	struct err e = {0};
	assert_int_equal(store_list_find(f->s, list_find("enterprises"), "uscc", code, NULL, &found, &r, &e),
	                 ERR_OK);
	assert_true(found);
	const char *scope = r.v[list_field_index(list_find("enterprises"), "business_scope")].text;
	assert_non_null(strstr(scope, "\"芯片\"研发；\n第二行29999\n第三行"));
	record_free(&r);

	/* The same file in GB18030 changes nothing. */
	char gb[400], cmd[1000];
	(void)snprintf(gb, sizeof gb, "%s/big-gb.csv", f->dir);
	(void)snprintf(cmd, sizeof cmd, "iconv -f UTF-8 -t GB18030 '%s' > '%s'", f->file, gb);
	assert_int_equal(system(cmd), 0);
	struct import_opts o = {.path = gb};
	struct import_result res = {0};
	assert_int_equal(exchange_import(f->s, &f->ctx, list_find("enterprises"), &o, &res, &e), ERR_OK);
	assert_int_equal(res.unchanged, ROWS);
	import_result_free(&res);
}

static void test_bad_row_deep_in_the_file(void **state)
{
	struct fixture *f = *state;
	long bad_line = 2 + 3L * 25000; /* in the third slice */
	write_big(f->file, bad_line);
	struct import_opts o = {.path = f->file};
	struct import_result r = {0};
	struct err e = {0};
	assert_int_equal(exchange_import(f->s, &f->ctx, list_find("enterprises"), &o, &r, &e), ERR_REJECTED);
	assert_int_equal(r.issues.n, 1);
	assert_int_equal(r.issues.items[0].row, bad_line); /* the physical line, across slices */
	assert_string_equal(r.issues.items[0].code, "unknown_district");
	import_result_free(&r);
	assert_int_equal(count_rows(f), 0); /* nothing written */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_big_utf8_and_gb18030, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_deep_in_the_file, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
