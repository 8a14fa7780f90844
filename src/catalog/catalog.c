/*
 * catalog.c - reading and validating a programme document; see catalog.h.
 *
 * Validation is strict because the document is the definition every other part of Jiqun relies
 * on: every required field present with the right type, ids well formed and unique, industries
 * numbered 1..N per kind in order, every district an industry names known, every category member a
 * cluster. Errors name the JSON path ("industries[3].districts[1]").
 */
#include "catalog/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/mem.h"

struct reader {
	const char *origin;
	struct err *e;
	char path[128];
};

static enum err_code bad(struct reader *r, const char *key, const char *why)
{
	(void)err_set(r->e, ERR_INVALID, "%s: %s%s%s: %s", r->origin, r->path,
	               r->path[0] && key ? "." : "", key ? key : "", why);
	return ERR_INVALID;
}

/* A string member; NULL-able when !required (JSON null or absent). */
static enum err_code get_str(struct reader *r, json_t *obj, const char *key, bool required,
                             char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return required ? bad(r, key, "missing") : ERR_OK;
	if (!json_is_string(v))
		return bad(r, key, "must be a string");
	if (required && json_string_length(v) == 0)
		return bad(r, key, "must not be empty");
	*out = xstrndup(json_string_value(v), json_string_length(v));
	return ERR_OK;
}

static enum err_code get_int(struct reader *r, json_t *obj, const char *key, bool required,
                             int lo, int hi, int *out)
{
	json_t *v = json_object_get(obj, key);
	*out = 0;
	if (v == NULL || json_is_null(v))
		return required ? bad(r, key, "missing") : ERR_OK;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return bad(r, key, "must be an integer in range");
	*out = (int)json_integer_value(v);
	return ERR_OK;
}

static enum err_code get_strlist(struct reader *r, json_t *obj, const char *key,
                                 struct strlist *out)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_array(v))
		return bad(r, key, "must be an array of strings");
	out->n = json_array_size(v);
	out->items = xcalloc(out->n, sizeof *out->items);
	for (size_t i = 0; i < out->n; i++) {
		json_t *s = json_array_get(v, i);
		if (!json_is_string(s) || json_string_length(s) == 0)
			return bad(r, key, "must hold only non-empty strings");
		out->items[i] = xstrndup(json_string_value(s), json_string_length(s));
	}
	return ERR_OK;
}

/* Enter array element `i` of `name` for error paths; returns the object or NULL. */
static json_t *enter(struct reader *r, json_t *arr, const char *name, size_t i)
{
	(void)snprintf(r->path, sizeof r->path, "%s[%zu]", name, i);
	json_t *o = json_array_get(arr, i);
	return json_is_object(o) ? o : NULL;
}

static enum err_code get_array(struct reader *r, json_t *obj, const char *key, json_t **out,
                               size_t *n)
{
	*out = json_object_get(obj, key);
	if (!json_is_array(*out) || json_array_size(*out) == 0)
		return bad(r, key, "must be a non-empty array");
	*n = json_array_size(*out);
	return ERR_OK;
}

/* An array a document may leave out: absent or null gives n = 0 (and *out NULL). */
static enum err_code get_array_opt(struct reader *r, json_t *obj, const char *key, json_t **out,
                                   size_t *n)
{
	*out = json_object_get(obj, key);
	*n = 0;
	if (*out == NULL || json_is_null(*out)) {
		*out = NULL;
		return ERR_OK;
	}
	if (!json_is_array(*out))
		return bad(r, key, "must be an array");
	*n = json_array_size(*out);
	return ERR_OK;
}

static enum err_code read_id(struct reader *r, json_t *o, char **out)
{
	enum err_code rc = get_str(r, o, "id", true, out);
	if (rc == ERR_OK && !programme_id_valid(*out))
		rc = bad(r, "id", "must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter");
	return rc;
}

static enum err_code read_passages(struct reader *r, json_t *root, const char *key,
                                   bool with_id, struct passage **out, size_t *n)
{
	json_t *arr;
	r->path[0] = '\0';
	enum err_code rc = get_array_opt(r, root, key, &arr, n);
	if (rc != ERR_OK || *n == 0)
		return rc;
	*out = xcalloc(*n, sizeof **out);
	for (size_t i = 0; i < *n && rc == ERR_OK; i++) {
		struct passage *ps = &(*out)[i];
		json_t *o = enter(r, arr, key, i);
		if (o == NULL)
			return bad(r, NULL, "must be an object");
		ps->seq = (int)i + 1;
		if (with_id)
			rc = read_id(r, o, &ps->id);
		if (rc == ERR_OK)
			rc = get_str(r, o, json_object_get(o, "title") ? "title" : "name_zh", true,
			             &ps->title);
		if (rc == ERR_OK)
			rc = get_str(r, o, json_object_get(o, "title_en") ? "title_en" : "name_en", false,
			             &ps->title_en);
		if (rc == ERR_OK)
			rc = get_str(r, o, "text", true, &ps->text);
		if (rc == ERR_OK)
			rc = get_str(r, o, "clause", true, &ps->clause);
	}
	return rc;
}

