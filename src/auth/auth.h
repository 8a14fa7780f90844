/*
 * auth.h - who may change what: the roles, the principal a request or a command acts for, and
 * authz_check, the one decision every write in Jiqun asks for (HTTP writes through
 * change/change.c and the gate in http/api_auth.c, imports and other commands through cli/).
 *
 * Roles (policy 四（六）: the city and its districts work together; 四（一）: a commissioner
 * answers for each cluster):
 *   city-admin       everything: any record, users, review decisions, plans, settings
 *   district-editor  records whose district is its own (before and after the change); its
 *                    changes wait for a city admin where the list's review setting is on
 *   commissioner     records of lists that carry an industry, when every industry the record
 *                    names (before and after) is one of its own
 *   analyst          reads everything, imports statistics (indicators), reads the audit trail
 *   viewer           reads
 * Nobody (no session, no token) may write at all.
 *
 * Pure: no I/O, no state, thread-safe. Not for: passwords and tokens (store/users.c hashes and
 * checks them), the review queue and the audit trail (store/).
 */
#ifndef JIQUN_AUTH_AUTH_H
#define JIQUN_AUTH_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "lists/lists.h"

enum auth_role {
	ROLE_NONE = 0, /* not signed in */
	ROLE_CITY_ADMIN,
	ROLE_DISTRICT_EDITOR,
	ROLE_COMMISSIONER,
	ROLE_ANALYST,
	ROLE_VIEWER
};

/* How the principal proved who it is. */
enum auth_via { AUTH_NONE = 0, AUTH_SESSION, AUTH_TOKEN, AUTH_CLI };

#define AUTH_NAME_MAX 64
#define AUTH_SCOPE_MAX 256

/* Who a request or a command acts for. A value type: zero-initialised it is nobody. */
struct principal {
	enum auth_role role;
	enum auth_via via;
	long long user_id;               /* 0 for the local operator of the CLI */
	char name[AUTH_NAME_MAX];        /* account name, or "local:<login>" */
	char district[32];               /* district id (district editors) */
	char industries[AUTH_SCOPE_MAX]; /* industry ids joined by ',' (commissioners) */
};

enum authz_action {
	AUTHZ_CREATE,            /* a record of a list (API or one row of an import) */
	AUTHZ_UPDATE,
	AUTHZ_DELETE,
	AUTHZ_IMPORT_INDICATORS, /* statistics: enterprise values and published aggregates */
	AUTHZ_IMPORT_PLANS,      /* plan targets */
	AUTHZ_DECIDE,            /* approve or reject a pending change */
	AUTHZ_READ_AUDIT,        /* read and export the audit trail */
	AUTHZ_ADMIN,             /* users, review settings, rules, classification, figures, demo */
	AUTHZ_SESSION            /* end one's own session */
};

enum authz_decision {
	AUTHZ_ALLOW,
	AUTHZ_REVIEW, /* allowed, but waits for a city admin when the list's review setting is on */
	AUTHZ_DENY,   /* 403 */
	AUTHZ_LOGIN   /* nobody signed in: 401 */
};

/*
 * May `p` do `action`? For the record actions `l` is the list and `before` / `after` the record
 * as stored and as it would be (before NULL for a create, after NULL for a delete); the other
 * actions ignore them. When the answer is AUTHZ_DENY or AUTHZ_LOGIN, `why` (may be NULL)
 * receives a message for the user (Chinese, with English).
 */
enum authz_decision authz_check(const struct principal *p, enum authz_action action,
                                const struct list_def *l, const struct record *before,
                                const struct record *after, char *why, size_t why_size);

/*
 * May `p` add or replace the world-trends brief of industry `industry` (an id)? City admins for
 * any industry, commissioners for their own; nobody else. Messages as for authz_check.
 */
enum authz_decision authz_brief(const struct principal *p, const char *industry, char *why,
                                size_t why_size);

/*
 * Whether `p` could do `action` on some record of `l` (for the dashboard: which controls to
 * show). The server still asks authz_check about each record.
 */
bool authz_may(const struct principal *p, enum authz_action action, const struct list_def *l);

/* "city-admin", ... ("" for ROLE_NONE); and back (false for an unknown name). */
const char *auth_role_name(enum auth_role r);
bool auth_role_parse(const char *s, enum auth_role *out /* OUT */);
/* The role's Chinese name (市级管理员, ...). */
const char *auth_role_zh(enum auth_role r);
/* "session", "token", "cli" ("" for AUTH_NONE). */
const char *auth_via_name(enum auth_via v);

/*
 * Whether `name` can name an account: 1 to 63 bytes of letters, digits, '.', '_', '-', '@' or
 * non-ASCII UTF-8 (Chinese names), not starting with "local:".
 */
bool auth_name_valid(const char *name);

/* Fill *p for an account (role by name; false and nobody for an unknown role). */
bool auth_principal_init(struct principal *p, const char *role, enum auth_via via, long long id,
                         const char *name, const char *district, const char *industries);

/* Whether `id` is one of the comma-joined ids in `set`. */
bool auth_id_in(const char *set, const char *id);

#endif
