/*
 * change.c - applying, queueing and deciding changes to records, each with its audit entry in
 * the same transaction; records as JSON for the trail and the review queue. See change.h.
 */
#include "change/change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"

json_t *change_record_json(const struct list_def *l, const struct record *r)
{
	json_t *o = json_object();
	for (size_t i = 0; i < l->n_fields; i++) {
		const struct value *v = &r->v[i];
		enum field_type t = l->fields[i].type;
		json_t *j;
		if (v->null)
			j = json_null();
		else if (t == FT_AMOUNT || t == FT_DECIMAL)
			j = json_real(v->num);
		else if (t == FT_INT)
			j = json_integer((json_int_t)v->num);
		else if (t == FT_BOOL)
			j = json_boolean(v->num != 0);
		else if (t == FT_INDUSTRIES) {
			j = json_array();
			const char *p = v->text ? v->text : "";
			while (*p) {
				size_t n = strcspn(p, ",");
				if (n)
					json_array_append_new(j, json_stringn(p, n));
				p += n;
				if (*p == ',')
					p++;
			}
		} else
			j = json_string(v->text ? v->text : "");
		json_object_set_new(o, l->fields[i].name, j);
	}
	return o;
}

enum err_code change_json_record(const struct list_def *l, json_t *o, struct record *out,
                                 struct err *e)
{
	record_init(out, l);
	if (!json_is_object(o))
		return err_set(e, ERR_CORRUPT, "a queued change of %s is not a JSON object", l->name);
	for (size_t i = 0; i < l->n_fields; i++) {
		json_t *j = json_object_get(o, l->fields[i].name);
		struct value *v = &out->v[i];
		v->null = j == NULL || json_is_null(j);
		if (v->null)
			continue;
		if (json_is_string(j)) {
			v->text = xstrdup(json_string_value(j));
		} else if (json_is_number(j)) {
			v->num = json_number_value(j);
		} else if (json_is_boolean(j)) {
			v->num = json_is_true(j) ? 1 : 0;
		} else if (json_is_array(j)) {
			struct buf b;
			buf_init(&b, BUF_NO_CAP);
			size_t k;
			json_t *x;
			json_array_foreach(j, k, x) {
				(void)buf_printf(&b, "%s%s", k ? "," : "", json_is_string(x) ? json_string_value(x) : "");
			}
			v->text = buf_take(&b);
		} else {
			return err_set(e, ERR_CORRUPT, "a queued change of %s has a bad field %s", l->name,
			               l->fields[i].name);
		}
	}
	return ERR_OK;
}

char *change_record_key(const struct list_def *l, const struct record *r)
{
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	for (size_t i = 0; i < l->n_fields; i++) {
		if (!l->fields[i].key)
			continue;
		const struct value *v = &r->v[i];
		if (v->null)
			(void)buf_printf(&b, "%s", b.len ? " / " : "");
		else if (v->text)
			(void)buf_printf(&b, "%s%s", b.len ? " / " : "", v->text);
		else
			(void)buf_printf(&b, "%s%g", b.len ? " / " : "", v->num);
	}
	char *s = buf_take(&b);
	return s ? s : xstrdup("");
}

/* JSON text of v (NULL for NULL); malloc'd. */
static char *dump(json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17)) : NULL;
}

enum err_code change_audit(struct store *s, const struct principal *p, const char *action,
                           const char *entity, long long record_id, const char *key,
                           json_t *before, json_t *after, const char *comment, struct err *e)
{
	char *b = dump(before), *a = dump(after);
	struct store_audit x = {.user = p->name, .role = auth_role_name(p->role),
	                        .via = auth_via_name(p->via), .action = action, .list = entity,
	                        .record_id = record_id, .record_key = key, .before = b, .after = a,
	                        .comment = comment};
	enum err_code rc = store_audit_add(s, &x, e);
	free(b);
	free(a);
	return rc;
}

static enum err_code refuse(enum authz_decision d, const char *why, struct err *e)
{
	return err_set(e, d == AUTHZ_LOGIN ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN, "%s",
	               why && why[0] ? why : "无权执行此操作 (not allowed)");
}

static const char *action_name(enum authz_action a)
{
	return a == AUTHZ_CREATE ? "create" : a == AUTHZ_UPDATE ? "update" : "delete";
}

