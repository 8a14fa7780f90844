/* lists_int.h - the cross-field checks of checks.c, for the list table in lists.c. Private. */
#ifndef JIQUN_LISTS_LISTS_INT_H
#define JIQUN_LISTS_LISTS_INT_H

#include "lists/lists.h"

void lists_check_enterprise(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out);
void lists_check_lead(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out);
void lists_check_project(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out);
void lists_check_platform(const struct list_def *l, const struct record *r,
                          const char *const *columns, struct issues *out);
void lists_check_park(const struct list_def *l, const struct record *r,
                      const char *const *columns, struct issues *out);
void lists_check_park_zone(const struct list_def *l, const struct record *r,
                           const char *const *columns, struct issues *out);
void lists_check_park_progress(const struct list_def *l, const struct record *r,
                               const char *const *columns, struct issues *out);
/* A park zone's boundary cell can hold a GeoJSON polygon of a few thousand vertices. */
#define PARK_BOUNDARY_MAX 200000
void lists_check_org(const struct list_def *l, const struct record *r,
                            const char *const *columns, struct issues *out);

#endif
