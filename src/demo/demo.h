/*
 * demo.h - the demo data set: a seeded generator that fills all seven lists with plausible,
 * fictional records (Chinese names, valid credit codes, districts as the policy assigns them), so
 * that `make run` shows a working dashboard. Rows are stored with source "demo", which is how the
 * UI marks them as demo data.
 *
 * Everything goes through the same path as an import: each record is built as the text an
 * official would type, parsed field by field with field_parse and checked with the list's check;
 * any issue is a generator bug and fails loudly (ERR_INTERNAL naming the list, field and message).
 * The same seed and size always give the same records, so running it twice changes nothing.
 *
 * What is generated (default size; "cluster" and "future" as in the programme):
 *  - enterprises: 800 firms spread over the industries (clusters about four times as many as
 *    futures), each in a district its industry's clause names (any district when it names none);
 *    tags at realistic rates, cultivation stages consistent with them, stage dates in order after
 *    the founding date, some in 2025H1 for each of 个转企, 小升规, 规做精 and 优上市;
 *  - listings: per cluster 3-8 龙头企业 and 2-6 隐形冠军 (the enterprise's own tags say so too),
 *    a 链主企业 in some clusters, 重点企业, 专精特新 and 独角兽; per future industry 1-3 重点企业
 *    plus its 专精特新 and 独角兽 firms (future industries have no 龙头企业 or 隐形冠军);
 *  - leads: 1-25 per industry, stage dates increasing up to DEMO_AS_OF;
 *  - projects: 3-15 per cluster, 1-3 per future industry, year 2025 with m01-m10 filled (data as of
 *    DEMO_AS_OF) so that some are ahead of, some on and some behind their annual plan;
 *  - platforms: 1-6 per industry; policies: 1-3 per industry plus several spanning industries;
 *  - orgs: per industry a fund, expo, forum, association, alliance, team, consulting
 *    institution, 链长 and 专员;
 *  - indicator values (demo_indicators.c): for firms with a statistical report (规上, 龙头,
 *    listed) monthly cumulative value added, revenue, profit, tax and R&D 2024-01..2025-09,
 *    employees at each month's end, invention patents for 2024; the city's GDP as published
 *    aggregates (1-N月累计 per quarter) with source 演示数据. `jiqun classify` and `jiqun compute`
 *    turn them into the programme's figures.
 *  - a point (经度/纬度, GCJ-02) inside its district's shape on the built-in map for every
 *    enterprise, project and platform (demo_map.c says how districts without a shape are drawn);
 *  - parks: the 20 advanced manufacturing parks of 四（二） in 宝安, 光明, 龙华, 龙岗, 坪山 and 深汕,
 *    300 km² planned in all, each with 启动区 (20 %, drawn as a square around the park's centre),
 *    拓展区 (35 %) and 储备区 (45 %), and cumulative 土地整备 and 定制化厂房 for 2025Q1-Q3.
 *
 * Deliberate gaps, the same for every seed (demo_gaps lists them), so the completeness matrix
 * has empty cells to show:
 *  - no fund (orgs 基金) for 4 industries: modern-fashion, digital-creative, marine,
 *    deep-earth-sea;
 *  - no consulting institution (orgs 咨询机构) for 5: safety-energy-saving-env, big-health,
 *    blockchain, brain-science, vlc-optical-computing;
 *  - no expo (orgs 展会) for 6 of the 8 future industries (all but aerospace and
 *    quantum-information);
 *  - no leads for 3 clusters: modern-fashion, safety-energy-saving-env, big-health;
 *  - no platforms for 2 clusters: digital-creative, marine;
 *  - no projects for 3 future industries: brain-science, deep-earth-sea, vlc-optical-computing.
 *
 * Not for: real data; anything but a programme with the built-in industries' ids (others get
 * generic words and no industry codes, and no gaps).
 * Ownership: nothing is allocated for the caller. Uses its own PRNG (never rand()).
 */
#ifndef JIQUN_DEMO_DEMO_H
#define JIQUN_DEMO_DEMO_H

#include <stdbool.h>

#include "base/err.h"
#include "lists/lists.h"
#include "store/store.h"

/* The day the demo data describes: projects have completed investment for m01..m10 of 2025. */
#define DEMO_AS_OF "2025-10-31"
#define DEMO_SEED_DEFAULT 1u
#define DEMO_ENTERPRISES_DEFAULT 800u
/* The number of lists, as in lists_all. */
#define DEMO_N_LISTS 11

struct demo_size {
	unsigned enterprises; /* firms in the enterprise list; at least 100 */
};

struct demo_counts {
	long records[DEMO_N_LISTS]; /* records written per list, in the order of lists_all */
	long inserted, updated, unchanged; /* outcomes of store_list_put over all lists */
};

/* A deliberate gap: no record of `list` (of `kind`, when not NULL) for `industry`. */
struct demo_gap {
	const char *list;     /* "orgs", "leads", "platforms", "projects" */
	const char *kind;     /* the org type for orgs, NULL for a whole list */
	const char *industry; /* industry id */
};

/* The gaps described above; ends with an entry whose `list` is NULL. */
extern const struct demo_gap demo_gaps[];

/* Whether the demo leaves `list` (`kind` may be NULL) empty for `industry` on purpose. */
bool demo_is_gap(const char *list, const char *kind, const char *industry);

/*
 * Generate the demo data for `seed` and write it into `s` with source "demo", all lists in one
 * transaction (nothing is written on failure). `ctx` is the programme and code tables records are
 * parsed with; `size` NULL means the default size. *out (may be NULL) receives the counts.
 * Errors: those of the store; ERR_INVALID for a size below 100 enterprises; ERR_INTERNAL when a
 * generated value fails validation (a bug in the generator).
 */
enum err_code demo_generate(struct store *s, const struct list_ctx *ctx, unsigned seed,
                            const struct demo_size *size, struct demo_counts *out /* OUT */,
                            struct err *e);

#endif
