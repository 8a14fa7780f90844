/*
 * test_change.c - writes on someone's behalf (src/change/change.c) over a real database, and the
 * storage under them (src/store/users.c, audit.c): a change applied with exactly one audit
 * entry, refused with none, queued for review and decided; records to JSON and back; accounts,
 * tokens, sessions and failed logins; the audit trail refusing UPDATE and DELETE.
 */
#include "testutil.h"
#include "store_fixture.h"

#include <jansson.h>
#include <sqlite3.h>

#include "base/mem.h"
#include "change/change.h"

/* A record of `list` from name/value pairs (NULL-terminated), parsed as a form would be. */
static void make(const struct fixture *f, const char *list, const char *const *pairs, struct record *r)
{
	const struct list_def *l = list_find(list);
	struct issues is = {0};
	record_init(r, l);
	for (size_t i = 0; pairs[i]; i += 2) {
		int k = list_field_index(l, pairs[i]);
		assert_true(k >= 0);
		assert_true(field_parse(&f->ctx, &l->fields[k], pairs[i + 1], 0, pairs[i], &r->v[k], &is));
	}
	assert_int_equal(is.n, 0);
}

static long count(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static int raw_exec(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static const char *const PROJECT[] = {"code", "XM-1", "name", "南山项目", "industry", "marine",
                                      "district", "南山区", "total_investment", "12345.6",
                                      "status", "在建", NULL};

static void test_apply_and_audit(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	const struct list_def *l = list_find("projects");
	struct principal admin, ed, viewer;
	assert_true(auth_principal_init(&admin, "city-admin", AUTH_TOKEN, 1, "admin", NULL, NULL));
	assert_true(auth_principal_init(&ed, "district-editor", AUTH_SESSION, 2, "ns", "nanshan", NULL));
	assert_true(auth_principal_init(&viewer, "viewer", AUTH_TOKEN, 3, "v", NULL, NULL));
	struct record r;
	struct change_result res;
	make(f, "projects", PROJECT, &r);

	/* A viewer: refused, nothing written, no audit entry. */
	assert_int_equal(change_apply(f->s, &viewer, AUTHZ_CREATE, l, 0, &r, "api", &res, &e), ERR_FORBIDDEN);
	assert_int_equal(count(f, "SELECT count(*) FROM project"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 0);

	/* The city admin: written, with one entry naming who, the action, the key and after. */
	assert_int_equal(change_apply(f->s, &admin, AUTHZ_CREATE, l, 0, &r, "api", &res, &e), ERR_OK);
	assert_false(res.queued);
	assert_true(res.id > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM project"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE user = 'admin' AND action = 'create' "
	                          "AND list = 'projects' AND record_key = 'XM-1' AND before_json IS NULL "
	                          "AND json_extract(after_json, '$.total_investment') = 123456000 "
	                          "AND via = 'token'"), 1);
	long long id = res.id;

	/* The district editor's update of its own district's project waits (review on). */
	free(r.v[list_field_index(l, "name")].text);
	r.v[list_field_index(l, "name")].text = xstrdup("改名项目");
	assert_int_equal(change_apply(f->s, &ed, AUTHZ_UPDATE, l, id, &r, "api", &res, &e), ERR_OK);
	assert_true(res.queued);
	long long pending = res.id;
	assert_int_equal(count(f, "SELECT count(*) FROM project WHERE name = '改名项目'"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM pending_change WHERE status = 'pending' AND "
	                          "json_extract(before_json, '$.name') = '南山项目' AND "
	                          "json_extract(after_json, '$.name') = '改名项目'"), 1);

	/* Only a city admin decides; approving applies it with one more entry. */
	assert_int_equal(change_decide(f->s, &f->ctx, &ed, pending, true, NULL, &res, &e), ERR_FORBIDDEN);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, pending, false, "", &res, &e), ERR_INVALID);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, pending, true, "好", &res, &e), ERR_OK);
	assert_int_equal(res.id, id);
	assert_int_equal(count(f, "SELECT count(*) FROM project WHERE name = '改名项目'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'approve' AND user = 'admin'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 3);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, pending, true, NULL, &res, &e), ERR_INVALID);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, 999, true, NULL, &res, &e), ERR_NOT_FOUND);

	/* With review off for projects, the editor's change applies at once. */
	assert_int_equal(store_review_set(f->s, "projects", false, &e), ERR_OK);
	assert_int_equal(change_apply(f->s, &ed, AUTHZ_DELETE, l, id, NULL, "api", &res, &e), ERR_OK);
	assert_false(res.queued);
	assert_int_equal(count(f, "SELECT count(*) FROM project"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'delete' AND after_json IS NULL "
	                          "AND json_extract(before_json, '$.name') = '改名项目'"), 1);
	/* Unknown record: not found, before any decision. */
	assert_int_equal(change_apply(f->s, &admin, AUTHZ_UPDATE, l, id, &r, "api", &res, &e), ERR_NOT_FOUND);

	/* Append-only: SQL cannot change or delete the trail. */
	assert_int_not_equal(raw_exec(f, "DELETE FROM audit"), SQLITE_OK);
	assert_int_not_equal(raw_exec(f, "UPDATE audit SET user = 'x'"), SQLITE_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 4);
	record_free(&r);
}

static void test_stale_review(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	const struct list_def *l = list_find("projects");
	struct principal admin, ed;
	assert_true(auth_principal_init(&admin, "city-admin", AUTH_CLI, 0, "local:t", NULL, NULL));
	assert_true(auth_principal_init(&ed, "district-editor", AUTH_SESSION, 2, "ns", "nanshan", NULL));
	struct record r;
	struct change_result res;
	make(f, "projects", PROJECT, &r);
	assert_int_equal(change_apply(f->s, &admin, AUTHZ_CREATE, l, 0, &r, "api", &res, &e), ERR_OK);
	long long id = res.id;
	assert_int_equal(change_apply(f->s, &ed, AUTHZ_DELETE, l, id, NULL, "api", &res, &e), ERR_OK);
	long long pending = res.id;
	/* The admin changes the record meanwhile: the queued deletion no longer applies. */
	r.v[list_field_index(l, "total_investment")].num = 1;
	assert_int_equal(change_apply(f->s, &admin, AUTHZ_UPDATE, l, id, &r, "api", &res, &e), ERR_OK);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, pending, true, NULL, &res, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "changed since"));
	assert_int_equal(count(f, "SELECT count(*) FROM project"), 1);
	assert_int_equal(change_decide(f->s, &f->ctx, &admin, pending, false, "已变", &res, &e), ERR_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM pending_change WHERE status = 'rejected' AND comment = '已变'"), 1);
	record_free(&r);
}

