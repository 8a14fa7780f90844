/* test_buf.c - the capped growable buffer (src/base/buf.c). */
#include "testutil.h"

#include "base/buf.h"

static void test_append_and_grow(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_printf(&b, "%d,", i % 10), ERR_OK);
	assert_int_equal(b.len, 2000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
	buf_free(&b); /* a freed buffer frees again harmlessly */
}

static void test_cap_refuses_growth(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "12345678"), ERR_OK);
	assert_int_equal(buf_puts(&b, "9"), ERR_INVALID);
	assert_int_equal(buf_printf(&b, "%s", "x"), ERR_INVALID);
	assert_string_equal(buf_str(&b), "12345678"); /* unchanged by the refused appends */
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_puts(&b, "南山"), ERR_OK); /* 6 bytes of UTF-8 */
	buf_free(&b);
}

static void test_take(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	char *empty = buf_take(&b);
	assert_string_equal(empty, "");
	free(empty);
	(void)buf_puts(&b, "福田");
	char *s = buf_take(&b);
	assert_string_equal(s, "福田");
	assert_null(b.data);
	free(s);
}

static void test_err_set(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(err_set(&e, ERR_NOT_FOUND, "no %s", "x"), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "no x");
	assert_string_equal(err_code_name(e.code), "not_found");
	assert_int_equal(err_set(NULL, ERR_IO, "ignored"), ERR_IO);
	char big[2000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	(void)err_set(&e, ERR_INVALID, "%s", big);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1); /* truncated, terminated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_grow),
		cmocka_unit_test(test_cap_refuses_growth),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_err_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
