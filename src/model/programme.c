/* programme.c - lookups and names for the programme model; see programme.h. */
#include "model/programme.h"

#include <stdlib.h>
#include <string.h>

static void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
}

static void passages_free(struct passage *ps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ps[i].id);
		free(ps[i].title);
		free(ps[i].title_en);
		free(ps[i].text);
		free(ps[i].clause);
	}
	free(ps);
}

static void district_free(struct district *d)
{
	free(d->id);
	free(d->code);
	free(d->name_zh);
	free(d->short_name);
	free(d->name_en);
	free(d->kind);
	free(d->parent_code);
	free(d->note);
}

static void industry_free(struct industry *ind)
{
	free(ind->id);
	free(ind->name_zh);
	free(ind->full_name_zh);
	free(ind->name_en);
	free(ind->category);
	strlist_free(&ind->segments);
	strlist_free(&ind->technologies);
	strlist_free(&ind->carriers);
	strlist_free(&ind->districts);
	free(ind->positioning);
	free(ind->clause);
	free(ind->clause_text);
	free(ind->note);
}

void programme_free(struct programme *p)
{
	if (p == NULL)
		return;
	char **strs[] = {&p->id, &p->name_zh, &p->name_en, &p->city, &p->city_code, &p->doc_title,
	                 &p->doc_issuer, &p->foundation, &p->guiding_ideology, &p->version,
	                 &p->supersedes};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	strlist_free(&p->notes);
	passages_free(p->principles, p->n_principles);
	passages_free(p->safeguards, p->n_safeguards);
	passages_free(p->tiers, p->n_tiers);
	for (size_t i = 0; i < p->n_targets; i++) {
		struct target *t = &p->targets[i];
		free(t->id);
		free(t->indicator);
		free(t->scope);
		free(t->op);
		free(t->unit);
		free(t->text);
		free(t->clause);
	}
	free(p->targets);
	for (size_t i = 0; i < p->n_categories; i++) {
		free(p->categories[i].id);
		free(p->categories[i].name_zh);
		free(p->categories[i].name_en);
		strlist_free(&p->categories[i].industries);
	}
	free(p->categories);
	for (size_t i = 0; i < p->n_districts; i++)
		district_free(&p->districts[i]);
	free(p->districts);
	for (size_t i = 0; i < p->n_industries; i++)
		industry_free(&p->industries[i]);
	free(p->industries);
	free(p);
}

const struct industry *programme_industry(const struct programme *p, const char *id)
{
	for (size_t i = 0; i < p->n_industries; i++)
		if (strcmp(p->industries[i].id, id) == 0)
			return &p->industries[i];
	return NULL;
}

const struct industry *programme_industry_find(const struct programme *p, const char *key)
{
	const struct industry *ind = programme_industry(p, key);
	for (size_t i = 0; ind == NULL && i < p->n_industries; i++)
		if (strcmp(p->industries[i].name_zh, key) == 0 ||
		    (p->industries[i].full_name_zh && strcmp(p->industries[i].full_name_zh, key) == 0))
			ind = &p->industries[i];
	return ind;
}

const struct district *programme_district(const struct programme *p, const char *key)
{
	for (size_t i = 0; i < p->n_districts; i++) {
		const struct district *d = &p->districts[i];
		if (strcmp(d->id, key) == 0 || strcmp(d->short_name, key) == 0 ||
		    strcmp(d->name_zh, key) == 0 || (d->code && strcmp(d->code, key) == 0))
			return d;
	}
	return NULL;
}

bool industry_in_district(const struct industry *ind, const struct district *d)
{
	for (size_t i = 0; i < ind->districts.n; i++)
		if (strcmp(ind->districts.items[i], d->short_name) == 0)
			return true;
	return false;
}

const char *industry_kind_name(enum industry_kind k)
{
	return k == KIND_FUTURE ? "future" : "cluster";
}

bool industry_kind_parse(const char *s, enum industry_kind *out)
{
	if (strcmp(s, "cluster") == 0)
		*out = KIND_CLUSTER;
	else if (strcmp(s, "future") == 0)
		*out = KIND_FUTURE;
	else
		return false;
	return true;
}

static const struct {
	enum tier tier;
	const char *name, *label_zh;
} tiers[] = {
	{TIER_PILLAR, "pillar", "千亿级"},
	{TIER_SHORT_BOARD, "short_board", "补短板"},
	{TIER_IMPROVE, "improve", "显著提升"},
	{TIER_GROWTH_POINT, "growth_point", "新增长点"},
};

const char *tier_name(enum tier t)
{
	for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
		if (tiers[i].tier == t)
			return tiers[i].name;
	return NULL;
}

const char *tier_label_zh(enum tier t)
{
	for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
		if (tiers[i].tier == t)
			return tiers[i].label_zh;
	return "";
}

bool tier_parse(const char *s, enum tier *out)
{
	if (strcmp(s, "none") == 0) {
		*out = TIER_NONE;
		return true;
	}
	for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
		if (strcmp(tiers[i].name, s) == 0) {
			*out = tiers[i].tier;
			return true;
		}
	return false;
}

bool programme_id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

bool programme_version_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}
