/* test_cli.c - the command table, exit codes and option parsing (src/cli/cli.c). */
#include "testutil.h"

#include <getopt.h>

#include "cli/cli.h"

static void test_table(void **state)
{
	(void)state;
	const char *names[] = {"init", "catalog", "serve", "help", "version"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct cli_cmd *c = cli_find(names[i]);
		assert_non_null(c);
		assert_non_null(c->run);
		assert_non_null(strstr(c->usage, names[i])); /* the usage names its own command */
		assert_true(strlen(c->help) > 0);
	}
	assert_null(cli_find("nosuch"));
}

static void test_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(cli_exit_code(ERR_OK), 0);
	assert_int_equal(cli_exit_code(ERR_IO), 1);
	assert_int_equal(cli_exit_code(ERR_VERSION), 1);
	assert_int_equal(cli_exit_code(ERR_USAGE), 2);
	assert_int_equal(cli_exit_code(ERR_REJECTED), 3);
}

static void test_db_path(void **state)
{
	(void)state;
	assert_string_equal(cli_db_path("x.db"), "x.db");
	assert_int_equal(setenv("JIQUN_DB", "/tmp/env.db", 1), 0);
	assert_string_equal(cli_db_path(NULL), "/tmp/env.db");
	assert_int_equal(unsetenv("JIQUN_DB"), 0);
	assert_string_equal(cli_db_path(NULL), "jiqun.db");
}

static int seen_db;
static int on_opt(int id, const char *arg, void *ctx)
{
	(void)ctx;
	if (id == 1 && strcmp(arg, "a.db") == 0)
		seen_db++;
	return 0;
}

static void test_parse(void **state)
{
	(void)state;
	static const struct option opts[] = {{"db", required_argument, NULL, 1}, {0, 0, 0, 0}};
	char a0[] = "init", a1[] = "--db", a2[] = "a.db", a3[] = "rest", bogus[] = "--bogus";
	char *argv[] = {a0, a1, a2, a3, NULL};
	int first = 0;
	seen_db = 0;
	assert_int_equal(cli_parse(cli_find("init"), 4, argv, opts, on_opt, NULL, &first), -1);
	assert_int_equal(seen_db, 1);
	assert_int_equal(first, 3);
	char *bad[] = {a0, bogus, NULL};
	assert_int_equal(cli_parse(cli_find("init"), 2, bad, opts, on_opt, NULL, &first), 2);
	char *missing[] = {a0, a1, NULL};
	assert_int_equal(cli_parse(cli_find("init"), 2, missing, opts, on_opt, NULL, &first), 2);
}

/* Every command's numeric options go through cli_number: whole decimal numbers in range only. */
static void test_number(void **state)
{
	(void)state;
	long v = -7;
	assert_true(cli_number("0", 0, 64, &v));
	assert_int_equal(v, 0);
	assert_true(cli_number("64", 0, 64, &v));
	assert_int_equal(v, 64);
	assert_true(cli_number("-3", -5, 5, &v));
	assert_int_equal(v, -3);
	static const char *const bad[] = {"", "65", "-1", "1x", " 1", "1 ", "0x10", "+", "+5", "1.5",
	                                  "99999999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = -7;
		assert_false(cli_number(bad[i], 0, 64, &v));
		assert_int_equal(v, -7); /* untouched */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_db_path),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
