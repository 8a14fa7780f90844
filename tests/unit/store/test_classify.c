/*
 * test_classify.c - the classification part of the store (src/store/classify.c): rule sets as
 * versions with one active, rules stored and loaded in order, the enterprise scan, memberships
 * replaced as a whole (and not at all when a row is bad), manual memberships set, listed, removed.
 */
#include "testutil.h"

#include "store_fixture.h"

#include "catalog/rules.h"

static void put_firm(struct fixture *f, const char *uscc, const char *name, const char *code,
                     const char *scope)
{
	const struct list_def *l = list_find("enterprises");
	const char *pairs[] = {"uscc", uscc, "name", name, "district", "南山", "industry_code", code,
	                       "business_scope", scope, NULL};
	struct record r;
	struct issues is = {0};
	struct err e = {0};
	enum store_outcome out;
	record_init(&r, l);
	for (size_t i = 0; pairs[i]; i += 2) {
		if (pairs[i + 1] == NULL)
			continue;
		int k = list_field_index(l, pairs[i]);
		assert_true(k >= 0);
		assert_true(field_parse(&f->ctx, &l->fields[k], pairs[i + 1], 0, pairs[i], &r.v[k], &is));
	}
	assert_int_equal(is.n, 0);
	if (store_list_put(f->s, l, &r, "test", &out, &e) != ERR_OK)
		fail_msg("put: %s", e.msg);
	record_free(&r);
}

static struct rule_set *two_rules(void)
{
	struct rule_set *rs = rules_new(2);
	rs->rules[0] = (struct rule_row){.id = 7, .industry = strdup("semiconductor-ic"),
	                                 .kind = RULE_CLASS, .code = strdup("3973"), .text = strdup(""),
	                                 .reason = strdup("三（一）2 集成电路制造")};
	rs->rules[1] = (struct rule_row){.id = 3, .industry = strdup("biomedicine"),
	                                 .kind = RULE_KEYWORD, .code = strdup(""), .text = strdup("创新药"),
	                                 .reason = strdup("三（一）18 化学创新药")};
	(void)snprintf(rs->sha256, sizeof rs->sha256, "%s", "ab12");
	return rs;
}

struct listed {
	int n, active;
	long n_class, n_keyword;
};

static int on_set(void *ctx, const struct rule_set_info *i)
{
	struct listed *l = ctx;
	l->n++;
	if (i->active)
		l->active = i->version;
	l->n_class += i->n_class;
	l->n_keyword += i->n_keyword;
	return 0;
}

static void test_rule_set_versions(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct rule_set *rs = two_rules(), *back = NULL;
	int v1 = 0, v2 = 0;

	assert_int_equal(store_rules_load(f->s, 0, &back, &e), ERR_NOT_FOUND);
	assert_int_equal(store_rules_put(f->s, rs, "默认", "builtin", false, &v1, &e), ERR_OK);
	assert_int_equal(v1, 1); /* the first version becomes active although not asked */
	assert_int_equal(store_rules_put(f->s, rs, "修订", "r.csv", false, &v2, &e), ERR_OK);
	assert_int_equal(v2, 2);

	struct listed l = {0};
	assert_int_equal(store_rules_list(f->s, on_set, &l, &e), ERR_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.active, 1);
	assert_int_equal(l.n_class, 2);
	assert_int_equal(l.n_keyword, 2);

	assert_int_equal(store_rules_activate(f->s, 2, &e), ERR_OK);
	assert_int_equal(store_rules_load(f->s, 0, &back, &e), ERR_OK);
	assert_int_equal(back->version, 2);
	assert_true(back->active);
	assert_string_equal(back->name, "修订");
	assert_string_equal(back->source, "r.csv");
	assert_string_equal(back->sha256, "ab12");
	assert_int_equal(back->n, 2);
	/* file order kept, not id order */
	assert_int_equal(back->rules[0].id, 7);
	assert_int_equal(back->rules[0].kind, RULE_CLASS);
	assert_string_equal(back->rules[0].code, "3973");
	assert_string_equal(back->rules[1].text, "创新药");
	assert_string_equal(back->rules[1].reason, "三（一）18 化学创新药");
	rules_free(back);

	assert_int_equal(store_rules_activate(f->s, 9, &e), ERR_NOT_FOUND);
	assert_int_equal(store_rules_load(f->s, 9, &back, &e), ERR_NOT_FOUND);
	/* a failed activation leaves the active one */
	l = (struct listed){0};
	assert_int_equal(store_rules_list(f->s, on_set, &l, &e), ERR_OK);
	assert_int_equal(l.active, 2);
	rules_free(rs);
}

struct firms {
	int n;
	long long ids[8];
	char codes[8][8];
};

static int on_firm(void *ctx, const struct store_firm *fm)
{
	struct firms *fs = ctx;
	fs->ids[fs->n] = fm->id;
	(void)snprintf(fs->codes[fs->n], 8, "%s", fm->industry_code ? fm->industry_code : "-");
	fs->n++;
	return 0;
}

struct members {
	int n;
	struct {
		long long enterprise, rule, rule2;
		char industry[64];
		enum membership_source source;
	} m[8];
};

