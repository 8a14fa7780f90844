/*
 * parks.c - the park programme's totals (see parks.h).
 */
#include "engine/parks.h"

#include <string.h>

#include "model/period.h"

const char *const park_zone_types[PARK_ZONE_TYPES] = {"启动区", "拓展区", "储备区"};

int park_zone_index(const char *type)
{
	for (int i = 0; type && i < PARK_ZONE_TYPES; i++)
		if (strcmp(type, park_zone_types[i]) == 0)
			return i;
	return -1;
}

static size_t district_slot(struct park_totals *t, const char *district)
{
	for (size_t i = 0; i < t->n_districts; i++)
		if (strcmp(t->by_district[i].district, district) == 0)
			return i;
	if (t->n_districts < PARKS_MAX_DISTRICTS) {
		t->by_district[t->n_districts].district = district;
		return t->n_districts++;
	}
	return PARKS_MAX_DISTRICTS - 1;
}

void park_totals_compute(const struct park_in *parks, size_t n_parks, const struct park_zone_in *zones,
                         size_t n_zones, const struct park_progress_in *prog, size_t n_prog,
                         struct park_totals *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n_parks; i++) {
		const struct park_in *p = &parks[i];
		size_t d = district_slot(out, p->district ? p->district : "");
		out->parks++;
		out->by_district[d].parks++;
		if (p->planned_km2 < 0) {
			out->parks_without_area++;
			continue;
		}
		out->planned_km2 += p->planned_km2;
		out->by_district[d].planned_km2 += p->planned_km2;
	}
	for (size_t i = 0; i < n_zones; i++) {
		int z = park_zone_index(zones[i].type);
		if (z < 0)
			continue;
		out->by_zone[z].zones++;
		out->by_zone[z].with_boundary += zones[i].has_boundary;
		if (zones[i].area_km2 >= 0)
			out->by_zone[z].area_km2 += zones[i].area_km2;
	}
	/* Each park's latest row: for every row, is there a later one of the same park? */
	char latest_end[16] = "";
	for (size_t i = 0; i < n_prog; i++) {
		struct period pi, pj;
		if (!period_parse(prog[i].period, &pi))
			continue;
		bool later = false;
		for (size_t j = 0; j < n_prog && !later; j++) {
			if (j == i || strcmp(prog[j].park, prog[i].park) != 0 ||
			    !period_parse(prog[j].period, &pj))
				continue;
			int c = strcmp(pj.last, pi.last);
			later = c > 0 || (c == 0 && j > i);
		}
		if (later)
			continue;
		out->parks_reporting++;
		if (prog[i].land_km2 >= 0)
			out->land_km2 += prog[i].land_km2;
		if (prog[i].factory_wan_m2 >= 0)
			out->factory_wan_m2 += prog[i].factory_wan_m2;
		if (strcmp(pi.last, latest_end) > 0) {
			memcpy(latest_end, pi.last, sizeof latest_end);
			out->latest_period = prog[i].period;
		}
	}
}
