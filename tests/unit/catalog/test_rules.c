/*
 * test_rules.c - rule set files (src/catalog/rules.c): the built-in set parses and covers all
 * 28 industries, each kind of bad row is refused with its row, column and reason, GB18030 and
 * Chinese headers are read, and a set written as CSV or XLSX reads back the same.
 */
#include "testutil.h"

#include "catalog/catalog.h"
#include "catalog/rules.h"

struct fx {
	char dir[256];
	struct programme *p;
	struct industry_codes *codes;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e = {0};
	if (f == NULL || catalog_builtin(&f->p, &e) != ERR_OK || industry_codes_load(&f->codes, &e) != ERR_OK)
		return -1;
	tmpdir_make(f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	programme_free(f->p);
	industry_codes_free(f->codes);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

static void test_builtin(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct rule_set *rs = NULL;
	if (rules_builtin(f->p, f->codes, &rs, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	size_t per_kind[3] = {0};
	size_t *classes = calloc(f->p->n_industries, sizeof *classes);
	size_t *keywords = calloc(f->p->n_industries, sizeof *keywords);
	for (size_t i = 0; i < rs->n; i++) {
		per_kind[rs->rules[i].kind]++;
		const struct industry *ind = programme_industry(f->p, rs->rules[i].industry);
		assert_non_null(ind);
		size_t k = (size_t)(ind - f->p->industries);
		if (rs->rules[i].kind == RULE_CLASS)
			classes[k]++;
		else if (rs->rules[i].kind == RULE_KEYWORD)
			keywords[k]++;
		assert_true(rs->rules[i].reason[0] != '\0');
	}
	/* counts of data/rules/shenzhen-20plus8.csv as committed */
	assert_int_equal(per_kind[RULE_CLASS], 292);
	assert_int_equal(per_kind[RULE_KEYWORD], 496);
	assert_int_equal(per_kind[RULE_EXCLUDE], 41);
	/* every cluster and future industry has class rules and keywords */
	assert_int_equal(f->p->n_industries, 28);
	for (size_t k = 0; k < f->p->n_industries; k++) {
		if (classes[k] == 0 || keywords[k] == 0)
			fail_msg("%s has %zu class rules and %zu keywords", f->p->industries[k].id, classes[k],
			         keywords[k]);
	}
	assert_int_equal(strlen(rs->sha256), 64);

	struct rule *r = NULL;
	assert_int_equal(rules_compile(rs, f->p, &r, &e), ERR_OK);
	assert_int_equal(r[0].id, 1001);
	assert_int_equal(r[0].industry, 0); /* network-communication is the first industry */
	assert_string_equal(r[0].code, "3921");
	free(r);
	free(classes);
	free(keywords);
	rules_free(rs);
}

/* Parse `csv` and expect failure `code` whose message contains `want`. */
static void refused(struct fx *f, const char *csv, enum err_code code, const char *want)
{
	struct err e = {0};
	struct rule_set *rs = NULL;
	enum err_code rc = rules_parse_csv(csv, strlen(csv), "r.csv", f->p, f->codes, &rs, &e);
	assert_null(rs);
	if (rc != code || strstr(e.msg, want) == NULL)
		fail_msg("got %d '%s', want %d with '%s'", rc, e.msg, code, want);
}

#define HEAD "rule_id,industry,kind,code,text,partial,reason\n"

static void test_refused(void **state)
{
	struct fx *f = *state;
	refused(f, HEAD "1,marine,class,3731,,0,ok\n2,nowhere,keyword,,船,,x\n", ERR_REJECTED,
	        "r.csv: 第3行 B列（industry）: 未知产业“nowhere”");
	refused(f, HEAD "1,marine,class,3738,,0,x\n", ERR_REJECTED,
	        "第2行 D列（code）: “3738”不是GB/T 4754-2017");
	refused(f, HEAD "1,marine,class,C,,0,x\n", ERR_REJECTED, "D列（code）");
	refused(f, HEAD "1,marine,keyword,,  ,,x\n", ERR_REJECTED, "第2行 E列（text）: 关键词为空");
	refused(f, HEAD "1,marine,keyword,,船舶,,x\n\n1,marine,keyword,,海洋,,x\n", ERR_REJECTED,
	        "第4行 A列（rule_id）: 规则编号重复：1（第2行已用）");
	refused(f, HEAD "1,marine,rule,,船舶,,x\n", ERR_REJECTED, "第2行 C列（kind）");
	refused(f, HEAD "0,marine,keyword,,船舶,,x\n", ERR_REJECTED, "A列（rule_id）");
	refused(f, HEAD "x1,marine,keyword,,船舶,,x\n", ERR_REJECTED, "A列（rule_id）");
	refused(f, HEAD "1,marine,keyword,,船舶,1,x\n", ERR_REJECTED, "F列（partial）");
	refused(f, HEAD "1,marine,class,3731,船,0,x\n", ERR_REJECTED, "E列（text）");
	/* several problems: the first is named, the others counted */
	refused(f, HEAD "1,nowhere,keyword,,a,,x\n2,nowhere,keyword,,b,,x\n", ERR_REJECTED,
	        "另有1处问题");
	refused(f, "id,industry\n1,marine\n", ERR_REJECTED, "缺少“规则编号”列");
	refused(f, HEAD, ERR_REJECTED, "没有规则");
	refused(f, "", ERR_REJECTED, "文件为空");
	refused(f, HEAD "1,marine,keyword,,\"船舶,,x\n", ERR_REJECTED, "r.csv");
}

static void test_chinese_and_gb18030(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct rule_set *rs = NULL;
	/* Chinese headers in another order, Chinese industry name and kind, 是 for partial */
	const char *csv = "依据,类型,产业,规则编号,行业代码,关键词,部分\n"
	                  "船,行业代码,海洋产业,7,3732,,是\n"
	                  "船,关键词,海洋产业,8,,游艇,\n";
	assert_int_equal(rules_parse_csv(csv, strlen(csv), "c.csv", f->p, f->codes, &rs, &e), ERR_OK);
	assert_int_equal(rs->n, 2);
	assert_string_equal(rs->rules[0].industry, "marine");
	assert_int_equal(rs->rules[0].kind, RULE_CLASS);
	assert_true(rs->rules[0].partial);
	assert_string_equal(rs->rules[1].text, "游艇");
	rules_free(rs);

	/* the same keyword row in GB18030: 海洋产业 = BAA3 D1F3 B2FA D2B5, 游艇 = D3CE CDA7 */
	const char gb[] = HEAD "8,\xba\xa3\xd1\xf3\xb2\xfa\xd2\xb5,keyword,,\xd3\xce\xcd\xa7,,x\n";
	assert_int_equal(rules_parse_csv(gb, sizeof gb - 1, "g.csv", f->p, f->codes, &rs, &e), ERR_OK);
	assert_string_equal(rs->rules[0].text, "游艇");
	assert_string_equal(rs->rules[0].industry, "marine");
	rules_free(rs);
}

static void same_sets(const struct rule_set *a, const struct rule_set *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->rules[i].id, b->rules[i].id);
		assert_int_equal(a->rules[i].kind, b->rules[i].kind);
		assert_int_equal(a->rules[i].partial, b->rules[i].partial);
		assert_string_equal(a->rules[i].industry, b->rules[i].industry);
		assert_string_equal(a->rules[i].code, b->rules[i].code);
		assert_string_equal(a->rules[i].text, b->rules[i].text);
		assert_string_equal(a->rules[i].reason, b->rules[i].reason);
	}
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct rule_set *rs = NULL, *back = NULL;
	char csv[300], xlsx[300];
	(void)snprintf(csv, sizeof csv, "%s/r.csv", f->dir);
	(void)snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", f->dir);
	assert_int_equal(rules_builtin(f->p, f->codes, &rs, &e), ERR_OK);

	assert_int_equal(rules_write_csv(rs, csv, &e), ERR_OK);
	if (rules_read_file(csv, f->p, f->codes, &back, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	same_sets(rs, back);
	rules_free(back);

	assert_int_equal(rules_write_xlsx(rs, xlsx, &e), ERR_OK);
	if (rules_read_file(xlsx, f->p, f->codes, &back, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	same_sets(rs, back);
	assert_int_equal(strlen(back->sha256), 64);
	rules_free(back);

	char missing[300];
	(void)snprintf(missing, sizeof missing, "%s/none.csv", f->dir);
	assert_int_equal(rules_read_file(missing, f->p, f->codes, &back, &e), ERR_IO);
	rules_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_chinese_and_gb18030),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
