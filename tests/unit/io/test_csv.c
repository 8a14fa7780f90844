/* test_csv.c - the RFC 4180 reader and the header alias helper (src/io/csv.c). */
#include "testutil.h"

#include "io/csv.h"
#include "io/encoding.h"

#define FIXTURES "tests/fixtures/csv/"

/*
 * Read all of `data` and render it as "line:field|field|...\n" per record, so a test states the
 * whole result in one string. Fails the test on any error.
 */
static char *render(const char *data)
{
	struct csv_reader *r = csv_reader_new(data, strlen(data), "t.csv");
	struct csv_row row;
	struct err e = {0};
	size_t size = 4 * strlen(data) + 64, used = 0;
	char *out = calloc(1, size);
	assert_non_null(out);
	enum err_code rc;
	while ((rc = csv_reader_next(r, &row, &e)) == ERR_OK) {
		int n = snprintf(out + used, size - used, "%zu:", csv_reader_line(r));
		assert_true(n > 0 && (size_t)n < size - used);
		used += (size_t)n;
		for (size_t i = 0; i < row.n; i++) {
			assert_int_equal(strlen(row.field[i]), row.len[i]);
			n = snprintf(out + used, size - used, "%s%s", i ? "|" : "", row.field[i]);
			assert_true(n >= 0 && (size_t)n < size - used);
			used += (size_t)n;
		}
		assert_true(used + 1 < size);
		out[used++] = '\n';
	}
	assert_int_equal(rc, ERR_NOT_FOUND);
	assert_string_equal(e.msg, ""); /* the end is not an error */
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_NOT_FOUND); /* and stays the end */
	csv_reader_free(r);
	return out;
}

#define assert_csv(data, expected)                                                               \
	do {                                                                                     \
		char *got_ = render(data);                                                       \
		assert_string_equal(got_, expected);                                             \
		free(got_);                                                                      \
	} while (0)

static void test_line_ends(void **state)
{
	(void)state;
	assert_csv("a,b\n1,2\n", "1:a|b\n2:1|2\n");
	assert_csv("a,b\n1,2", "1:a|b\n2:1|2\n"); /* no final line end */
	assert_csv("a,b\r\n1,2\r\n", "1:a|b\n2:1|2\n");
	assert_csv("a,b\r\n1,2", "1:a|b\n2:1|2\n");
	assert_csv("a,b\r1,2\r", "1:a|b\n2:1|2\n"); /* old Mac: lone CR */
	assert_csv("a\r\nb\nc\rd", "1:a\n2:b\n3:c\n4:d\n");
	assert_csv("深圳市南山区,腾讯科技（深圳）有限公司\n", "1:深圳市南山区|腾讯科技（深圳）有限公司\n");
	assert_csv("", "");
	assert_csv("x", "1:x\n");
}

static void test_blank_lines_skipped(void **state)
{
	(void)state;
	assert_csv("\n\r\n\ra,b\n\n\r\n1,2\n\n\n", "4:a|b\n7:1|2\n");
	assert_csv("\n\n", "");
	assert_csv("\r\n", "");
	assert_csv(" \n", "1: \n"); /* a space is a field, not a blank line */
	assert_csv(",\n", "1:|\n");  /* so is a lone comma: two empty fields */
}

static void test_empty_fields(void **state)
{
	(void)state;
	assert_csv("a,,c\n,b,\n,,\n", "1:a||c\n2:|b|\n3:||\n");
	assert_csv("a,", "1:a|\n");
	assert_csv("\"\",\"\"\n", "1:|\n");
	assert_csv("a,\"\"", "1:a|\n");
}

static void test_quoted_fields(void **state)
{
	(void)state;
	assert_csv("\"软件开发,信息技术服务\",x\n", "1:软件开发,信息技术服务|x\n");
	assert_csv("\"say \"\"5G\"\"\",\"\"\"\"\n", "1:say \"5G\"|\"\n");
	/* Line breaks inside quotes are kept as they are; the next record's line counts them. */
	assert_csv("id,scope\r\n1,\"通信设备\r\n制造\"\r\n2,\"a\nb\rc\"\n3,x\n",
		   "1:id|scope\n2:1|通信设备\r\n制造\n4:2|a\nb\rc\n7:3|x\n");
	assert_csv("\"a\"\"\r\n\"\"b\"", "1:a\"\r\n\"b\n"); /* doubled quotes around a CRLF */
	assert_csv("\"\n\n\"\n\nz", "1:\n\n\n5:z\n");   /* blank lines inside quotes are data */
	assert_csv("\"a,b\"", "1:a,b\n");
}