enum err_code change_may_create(struct store *s, const struct principal *p,
                                const struct list_def *l, const struct record *after,
                                struct err *e)
{
	char why[256] = "";
	enum authz_decision d = authz_check(p, AUTHZ_CREATE, l, NULL, after, why, sizeof why);
	if (d == AUTHZ_DENY || d == AUTHZ_LOGIN)
		return refuse(d, why, e);
	if (d == AUTHZ_REVIEW) {
		bool queue = false;
		enum err_code rc = store_review_required(s, l->name, &queue, e);
		if (rc != ERR_OK)
			return rc;
		if (queue)
			return err_set(e, ERR_FORBIDDEN,
			               "%s的新增需经市级审核，请在清单页面逐条提交 (changes to this list wait "
			               "for review: submit them one at a time)", l->title_zh);
	}
	return ERR_OK;
}

enum err_code change_created(struct store *s, const struct principal *p, const struct list_def *l,
                             const struct record *r, const char *comment, struct err *e)
{
	json_t *aj = change_record_json(l, r);
	char *key = change_record_key(l, r);
	enum err_code rc = change_audit(s, p, "create", l->name, r->id, key, NULL, aj, comment, e);
	json_decref(aj);
	free(key);
	return rc;
}

/* Write the change itself (no transaction, no audit). */
static enum err_code write_change(struct store *s, const struct list_def *l, enum authz_action a,
                                  long long id, struct record *after, const char *source,
                                  struct err *e)
{
	if (a == AUTHZ_DELETE)
		return store_list_delete(s, l, id, e);
	if (a == AUTHZ_UPDATE) {
		after->id = id;
		return store_list_update(s, l, after, source, e);
	}
	enum store_outcome out;
	after->id = 0;
	return store_list_put(s, l, after, source, &out, e);
}

enum err_code change_apply(struct store *s, const struct principal *p, enum authz_action action,
                           const struct list_def *l, long long id, struct record *after,
                           const char *source, struct change_result *out, struct err *e)
{
	struct record before = {0};
	bool have_before = false, queue = false, in_tx = false;
	char why[256];
	json_t *bj = NULL, *aj = NULL;
	char *key = NULL;
	enum err_code rc = ERR_OK;
	memset(out, 0, sizeof *out);
	if (action != AUTHZ_CREATE && action != AUTHZ_UPDATE && action != AUTHZ_DELETE)
		return err_set(e, ERR_INTERNAL, "change_apply: not a record action");
	if (action == AUTHZ_DELETE)
		after = NULL;
	if (action != AUTHZ_DELETE && after == NULL)
		return err_set(e, ERR_INTERNAL, "change_apply: no record to write");
	if (action != AUTHZ_CREATE) {
		rc = store_list_get(s, l, id, &before, e);
		have_before = rc == ERR_OK;
	}
	enum authz_decision d = AUTHZ_DENY;
	if (rc == ERR_OK) {
		d = authz_check(p, action, l, have_before ? &before : NULL, after, why, sizeof why);
		if (d == AUTHZ_DENY || d == AUTHZ_LOGIN)
			rc = refuse(d, why, e);
	}
	if (rc == ERR_OK && d == AUTHZ_REVIEW)
		rc = store_review_required(s, l->name, &queue, e);
	if (rc == ERR_OK) {
		bj = have_before ? change_record_json(l, &before) : NULL;
		aj = after ? change_record_json(l, after) : NULL;
		key = change_record_key(l, after ? after : &before);
		rc = store_begin(s, e);
		in_tx = rc == ERR_OK;
	}
	if (rc == ERR_OK && queue) {
		char *b = dump(bj), *a = dump(aj);
		struct store_pending pc = {.list = l->name, .action = action_name(action),
		                           .record_id = id, .record_key = key, .before = b, .after = a,
		                           .submitted_by = p->name};
		rc = store_pending_add(s, &pc, &out->id, e);
		free(b);
		free(a);
		out->queued = true;
		if (rc == ERR_OK) {
			char note[64];
			(void)snprintf(note, sizeof note, "待审核 pending #%lld (%s)", out->id, action_name(action));
			rc = change_audit(s, p, "submit", l->name, id, key, bj, aj, note, e);
		}
	} else if (rc == ERR_OK) {
		rc = write_change(s, l, action, id, after, source, e);
		out->id = after ? after->id : id;
		if (rc == ERR_OK)
			rc = change_audit(s, p, action_name(action), l->name, out->id, key, bj, aj, NULL, e);
	}
	if (in_tx && rc == ERR_OK)
		rc = store_commit(s, e);
	if (in_tx && rc != ERR_OK)
		store_rollback(s);
	json_decref(bj);
	json_decref(aj);
	free(key);
	record_free(&before);
	return rc;
}

