/* test_attention.c - stuck leads, overdue projects and day arithmetic (src/engine/attention.c). */
#include "testutil.h"

#include "engine/attention.h"

static void test_days(void **state)
{
	(void)state;
	long d;
	assert_true(attention_days_between("2025-01-01", "2025-03-01", &d));
	assert_int_equal(d, 59); /* 31 + 28 */
	assert_true(attention_days_between("2024-02-28", "2024-03-01", &d));
	assert_int_equal(d, 2); /* 2024 is a leap year */
	assert_true(attention_days_between("2025-10-31", "2025-01-01", &d));
	assert_int_equal(d, -303);
	assert_false(attention_days_between("2025-02-30", "2025-03-01", &d));
	char out[16];
	assert_true(attention_date_minus("2025-10-31", 90, out));
	assert_string_equal(out, "2025-08-02");
	assert_true(attention_date_minus("2025-03-01", 1, out));
	assert_string_equal(out, "2025-02-28");
	assert_false(attention_date_minus("x", 1, out));
}

static void test_leads(void **state)
{
	(void)state;
	const char *since;
	const char *const d[5] = {"2025-01-05", "2025-02-01", "2025-07-01", NULL, NULL};
	/* 洽谈 since 2025-07-01: 122 days at 2025-10-31 (30 left of July, 31 + 30 + 31). */
	assert_int_equal(attention_lead_stuck(2, d, "2025-10-31", 60, &since), 122);
	assert_string_equal(since, "2025-07-01");
	assert_int_equal(attention_lead_stuck(2, d, "2025-10-31", 122, &since), -1);
	/* 签约 without its date: counted from the latest earlier stage. */
	assert_int_equal(attention_lead_stuck(3, d, "2025-10-31", 60, &since), 122);
	/* Landed leads are never stuck; unknown stage neither. */
	assert_int_equal(attention_lead_stuck(4, d, "2025-10-31", 1, &since), -1);
	assert_int_equal(attention_lead_stuck(-1, d, "2025-10-31", 1, &since), -1);
	const char *const none[5] = {NULL, NULL, NULL, NULL, NULL};
	assert_int_equal(attention_lead_stuck(0, none, "2025-10-31", 1, &since), -1);
}

static void test_projects(void **state)
{
	(void)state;
	struct overdue o;
	/* In progress, finish date in the future: nothing. */
	assert_false(attention_project_overdue("在建", "2025-03-01", "2027-12-31",
	                                       "2025-03-01 开工；2026-06-30 主体封顶", "2025-10-31", &o));
	/* Still 前期 after its start date. */
	assert_true(attention_project_overdue("前期", "2025-06-01", "2027-12-31", NULL, "2025-10-31", &o));
	assert_int_equal(o.kind, OVERDUE_NOT_STARTED);
	assert_string_equal(o.date, "2025-06-01");
	assert_string_equal(o.what, "开工日期");
	/* A 投产 milestone passed while 在建: the milestone is named. */
	assert_true(attention_project_overdue("在建", "2024-01-01", NULL,
	                                      "2024-01-01 开工;2025-09-30 竣工投产\n2026-01-01 达产",
	                                      "2025-10-31", &o));
	assert_int_equal(o.kind, OVERDUE_NOT_FINISHED);
	assert_string_equal(o.date, "2025-09-30");
	assert_string_equal(o.what, "2025-09-30 竣工投产");
	/* The earliest of several overdue ones. */
	assert_true(attention_project_overdue("前期", "2025-05-01", "2025-08-01", "2025-04-01 开工",
	                                      "2025-10-31", &o));
	assert_string_equal(o.date, "2025-04-01");
	/* Finished projects are never overdue; stalled ones always need attention. */
	assert_false(attention_project_overdue("竣工", "2020-01-01", "2021-01-01", NULL, "2025-10-31", &o));
	assert_true(attention_project_overdue("停缓建", NULL, NULL, NULL, "2025-10-31", &o));
	assert_int_equal(o.kind, OVERDUE_STALLED);
	assert_string_equal(overdue_label_zh(o.kind), "停缓建");
	assert_string_equal(overdue_name(OVERDUE_NOT_STARTED), "not_started");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days), cmocka_unit_test(test_leads), cmocka_unit_test(test_projects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
