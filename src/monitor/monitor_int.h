/*
 * monitor_int.h - what monitor.c (compute) and report.c (stats) share: published series, read
 * once from the store and turned into period values with the same conversion rules as enterprise
 * values. Not for use outside src/monitor/.
 */
#ifndef JIQUN_MONITOR_MONITOR_INT_H
#define JIQUN_MONITOR_MONITOR_INT_H

#include "monitor/monitor.h"

/* One published series: a level, key and indicator with its values as given. */
struct pub_series {
	const char *level; /* static */
	char key[64];
	int indicator;
	struct ind_obs *obs;
	char **sources;    /* [n] publisher of each value */
	double *growth;    /* [n] growth as published, NAN when none */
	size_t n, cap;
};

struct pubset {
	struct pub_series *s;
	size_t n, cap;
};

enum err_code pubset_load(struct store *st, struct pubset *out /* OUT */, struct err *e);
void pubset_free(struct pubset *ps);

/*
 * The published value of (level, key, indicator) for period t, converted from what was given;
 * false when none. *growth receives the published growth when a value states exactly t (NAN
 * otherwise), *source the publisher. Both may be NULL.
 */
bool pubset_value(const struct pubset *ps, const char *level, const char *key, int indicator,
                  const struct period *t, double *value /* OUT */, double *growth /* OUT */,
                  const char **source /* OUT */);

/* The published GDP for the city (district "" or NULL) or a district, period t; NAN when none. */
double pubset_gdp(const struct pubset *ps, const char *district, const struct period *t);

#endif
