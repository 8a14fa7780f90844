/*
 * demo_int.h - what the demo generator's files share (private to src/demo/): the generator state
 * with its PRNG, days as numbers, rows of typed cells and their validated writing, and the word
 * tables of demo_data.c.
 */
#ifndef JIQUN_DEMO_DEMO_INT_H
#define JIQUN_DEMO_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "demo/demo.h"
#include "model/uscc.h"

#define DEMO_N(a) (sizeof(a) / sizeof((a)[0]))

/* Words for one industry, by its id. Arrays end at the first NULL. */
struct demo_profile {
	const char *id;
	const char *abbr;          /* in project codes: SZ2025-IC-001 */
	const char *codes[5];      /* GB/T 4754-2017 classes its firms are coded at */
	const char *words[5];      /* the industry word of firm names: 微电子, 通信 */
	const char *topics[5];     /* platform, team and project topics: 第三代半导体 */
	const char *products[7];   /* main products */
	const char *permit;        /* a licensed business for the scope, or NULL */
};

/* A generated enterprise, as later lists need it. */
struct demo_ent {
	char uscc[USCC_LEN + 1];
	char *name;
	const char *brand, *word;
	size_t ind; /* index of its industry in the programme */
	const struct district *district;
	bool leading, champion, chain_leader, unicorn, listed, above, individual, key;
	int zjtx; /* 0 none, 1 省级, 2 国家级小巨人 */
};

/* One industry while generating. */
struct demo_ind {
	const struct industry *ind;
	const struct demo_profile *pf;
	const struct district **districts; /* where its firms and projects go */
	size_t n_districts;
	size_t *ents; /* indices of its enterprises */
	size_t n_ents;
};

struct demo_names {
	char **items;
	size_t n, cap;
};

struct demo_gen {
	struct store *s;
	const struct list_ctx *ctx;
	const struct programme *p;
	uint64_t rng;
	uint64_t point_rng; /* points on the map: a stream of its own (demo_map.c) */
	uint64_t history_rng; /* the indicators' years before 2024: another (demo_indicators.c) */
	struct demo_counts *counts;
	unsigned row;
	struct demo_ind *inds;
	size_t n_inds;
	struct demo_ent *ents;
	size_t n_ents;
	struct demo_names names; /* every name used as a key, to keep them unique */
};

/* A record being built: one typed cell per field. */
#define DEMO_MAX_FIELDS 40
struct demo_row {
	const struct list_def *l;
	char *cell[DEMO_MAX_FIELDS];
	const char *bad_field; /* a field row_set did not find: a generator bug */
};

/* PRNG (splitmix64) and choices. demo_stream_* draw from a stream of their own (a state such
 * as &g->point_rng), so what they add does not move the draws of the main stream after them. */
uint64_t demo_rng(struct demo_gen *g);
uint64_t demo_stream_next(uint64_t *state);
/* Uniform in [0, 1) from a stream of its own. */
double demo_stream_unit(uint64_t *state);
/* Uniform in [0, n); 0 when n is 0. */
size_t demo_below(struct demo_gen *g, size_t n);
/* Uniform in [lo, hi]. */
long demo_range(struct demo_gen *g, long lo, long hi);
/* Uniform in [0, 1). */
double demo_unit(struct demo_gen *g);
/* True with probability pct percent. */
bool demo_chance(struct demo_gen *g, double pct);
/* One of the non-NULL strings of a NULL-terminated (or full) array of at most `cap`. */
const char *demo_pick(struct demo_gen *g, const char *const *arr, size_t cap);
size_t demo_count(const char *const *arr, size_t cap);
void demo_shuffle(struct demo_gen *g, size_t *v, size_t n);

/* Days since 1970-01-01 and back. */
long demo_day(int y, int m, int d);
void demo_day_text(long day, char out[16]);
long demo_day_parse(const char *ymd);
long demo_day_between(struct demo_gen *g, long lo, long hi);

/* A fictional person's name (2-3 characters) into out. */
void demo_person(struct demo_gen *g, char *out, size_t size);
/* Add `name` to the used names; false (and nothing added) when it is there already. */
bool demo_name_add(struct demo_gen *g, const char *name);
/* name_zh with 产业 appended unless it ends so: 半导体与集成电路产业, 海洋产业. */
void demo_industry_word(const struct industry *ind, char *out, size_t size);

/* A credit code: "9" + `type` + `division` (6 digits) + a body for `founded_year`. */
void demo_uscc(struct demo_gen *g, char type, const char *division, int founded_year,
               char out[USCC_LEN + 1]);

void demo_row_init(struct demo_row *r, const struct list_def *l);
void demo_row_set(struct demo_row *r, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void demo_row_free(struct demo_row *r);
/* Parse, check and store the row (then freed); ERR_INTERNAL on any issue. */
enum err_code demo_emit(struct demo_gen *g, struct demo_row *r, struct err *e);

/* The parts, in the order they are written. */
enum err_code demo_enterprises(struct demo_gen *g, unsigned n, struct err *e);
enum err_code demo_listings(struct demo_gen *g, struct err *e);
enum err_code demo_leads(struct demo_gen *g, struct err *e);
enum err_code demo_projects(struct demo_gen *g, struct err *e);
enum err_code demo_platforms(struct demo_gen *g, struct err *e);
enum err_code demo_policies(struct demo_gen *g, struct err *e);
enum err_code demo_orgs(struct demo_gen *g, struct err *e);
enum err_code demo_indicators(struct demo_gen *g, struct err *e);
/* demo_chains.c: candidates outside the city and supplier relations for the stored chain maps. */
enum err_code demo_chains(struct demo_gen *g, struct err *e);
/* demo_map.c: the parks with their zones and progress; a point for a district (false when it
 * has no shape to draw from); lng/lat for a row with a district and no point yet. */
enum err_code demo_parks_all(struct demo_gen *g, struct err *e);
bool demo_point(struct demo_gen *g, const char *district_id, double *lng, double *lat);
void demo_place(struct demo_gen *g, struct demo_row *r);

/* Tables (demo_data.c). */
const struct demo_profile *demo_profile(const char *industry_id);
extern const char *const demo_brands[];
extern const size_t demo_n_brands;
extern const char *const demo_surnames[];
extern const size_t demo_n_surnames;
extern const char *const demo_given[];
extern const size_t demo_n_given;
extern const char *const demo_scope_generic[];
extern const size_t demo_n_scope_generic;
extern const char *const demo_universities[];
extern const size_t demo_n_universities;
/* Parks of a district (by id), NULL-terminated; an empty list for unknown districts. */
const char *const *demo_parks(const char *district_id);

struct demo_origin {
	const char *city;     /* 上海, 新加坡 */
	const char *division; /* the registering authority's division code, NULL abroad */
};
extern const struct demo_origin demo_origins[];
extern const size_t demo_n_origins;

#endif
