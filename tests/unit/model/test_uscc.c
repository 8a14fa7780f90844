/* test_uscc.c - credit codes (src/model/uscc.c): real codes, each kind of error, generation. */
#include "testutil.h"

#include "model/uscc.h"

/*
 * Published codes of real firms. The first nine are well known (Tencent, Huawei, BYD, ZTE,
 * Ping An Bank, China Merchants Bank, Xiaomi, Baidu, Alibaba China); the rest are newer
 * "MA" codes with letters in the organisation code (Shenzhen 440300 firms, an individual business
 * 92..., farmers' cooperatives 93...), which pin the GB 11714 letter values (A=10 .. Z=35).
 */
static const char *const real_codes[] = {
	"9144030071526726XG", "914403001922038216", "91440300192317458F", "9144030027939873X7",
	"91440300192185379H", "9144030010001686XA", "91110108551385082Q", "91110000802100433B",
	"91330100716105852F", "91440300MA5GNXTT8W", "91440300MA5GLDEH9F", "91440300MA5GNXPJ0T",
	"91440300MA5GJ2TP9T", "91440300MA5GN63X1H", "92330105MA2KDXC81L", "93371526MA3UHRJD3T",
	"93230781MA1CDPPD45", "91230206MA1CDAMAXY", "91231226MA1CD0JNXD",
};

static void test_real_codes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof real_codes / sizeof real_codes[0]; i++) {
		struct err e = {0};
		if (!uscc_valid(real_codes[i], &e))
			fail_msg("%s: %s", real_codes[i], e.msg);
		assert_int_equal(uscc_check_char(real_codes[i]), real_codes[i][17]);
		assert_int_equal(uscc_org_check_char(real_codes[i] + 8), real_codes[i][16]);
	}
	char div[7];
	assert_true(uscc_division_code("9144030071526726XG", div));
	assert_string_equal(div, "440300");
	assert_true(uscc_division_code("92330105MA2KDXC81L", div));
	assert_string_equal(div, "330105");
	assert_false(uscc_division_code("9144030071526726XH", div));
	assert_false(uscc_division_code(NULL, div));
}

/* uscc_valid(s) fails with ERR_INVALID and a message containing `part`. */
static void assert_refused(const char *s, const char *part)
{
	struct err e = {0};
	assert_false(uscc_valid(s, &e));
	assert_int_equal(e.code, ERR_INVALID);
	if (strstr(e.msg, part) == NULL)
		fail_msg("%s: message \"%s\" lacks \"%s\"", s ? s : "(null)", e.msg, part);
	assert_false(uscc_valid(s, NULL)); /* no message wanted: still refused, no crash */
}

static void test_errors(void **state)
{
	(void)state;
	/* Length, counted in characters. */
	assert_refused(NULL, "为空");
	assert_refused("", "为空");
	assert_refused("9144030071526726X", "实为17位 (must be 18 characters, not 17)");
	assert_refused("9144030071526726XGG", "实为19位");
	assert_refused(" 9144030071526726XG", "实为19位");
	/* Characters outside the code set, each named by position. */
	assert_refused("9144030071526726X腾", "第18位“腾”不是数字或大写字母"); /* 20 bytes */
	assert_refused("9144030071526726xg", "第17位“x”是小写字母，请改为大写 (lower-case letter");
	assert_refused("9I44030071526726XG", "第2位“I”不可用");
	assert_refused("914403007152672OXG", "第16位“O”不可用");
	assert_refused("9144030071526726X-", "第18位“-”不是数字或大写字母");
	assert_refused("91440300 1526726XG", "第9位是空白或控制字符");
	assert_refused("９144030071526726XG", "第1位“９”是全角字符，请改为半角");
	assert_refused("9144030071526726X\xff", "第18位不是有效的 UTF-8 字符");
	assert_refused("91440300715267\xe8\xc5XG", "第15位不是有效的 UTF-8 字符");
	/* Positions 3-8 are digits. */
	assert_refused("9144A30071526726XG", "第5位“A”应为数字");
	/* Check characters: position 18 first, then the organisation code's position 17. */
	assert_refused("9144030071526726XH", "第18位校验码应为 G，请核对各位是否录入有误 (check character should be G)");
	assert_refused("9144030071526727XG", "第18位校验码应为");
	/* A typo in 9-16 with a recomputed position 18: only the organisation check catches it. */
	char typo[19] = "91440300715267270";
	typo[17] = uscc_check_char(typo);
	typo[18] = '\0';
	assert_refused(typo, "第17位组织机构代码校验码应为 8，请核对第9-17位 (organisation code check digit");
}

static void test_normalise(void **state)
{
	(void)state;
	char a[] = " \t9144030071526726xg\r\n";
	uscc_normalise(a);
	assert_string_equal(a, "9144030071526726XG");
	char b[] = "\xE3\x80\x80" "91440300mA5gnxtt8w" "\xE3\x80\x80 ";
	uscc_normalise(b);
	assert_string_equal(b, "91440300MA5GNXTT8W");
	assert_true(uscc_valid(b, NULL));
	char c[] = "  ";
	uscc_normalise(c);
	assert_string_equal(c, "");
	char d[] = "914403 00";
	uscc_normalise(d); /* inner space kept */
	assert_string_equal(d, "914403 00");
	uscc_normalise(NULL);
}

/* Codes built with the two check functions validate; changing any one character breaks them. */
static void test_generate(void **state)
{
	(void)state;
	static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	unsigned seed = 12345;
	for (int round = 0; round < 2000; round++) {
		char code[19];
		code[0] = "159Y"[round % 4];
		code[1] = "123"[round % 3];
		(void)memcpy(code + 2, "440305", 6);
		for (int i = 8; i < 16; i++) {
			seed = seed * 1103515245u + 12345u;
			code[i] = charset[(seed >> 16) % 31];
		}
		code[16] = uscc_org_check_char(code + 8);
		code[17] = uscc_check_char(code);
		code[18] = '\0';
		struct err e = {0};
		if (!uscc_valid(code, &e))
			fail_msg("%s: %s", code, e.msg);
		/* Any single substitution within the code set is caught. */
		int pos = round % 18;
		char orig = code[pos];
		long at = strchr(charset, orig) - charset;
		code[pos] = charset[(at + 1 + round % 30) % 31];
		assert_false(uscc_valid(code, NULL));
		code[pos] = orig;
	}
	assert_int_equal(uscc_check_char("914403007152672"), 0);  /* too short */
	assert_int_equal(uscc_check_char("9144030071526726I"), 0); /* I is not in the set */
	assert_int_equal(uscc_check_char(NULL), 0);
	assert_int_equal(uscc_org_check_char("7152672"), 0);
	assert_int_equal(uscc_org_check_char("7152672a"), 0);
	assert_int_equal(uscc_org_check_char("71526726"), 'X');
	assert_int_equal(uscc_org_check_char("19220382"), '1');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_generate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
