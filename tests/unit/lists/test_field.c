/*
 * test_field.c - one cell of a list from text to value and back (src/lists/field.c), and the
 * checks across fields (src/lists/checks.c), each rejection with its code.
 */
#include "testutil.h"

#include "catalog/catalog.h"
#include "catalog/industry_codes.h"
#include "lists/lists.h"

static struct programme *prog;
static struct industry_codes *codes;
static struct list_ctx ctx;

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	if (catalog_builtin(&prog, &e) != ERR_OK || industry_codes_load(&codes, &e) != ERR_OK)
		return -1;
	ctx.programme = prog;
	ctx.codes = codes;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	programme_free(prog);
	industry_codes_free(codes);
	return 0;
}

static const struct field_def *field(const char *list, const char *name)
{
	const struct list_def *l = list_find(list);
	assert_non_null(l);
	int i = list_field_index(l, name);
	assert_true(i >= 0);
	return &l->fields[i];
}

/* Parse `text` as list.field expecting success; returns the value (free its text). */
static struct value ok(const char *list, const char *name, const char *text)
{
	struct issues is = {0};
	struct value v;
	if (!field_parse(&ctx, field(list, name), text, 2, name, &v, &is))
		fail_msg("%s.%s '%s' refused: %s", list, name, text, is.n ? is.items[0].message : "?");
	assert_int_equal(is.n, 0);
	return v;
}

/* Parse expecting the issue `code`. */
static void bad(const char *list, const char *name, const char *text, const char *code)
{
	struct issues is = {0};
	struct value v;
	assert_false(field_parse(&ctx, field(list, name), text, 7, "列", &v, &is));
	assert_true(v.null);
	assert_int_equal(is.n, 1);
	if (strcmp(is.items[0].code, code) != 0)
		fail_msg("%s.%s '%s': code %s, want %s", list, name, text, is.items[0].code, code);
	assert_int_equal(is.items[0].row, 7);
	assert_string_equal(is.items[0].column, "列");
	assert_string_equal(is.items[0].value, text);
	issues_free(&is);
}

static void expect_text(struct value v, const char *want)
{
	assert_false(v.null);
	assert_string_equal(v.text, want);
	free(v.text);
}

static void test_text_and_required(void **state)
{
	(void)state;
	expect_text(ok("enterprises", "name", "  华为技术有限公司\xe3\x80\x80"), "华为技术有限公司");
	struct value v = ok("enterprises", "park", "");
	assert_true(v.null);
	bad("enterprises", "name", "", "required");
	char long_name[700];
	for (int i = 0; i < 201; i++)
		memcpy(long_name + 3 * i, "企", 3);
	long_name[603] = '\0';
	bad("enterprises", "name", long_name, "too_long");
}

static void test_numbers(void **state)
{
	(void)state;
	struct value v = ok("projects", "total_investment", "1,234.56");
	assert_true(v.num == 12345600.0); /* 万元 -> yuan */
	v = ok("projects", "total_investment", "0.0001");
	assert_true(v.num == 1.0);
	v = ok("projects", "year", "2025");
	assert_true(v.num == 2025);
	bad("projects", "total_investment", "-5", "negative_amount");
	bad("projects", "total_investment", "12万", "bad_number");
	bad("projects", "total_investment", "1.2.3", "bad_number");
	bad("projects", "year", "2025.5", "bad_number");
	/* Decimals: coordinates and km² as typed, six decimals kept. */
	v = ok("projects", "lng", "114.059600");
	assert_true(v.num == 114.0596);
	char *s = field_format(&ctx, field("projects", "lng"), &v);
	assert_string_equal(s, "114.0596");
	free(s);
	bad("projects", "lat", "北纬22度", "bad_number");
	bad("parks", "planned_area", "-3", "negative_amount");
}

static void test_dates(void **state)
{
	(void)state;
	expect_text(ok("enterprises", "founded", "2025/3/1"), "2025-03-01");
	expect_text(ok("enterprises", "founded", "2025年3月1日"), "2025-03-01");
	expect_text(ok("enterprises", "founded", "2024-02-29"), "2024-02-29");
	expect_text(ok("enterprises", "founded", "2025.12.31"), "2025-12-31");
	bad("enterprises", "founded", "2025-02-29", "bad_date");
	bad("enterprises", "founded", "2025-13-01", "bad_date");
	bad("enterprises", "founded", "25-3-1", "bad_date");
	bad("enterprises", "founded", "2025-03-01x", "bad_date");
}

static void test_enum_bool(void **state)
{
	(void)state;
	expect_text(ok("enterprises", "size", "中型"), "中型");
	bad("enterprises", "size", "巨型", "bad_value");
	struct value v = ok("enterprises", "leading", "是");
	assert_true(v.num == 1);
	v = ok("enterprises", "leading", "N");
	assert_true(v.num == 0);
	bad("enterprises", "leading", "也许", "bad_value");
}

