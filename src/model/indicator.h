/*
 * indicator.h - the programme's statistical indicators (增加值, 营业收入, 从业人员, ...), their
 * units, and the conversion of cumulative (1-N月累计) values into period values.
 *
 * Each indicator has a stable id, a Chinese name with the aliases official files use, a base unit
 * (元, 人 or 件: values are stored in it) and a nature: a flow (value added, revenue: additive over
 * periods, so cumulative and period values convert into each other) or a stock (employees at the
 * end of the period: a cumulative value makes no sense and is refused).
 *
 * Conversions (indicator_period_value), for one enterprise or one published series, one
 * indicator and one year; cum(m) is the value for January..m of that year:
 *   month N = cum(N) - cum(N-1), January = cum(1); quarter q = cum(3q) - cum(3q-3);
 *   H1 = cum(6); H2 = cum(12) - cum(6); year = cum(12).
 * A value given for the period itself wins; a missing earlier cumulative value yields no value,
 * never a guess. A period value given for a span starting in January is also cum(its last month).
 * A flow's quarter, half or year may also be the sum of all its months' values. A stock's value
 * for a period is the value given for it or for any period of the year ending in the same month.
 *
 * Pure functions on static tables; nothing to free.
 */
#ifndef JIQUN_MODEL_INDICATOR_H
#define JIQUN_MODEL_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "model/period.h"
#include "model/programme.h"

enum unit_dim { DIM_MONEY, DIM_PERSON, DIM_ITEM };

struct indicator_def {
	const char *id;       /* "value_added" */
	const char *name_zh;  /* 增加值 */
	const char *name_en;
	const char *const *aliases; /* other names files use, NULL-terminated */
	enum unit_dim dim;
	const char *base_unit; /* 元, 人, 件 */
	bool stock;           /* employees: period-end count, not additive over periods */
	bool aggregate_only;  /* gdp: published for a city or district, never by an enterprise */
};

enum {
	IND_VALUE_ADDED, IND_GROSS_OUTPUT, IND_REVENUE, IND_PROFIT, IND_TAX, IND_RND, IND_EMPLOYEES,
	IND_EXPORTS, IND_PATENTS_INVENTION, IND_GDP, INDICATOR_COUNT
};

extern const struct indicator_def indicator_defs[INDICATOR_COUNT];

/* The indicator named `s` (id, Chinese name or alias, surrounding spaces ignored); -1 if none. */
int indicator_find(const char *s);

/*
 * When `s` names a measure that is deliberately not an alias of any indicator (出口交货值 is not
 * 出口额), a sentence saying why; NULL otherwise.
 */
const char *indicator_not_alias(const char *s);

/*
 * The factor from unit `s` to the indicator's base unit (万元 -> 10000 for a money indicator);
 * false when `s` is not a known unit or does not measure this indicator (万元 for employees).
 * An empty unit means the base unit.
 */
bool indicator_unit_factor(const struct indicator_def *d, const char *s, double *factor /* OUT */);

/* The units accepted for an indicator, for messages: "元、万元、亿元、万亿元". */
const char *indicator_units_text(const struct indicator_def *d);

/* One value of a series as given: for a period, or cumulative from January to its last month. */
struct ind_obs {
	struct period p;
	double value;
	bool cumulative;
};

/*
 * The value of `d` for period `t` from the observations of one series (any years; only t's year
 * is used). *exact, when not NULL, receives the index of the observation that states exactly this
 * value (the period itself, or a cumulative value spanning exactly t), -1 when it was derived.
 * False when it cannot be known without guessing.
 */
bool indicator_period_value(const struct indicator_def *d, const struct ind_obs *obs, size_t n,
                            const struct period *t, double *out /* OUT */, int *exact /* OUT */);

/* The periods of a year in the order indicator_year_values fills them. */
#define INDICATOR_YEAR_PERIODS 19 /* months 1-12, Q1-Q4, H1, H2, the year */

/*
 * indicator_period_value for all INDICATOR_YEAR_PERIODS periods of `year` at once (the same
 * rules, one pass over the observations): out[k] is set and have[k] true where known.
 */
void indicator_year_values(const struct indicator_def *d, const struct ind_obs *obs, size_t n,
                           int year, double out[INDICATOR_YEAR_PERIODS],
                           bool have[INDICATOR_YEAR_PERIODS]);

/* The slot of a period among its year's INDICATOR_YEAR_PERIODS (0-11 months, 12-15 quarters,
 * 16-17 halves, 18 the year). */
int indicator_year_slot(const struct period *p);

/*
 * The levels figures are given at: "programme" (the 20+8 total), "category", "industry",
 * "district" (a district's whole economy), "city" (the city's whole economy). indicator_level
 * accepts these ids and the Chinese words officials write (总体, 类别, 产业, 区, 全市) and returns
 * the id (static), or NULL.
 */
const char *indicator_level(const char *s);

/*
 * The canonical key of `key` at `level`: an industry id or Chinese name, a category id or name,
 * a district id, code or name -> its id; "" for programme and city (whose key must be empty, or
 * the city's name for city). False when it names nothing at that level.
 */
bool indicator_level_key(const struct programme *p, const char *level, const char *key,
                         char *out, size_t cap);

#endif
