/*
 * catalog_json.c - the programme as JSON, the shape shared by the CLI's --json output and the
 * API (documented in docs/openapi.yaml). Field names follow the catalogue file's, so the file,
 * the CLI and the API can be compared field by field.
 */
#include <string.h>

#include "catalog/catalog.h"

/* A string or JSON null. */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *strlist_json(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

json_t *catalog_industry_json(const struct industry *ind)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(ind->id));
	json_object_set_new(o, "kind", json_string(industry_kind_name(ind->kind)));
	json_object_set_new(o, "seq", json_integer(ind->seq));
	json_object_set_new(o, "name_zh", json_string(ind->name_zh));
	json_object_set_new(o, "full_name_zh", json_string(ind->full_name_zh));
	json_object_set_new(o, "name_en", json_string(ind->name_en));
	json_object_set_new(o, "category", str_or_null(ind->category));
	json_object_set_new(o, "tier", str_or_null(tier_name(ind->tier)));
	json_object_set_new(o, "segments", strlist_json(&ind->segments));
	json_object_set_new(o, "technologies", strlist_json(&ind->technologies));
	json_object_set_new(o, "carriers", strlist_json(&ind->carriers));
	json_object_set_new(o, "districts", strlist_json(&ind->districts));
	json_object_set_new(o, "positioning", str_or_null(ind->positioning));
	json_object_set_new(o, "clause", str_or_null(ind->clause));
	json_object_set_new(o, "clause_text", str_or_null(ind->clause_text));
	if (ind->note) /* only where the document has one, so the 2022 file's shape is unchanged */
		json_object_set_new(o, "note", json_string(ind->note));
	return o;
}

json_t *catalog_district_json(const struct programme *p, const struct district *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(d->id));
	json_object_set_new(o, "code", str_or_null(d->code));
	json_object_set_new(o, "name_zh", json_string(d->name_zh));
	json_object_set_new(o, "short", json_string(d->short_name));
	json_object_set_new(o, "name_en", json_string(d->name_en));
	json_object_set_new(o, "kind", json_string(d->kind));
	json_object_set_new(o, "parent_code", str_or_null(d->parent_code));
	json_object_set_new(o, "note", json_string(d->note ? d->note : ""));
	json_t *inds = json_array();
	for (size_t i = 0; i < p->n_industries; i++)
		if (industry_in_district(&p->industries[i], d))
			json_array_append_new(inds, json_string(p->industries[i].id));
	json_object_set_new(o, "industries", inds);
	return o;
}

static json_t *passages_json(const struct passage *ps, size_t n, bool with_id, const char *title_key)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		if (with_id) {
			json_object_set_new(o, "id", json_string(ps[i].id));
			json_object_set_new(o, "seq", json_integer(ps[i].seq));
		}
		json_object_set_new(o, title_key, json_string(ps[i].title));
		if (ps[i].title_en)
			json_object_set_new(o, strcmp(title_key, "name_zh") == 0 ? "name_en" : "title_en",
			                    json_string(ps[i].title_en));
		json_object_set_new(o, "text", json_string(ps[i].text));
		json_object_set_new(o, "clause", json_string(ps[i].clause));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *target_json(const struct target *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(t->id));
	json_object_set_new(o, "year", json_integer(t->year));
	json_object_set_new(o, "indicator", str_or_null(t->indicator));
	json_object_set_new(o, "scope", json_string(t->scope));
	json_object_set_new(o, "op", str_or_null(t->op));
	json_object_set_new(o, "value", t->has_value ? json_real(t->value) : json_null());
	json_object_set_new(o, "unit", str_or_null(t->unit));
	if (t->count)
		json_object_set_new(o, "count", json_integer(t->count));
	json_object_set_new(o, "text", json_string(t->text));
	json_object_set_new(o, "clause", json_string(t->clause));
	return o;
}

json_t *catalog_programme_json(const struct programme *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "name_zh", json_string(p->name_zh));
	json_object_set_new(o, "name_en", json_string(p->name_en));
	json_object_set_new(o, "city", json_string(p->city));
	json_object_set_new(o, "city_code", json_string(p->city_code));
	json_object_set_new(o, "version", str_or_null(p->version));
	json_object_set_new(o, "supersedes", str_or_null(p->supersedes));
	json_object_set_new(o, "notes", strlist_json(&p->notes));
	json_object_set_new(o, "document", json_pack("{s:s, s:s, s:i}", "title", p->doc_title,
	                                             "issuer", p->doc_issuer, "year", p->doc_year));
	json_object_set_new(o, "base_year", json_integer(p->base_year));
	json_object_set_new(o, "target_year", json_integer(p->target_year));
	json_object_set_new(o, "foundation", str_or_null(p->foundation));
	json_object_set_new(o, "guiding_ideology", str_or_null(p->guiding_ideology));
	json_object_set_new(o, "principles", passages_json(p->principles, p->n_principles, false, "title"));
	json_t *targets = json_array();
	for (size_t i = 0; i < p->n_targets; i++)
		json_array_append_new(targets, target_json(&p->targets[i]));
	json_object_set_new(o, "targets", targets);
	json_object_set_new(o, "tiers", passages_json(p->tiers, p->n_tiers, true, "name_zh"));
	json_object_set_new(o, "safeguards", passages_json(p->safeguards, p->n_safeguards, true, "title"));
	json_t *cats = json_array();
	for (size_t i = 0; i < p->n_categories; i++) {
		const struct category *c = &p->categories[i];
		json_array_append_new(cats, json_pack("{s:s, s:s, s:s, s:o}", "id", c->id, "name_zh",
		                                      c->name_zh, "name_en", c->name_en, "industries",
		                                      strlist_json(&c->industries)));
	}
	json_object_set_new(o, "categories", cats);
	int counts[2] = {0, 0};
	for (size_t i = 0; i < p->n_industries; i++)
		counts[p->industries[i].kind]++;
	json_object_set_new(o, "counts", json_pack("{s:i, s:i}", "cluster", counts[KIND_CLUSTER],
	                                           "future", counts[KIND_FUTURE]));
	/* The source every figure of the programme cites: the document and its year. */
	json_t *src = json_sprintf("%s（%d）", p->doc_title, p->doc_year);
	json_object_set_new(o, "source", src ? src : json_string(p->doc_title));
	return o;
}
