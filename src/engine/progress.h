/*
 * progress.h - a key project's investment against its annual plan, judged against the share of
 * the year elapsed (the red / amber / green of 挂图作战). Pure functions.
 *
 * expected = days elapsed in the plan year up to `as_of` / days in that year (1 for a past
 * year, 0 for a future one). completed = sum of monthly completed investment for the months up to
 * and including as_of's month (all twelve for a past year). ratio = completed / plan.
 * Status: green when ratio >= expected - 0.05 (within 5 points of time), amber when
 * ratio >= expected - 0.15, red below; none without a plan, a year, or before the year starts.
 */
#ifndef JIQUN_ENGINE_PROGRESS_H
#define JIQUN_ENGINE_PROGRESS_H

#include <stdbool.h>

enum rag { RAG_NONE, RAG_GREEN, RAG_AMBER, RAG_RED };

struct progress {
	double completed; /* yuan */
	double plan;      /* yuan */
	double ratio;     /* completed / plan; 0 without a plan */
	double expected;  /* share of the plan year elapsed, 0..1 */
	enum rag status;
};

/* Share of year `year` elapsed at the end of day `as_of` ("YYYY-MM-DD"). */
double progress_year_elapsed(int year, const char *as_of);

/*
 * The progress of a project planned for `year` (0: unknown) with annual plan `plan` (<= 0:
 * none) and monthly completions months[0..11] (has[m] false where not reported).
 */
struct progress progress_of(int year, double plan, const double months[12], const bool has[12],
                            const char *as_of);

/*
 * The date progress is judged at when none is asked for: the last day of the latest month with
 * reported figures (`year`, `month` 1-12), as monthly statistics are read "截至某月末"; `today`
 * when that is earlier, or when nothing is reported (year 0). Writes "YYYY-MM-DD" to out.
 */
void progress_cutoff(int year, int month, const char *today, char out[16]);

/* "green", "amber", "red", "none"; and 正常, 预警, 滞后, 无计划. */
const char *rag_name(enum rag r);
const char *rag_label_zh(enum rag r);

#endif
