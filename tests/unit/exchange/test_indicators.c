/*
 * test_indicators.c - `jiqun import indicators` (src/exchange/indicators.c): both file forms, unit
 * conversion on import, all-or-nothing, and each kind of rejected row named by row and column.
 */
#include "testutil.h"

#include <math.h>

#include "exchange/exchange.h"
#include "store_fixture.h"

/* Two enterprises of tests/fixtures/lists/enterprises.csv. */
#define E1 "91440300700079194G"
#define E2 "91440300700158386W"

static void add_enterprises(struct fixture *f)
{
	struct import_opts o = {.path = "tests/fixtures/lists/enterprises.csv"};
	struct import_result r;
	struct err e = {0};
	assert_int_equal(exchange_import(f->s, &f->ctx, list_find("enterprises"), &o, &r, &e), ERR_OK);
	import_result_free(&r);
}

static enum err_code import(struct fixture *f, const char *text, bool dry, struct ind_import_result *r)
{
	struct import_opts o = {.path = f->file, .dry_run = dry};
	struct err e = {0};
	write_file(f->file, text, strlen(text));
	return exchange_import_indicators(f->s, f->p, &o, r, &e);
}

struct seen {
	int n;
	char text[8][96];
};

static int each_fact(void *ctx, const struct store_ind_fact *x)
{
	struct seen *s = ctx;
	if (s->n < 8)
		(void)snprintf(s->text[s->n++], 96, "%lld %s %s %d %.2f", x->enterprise,
		               indicator_defs[x->indicator].id, x->period, x->cumulative, x->value);
	return 0;
}

static int each_pub(void *ctx, const struct store_ind_published *x)
{
	struct seen *s = ctx;
	if (s->n < 8)
		(void)snprintf(s->text[s->n++], 96, "%s/%s %s %s %d %.0f %.1f %s", x->level, x->key,
		               indicator_defs[x->indicator].id, x->period, x->cumulative, x->value,
		               x->growth_pct, x->source);
	return 0;
}

