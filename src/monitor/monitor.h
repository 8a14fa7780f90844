/*
 * monitor.h - statistical monitoring: the glue between the store and the cube engine.
 *
 * monitor_compute loads a columnar snapshot of the store (enterprises with their district index,
 * memberships as CSR arrays, enterprise values converted to period values with
 * model/indicator.h's rules), builds the cube (engine/cube.h) for industries and one for the
 * programme's categories, and writes the figures (level x key x district x period x indicator)
 * to the store in one transaction.
 *
 * monitor_report assembles what `jiqun stats` and GET /api/v1/stats show for one period: computed
 * and published figures side by side, each labelled by its source, with their difference where
 * both exist; share of GDP against the published GDP of the city or the district for the same
 * period; progress to the programme's value-added target; the programme total (each enterprise
 * once) against the sum of industries, with the overlap explained; and published parts that do
 * not add up to a published total (districts against the city, beyond 0.5%).
 *
 * Levels: programme = members of any industry, each counted once; category, industry = members;
 * district, city = every enterprise with values there (the whole economy, the level GDP is
 * published at). A figure's district is "" for the whole city.
 *
 * Ownership: a report owns everything in it; monitor_report_free releases it (NULL allowed).
 * monitor_report_json returns a new reference (json_decref).
 */
#ifndef JIQUN_MONITOR_MONITOR_H
#define JIQUN_MONITOR_MONITOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "model/indicator.h"
#include "model/programme.h"
#include "store/store.h"

struct completeness; /* engine/completeness.h */

/* Parts more than this far (in %) from the published total are flagged. */
#define MONITOR_TOLERANCE_PCT 0.5

struct monitor_compute_stats {
	size_t n_ent, n_memberships, n_fact_rows, n_facts, n_periods, n_figures;
	int rule_set;              /* the active rule set's version, -1 when none */
	double ms_load, ms_cube, ms_write;
};

/* Snapshot, cube, figures, written in one transaction. n_threads 0: every core. */
enum err_code monitor_compute(struct store *st, const struct programme *p, int n_threads,
                              struct monitor_compute_stats *out /* OUT */, struct err *e);

struct monitor_query {
	const char *period;   /* required: 2025, 2025H1, 2025Q3, 2025-07 */
	const char *level;    /* NULL: all levels */
	const char *key;      /* an id or Chinese name at `level`; NULL: all */
	int indicator;        /* -1: all */
	const char *district; /* NULL: city-wide figures; a district id, code or name: within it */
};

struct monitor_figure {
	const char *level;     /* static */
	char key[64], name[128];
	char district[64];     /* "" for the whole city */
	char district_name[64]; /* 南山区, or "全市" */
	int indicator;
	bool published;        /* source: published (true) or computed from enterprise values */
	char source_text[160]; /* publisher, or how it was computed */
	double value;          /* base unit */
	double growth_pct, share_pct, share_gdp_pct, lq, contribution_pp; /* NAN: none */
	long n_ent;            /* computed only */
	bool strong;
	double other;          /* the other source's value for the same figure, NAN when none */
	double difference, difference_pct; /* computed - published, and in % of published */
	double target, target_progress_pct; /* programme value added of the target year */
};

struct monitor_overlap {
	int indicator;
	double programme, sum_of_industries; /* base unit */
	long n_ent_programme, n_ent_sum;       /* enterprises once, and counted per industry */
	char explanation[512];
};

struct monitor_flag {
	int indicator;
	double parts_sum, total, difference_pct;
	int n_parts, n_expected;
	char message[512];
};

struct monitor_report {
	struct period period;
	struct monitor_figure *figures;
	size_t n_figures;
	struct monitor_overlap *overlaps;
	size_t n_overlaps;
	struct monitor_flag *flags;
	size_t n_flags;
	char computed_at[32]; /* "" when nothing was computed */
	int rule_set;
};

