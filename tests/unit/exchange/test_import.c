/*
 * test_import.c - importing files larger than one read slice (src/exchange/import.c reads CSV in
 * 4 MiB slices): records with quoted line breaks straddle slice ends, in UTF-8 and GB18030, and
 * every row lands with its text intact and its own row number in messages; name clashes within
 * the file and with stored records.
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

/* Import f->file into enterprises; return the result (import_result_free it) and the code. */
static enum err_code import_file(struct fixture *f, bool skip_bad, struct import_result *r)
{
	struct import_opts o = {.path = f->file, .skip_bad = skip_bad};
	struct err e = {0};
	memset(r, 0, sizeof *r);
	return exchange_import(f->s, &f->ctx, list_find("enterprises"), &o, r, &e);
}

static void assert_issue(const struct import_result *r, size_t i, unsigned row, const char *code,
                         const char *in_message)
{
	assert_true(i < r->issues.n);
	assert_int_equal(r->issues.items[i].row, row);
	assert_string_equal(r->issues.items[i].code, code);
	if (in_message)
		assert_non_null(strstr(r->issues.items[i].message, in_message));
}

/*
 * Repeated keys name the row that had the key first, whether that row was written (a first load
 * finds it in the table), refused (the scratch set) or read into a table that was not empty.
 */
static void test_repeats_name_the_first_row(void **state)
{
	struct fixture *f = *state;
	char c0[32], c1[32], c2[32];
	code_of(0, c0);
	code_of(1, c1);
	code_of(2, c2);
	FILE *out = fopen(f->file, "w");
	assert_non_null(out);
	(void)fprintf(out, "统一社会信用代码,企业名称,所在区\n"
	              "%s,甲公司,南山\n"   /* 2 */
	              "%s,乙公司,海淀\n"   /* 3: refused */
	              "%s,乙二公司,南山\n" /* 4: repeats 3 */
	              "%s,甲二公司,南山\n" /* 5: repeats 2 */
	              "%s,甲三公司,南山\n" /* 6: repeats 2, not 5 */
	              "%s,丙公司,南山\n"   /* 7 */
	              "%s,丙二公司,南山\n", /* 8: repeats 7, after a refused row */
	              c0, c1, c1, c0, c0, c2, c2);
	assert_int_equal(fclose(out), 0);
	for (int pass = 0; pass < 2; pass++) { /* into the empty table, then into the filled one */
		struct import_result r;
		assert_int_equal(import_file(f, pass == 0, &r), pass == 0 ? ERR_OK : ERR_REJECTED);
		assert_int_equal(r.issues.n, 5);
		assert_issue(&r, 0, 3, "unknown_district", NULL);
		assert_issue(&r, 1, 4, "duplicate_in_file", "第3行");
		assert_issue(&r, 2, 5, "duplicate_in_file", "第2行");
		assert_issue(&r, 3, 6, "duplicate_in_file", "第2行");
		assert_issue(&r, 4, 8, "duplicate_in_file", "第7行");
		assert_int_equal(r.rejected, 5);
		assert_int_equal(pass == 0 ? r.inserted : r.unchanged, 2);
		import_result_free(&r);
		assert_int_equal(count_rows(f), 2);
	}
}

/* A first load of records over three lines each: a written record's row is its first line. */
static void test_repeat_of_a_record_over_lines(void **state)
{
	struct fixture *f = *state;
	FILE *out = fopen(f->file, "w");
	assert_non_null(out);
	(void)fputs("统一社会信用代码,企业名称,所在区,经营范围\n", out);
	for (long i = 10; i < 20; i++) {
		char code[32];
		code_of(i, code);
		(void)fprintf(out, "%s,丁%ld公司,南山,\"研发\n第二行\n第三行\"\n", code, i);
	}
	char code[32];
	code_of(14, code); /* the fifth record: line 2 + 3 * 4 */
	(void)fprintf(out, "%s,丁重复公司,南山,\n", code);
	assert_int_equal(fclose(out), 0);
	struct import_result r;
	assert_int_equal(import_file(f, false, &r), ERR_REJECTED);
	assert_int_equal(r.issues.n, 1);
	assert_issue(&r, 0, 32, "duplicate_in_file", "第14行");
	import_result_free(&r);
}