static int on_member(void *ctx, const struct member_row *m)
{
	struct members *ms = ctx;
	ms->m[ms->n].enterprise = m->enterprise;
	ms->m[ms->n].rule = m->rule;
	ms->m[ms->n].rule2 = m->rule2;
	ms->m[ms->n].source = m->source;
	(void)snprintf(ms->m[ms->n].industry, 64, "%s", m->industry);
	ms->n++;
	return 0;
}

static int on_manual(void *ctx, const struct manual_row *m)
{
	struct members *ms = ctx;
	ms->m[ms->n].enterprise = m->enterprise;
	ms->m[ms->n].rule = m->include;
	(void)snprintf(ms->m[ms->n].industry, 64, "%s|%s|%s", m->industry, m->uscc,
	               m->note ? m->note : "");
	ms->n++;
	return 0;
}

static void test_firms_and_memberships(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	put_firm(f, "9144030071526726XG", "甲公司", "3973", "集成电路设计");
	put_firm(f, "914403001922038216", "乙公司", NULL, NULL);

	struct firms fs = {0};
	assert_int_equal(store_firms_scan(f->s, on_firm, &fs, &e), ERR_OK);
	assert_int_equal(fs.n, 2);
	assert_string_equal(fs.codes[0], "3973");
	assert_string_equal(fs.codes[1], "-");
	struct firms one = {0};
	assert_int_equal(store_firm_get(f->s, "914403001922038216", on_firm, &one, &e), ERR_OK);
	assert_int_equal(one.n, 1);
	assert_int_equal(one.ids[0], fs.ids[1]);
	assert_int_equal(store_firm_get(f->s, "91440300000000000X", on_firm, &one, &e), ERR_NOT_FOUND);

	struct member_row rows[] = {
		{fs.ids[0], "semiconductor-ic", MEMBER_RULE, 1, 7, -1},
		{fs.ids[0], "smart-sensor", MEMBER_RULE, 1, 12, 13},
		{fs.ids[1], "biomedicine", MEMBER_MANUAL, -1, -1, -1},
	};
	assert_int_equal(store_members_replace(f->s, rows, 3, &e), ERR_OK);
	struct members ms = {0};
	assert_int_equal(store_members_scan(f->s, -1, on_member, &ms, &e), ERR_OK);
	assert_int_equal(ms.n, 3);
	assert_string_equal(ms.m[1].industry, "smart-sensor");
	assert_int_equal(ms.m[1].rule2, 13);
	assert_int_equal(ms.m[0].rule2, -1);
	assert_int_equal(ms.m[2].source, MEMBER_MANUAL);
	assert_int_equal(ms.m[2].rule, -1);

	/* a bad row (unknown industry) leaves the previous memberships as they were */
	struct member_row bad[] = {
		{fs.ids[1], "marine", MEMBER_RULE, 1, 1, -1},
		{fs.ids[1], "no-such-industry", MEMBER_RULE, 1, 2, -1},
	};
	assert_int_not_equal(store_members_replace(f->s, bad, 2, &e), ERR_OK);
	ms = (struct members){0};
	assert_int_equal(store_members_scan(f->s, fs.ids[0], on_member, &ms, &e), ERR_OK);
	assert_int_equal(ms.n, 2);

	/* replacing with fewer rows removes the rest */
	assert_int_equal(store_members_replace(f->s, rows, 1, &e), ERR_OK);
	ms = (struct members){0};
	assert_int_equal(store_members_scan(f->s, -1, on_member, &ms, &e), ERR_OK);
	assert_int_equal(ms.n, 1);
}

static void test_manual(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	put_firm(f, "9144030071526726XG", "甲公司", "3973", NULL);
	struct firms fs = {0};
	assert_int_equal(store_firms_scan(f->s, on_firm, &fs, &e), ERR_OK);
	long long id = fs.ids[0];

	assert_int_equal(store_manual_set(f->s, id, "marine", true, "海工配套", &e), ERR_OK);
	assert_int_equal(store_manual_set(f->s, id, "semiconductor-ic", false, NULL, &e), ERR_OK);
	assert_int_equal(store_manual_set(f->s, id, "marine", false, "改为排除", &e), ERR_OK);
	assert_int_equal(store_manual_set(f->s, id, "nope", true, NULL, &e), ERR_NOT_FOUND);
	assert_int_equal(store_manual_set(f->s, id + 100, "marine", true, NULL, &e), ERR_NOT_FOUND);

	struct members ms = {0};
	assert_int_equal(store_manual_list(f->s, -1, on_manual, &ms, &e), ERR_OK);
	assert_int_equal(ms.n, 2);
	assert_string_equal(ms.m[0].industry, "marine|9144030071526726XG|改为排除");
	assert_int_equal(ms.m[0].rule, 0); /* include = 0 after the second set */
	assert_string_equal(ms.m[1].industry, "semiconductor-ic|9144030071526726XG|");

	assert_int_equal(store_manual_remove(f->s, id, "marine", &e), ERR_OK);
	assert_int_equal(store_manual_remove(f->s, id, "marine", &e), ERR_NOT_FOUND);
	ms = (struct members){0};
	assert_int_equal(store_manual_list(f->s, id, on_manual, &ms, &e), ERR_OK);
	assert_int_equal(ms.n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rule_set_versions, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_firms_and_memberships, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_manual, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