static void test_codes_and_names(void **state)
{
	(void)state;
	expect_text(ok("enterprises", "uscc", "9144030071526726xg"), "9144030071526726XG");
	bad("enterprises", "uscc", "9144030071526726XH", "checksum");
	bad("enterprises", "uscc", "91440300", "bad_uscc");
	expect_text(ok("enterprises", "district", "南山"), "nanshan");
	expect_text(ok("enterprises", "district", "440305"), "nanshan");
	expect_text(ok("enterprises", "district", "深圳市南山区"), "nanshan");
	expect_text(ok("enterprises", "district", "深汕特别合作区"), "shenshan");
	bad("enterprises", "district", "海淀", "unknown_district");
	expect_text(ok("projects", "industry", "半导体与集成电路"), "semiconductor-ic");
	expect_text(ok("projects", "industry", "marine"), "marine");
	bad("projects", "industry", "元宇宙", "unknown_industry");
	expect_text(ok("policies", "industries", "半导体与集成电路、智能传感器，半导体与集成电路"),
	            "semiconductor-ic,smart-sensor");
	bad("policies", "industries", "半导体与集成电路、元宇宙", "unknown_industry");
	expect_text(ok("enterprises", "industry_code", "C3973"), "3973");
	bad("enterprises", "industry_code", "397", "unknown_industry_code"); /* a group, not a class */
	bad("enterprises", "industry_code", "9999", "unknown_industry_code");
}

