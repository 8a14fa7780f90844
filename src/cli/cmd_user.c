/*
 * cmd_user.c - `jiqun user add|list|disable|enable|passwd|token`: the accounts that may sign in to
 * the dashboard or call the API with a token. Passwords are kept as argon2id hashes and tokens
 * as sha256 hashes (auth/secret.h); a password or token is shown once, when it is made. Every
 * change is an entry in the audit trail.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_ROLE, OPT_DISTRICT, OPT_INDUSTRY, OPT_STDIN, OPT_JSON, OPT_USER };

struct opts {
	const char *db, *role, *district, *actor;
	char industries[AUTH_SCOPE_MAX];
	bool stdin_pw, json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	size_t n;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_ROLE: o->role = arg; break;
	case OPT_DISTRICT: o->district = arg; break;
	case OPT_STDIN: o->stdin_pw = true; break;
	case OPT_JSON: o->json = true; break;
	case OPT_USER: o->actor = arg; break;
	case OPT_INDUSTRY:
		n = strlen(o->industries);
		if (n + strlen(arg) + 2 > sizeof o->industries)
			return cli_usage(&cmd_user, "too many --industry values");
		(void)snprintf(o->industries + n, sizeof o->industries - n, "%s%s", n ? "," : "", arg);
		break;
	default: break;
	}
	return 0;
}

/* The first line of standard input, without its line end. */
static enum err_code read_password(char *out, size_t size, struct err *e)
{
	if (fgets(out, (int)size, stdin) == NULL)
		return err_set(e, ERR_INVALID, "--password-stdin: no password on standard input");
	out[strcspn(out, "\r\n")] = '\0';
	return ERR_OK;
}

/* The password to set: from standard input, or a new random one (then *shown is set). */
static enum err_code new_password(const struct opts *o, char hash[AUTH_HASH_SIZE], char pw[17],
                                  bool *shown, struct err *e)
{
	char line[AUTH_PASSWORD_MAX + 2];
	*shown = false;
	if (o->stdin_pw) {
		enum err_code rc = read_password(line, sizeof line, e);
		if (rc == ERR_OK)
			rc = auth_password_hash(line, hash, e);
		memset(line, 0, sizeof line);
		return rc;
	}
	auth_password_new(pw);
	*shown = true;
	return auth_password_hash(pw, hash, e);
}

/* The account as the audit trail shows it (no secrets). */
static json_t *user_json(const struct store_user *u)
{
	return json_pack("{s:s, s:s, s:s?, s:s?, s:b}", "name", u->name, "role", u->role, "district",
	                 u->district[0] ? u->district : NULL, "industries",
	                 u->industries[0] ? u->industries : NULL, "disabled", u->disabled);
}

/* Resolve --district and --industry against the programme into u. */
static enum err_code scope(const struct cli_ctx *c, const struct opts *o, enum auth_role role,
                           struct store_user *u, struct err *e)
{
	if (o->district && role != ROLE_DISTRICT_EDITOR)
		return err_set(e, ERR_USAGE, "--district is for district editors only");
	if (o->industries[0] && role != ROLE_COMMISSIONER)
		return err_set(e, ERR_USAGE, "--industry is for commissioners only");
	if (role == ROLE_DISTRICT_EDITOR) {
		const struct district *d = o->district ? programme_district(c->programme, o->district) : NULL;
		if (d == NULL)
			return err_set(e, ERR_USAGE, "a district editor needs --district NAME (区名、编号或代码)%s%s",
			               o->district ? ": unknown district " : "", o->district ? o->district : "");
		(void)snprintf(u->district, sizeof u->district, "%s", d->id);
	}
	if (role == ROLE_COMMISSIONER) {
		if (!o->industries[0])
			return err_set(e, ERR_USAGE, "a commissioner needs --industry ID (one or more)");
		char ids[AUTH_SCOPE_MAX] = "";
		size_t n = 0;
		for (const char *p = o->industries; *p;) {
			size_t len = strcspn(p, ",");
			char one[128];
			(void)snprintf(one, sizeof one, "%.*s", (int)len, p);
			const struct industry *x = programme_industry(c->programme, one);
			for (size_t i = 0; x == NULL && i < c->programme->n_industries; i++)
				if (strcmp(c->programme->industries[i].name_zh, one) == 0)
					x = &c->programme->industries[i];
			if (x == NULL)
				return err_set(e, ERR_USAGE, "--industry: unknown industry '%s'", one);
			n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%s", n ? "," : "", x->id);
			p += len;
			if (*p == ',')
				p++;
		}
		(void)snprintf(u->industries, sizeof u->industries, "%s", ids);
	}
	return ERR_OK;
}

