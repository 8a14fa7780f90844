/*
 * parks.h - totals of the advanced manufacturing park programme (policy 四（二）: 20 parks of
 * about 300 km² in 宝安, 光明, 龙华, 龙岗, 坪山 and 深汕, each with 启动区, 拓展区 and 储备区):
 * parks and planned area against the target, by district and by zone type, and the latest
 * cumulative progress (土地整备 km², 定制化厂房 万m²) of each park summed. Pure computation.
 *
 * Progress rows are cumulative (累计) at their period's end; a park's latest row is the one whose
 * period ends last (period.h), so a 2025Q3 row beats a 2025H1 row. Rows with an unparseable
 * period are ignored. Inputs and outputs are the caller's; names point into the inputs.
 */
#ifndef JIQUN_ENGINE_PARKS_H
#define JIQUN_ENGINE_PARKS_H

#include <stdbool.h>
#include <stddef.h>

#define PARKS_TARGET_COUNT 20
#define PARKS_TARGET_KM2 300.0
#define PARKS_MAX_DISTRICTS 16
#define PARK_ZONE_TYPES 3

/* The zone types in order: 启动区, 拓展区, 储备区; index of `type` or -1. */
extern const char *const park_zone_types[PARK_ZONE_TYPES];
int park_zone_index(const char *type);

struct park_in {
	const char *name, *district; /* district id */
	double planned_km2;          /* < 0: not stated */
};
struct park_zone_in {
	const char *park, *type;
	double area_km2; /* < 0: not stated */
	bool has_boundary;
};
struct park_progress_in {
	const char *park, *period;
	double land_km2, factory_wan_m2; /* < 0: not stated */
};

struct park_totals {
	size_t parks;
	double planned_km2;
	size_t parks_without_area;
	struct {
		const char *district;
		size_t parks;
		double planned_km2;
	} by_district[PARKS_MAX_DISTRICTS]; /* in order of first appearance; the rest go to the last */
	size_t n_districts;
	struct {
		size_t zones, with_boundary;
		double area_km2;
	} by_zone[PARK_ZONE_TYPES];
	size_t parks_reporting;  /* parks with at least one progress row */
	const char *latest_period; /* the latest period any park reported, NULL when none */
	double land_km2, factory_wan_m2; /* sums of each park's latest cumulative figures */
};

void park_totals_compute(const struct park_in *parks, size_t n_parks, const struct park_zone_in *zones,
                         size_t n_zones, const struct park_progress_in *prog, size_t n_prog,
                         struct park_totals *out);

#endif
