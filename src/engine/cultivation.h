/*
 * cultivation.h - the enterprise cultivation ladder of policy part 四（三）: how many enterprises
 * stand on each stage (个体户, 企业, 规上, 专精特新, 上市) and how many moved up in a period
 * (个转企, 小升规, 规做精, 优上市), counted from each enterprise's stage and the dates it reached
 * each stage. Pure computation; the caller owns the struct.
 */
#ifndef JIQUN_ENGINE_CULTIVATION_H
#define JIQUN_ENGINE_CULTIVATION_H

#include "model/period.h"

#define CULTIVATION_STAGES 5
#define CULTIVATION_MOVES 4

extern const char *const cultivation_stage_names[CULTIVATION_STAGES]; /* 个体户 … 上市 */
extern const char *const cultivation_move_names[CULTIVATION_MOVES];   /* 个转企 … 优上市 */

struct cultivation {
	long stage[CULTIVATION_STAGES]; /* enterprises at each stage now; unknown stages not counted */
	long moves[CULTIVATION_MOVES];  /* moves dated inside the period */
	long total;                     /* enterprises seen, any stage */
};

/*
 * Count one enterprise: its current stage (may be NULL) and the dates it became 企业, 规上,
 * 专精特新 and 上市 (each may be NULL); a move counts when its date lies in `period` (NULL: none).
 */
void cultivation_add(struct cultivation *c, const char *stage, const char *const dates[4],
                     const struct period *period);

#endif
