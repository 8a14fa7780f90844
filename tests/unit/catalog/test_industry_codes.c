/* test_industry_codes.c - the built-in GB/T 4754-2017 table (src/catalog/industry_codes.c). */
#include "testutil.h"

#include "catalog/industry_codes.h"

static int setup(void **state)
{
	struct industry_codes *c = NULL;
	struct err e = {0};
	if (industry_codes_load(&c, &e) != ERR_OK) {
		print_error("%s\n", e.msg);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	industry_codes_free(*state);
	industry_codes_free(NULL);
	return 0;
}

static void test_counts(void **state)
{
	const struct industry_codes *c = *state;
	size_t per_level[4] = {0};
	for (size_t i = 0; i < industry_codes_count(c); i++)
		per_level[industry_code_at(c, i)->level]++;
	assert_int_equal(per_level[INDUSTRY_SECTION], 20);
	assert_int_equal(per_level[INDUSTRY_DIVISION], 97);
	assert_int_equal(per_level[INDUSTRY_GROUP], 473);
	/* 1,381 in the 2017 text, plus 9233 from amendment No.1 (2019) */
	assert_int_equal(per_level[INDUSTRY_CLASS], 1382);
	assert_int_equal(industry_codes_count(c), 20 + 97 + 473 + 1382);
	assert_null(industry_code_at(c, industry_codes_count(c)));
	/* The standard's order: A first, then its first division, group and class. */
	assert_string_equal(industry_code_at(c, 0)->code, "A");
	assert_string_equal(industry_code_at(c, 1)->code, "01");
	assert_string_equal(industry_code_at(c, 3)->code, "0111");
}

static void test_lookups(void **state)
{
	const struct industry_codes *c = *state;
	const struct industry_code *ic = industry_code_find(c, "3973");
	assert_non_null(ic);
	assert_string_equal(ic->name, "集成电路制造");
	assert_int_equal(ic->level, INDUSTRY_CLASS);
	assert_string_equal(ic->parent, "397");
	assert_string_equal(ic->section, "C");
	assert_string_equal(ic->description, "指单片集成电路、混合式集成电路的制造");
	const struct industry_code *g = industry_code_find(c, ic->parent);
	assert_string_equal(g->name, "电子器件制造");
	assert_int_equal(g->level, INDUSTRY_GROUP);
	const struct industry_code *d = industry_code_find(c, g->parent);
	assert_string_equal(d->code, "39");
	assert_string_equal(d->name, "计算机、通信和其他电子设备制造业");
	assert_string_equal(d->parent, "C");
	const struct industry_code *s = industry_code_find(c, "C");
	assert_string_equal(s->name, "制造业");
	assert_null(s->parent);
	assert_string_equal(s->section, "C");

	assert_string_equal(industry_code_find(c, "6513")->name, "应用软件开发");
	assert_string_equal(industry_code_find(c, "6513")->section, "I");
	assert_string_equal(industry_code_find(c, "T")->name, "国际组织");
	assert_string_equal(industry_code_find(c, "9700")->name, "国际组织");
	/* Quoted fields with commas in them come through whole. */
	const char *desc = industry_code_find(c, "7212")->description;
	assert_string_equal(desc, "指政府主管部门转变职能后，成立的国有资产管理机构和行业管理机构的活动；"
	                          "投资活动,不包括资本活动的投资");
	/* Amendment No.1 (2019). */
	assert_string_equal(industry_code_find(c, "923")->name, "监察委员会、人民法院和人民检察院");
	assert_string_equal(industry_code_find(c, "9231")->name, "监察委员会");
	assert_string_equal(industry_code_find(c, "9232")->name, "人民法院");
	assert_string_equal(industry_code_find(c, "9233")->name, "人民检察院");

	assert_true(industry_code_is_class(c, "3973"));
	assert_true(industry_code_is_class(c, "0111"));
	assert_false(industry_code_is_class(c, "397"));
	assert_false(industry_code_is_class(c, "C"));
	assert_true(industry_code_is_class(c, "3979"));
	assert_false(industry_code_is_class(c, "3978"));
	const char *unknown[] = {"", "U", "c", "00", "0100", "39730", "3973 ", "397A", "9234"};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		if (industry_code_find(c, unknown[i]) != NULL)
			fail_msg("\"%s\" should be unknown", unknown[i]);
	assert_null(industry_code_find(c, NULL));
}

/* Every entry's parent chain is consistent, and the children lists are its inverse. */
static void test_tree(void **state)
{
	const struct industry_codes *c = *state;
	size_t n_children = 0;
	for (size_t i = 0; i < industry_codes_count(c); i++) {
		const struct industry_code *it = industry_code_at(c, i);
		size_t len = strlen(it->code);
		assert_int_equal(len, it->level == INDUSTRY_SECTION ? 1 : (size_t)it->level + 1);
		assert_ptr_equal(industry_code_find(c, it->code), it);
		if (it->level == INDUSTRY_SECTION) {
			assert_null(it->parent);
			assert_string_equal(it->section, it->code);
			assert_true(it->code[0] >= 'A' && it->code[0] <= 'T');
		} else {
			const struct industry_code *p = industry_code_find(c, it->parent);
			assert_non_null(p);
			assert_int_equal(p->level + 1, it->level);
			assert_string_equal(p->section, it->section);
			if (it->level != INDUSTRY_DIVISION)
				assert_memory_equal(it->code, p->code, strlen(p->code));
		}
		if (it->level == INDUSTRY_CLASS) { /* class -> group -> division -> section */
			const struct industry_code *g = industry_code_find(c, it->parent);
			const struct industry_code *d = industry_code_find(c, g->parent);
			const struct industry_code *s = industry_code_find(c, d->parent);
			assert_int_equal(d->level, INDUSTRY_DIVISION);
			assert_int_equal(s->level, INDUSTRY_SECTION);
			assert_string_equal(s->code, it->section);
		}
		size_t nk = industry_code_n_children(c, it);
		assert_true(it->level == INDUSTRY_CLASS ? nk == 0 : nk > 0);
		const struct industry_code *ch, *prev = NULL;
		size_t k = 0;
		for (; (ch = industry_code_child(c, it, k)) != NULL; k++) {
			assert_string_equal(ch->parent, it->code);
			if (prev)
				assert_true(strcmp(prev->code, ch->code) < 0);
			prev = ch;
		}
		assert_int_equal(k, nk);
		n_children += nk;
	}
	size_t ns = industry_code_n_children(c, NULL);
	assert_int_equal(ns, 20);
	assert_string_equal(industry_code_child(c, NULL, 0)->code, "A");
	assert_string_equal(industry_code_child(c, NULL, 19)->code, "T");
	assert_null(industry_code_child(c, NULL, 20));
	assert_int_equal(n_children + ns, industry_codes_count(c));

	const struct industry_code *g = industry_code_find(c, "397");
	assert_int_equal(industry_code_n_children(c, g), 7); /* 3971 .. 3976, 3979 */
	assert_string_equal(industry_code_child(c, g, 2)->code, "3973");
	assert_string_equal(industry_code_child(c, g, 6)->code, "3979");
	assert_null(industry_code_child(c, g, 7));
	assert_null(industry_code_child(c, industry_code_find(c, "3973"), 0));
	assert_string_equal(industry_level_name(INDUSTRY_GROUP), "group");
	assert_string_equal(industry_level_label_zh(INDUSTRY_CLASS), "小类");
}

/* industry_codes_parse(text) fails with ERR_INVALID and a message containing `part`. */
static void assert_bad(const char *text, const char *part)
{
	struct industry_codes *c = (struct industry_codes *)&c; /* not NULL: must be reset */
	struct err e = {0};
	assert_int_equal(industry_codes_parse(text, strlen(text), "t.csv", &c, &e), ERR_INVALID);
	assert_null(c);
	if (strstr(e.msg, part) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
}

#define HEAD "code,level,name,parent_code,section,description\r\n"

static void test_parse(void **state)
{
	(void)state;
	/* A small good table: quotes, doubled quotes, LF and CRLF, a BOM, no final newline. */
	const char *good = "\xEF\xBB\xBF" HEAD
	                   "B,门类,采矿业,,B,\"本门类包括06～12大类, 以及\"\"其他\"\"\"\r\n"
	                   "06,大类,煤炭开采和洗选业,B,B,\n"
	                   "061,中类,烟煤和无烟煤开采洗选,06,B,\"a\r\nb\"\n"
	                   "0610,小类,烟煤和无烟煤开采洗选,061,B,x";
	struct industry_codes *c = NULL;
	struct err e = {0};
	assert_int_equal(industry_codes_parse(good, strlen(good), "t.csv", &c, &e), ERR_OK);
	assert_int_equal(industry_codes_count(c), 4);
	assert_string_equal(industry_code_find(c, "B")->description, "本门类包括06～12大类, 以及\"其他\"");
	assert_string_equal(industry_code_find(c, "061")->description, "a\r\nb");
	assert_string_equal(industry_code_find(c, "0610")->description, "x");
	assert_true(industry_code_is_class(c, "0610"));
	industry_codes_free(c);

	assert_bad("", "line 1: the header must be");
	assert_bad("code,level,name,parent,section,description\n", "line 1: the header must be");
	assert_bad(HEAD, "no codes after the header");
	assert_bad(HEAD "B,门类,采矿业,,B\r\n", "line 2: 5 fields, expected 6");
	assert_bad(HEAD "B,门类,采矿业,,B,,\r\n", "line 2: more than 6 fields");
	assert_bad(HEAD "B,门类,采矿业,,B,\"open\r\n", "line 2: unterminated quoted field");
	assert_bad(HEAD "B,门类,采矿业,,B,\"x\"y\r\n", "line 2: text after a closing quote");
	assert_bad(HEAD "B,门类,采矿业,,B,x\"y\r\n", "line 2: quote inside an unquoted field");
	assert_bad(HEAD "B,门类,采矿业,,B,\rx\n", "line 2: carriage return without line feed");
	assert_bad(HEAD "B,部类,采矿业,,B,\r\n", "line 2: level \"部类\"");
	assert_bad(HEAD "U,门类,采矿业,,U,\r\n", "line 2: code \"U\" is not shaped as a 门类");
	assert_bad(HEAD "B,门类,采矿业,,B,\r\n061,大类,x,B,B,\r\n", "line 3: code \"061\"");
	assert_bad(HEAD "B,门类,,,B,\r\n", "line 2: code B has no name");
	assert_bad(HEAD "B,门类,采矿业,A,B,\r\n", "only sections have no parent");
	assert_bad(HEAD "B,门类,采矿业,,C,\r\n", "bad section \"C\"");
	assert_bad(HEAD "B,门类,采矿业,,B,\r\n06,大类,x,B,B,\r\n06,大类,y,B,B,\r\n",
	           "line 4: code 06 appears twice");
	assert_bad(HEAD "B,门类,采矿业,,B,\r\n061,中类,x,06,B,\r\n", "parent 06 is not in the table");
	assert_bad(HEAD "B,门类,采矿业,,B,\r\n0610,小类,x,B,B,\r\n", "0610 cannot be a child of B");
	assert_bad(HEAD "B,门类,采矿业,,B,\r\n06,大类,x,B,B,\r\n071,中类,x,06,B,\r\n",
	           "071 cannot be a child of 06");
	assert_bad(HEAD "B,门类,x,,B,\r\nC,门类,y,,C,\r\n06,大类,x,B,C,\r\n",
	           "line 4: code 06: section C, but its parent B is in B");
	const char nul[] = HEAD "B,门类,采矿业,,B,\0\r\n";
	c = NULL;
	assert_int_equal(industry_codes_parse(nul, sizeof nul - 1, "t.csv", &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "NUL byte"));
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
