/* test_table.c - terminal tables with East Asian widths (src/io/table.c). */
#include "testutil.h"

#include "io/table.h"

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("南山"), 4);
	assert_int_equal(text_width("5G中高频"), 8);
	assert_int_equal(text_width("（１）"), 6); /* full-width forms are wide */
	assert_int_equal(text_width("\xff\xfe"), 2); /* invalid bytes count one column each */
}

/* The display column where `needle` starts in `line`. */
static size_t column_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	assert_non_null(p);
	char *prefix = strndup(line, (size_t)(p - line));
	size_t w = text_width(prefix);
	free(prefix);
	return w;
}

static void test_alignment_and_cut(void **state)
{
	(void)state;
	static const char *const head[] = {"名称", "ID", "note"};
	static const size_t limit[] = {0, 0, 6};
	struct table *t = table_new(3, head, limit);
	table_add(t, (const char *const[]){"半导体与集成电路", "ic", "short"});
	table_add(t, (const char *const[]){"AB", "xx", "a very long note"});
	table_add(t, (const char *const[]){NULL, "yy", "长长长长长"});
	char path[300], dir[256];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/out.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	table_print(t, f);
	(void)fclose(f);
	table_free(t);
	size_t len;
	char *out = read_file(path, &len);
	char *lines[4];
	char *save = NULL;
	lines[0] = strtok_r(out, "\n", &save);
	for (int i = 1; i < 4; i++)
		lines[i] = strtok_r(NULL, "\n", &save);
	size_t col = column_of(lines[0], "ID");
	assert_int_equal(col, text_width("半导体与集成电路") + 2);
	assert_int_equal(column_of(lines[1], "ic"), col);
	assert_int_equal(column_of(lines[2], "xx"), col);
	assert_int_equal(column_of(lines[3], "yy"), col);
	assert_non_null(strstr(lines[2], "a ver…")); /* cut to 6 columns with an ellipsis */
	assert_non_null(strstr(lines[3], "长长…"));   /* a wide character never split */
	free(out);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_alignment_and_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
