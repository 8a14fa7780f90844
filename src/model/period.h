/*
 * period.h - statistical periods as Chinese statistics name them: a year "2025", a half "2025H1",
 * a quarter "2025Q3", a month "2025-07". Pure functions; no allocation.
 */
#ifndef JIQUN_MODEL_PERIOD_H
#define JIQUN_MODEL_PERIOD_H

#include <stdbool.h>

enum period_kind { PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER, PERIOD_MONTH };

struct period {
	enum period_kind kind;
	int year;
	int index;      /* half 1-2, quarter 1-4, month 1-12; 0 for a year */
	char first[16]; /* first day, "YYYY-MM-DD" */
	char last[16];  /* last day, inclusive */
	char label[16]; /* the canonical text, "2025H1" */
	char label_zh[32]; /* 2025年上半年, 2025年第3季度, 2025年7月, 2025年 */
};

/* Parse `s`; false when it is not one of the four forms or the year is outside 1900-2100. */
bool period_parse(const char *s, struct period *out);

/*
 * Parse a period as officials write it in files: the canonical forms above; 2025年,
 * 2025年上半年 / 下半年, 2025年第3季度 (also 3季度, 第三季度, 三季度), 2025年7月; a date on the
 * first of a month, 2025-07-01, as the month (Excel turns a typed 2025-07 into that date); and the
 * cumulative forms 2025年1-7月 (1—7月, 1~7月) and 2025年前三季度 (1-3季度), which give the period
 * they end with and set *cumulative (false for every other form). Surrounding spaces are ignored.
 */
bool period_parse_text(const char *s, struct period *out, bool *cumulative /* OUT */);

/*
 * Parse a calendar date as officials write it, YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日,
 * into "YYYY-MM-DD"; false when malformed or not a real day in 1900-2100.
 */
bool date_parse(const char *s, char out[16]);

/* Split a strict "YYYY-MM-DD" into its parts; false when it is not one. */
bool date_ymd(const char *s, int *y, int *m, int *d);

/* Whether date "YYYY-MM-DD" falls in the period. */
bool period_contains(const struct period *p, const char *date);

/* The first and last month (1-12) the period covers: 2025Q3 is 7..9, 2025H1 1..6, 2025 1..12. */
int period_first_month(const struct period *p);
int period_last_month(const struct period *p);

/* The same period a year earlier; false when that falls before 1900. */
bool period_year_earlier(const struct period *p, struct period *out /* OUT */);

/*
 * A period's sort key: year first, then month span, so 2025-01 < 2025Q1 < 2025H1 < 2025 < 2026-01
 * (a period sorts after the shorter ones ending in the same month, before those ending later).
 */
int period_order(const struct period *p);

#endif
