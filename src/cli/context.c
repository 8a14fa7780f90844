/*
 * context.c - what commands that work on the lists share: opening the database, its programme and
 * the industry code table into one list context (cli_ctx_open), and releasing them.
 */
#include "cli/context.h"

#include <stdlib.h>

enum err_code cli_ctx_open(struct cli_ctx *c, const char *db, struct err *e)
{
	enum err_code rc = store_open(db, STORE_OPEN_EXISTING, &c->store, e);
	if (rc == ERR_OK)
		rc = store_load_programme(c->store, NULL, &c->programme, e);
	if (rc == ERR_OK)
		rc = industry_codes_load(&c->codes, e);
	c->lists.programme = c->programme;
	c->lists.codes = c->codes;
	return rc;
}

void cli_ctx_close(struct cli_ctx *c)
{
	industry_codes_free(c->codes);
	programme_free(c->programme);
	store_close(c->store);
}
