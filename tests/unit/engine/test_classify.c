/* test_classify.c - the classifier (src/engine/classify.c): normalisation, class and keyword
 * rules, exclusions, partial classes, ordering and caps, on hand-built rule sets. */
#include "testutil.h"

#include <utf8proc.h>

#include "engine/classify.h"

#define NO UINT32_MAX

static char norm_buf[1024];

static const char *norm(const char *s)
{
	size_t n = classify_normalize(s, strlen(s), norm_buf, sizeof norm_buf);
	assert_int_equal(n, strlen(norm_buf));
	return norm_buf;
}

static void test_normalize(void **state)
{
	(void)state;
	assert_string_equal(norm("ＬＥＤ显示屏"), "led显示屏");
	assert_string_equal(norm("集成　电路"), "集成 电路");          /* U+3000 */
	assert_string_equal(norm("销售（不含医疗器械）；５Ｇ"), "销售(不含医疗器械);5g");
	assert_string_equal(norm("ABC abc 123"), "abc abc 123");
	assert_string_equal(norm("技术开发、技术咨询。"), "技术开发、技术咨询。"); /* already normal */
	assert_string_equal(norm("①号"), "1号");
	assert_string_equal(norm("㈱深圳"), "(株)深圳");
	assert_string_equal(norm("Ⅻ"), "xii");                        /* NFKC then lower case */
	assert_string_equal(norm("ﬁber"), "fiber");
	/* A combining mark composes with the character before it, also one the fast path took. */
	assert_string_equal(norm("Cafe\xcc\x81"), "caf\xc3\xa9");
	assert_string_equal(norm("E\xcc\x81"), "\xc3\x89"); /* É: not ASCII, case kept */
	/* Compatibility ideographs and half-width katakana. */
	assert_string_equal(norm("\xef\xa4\x80"), "\xe8\xb1\x88"); /* U+F900 -> U+8C48 */
	assert_string_equal(norm("ｶ"), "カ");
	/* Invalid bytes are dropped, wherever they are. */
	assert_string_equal(norm("集\xff成"), "集成");
	assert_string_equal(norm("电\xe8"), "电");
	assert_string_equal(norm("\x80\xc0\xaf路"), "路");
	assert_string_equal(norm("ｶ\xff\xcc\x81"), "カ\xcc\x81");
	assert_string_equal(norm(""), "");
}

/* snprintf semantics: the full length is returned; the output is cut at a whole character. */
static void test_normalize_cap(void **state)
{
	(void)state;
	char out[8];
	memset(out, 'x', sizeof out);
	assert_int_equal(classify_normalize("集成电路", 12, out, 8), 12);
	assert_string_equal(out, "集成");
	assert_int_equal(classify_normalize("ＡＢ", 6, out, 2), 2);
	assert_string_equal(out, "a");
	assert_int_equal(classify_normalize("ＡＢ", 6, NULL, 0), 2);
	out[0] = 'x';
	assert_int_equal(classify_normalize("电", 3, out, 1), 3);
	assert_string_equal(out, "");
}

/* The fast path's claim: every code point it handles has, under utf8proc's NFKC, the form it
 * writes (ASCII lower-cased). */
static void test_fast_path_is_nfkc(void **state)
{
	(void)state;
	static const uint32_t ranges[][2] = {
		{0x20, 0x7E}, {0x3000, 0x301F}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xFF01, 0xFF5E}};
	for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			utf8proc_uint8_t in[8];
			utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, in);
			in[n] = 0;
			utf8proc_uint8_t *ref = utf8proc_NFKC(in);
			assert_non_null(ref);
			for (utf8proc_uint8_t *p = ref; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (utf8proc_uint8_t)(*p + 32);
			char got[16];
			classify_normalize((const char *)in, (size_t)n, got, sizeof got);
			if (strcmp(got, (const char *)ref) != 0)
				fail_msg("U+%04X: fast path gives \"%s\", NFKC \"%s\"", cp, got, ref);
			free(ref);
		}
}

