/*
 * api_lists.c - the programme's lists over HTTP: field descriptions for forms, filtered pages of
 * records, create / read / update / delete, and CSV / XLSX downloads. Records travel as JSON
 * objects keyed by field name: text as strings, amounts as numbers in yuan, booleans as booleans,
 * districts and industries as ids. Writes go through the same field rules and checks as imports;
 * a record that breaks them is answered 400 with every issue listed.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "change/change.h"
#include "exchange/exchange.h"
#include "http/http_int.h"

static const char *type_name(enum field_type t)
{
	static const char *const names[] = {"text", "int", "amount", "date", "enum", "bool",
	                                    "uscc", "district", "industry", "industries",
	                                    "industry_code", "decimal"};
	return names[t];
}

enum err_code api_lists(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	(void)req;
	json_t *items = json_array();
	for (size_t i = 0; lists_all[i]; i++) {
		const struct list_def *l = lists_all[i];
		json_t *fields = json_array();
		for (size_t f = 0; f < l->n_fields; f++) {
			const struct field_def *fd = &l->fields[f];
			json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", fd->name, "header_zh",
			                      fd->header_zh, "type", type_name(fd->type), "required",
			                      fd->required, "key", fd->key);
			if (fd->type == FT_ENUM) {
				json_t *vals = json_array();
				for (size_t k = 0; fd->values[k]; k++)
					json_array_append_new(vals, json_string(fd->values[k]));
				json_object_set_new(o, "values", vals);
			}
			if (fd->type == FT_TEXT)
				json_object_set_new(o, "max_len", json_integer(fd->max_len ? fd->max_len : 2000));
			json_array_append_new(fields, o);
		}
		json_array_append_new(items, json_pack("{s:s, s:s, s:o}", "name", l->name, "title_zh",
		                                       l->title_zh, "fields", fields));
	}
	return respond_json(resp, json_pack("{s:o}", "items", items), e);
}

/* The list named by path parameter 0. */
static enum err_code which_list(const struct http_req *req, const struct list_def **out,
                                struct err *e)
{
	char name[32];
	*out = http_param(req, 0, name, sizeof name) ? list_find(name) : NULL;
	if (*out != NULL)
		return ERR_OK;
	(void)err_set(e, ERR_NOT_FOUND, "no such list (清单不存在); lists are enterprises, listings, "
	                                "leads, projects, platforms, policies, orgs");
	return ERR_NOT_FOUND;
}

static enum err_code which_id(const struct http_req *req, long long *id, struct err *e)
{
	char s[24], *end;
	if (!http_param(req, 1, s, sizeof s))
		return err_set(e, ERR_NOT_FOUND, "no such record");
	errno = 0;
	*id = strtoll(s, &end, 10);
	if (*end || errno || *id <= 0)
		return err_set(e, ERR_NOT_FOUND, "no such record: '%s'", s);
	return ERR_OK;
}

static json_t *record_json(const struct list_def *l, const struct record *r, const char *source)
{
	json_t *o = change_record_json(l, r); /* the fields, as the audit trail records them */
	json_object_set_new(o, "id", json_integer(r->id));
	source = source ? source : r->source;
	json_object_set_new(o, "source", source ? json_string(source) : json_null());
	json_object_set_new(o, "demo", json_boolean(source && strcmp(source, "demo") == 0));
	return o;
}

struct collect {
	const struct list_def *l;
	json_t *items;
};

static int collect(void *ctx, const struct record *r)
{
	struct collect *c = ctx;
	json_array_append_new(c->items, record_json(c->l, r, NULL));
	return 0;
}

enum err_code http_filter_ids(const struct http_req *req, struct list_query *q, struct err *e)
{
	const struct programme *p = req->ctx->programme;
	const char *ind = http_query(req, "industry"), *dis = http_query(req, "district");
	if (ind) {
		const struct industry *x = programme_industry(p, ind);
		for (size_t i = 0; x == NULL && i < p->n_industries; i++)
			if (strcmp(p->industries[i].name_zh, ind) == 0)
				x = &p->industries[i];
		if (x == NULL)
			return err_set(e, ERR_INVALID, "unknown industry '%.64s'", ind);
		q->industry = x->id;
	}
	if (dis) {
		const struct district *d = programme_district(p, dis);
		if (d == NULL)
			return err_set(e, ERR_INVALID, "unknown district '%.64s'", dis);
		q->district = d->id;
	}
	return ERR_OK;
}