static enum err_code do_add(struct cli_ctx *c, const struct principal *actor, const struct opts *o,
                            const char *name, struct err *e)
{
	enum auth_role role;
	struct store_user u = {0};
	char hash[AUTH_HASH_SIZE], pw[17] = "";
	bool shown = false;
	if (!auth_name_valid(name))
		return err_set(e, ERR_USAGE, "'%s' cannot name an account: 1 to 63 letters, digits, . _ - @ "
		                             "or Chinese characters", name);
	if (o->role == NULL || !auth_role_parse(o->role, &role))
		return err_set(e, ERR_USAGE, "--role must be city-admin, district-editor, commissioner, "
		                             "analyst or viewer");
	(void)snprintf(u.name, sizeof u.name, "%s", name);
	(void)snprintf(u.role, sizeof u.role, "%s", auth_role_name(role));
	enum err_code rc = scope(c, o, role, &u, e);
	if (rc == ERR_OK)
		rc = new_password(o, hash, pw, &shown, e);
	if (rc == ERR_OK)
		rc = store_begin(c->store, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_user_add(c->store, &u, hash, &u.id, e);
	json_t *after = user_json(&u);
	if (rc == ERR_OK)
		rc = change_audit(c->store, actor, "user-add", "users", u.id, u.name, NULL, after, NULL, e);
	json_decref(after);
	if (rc == ERR_OK)
		rc = store_commit(c->store, e);
	else
		store_rollback(c->store);
	if (rc == ERR_OK) {
		(void)printf("已添加账号 %s（%s）(account added)\n", u.name, auth_role_zh(role));
		if (shown)
			(void)printf("初始密码 (initial password): %s\n", pw);
	}
	return rc;
}

static int print_user(void *ctx, const struct store_user *u)
{
	struct table *t = ctx;
	enum auth_role r = ROLE_NONE;
	(void)auth_role_parse(u->role, &r);
	const char *cells[] = {u->name, auth_role_zh(r), u->role, u->district, u->industries,
	                       u->disabled ? "已停用" : "启用", u->created_at};
	table_add(t, cells);
	return 0;
}

static int json_user(void *ctx, const struct store_user *u)
{
	json_t *o = user_json(u);
	json_object_set_new(o, "created_at", json_string(u->created_at));
	json_object_set_new(o, "has_password", json_boolean(u->has_password));
	json_array_append_new(ctx, o);
	return 0;
}

static enum err_code do_list(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	if (o->json) {
		json_t *a = json_array();
		enum err_code rc = store_user_list(c->store, json_user, a, e);
		char *s = rc == ERR_OK ? json_dumps(a, JSON_INDENT(2)) : NULL;
		if (s)
			(void)puts(s);
		free(s);
		json_decref(a);
		return rc;
	}
	static const char *const head[] = {"账号", "角色", "role", "区", "产业", "状态", "创建时间"};
	struct table *t = table_new(7, head, NULL);
	enum err_code rc = store_user_list(c->store, print_user, t, e);
	if (rc == ERR_OK)
		table_print(t, stdout);
	table_free(t);
	return rc;
}

/* disable, enable, passwd, token: one account, one audited change. */
static enum err_code do_change(struct cli_ctx *c, const struct principal *actor,
                               const struct opts *o, const char *verb, const char *name,
                               struct err *e)
{
	struct store_user u;
	char hash[AUTH_HASH_SIZE], pw[17] = "", token[AUTH_TOKEN_LEN + 1] = "", th[65];
	bool shown = false;
	enum err_code rc = store_user_get(c->store, name, &u, NULL, 0, e);
	if (rc == ERR_OK && strcmp(verb, "passwd") == 0)
		rc = new_password(o, hash, pw, &shown, e);
	if (rc == ERR_OK && strcmp(verb, "token") == 0 && u.disabled)
		rc = err_set(e, ERR_INVALID, "账号 %s 已停用 (account %s is disabled)", name, name);
	if (rc == ERR_OK)
		rc = store_begin(c->store, e);
	if (rc != ERR_OK)
		return rc;
	json_t *before = user_json(&u);
	if (strcmp(verb, "passwd") == 0) {
		rc = store_user_set_password(c->store, name, hash, e);
	} else if (strcmp(verb, "token") == 0) {
		auth_token_new(token);
		auth_token_hash(token, th);
		rc = store_token_add(c->store, u.id, th, e);
	} else {
		rc = store_user_set_disabled(c->store, name, strcmp(verb, "disable") == 0, e);
		u.disabled = strcmp(verb, "disable") == 0;
	}
	json_t *after = user_json(&u);
	char action[32];
	(void)snprintf(action, sizeof action, "user-%s", verb);
	if (rc == ERR_OK)
		rc = change_audit(c->store, actor, action, "users", u.id, u.name, before, after, NULL, e);
	json_decref(before);
	json_decref(after);
	if (rc == ERR_OK)
		rc = store_commit(c->store, e);
	else
		store_rollback(c->store);
	if (rc != ERR_OK)
		return rc;
	if (token[0])
		(void)printf("%s\n", token); /* alone on stdout, for scripts */
	else if (shown)
		(void)printf("新密码 (new password): %s\n", pw);
	else if (strcmp(verb, "passwd") == 0)
		(void)printf("已修改 %s 的密码 (password changed)\n", name);
	else
		(void)printf("已%s账号 %s (account %sd)\n", strcmp(verb, "disable") == 0 ? "停用" : "启用",
		             name, verb);
	return ERR_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"role", required_argument, NULL, OPT_ROLE},
		{"district", required_argument, NULL, OPT_DISTRICT},
		{"industry", required_argument, NULL, OPT_INDUSTRY},
		{"password-stdin", no_argument, NULL, OPT_STDIN},
		{"json", no_argument, NULL, OPT_JSON},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_user, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (first >= argc)
		return cli_usage(&cmd_user, "expected add, list, disable, enable, passwd or token");
	const char *verb = argv[first];
	bool list = strcmp(verb, "list") == 0;
	bool known = list || strcmp(verb, "add") == 0 || strcmp(verb, "disable") == 0 ||
	             strcmp(verb, "enable") == 0 || strcmp(verb, "passwd") == 0 ||
	             strcmp(verb, "token") == 0;
	if (!known)
		return cli_usage(&cmd_user, "unknown subcommand '%s'", verb);
	if (argc - first != (list ? 1 : 2))
		return cli_usage(&cmd_user, list ? "list takes no account name" : "%s needs one account name", verb);
	if (strcmp(verb, "add") != 0 && (o.role || o.district || o.industries[0]))
		return cli_usage(&cmd_user, "--role, --district and --industry are for add");

	struct err e = {0};
	struct cli_ctx c = {0};
	struct principal actor;
	char why[256];
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = cli_principal(c.store, o.actor, &actor, &e);
	if (erc == ERR_OK && authz_check(&actor, AUTHZ_ADMIN, NULL, NULL, NULL, why, sizeof why) != AUTHZ_ALLOW)
		erc = err_set(&e, ERR_FORBIDDEN, "--user %s: %s", o.actor, why);
	if (erc == ERR_OK) {
		if (list)
			erc = do_list(&c, &o, &e);
		else if (strcmp(verb, "add") == 0)
			erc = do_add(&c, &actor, &o, argv[first + 1], &e);
		else
			erc = do_change(&c, &actor, &o, verb, argv[first + 1], &e);
	}
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_user = {
	.name = "user",
	.summary = "accounts: add, list, disable, enable, change a password, make an API token",
	.usage = "jiqun user add NAME --role ROLE [--district NAME] [--industry ID]... [--password-stdin]\n"
	         "       jiqun user list [--json]\n"
	         "       jiqun user disable|enable NAME\n"
	         "       jiqun user passwd NAME [--password-stdin]\n"
	         "       jiqun user token NAME\n"
	         "       (each also takes [--db PATH] [--user ACTOR])",
	.help = "ROLE is one of\n"
	        "  city-admin       市级管理员: everything, and decides on changes waiting for review\n"
	        "  district-editor  区级编辑: records of its --district (changes to enterprises and\n"
	        "                   projects wait for a city admin: `jiqun review`)\n"
	        "  commissioner     产业专员: records of its --industry lists (repeat or join with ,)\n"
	        "  analyst          分析员: reads everything, imports statistics, reads the audit trail\n"
	        "  viewer           只读用户: reads\n\n"
	        "Without --password-stdin a random password is made and printed once; with it, the\n"
	        "first line of standard input is the password (8 bytes at least). Passwords are kept\n"
	        "as argon2id hashes. `token` prints a new API token for scripts (send it as\n"
	        "\"Authorization: Bearer TOKEN\"); only its hash is kept, and disabling the account\n"
	        "revokes it. --user ACTOR acts as that account (a city admin) instead of the local\n"
	        "operator; either name goes into the audit trail (`jiqun audit`).\n\n"
	        "Example: echo 's3cret-pass' | jiqun user add nanshan --role district-editor \\\n"
	        "           --district 南山区 --password-stdin\n",
	.run = run,
};