/* A pending change, copied out of the store's callback. */
struct pending_copy {
	bool found;
	long long record_id;
	char list[32], action[16], status[16];
	char *key, *before, *after, *submitted_by;
};

static int copy_pending(void *ctx, const struct store_pending *x)
{
	struct pending_copy *c = ctx;
	c->found = true;
	c->record_id = x->record_id;
	(void)snprintf(c->list, sizeof c->list, "%s", x->list ? x->list : "");
	(void)snprintf(c->action, sizeof c->action, "%s", x->action ? x->action : "");
	(void)snprintf(c->status, sizeof c->status, "%s", x->status ? x->status : "");
	c->key = xstrdup(x->record_key ? x->record_key : "");
	c->before = x->before ? xstrdup(x->before) : NULL;
	c->after = x->after ? xstrdup(x->after) : NULL;
	c->submitted_by = xstrdup(x->submitted_by ? x->submitted_by : "");
	return 1;
}

/* Check a queued change against what is stored now, before it is applied. */
static enum err_code still_applies(struct store *s, const struct list_def *l,
                                   const struct pending_copy *c, json_t *bj, struct record *after,
                                   struct err *e)
{
	enum err_code rc = ERR_OK;
	if (strcmp(c->action, "create") == 0) {
		bool found = false;
		rc = store_list_find(s, l, NULL, NULL, after, &found, NULL, e);
		if (rc == ERR_OK && found)
			rc = err_set(e, ERR_INVALID, "已有相同主键的记录，请驳回 (a record with this key exists now: reject the change)");
	} else {
		struct record now = {0};
		rc = store_list_get(s, l, c->record_id, &now, e);
		if (rc == ERR_NOT_FOUND)
			rc = err_set(e, ERR_INVALID, "记录已不存在，请驳回 (the record no longer exists: reject the change)");
		if (rc == ERR_OK) {
			json_t *nj = change_record_json(l, &now);
			if (!json_equal(nj, bj))
				rc = err_set(e, ERR_INVALID, "提交后记录已被修改，请驳回后重新提交 (the record changed since the change was submitted: reject it and submit again)");
			json_decref(nj);
		}
		record_free(&now);
	}
	if (rc == ERR_OK && after->v) {
		struct issues is = {0};
		const char **columns = xcalloc(l->n_fields, sizeof *columns);
		for (size_t i = 0; i < l->n_fields; i++)
			columns[i] = l->fields[i].name;
		rc = exchange_check_stored(s, l, after, columns, &is, e);
		free(columns);
		if (rc == ERR_OK && is.n)
			rc = err_set(e, ERR_INVALID, "%s：%s", is.items[0].column, is.items[0].message);
		issues_free(&is);
	}
	return rc;
}

