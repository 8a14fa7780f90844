/*
 * targets.h - progress of an actual figure towards a planned target: share achieved, time elapsed,
 * the annual growth still needed, and a projection from the recent trend with its range. Pure
 * functions on numbers; no I/O, no allocation.
 *
 * Definitions (what the dashboard and `jiqun targets` print):
 * - share achieved = actual / target (both in the same unit; target > 0, actual >= 0).
 * - time elapsed = (end of the data's period - end of the base year) / (target year - base year),
 *   in years, clamped to 0..1. A period ends `end_month`/12 into its year: 2024 annual data ends
 *   at the end of 2024, so against a 2022-2025 plan 2 of 3 years have passed (0.667); 2025H1
 *   data ends half-way through 2025 (2.5 of 3, 0.833).
 * - growth still needed = (target / actual)^(1 / years_left) - 1, in %, years_left = target year
 *   - the data's (annual) year. 2024 actual 1.2 against 1.5 in 2025: 25.0%.
 * - projection: least-squares fit of ln(value) on the year over the last `window` annual values
 *   (default 3; gaps in the years are allowed), evaluated at the target year. Its range runs from
 *   the last value grown at the lowest to the last value grown at the highest annual growth seen
 *   in the window (growth across a gap of k years is annualised: (v1/v0)^(1/k) - 1). A window
 *   with one growth rate gives a range of one point.
 * - status: achieved when the latest actual already reaches the target; on track when the central
 *   projection reaches it; at risk when only the top of the range does; off track when even that
 *   falls short. "Reaches" is >= : at the precision of published figures a tie is immaterial,
 *   also for a target stated as "超过".
 *
 * Nothing here returns inf or NaN: every figure has a `has_` flag, and when it is false the
 * matching `why_` reason says why (targets_reason_zh gives the Chinese "无法计算：…" text).
 * Zero, negative and missing values, a target year not after the base year, too few points
 * for a trend or a target year already past are reasons, never numbers.
 */
#ifndef JIQUN_ENGINE_TARGETS_H
#define JIQUN_ENGINE_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

#define TARGETS_DEFAULT_WINDOW 3
#define TARGETS_MAX_WINDOW 20

enum tgt_reason {
	TGT_OK,
	TGT_NO_ACTUAL,     /* no actual figure for the period */
	TGT_NO_TARGET,     /* the target is missing, zero or negative */
	TGT_NONPOSITIVE,   /* an actual value is zero or negative: no ratio or logarithm */
	TGT_BAD_PLAN,      /* the target year is not after the base year */
	TGT_PAST_TARGET,   /* the data's year is at or after the target year: no growth left to need */
	TGT_FEW_POINTS     /* fewer than two usable annual values for a trend */
};

enum tgt_status { TGT_UNKNOWN, TGT_ACHIEVED, TGT_ON_TRACK, TGT_AT_RISK, TGT_OFF_TRACK };

/* One annual value of the series; has = false where the year has no figure. */
struct tgt_point {
	int year;
	double value;
	bool has;
};

struct tgt_plan {
	int base_year, target_year; /* the plan runs from the end of base_year to the end of target_year */
	double target;              /* in the unit of the values */
};

struct tgt_result {
	double share; /* actual / target, 0..; valid when has_share */
	bool has_share;
	enum tgt_reason why_share;

	double elapsed; /* 0..1 of the plan's time */
	bool has_elapsed;
	enum tgt_reason why_elapsed;

	int years_left;    /* target year - the latest value's year */
	double needed_pct; /* annual growth still needed, % */
	bool has_needed;
	enum tgt_reason why_needed;

	double projected, projected_low, projected_high; /* at the target year */
	double trend_pct;                 /* the fit's annual growth, % */
	double growth_min_pct, growth_max_pct; /* annual growth in the window, % */
	int points;                       /* values the fit used */
	bool has_projection;
	enum tgt_reason why_projection;

	enum tgt_status status;
};

/*
 * Share of the plan's time elapsed at the end of a period that ends `end_month` (1-12; 12 for
 * annual data) months into `year`. *ok is false (and 0 returned) when the plan is malformed.
 */
double targets_elapsed(const struct tgt_plan *plan, int year, int end_month, bool *ok /* OUT */);

/*
 * Progress of the annual series pts[0..n) (any order; years unique) towards `plan`: the latest
 * year with a value is the actual; the projection uses the last `window` values (<= 0: default).
 * `period_year`/`period_end_month` give the data's period for time elapsed (for annual data the
 * latest year and 12; a half-year figure of 2025 is 2025 and 6). Pass period_year 0 to use the
 * latest annual value's year-end.
 */
struct tgt_result targets_progress(const struct tgt_plan *plan, const struct tgt_point *pts,
                                   size_t n, int window, int period_year, int period_end_month);

/* How many of values[0..n) (has[i] set) reach `threshold`: a count target ("six 千亿级 clusters"). */
int targets_count_reaching(const double *values, const bool *has, size_t n, double threshold);

/* "achieved", "on_track", "at_risk", "off_track", "unknown"; 已达成, 可望达成, 存在风险, 难以达成, 无法判断. */
const char *tgt_status_name(enum tgt_status s);
const char *tgt_status_label_zh(enum tgt_status s);
/* "ok", "no_actual", ...; and 无法计算：… in Chinese ("" for TGT_OK). */
const char *tgt_reason_name(enum tgt_reason r);
const char *tgt_reason_zh(enum tgt_reason r);

#endif