/*
 * Industries: 0 半导体与集成电路, 1 高端医疗器械, 2 超高清视频显示, 3 生物医药.
 */
enum { I_IC, I_MED, I_UHD, I_BIO, N_IND };

static const struct rule rules[] = {
	{1, I_IC, RULE_KEYWORD, NULL, "集成电路", false},
	{2, I_MED, RULE_KEYWORD, NULL, "医疗器械", false},
	{3, I_MED, RULE_EXCLUDE, NULL, "不含医疗器械", false},
	{4, I_UHD, RULE_KEYWORD, NULL, "LED显示屏", false}, /* normalised at build: led显示屏 */
	{5, I_IC, RULE_CLASS, "3973", NULL, false},        /* 集成电路制造 */
	{6, I_MED, RULE_CLASS, "358", NULL, false},        /* group 医疗仪器设备及器械制造 */
	{7, I_BIO, RULE_CLASS, "27", NULL, false},         /* division 医药制造业 */
	{8, I_UHD, RULE_CLASS, "3976", NULL, true},        /* 光电子器件制造: partly in scope */
	{10, I_UHD, RULE_KEYWORD, NULL, "超高清", false},
	{12, I_IC, RULE_EXCLUDE, NULL, "医疗器械", false},  /* another industry's: voids nothing of 1 */
	{13, I_IC, RULE_EXCLUDE, NULL, "集成电路卡", false},
	{14, I_IC, RULE_EXCLUDE, NULL, "不含集成", false},
	{15, I_BIO, RULE_CLASS, "2710", NULL, true},       /* partial, but 27 (full) wins */
	{16, I_UHD, RULE_CLASS, "397", NULL, true},        /* partial group: 3976 (longer) wins */
	{17, I_BIO, RULE_KEYWORD, NULL, "生物医药", false},
	{18, I_BIO, RULE_EXCLUDE, NULL, "生物医药", false}, /* an exclusion equal to a keyword */
};

static struct classifier *cls;

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	if (classify_build(rules, sizeof rules / sizeof *rules, N_IND, &cls, &e) != ERR_OK) {
		print_error("%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	classify_free(cls);
	return 0;
}

static struct membership got[8];

static size_t run(const char *code, const char *text)
{
	memset(got, 0xAB, sizeof got);
	return classify_one(cls, NULL, code, text, text ? strlen(text) : 0, got, 8);
}

static void expect(size_t i, unsigned industry, uint32_t rule, uint32_t rule2, bool by_class)
{
	assert_int_equal(got[i].industry, industry);
	assert_int_equal(got[i].rule, rule);
	assert_int_equal(got[i].rule2, rule2);
	assert_int_equal(got[i].by_class, by_class);
}

static void test_exclusions(void **state)
{
	(void)state;
	/* Every occurrence of 医疗器械 lies inside 不含医疗器械: not a member. */
	assert_int_equal(run(NULL, "销售日用品（不含医疗器械）"), 0);
	assert_int_equal(run("", "医疗器械研发"), 1);
	expect(0, I_MED, 2, NO, false);
	/* One occurrence outside the exclusion is enough. */
	assert_int_equal(run(NULL, "销售日用品（不含医疗器械）；医疗器械研发"), 1);
	expect(0, I_MED, 2, NO, false);
	/* 集成电路卡 voids 集成电路 inside it only; 不含集成 overlaps 集成电路 without containing it. */
	assert_int_equal(run(NULL, "集成电路卡销售"), 0);
	assert_int_equal(run(NULL, "集成电路卡、集成电路设计"), 1);
	expect(0, I_IC, 1, NO, false);
	assert_int_equal(run(NULL, "不含集成电路"), 1);
	/* The same through the slower road (① and Ⅻ need utf8proc, so the text is normalised before
	 * the scan and spans are bytes, not characters). */
	assert_int_equal(run(NULL, "①销售日用品（不含医疗器械）"), 0);
	assert_int_equal(run(NULL, "Ⅻ销售（不含医疗器械）；ＬＥＤ显示屏、医疗器械研发①"), 2);
	expect(0, I_MED, 2, NO, false);
	expect(1, I_UHD, 4, NO, false);
	/* A keyword equal to its industry's exclusion phrase is always voided. */
	assert_int_equal(run(NULL, "生物医药研发"), 0);
}

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(run("3973", NULL), 1);
	expect(0, I_IC, 5, NO, true);
	assert_int_equal(run("C3973", ""), 1); /* with its section letter */
	expect(0, I_IC, 5, NO, true);
	assert_int_equal(run("3581", NULL), 1); /* group prefix 358 */
	expect(0, I_MED, 6, NO, true);
	assert_int_equal(run("3589", "医疗器械"), 1); /* class and keyword: the class is recorded */
	expect(0, I_MED, 6, NO, true);
	assert_int_equal(run("2710", NULL), 1); /* division 27 (full) beats 2710 (partial) */
	expect(0, I_BIO, 7, NO, true);
	assert_int_equal(run("3590", NULL), 0);
	assert_int_equal(run("35", NULL), 0);   /* a division alone does not reach group 358 */
	assert_int_equal(run("39x3", NULL), 0);
	assert_int_equal(run("3973", "集成电路设计"), 1);
	expect(0, I_IC, 5, NO, true);
}