static enum err_code read_targets(struct reader *r, json_t *root, struct programme *p)
{
	json_t *arr;
	r->path[0] = '\0';
	enum err_code rc = get_array_opt(r, root, "targets", &arr, &p->n_targets);
	if (rc != ERR_OK || p->n_targets == 0)
		return rc;
	p->targets = xcalloc(p->n_targets, sizeof *p->targets);
	for (size_t i = 0; i < p->n_targets && rc == ERR_OK; i++) {
		struct target *t = &p->targets[i];
		json_t *o = enter(r, arr, "targets", i);
		if (o == NULL)
			return bad(r, NULL, "must be an object");
		rc = read_id(r, o, &t->id);
		if (rc == ERR_OK)
			rc = get_int(r, o, "year", true, 1949, 2200, &t->year);
		if (rc == ERR_OK)
			rc = get_str(r, o, "indicator", false, &t->indicator);
		if (rc == ERR_OK)
			rc = get_str(r, o, "scope", true, &t->scope);
		if (rc == ERR_OK)
			rc = get_str(r, o, "op", false, &t->op);
		if (rc == ERR_OK)
			rc = get_str(r, o, "unit", false, &t->unit);
		if (rc == ERR_OK)
			rc = get_int(r, o, "count", false, 0, 1000, &t->count);
		if (rc == ERR_OK)
			rc = get_str(r, o, "text", true, &t->text);
		if (rc == ERR_OK)
			rc = get_str(r, o, "clause", true, &t->clause);
		json_t *v = json_object_get(o, "value");
		if (rc == ERR_OK && v != NULL && !json_is_null(v)) {
			if (!json_is_number(v) || json_number_value(v) < 0)
				rc = bad(r, "value", "must be a non-negative number");
			else if (t->unit == NULL || t->indicator == NULL)
				rc = bad(r, "value", "needs an indicator and a unit");
			t->value = json_number_value(v);
			t->has_value = true;
		}
	}
	return rc;
}

static enum err_code read_districts(struct reader *r, json_t *root, struct programme *p)
{
	json_t *arr;
	r->path[0] = '\0';
	enum err_code rc = get_array(r, root, "districts", &arr, &p->n_districts);
	if (rc != ERR_OK)
		return rc;
	p->districts = xcalloc(p->n_districts, sizeof *p->districts);
	for (size_t i = 0; i < p->n_districts && rc == ERR_OK; i++) {
		struct district *d = &p->districts[i];
		json_t *o = enter(r, arr, "districts", i);
		if (o == NULL)
			return bad(r, NULL, "must be an object");
		rc = read_id(r, o, &d->id);
		if (rc == ERR_OK)
			rc = get_str(r, o, "code", false, &d->code);
		if (rc == ERR_OK && d->code &&
		    (strlen(d->code) != 6 || strspn(d->code, "0123456789") != 6))
			rc = bad(r, "code", "must be a 6-digit GB/T 2260 code or null");
		if (rc == ERR_OK)
			rc = get_str(r, o, "name_zh", true, &d->name_zh);
		if (rc == ERR_OK)
			rc = get_str(r, o, "short", true, &d->short_name);
		if (rc == ERR_OK)
			rc = get_str(r, o, "name_en", true, &d->name_en);
		if (rc == ERR_OK)
			rc = get_str(r, o, "kind", true, &d->kind);
		if (rc == ERR_OK && strcmp(d->kind, "district") != 0 &&
		    strcmp(d->kind, "new_area") != 0 && strcmp(d->kind, "cooperation_zone") != 0)
			rc = bad(r, "kind", "must be district, new_area or cooperation_zone");
		if (rc == ERR_OK)
			rc = get_str(r, o, "parent_code", false, &d->parent_code);
		if (rc == ERR_OK)
			rc = get_str(r, o, "note", false, &d->note);
		for (size_t j = 0; j < i && rc == ERR_OK; j++) {
			const struct district *x = &p->districts[j];
			if (strcmp(x->id, d->id) == 0 || strcmp(x->short_name, d->short_name) == 0 ||
			    (x->code && d->code && strcmp(x->code, d->code) == 0))
				rc = bad(r, NULL, "repeats the id, short name or code of an earlier district");
		}
	}
	return rc;
}

