/* cultivation.c - counting the cultivation ladder; see cultivation.h. */
#include "engine/cultivation.h"

#include <string.h>

const char *const cultivation_stage_names[CULTIVATION_STAGES] = {"个体户", "企业", "规上",
                                                                 "专精特新", "上市"};
const char *const cultivation_move_names[CULTIVATION_MOVES] = {"个转企", "小升规", "规做精",
                                                               "优上市"};

void cultivation_add(struct cultivation *c, const char *stage, const char *const dates[4],
                     const struct period *period)
{
	c->total++;
	for (int i = 0; stage && i < CULTIVATION_STAGES; i++)
		if (strcmp(stage, cultivation_stage_names[i]) == 0)
			c->stage[i]++;
	for (int i = 0; period && i < CULTIVATION_MOVES; i++)
		if (period_contains(period, dates[i]))
			c->moves[i]++;
}
