/*
 * auth.c - roles and the one write decision (authz_check); see auth.h for the rules. Pure: it
 * reads the principal and the records it is given, nothing else.
 */
#include "auth/auth.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[] = {"", "city-admin", "district-editor", "commissioner",
                                         "analyst", "viewer"};
static const char *const role_zh[] = {"未登录", "市级管理员", "区级编辑", "产业专员", "分析员",
                                      "只读用户"};

const char *auth_role_name(enum auth_role r)
{
	return (unsigned)r < sizeof role_names / sizeof *role_names ? role_names[r] : "";
}

const char *auth_role_zh(enum auth_role r)
{
	return (unsigned)r < sizeof role_zh / sizeof *role_zh ? role_zh[r] : "";
}

bool auth_role_parse(const char *s, enum auth_role *out)
{
	for (size_t i = 1; s && i < sizeof role_names / sizeof *role_names; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum auth_role)i;
			return true;
		}
	return false;
}

const char *auth_via_name(enum auth_via v)
{
	switch (v) {
	case AUTH_SESSION: return "session";
	case AUTH_TOKEN: return "token";
	case AUTH_CLI: return "cli";
	case AUTH_NONE: break;
	}
	return "";
}

bool auth_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n >= AUTH_NAME_MAX || strncmp(name, "local:", 6) == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '_' || c == '-' || c == '@' || c >= 0x80;
		if (!ok)
			return false;
	}
	return true;
}

bool auth_principal_init(struct principal *p, const char *role, enum auth_via via, long long id,
                         const char *name, const char *district, const char *industries)
{
	memset(p, 0, sizeof *p);
	if (!auth_role_parse(role, &p->role))
		return false;
	p->via = via;
	p->user_id = id;
	(void)snprintf(p->name, sizeof p->name, "%s", name ? name : "");
	(void)snprintf(p->district, sizeof p->district, "%s", district ? district : "");
	(void)snprintf(p->industries, sizeof p->industries, "%s", industries ? industries : "");
	return true;
}

