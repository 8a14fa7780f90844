/* test_inputs.c - report snapshots and briefs on a fresh database (src/report/inputs.c,
 * briefs.c, src/store/reports.c): a snapshot is taken once and reused, --refresh takes another
 * that names the first as its previous report, the stored text matches its hash, briefs are
 * checked before they are stored, and an empty database gives a report that says 无数据. */
#include "testutil.h"

#include "store_fixture.h"

#include "base/sha256.h"
#include "report/report.h"

static void test_snapshots(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	json_t *in = NULL, *prev = NULL;
	struct report_run r1, r2, r3;
	assert_int_equal(report_prepare(f->s, f->p, "2025H1", REPORT_FROM_SNAPSHOT, 0, &in, &prev, &r1, &e),
	                 ERR_NOT_FOUND);
	assert_int_equal(report_prepare(f->s, f->p, "2025H7", REPORT_AUTO, 0, &in, &prev, &r1, &e), ERR_INVALID);

	assert_int_equal(report_prepare(f->s, f->p, "2025H1", REPORT_AUTO, 0, &in, &prev, &r1, &e), ERR_OK);
	assert_false(r1.reused);
	assert_int_equal(r1.snapshot_id, 1);
	assert_null(prev);
	assert_true(json_is_null(json_object_get(in, "previous")));
	/* The hash is the canonical text's. */
	struct buf text;
	buf_init(&text, BUF_NO_CAP);
	report_canonical(in, &text);
	char hex[65];
	sha256_hex(text.data, text.len, hex);
	assert_string_equal(hex, r1.sha256);
	assert_int_equal(text.len, r1.json_bytes);
	assert_true(r1.stored_bytes < r1.json_bytes);
	json_decref(in);

	/* Again: the same snapshot, the same text. */
	assert_int_equal(report_prepare(f->s, f->p, "2025H1", REPORT_AUTO, 0, &in, &prev, &r2, &e), ERR_OK);
	assert_true(r2.reused);
	assert_int_equal(r2.snapshot_id, 1);
	assert_string_equal(r2.sha256, r1.sha256);
	struct buf again;
	buf_init(&again, BUF_NO_CAP);
	report_canonical(in, &again);
	assert_string_equal(buf_str(&again), buf_str(&text));
	json_decref(in);

	/* Refresh: a new snapshot whose previous report is the first. */
	assert_int_equal(report_prepare(f->s, f->p, "2025H1", REPORT_REFRESH, 0, &in, &prev, &r3, &e), ERR_OK);
	assert_false(r3.reused);
	assert_int_equal(r3.snapshot_id, 2);
	assert_int_equal(r3.previous_id, 1);
	assert_non_null(prev);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(in, "previous"), "id")), 1);
	json_decref(in);
	json_decref(prev);
	/* The next half's first report compares with 2025H1's latest. */
	assert_int_equal(report_prepare(f->s, f->p, "2025H2", REPORT_AUTO, 0, &in, &prev, &r3, &e), ERR_OK);
	assert_int_equal(r3.previous_id, 2);
	assert_string_equal(json_string_value(json_object_get(prev, "period")), "2025H1");
	json_decref(in);
	json_decref(prev);
	/* A snapshot by number. */
	assert_int_equal(report_prepare(f->s, f->p, NULL, REPORT_AUTO, 1, &in, &prev, &r3, &e), ERR_OK);
	assert_string_equal(r3.sha256, r1.sha256);
	json_decref(in);
	json_decref(prev);
	assert_int_equal(report_prepare(f->s, f->p, NULL, REPORT_AUTO, 99, &in, &prev, &r3, &e), ERR_NOT_FOUND);
	buf_free(&text);
	buf_free(&again);
}

static void test_empty_database_says_no_data(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct doc d;
	struct report_run r;
	assert_int_equal(report_make(f->s, f->p, "2024H1", REPORT_AUTO, 0, "zh", &d, &r, &e), ERR_OK);
	bool said = false, chain = false, missing = false;
	for (size_t i = 0; i < d.n; i++) {
		const char *t = d.blocks[i].text ? d.blocks[i].text : "";
		said |= strcmp(t, "2024年上半年，战略性新兴产业增加值无数据：请先导入数据并运行 jiqun compute。") == 0;
		chain |= strstr(t, "链图尚未建立") != NULL;
		missing |= strstr(t, "缺少简报（28个产业）") != NULL;
	}
	assert_true(said);
	assert_true(chain);
	assert_true(missing);
	doc_free(&d);
}

static void test_briefs(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	const char *ok = "# 全球集成电路\n2025年上半年全球半导体销售额同比增长18.8%。\n## 来源\n- WSTS 2025年8月\n";
	assert_int_equal(report_brief_add(f->s, f->p, "semiconductor-ic", "2025H7", ok, strlen(ok), "ic.md", &e),
	                 ERR_INVALID); /* a bad period */
	assert_int_equal(report_brief_add(f->s, f->p, "no-such", "2025H1", ok, strlen(ok), "ic.md", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "no-such"));
	const char *nosrc = "全球半导体销售额同比增长18.8%。\n";
	assert_int_equal(report_brief_add(f->s, f->p, "semiconductor-ic", "2025H1", nosrc, strlen(nosrc), "x.md", &e),
	                 ERR_INVALID);
	assert_non_null(strstr(e.msg, "来源"));
	const char bad[] = "\xb0\xeb\xb5\xbc\xcc\xe5\n来源\n"; /* GBK, not UTF-8 */
	assert_int_equal(report_brief_add(f->s, f->p, "semiconductor-ic", "2025H1", bad, sizeof bad - 1, "g.md", &e),
	                 ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-8"));
	/* By id, and by Chinese name; the second replaces nothing (another industry). */
	assert_int_equal(report_brief_add(f->s, f->p, "semiconductor-ic", "2025H1", ok, strlen(ok), "ic.md", &e), ERR_OK);
	assert_int_equal(report_brief_add(f->s, f->p, "网络与通信", "2025H1", ok, strlen(ok), "nc.md", &e), ERR_OK);
	json_t *in = NULL, *prev = NULL;
	struct report_run r;
	assert_int_equal(report_prepare(f->s, f->p, "2025H1", REPORT_REFRESH, 0, &in, &prev, &r, &e), ERR_OK);
	json_t *briefs = json_object_get(in, "briefs");
	assert_int_equal(json_array_size(briefs), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(briefs, 0), "industry")),
	                    "network-communication");
	assert_string_equal(json_string_value(json_object_get(json_array_get(briefs, 1), "text")), ok);
	struct doc d;
	assert_int_equal(report_build(in, prev, "zh", &d, &e), ERR_OK);
	bool fig = false, missing = false;
	for (size_t i = 0; i < d.n; i++) {
		const char *t = d.blocks[i].text ? d.blocks[i].text : "";
		fig |= strcmp(t, "2025年上半年全球半导体销售额同比增长18.8%。") == 0;
		missing |= strncmp(t, "缺少简报（26个产业）", strlen("缺少简报（26个产业）")) == 0;
	}
	assert_true(fig);
	assert_true(missing);
	doc_free(&d);
	json_decref(in);
	json_decref(prev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_snapshots, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_empty_database_says_no_data, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_briefs, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