static void test_enterprise_values(void **state)
{
	struct fixture *f = *state;
	struct ind_import_result r;
	struct err e = {0};
	add_enterprises(f);
	const char *file = "统一社会信用代码,期间,指标,数值,单位,口径\n"
	                   E1 ",2025-07,增加值,1.5,亿元,累计\n"
	                   E1 ",2025-07,从业人员,1.2,万人,\n"
	                   E2 ",2025Q1,营业收入,\"1,200\",万元,当期\n";
	assert_int_equal(import(f, file, true, &r), ERR_OK); /* dry run: checked, not written */
	assert_int_equal(r.form, IND_FILE_ENTERPRISE);
	assert_int_equal(r.rows, 3);
	ind_import_result_free(&r);
	struct seen s = {0};
	assert_int_equal(store_ind_facts(f->s, each_fact, &s, &e), ERR_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(import(f, file, false, &r), ERR_OK);
	assert_int_equal(r.written, 3);
	ind_import_result_free(&r);
	assert_int_equal(store_ind_facts(f->s, each_fact, &s, &e), ERR_OK);
	assert_int_equal(s.n, 3);
	/* 1.5亿元 = 150 000 000 元; 1.2万人 = 12 000 人; 1,200万元 = 12 000 000 元. */
	assert_string_equal(s.text[0], "1 employees 2025-07 0 12000.00");
	assert_string_equal(s.text[1], "1 value_added 2025-07 1 150000000.00");
	assert_string_equal(s.text[2], "2 revenue 2025Q1 0 12000000.00");
	/* Importing again replaces, never duplicates. */
	assert_int_equal(import(f, file, false, &r), ERR_OK);
	ind_import_result_free(&r);
	s.n = 0;
	assert_int_equal(store_ind_facts(f->s, each_fact, &s, &e), ERR_OK);
	assert_int_equal(s.n, 3);
}

static void test_enterprise_rejected(void **state)
{
	struct fixture *f = *state;
	struct ind_import_result r;
	struct err e = {0};
	add_enterprises(f);
	const char *file = "统一社会信用代码,期间,指标,数值,单位,口径\n"
	                   E1 ",2025-07,增加值,1,万元,累计\n"          /* 2: good */
	                   E1 ",2025-07,从业人员,100,人,累计\n"        /* 3: stock cumulative */
	                   E1 ",2025-07,营业收入,100,人,当期\n"        /* 4: unit */
	                   "9144030071526726XG,2025-07,增加值,1,万元,\n" /* 5: not in the list */
	                   E1 ",2025-07,增加值,2,万元,累计\n";          /* 6: duplicate of 2 */
	assert_int_equal(import(f, file, false, &r), ERR_REJECTED);
	assert_int_equal(r.rows, 5);
	assert_int_equal(r.rejected, 4);
	assert_int_equal(r.issues.n, 4);
	assert_int_equal(r.issues.items[0].row, 3);
	assert_string_equal(r.issues.items[0].code, "cumulative_stock");
	assert_string_equal(r.issues.items[0].column, "口径");
	assert_int_equal(r.issues.items[1].row, 4);
	assert_string_equal(r.issues.items[1].code, "bad_unit");
	assert_string_equal(r.issues.items[1].column, "单位");
	assert_int_equal(r.issues.items[2].row, 5);
	assert_string_equal(r.issues.items[2].code, "unknown_enterprise");
	assert_int_equal(r.issues.items[3].row, 6);
	assert_string_equal(r.issues.items[3].code, "duplicate_in_file");
	ind_import_result_free(&r);
	struct seen s = {0};
	assert_int_equal(store_ind_facts(f->s, each_fact, &s, &e), ERR_OK);
	assert_int_equal(s.n, 0); /* all or nothing */
}

static void test_published(void **state)
{
	struct fixture *f = *state;
	struct ind_import_result r;
	struct err e = {0};
	const char *file = "level,key,period,indicator,value,unit,growth_pct,source,basis\n"
	                   "city,,2025-06,地区生产总值,17835.94,亿元,5.1%,深圳市统计局,累计\n"
	                   "district,南山,2025,GDP,0.8,万亿元,,南山区统计局,\n"
	                   "industry,半导体与集成电路,2025Q2,增加值,300,亿元,-1.5,工信局,当期\n";
	assert_int_equal(import(f, file, false, &r), ERR_OK);
	assert_int_equal(r.form, IND_FILE_PUBLISHED);
	assert_int_equal(r.written, 3);
	ind_import_result_free(&r);
	struct seen s = {0};
	assert_int_equal(store_ind_published(f->s, each_pub, &s, &e), ERR_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "city/ gdp 2025-06 1 1783594000000 5.1 深圳市统计局");
	assert_string_equal(s.text[1], "district/nanshan gdp 2025 0 800000000000 nan 南山区统计局");
	assert_string_equal(s.text[2], "industry/semiconductor-ic value_added 2025Q2 0 30000000000 -1.5 工信局");
	const char *bad = "层级,对象,期间,指标,数值,单位,来源\n"
	                  "programme,,2025,地区生产总值,1,亿元,x\n" /* gdp only for city or district */
	                  "category,不存在,2025,增加值,1,亿元,x\n";
	assert_int_equal(import(f, bad, false, &r), ERR_REJECTED);
	assert_int_equal(r.issues.n, 2);
	assert_string_equal(r.issues.items[0].code, "aggregate_only");
	assert_string_equal(r.issues.items[1].code, "unknown_key");
	assert_string_equal(r.issues.items[1].column, "对象");
	ind_import_result_free(&r);
	/* Neither form: the headers say what is missing. */
	assert_int_equal(import(f, "期间,指标,数值\n2025,增加值,1\n", false, &r), ERR_REJECTED);
	ind_import_result_free(&r);
}

static void test_chinese_periods(void **state)
{
	struct fixture *f = *state;
	struct ind_import_result r;
	struct err e = {0};
	add_enterprises(f);
	/* 2025年1-7月 is 累计 by itself; 2025年第3季度 and 2025年7月 are period values. */
	const char *file = "统一社会信用代码,期间,指标,数值,单位,口径\n"
	                   E1 ",2025年1-7月,增加值,7,万元,\n"
	                   E1 ",2025年第3季度,增加值,3,万元,\n"
	                   E1 ",2025年6月,从业人员,10,人,当期\n";
	assert_int_equal(import(f, file, false, &r), ERR_OK);
	ind_import_result_free(&r);
	struct seen s = {0};
	assert_int_equal(store_ind_facts(f->s, each_fact, &s, &e), ERR_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.text[0], "1 employees 2025-06 0 10.00");
	assert_string_equal(s.text[1], "1 value_added 2025-07 1 70000.00");
	assert_string_equal(s.text[2], "1 value_added 2025Q3 0 30000.00");
	const char *bad = "统一社会信用代码,期间,指标,数值,单位,口径\n" E1 ",2025年1-7月,增加值,7,万元,当期\n";
	assert_int_equal(import(f, bad, false, &r), ERR_REJECTED);
	assert_int_equal(r.issues.n, 1);
	assert_string_equal(r.issues.items[0].code, "bad_basis");
	ind_import_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enterprise_values, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_enterprise_rejected, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_published, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_chinese_periods, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
