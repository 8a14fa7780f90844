/*
 * programme.h - the domain types of a city's cluster programme: the programme itself with its
 * targets, tiers, principles and safeguard measures; its industries (clusters and future
 * industries); its reporting categories; the city's districts.
 *
 * Arrays a document may leave out (principles, safeguards, tiers, targets, categories) have
 * n == 0 then. Pure data and lookups, no I/O: catalog/ builds a programme from JSON (the built-in file or the
 * store), http/ and cli/ read it. A programme and everything it points to is owned by the
 * programme and released by programme_free. Once built it is never modified, so any number of
 * threads may read it at once.
 */
#ifndef JIQUN_MODEL_PROGRAMME_H
#define JIQUN_MODEL_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **items;
	size_t n;
};

enum industry_kind { KIND_CLUSTER, KIND_FUTURE };

/* The 2025 tiers of the policy's part 二（三）; TIER_NONE for industries it does not rank. */
enum tier { TIER_NONE, TIER_PILLAR, TIER_SHORT_BOARD, TIER_IMPROVE, TIER_GROWTH_POINT };

struct district {
	char *id;          /* ASCII slug, e.g. "nanshan" */
	char *code;        /* GB/T 2260 code, NULL for areas without one (大鹏, 深汕, 前海) */
	char *name_zh;     /* 南山区 */
	char *short_name;  /* 南山, as the policy writes it */
	char *name_en;
	char *kind;        /* "district", "new_area" or "cooperation_zone" */
	char *parent_code; /* code of the unit it belongs to statistically, or NULL */
	char *note;
};

struct industry {
	char *id; /* ASCII slug, stable across versions */
	enum industry_kind kind;
	int seq;  /* number in the policy: 1..20 clusters, 1..8 futures */
	char *name_zh, *full_name_zh, *name_en;
	char *category; /* category id, NULL for future industries */
	enum tier tier;
	struct strlist segments, technologies, carriers;
	struct strlist districts; /* district short names as the clause names them */
	char *positioning;        /* the clause's goal phrase ("打造…"), NULL when no text states it */
	char *clause;             /* "三（一）1", NULL when no text states the industry */
	char *clause_text;        /* the clause verbatim, or NULL */
	char *note;               /* where the entry comes from when not its own document's text, or NULL */
};

struct category {
	char *id, *name_zh, *name_en;
	struct strlist industries; /* industry ids */
};

/* A titled passage of the policy: a principle, a safeguard measure or a tier definition. */
struct passage {
	char *id;    /* ASCII id, NULL for principles */
	int seq;
	char *title; /* principle title, safeguard title, tier name_zh */
	char *title_en;
	char *text;
	char *clause;
};

struct target {
	char *id;
	int year;
	char *indicator; /* "value_added", or NULL for a target stated only in words */
	char *scope;     /* "programme", "tier:pillar", ... */
	char *op;        /* ">", ">=", or NULL */
	double value;    /* in `unit`; meaningful only when has_value */
	bool has_value;
	char *unit;
	int count;       /* number of industries the target names, 0 if none */
	char *text, *clause;
};

/*
 * A programme can have versions (Shenzhen revised its 20+8 list in 2024): each version is its own
 * document with its own id; `version` names it ("2022") and `supersedes` is the id of the version
 * it revises, NULL for the first. Industries keep their id across versions where their scope is
 * unchanged; engine/crosswalk restates series between versions.
 */
struct programme {
	char *id, *name_zh, *name_en, *city, *city_code;
	char *version;       /* "2022", "2024"; NULL when the document names none */
	char *supersedes;    /* id of the programme version this one revises, or NULL */
	struct strlist notes; /* what the document carries over or leaves unverified */
	char *doc_title, *doc_issuer;
	int doc_year, base_year, target_year;
	char *foundation, *guiding_ideology;
	struct passage *principles, *safeguards, *tiers;
	size_t n_principles, n_safeguards, n_tiers;
	struct target *targets;
	size_t n_targets;
	struct category *categories;
	size_t n_categories;
	struct district *districts;
	size_t n_districts;
	struct industry *industries; /* clusters by seq, then futures by seq */
	size_t n_industries;
};

void programme_free(struct programme *p);

/* Lookups; NULL when absent. programme_district accepts an id, a code or a short name. */
const struct industry *programme_industry(const struct programme *p, const char *id);
/* An industry by id, Chinese name or full Chinese name, as users type it. */
const struct industry *programme_industry_find(const struct programme *p, const char *key);
const struct district *programme_district(const struct programme *p, const char *key);

/* Whether the policy assigns industry `ind` to district `d`. */
bool industry_in_district(const struct industry *ind, const struct district *d);

/* Names: "cluster"/"future"; "pillar", "short_board", "improve", "growth_point" or NULL. */
const char *industry_kind_name(enum industry_kind k);
const char *tier_name(enum tier t);
/* Parse the names above; false when unknown. tier_parse accepts "none" for TIER_NONE. */
bool industry_kind_parse(const char *s, enum industry_kind *out);
bool tier_parse(const char *s, enum tier *out);
/* Chinese label of a tier for tables: 千亿级, 补短板, 显著提升, 新增长点, or "" for none. */
const char *tier_label_zh(enum tier t);

/* A version is 1..16 characters of [A-Za-z0-9._-]. */
bool programme_version_valid(const char *s);

/* An id is 1..64 characters of [a-z0-9_-], starting with a letter. */
bool programme_id_valid(const char *s);

#endif