static enum err_code read_industry(struct reader *r, json_t *o, const struct programme *p,
                                   struct industry *ind)
{
	char *s = NULL;
	enum err_code rc = read_id(r, o, &ind->id);
	if (rc == ERR_OK)
		rc = get_str(r, o, "kind", true, &s);
	if (rc == ERR_OK && !industry_kind_parse(s, &ind->kind))
		rc = bad(r, "kind", "must be \"cluster\" or \"future\"");
	free(s);
	s = NULL;
	if (rc == ERR_OK)
		rc = get_int(r, o, "seq", true, 1, 1000, &ind->seq);
	if (rc == ERR_OK)
		rc = get_str(r, o, "name_zh", true, &ind->name_zh);
	if (rc == ERR_OK)
		rc = get_str(r, o, "full_name_zh", true, &ind->full_name_zh);
	if (rc == ERR_OK)
		rc = get_str(r, o, "name_en", true, &ind->name_en);
	if (rc == ERR_OK)
		rc = get_str(r, o, "category", false, &ind->category);
	if (rc == ERR_OK)
		rc = get_str(r, o, "tier", false, &s);
	if (rc == ERR_OK && s && (!tier_parse(s, &ind->tier) || ind->tier == TIER_NONE))
		rc = bad(r, "tier", "must be pillar, short_board, improve, growth_point or null");
	free(s);
	if (rc == ERR_OK)
		rc = get_strlist(r, o, "segments", &ind->segments);
	if (rc == ERR_OK)
		rc = get_strlist(r, o, "technologies", &ind->technologies);
	if (rc == ERR_OK)
		rc = get_strlist(r, o, "carriers", &ind->carriers);
	if (rc == ERR_OK)
		rc = get_strlist(r, o, "districts", &ind->districts);
	for (size_t i = 0; i < ind->districts.n && rc == ERR_OK; i++)
		if (programme_district(p, ind->districts.items[i]) == NULL)
			rc = bad(r, "districts", "names a district the programme does not list");
	/* A revision whose text we do not have states no clause for an industry it adds. */
	if (rc == ERR_OK)
		rc = get_str(r, o, "positioning", false, &ind->positioning);
	if (rc == ERR_OK)
		rc = get_str(r, o, "clause", false, &ind->clause);
	if (rc == ERR_OK)
		rc = get_str(r, o, "clause_text", false, &ind->clause_text);
	if (rc == ERR_OK && (ind->clause == NULL) != (ind->clause_text == NULL))
		rc = bad(r, "clause_text", "clause and clause_text are given together or not at all");
	if (rc == ERR_OK && ind->clause == NULL && ind->note == NULL)
		rc = get_str(r, o, "note", true, &ind->note);
	else if (rc == ERR_OK)
		rc = get_str(r, o, "note", false, &ind->note);
	return rc;
}

static enum err_code read_industries(struct reader *r, json_t *root, struct programme *p)
{
	json_t *arr;
	r->path[0] = '\0';
	enum err_code rc = get_array(r, root, "industries", &arr, &p->n_industries);
	if (rc != ERR_OK)
		return rc;
	p->industries = xcalloc(p->n_industries, sizeof *p->industries);
	int next_seq[2] = {1, 1};
	for (size_t i = 0; i < p->n_industries && rc == ERR_OK; i++) {
		struct industry *ind = &p->industries[i];
		json_t *o = enter(r, arr, "industries", i);
		if (o == NULL)
			return bad(r, NULL, "must be an object");
		rc = read_industry(r, o, p, ind);
		if (rc != ERR_OK)
			break;
		/* Clusters first, then futures, each numbered 1..N as the policy numbers them. */
		if (ind->kind == KIND_CLUSTER && next_seq[KIND_FUTURE] > 1)
			rc = bad(r, "kind", "clusters must come before future industries");
		else if (ind->seq != next_seq[ind->kind])
			rc = bad(r, "seq", "industries must be numbered 1, 2, ... in order per kind");
		next_seq[ind->kind]++;
		for (size_t j = 0; j < i && rc == ERR_OK; j++)
			if (strcmp(p->industries[j].id, ind->id) == 0)
				rc = bad(r, "id", "repeats an earlier industry's id");
	}
	return rc;
}