/*
 * A name stored under another code is a conflict, whether it was stored before the import or by an
 * earlier row of the same file. Into an empty table the import tracks the names it has written
 * instead of looking each one up: 3000 rows make that set grow several times before the clash.
 */
static void test_name_clash_within_the_file_and_with_stored(void **state)
{
	struct fixture *f = *state;
	const struct list_def *ent = list_find("enterprises");
	FILE *out = fopen(f->file, "w");
	assert_non_null(out);
	(void)fputs("统一社会信用代码,企业名称,所在区\n", out);
	char code[32];
	for (long i = 0; i < 3000; i++) {
		code_of(i, code);
		(void)fprintf(out, "%s,深圳市名称%ld有限公司,%s\n", code, i, i == 5 ? "海淀" : "南山");
	}
	code_of(3000, code); /* line 3002: the name of line 2002 (row 2000), stored under another code */
	(void)fprintf(out, "%s,深圳市名称2000有限公司,南山\n", code);
	code_of(3001, code); /* line 3003: the name of line 7, whose row was itself rejected */
	(void)fprintf(out, "%s,深圳市名称5有限公司,南山\n", code);
	code_of(3002, code); /* line 3004: refused as it is read, reported after line 3002 */
	(void)fprintf(out, "%s,深圳市名称3002有限公司,海淀\n", code);
	assert_int_equal(fclose(out), 0);

	struct import_opts o = {.path = f->file};
	struct import_result r = {0};
	struct err e = {0};
	assert_int_equal(exchange_import(f->s, &f->ctx, ent, &o, &r, &e), ERR_REJECTED);
	assert_int_equal(r.issues.n, 3);
	assert_int_equal(r.issues.items[0].row, 7);
	assert_string_equal(r.issues.items[0].code, "unknown_district");
	assert_int_equal(r.issues.items[1].row, 3002);
	assert_string_equal(r.issues.items[1].code, "conflict");
	assert_string_equal(r.issues.items[1].column, "企业名称");
	code_of(2000, code);
	assert_non_null(strstr(r.issues.items[1].message, code));
	assert_int_equal(r.issues.items[2].row, 3004);
	assert_int_equal(r.rejected, 3);
	assert_int_equal(r.inserted, 3000);
	import_result_free(&r);
	assert_int_equal(count_rows(f), 0);

	/* With --skip-bad the good rows land and the clashing one goes to the reject file. */
	o.skip_bad = true;
	memset(&r, 0, sizeof r);
	assert_int_equal(exchange_import(f->s, &f->ctx, ent, &o, &r, &e), ERR_OK);
	assert_int_equal(r.inserted, 3000);
	assert_int_equal(r.rejected, 3);
	assert_int_equal(count_rows(f), 3000);
	bool found;
	code_of(3000, code);
	assert_int_equal(store_list_find(f->s, ent, "uscc", code, NULL, &found, NULL, &e), ERR_OK);
	assert_false(found);
	size_t len;
	char *rejects = read_file(r.reject_path, &len);
	assert_non_null(strstr(rejects, code));
	assert_non_null(strstr(rejects, "深圳市名称2000有限公司,南山区,"));
	assert_non_null(strstr(rejects, "该企业名称已登记为统一社会信用代码"));
	free(rejects);
	import_result_free(&r);
	out = fopen(f->file, "w");
	assert_non_null(out);
	code_of(4000, code);
	(void)fprintf(out, "统一社会信用代码,企业名称,所在区\n%s,深圳市名称2000有限公司,南山\n", code);
	assert_int_equal(fclose(out), 0);
	o.skip_bad = false;
	memset(&r, 0, sizeof r);
	assert_int_equal(exchange_import(f->s, &f->ctx, ent, &o, &r, &e), ERR_REJECTED);
	assert_int_equal(r.issues.n, 1);
	assert_string_equal(r.issues.items[0].code, "conflict");
	code_of(2000, code);
	assert_non_null(strstr(r.issues.items[0].message, code));
	import_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_big_utf8_and_gb18030, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_deep_in_the_file, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_repeats_name_the_first_row, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_repeat_of_a_record_over_lines, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_name_clash_within_the_file_and_with_stored, fixture_setup,
		                                fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
