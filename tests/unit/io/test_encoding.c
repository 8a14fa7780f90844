/* test_encoding.c - UTF-8 / GB18030 detection and conversion (src/io/encoding.c). */
#include "testutil.h"

#include <iconv.h>

#include "io/encoding.h"

#define FIXTURES "tests/fixtures/csv/"

/* A string literal and its length without the terminator. */
#define LIT(s) (s), (sizeof(s) - 1)

static const char sample[] = "所在区,企业名称\n深圳市南山区,腾讯科技（深圳）有限公司\n"
			     "龙岗区,华为技术有限公司\n宝安区,𠮷祥（深圳）科技有限公司\n";

/* `utf8` in GB18030, converted by iconv the way Excel would save it (malloc'd). */
static char *to_gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true((intptr_t)cd != -1);
	size_t il = strlen(utf8), ol = 4 * il + 4;
	char *out = malloc(ol), *op = out, *ip = (char *)utf8;
	assert_non_null(out);
	assert_int_equal(iconv(cd, &ip, &il, &op, &ol), 0);
	assert_int_equal(iconv_close(cd), 0);
	*len = (size_t)(op - out);
	return out;
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid(LIT("")));
	assert_true(utf8_valid(LIT("plain ascii, 1,2,3")));
	assert_true(utf8_valid(LIT("深圳市南山区（１）𠮷")));
	assert_true(utf8_valid("\0", 1));                     /* U+0000 is UTF-8 */
	assert_true(utf8_valid(LIT("\xC2\x80\xDF\xBF")));     /* U+0080, U+07FF */
	assert_true(utf8_valid(LIT("\xE0\xA0\x80\xED\x9F\xBF"))); /* U+0800, U+D7FF */
	assert_true(utf8_valid(LIT("\xEE\x80\x80\xEF\xBF\xBF"))); /* U+E000, U+FFFF */
	assert_true(utf8_valid(LIT("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"))); /* U+10000, U+10FFFF */

	assert_false(utf8_valid(LIT("\x80")));             /* a lone continuation byte */
	assert_false(utf8_valid(LIT("\xC0\xAF")));         /* overlong '/' */
	assert_false(utf8_valid(LIT("\xC1\xBF")));         /* overlong */
	assert_false(utf8_valid(LIT("\xE0\x9F\xBF")));     /* overlong U+07FF */
	assert_false(utf8_valid(LIT("\xF0\x8F\xBF\xBF"))); /* overlong U+FFFF */
	assert_false(utf8_valid(LIT("\xED\xA0\x80")));     /* surrogate U+D800 */
	assert_false(utf8_valid(LIT("\xED\xBF\xBF")));     /* surrogate U+DFFF */
	assert_false(utf8_valid(LIT("\xF4\x90\x80\x80"))); /* U+110000 */
	assert_false(utf8_valid(LIT("\xF5\x80\x80\x80")));
	assert_false(utf8_valid(LIT("\xFF")));
	assert_false(utf8_valid(LIT("\xE6\xB7")));         /* 深 cut short */
	assert_false(utf8_valid(LIT("\xE6\x41\xB1")));     /* a continuation byte missing */
	assert_false(utf8_valid(LIT("abcdefghijklmnop\xC4\xCF"))); /* GBK 南 after an ASCII run */
	/* Every byte of an eight-byte ASCII block is checked, the first and the last included. */
	assert_false(utf8_valid(LIT("\xFF" "abcdefghijklmnop")));
	assert_false(utf8_valid(LIT("abcdefgh" "\x80" "ijklmnopqrstuvw")));
	assert_false(utf8_valid(LIT("abcdefg" "\x80" "ijklmnopqrstuvw")));
}

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(encoding_detect(LIT("")), ENC_UTF8);
	assert_int_equal(encoding_detect(LIT("a,b\r\n1,2\r\n")), ENC_UTF8);
	assert_int_equal(encoding_detect(LIT(sample)), ENC_UTF8);
	assert_int_equal(encoding_detect(LIT("\xEF\xBB\xBF名称\n")), ENC_UTF8_BOM);
	assert_int_equal(encoding_detect(LIT("\xEF\xBB\xBF")), ENC_UTF8_BOM);
	/* A sample cut in the middle of 圳 is still UTF-8; a bad byte before the end is not. */
	assert_int_equal(encoding_detect(LIT("深\xE5\x9C")), ENC_UTF8);
	assert_int_equal(encoding_detect(LIT("深\xE5\x9C,")), ENC_GB18030);
	assert_int_equal(encoding_detect(LIT("\xC0\xAF")), ENC_GB18030);
	assert_int_equal(encoding_detect(LIT("\xED\xA0\x80")), ENC_GB18030);
	assert_int_equal(encoding_detect(LIT("\xF4\x90\x80\x80")), ENC_GB18030);
	size_t len;
	char *gb = to_gb18030(sample, &len);
	assert_int_equal(encoding_detect(gb, len), ENC_GB18030);
	free(gb);
	assert_string_equal(encoding_name(ENC_UTF8), "UTF-8");
	assert_string_equal(encoding_name(ENC_UTF8_BOM), "UTF-8 (BOM)");
	assert_string_equal(encoding_name(ENC_GB18030), "GB18030");
}

