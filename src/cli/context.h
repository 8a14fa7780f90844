/*
 * context.h - the open database with its programme and code tables, for commands that read or
 * write the lists. The context owns all three; cli_ctx_close releases them (also after a failed
 * open, so callers always close).
 */
#ifndef JIQUN_CLI_CONTEXT_H
#define JIQUN_CLI_CONTEXT_H

#include "catalog/industry_codes.h"
#include "lists/lists.h"
#include "store/store.h"

struct cli_ctx {
	struct store *store;
	struct programme *programme;
	struct industry_codes *codes;
	struct list_ctx lists;
};

/* Open `db` (which must exist) and load what parsing needs. Zero-initialise `c` first. */
enum err_code cli_ctx_open(struct cli_ctx *c, const char *db, struct err *e);
void cli_ctx_close(struct cli_ctx *c);

#endif
