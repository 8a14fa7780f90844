/* test_auth.c - roles and the one write decision, authz_check (src/auth/auth.c), and the
 * password and token helpers (src/auth/secret.c). Records are built by hand for each case. */
#include "testutil.h"

#include "auth/auth.h"
#include "auth/secret.h"
#include "base/mem.h"

/* A record of `l` with `district` and `industry` (or industries, comma-joined) set where the
 * list has such fields; NULL leaves the field empty. */
static void make(struct record *r, const char *list, const char *district, const char *industry)
{
	const struct list_def *l = list_find(list);
	assert_non_null(l);
	record_init(r, l);
	for (size_t i = 0; i < l->n_fields; i++) {
		const char *v = NULL;
		if (l->fields[i].type == FT_DISTRICT)
			v = district;
		else if (l->fields[i].type == FT_INDUSTRY || l->fields[i].type == FT_INDUSTRIES)
			v = industry;
		if (v) {
			r->v[i].null = false;
			r->v[i].text = xstrdup(v);
		} else {
			r->v[i].null = true;
		}
	}
}

static struct principal who(const char *role, const char *district, const char *industries)
{
	struct principal p;
	assert_true(auth_principal_init(&p, role, AUTH_TOKEN, 7, "u", district, industries));
	return p;
}

static enum authz_decision check(const struct principal *p, enum authz_action a, const char *list,
                                 const struct record *before, const struct record *after)
{
	char why[256];
	enum authz_decision d = authz_check(p, a, list ? list_find(list) : NULL, before, after, why,
	                                    sizeof why);
	/* Every refusal says why. */
	if (d == AUTHZ_DENY || d == AUTHZ_LOGIN)
		assert_true(why[0] != '\0');
	return d;
}

static void test_roles_names(void **state)
{
	(void)state;
	enum auth_role r;
	assert_true(auth_role_parse("district-editor", &r));
	assert_int_equal(r, ROLE_DISTRICT_EDITOR);
	assert_string_equal(auth_role_name(ROLE_COMMISSIONER), "commissioner");
	assert_string_equal(auth_role_zh(ROLE_CITY_ADMIN), "市级管理员");
	assert_false(auth_role_parse("admin", &r));
	assert_false(auth_role_parse("", &r));
	struct principal p;
	assert_false(auth_principal_init(&p, "root", AUTH_TOKEN, 1, "x", NULL, NULL));
	assert_int_equal(p.role, ROLE_NONE);
	assert_true(auth_name_valid("zhang.san@nanshan"));
	assert_true(auth_name_valid("张三"));
	assert_false(auth_name_valid(""));
	assert_false(auth_name_valid("a b"));
	assert_false(auth_name_valid("a,b"));
	assert_false(auth_name_valid("local:root"));
	assert_true(auth_id_in("marine,aerospace", "aerospace"));
	assert_false(auth_id_in("marine,aerospace", "aero"));
	assert_false(auth_id_in("", "marine"));
}

static void test_nobody_and_city_admin(void **state)
{
	(void)state;
	struct record r;
	make(&r, "projects", "futian", "marine");
	struct principal none = {0}, admin = who("city-admin", NULL, NULL);
	assert_int_equal(check(&none, AUTHZ_CREATE, "projects", NULL, &r), AUTHZ_LOGIN);
	assert_int_equal(check(NULL, AUTHZ_DELETE, "projects", &r, NULL), AUTHZ_LOGIN);
	assert_int_equal(check(&none, AUTHZ_SESSION, NULL, NULL, NULL), AUTHZ_LOGIN);
	for (enum authz_action a = AUTHZ_CREATE; a <= AUTHZ_SESSION; a++)
		assert_int_equal(check(&admin, a, "projects", &r, &r), AUTHZ_ALLOW);
	record_free(&r);
}

static void test_district_editor(void **state)
{
	(void)state;
	struct principal ed = who("district-editor", "nanshan", NULL);
	struct record mine, other, none;
	make(&mine, "projects", "nanshan", "marine");
	make(&other, "projects", "futian", "marine");
	make(&none, "leads", NULL, "marine"); /* a lead without a district */
	/* Its own district: allowed, subject to the list's review setting. */
	assert_int_equal(check(&ed, AUTHZ_CREATE, "projects", NULL, &mine), AUTHZ_REVIEW);
	assert_int_equal(check(&ed, AUTHZ_UPDATE, "projects", &mine, &mine), AUTHZ_REVIEW);
	assert_int_equal(check(&ed, AUTHZ_DELETE, "projects", &mine, NULL), AUTHZ_REVIEW);
	/* Another district, before or after the change. */
	assert_int_equal(check(&ed, AUTHZ_CREATE, "projects", NULL, &other), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_UPDATE, "projects", &mine, &other), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_UPDATE, "projects", &other, &mine), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_DELETE, "projects", &other, NULL), AUTHZ_DENY);
	/* A create ignores `before`, a delete `after`. */
	assert_int_equal(check(&ed, AUTHZ_CREATE, "projects", &other, &mine), AUTHZ_REVIEW);
	assert_int_equal(check(&ed, AUTHZ_DELETE, "projects", &mine, &other), AUTHZ_REVIEW);
	/* A record without a district is nobody's district. */
	assert_int_equal(check(&ed, AUTHZ_CREATE, "leads", NULL, &none), AUTHZ_DENY);
	/* Lists that record no district; actions beyond records. */
	struct record pol;
	make(&pol, "policies", NULL, "marine");
	assert_int_equal(check(&ed, AUTHZ_CREATE, "policies", NULL, &pol), AUTHZ_DENY);
	assert_false(authz_may(&ed, AUTHZ_CREATE, list_find("policies")));
	assert_true(authz_may(&ed, AUTHZ_CREATE, list_find("enterprises")));
	assert_int_equal(check(&ed, AUTHZ_DECIDE, NULL, NULL, NULL), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_READ_AUDIT, NULL, NULL, NULL), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_IMPORT_INDICATORS, NULL, NULL, NULL), AUTHZ_DENY);
	assert_int_equal(check(&ed, AUTHZ_SESSION, NULL, NULL, NULL), AUTHZ_ALLOW);
	/* An editor without a district writes nothing. */
	struct principal lost = who("district-editor", "", NULL);
	assert_int_equal(check(&lost, AUTHZ_CREATE, "projects", NULL, &mine), AUTHZ_DENY);
	assert_false(authz_may(&lost, AUTHZ_CREATE, list_find("projects")));
	record_free(&mine);
	record_free(&other);
	record_free(&none);
	record_free(&pol);
}