static void test_partial(void **state)
{
	(void)state;
	/* 3976 is partly in scope: alone, or with a voided or other industry's keyword, no member. */
	assert_int_equal(run("3976", NULL), 0);
	assert_int_equal(run("3976", "光电子器件制造"), 0);
	assert_int_equal(run("3976", "集成电路设计"), 1);
	expect(0, I_IC, 1, NO, false);
	/* With a keyword of its industry (full-width, upper case in the text): both rules. */
	assert_int_equal(run("3976", "ＬＥＤ显示屏制造"), 1);
	expect(0, I_UHD, 8, 4, true);
	/* 3975 matches only the partial group 397: confirmed by 超高清. */
	assert_int_equal(run("3975", "超高清显示"), 1);
	expect(0, I_UHD, 16, 10, true);
	assert_int_equal(run("3975", "显示"), 0);
}

static void test_order_and_cap(void **state)
{
	(void)state;
	/* The first keyword is the occurrence that ends first. */
	assert_int_equal(run(NULL, "超高清LED显示屏"), 1);
	expect(0, I_UHD, 10, NO, false);
	assert_int_equal(run(NULL, "led显示屏、超高清"), 1);
	expect(0, I_UHD, 4, NO, false);
	/* Four industries, in industry order whatever the text order. */
	const char *text = "超高清视频、医疗器械、集成电路";
	assert_int_equal(run("2720", text), 4);
	expect(0, I_IC, 1, NO, false);
	expect(1, I_MED, 2, NO, false);
	expect(2, I_UHD, 10, NO, false);
	expect(3, I_BIO, 7, NO, true);
	/* A cap smaller than the count: the count is still returned, nothing past the cap written. */
	memset(got, 0xAB, sizeof got);
	struct classify_scratch *s = classify_scratch_new(cls);
	assert_int_equal(classify_one(cls, s, "2720", text, strlen(text), got, 2), 4);
	expect(0, I_IC, 1, NO, false);
	expect(1, I_MED, 2, NO, false);
	assert_int_equal(got[2].industry, 0xABABABABu);
	assert_int_equal(classify_one(cls, s, "2720", text, strlen(text), NULL, 0), 4);
	/* The scratch is clean between calls. */
	assert_int_equal(classify_one(cls, s, NULL, "医疗器械", strlen("医疗器械"), got, 8), 1);
	expect(0, I_MED, 2, NO, false);
	assert_int_equal(classify_one(cls, s, NULL, NULL, 0, got, 8), 0);
	classify_scratch_free(s);
}