enum err_code change_decide(struct store *s, const struct list_ctx *ctx, const struct principal *p,
                            long long pending_id, bool approve, const char *comment,
                            struct change_result *out, struct err *e)
{
	(void)ctx;
	char why[256];
	struct pending_copy c = {0};
	struct record after = {0};
	json_t *bj = NULL, *aj = NULL;
	bool in_tx = false;
	memset(out, 0, sizeof *out);
	enum authz_decision d = authz_check(p, AUTHZ_DECIDE, NULL, NULL, NULL, why, sizeof why);
	if (d != AUTHZ_ALLOW)
		return refuse(d, why, e);
	if (!approve && (comment == NULL || comment[0] == '\0'))
		return err_set(e, ERR_INVALID, "驳回需要填写意见 (a rejection needs a comment)");
	enum err_code rc = store_pending_scan(s, pending_id, NULL, NULL, copy_pending, &c, e);
	const struct list_def *l = c.found ? list_find(c.list) : NULL;
	if (rc == ERR_OK && !c.found)
		rc = err_set(e, ERR_NOT_FOUND, "没有待审核修改 %lld (no change %lld)", pending_id, pending_id);
	else if (rc == ERR_OK && strcmp(c.status, "pending") != 0)
		rc = err_set(e, ERR_INVALID, "修改 %lld 已处理（%s） (change %lld was already %s)", pending_id,
		             c.status, pending_id, c.status);
	else if (rc == ERR_OK && l == NULL)
		rc = err_set(e, ERR_CORRUPT, "change %lld names an unknown list '%s'", pending_id, c.list);
	if (rc != ERR_OK || l == NULL)
		goto out;
	{
		bj = c.before ? json_loads(c.before, 0, NULL) : NULL;
		aj = c.after ? json_loads(c.after, 0, NULL) : NULL;
		if ((c.before && bj == NULL) || (c.after && aj == NULL))
			rc = err_set(e, ERR_CORRUPT, "change %lld is not valid JSON", pending_id);
	}
	enum authz_action a = strcmp(c.action, "create") == 0   ? AUTHZ_CREATE
	                      : strcmp(c.action, "update") == 0 ? AUTHZ_UPDATE
	                                                        : AUTHZ_DELETE;
	if (rc == ERR_OK && approve && aj)
		rc = change_json_record(l, aj, &after, e);
	if (rc == ERR_OK && approve)
		rc = still_applies(s, l, &c, bj, &after, e);
	if (rc == ERR_OK) {
		rc = store_begin(s, e);
		in_tx = rc == ERR_OK;
	}
	if (rc == ERR_OK && approve)
		rc = write_change(s, l, a, c.record_id, &after, "api", e);
	out->id = approve && after.v ? after.id : c.record_id;
	if (rc == ERR_OK)
		rc = store_pending_decide(s, pending_id, approve ? "approved" : "rejected", p->name,
		                          comment, e);
	if (rc == ERR_OK) {
		char note[512];
		(void)snprintf(note, sizeof note, "#%lld %s 提交 (submitted by %s)%s%s", pending_id,
		               c.submitted_by, c.submitted_by, comment && comment[0] ? "；意见：" : "",
		               comment ? comment : "");
		rc = change_audit(s, p, approve ? "approve" : "reject", l->name, out->id, c.key, bj, aj,
		                  note, e);
	}
	if (in_tx && rc == ERR_OK)
		rc = store_commit(s, e);
	if (in_tx && rc != ERR_OK)
		store_rollback(s);
out:
	json_decref(bj);
	json_decref(aj);
	record_free(&after);
	free(c.key);
	free(c.before);
	free(c.after);
	free(c.submitted_by);
	return rc;
}

static enum err_code import_row_check(void *ctx, const struct record *rec, unsigned row,
                                      struct issues *is, struct err *e)
{
	struct change_import *c = ctx;
	struct record before = {0};
	bool found = false;
	char why[256];
	enum err_code rc = store_list_find(c->s, c->l, NULL, NULL, rec, &found, &before, e);
	if (rc != ERR_OK)
		return rc;
	enum authz_decision d = authz_check(c->p, found ? AUTHZ_UPDATE : AUTHZ_CREATE, c->l,
	                                    found ? &before : NULL, rec, why, sizeof why);
	record_free(&before);
	if (d == AUTHZ_REVIEW && c->review)
		issues_add(is, row, "", "", "review",
		           "区级编辑对本清单的修改需市级审核，请在仪表盘逐条提交 (changes to this list wait "
		           "for review: submit them in the dashboard)");
	else if (d == AUTHZ_DENY || d == AUTHZ_LOGIN)
		issues_add(is, row, "", "", "forbidden", "%s", why);
	return ERR_OK;
}

static enum err_code import_before_commit(void *ctx, const char *path, long rows, long inserted,
                                          long updated, long unchanged, struct err *e)
{
	struct change_import *c = ctx;
	const char *slash = strrchr(path, '/');
	json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", path, "rows", (json_int_t)rows,
	                          "inserted", (json_int_t)inserted, "updated", (json_int_t)updated,
	                          "unchanged", (json_int_t)unchanged);
	enum err_code rc = change_audit(c->s, c->p, "import", c->entity, 0, slash ? slash + 1 : path,
	                                NULL, after, NULL, e);
	json_decref(after);
	return rc;
}

enum err_code change_import_hooks(struct import_opts *o, struct change_import *c, struct err *e)
{
	char why[256];
	enum err_code rc = ERR_OK;
	if (c->l == NULL) {
		enum authz_decision d = authz_check(c->p, AUTHZ_IMPORT_INDICATORS, NULL, NULL, NULL, why,
		                                    sizeof why);
		if (d != AUTHZ_ALLOW)
			return refuse(d, why, e);
	} else if (c->p->role != ROLE_CITY_ADMIN) {
		if (!authz_may(c->p, AUTHZ_CREATE, c->l))
			return refuse(authz_check(c->p, AUTHZ_CREATE, c->l, NULL, NULL, why, sizeof why), why, e);
		rc = store_review_required(c->s, c->l->name, &c->review, e);
		o->row_check = import_row_check;
	}
	o->before_commit = import_before_commit;
	o->hook_ctx = c;
	return rc;
}