static void test_record_json(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	const struct list_def *l = list_find("policies");
	const char *const pol[] = {"title", "政策甲", "issuer", "市发改委", "industries", "海洋产业、空天技术",
	                           "amount", "5000", NULL};
	struct record r, back;
	make(f, "policies", pol, &r);
	json_t *j = change_record_json(l, &r);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "政策甲");
	assert_true(json_is_array(json_object_get(j, "industries")));
	assert_int_equal(json_array_size(json_object_get(j, "industries")), 2);
	assert_true(json_is_null(json_object_get(j, "doc_no")));
	assert_true(json_number_value(json_object_get(j, "amount")) == 50000000.0); /* 5000 万元 */
	assert_int_equal(change_json_record(l, j, &back, &e), ERR_OK);
	json_t *j2 = change_record_json(l, &back);
	assert_true(json_equal(j, j2));
	char *key = change_record_key(l, &back);
	assert_string_equal(key, "政策甲");
	free(key);
	json_decref(j);
	json_decref(j2);
	record_free(&r);
	record_free(&back);
	json_t *bad = json_pack("{s:{}}", "title");
	assert_int_equal(change_json_record(l, bad, &back, &e), ERR_CORRUPT);
	record_free(&back);
	json_decref(bad);
}

static void test_users_sessions_failures(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct store_user u = {.name = "zhang", .role = "viewer"}, got;
	char hash[128];
	long long id = 0;
	bool found = false;
	assert_int_equal(store_user_add(f->s, &u, "$argon2id$x", &id, &e), ERR_OK);
	assert_int_equal(store_user_add(f->s, &u, NULL, NULL, &e), ERR_INVALID);
	assert_int_equal(store_user_get(f->s, "zhang", &got, hash, sizeof hash, &e), ERR_OK);
	assert_string_equal(hash, "$argon2id$x");
	assert_true(got.has_password);
	assert_int_equal(store_user_get(f->s, "li", &got, NULL, 0, &e), ERR_NOT_FOUND);
	/* Tokens and sessions are found by hash; sessions expire. */
	assert_int_equal(store_token_add(f->s, id, "aa", &e), ERR_OK);
	assert_int_equal(store_session_add(f->s, id, "ss", 2000000000LL, &e), ERR_OK);
	assert_int_equal(store_user_by_token(f->s, false, "aa", 1900000000LL, &got, &found, &e), ERR_OK);
	assert_true(found);
	assert_string_equal(got.name, "zhang");
	assert_int_equal(store_user_by_token(f->s, true, "aa", 1900000000LL, &got, &found, &e), ERR_OK);
	assert_false(found); /* a token is not a session */
	assert_int_equal(store_user_by_token(f->s, true, "ss", 1900000000LL, &got, &found, &e), ERR_OK);
	assert_true(found);
	assert_int_equal(store_user_by_token(f->s, true, "ss", 2000000001LL, &got, &found, &e), ERR_OK);
	assert_false(found); /* expired */
	/* Disabling ends sessions and revokes tokens. */
	assert_int_equal(store_user_set_disabled(f->s, "zhang", true, &e), ERR_OK);
	assert_int_equal(store_user_by_token(f->s, false, "aa", 1900000000LL, &got, &found, &e), ERR_OK);
	assert_false(found);
	assert_int_equal(count(f, "SELECT count(*) FROM api_token"), 0);
	/* Failed logins: counted in the window, the oldest reported, cleared per key. */
	long n = 0;
	long long oldest = 0;
	assert_int_equal(store_login_failure_add(f->s, "user", "zhang", 1000, &e), ERR_OK);
	assert_int_equal(store_login_failure_add(f->s, "user", "zhang", 1100, &e), ERR_OK);
	assert_int_equal(store_login_failure_add(f->s, "user", "li", 1100, &e), ERR_OK);
	assert_int_equal(store_login_failures(f->s, "user", "zhang", 1050, &n, &oldest, &e), ERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(oldest, 1100);
	assert_int_equal(store_login_failures(f->s, "user", "zhang", 0, &n, &oldest, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(oldest, 1000);
	assert_int_equal(store_login_failures_clear(f->s, "user", "zhang", 0, &e), ERR_OK);
	assert_int_equal(store_login_failures(f->s, "user", "zhang", 0, &n, &oldest, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_login_failures(f->s, "user", "li", 0, &n, &oldest, &e), ERR_OK);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_apply_and_audit, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_stale_review, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_record_json, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_users_sessions_failures, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
