/*
 * attention.c - leads stuck in a stage, projects past a milestone, day arithmetic (attention.h).
 */
#include "engine/attention.h"

#include <stdio.h>
#include <string.h>

#include "model/period.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool day_of(const char *s, long *out)
{
	int y, m, d;
	if (s == NULL || !date_ymd(s, &y, &m, &d))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

bool attention_days_between(const char *from, const char *to, long *out)
{
	long a, b;
	if (!day_of(from, &a) || !day_of(to, &b))
		return false;
	*out = b - a;
	return true;
}

bool attention_date_minus(const char *date, long days, char out[16])
{
	long z;
	int y, m, d;
	if (!day_of(date, &z))
		return false;
	civil_from_days(z - days, &y, &m, &d);
	(void)snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
	return true;
}

long attention_lead_stuck(int stage, const char *const dates[5], const char *as_of, long limit,
                          const char **since)
{
	*since = NULL;
	if (stage < 0 || stage >= 4)
		return -1;
	for (int i = stage; i >= 0 && *since == NULL; i--)
		if (dates[i] && dates[i][0])
			*since = dates[i];
	long days;
	if (*since == NULL || !attention_days_between(*since, as_of, &days) || days <= limit)
		return -1;
	return days;
}

/* Whether milestone text `what` dated `date` (before as_of) is one status says is not reached. */
static enum overdue_kind judge(const char *status, const char *what)
{
	bool started = strcmp(status, "前期") != 0;
	bool done = strcmp(status, "竣工") == 0;
	if ((strstr(what, "竣工") || strstr(what, "投产") || strstr(what, "完工")) && !done)
		return OVERDUE_NOT_FINISHED;
	if (strstr(what, "开工") && !started)
		return OVERDUE_NOT_STARTED;
	return OVERDUE_NONE;
}

/* Keep the earlier of the found and the new overdue milestone. */
static void consider(struct overdue *best, enum overdue_kind k, const char *date, const char *what)
{
	if (k == OVERDUE_NONE || (best->kind != OVERDUE_NONE && strcmp(date, best->date) >= 0))
		return;
	best->kind = k;
	(void)snprintf(best->date, sizeof best->date, "%s", date);
	(void)snprintf(best->what, sizeof best->what, "%s", what);
}

bool attention_project_overdue(const char *status, const char *start, const char *end,
                               const char *milestones, const char *as_of, struct overdue *out)
{
	memset(out, 0, sizeof *out);
	if (status == NULL)
		return false;
	if (strcmp(status, "停缓建") == 0) {
		out->kind = OVERDUE_STALLED;
		(void)snprintf(out->what, sizeof out->what, "项目状态为停缓建");
		return true;
	}
	long days;
	if (start && attention_days_between(start, as_of, &days) && days > 0)
		consider(out, judge(status, "开工"), start, "开工日期");
	if (end && attention_days_between(end, as_of, &days) && days > 0)
		consider(out, judge(status, "竣工"), end, "竣工日期");
	/* Milestones: "YYYY-MM-DD text" items separated by ；, ; or a line break. */
	for (const char *p = milestones; p && *p;) {
		size_t len = strcspn(p, ";\n");
		const char *full = strstr(p, "；");
		if (full && (size_t)(full - p) < len)
			len = (size_t)(full - p);
		char item[160], date[16];
		(void)snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item - 1 ? len : sizeof item - 1), p);
		const char *q = item;
		while (*q == ' ')
			q++;
		if (strlen(q) >= 10) {
			(void)snprintf(date, sizeof date, "%.10s", q);
			if (attention_days_between(date, as_of, &days) && days > 0)
				consider(out, judge(status, q + 10), date, q);
		}
		p += len;
		if (strncmp(p, "；", strlen("；")) == 0)
			p += strlen("；");
		else if (*p)
			p++;
	}
	return out->kind != OVERDUE_NONE;
}

const char *overdue_name(enum overdue_kind k)
{
	static const char *const n[] = {"none", "not_started", "not_finished", "stalled"};
	return n[k];
}

const char *overdue_label_zh(enum overdue_kind k)
{
	static const char *const n[] = {"", "逾期未开工", "逾期未竣工", "停缓建"};
	return n[k];
}
