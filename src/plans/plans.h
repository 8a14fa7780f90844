/*
 * plans.h - the programme's plans and targets: importing a plans file (CSV or XLSX) as new
 * versions, the targets in force, exporting them, and their progress against actual figures.
 *
 * Levels: five-year (规划), three-year rolling (三年滚动), annual (年度). Each import adds, for each
 * level present in the file, the next version of that level; older versions are kept and can be
 * listed and read. The targets in force are the latest version of each level; the five-year level
 * falls back to the programme's own numeric targets (the policy's 二（三）: value added above
 * 1.5万亿元 in 2025; six clusters at 1000亿元 or more) when no five-year plan was imported.
 *
 * The file's columns are plan_columns (model/plan.h): 层级/level, 范围/scope, 对象/key,
 * 指标/indicator, 年份/year, 基期/base_year, 目标值/value, 单位/unit, 门槛/threshold (亿元,
 * count targets only), 说明/note. An import is all or nothing: every row is checked and every
 * problem reported with its row, column and reason before anything is written.
 *
 * Actual figures come through struct plans_actuals, so whichever module holds indicator data
 * (the statistics of issue 4 part 4) can feed progress; plans_actuals_csv reads them from a file
 * of published figures meanwhile.
 *
 * Ownership: results own their arrays; free them with the matching _free. Not for: SQL (store/),
 * the arithmetic of progress (engine/targets).
 */
#ifndef JIQUN_PLANS_PLANS_H
#define JIQUN_PLANS_PLANS_H

#include <stdbool.h>
#include <jansson.h>
#include <stddef.h>

#include "engine/targets.h"
#include "model/plan.h"
#include "store/store.h"

#define PLANS_MAX_FILE ((size_t)16 << 20) /* a plans file is small; larger is refused */
#define PLANS_MAX_ROWS 10000 /* duplicates are found pairwise: keep it quadratic-safe */

struct plans_issue {
	size_t row;       /* 1-based, as the official sees it (the header is row 1) */
	char column[32];  /* the header of the column at fault, "" for the whole row */
	char why[320];
};

struct plans_read {
	struct plan_target *t;
	size_t n;
	struct plans_issue *issues;
	size_t n_issues;
};

/*
 * Read the plans file at `path` (.csv in UTF-8 or GB18030, or .xlsx, first sheet) and check every
 * row against programme `p`. ERR_OK with the targets; ERR_REJECTED when rows have problems
 * (out->issues lists every one, up to 1000); ERR_IO / ERR_INVALID / ERR_USAGE when the file cannot
 * be read as a table (e says why).
 */
enum err_code plans_read_file(const char *path, const struct programme *p,
                              struct plans_read *out /* OUT */, struct err *e);
void plans_read_free(struct plans_read *r);

/*
 * Import: read and check the file, then store one new version per level it holds, in one
 * transaction. versions[level] receives the new version number (0 for a level not in the file).
 * dry_run checks without writing.
 */
enum err_code plans_import(struct store *s, const struct programme *p, const char *path,
                           bool dry_run, struct plans_read *read /* OUT */,
                           int versions[PLAN_LEVELS] /* OUT */, struct err *e);

/* The targets in force, by level (five-year, rolling, annual), each level in import order. */
struct plans_set {
	struct plan_target *t;
	size_t n;
	int version[PLAN_LEVELS];   /* the version in force; 0 for the built-in five-year targets */
	bool present[PLAN_LEVELS];  /* whether the level has any target */
};

/*
 * The targets in force (version 0 for each level), or one level's given version (level >= 0
 * and version > 0; ERR_NOT_FOUND when absent).
 */
enum err_code plans_current(struct store *s, const struct programme *p, int level, int version,
                            struct plans_set *out /* OUT */, struct err *e);
void plans_set_free(struct plans_set *set);

/* Write `set` as a plans file (the columns of plan_columns, Chinese headers; money in the unit
 * it is easiest to read: 亿元) to `path`: .csv or .xlsx; NULL writes CSV to standard output. */
enum err_code plans_export(const struct plans_set *set, const char *path, struct err *e);

/* ---- progress against actual figures ---- */

struct plans_actuals {
	/*
	 * The annual values of the target's indicator for its scope and key, in the target's unit
	 * (元 for money): up to `max` into pts, *n how many. *source names where they come from.
	 */
	enum err_code (*annual)(void *ctx, const struct plan_target *t, struct tgt_point *pts,
	                        size_t max, size_t *n, const char **source, struct err *e);
	/*
	 * For count targets: the value of the indicator in `year` for each industry in the target's
	 * scope; values[i], has[i] for i < *n (at most max).
	 */
	enum err_code (*per_industry)(void *ctx, const struct plan_target *t, int year,
	                              double *values, bool *has, size_t max, size_t *n,
	                              const char **source, struct err *e);
	void *ctx;
};

/*
 * Actual figures from a CSV or XLSX file of published annual values with the columns
 * 范围/scope, 对象/key, 指标/indicator, 年份/year, 数值/value, 单位/unit (and an optional
 * 来源/source). Validation as for plans files; *out is freed with plans_actuals_free.
 */
enum err_code plans_actuals_csv(const char *path, const struct programme *p,
                                struct plans_actuals *out /* OUT */, struct plans_read *issues,
                                struct err *e);
void plans_actuals_free(struct plans_actuals *a);

struct plans_progress {
	const struct plan_target *target;
	struct tgt_result r;      /* for amount targets */
	int count, count_known;   /* for count targets: industries reaching the threshold, and with data */
	bool is_count;
	const char *source;       /* of the actual figures, or NULL */
};

/*
 * Progress of target `t` with the actual figures up to `year` (annual data): the engine's
 * figures for an amount target, the count reaching the threshold for a count target.
 */
enum err_code plans_progress(const struct plan_target *t, const struct plans_actuals *a, int year,
                             struct plans_progress *out /* OUT */, struct err *e);

/* ---- JSON views (the CLI's --json and the API share them) ---- */

/* A target: level, version (0 built-in), scope, key, indicator, year, base_year, value, unit,
 * threshold (or null), note, source ("imported" or "built-in"). New reference. */
json_t *plans_target_json(const struct plans_set *set, const struct plan_target *t);
/* The target with its progress: share, elapsed, growth_needed_pct, projection {value, low, high,
 * trend_pct, growth_min_pct, growth_max_pct, points}, status, status_zh; a figure that cannot be
 * computed is {"reason", "text": "无法计算：…"}. New reference. */
json_t *plans_progress_json(const struct plans_set *set, const struct plans_progress *g);

#endif
