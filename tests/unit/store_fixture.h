/*
 * store_fixture.h - a fresh database with the built-in programme, and the list context that
 * parsing needs, for unit tests of the lists (store, import, demo). Header-only; include after
 * testutil.h. setup/teardown fit cmocka's group or per-test hooks.
 */
#ifndef JIQUN_STORE_FIXTURE_H
#define JIQUN_STORE_FIXTURE_H

#include "catalog/catalog.h"
#include "catalog/industry_codes.h"
#include "store/store.h"

struct fixture {
	char dir[256], db[300], file[300]; /* file: a scratch path in dir for the test's own use */
	struct store *s;
	struct programme *p;
	struct industry_codes *codes;
	struct list_ctx ctx;
};

static inline int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e = {0};
	size_t len;
	if (f == NULL)
		return -1;
	tmpdir_make(f->dir);
	(void)snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
	(void)snprintf(f->file, sizeof f->file, "%s/data.csv", f->dir);
	const char *json = catalog_builtin_json(&len);
	if (store_open(f->db, STORE_OPEN_CREATE, &f->s, &e) != ERR_OK ||
	    store_put_programme(f->s, json, len, true, NULL, &e) != ERR_OK ||
	    catalog_builtin(&f->p, &e) != ERR_OK || industry_codes_load(&f->codes, &e) != ERR_OK)
		return -1;
	f->ctx.programme = f->p;
	f->ctx.codes = f->codes;
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	programme_free(f->p);
	industry_codes_free(f->codes);
	tmpdir_remove(f->dir);
	free(f);
	return 0;
}

#endif
