/* uscc.c - unified social credit codes (GB 32100-2015) and their check characters; see uscc.h. */
#include "model/uscc.h"

#include <string.h>

/* The code set, in value order: a character's value is its index. */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Weights of positions 1-17 for the check character: 3^i mod 31. */
static const int uscc_weights[USCC_LEN - 1] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24,
                                               10, 30, 28};

/* Weights of the 8 organisation-code characters (GB 11714). */
static const int org_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

/* 1 + the value of each byte in the code set (uscc_charset), 0 for a byte outside it. */
static const unsigned char charset_plus1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	['G'] = 17, ['H'] = 18, ['J'] = 19, ['K'] = 20, ['L'] = 21, ['M'] = 22, ['N'] = 23,
	['P'] = 24, ['Q'] = 25, ['R'] = 26, ['T'] = 27, ['U'] = 28, ['W'] = 29, ['X'] = 30,
	['Y'] = 31
};

/* Value of `c` in the code set, or -1. */
static int charset_value(char c)
{
	return (int)charset_plus1[(unsigned char)c] - 1;
}

/* Length of the valid UTF-8 sequence at `p` (1-4), or 0 when the bytes there are not one. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* Number of characters in `s`, counting each byte of a broken UTF-8 sequence as one. */
static size_t char_count(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
		size_t k = utf8_len(p);
		p += k ? k : 1;
	}
	return n;
}

/* Explain why the character of `len` bytes at `p`, position `pos`, is not in the code set. */
static bool bad_char(const char *p, size_t len, int pos, struct err *e)
{
	unsigned char c = (unsigned char)p[0];
	if (len == 0)
		(void)err_set(e, ERR_INVALID, "第%d位不是有效的 UTF-8 字符，请检查文件编码 (invalid UTF-8)",
		              pos);
	else if (len == 3 && c == 0xEF &&
	         (((unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x81) ||
	          ((unsigned char)p[1] == 0xBD && (unsigned char)p[2] <= 0x9E)))
		(void)err_set(e, ERR_INVALID, "第%d位“%.*s”是全角字符，请改为半角 (full-width character: "
		              "use half-width)", pos, (int)len, p);
	else if (len > 1)
		(void)err_set(e, ERR_INVALID, "第%d位“%.*s”不是数字或大写字母 (not a digit or upper-case "
		              "letter)", pos, (int)len, p);
	else if (c >= 'a' && c <= 'z')
		(void)err_set(e, ERR_INVALID, "第%d位“%c”是小写字母，请改为大写 (lower-case letter: use "
		              "upper case)", pos, (char)c);
	else if (c == 'I' || c == 'O' || c == 'Z' || c == 'S' || c == 'V')
		(void)err_set(e, ERR_INVALID, "第%d位“%c”不可用：统一社会信用代码不用字母 I、O、Z、S、V "
		              "(letter not used in codes)", pos, (char)c);
	else if (c <= ' ' || c == 0x7F)
		(void)err_set(e, ERR_INVALID, "第%d位是空白或控制字符 (white space or control character)",
		              pos);
	else
		(void)err_set(e, ERR_INVALID, "第%d位“%c”不是数字或大写字母 (not a digit or upper-case "
		              "letter)", pos, (char)c);
	return false;
}

bool uscc_valid(const char *s, struct err *e)
{
	if (s == NULL || s[0] == '\0') {
		(void)err_set(e, ERR_INVALID, "统一社会信用代码为空 (code is empty)");
		return false;
	}
	size_t n = char_count(s);
	if (n != USCC_LEN) {
		(void)err_set(e, ERR_INVALID, "统一社会信用代码应为18位，实为%zu位 (must be 18 characters, "
		              "not %zu)", n, n);
		return false;
	}
	const char *p = s;
	for (int pos = 1; pos <= USCC_LEN; pos++) {
		size_t len = utf8_len((const unsigned char *)p);
		if (len != 1 || charset_value(*p) < 0)
			return bad_char(p, len, pos, e);
		if (pos >= 3 && pos <= 8 && (*p < '0' || *p > '9')) {
			(void)err_set(e, ERR_INVALID, "第%d位“%c”应为数字：第3-8位是行政区划代码 (positions "
			              "3-8 are the division code, digits only)", pos, *p);
			return false;
		}
		p++;
	}
	char want = uscc_check_char(s);
	if (s[USCC_LEN - 1] != want) {
		(void)err_set(e, ERR_INVALID, "第18位校验码应为 %c，请核对各位是否录入有误 (check "
		              "character should be %c)", want, want);
		return false;
	}
	want = uscc_org_check_char(s + 8);
	if (s[16] != want) {
		(void)err_set(e, ERR_INVALID, "第17位组织机构代码校验码应为 %c，请核对第9-17位 "
		              "(organisation code check digit should be %c)", want, want);
		return false;
	}
	return true;
}

static bool is_space_at(const char *p, size_t *len)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
		*len = 1;
		return true;
	}
	if (strncmp(p, "\xE3\x80\x80", 3) == 0) { /* U+3000 IDEOGRAPHIC SPACE */
		*len = 3;
		return true;
	}
	return false;
}

void uscc_normalise(char *s)
{
	if (s == NULL)
		return;
	size_t start = 0, len;
	while (is_space_at(s + start, &len))
		start += len;
	size_t n = strlen(s + start);
	memmove(s, s + start, n + 1);
	for (;;) {
		if (n >= 1 && is_space_at(s + n - 1, &len) && len == 1)
			n--;
		else if (n >= 3 && strncmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
		s[n] = '\0';
	}
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
}

char uscc_check_char(const char *first17)
{
	if (first17 == NULL)
		return 0;
	int sum = 0;
	for (int i = 0; i < USCC_LEN - 1; i++) {
		int v = charset_value(first17[i]);
		if (v < 0)
			return 0;
		sum += v * uscc_weights[i];
	}
	return uscc_charset[(31 - sum % 31) % 31];
}

char uscc_org_check_char(const char *body8)
{
	if (body8 == NULL)
		return 0;
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		char c = body8[i];
		int v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'A' && c <= 'Z')
			v = c - 'A' + 10;
		else
			return 0;
		sum += v * org_weights[i];
	}
	int r = 11 - sum % 11; /* 1..11 */
	if (r == 10)
		return 'X';
	return "0123456789"[r % 11];
}

bool uscc_division_code(const char *s, char out[7])
{
	if (!uscc_valid(s, NULL))
		return false;
	memcpy(out, s + 2, 6);
	out[6] = '\0';
	return true;
}
