/*
 * attention.h - what needs a commissioner (专员) now, for the commissioner's view (policy 四（一）
 * 专员负责、挂图作战): leads stuck in a stage, projects past a milestone or stalled, and day
 * arithmetic on "YYYY-MM-DD" dates. Projects behind their investment plan come from
 * engine/progress.h. Pure functions; nothing is allocated.
 */
#ifndef JIQUN_ENGINE_ATTENTION_H
#define JIQUN_ENGINE_ATTENTION_H

#include <stdbool.h>

#define ATTENTION_LEAD_DAYS_DEFAULT 60  /* a lead in one stage longer than this is stuck */
#define ATTENTION_STALE_DAYS_DEFAULT 90 /* a record not written for longer than this is stale */

/* to - from in days; false when either is not a real "YYYY-MM-DD" date. */
bool attention_days_between(const char *from, const char *to, long *out);

/* The date `days` days before `date` into out ("YYYY-MM-DD"); false for a bad date. */
bool attention_date_minus(const char *date, long days, char out[16]);

/*
 * A lead in stage `stage` (0 线索 .. 4 落地) with the dates of stages 0..4 (NULL where none):
 * the days since it entered its current stage (the date of that stage, or of the latest earlier
 * stage when that one is missing) as of `as_of`, when that exceeds `limit` and the lead has not
 * landed (落地 is the end); -1 otherwise. *since receives the date counted from.
 */
long attention_lead_stuck(int stage, const char *const dates[5], const char *as_of, long limit,
                          const char **since);

enum overdue_kind {
	OVERDUE_NONE,
	OVERDUE_NOT_STARTED,  /* a start (开工) date or milestone has passed, status still 前期 */
	OVERDUE_NOT_FINISHED, /* a completion (竣工, 投产) date or milestone has passed, not 竣工 */
	OVERDUE_STALLED       /* status 停缓建 */
};

struct overdue {
	enum overdue_kind kind;
	char date[16];  /* the milestone's date ("" for 停缓建) */
	char what[96];  /* the milestone as written, or the field: 开工日期, 竣工日期 */
};

/*
 * Whether a project of `status` (前期, 在建, 竣工, 停缓建) with start and end dates (NULL when
 * none) and `milestones` text ("2025-06-17 开工；2026-04-15 主体封顶；…", NULL when none) is past
 * a milestone it has not reached by `as_of`. The earliest such milestone goes to *out.
 */
bool attention_project_overdue(const char *status, const char *start, const char *end,
                               const char *milestones, const char *as_of, struct overdue *out);

/* "not_started", "not_finished", "stalled"; and 逾期未开工, 逾期未竣工, 停缓建. */
const char *overdue_name(enum overdue_kind k);
const char *overdue_label_zh(enum overdue_kind k);

#endif