static enum err_code query_long(const struct http_req *req, const char *key, long def, long max,
                                long *out, struct err *e)
{
	const char *s = http_query(req, key);
	char *end;
	*out = def;
	if (s == NULL)
		return ERR_OK;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!s[0] || *end || errno || v < 0 || v > max || s[0] == '+' || s[0] == '-')
		return err_set(e, ERR_INVALID, "query parameter %s must be an integer from 0 to %ld", key, max);
	*out = v;
	return ERR_OK;
}

enum err_code api_list_query(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct list_def *l = NULL;
	struct store *s = NULL;
	struct list_query q = {.text = http_query(req, "q"), .sort = http_query(req, "sort")};
	const char *order = http_query(req, "order");
	long total = 0;
	enum err_code rc = which_list(req, &l, e);
	if (rc == ERR_OK)
		rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK)
		rc = query_long(req, "limit", 100, 1000, &q.limit, e);
	if (rc == ERR_OK)
		rc = query_long(req, "offset", 0, 1000000000L, &q.offset, e);
	if (rc == ERR_OK && order && strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0)
		rc = err_set(e, ERR_INVALID, "order must be asc or desc");
	q.desc = order && strcmp(order, "desc") == 0;
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	struct collect c = {.l = l, .items = json_array()};
	rc = store_list_query(s, l, &q, collect, &c, &total, e);
	if (rc != ERR_OK) {
		json_decref(c.items);
		return rc;
	}
	return respond_json(resp,
	                    json_pack("{s:s, s:o, s:I, s:I, s:I}", "list", l->name, "items", c.items,
	                              "total", (json_int_t)total, "limit", (json_int_t)q.limit,
	                              "offset", (json_int_t)q.offset),
	                    e);
}

enum err_code api_list_get(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct list_def *l = NULL;
	struct store *s = NULL;
	long long id = 0;
	struct record r = {0};
	enum err_code rc = which_list(req, &l, e);
	if (rc == ERR_OK)
		rc = which_id(req, &id, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = store_list_get(s, l, id, &r, e);
	if (rc == ERR_OK)
		rc = respond_json(resp, record_json(l, &r, NULL), e);
	record_free(&r);
	return rc;
}

/* JSON value of a field as the text a form would hold. */
static char *json_cell(const struct field_def *f, json_t *v)
{
	char num[64];
	if (v == NULL || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "是" : "否");
	if (json_is_number(v)) {
		double d = json_number_value(v);
		/* Amounts travel in yuan; field_parse reads 万元 as officials type them. */
		(void)snprintf(num, sizeof num, "%.6f", f->type == FT_AMOUNT ? d / 1e4 : d);
		return xstrdup(num);
	}
	if (json_is_array(v)) {
		struct buf b;
		buf_init(&b, BUF_NO_CAP);
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			if (json_is_string(x))
				(void)buf_printf(&b, "%s%s", b.len ? "、" : "", json_string_value(x));
		}
		return buf_take(&b);
	}
	return xstrdup(""); /* objects are refused before this */
}

enum err_code api_record_parse(const struct list_ctx *lists, const struct list_def *l,
                               const char *body, size_t len, struct record *rec,
                               struct issues *is, struct err *e)
{
	json_error_t jerr;
	if (body == NULL || len == 0)
		return err_set(e, ERR_INVALID, "请求内容为空，应为记录字段组成的JSON对象 "
		                               "(a JSON object with the record's fields is required)");
	json_t *o = json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!json_is_object(o)) {
		json_decref(o);
		if (o)
			return err_set(e, ERR_INVALID, "请求内容应为JSON对象（字段名: 值），不能是数组或单个值 "
			                               "(the body must be a JSON object of fields)");
		return err_set(e, ERR_INVALID, "请求内容不是有效的JSON：第%d行第%d列，%s (body is not JSON)",
		               jerr.line, jerr.column, jerr.text);
	}
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		if (list_field_index(l, key) < 0 && strcmp(key, "id") != 0 && strcmp(key, "source") != 0 &&
		    strcmp(key, "demo") != 0) {
			(void)err_set(e, ERR_INVALID, "字段“%.64s”不属于清单%s (unknown field for list %s)",
			              key, l->title_zh, l->name);
			json_decref(o); /* after the message: `key` belongs to o */
			return ERR_INVALID;
		}
	}
	record_init(rec, l);
	for (size_t i = 0; i < l->n_fields; i++) {
		json_t *jv = json_object_get(o, l->fields[i].name);
		if (json_is_object(jv) || (json_is_array(jv) && l->fields[i].type != FT_INDUSTRIES)) {
			issues_add(is, 0, l->fields[i].name, "", "bad_value",
			           "应为文字、数字或是/否，不能是对象或数组 (must be a string, number or boolean)");
			continue;
		}
		char *cell = json_cell(&l->fields[i], jv);
		(void)field_parse(lists, &l->fields[i], cell, 0, l->fields[i].name, &rec->v[i], is);
		free(cell);
	}
	if (is->n == 0 && l->check) {
		const char **columns = xcalloc(l->n_fields, sizeof *columns);
		for (size_t i = 0; i < l->n_fields; i++)
			columns[i] = l->fields[i].name;
		l->check(l, rec, columns, is);
		free(columns);
	}
	json_decref(o);
	return ERR_OK;
}

