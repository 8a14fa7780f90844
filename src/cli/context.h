/*
 * context.h - the open database with its programme and code tables, for commands that read or
 * write the lists. The context owns all three; cli_ctx_close releases them (also after a failed
 * open, so callers always close).
 */
#ifndef JIQUN_CLI_CONTEXT_H
#define JIQUN_CLI_CONTEXT_H

#include "auth/auth.h"
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

/*
 * The principal a command acts for: with --user NAME the account NAME, whose role then applies
 * (ERR_FORBIDDEN for an unknown or disabled account); without, the local operator
 * "local:<login>" with a city admin's rights (whoever may write the database file may do
 * anything to it anyway; --user is for a database several people share). Either way the name
 * goes into the audit trail.
 */
enum err_code cli_principal(struct store *s, const char *user, struct principal *out /* OUT */,
                            struct err *e);

/* ERR_FORBIDDEN unless the principal of `user` (see cli_principal) may do `action`. */
enum err_code cli_require(struct store *s, const char *user, enum authz_action action,
                          struct err *e);

/*
 * An audit entry for a write by `user` (NULL: the local operator) that is not one record's
 * change (rules, classify, compute, demo): `action` on `entity` with `key` and `after`
 * (borrowed, may be NULL).
 */
struct json_t;
enum err_code cli_audit(struct store *s, const char *user, const char *action, const char *entity,
                        const char *key, struct json_t *after, struct err *e);

#endif
