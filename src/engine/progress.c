/* progress.c - project investment against time; formulas in progress.h. */
#include "engine/progress.h"

#include <stdio.h>
#include <string.h>

#include "model/period.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Day of the year (1..366) of "YYYY-MM-DD"; *y receives the year; 0 when malformed. */
static int day_of_year(const char *date, int *y)
{
	int m, d;
	if (!date_ymd(date, y, &m, &d))
		return 0;
	static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	return before[m - 1] + d + (m > 2 && leap(*y));
}

double progress_year_elapsed(int year, const char *as_of)
{
	int y = 0, doy = day_of_year(as_of, &y);
	if (doy == 0 || y < year)
		return 0;
	if (y > year)
		return 1;
	return (double)doy / (leap(year) ? 366.0 : 365.0);
}

struct progress progress_of(int year, double plan, const double months[12], const bool has[12],
                            const char *as_of)
{
	struct progress p = {0};
	int y = 0, m = 0, d = 0;
	if (!date_ymd(as_of, &y, &m, &d))
		y = 0;
	int last = year == 0 || y > year ? 12 : y < year ? 0 : m;
	for (int i = 0; i < last && i < 12; i++)
		if (has[i])
			p.completed += months[i];
	p.plan = plan > 0 ? plan : 0;
	p.expected = year ? progress_year_elapsed(year, as_of) : 0;
	if (p.plan <= 0 || year == 0 || p.expected <= 0) {
		p.status = RAG_NONE;
		p.ratio = p.plan > 0 ? p.completed / p.plan : 0;
		return p;
	}
	p.ratio = p.completed / p.plan;
	if (p.ratio >= p.expected - 0.05)
		p.status = RAG_GREEN;
	else if (p.ratio >= p.expected - 0.15)
		p.status = RAG_AMBER;
	else
		p.status = RAG_RED;
	return p;
}

void progress_cutoff(int year, int month, const char *today, char out[16])
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char end[16];
	(void)snprintf(out, 16, "%s", today);
	if (year <= 0 || month < 1 || month > 12)
		return;
	(void)snprintf(end, sizeof end, "%04d-%02d-%02d", year % 10000, month,
	               days[month - 1] + (month == 2 && leap(year)));
	if (strcmp(end, today) < 0)
		(void)snprintf(out, 16, "%s", end);
}

const char *rag_name(enum rag r)
{
	static const char *const names[] = {"none", "green", "amber", "red"};
	return names[r];
}

const char *rag_label_zh(enum rag r)
{
	static const char *const names[] = {"无计划", "正常", "预警", "滞后"};
	return names[r];
}