/* ERR_INVALID names a bad period, level, key, indicator or district of the query. */
enum err_code monitor_report(struct store *s, const struct programme *p,
                             const struct monitor_query *q, struct monitor_report *out /* OUT */,
                             struct err *e);
void monitor_report_free(struct monitor_report *r);

/* The report as JSON: values in yuan (base unit), NAN as null. */
json_t *monitor_report_json(const struct monitor_report *r);

/* The periods and indicators with figures: {"periods":[{"period","label_zh","indicators":[..],
 * "computed":bool,"published":bool}], "indicators":[{id,name_zh,unit,stock}]}. */
enum err_code monitor_periods_json(struct store *s, json_t **out /* OUT */, struct err *e);

/* ---- dashboard views (views.c); each *out is a new reference ---- */

struct monitor_series_query {
	int indicator;        /* required (>= 0) */
	const char *level;    /* NULL: programme */
	const char *key;      /* required for category, industry and district */
	const char *district; /* NULL: city-wide */
	int kind;             /* an enum period_kind, or -1 for every kind */
};

/* The figure's computed and published value, growth and source for every period (of `kind`)
 * with data, oldest first: {level, key, name, indicator, unit, points:[{period, label_zh,
 * computed, published, source}]}. */
enum err_code monitor_series_json(struct store *s, const struct programme *p,
                                  const struct monitor_series_query *q, json_t **out /* OUT */,
                                  struct err *e);

/* The plans' targets in force (plans/) with their progress against the annual figures up to
 * `year` (0: the latest year with value added), published figures preferred over computed:
 * {year, latest_period, targets:[plans_progress_json + actual_source], source}. */
enum err_code monitor_targets_json(struct store *s, const struct programme *p, int year,
                                   json_t **out /* OUT */, struct err *e);

/* The industries' city-wide figures of `period` restated in programme version `to_version`'s
 * industries through the built-in crosswalk (engine/crosswalk.h), flags carried:
 * {period, from:[..], industries:[{id, name_zh, value|null, partial_value, complete, flags}]}. */
enum err_code monitor_crosswalk_json(struct store *s, const struct programme *p,
                                     const char *period, int indicator, const char *to_version,
                                     json_t **out /* OUT */, struct err *e);

/* ---- views on the lists (lists_views.c); the API and the report both serve these ---- */

/* The lists' counts of the six and seven ones into `c` (completeness_init'ed here; the caller
 * frees it with completeness_free unless this fails). */
enum err_code monitor_completeness_load(struct store *s, const struct programme *p,
                                        struct completeness *c /* OUT */, struct err *e);

/* Industries x the items of the six and seven ones: {items:[..], rows:[{industry, name_zh, kind,
 * seq, tier, counts:[..], present, of}], source}. */
enum err_code monitor_completeness_json(struct store *s, const struct programme *p,
                                        json_t **out /* OUT */, struct err *e);

/* The cultivation funnel by industry (listings membership) or by district, with the moves dated
 * inside `period` (NULL: every move) and counts by tag: {by, rows:[{key, name_zh, stages, moves,
 * tags, total}], city, source, period?}. */
enum err_code monitor_cultivation_json(struct store *s, const struct programme *p, bool by_district,
                                       const struct period *period, json_t **out /* OUT */,
                                       struct err *e);

/* Key projects matching `filter` (limit and offset ignored) against their annual plan, judged at
 * `as_of` (a checked "YYYY-MM-DD"; NULL: the data's cut-off, the end of the latest reported
 * month, or today when earlier): {as_of, as_of_basis, items, summary, rule, source}. */
enum err_code monitor_projects_json(struct store *s, const struct list_query *filter,
                                    const char *as_of, json_t **out /* OUT */, struct err *e);

/* Investment-promotion leads counted by their current stage (线索 .. 落地), per industry and for
 * the city: {stages:[..], rows:[{industry, name_zh, counts}], city:[..], total, source}. */
enum err_code monitor_leads_json(struct store *s, const struct programme *p,
                                 json_t **out /* OUT */, struct err *e);

#endif