bool auth_id_in(const char *set, const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (set == NULL || n == 0)
		return false;
	for (const char *p = set; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && memcmp(p, id, n) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

/* The index of the first field of type `t` in `l`, or -1. */
static int field_of(const struct list_def *l, enum field_type t)
{
	for (size_t i = 0; l && i < l->n_fields; i++)
		if (l->fields[i].type == t)
			return (int)i;
	return -1;
}

/* Whether record `r`'s district (field `f`) is `district`; a record without one is nobody's. */
static bool in_district(const struct record *r, int f, const char *district)
{
	if (r == NULL)
		return true; /* no record on this side of the change */
	const struct value *v = &r->v[f];
	return !v->null && v->text && district[0] && strcmp(v->text, district) == 0;
}

/* Whether every industry record `r` names (fields `one` and `many`) is in `mine`, and it names
 * at least one. */
static bool in_industries(const struct record *r, int one, int many, const char *mine)
{
	if (r == NULL)
		return true;
	size_t named = 0;
	if (one >= 0 && !r->v[one].null && r->v[one].text && r->v[one].text[0]) {
		if (!auth_id_in(mine, r->v[one].text))
			return false;
		named++;
	}
	if (many >= 0 && !r->v[many].null && r->v[many].text) {
		for (const char *p = r->v[many].text; *p;) {
			size_t len = strcspn(p, ",");
			char id[64];
			if (len == 0 || len >= sizeof id)
				return false;
			memcpy(id, p, len);
			id[len] = '\0';
			if (!auth_id_in(mine, id))
				return false;
			named++;
			p += len;
			if (*p == ',')
				p++;
		}
	}
	return named > 0;
}

static enum authz_decision deny(char *why, size_t size, enum authz_decision d, const char *msg)
{
	if (why && size)
		(void)snprintf(why, size, "%s", msg);
	return d;
}

static bool record_action(enum authz_action a)
{
	return a == AUTHZ_CREATE || a == AUTHZ_UPDATE || a == AUTHZ_DELETE;
}

enum authz_decision authz_check(const struct principal *p, enum authz_action action,
                                const struct list_def *l, const struct record *before,
                                const struct record *after, char *why, size_t why_size)
{
	if (why && why_size)
		why[0] = '\0';
	if (p == NULL || p->role == ROLE_NONE)
		return deny(why, why_size, AUTHZ_LOGIN,
		            "请先登录 (sign in first: writes need a session or an API token)");
	if (action == AUTHZ_SESSION || p->role == ROLE_CITY_ADMIN)
		return AUTHZ_ALLOW;
	if (action == AUTHZ_IMPORT_INDICATORS || action == AUTHZ_READ_AUDIT) {
		if (p->role == ROLE_ANALYST)
			return AUTHZ_ALLOW;
		return deny(why, why_size, AUTHZ_DENY,
		            action == AUTHZ_READ_AUDIT
		                ? "只有市级管理员和分析员可以查看审计记录 (only city admins and analysts read the audit trail)"
		                : "只有市级管理员和分析员可以导入统计数据 (only city admins and analysts import statistics)");
	}
	if (!record_action(action) || l == NULL)
		return deny(why, why_size, AUTHZ_DENY,
		            "只有市级管理员可以执行此操作 (only a city admin may do this)");
	/* Record actions: the record must be in the principal's scope before and after. */
	if (action == AUTHZ_CREATE)
		before = NULL;
	if (action == AUTHZ_DELETE)
		after = NULL;
	if (p->role == ROLE_DISTRICT_EDITOR) {
		int f = field_of(l, FT_DISTRICT);
		if (f < 0)
			return deny(why, why_size, AUTHZ_DENY,
			            "区级编辑只能修改带有所在区的清单 (district editors write only lists that record a district)");
		if (!in_district(before, f, p->district) || !in_district(after, f, p->district))
			return deny(why, why_size, AUTHZ_DENY,
			            "区级编辑只能修改本区的记录 (district editors write only their own district's records)");
		return AUTHZ_REVIEW;
	}
	if (p->role == ROLE_COMMISSIONER) {
		int one = field_of(l, FT_INDUSTRY), many = field_of(l, FT_INDUSTRIES);
		if (one < 0 && many < 0)
			return deny(why, why_size, AUTHZ_DENY,
			            "产业专员只能修改带有所属产业的清单 (commissioners write only lists that record an industry)");
		if (!in_industries(before, one, many, p->industries) ||
		    !in_industries(after, one, many, p->industries))
			return deny(why, why_size, AUTHZ_DENY,
			            "产业专员只能修改所负责产业的记录 (commissioners write only their industries' records)");
		return AUTHZ_ALLOW;
	}
	return deny(why, why_size, AUTHZ_DENY,
	            p->role == ROLE_ANALYST
	                ? "分析员只能查看数据和导入统计数据 (analysts read and import statistics only)"
	                : "只读用户不能修改数据 (viewers read only)");
}

enum authz_decision authz_brief(const struct principal *p, const char *industry, char *why,
                                size_t why_size)
{
	if (why && why_size)
		why[0] = '\0';
	if (p == NULL || p->role == ROLE_NONE)
		return deny(why, why_size, AUTHZ_LOGIN,
		            "请先登录 (sign in first: writes need a session or an API token)");
	if (p->role == ROLE_CITY_ADMIN)
		return AUTHZ_ALLOW;
	if (p->role == ROLE_COMMISSIONER && industry && auth_id_in(p->industries, industry))
		return AUTHZ_ALLOW;
	return deny(why, why_size, AUTHZ_DENY,
	            "只有市级管理员和该产业的专员可以提交简报 (only city admins and the industry's "
	            "commissioners add its briefs)");
}

bool authz_may(const struct principal *p, enum authz_action action, const struct list_def *l)
{
	if (p == NULL || p->role == ROLE_NONE)
		return false;
	if (!record_action(action))
		return authz_check(p, action, l, NULL, NULL, NULL, 0) == AUTHZ_ALLOW;
	switch (p->role) {
	case ROLE_CITY_ADMIN: return true;
	case ROLE_DISTRICT_EDITOR: return field_of(l, FT_DISTRICT) >= 0 && p->district[0];
	case ROLE_COMMISSIONER:
		return (field_of(l, FT_INDUSTRY) >= 0 || field_of(l, FT_INDUSTRIES) >= 0) &&
		       p->industries[0];
	default: return false;
	}
}