static enum err_code read_categories(struct reader *r, json_t *root, struct programme *p)
{
	json_t *arr = json_object_get(root, "categories");
	r->path[0] = '\0';
	if (arr == NULL)
		return ERR_OK;
	if (!json_is_array(arr))
		return bad(r, "categories", "must be an array");
	p->n_categories = json_array_size(arr);
	p->categories = xcalloc(p->n_categories ? p->n_categories : 1, sizeof *p->categories);
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < p->n_categories && rc == ERR_OK; i++) {
		struct category *c = &p->categories[i];
		json_t *o = enter(r, arr, "categories", i);
		if (o == NULL)
			return bad(r, NULL, "must be an object");
		rc = read_id(r, o, &c->id);
		if (rc == ERR_OK)
			rc = get_str(r, o, "name_zh", true, &c->name_zh);
		if (rc == ERR_OK)
			rc = get_str(r, o, "name_en", true, &c->name_en);
		if (rc == ERR_OK)
			rc = get_strlist(r, o, "industries", &c->industries);
		for (size_t j = 0; j < c->industries.n && rc == ERR_OK; j++) {
			const struct industry *ind = programme_industry(p, c->industries.items[j]);
			if (ind == NULL || ind->kind != KIND_CLUSTER || ind->category == NULL ||
			    strcmp(ind->category, c->id) != 0)
				rc = bad(r, "industries", "must list clusters whose category is this one");
		}
	}
	/* Every cluster's category must exist. */
	for (size_t i = 0; i < p->n_industries && rc == ERR_OK; i++) {
		const struct industry *ind = &p->industries[i];
		bool found = ind->category == NULL;
		for (size_t j = 0; j < p->n_categories && !found; j++)
			found = strcmp(p->categories[j].id, ind->category) == 0;
		if (!found) {
			(void)snprintf(r->path, sizeof r->path, "industries[%zu]", i);
			rc = bad(r, "category", "names no category of the programme");
		}
	}
	return rc;
}

/* version, supersedes and notes: optional, so documents stored before versions existed load. */
static enum err_code read_version(struct reader *r, json_t *o, struct programme *p)
{
	enum err_code rc = get_str(r, o, "version", false, &p->version);
	if (rc == ERR_OK && p->version && !programme_version_valid(p->version))
		rc = bad(r, "version", "must be 1-16 characters of A-Z, a-z, 0-9, '.', '-' and '_'");
	if (rc == ERR_OK)
		rc = get_str(r, o, "supersedes", false, &p->supersedes);
	if (rc == ERR_OK && p->supersedes) {
		if (!programme_id_valid(p->supersedes))
			rc = bad(r, "supersedes", "must be a programme id");
		else if (strcmp(p->supersedes, p->id) == 0)
			rc = bad(r, "supersedes", "must name another programme, not this one");
		else if (p->version == NULL)
			rc = bad(r, "supersedes", "needs a version");
	}
	json_t *notes = json_object_get(o, "notes");
	if (rc == ERR_OK && notes != NULL && !json_is_null(notes))
		rc = get_strlist(r, o, "notes", &p->notes);
	return rc;
}

static enum err_code read_programme(struct reader *r, json_t *root, struct programme *p)
{
	json_t *o = json_object_get(root, "programme");
	if (!json_is_object(o))
		return bad(r, "programme", "missing or not an object");
	(void)snprintf(r->path, sizeof r->path, "programme");
	enum err_code rc = read_id(r, o, &p->id);
	if (rc == ERR_OK)
		rc = get_str(r, o, "name_zh", true, &p->name_zh);
	if (rc == ERR_OK)
		rc = get_str(r, o, "name_en", true, &p->name_en);
	if (rc == ERR_OK)
		rc = get_str(r, o, "city", true, &p->city);
	if (rc == ERR_OK)
		rc = get_str(r, o, "city_code", true, &p->city_code);
	if (rc == ERR_OK)
		rc = read_version(r, o, p);
	if (rc == ERR_OK)
		rc = get_int(r, o, "base_year", true, 1949, 2200, &p->base_year);
	if (rc == ERR_OK)
		rc = get_int(r, o, "target_year", true, p->base_year, 2200, &p->target_year);
	if (rc == ERR_OK)
		rc = get_str(r, o, "foundation", false, &p->foundation);
	if (rc == ERR_OK)
		rc = get_str(r, o, "guiding_ideology", false, &p->guiding_ideology);
	json_t *doc = json_object_get(o, "document");
	if (rc == ERR_OK && !json_is_object(doc))
		rc = bad(r, "document", "missing or not an object");
	if (rc == ERR_OK) {
		(void)snprintf(r->path, sizeof r->path, "programme.document");
		rc = get_str(r, doc, "title", true, &p->doc_title);
		if (rc == ERR_OK)
			rc = get_str(r, doc, "issuer", true, &p->doc_issuer);
		if (rc == ERR_OK)
			rc = get_int(r, doc, "year", true, 1949, 2200, &p->doc_year);
	}
	/* Passage arrays live under "programme"; read_passages reports paths from there. */
	if (rc == ERR_OK)
		rc = read_passages(r, o, "principles", false, &p->principles, &p->n_principles);
	if (rc == ERR_OK)
		rc = read_passages(r, o, "safeguards", true, &p->safeguards, &p->n_safeguards);
	if (rc == ERR_OK)
		rc = read_passages(r, o, "tiers", true, &p->tiers, &p->n_tiers);
	for (size_t i = 0; i < p->n_tiers && rc == ERR_OK; i++) {
		enum tier t;
		if (!tier_parse(p->tiers[i].id, &t) || t == TIER_NONE)
			rc = err_set(r->e, ERR_INVALID, "%s: programme.tiers[%zu].id: unknown tier \"%s\"",
			             r->origin, i, p->tiers[i].id);
	}
	if (rc == ERR_OK)
		rc = read_targets(r, o, p);
	return rc;
}