static void test_format_round_trip(void **state)
{
	(void)state;
	static const struct {
		const char *list, *field, *in, *out;
	} cases[] = {
		{"projects", "total_investment", "1234.56", "1234.56"},
		{"projects", "total_investment", "100", "100"},
		{"projects", "year", "2025", "2025"},
		{"enterprises", "leading", "Y", "是"},
		{"enterprises", "district", "440305", "南山区"},
		{"projects", "industry", "marine", "海洋产业"},
		{"policies", "industries", "marine、blockchain", "海洋产业、区块链"},
		{"enterprises", "founded", "2025年3月1日", "2025-03-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct value v = ok(cases[i].list, cases[i].field, cases[i].in);
		char *s = field_format(&ctx, field(cases[i].list, cases[i].field), &v);
		assert_string_equal(s, cases[i].out);
		/* what is exported imports back to the same value */
		struct value w = ok(cases[i].list, cases[i].field, s);
		assert_true(w.num == v.num);
		assert_true((v.text == NULL) == (w.text == NULL));
		if (v.text)
			assert_string_equal(v.text, w.text);
		free(s);
		free(v.text);
		free(w.text);
	}
}

/* Parse a whole record from name=value pairs and run the list's check; returns issue codes. */
static void check_record(const char *list, const char *const *pairs, const char *want_code)
{
	const struct list_def *l = list_find(list);
	struct record r;
	struct issues is = {0};
	record_init(&r, l);
	r.row = 3;
	for (size_t i = 0; pairs[i]; i += 2) {
		int f = list_field_index(l, pairs[i]);
		assert_true(f >= 0);
		assert_true(field_parse(&ctx, &l->fields[f], pairs[i + 1], 3, pairs[i], &r.v[f], &is));
	}
	l->check(l, &r, NULL, &is);
	if (want_code == NULL) {
		if (is.n)
			fail_msg("%s: unexpected %s", list, is.items[0].code);
	} else {
		bool found = false;
		for (size_t i = 0; i < is.n; i++)
			found |= strcmp(is.items[i].code, want_code) == 0;
		if (!found)
			fail_msg("%s: expected %s, got %zu issues", list, want_code, is.n);
	}
	issues_free(&is);
	record_free(&r);
}

#define PAIRS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_checks(void **state)
{
	(void)state;
	check_record("leads", PAIRS("stage", "洽谈", "date_clue", "2025-01-05", "date_contact", "2025-02-01",
	                            "date_negotiate", "2025-03-01"), NULL);
	check_record("leads", PAIRS("stage", "洽谈", "date_clue", "2025-01-05", "date_contact", "2025-02-01"),
	             "stage_date_missing");
	check_record("leads", PAIRS("stage", "接洽", "date_clue", "2025-03-05", "date_contact", "2025-02-01"),
	             "stage_order");
	check_record("leads", PAIRS("stage", "线索", "date_clue", "2025-03-05", "date_signed", "2025-04-01"),
	             "stage_after_current");
	check_record("enterprises", PAIRS("stage", "规上", "founded", "2010-01-01", "date_enterprise",
	                                  "2010-01-01", "date_above_scale", "2015-06-30"), NULL);
	check_record("enterprises", PAIRS("founded", "2010-01-01", "date_above_scale", "2009-06-30"),
	             "before_founding");
	check_record("enterprises", PAIRS("listed_board", "创业板"), "ticker_missing");
	check_record("enterprises", PAIRS("stage", "企业", "date_enterprise", "2010-01-01",
	                                  "date_listed", "2020-01-01"), "stage_after_current");
	check_record("projects", PAIRS("start_date", "2025-05-01", "end_date", "2025-04-01"), "date_order");
	check_record("projects", PAIRS("total_investment", "100", "annual_plan", "200"), "plan_exceeds_total");
	check_record("projects", PAIRS("m01", "10"), "year_missing");
	check_record("projects", PAIRS("year", "2025", "total_investment", "15", "m01", "10", "m02", "10"),
	             "done_exceeds_total");
	check_record("orgs", PAIRS("size", "100", "paid_in", "150"), "paid_exceeds_size");
	check_record("orgs", PAIRS("paid_in", "100", "invested", "150"), "invested_exceeds_paid");
	check_record("orgs", PAIRS("size", "100", "paid_in", "80", "invested", "50"), NULL);
	/* Points (GCJ-02) against the built-in map: the Civic Centre is in 福田区, Shenzhen
	 * University in 南山区, 光明 town in the source's 宝安区 shape, 南澳 in 大鹏新区 (龙岗区). */
	check_record("projects", PAIRS("district", "福田区", "lng", "114.0596", "lat", "22.5431"), NULL);
	check_record("projects", PAIRS("district", "福田区", "lng", "113.936", "lat", "22.533"),
	             "outside_district");
	check_record("projects", PAIRS("district", "福田区", "lng", "114.0596"), "coordinate_incomplete");
	check_record("projects", PAIRS("district", "福田区", "lat", "22.5431"), "coordinate_incomplete");
	check_record("projects", PAIRS("district", "福田区", "lng", "22.5431", "lat", "114.0596"),
	             "coordinate_swapped");
	check_record("enterprises", PAIRS("district", "南山", "lng", "114.17", "lat", "22.32"), "outside_city");
	check_record("enterprises", PAIRS("district", "光明区", "lng", "113.93", "lat", "22.75"), NULL);
	check_record("platforms", PAIRS("district", "龙岗区", "lng", "114.47", "lat", "22.54"), NULL);
	check_record("platforms", PAIRS("lng", "114.47", "lat", "22.54"), NULL);
	check_record("parks", PAIRS("district", "深汕", "lng", "115.05", "lat", "22.87"), NULL);
	check_record("parks", PAIRS("district", "深汕", "lng", "114.0596", "lat", "22.5431"),
	             "outside_district");
	/* Zones: the 0.01° x 0.01° square at 22.60-22.61°N is 1.1386 km² on the WGS-84 ellipsoid
	 * (a²/2 x 0.01° in radians x (q(22.61°) - q(22.60°))); a stated area within 10 % passes. */
	static const char sq[] = "{\"type\":\"Polygon\",\"coordinates\":[[[114.05,22.6],[114.06,22.6],"
	                         "[114.06,22.61],[114.05,22.61],[114.05,22.6]]]}";
	check_record("park_zones", PAIRS("boundary", sq, "area", "1.1"), NULL);
	check_record("park_zones", PAIRS("boundary", sq, "area", "2"), "area_mismatch");
	check_record("park_zones", PAIRS("boundary", "{\"type\":\"Point\",\"coordinates\":[114,22]}"),
	             "bad_boundary");
	check_record("park_zones", PAIRS("boundary", "not json"), "bad_boundary");
	check_record("park_zones", PAIRS("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,1]]]}"),
	             "outside_city");
	check_record("park_progress", PAIRS("period", "2025Q3"), NULL);
	check_record("park_progress", PAIRS("period", "2025年三季度"), "bad_period");
}

static void test_headers(void **state)
{
	(void)state;
	const struct list_def *l = list_find("enterprises");
	assert_int_equal(list_field_for_header(l, "统一社会信用代码"), list_field_index(l, "uscc"));
	assert_int_equal(list_field_for_header(l, "\xef\xbb\xbf 信用代码\xe3\x80\x80"), list_field_index(l, "uscc"));
	assert_int_equal(list_field_for_header(l, "uscc"), list_field_index(l, "uscc"));
	assert_int_equal(list_field_for_header(l, "序号"), -1);
	assert_null(list_find("nosuch"));
	/* Every list has a key, every header is unique within its list. */
	for (size_t i = 0; lists_all[i]; i++) {
		const struct list_def *x = lists_all[i];
		bool has_key = false;
		for (size_t f = 0; f < x->n_fields; f++) {
			has_key |= x->fields[f].key;
			assert_int_equal(list_field_for_header(x, x->fields[f].header_zh), (int)f);
		}
		assert_true(has_key);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_required),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_enum_bool),
		cmocka_unit_test(test_codes_and_names),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_headers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
