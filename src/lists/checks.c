/*
 * checks.c - rules across the fields of one record: the order of dates along a lead's stages or
 * an enterprise's cultivation, project dates and amounts that must agree, a fund's paid-in money
 * within its size, a point (GCJ-02) inside the record's district on the built-in map, a park
 * zone's boundary agreeing with its stated area. Each reports issues against the column it blames.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "catalog/map.h"
#include "lists/lists_int.h"
#include "model/period.h"

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

/*
 * The record's lng/lat (GCJ-02): both or neither; inside the map (Shenzhen and 海丰县 for 深汕);
 * inside the shapes of the record's district when it has one (catalog/map.h says which count).
 */
static void check_point(const struct list_def *l, const struct record *r, const char *const *columns,
                        struct issues *out)
{
	const struct value *lng = val(l, r, "lng"), *lat = val(l, r, "lat");
	const char *lng_col = header(l, columns, "lng"), *lat_col = header(l, columns, "lat");
	char v[64];
	if (lng->null != lat->null) {
		const char *miss = lng->null ? lng_col : lat_col;
		issues_add(out, r->row, miss, "", "coordinate_incomplete",
		           "经度和纬度须同时填写 (longitude and latitude go together)");
		return;
	}
	if (lng->null) /* no point: the map is not even loaded */
		return;
	const struct district_map *m = map_builtin();
	if (m == NULL)
		return;
	(void)snprintf(v, sizeof v, "%.6f,%.6f", lng->num, lat->num);
	int di = list_field_index(l, "district");
	const char *district = di >= 0 && !r->v[di].null ? r->v[di].text : NULL;
	const char *in = NULL;
	struct geo_point p = {lng->num, lat->num};
	switch (map_place_point(m, district, p, &in)) {
	case MAP_OUTSIDE_CITY:
		if (map_place_point(m, NULL, (struct geo_point){lat->num, lng->num}, NULL) == MAP_IN_DISTRICT)
			issues_add(out, r->row, lng_col, v, "coordinate_swapped",
			           "经纬度似乎填反了：经度约为113.7-115.6，纬度约为22.4-23.2 (longitude and "
			           "latitude look swapped)");
		else
			issues_add(out, r->row, lng_col, v, "outside_city",
			           "该点（经度%.6f，纬度%.6f）不在深圳市范围内（GCJ-02坐标）(outside Shenzhen)",
			           lng->num, lat->num);
		break;
	case MAP_OUTSIDE_DISTRICT: {
		const struct map_area *a = map_area_find(m, district);
		issues_add(out, r->row, lng_col, v, "outside_district",
		           "该点不在%s内%s%s (the point is outside the record's district)",
		           a ? a->name : district, in ? "，而在" : "", in ? in : "");
		break;
	}
	case MAP_IN_DISTRICT:
	case MAP_NO_SHAPE:
		break;
	}
}

void lists_check_platform(const struct list_def *l, const struct record *r,
                          const char *const *columns, struct issues *out)
{
	check_point(l, r, columns, out);
}

void lists_check_park(const struct list_def *l, const struct record *r,
                      const char *const *columns, struct issues *out)
{
	check_point(l, r, columns, out);
}

/* A zone's boundary must be a GeoJSON polygon on the map and agree with the stated area (10 %). */
void lists_check_park_zone(const struct list_def *l, const struct record *r,
                           const char *const *columns, struct issues *out)
{
	const struct value *b = val(l, r, "boundary"), *area = val(l, r, "area");
	const char *col = header(l, columns, "boundary");
	if (b->null)
		return;
	struct geo_shape s;
	struct err e = {0};
	if (map_parse_geometry(b->text, strlen(b->text), &s, &e) != ERR_OK) {
		issues_add(out, r->row, col, "", "bad_boundary",
		           "边界须为GeoJSON Polygon或MultiPolygon（GCJ-02经纬度）：%s (not a GeoJSON polygon)",
		           e.msg);
		return;
	}
	const struct district_map *m = map_builtin();
	if (m && (!geo_bbox_contains(&m->bbox, (struct geo_point){s.bbox.min_lng, s.bbox.min_lat}) ||
	          !geo_bbox_contains(&m->bbox, (struct geo_point){s.bbox.max_lng, s.bbox.max_lat}))) {
		issues_add(out, r->row, col, "", "outside_city",
		           "边界超出深圳市范围（经度%.4f-%.4f，纬度%.4f-%.4f）(boundary outside Shenzhen)",
		           s.bbox.min_lng, s.bbox.max_lng, s.bbox.min_lat, s.bbox.max_lat);
	} else if (!area->null) {
		double km2 = geo_shape_area_km2(&s);
		if (fabs(km2 - area->num) > 0.1 * area->num + 0.005)
			issues_add(out, r->row, header(l, columns, "area"), "", "area_mismatch",
			           "所填面积%.4g平方公里与边界计算面积%.4g平方公里相差超过10%% "
			           "(stated area differs from the boundary's)", area->num, km2);
	}
	geo_shape_free(&s);
}

void lists_check_park_progress(const struct list_def *l, const struct record *r,
                               const char *const *columns, struct issues *out)
{
	const struct value *p = val(l, r, "period");
	struct period per;
	if (!p->null && !period_parse(p->text, &per))
		issues_add(out, r->row, header(l, columns, "period"), p->text, "bad_period",
		           "报告期应写作2025、2025H1、2025Q3或2025-07 (not a period)");
}

void lists_check_enterprise(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out)
{
	check_point(l, r, columns, out);
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
	check_point(l, r, columns, out);
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