static void test_utf8_copied_bom_stripped(void **state)
{
	(void)state;
	struct err e = {0};
	char *out;
	size_t len;
	assert_int_equal(encoding_to_utf8(LIT(sample), ENC_UTF8, &out, &len, &e), ERR_OK);
	assert_int_equal(len, strlen(sample));
	assert_string_equal(out, sample);
	free(out);
	assert_int_equal(encoding_to_utf8(LIT("\xEF\xBB\xBF名称,区\n"), ENC_UTF8_BOM, &out, &len, &e),
			 ERR_OK);
	assert_string_equal(out, "名称,区\n");
	assert_int_equal(len, strlen("名称,区\n"));
	free(out);
	assert_int_equal(encoding_to_utf8(LIT("\xEF\xBB\xBF"), ENC_UTF8_BOM, &out, &len, &e),
			 ERR_OK);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	free(out);
	assert_int_equal(encoding_to_utf8(NULL, 0, ENC_UTF8, &out, &len, &e), ERR_OK);
	assert_string_equal(out, "");
	free(out);
}

static void test_utf8_invalid_located(void **state)
{
	(void)state;
	struct err e = {0};
	char *out = (char *)1;
	size_t len = 99;
	/* Line 2 (after a lone CR), byte 4: the surrogate after "南". */
	assert_int_equal(encoding_to_utf8(LIT("a,b\r南\xED\xA0\x80\n"), ENC_UTF8, &out, &len, &e),
			 ERR_INVALID);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_non_null(strstr(e.msg, "第2行第4字节不是有效的 UTF-8"));
	assert_non_null(strstr(e.msg, "line 2, byte 4"));
	/* With a BOM, bytes count from the start of the text. */
	assert_int_equal(encoding_to_utf8(LIT("\xEF\xBB\xBF" "ab\r\ncd\r\n\xFF"), ENC_UTF8_BOM,
					  &out, &len, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 3, byte 1"));
	/* A whole file must not end mid-character. */
	assert_int_equal(encoding_to_utf8(LIT("ab\n深\xE5\x9C"), ENC_UTF8, &out, &len, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 2, byte 4"));
}

static void test_gb18030_round_trip(void **state)
{
	(void)state;
	size_t gblen, len;
	char *gb = to_gb18030(sample, &gblen);
	assert_true(gblen < strlen(sample)); /* two bytes a character, not three */
	struct err e = {0};
	char *out;
	assert_int_equal(encoding_to_utf8(gb, gblen, encoding_detect(gb, gblen), &out, &len, &e),
			 ERR_OK);
	assert_int_equal(len, strlen(sample));
	assert_string_equal(out, sample); /* 𠮷 went through a four-byte GB18030 sequence */
	assert_true(utf8_valid(out, len));
	free(out);
	free(gb);
}

static void test_gb18030_invalid_located(void **state)
{
	(void)state;
	struct err e = {0};
	char *out = (char *)1;
	size_t len = 99, gblen;
	char *gb = to_gb18030("名称\n南山\r\n0123456789abcdef", &gblen);
	char *bad = malloc(gblen + 3);
	assert_non_null(bad);
	memcpy(bad, gb, gblen);
	memcpy(bad + gblen, "\xFF,x", 3); /* 0xFF starts no GB18030 character */
	assert_int_equal(encoding_to_utf8(bad, gblen + 3, ENC_GB18030, &out, &len, &e),
			 ERR_INVALID);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_non_null(strstr(e.msg, "第3行第17字节无法按 GB18030 解码"));
	assert_non_null(strstr(e.msg, "(invalid GB18030 byte sequence at line 3, byte 17)"));
	/* A lead byte at the very end: the file stops mid-character. */
	memcpy(bad + gblen, "\x81", 1);
	assert_int_equal(encoding_to_utf8(bad, gblen + 1, ENC_GB18030, &out, &len, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 3, byte 17: the file ends mid-character"));
	free(bad);
	free(gb);
}

static void test_mixed_encodings_refused(void **state)
{
	(void)state;
	size_t flen, len;
	char *f = read_file(FIXTURES "mixed_gbk.csv", &flen);
	assert_int_equal(encoding_detect(f, flen), ENC_GB18030); /* not valid UTF-8 throughout */
	struct err e = {0};
	char *out = (char *)1;
	/* Converting it as GB18030 would garble every other line: refuse, pointing at 华为. */
	assert_int_equal(encoding_to_utf8(f, flen, ENC_GB18030, &out, &len, &e), ERR_INVALID);
	assert_null(out);
	assert_non_null(strstr(e.msg, "第3行第11字节"));
	assert_non_null(strstr(e.msg, "the file is UTF-8 except at line 3, byte 11"));
	free(f);
}

static void test_utf16_and_cap(void **state)
{
	(void)state;
	struct err e = {0};
	char *out;
	size_t len;
	assert_int_equal(encoding_to_utf8(LIT("\xFF\xFEN\0"), encoding_detect(LIT("\xFF\xFEN\0")),
					  &out, &len, &e),
			 ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-16"));
	/* The cap is checked before a byte is read, so a short buffer can claim a huge length. */
	static const char tiny[] = "x";
	assert_int_equal(encoding_to_utf8(tiny, ENCODING_MAX_INPUT + 1, ENC_UTF8, &out, &len, &e),
			 ERR_REJECTED);
	assert_null(out);
	assert_non_null(strstr(e.msg, "1073741824-byte limit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_utf8_copied_bom_stripped),
		cmocka_unit_test(test_utf8_invalid_located),
		cmocka_unit_test(test_gb18030_round_trip),
		cmocka_unit_test(test_gb18030_invalid_located),
		cmocka_unit_test(test_mixed_encodings_refused),
		cmocka_unit_test(test_utf16_and_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
