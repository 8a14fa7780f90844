/*
 * checks.c - rules across the fields of one record: the order of dates along a lead's stages or
 * an enterprise's cultivation, project dates and amounts that must agree, a fund's paid-in money
 * within its size. Each reports issues against the column it blames.
 */
#include <stdio.h>
#include <string.h>

#include "lists/lists_int.h"

/* Value `name` of record `r` in list `l` (the field must exist). */
static const struct value *val(const struct list_def *l, const struct record *r, const char *name)
{
	return &r->v[list_field_index(l, name)];
}

/* The column to blame for field `name`: the file's header when known, else the template's. */
static const char *header(const struct list_def *l, const char *const *columns, const char *name)
{
	int i = list_field_index(l, name);
	return columns ? columns[i] : l->fields[i].header_zh;
}

/* An amount as the official typed it, in 万元. */
static const char *wan(const struct value *v, char buf[32])
{
	(void)snprintf(buf, 32, "%.6g", v->num / 1e4);
	return buf;
}

/*
 * Stage dates: `dates` are the date fields of stages 0..n-1 in order, `stage` the index of the
 * current stage (-1 when unknown). Dates must not go backwards, stages after the current one
 * must not have dates, and when `need_current` the current stage must have its date.
 */
static void stage_dates(const struct list_def *l, const struct record *r, const char *const *columns,
                        const char *const *dates, int n, int stage, bool need_current,
                        struct issues *out)
{
	const char *last = NULL, *last_field = NULL;
	for (int i = 0; i < n; i++) {
		const struct value *v = val(l, r, dates[i]);
		if (v->null) {
			if (i == stage && need_current)
				issues_add(out, r->row, header(l, columns, dates[i]), "", "stage_date_missing",
				           "当前阶段的日期未填写 (the current stage needs its date)");
			continue;
		}
		if (stage >= 0 && i > stage)
			issues_add(out, r->row, header(l, columns, dates[i]), v->text, "stage_after_current",
			           "尚未到达该阶段，却填写了日期 (a date for a stage not yet reached)");
		if (last && strcmp(v->text, last) < 0)
			issues_add(out, r->row, header(l, columns, dates[i]), v->text, "stage_order",
			           "早于“%s”（%s），阶段日期须依次不早于前一阶段 (stage dates out of order)",
			           header(l, columns, last_field), last);
		last = v->text;
		last_field = dates[i];
	}
}

static int enum_index(const struct list_def *l, const struct record *r, const char *name)
{
	int fi = list_field_index(l, name);
	const struct value *v = &r->v[fi];
	if (v->null)
		return -1;
	for (int i = 0; l->fields[fi].values[i]; i++)
		if (strcmp(l->fields[fi].values[i], v->text) == 0)
			return i;
	return -1;
}

void lists_check_enterprise(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out)
{
	/* Stages 个体户 -> 企业 -> 规上 -> 专精特新 -> 上市; 个体户 has no date of its own. */
	static const char *const dates[] = {"date_enterprise", "date_above_scale", "date_zjtx",
	                                    "date_listed"};
	int stage = enum_index(l, r, "stage");
	stage_dates(l, r, columns, dates, 4, stage - 1, false, out);
	const struct value *board = val(l, r, "listed_board"), *ticker = val(l, r, "ticker");
	if (!board->null && ticker->null)
		issues_add(out, r->row, header(l, columns, "ticker"), "", "ticker_missing",
		           "填写了上市板块，须同时填写股票代码 (a listed enterprise needs its ticker)");
	const struct value *founded = val(l, r, "founded");
	for (int i = 0; i < 4 && !founded->null; i++) {
		const struct value *v = val(l, r, dates[i]);
		if (!v->null && strcmp(v->text, founded->text) < 0)
			issues_add(out, r->row, header(l, columns, dates[i]), v->text, "before_founding",
			           "早于成立日期 %s (before the founding date)", founded->text);
	}
}

void lists_check_lead(const struct list_def *l, const struct record *r,
                      const char *const *columns, struct issues *out)
{
	static const char *const dates[] = {"date_clue", "date_contact", "date_negotiate",
	                                    "date_signed", "date_landed"};
	stage_dates(l, r, columns, dates, 5, enum_index(l, r, "stage"), true, out);
}

void lists_check_project(const struct list_def *l, const struct record *r,
                         const char *const *columns, struct issues *out)
{
	const struct value *start = val(l, r, "start_date"), *end = val(l, r, "end_date");
	if (!start->null && !end->null && strcmp(end->text, start->text) < 0)
		issues_add(out, r->row, header(l, columns, "end_date"), end->text, "date_order",
		           "竣工日期早于开工日期 %s (ends before it starts)", start->text);
	char buf[32];
	const struct value *total = val(l, r, "total_investment"), *plan = val(l, r, "annual_plan");
	if (!total->null && !plan->null && plan->num > total->num)
		issues_add(out, r->row, header(l, columns, "annual_plan"), wan(plan, buf), "plan_exceeds_total",
		           "年度计划投资超过总投资 (annual plan above total investment)");
	double done = 0;
	bool any = false;
	for (int m = 1; m <= 12; m++) {
		char name[4] = {'m', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
		const struct value *v = val(l, r, name);
		if (!v->null) {
			done += v->num;
			any = true;
		}
	}
	if (any && val(l, r, "year")->null)
		issues_add(out, r->row, header(l, columns, "year"), "", "year_missing",
		           "填写了月度完成投资，须填写年度 (monthly figures need their year)");
	if (!total->null && done > total->num + 0.005)
		issues_add(out, r->row, header(l, columns, "total_investment"), wan(total, buf),
		           "done_exceeds_total",
		           "各月完成投资合计超过总投资 (completed investment above the total)");
}

void lists_check_org(const struct list_def *l, const struct record *r,
                     const char *const *columns, struct issues *out)
{
	char buf[32];
	const struct value *size = val(l, r, "size"), *paid = val(l, r, "paid_in");
	if (!size->null && !paid->null && paid->num > size->num + 0.005)
		issues_add(out, r->row, header(l, columns, "paid_in"), wan(paid, buf), "paid_exceeds_size",
		           "实缴超过规模 (paid-in above the fund's size)");
	const struct value *inv = val(l, r, "invested");
	if (!paid->null && !inv->null && inv->num > paid->num + 0.005)
		issues_add(out, r->row, header(l, columns, "invested"), wan(inv, buf), "invested_exceeds_paid",
		           "已投金额超过实缴 (invested more than paid in)");
}
