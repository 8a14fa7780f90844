/*
 * completeness.h - the "six ones" and "seven ones" of policy part 四（一） per industry: which of
 * the 13 items each industry has, and how many records stand behind each, plus the two duties the
 * policy names (链长 chain chief, 专员 commissioner). Pure computation on counts the store gives;
 * the caller owns the struct and frees it with completeness_free.
 */
#ifndef JIQUN_ENGINE_COMPLETENESS_H
#define JIQUN_ENGINE_COMPLETENESS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/programme.h"

/* 13 items of the six and seven ones, then the 2 duties. */
#define COMPLETENESS_ITEMS 15
#define COMPLETENESS_POLICY_ITEMS 13

struct completeness_item {
	const char *id;      /* "leading_list", "fund", ... */
	const char *name_zh; /* 龙头和隐形冠军企业清单, 基金, ... */
	const char *group;   /* "six", "seven" or "duty" */
	const char *list;    /* the list that holds it; NULL for the cluster itself */
	const char *const *kinds; /* roles or types within the list that count; NULL: every record */
};

extern const struct completeness_item completeness_items[COMPLETENESS_ITEMS];

struct completeness {
	size_t n;              /* industries, in programme order */
	long (*count)[COMPLETENESS_ITEMS];
};

void completeness_init(struct completeness *c, const struct programme *p);
/* Add `count` records of `list` (with role/type `kind`, may be NULL) for industry id `industry`. */
void completeness_add(struct completeness *c, const struct programme *p, const char *list,
                      const char *industry, const char *kind, long count);
/* How many of the 13 policy items industry `i` has. */
int completeness_present(const struct completeness *c, size_t i);
void completeness_free(struct completeness *c);

#endif