static void test_text_forms(void **state)
{
	(void)state;
	/* Invalid bytes are dropped before matching, full-width spaces are spaces. */
	assert_int_equal(run(NULL, "集成\xff电路"), 1);
	expect(0, I_IC, 1, NO, false);
	assert_int_equal(run(NULL, "集成　电路"), 0);
	assert_int_equal(run(NULL, "ｌｅｄ显示屏"), 1);
	expect(0, I_UHD, 4, NO, false);
	/* Only `len` bytes are read. */
	assert_int_equal(classify_one(cls, NULL, NULL, "集成电路", 9, got, 8), 0);
}

/* Many industries (chain nodes later): order holds across words of the scratch's bitmap. */
static void test_many_industries(void **state)
{
	(void)state;
	const struct rule r[] = {
		{1, 99, RULE_KEYWORD, NULL, "芯片", false},
		{2, 70, RULE_KEYWORD, NULL, "封装", false},
		{3, 3, RULE_CLASS, "3973", NULL, false},
		{4, 64, RULE_KEYWORD, NULL, "芯片封装", false},
	};
	struct classifier *c = NULL;
	struct err e = {0};
	assert_int_equal(classify_build(r, 4, 100, &c, &e), ERR_OK);
	struct classify_scratch *s = classify_scratch_new(c);
	for (int round = 0; round < 2; round++) {
		memset(got, 0xAB, sizeof got);
		assert_int_equal(classify_one(c, s, "3973", "芯片封装测试", strlen("芯片封装测试"), got, 8), 4);
		expect(0, 3, 3, NO, true);
		expect(1, 64, 4, NO, false);
		expect(2, 70, 2, NO, false);
		expect(3, 99, 1, NO, false);
	}
	assert_int_equal(classify_one(c, s, NULL, "封装", strlen("封装"), got, 8), 1);
	expect(0, 70, 2, NO, false);
	classify_scratch_free(s);
	classify_free(c);
}

static void test_empty_and_bad_rules(void **state)
{
	(void)state;
	struct classifier *c = NULL;
	struct err e = {0};
	assert_int_equal(classify_build(NULL, 0, 3, &c, &e), ERR_OK);
	assert_int_equal(classify_one(c, NULL, "3973", "集成电路", strlen("集成电路"), got, 8), 0);
	classify_free(c);
	classify_free(NULL);
	classify_scratch_free(NULL);

	struct rule bad[2] = {{1, 0, RULE_KEYWORD, NULL, "集成电路", false}};
	bad[1] = (struct rule){2, 5, RULE_KEYWORD, NULL, "芯片", false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	assert_null(c);
	assert_non_null(strstr(e.msg, "规则 2"));
	bad[1] = (struct rule){3, 0, RULE_CLASS, "39A", NULL, false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "39A"));
	bad[1] = (struct rule){3, 0, RULE_CLASS, "39731", NULL, false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	bad[1] = (struct rule){3, 0, RULE_CLASS, NULL, NULL, false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	bad[1] = (struct rule){4, 0, RULE_EXCLUDE, NULL, "\xff\xfe", false}; /* empty once cleaned */
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "规则 4"));
	bad[1] = (struct rule){4, 0, RULE_KEYWORD, NULL, NULL, false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	bad[1] = (struct rule){1, 1, RULE_KEYWORD, NULL, "芯片", false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "规则编号 1 重复"));
	bad[1] = (struct rule){9, 1, (enum rule_kind)7, NULL, "芯片", false};
	assert_int_equal(classify_build(bad, 2, 3, &c, &e), ERR_INVALID);
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_cap),
		cmocka_unit_test(test_fast_path_is_nfkc),
		cmocka_unit_test(test_exclusions),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_order_and_cap),
		cmocka_unit_test(test_text_forms),
		cmocka_unit_test(test_many_industries),
		cmocka_unit_test(test_empty_and_bad_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
