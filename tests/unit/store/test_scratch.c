/*
 * test_scratch.c - scratch sets (src/store/scratch.c): a key is new once, a repeat gets the value
 * recorded first, and a set larger than its cache keeps every key (it spills to its file instead
 * of forgetting).
 */
#include "testutil.h"

#include "store/store.h"

static void test_first_value_wins(void **state)
{
	(void)state;
	struct store_scratch *x = NULL;
	struct err e = {0};
	char *prior = (char *)"untouched";
	assert_int_equal(store_scratch_open(1024, &x, &e), ERR_OK);
	assert_int_equal(store_scratch_add(x, "91440300MA5F00001X", "2", &prior, &e), ERR_OK);
	assert_null(prior);
	assert_int_equal(store_scratch_add(x, "91440300MA5F00002X", "3", &prior, &e), ERR_OK);
	assert_null(prior);
	assert_int_equal(store_scratch_add(x, "91440300MA5F00001X", "9", &prior, &e), ERR_OK);
	assert_string_equal(prior, "2");
	free(prior);
	assert_int_equal(store_scratch_add(x, "91440300MA5F00001X", "again", &prior, &e), ERR_OK);
	assert_string_equal(prior, "2"); /* the first value stays */
	free(prior);
	assert_int_equal(store_scratch_add(x, "深圳市甲公司\x1f南山", "", &prior, &e), ERR_OK);
	assert_null(prior);
	assert_int_equal(store_scratch_add(x, "深圳市甲公司\x1f南山", "x", &prior, &e), ERR_OK);
	assert_string_equal(prior, "");
	free(prior);
	store_scratch_close(x);
}

/* 200,000 keys of ~40 bytes are ~10 MB: far beyond a 256 KiB cache. Every one is still known. */
static void test_larger_than_its_cache(void **state)
{
	(void)state;
	struct store_scratch *x = NULL;
	struct err e = {0};
	char key[64], value[24], *prior = NULL;
	assert_int_equal(store_scratch_open(256, &x, &e), ERR_OK);
	enum { N = 200000 };
	for (long i = 0; i < N; i++) {
		long k = (i * 7919) % N; /* every key once, in scattered order */
		(void)snprintf(key, sizeof key, "key-%08ld-padding-padding-padding", k);
		(void)snprintf(value, sizeof value, "%ld", i);
		assert_int_equal(store_scratch_add(x, key, value, &prior, &e), ERR_OK);
		assert_null(prior);
	}
	for (long k = 0; k < N; k += 997) {
		(void)snprintf(key, sizeof key, "key-%08ld-padding-padding-padding", k);
		assert_int_equal(store_scratch_add(x, key, "late", &prior, &e), ERR_OK);
		assert_non_null(prior);
		long i = strtol(prior, NULL, 10);
		assert_int_equal((i * 7919) % N, k);
		free(prior);
	}
	store_scratch_close(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_value_wins),
		cmocka_unit_test(test_larger_than_its_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
