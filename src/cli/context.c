/*
 * context.c - what commands that work on the lists share: opening the database, its programme and
 * the industry code table into one list context (cli_ctx_open), and releasing them.
 */
#include "cli/context.h"

#include "change/change.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

enum err_code cli_principal(struct store *s, const char *user, struct principal *out, struct err *e)
{
	if (user == NULL) {
		const char *login = getenv("USER");
		char name[AUTH_NAME_MAX];
		(void)snprintf(name, sizeof name, "local:%s", login && login[0] ? login : "operator");
		(void)auth_principal_init(out, "city-admin", AUTH_CLI, 0, name, NULL, NULL);
		return ERR_OK;
	}
	struct store_user u;
	enum err_code rc = store_user_get(s, user, &u, NULL, 0, e);
	if (rc == ERR_NOT_FOUND || (rc == ERR_OK && u.disabled))
		return err_set(e, ERR_FORBIDDEN, "--user %s: 账号不存在或已停用 (no such enabled account)", user);
	if (rc == ERR_OK && !auth_principal_init(out, u.role, AUTH_CLI, u.id, u.name, u.district, u.industries))
		rc = err_set(e, ERR_CORRUPT, "account %s has an unknown role '%s'", u.name, u.role);
	return rc;
}

enum err_code cli_require(struct store *s, const char *user, enum authz_action action,
                          struct err *e)
{
	struct principal p;
	char why[256];
	enum err_code rc = cli_principal(s, user, &p, e);
	if (rc == ERR_OK && authz_check(&p, action, NULL, NULL, NULL, why, sizeof why) != AUTHZ_ALLOW)
		rc = err_set(e, ERR_FORBIDDEN, "--user %s: %s", user ? user : "", why);
	return rc;
}

enum err_code cli_audit(struct store *s, const char *user, const char *action, const char *entity,
                        const char *key, struct json_t *after, struct err *e)
{
	struct principal p;
	enum err_code rc = cli_principal(s, user, &p, e);
	if (rc == ERR_OK)
		rc = change_audit(s, &p, action, entity, 0, key, NULL, after, NULL, e);
	return rc;
}
