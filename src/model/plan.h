/*
 * plan.h - targets of the programme's plans: the level (five-year 规划, three-year rolling 三年滚动,
 * annual 年度), the scope (the programme, a category, an industry or a district), the indicator,
 * the year, the value and its unit. Pure parsing and validation; no I/O, no allocation.
 *
 * Values are kept in base units: money in 元 (万元, 亿元, 万亿元 converted on parsing), other
 * units as given (%, 个, 家, 人, 件, 项). A target with a threshold is a count target: "the number
 * of industries in scope whose indicator reaches `threshold` is at least `value`" (the policy's
 * six 千亿级 clusters: threshold 1000亿元, value 6 个).
 *
 * A plans file (CSV or XLSX, read by src/plans/) has the columns of plan_columns, each with a
 * Chinese header and an English alias; plan_row_parse checks one row against a programme.
 */
#ifndef JIQUN_MODEL_PLAN_H
#define JIQUN_MODEL_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/programme.h"

enum plan_level { PLAN_FIVE_YEAR, PLAN_ROLLING, PLAN_ANNUAL };
#define PLAN_LEVELS 3

enum plan_scope { SCOPE_PROGRAMME, SCOPE_CATEGORY, SCOPE_INDUSTRY, SCOPE_DISTRICT };

#define PLAN_KEY_MAX 72
#define PLAN_INDICATOR_MAX 40
#define PLAN_UNIT_MAX 16
#define PLAN_NOTE_MAX 512

struct plan_target {
	enum plan_level level;
	enum plan_scope scope;
	char key[PLAN_KEY_MAX];             /* category, industry or district id; "" for the programme */
	char indicator[PLAN_INDICATOR_MAX]; /* value_added, gdp, revenue, ... */
	int year;                           /* the year the target is for */
	int base_year;                      /* the plan's starting point (end of this year) */
	double value;                       /* in `unit` */
	char unit[PLAN_UNIT_MAX];           /* 元 for money, else as given */
	double threshold;                   /* count targets: the level each industry must reach */
	bool has_threshold;
	char note[PLAN_NOTE_MAX];           /* the target's wording or source, may be "" */
};

/* The columns of a plans file, in the order export writes them. */
enum { PC_LEVEL, PC_SCOPE, PC_KEY, PC_INDICATOR, PC_YEAR, PC_BASE_YEAR, PC_VALUE, PC_UNIT,
       PC_THRESHOLD, PC_NOTE, PLAN_COLUMNS };

struct plan_column {
	const char *header_zh; /* the export header, e.g. 层级 */
	const char *alias_en;  /* accepted too, e.g. level */
	bool required;
};
extern const struct plan_column plan_columns[PLAN_COLUMNS];

/* five_year (规划, 五年规划), rolling (三年滚动, 三年滚动计划), annual (年度, 年度计划). */
bool plan_level_parse(const char *s, enum plan_level *out);
const char *plan_level_name(enum plan_level l);
const char *plan_level_label_zh(enum plan_level l);
/* programme (全市, 计划), category (类别), industry (产业, 集群), district (区, 区域). */
bool plan_scope_parse(const char *s, enum plan_scope *out);
const char *plan_scope_name(enum plan_scope s);
const char *plan_scope_label_zh(enum plan_scope s);

/* An indicator id ([a-z][a-z0-9_]*, at most 39 characters) or a Chinese name we know (增加值,
 * 地区生产总值, 营业收入, ...), as the id; NULL when neither. */
const char *plan_indicator_id(const char *s);

/*
 * A unit and the factor to base units: 元 1, 万元 1e4, 亿元 1e8, 万亿元 1e12 (base 元); %, 个, 家,
 * 人, 件, 项 and 亿美元 stay as they are (factor 1). False for anything else.
 */
bool plan_unit(const char *s, double *factor /* OUT */, const char **base /* OUT */);

/*
 * Parse row `f` (PLAN_COLUMNS fields, "" where a column is absent) against programme `p`: keys
 * resolve to ids (an industry by id or Chinese name, a category by id or name, a district by
 * id, code or name); a missing base year defaults by level (five-year: the programme's base year;
 * rolling: year - 3; annual: year - 1). On failure *bad_col is the column and `why` (of `why_len`
 * bytes) says what is wrong, in Chinese with English in parentheses.
 */
bool plan_row_parse(const struct programme *p, const char *const *f, struct plan_target *out,
                    int *bad_col /* OUT */, char *why, size_t why_len);

/* Whether a and b are the same target (level, scope, key, indicator, year): a duplicate. */
bool plan_same_target(const struct plan_target *a, const struct plan_target *b);

/*
 * The programme's own numeric targets as the five-year level (no import needed): each target of
 * `p` with an indicator and a value, at programme scope (a "tier:" scope with a count becomes a
 * count target over the programme's industries). Writes at most `max` to out; returns how many
 * there are.
 */
size_t plan_builtin_targets(const struct programme *p, struct plan_target *out, size_t max);

#endif