/* Parse the request body into a record; ERR_INVALID with every issue in *issues_json. */
static enum err_code body_record(const struct http_req *req, const struct list_def *l,
                                 struct record *rec, json_t **issues_json, struct err *e)
{
	struct issues is = {0};
	*issues_json = NULL;
	enum err_code prc = api_record_parse(req->ctx->lists, l, req->body, req->body_len, rec, &is, e);
	if (prc != ERR_OK) {
		issues_free(&is);
		return prc;
	}
	const char **columns = xcalloc(l->n_fields, sizeof *columns);
	for (size_t i = 0; i < l->n_fields; i++)
		columns[i] = l->fields[i].name;
	if (is.n == 0) {
		struct store *s = NULL;
		enum err_code rc = http_store(req, &s, e);
		if (rc == ERR_OK)
			rc = exchange_check_stored(s, l, rec, columns, &is, e);
		if (rc != ERR_OK) {
			free(columns);
			issues_free(&is);
			return rc;
		}
	}
	free(columns);
	if (is.n == 0)
		return ERR_OK;
	json_t *arr = json_array();
	for (size_t i = 0; i < is.n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "field", is.items[i].column,
		                                     "value", is.items[i].value, "code", is.items[i].code,
		                                     "message", is.items[i].message));
	*issues_json = arr;
	(void)err_set(e, ERR_INVALID, "%s：%s", is.items[0].column, is.items[0].message);
	issues_free(&is);
	return ERR_INVALID;
}

/* 400 with the issues attached to the error body. */
static void respond_issues(struct http_resp *resp, const struct err *e, json_t *issues)
{
	respond_error(resp, e);
	json_t *body = json_loadb(resp->body, resp->len, 0, NULL);
	json_object_set_new(json_object_get(body, "error"), "issues", issues);
	free(resp->owned);
	resp->body = resp->owned = NULL;
	(void)respond_json(resp, body, NULL);
	resp->status = MHD_HTTP_BAD_REQUEST;
}

/* 403 (401) before reading the body when the principal may write no record of `l` at all. */
static enum err_code may_write(const struct http_req *req, enum authz_action a,
                               const struct list_def *l, struct err *e)
{
	char why[256];
	if (authz_may(&req->who, a, l))
		return ERR_OK;
	enum authz_decision d = authz_check(&req->who, a, l, NULL, NULL, why, sizeof why);
	return err_set(e, d == AUTHZ_LOGIN ? ERR_UNAUTHENTICATED : ERR_FORBIDDEN, "%s",
	               why[0] ? why : "无权修改此清单 (you may not change this list)");
}

/* 202: the change waits for a city admin's review (pending change `id`). */
static enum err_code respond_pending(struct http_resp *resp, long long id, struct err *e)
{
	enum err_code rc = respond_json(
		resp,
		json_pack("{s:s, s:I, s:s}", "status", "pending", "pending_id", (json_int_t)id, "message",
		          "已提交，等待市级管理员审核 (submitted: waits for a city admin's review)"),
		e);
	resp->status = MHD_HTTP_ACCEPTED;
	return rc;
}