static void test_commissioner(void **state)
{
	(void)state;
	struct principal c = who("commissioner", NULL, "marine,aerospace");
	struct record mine, other, both, mixed, ent;
	make(&mine, "leads", NULL, "aerospace");
	make(&other, "leads", NULL, "biomedicine");
	make(&both, "policies", NULL, "marine,aerospace");
	make(&mixed, "policies", NULL, "marine,biomedicine");
	make(&ent, "enterprises", "nanshan", NULL);
	assert_int_equal(check(&c, AUTHZ_CREATE, "leads", NULL, &mine), AUTHZ_ALLOW);
	assert_int_equal(check(&c, AUTHZ_UPDATE, "leads", &mine, &mine), AUTHZ_ALLOW);
	assert_int_equal(check(&c, AUTHZ_UPDATE, "leads", &mine, &other), AUTHZ_DENY); /* moving it away */
	assert_int_equal(check(&c, AUTHZ_DELETE, "leads", &other, NULL), AUTHZ_DENY);
	/* Several industries: every one must be the commissioner's. */
	assert_int_equal(check(&c, AUTHZ_CREATE, "policies", NULL, &both), AUTHZ_ALLOW);
	assert_int_equal(check(&c, AUTHZ_CREATE, "policies", NULL, &mixed), AUTHZ_DENY);
	/* Lists without an industry (the enterprise list, park zones). */
	assert_int_equal(check(&c, AUTHZ_CREATE, "enterprises", NULL, &ent), AUTHZ_DENY);
	assert_false(authz_may(&c, AUTHZ_UPDATE, list_find("park_zones")));
	assert_true(authz_may(&c, AUTHZ_UPDATE, list_find("parks")));
	assert_int_equal(check(&c, AUTHZ_IMPORT_PLANS, NULL, NULL, NULL), AUTHZ_DENY);
	record_free(&mine);
	record_free(&other);
	record_free(&both);
	record_free(&mixed);
	record_free(&ent);
}

static void test_analyst_and_viewer(void **state)
{
	(void)state;
	struct principal an = who("analyst", NULL, NULL), v = who("viewer", NULL, NULL);
	struct record r;
	make(&r, "projects", "nanshan", "marine");
	assert_int_equal(check(&an, AUTHZ_CREATE, "projects", NULL, &r), AUTHZ_DENY);
	assert_int_equal(check(&an, AUTHZ_IMPORT_INDICATORS, NULL, NULL, NULL), AUTHZ_ALLOW);
	assert_int_equal(check(&an, AUTHZ_READ_AUDIT, NULL, NULL, NULL), AUTHZ_ALLOW);
	assert_int_equal(check(&an, AUTHZ_IMPORT_PLANS, NULL, NULL, NULL), AUTHZ_DENY);
	assert_int_equal(check(&an, AUTHZ_ADMIN, NULL, NULL, NULL), AUTHZ_DENY);
	for (enum authz_action a = AUTHZ_CREATE; a < AUTHZ_SESSION; a++)
		assert_int_equal(check(&v, a, "projects", &r, &r), AUTHZ_DENY);
	assert_int_equal(check(&v, AUTHZ_SESSION, NULL, NULL, NULL), AUTHZ_ALLOW);
	assert_false(authz_may(&v, AUTHZ_CREATE, list_find("projects")));
	record_free(&r);
}

static void test_secrets(void **state)
{
	(void)state;
	char hash[AUTH_HASH_SIZE], t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1], h[65], c[65];
	struct err e = {0};
	assert_int_equal(auth_password_hash("short", hash, &e), ERR_INVALID);
	assert_int_equal(auth_password_hash("correct horse", hash, &e), ERR_OK);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(auth_password_verify(hash, "correct horse"));
	assert_false(auth_password_verify(hash, "correct horsE"));
	assert_false(auth_password_verify(NULL, "correct horse"));
	assert_false(auth_password_verify("", ""));
	auth_token_new(t1);
	auth_token_new(t2);
	assert_int_equal(strlen(t1), AUTH_TOKEN_LEN);
	assert_string_not_equal(t1, t2);
	/* sha256("abc"), FIPS 180-4's example. */
	auth_token_hash("abc", h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	auth_csrf(t1, c);
	assert_int_equal(strlen(c), 64);
	assert_string_not_equal(c, h);
	assert_true(auth_equal(c, c));
	assert_false(auth_equal(c, h));
	assert_false(auth_equal("abc", "abcd"));
	char pw[17];
	auth_password_new(pw);
	assert_int_equal(strlen(pw), 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_names),
		cmocka_unit_test(test_nobody_and_city_admin),
		cmocka_unit_test(test_district_editor),
		cmocka_unit_test(test_commissioner),
		cmocka_unit_test(test_analyst_and_viewer),
		cmocka_unit_test(test_secrets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