static void test_views_reused_not_reallocated(void **state)
{
	(void)state;
	static const char data[] = "a,bb,ccc\n\"d\",e\n";
	struct csv_reader *r = csv_reader_new(data, sizeof data - 1, "t.csv");
	struct csv_row row;
	struct err e = {0};
	assert_int_equal(csv_reader_line(r), 0);
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(row.n, 3);
	assert_int_equal(row.len[2], 3);
	assert_string_equal(row.field[1], "bb");
	assert_ptr_equal(row.field[1], row.field[0] + 2); /* one buffer, fields back to back */
	const char *first = row.field[0];
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(row.n, 2);
	assert_ptr_equal(row.field[0], first); /* the same buffer again */
	assert_string_equal(row.field[0], "d");
	assert_int_equal(csv_reader_line(r), 2);
	csv_reader_free(r);
	csv_reader_free(NULL);
}

/* Read `data` until an error; check its code and that the message contains each of `want`. */
static void expect_error(const char *data, size_t len, size_t line, const char *want_zh,
			 const char *want_en)
{
	struct csv_reader *r = csv_reader_new(data, len, "企业名录.csv");
	struct csv_row row;
	struct err e = {0};
	enum err_code rc;
	while ((rc = csv_reader_next(r, &row, &e)) == ERR_OK)
		;
	assert_int_equal(rc, ERR_INVALID);
	assert_int_equal(csv_reader_line(r), line);
	if (strstr(e.msg, want_zh) == NULL || strstr(e.msg, want_en) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", e.msg, want_zh, want_en);
	assert_non_null(strstr(e.msg, "企业名录.csv"));
	/* The error sticks. */
	struct err again = {0};
	assert_int_equal(csv_reader_next(r, &row, &again), ERR_INVALID);
	assert_string_equal(again.msg, e.msg);
	csv_reader_free(r);
}

#define EXPECT_ERROR(data, line, zh, en) expect_error((data), sizeof(data) - 1, (line), (zh), (en))

static void test_quote_errors(void **state)
{
	(void)state;
	EXPECT_ERROR("a,b\n1,x\"y\n", 2, "第2行第2列：未加引号的字段中有引号",
		     "line 2, column 2: quote inside an unquoted field");
	EXPECT_ERROR("a, \"b\"\n", 1, "第1行第2列", "line 1, column 2: quote inside");
	EXPECT_ERROR("a,b,c\n1,\"x\"y,3\n", 2, "第2行第2列：右引号后还有字符",
		     "line 2, column 2: text after a closing quote");
	EXPECT_ERROR("\"two\nlines\" ,x\n", 1, "第2行第1列：右引号后", "line 2, column 1: text after");
	/* Never closed: the line where the quote opened, not where the file ended. */
	EXPECT_ERROR("a,b\r\n1,2\r\n3,\"open\r\n4,5\r\n6,7\r\n", 3,
		     "第3行第2列：引号字段从这里开始但没有结束引号",
		     "line 3, column 2: quoted field starts here but is never closed");
	EXPECT_ERROR("\"", 1, "第1行第1列", "line 1, column 1: quoted field starts here");
	EXPECT_ERROR("x,\"a\"\"", 1, "第1行第2列", "never closed"); /* "" is no closing quote */
	EXPECT_ERROR("a,b\n1,2\0z\n", 2, "第2行第2列：含有 NUL 字节", "line 2, column 2: NUL byte");
	EXPECT_ERROR("a,\"b\0\"\n", 1, "第1行第2列", "NUL byte");
}

/*
 * Unquoted fields are scanned eight bytes at a time: a separator, line end, stray quote or NUL at
 * every offset within and across those words (after Chinese and ASCII text) is still found there.
 */
static void test_scan_offsets(void **state)
{
	(void)state;
	static const char *const fill[] = {"深圳市南山区科技园", "abcdefghijklmnopqrstuvwxyz0123"};
	for (size_t f = 0; f < 2; f++) {
		size_t flen = strlen(fill[f]);
		for (size_t k = 0; k <= flen; k++) {
			char data[128], want[160];
			/* "x,<k bytes>,<rest>\n": three fields. */
			(void)snprintf(data, sizeof data, "x,%.*s,%s\r\n", (int)k, fill[f], fill[f] + k);
			(void)snprintf(want, sizeof want, "1:x|%.*s|%s\n", (int)k, fill[f], fill[f] + k);
			assert_csv(data, want);
			/* A line end there ends the record. */
			(void)snprintf(data, sizeof data, "x,%.*s\n%s\n", (int)k, fill[f], fill[f] + k);
			(void)snprintf(want, sizeof want, "1:x|%.*s\n2:%s\n", (int)k, fill[f], fill[f] + k);
			if (k < flen)
				assert_csv(data, want);
			/* A stray quote (past the field's start) or a NUL there is an error in column 2. */
			size_t n = (size_t)snprintf(data, sizeof data, "x,%.*s\"%s\n", (int)k, fill[f], fill[f] + k);
			if (k > 0)
				expect_error(data, n, 1, "第1行第2列：未加引号的字段中有引号", "quote inside");
			data[2 + k] = '\0';
			expect_error(data, n, 1, "第1行第2列：含有 NUL 字节", "NUL byte");
		}
	}
}

/* `n` copies of `c` followed by `tail`, malloc'd. */
static char *repeat(char c, size_t n, const char *tail)
{
	char *s = malloc(n + strlen(tail) + 1);
	assert_non_null(s);
	memset(s, c, n);
	memcpy(s + n, tail, strlen(tail) + 1);
	return s;
}

static void test_caps(void **state)
{
	(void)state;
	struct csv_row row;
	struct err e = {0};
	/* A field of exactly CSV_MAX_FIELD bytes is fine; one more byte is not. */
	char *s = repeat('x', CSV_MAX_FIELD, "\n");
	struct csv_reader *r = csv_reader_new(s, strlen(s), "t.csv");
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(row.len[0], CSV_MAX_FIELD);
	csv_reader_free(r);
	free(s);
	s = repeat('x', 6 + CSV_MAX_FIELD + 1, "");
	memcpy(s, "a,b\nc,", 6);
	expect_error(s, strlen(s), 2, "第2行第2列：字段超过 1 MiB 上限",
		     "line 2, column 2: field longer than 1 MiB");
	free(s);
	/* Quoted, with a doubled quote straddling the cap, and across lines: likely unclosed. */
	s = repeat('y', CSV_MAX_FIELD + 10, "\"\n");
	memcpy(s, "h\n\"\n", 4);
	memcpy(s + CSV_MAX_FIELD - 1, "\"\"", 2);
	expect_error(s, strlen(s), 2, "第2行第1列：引号字段超过 1 MiB 上限，是否缺少结束引号？",
		     "line 2, column 1: quoted field longer than 1 MiB: closing quote missing?");
	free(s);
	/* CSV_MAX_FIELDS fields are fine; one more is not. */
	s = repeat(',', CSV_MAX_FIELDS - 1, "\n");
	r = csv_reader_new(s, strlen(s), "t.csv");
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(row.n, CSV_MAX_FIELDS);
	assert_string_equal(row.field[CSV_MAX_FIELDS - 1], "");
	csv_reader_free(r);
	free(s);
	s = repeat(',', CSV_MAX_FIELDS, "\n");
	expect_error(s, strlen(s), 1, "第1行第1025列：字段数超过 1024 个上限",
		     "line 1, column 1025: more than 1024 fields");
	free(s);
	/* Seventeen fields of 1 MiB pass the field cap but not the record cap. */
	size_t n = 17 * (CSV_MAX_FIELD + 1);
	s = repeat('z', n, "");
	for (size_t i = 1; i <= 16; i++)
		s[i * (CSV_MAX_FIELD + 1) - 1] = ',';
	expect_error(s, n, 1, "第1行第16列：记录超过 16 MiB 上限",
		     "line 1, column 16: record longer than 16 MiB");
	free(s);
}

static void test_header_index(void **state)
{
	(void)state;
	static const char *const uscc[] = {"统一社会信用代码", "uscc", NULL};
	static const char *const name[] = {"企业名称", "name", NULL};
	static const char *const district[] = {"所在区", "district", NULL};
	static const char *const missing[] = {"注册资本", NULL};
	static const char *const none[] = {NULL};
	static const char head[] = "\xEF\xBB\xBF name\t,\xE3\x80\x80统一社会信用代码\xE3\x80\x80 ,"
				   "\xC2\xA0所在区,district,uscc2,\n";
	struct csv_reader *r = csv_reader_new(head, sizeof head - 1, "t.csv");
	struct csv_row row;
	struct err e = {0};
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(row.n, 6);
	assert_string_equal(row.field[0], " name\t"); /* the reader skipped the BOM itself */
	assert_int_equal(csv_header_index(&row, uscc), 1); /* full-width spaces trimmed */
	assert_int_equal(csv_header_index(&row, name), 0);
	assert_int_equal(csv_header_index(&row, district), 2); /* the first alias wins, anywhere */
	assert_int_equal(csv_header_index(&row, missing), -1);
	assert_int_equal(csv_header_index(&row, none), -1);
	static const char *const prefix[] = {"统一社会", "usc", NULL};
	assert_int_equal(csv_header_index(&row, prefix), -1); /* exact, not a prefix */
	csv_reader_free(r);
	/* A BOM the reader did not see (a later column, or a hand-made row) is trimmed too. */
	static const char *const fields[] = {"a", "\xEF\xBB\xBFuscc\xE3\x80\x80", "\xE3\x80\x80"};
	static const size_t lens[] = {1, 9, 3};
	struct csv_row hand = {3, fields, lens};
	assert_int_equal(csv_header_index(&hand, uscc), 1);
	static const char *const empty[] = {"", NULL};
	assert_int_equal(csv_header_index(&hand, empty), 2); /* nothing but a full-width space */
}

/* The import path: a file read as bytes, detected, converted, parsed. */
static struct csv_reader *open_fixture(const char *name, char **text, enum text_encoding *enc)
{
	char path[256];
	(void)snprintf(path, sizeof path, FIXTURES "%s", name);
	size_t flen, len;
	char *raw = read_file(path, &flen);
	struct err e = {0};
	*enc = encoding_detect(raw, flen);
	assert_int_equal(encoding_to_utf8(raw, flen, *enc, text, &len, &e), ERR_OK);
	free(raw);
	return csv_reader_new(*text, len, name);
}

static void test_fixture_bom_crlf(void **state)
{
	(void)state;
	char *text;
	enum text_encoding enc;
	struct csv_reader *r = open_fixture("enterprises_bom_crlf.csv", &text, &enc);
	assert_int_equal(enc, ENC_UTF8_BOM);
	struct csv_row row;
	struct err e = {0};
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	static const char *const uscc[] = {"统一社会信用代码", "uscc", NULL};
	static const char *const scope[] = {"经营范围", "scope", NULL};
	int c_uscc = csv_header_index(&row, uscc), c_scope = csv_header_index(&row, scope);
	assert_int_equal(c_uscc, 0);
	assert_int_equal(c_scope, 3);
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_string_equal(row.field[c_uscc], "91440300708461136T");
	assert_string_equal(row.field[1], "腾讯科技（深圳）有限公司");
	assert_string_equal(row.field[c_scope], "软件开发,信息技术服务");
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(csv_reader_line(r), 3);
	assert_string_equal(row.field[1], "华为技术有限公司");
	assert_string_equal(row.field[c_scope], "通信设备制造\r\n\"5G\"基站");
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_OK);
	assert_int_equal(csv_reader_line(r), 5); /* after the two-line record */
	assert_int_equal(row.n, 4);
	assert_string_equal(row.field[3], "");
	assert_int_equal(csv_reader_next(r, &row, &e), ERR_NOT_FOUND);
	csv_reader_free(r);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_lines_skipped),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_views_reused_not_reallocated),
		cmocka_unit_test(test_quote_errors),
		cmocka_unit_test(test_scan_offsets),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_header_index),
		cmocka_unit_test(test_fixture_bom_crlf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
