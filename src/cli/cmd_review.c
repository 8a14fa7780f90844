/*
 * cmd_review.c - `jiqun review list|approve|reject|require`: the changes district editors made to
 * lists under review (enterprises and projects unless changed), waiting for a city admin, and
 * the per-list setting. Deciding goes through change_decide, the same as the dashboard: the
 * change is checked against what is stored now and applied with its audit entry.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change/change.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_COMMENT, OPT_ALL, OPT_USER };

struct opts {
	const char *db, *comment, *actor;
	bool all;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_COMMENT: o->comment = arg; break;
	case OPT_ALL: o->all = true; break;
	case OPT_USER: o->actor = arg; break;
	default: break;
	}
	return 0;
}

static int add_row(void *ctx, const struct store_pending *p)
{
	char id[24];
	(void)snprintf(id, sizeof id, "%lld", p->id);
	const char *cells[] = {id, p->list, p->action, p->record_key, p->submitted_by,
	                       p->submitted_at, p->status, p->decided_by ? p->decided_by : "",
	                       p->comment ? p->comment : ""};
	table_add(ctx, cells);
	return 0;
}

static enum err_code do_list(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	static const char *const head[] = {"编号", "清单", "操作", "主键", "提交人", "提交时间", "状态",
	                                   "审核人", "意见"};
	static const size_t width[] = {0, 0, 0, 40, 0, 0, 0, 0, 40};
	struct table *t = table_new(9, head, width);
	enum err_code rc = store_pending_scan(c->store, 0, o->all ? NULL : "pending", NULL, add_row, t, e);
	if (rc == ERR_OK)
		table_print(t, stdout);
	table_free(t);
	return rc;
}

static enum err_code do_decide(struct cli_ctx *c, const struct principal *p, const struct opts *o,
                               bool approve, const char *arg, struct err *e)
{
	char *end;
	long long id = strtoll(arg, &end, 10);
	if (!arg[0] || *end || id <= 0)
		return err_set(e, ERR_USAGE, "'%s' is not a change number (see `jiqun review list`)", arg);
	struct change_result res;
	enum err_code rc = change_decide(c->store, &c->lists, p, id, approve, o->comment, &res, e);
	if (rc == ERR_OK)
		(void)printf("修改 %lld 已%s (change %lld %s)\n", id, approve ? "通过并生效" : "驳回", id,
		             approve ? "approved and applied" : "rejected");
	return rc;
}

static enum err_code do_require(struct cli_ctx *c, const struct principal *p, const char *list,
                                const char *onoff, struct err *e)
{
	const struct list_def *l = list_find(list);
	bool on = strcmp(onoff, "on") == 0;
	if (l == NULL)
		return err_set(e, ERR_USAGE, "unknown list '%s'", list);
	if (!on && strcmp(onoff, "off") != 0)
		return err_set(e, ERR_USAGE, "expected on or off, not '%s'", onoff);
	bool was = false;
	enum err_code rc = store_review_required(c->store, l->name, &was, e);
	if (rc == ERR_OK)
		rc = store_begin(c->store, e);
	if (rc != ERR_OK)
		return rc;
	rc = store_review_set(c->store, l->name, on, e);
	json_t *b = json_pack("{s:b}", "review", was), *a = json_pack("{s:b}", "review", on);
	if (rc == ERR_OK)
		rc = change_audit(c->store, p, "review-setting", l->name, 0, NULL, b, a, NULL, e);
	json_decref(b);
	json_decref(a);
	if (rc == ERR_OK)
		rc = store_commit(c->store, e);
	else
		store_rollback(c->store);
	if (rc == ERR_OK)
		(void)printf("%s：区级编辑的修改%s (district editors' changes %s)\n", l->title_zh,
		             on ? "需市级审核" : "直接生效", on ? "wait for review" : "apply at once");
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"comment", required_argument, NULL, OPT_COMMENT},
		{"all", no_argument, NULL, OPT_ALL},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_review, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	int n = argc - first;
	const char *verb = n > 0 ? argv[first] : "";
	bool list = strcmp(verb, "list") == 0, approve = strcmp(verb, "approve") == 0,
	     reject = strcmp(verb, "reject") == 0, require = strcmp(verb, "require") == 0;
	if (!list && !approve && !reject && !require)
		return cli_usage(&cmd_review, "expected list, approve, reject or require");
	if ((list && n != 1) || ((approve || reject) && n != 2) || (require && n != 3))
		return cli_usage(&cmd_review, "wrong number of arguments for %s", verb);
	if (reject && (o.comment == NULL || o.comment[0] == '\0'))
		return cli_usage(&cmd_review, "reject needs --comment TEXT (驳回需要填写意见)");

	struct err e = {0};
	struct cli_ctx c = {0};
	struct principal p;
	char why[256];
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK)
		erc = cli_principal(c.store, o.actor, &p, &e);
	if (erc == ERR_OK && !list &&
	    authz_check(&p, require ? AUTHZ_ADMIN : AUTHZ_DECIDE, NULL, NULL, NULL, why, sizeof why) !=
	        AUTHZ_ALLOW)
		erc = err_set(&e, ERR_FORBIDDEN, "--user %s: %s", o.actor, why);
	if (erc == ERR_OK) {
		if (list)
			erc = do_list(&c, &o, &e);
		else if (require)
			erc = do_require(&c, &p, argv[first + 1], argv[first + 2], &e);
		else
			erc = do_decide(&c, &p, &o, approve, argv[first + 1], &e);
	}
	cli_ctx_close(&c);
	return erc == ERR_OK ? EXIT_OK : cli_fail(&e);
}

const struct cli_cmd cmd_review = {
	.name = "review",
	.summary = "changes waiting for a city admin: list, approve, reject; which lists need review",
	.usage = "jiqun review list [--all]\n"
	         "       jiqun review approve ID [--comment TEXT]\n"
	         "       jiqun review reject ID --comment TEXT\n"
	         "       jiqun review require LIST on|off\n"
	         "       (each also takes [--db PATH] [--user ACTOR])",
	.help = "District editors' changes to lists under review (enterprises and projects by\n"
	        "default) wait here until a city admin decides. `list` shows the pending ones (--all:\n"
	        "decided ones too); `approve` checks the change against what is stored now and applies\n"
	        "it; `reject` needs a comment for the editor. `require LIST on|off` changes whether a\n"
	        "list's district changes wait for review. Every decision is in the audit trail.\n",
	.run = run,
};