static enum err_code write_record(const struct http_req *req, struct http_resp *resp, bool create,
                                  struct err *e)
{
	const struct list_def *l = NULL;
	struct store *s = NULL;
	long long id = 0;
	struct record rec = {0}, other = {0};
	json_t *issues = NULL;
	bool found = false;
	enum err_code rc = which_list(req, &l, e);
	if (rc == ERR_OK)
		rc = may_write(req, create ? AUTHZ_CREATE : AUTHZ_UPDATE, l, e);
	if (rc == ERR_OK && !create)
		rc = which_id(req, &id, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK && !create) {
		rc = store_list_get(s, l, id, &other, e); /* 404 before validation */
		record_free(&other);
	}
	if (rc == ERR_OK)
		rc = body_record(req, l, &rec, &issues, e);
	if (rc == ERR_INVALID && issues) {
		respond_issues(resp, e, issues);
		record_free(&rec);
		return ERR_OK;
	}
	if (rc == ERR_OK)
		rc = store_list_find(s, l, NULL, NULL, &rec, &found, &other, e);
	if (rc == ERR_OK && found && (create || other.id != id))
		rc = err_set(e, ERR_BUSY, "a record with the same key already exists (id %lld) (记录已存在)",
		             other.id);
	record_free(&other);
	struct change_result res = {0};
	if (rc == ERR_OK) /* who may: authz_check, inside change_apply, with the audit entry */
		rc = change_apply(s, &req->who, create ? AUTHZ_CREATE : AUTHZ_UPDATE, l, id, &rec, "api",
		                  &res, e);
	if (rc == ERR_OK && res.queued) {
		rc = respond_pending(resp, res.id, e);
	} else if (rc == ERR_OK) {
		rc = respond_json(resp, record_json(l, &rec, "api"), e);
		resp->status = create ? MHD_HTTP_CREATED : MHD_HTTP_OK;
	}
	if (rc == ERR_BUSY) { /* a key conflict is the client's, not a server's, problem: 409 */
		respond_status(resp, MHD_HTTP_CONFLICT, "conflict", e->msg);
		rc = ERR_OK;
	}
	record_free(&rec);
	return rc;
}

enum err_code api_list_create(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return write_record(req, resp, true, e);
}

enum err_code api_list_update(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return write_record(req, resp, false, e);
}

enum err_code api_list_delete(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct list_def *l = NULL;
	struct store *s = NULL;
	long long id = 0;
	struct change_result res = {0};
	enum err_code rc = which_list(req, &l, e);
	if (rc == ERR_OK)
		rc = may_write(req, AUTHZ_DELETE, l, e);
	if (rc == ERR_OK)
		rc = which_id(req, &id, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc == ERR_OK)
		rc = change_apply(s, &req->who, AUTHZ_DELETE, l, id, NULL, "api", &res, e);
	if (rc == ERR_OK && res.queued)
		return respond_pending(resp, res.id, e);
	if (rc == ERR_OK)
		rc = respond_json(resp, json_pack("{s:b, s:I}", "deleted", 1, "id", (json_int_t)id), e);
	return rc;
}

/* Export to a temporary file, then answer its bytes as a download. */
static enum err_code download(const struct http_req *req, struct http_resp *resp, bool template_only,
                              struct err *e)
{
	const struct list_def *l = NULL;
	struct store *s = NULL;
	struct list_query q = {0};
	const char *fmt = http_query(req, "format");
	struct export_opts x = {.format = FORMAT_CSV, .template_only = template_only};
	enum err_code rc = which_list(req, &l, e);
	if (rc == ERR_OK && fmt && strcmp(fmt, "xlsx") == 0)
		x.format = FORMAT_XLSX;
	else if (rc == ERR_OK && fmt && strcmp(fmt, "csv") != 0)
		rc = err_set(e, ERR_INVALID, "format must be csv or xlsx");
	if (rc == ERR_OK)
		rc = http_filter_ids(req, &q, e);
	if (rc == ERR_OK)
		rc = http_store(req, &s, e);
	if (rc != ERR_OK)
		return rc;
	x.industry = q.industry;
	x.district = q.district;
	char path[RESPOND_TMP_PATH];
	rc = respond_tmp(path, e);
	long rows;
	if (rc == ERR_OK)
		rc = exchange_export(s, req->ctx->lists, l, &x, path, &rows, e);
	rc = respond_file_body(resp, path, rc,
	                       x.format == FORMAT_XLSX ? XLSX_TYPE : "text/csv; charset=utf-8", e);
	if (rc != ERR_OK)
		return rc;
	(void)snprintf(resp->disposition, sizeof resp->disposition,
	               "attachment; filename=\"%s%s.%s\"", l->name, template_only ? "-template" : "",
	               x.format == FORMAT_XLSX ? "xlsx" : "csv");
	return ERR_OK;
}

enum err_code api_list_export(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return download(req, resp, false, e);
}

enum err_code api_list_template(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	return download(req, resp, true, e);
}