enum err_code catalog_parse(const char *json, size_t len, const char *origin,
                            struct programme **out, struct err *e)
{
	struct reader r = {.origin = origin, .e = e, .path = ""};
	json_error_t jerr;
	struct programme *p = NULL;
	enum err_code rc = ERR_OK;
	*out = NULL;

	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		rc = err_set(e, ERR_INVALID, "%s: line %d, column %d: %s", origin, jerr.line,
		             jerr.column, jerr.text);
		goto out;
	}
	if (!json_is_object(root)) {
		rc = err_set(e, ERR_INVALID, "%s: the document must be a JSON object", origin);
		goto out;
	}
	p = xcalloc(1, sizeof *p);
	rc = read_programme(&r, root, p);
	if (rc == ERR_OK)
		rc = read_districts(&r, root, p);
	if (rc == ERR_OK)
		rc = read_industries(&r, root, p);
	if (rc == ERR_OK)
		rc = read_categories(&r, root, p);
	if (rc == ERR_OK) {
		*out = p;
		p = NULL;
	}
out:
	programme_free(p);
	json_decref(root);
	return rc;
}

const char *catalog_builtin_json(size_t *len)
{
	const struct embed_file *f = embed_find(CATALOG_BUILTIN_PATH);
	*len = f ? f->len : 0;
	return f ? (const char *)f->data : NULL;
}

static const char *const builtin_paths[] = {CATALOG_BUILTIN_PATH, CATALOG_BUILTIN_2024_PATH};

size_t catalog_builtin_count(void)
{
	return sizeof builtin_paths / sizeof builtin_paths[0];
}

const char *catalog_builtin_json_at(size_t i, size_t *len)
{
	const struct embed_file *f = i < catalog_builtin_count() ? embed_find(builtin_paths[i]) : NULL;
	*len = f ? f->len : 0;
	return f ? (const char *)f->data : NULL;
}

static enum err_code builtin_at(size_t i, struct programme **out, struct err *e)
{
	size_t len;
	char origin[96];
	const char *json = catalog_builtin_json_at(i, &len);
	if (json == NULL)
		return err_set(e, ERR_INTERNAL, "the built-in catalogue is missing from this build");
	(void)snprintf(origin, sizeof origin, "built-in %s", builtin_paths[i]);
	return catalog_parse(json, len, origin, out, e);
}

enum err_code catalog_builtin(struct programme **out, struct err *e)
{
	return builtin_at(0, out, e);
}

enum err_code catalog_builtin_version(const char *key, struct programme **out, struct err *e)
{
	*out = NULL;
	if (key == NULL)
		return builtin_at(0, out, e);
	for (size_t i = 0; i < catalog_builtin_count(); i++) {
		struct programme *p = NULL;
		enum err_code rc = builtin_at(i, &p, e);
		if (rc != ERR_OK || p == NULL)
			return rc != ERR_OK ? rc : ERR_INTERNAL;
		if ((p->version && strcmp(p->version, key) == 0) || strcmp(p->id, key) == 0) {
			*out = p;
			return ERR_OK;
		}
		programme_free(p);
	}
	return err_set(e, ERR_NOT_FOUND,
	               "no built-in programme version \"%s\" (内置版本为 2022、2024，默认 2022)", key);
}
