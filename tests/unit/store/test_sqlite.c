/*
 * test_sqlite.c - the SQLite store (src/store/sqlite.c): creation and migration, loading and
 * re-loading the programme, and refusing files that are not ours or are too new, without
 * touching them.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "store/store.h"

struct fixture {
	char dir[256];
	char db[300];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	tmpdir_make(f->dir);
	(void)snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

/* Run one SQL statement on `path` with a plain connection (outside the store). */
static void raw_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static int raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void put_builtin(struct store *s, bool *changed)
{
	size_t len;
	const char *json = catalog_builtin_json(&len);
	struct err e = {0};
	assert_int_equal(store_put_programme(s, json, len, true, changed, &e), ERR_OK);
}

static void test_create_load_reload(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "jiqun init"));
	assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &s, &e), ERR_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_true(store_schema_latest() >= 1);

	struct programme *p = NULL;
	assert_int_equal(store_load_programme(s, NULL, &p, &e), ERR_NOT_FOUND);
	bool changed = false;
	put_builtin(s, &changed);
	assert_true(changed);
	put_builtin(s, &changed);
	assert_false(changed); /* the same document again changes nothing */
	assert_int_equal(store_load_programme(s, NULL, &p, &e), ERR_OK);
	assert_int_equal(p->n_industries, 28);
	programme_free(p);
	assert_int_equal(store_load_programme(s, "nosuch", &p, &e), ERR_NOT_FOUND);
	store_close(s);

	/* Keys later lists refer to, and the file's settings. */
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM industry"), 28);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM district"), 12);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM industry_district "
	                                "WHERE industry_id = 'semiconductor-ic'"), 6);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM industry WHERE tier = 'pillar'"), 6);
	assert_int_equal(raw_int(f->db, "PRAGMA application_id"), 0x4A51554E);
	assert_int_equal(raw_int(f->db, "PRAGMA user_version"), store_schema_latest());
	assert_int_equal(raw_int(f->db, "PRAGMA page_size"), 8192); /* a new file's pages */

	/* Reopening an up-to-date database migrates nothing and still loads. */
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &e), ERR_OK);
	assert_int_equal(store_load_programme(s, "shenzhen-20plus8", &p, &e), ERR_OK);
	programme_free(p);
	store_close(s);
}

static void test_invalid_document_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &s, &e), ERR_OK);
	const char *bad = "{\"programme\": {}}";
	assert_int_equal(store_put_programme(s, bad, strlen(bad), false, NULL, &e), ERR_INVALID);
	store_close(s);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM programme"), 0);
}

/* Open must fail with `want` and leave the file's bytes as they were, with no WAL beside it. */
static void expect_refused(const struct fixture *f, enum err_code want)
{
	size_t before_len, after_len;
	char *before = read_file(f->db, &before_len);
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &s, &e), want);
	assert_null(s);
	assert_non_null(strstr(e.msg, f->db)); /* the message names the file */
	char *after = read_file(f->db, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	char wal[320];
	(void)snprintf(wal, sizeof wal, "%s-wal", f->db);
	assert_int_not_equal(access(wal, F_OK), 0);
	free(before);
	free(after);
}

static void test_refuses_text_file(void **state)
{
	struct fixture *f = *state;
	const char text[] = "企业名称,统一社会信用代码\n这不是数据库\n";
	write_file(f->db, text, sizeof text - 1);
	expect_refused(f, ERR_CORRUPT);
}

static void test_refuses_other_programs_database(void **state)
{
	struct fixture *f = *state;
	raw_sql(f->db, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)");
	expect_refused(f, ERR_CORRUPT);
}

static void test_refuses_newer_schema(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &s, &e), ERR_OK);
	store_close(s);
	raw_sql(f->db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999");
	expect_refused(f, ERR_VERSION);
}

static void test_refuses_damaged_database(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->db, STORE_OPEN_CREATE, &s, &e), ERR_OK);
	put_builtin(s, NULL);
	store_close(s);
	raw_sql(f->db, "PRAGMA journal_mode = DELETE");
	/* Overwrite the schema page (page 1 after the 100-byte header) with garbage. */
	size_t len;
	char *bytes = read_file(f->db, &len);
	assert_true(len > 4096);
	memset(bytes + 100, 0xA5, 3000);
	write_file(f->db, bytes, len);
	free(bytes);
	expect_refused(f, ERR_CORRUPT);
}

static void test_refuses_directory(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(f->dir, STORE_OPEN_CREATE, &s, &e), ERR_IO);
	assert_non_null(strstr(e.msg, f->dir));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_load_reload, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_document_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_text_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_other_programs_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_damaged_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_directory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
