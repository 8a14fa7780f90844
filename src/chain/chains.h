/*
 * chains.h - industry chain maps between the store and engine/chain.h: importing and exporting
 * chain maps, candidate enterprises and supplier relations (CSV or XLSX through io/sheet.h, all
 * or nothing, every problem named by file, row and column), building each industry's coverage
 * (its member enterprises tagged to its nodes, their revenue, supplier relations), suggesting
 * candidates for weak and missing nodes, adding chosen ones to the investment-promotion list
 * (the leads list, through the list's own validation) and the JSON the CLI and the API share.
 *
 * File forms (headers in Chinese or English; README.md documents them):
 * - chain map: 产业/industry, 环节编号/node, 环节名称/name, 环节位置/stage (上游/中游/下游 or
 *   upstream/midstream/downstream), 上级环节/parent, 卡脖子/critical (1/0, 是/否),
 *   关键词/keywords (a|b), 行业代码/industry_codes (a|b, GB/T 4754 codes of 2-4 digits),
 *   依据/basis. An import replaces the maps of the industries it names.
 * - candidates: the enterprise list's columns (统一社会信用代码, 企业名称, 行业代码, 经营范围,
 *   主营产品, 企业规模, 专精特新, 单项冠军, 独角兽, 国家高新技术企业, 上市板块, 股票代码) plus
 *   所在城市 (required), 目标产业 and 营业收入（万元）, 备注; matched by name.
 * - supplier relations: 采购方信用代码, 供应商名称, 供应商信用代码, 供应商所在城市, 环节编号,
 *   采购金额（万元）; matched by buyer, supplier name and node.
 *
 * Ownership: results and views own what they hold; free them with their _free functions.
 */
#ifndef JIQUN_CHAIN_CHAINS_H
#define JIQUN_CHAIN_CHAINS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "engine/chain.h"
#include "lists/lists.h"
#include "auth/auth.h"
#include "store/store.h"

/* Logical path of the built-in chain maps in the embedded files. */
#define CHAINS_BUILTIN_PATH "chains/shenzhen-20plus8-chains.csv"

enum chains_kind { CHAINS_MAP, CHAINS_CANDIDATES, CHAINS_SUPPLIERS };

struct chains_import_result {
	long rows, written;
	struct issues issues; /* every problem: row, column, value, reason */
	char *ignored;        /* headers naming no column, joined by "、"; NULL if none */
};

/*
 * Import `path` (.csv or .xlsx) as `kind`. ERR_OK when written (or it would be, with dry_run);
 * ERR_REJECTED when rows had problems and nothing was written (res->issues says which); other
 * errors for a file that cannot be read as a table (e says why).
 */
enum err_code chains_import(struct store *s, const struct list_ctx *ctx, enum chains_kind kind,
                            const char *path, bool dry_run, struct chains_import_result *res,
                            struct err *e);

/* The same for a table in memory: `cells` is rows x cols (row 0 the header), NULL cells empty;
 * `origin` names it in messages. The demo writes through this. */
enum err_code chains_import_cells(struct store *s, const struct list_ctx *ctx,
                                  enum chains_kind kind, const char *const *cells, size_t rows,
                                  size_t cols, const char *origin, bool dry_run,
                                  struct chains_import_result *res, struct err *e);
void chains_import_result_free(struct chains_import_result *r);

/* Store the built-in maps when no chain node is stored yet; *added says whether it did. */
enum err_code chains_builtin(struct store *s, const struct list_ctx *ctx, bool *added,
                             struct err *e);

/* Write the map of `industry` (NULL: all) to `path` (.csv or .xlsx), as import reads it. */
enum err_code chains_export(struct store *s, const struct programme *p, const char *industry,
                            const char *path, long *rows /* OUT */, struct err *e);

/* ---- settings ---- */

/* The thresholds in force: stored ones over the defaults. */
enum err_code chains_settings(struct store *s, struct chain_settings *out, struct err *e);
/* Store them (checked first: ERR_INVALID when not chain_settings_valid). */
enum err_code chains_settings_put(struct store *s, const struct chain_settings *set,
                                  struct err *e);

/* ---- coverage ---- */

struct chains_firm {
	long long id;
	char *uscc, *name;
	double value; /* the value indicator of the value year, yuan; NAN unknown */
};

struct chains_view {
	const struct industry *ind;
	struct chain_node *nodes;
	char **basis;          /* per node */
	size_t n;
	struct chain_tagger *tagger;
	struct chain_cov cov;
	struct chain_tag_pair *pairs; /* the direct tags, with how each was made */
	unsigned char *pair_hits;     /* CHAIN_HIT_* per pair */
	size_t n_pairs;
	long members;                 /* member enterprises of the industry */
};

struct chains_all {
	struct chains_view *views;
	size_t n;
	struct chains_firm *firms; /* the members of the industries built */
	size_t n_firms;
	struct chain_settings set;
	int value_indicator;       /* IND_REVENUE or IND_VALUE_ADDED; -1 when no values */
	int value_year;            /* 0 when no values */
	long supply_relations;
};

/*
 * Build the coverage of `industry` (id or Chinese name; NULL: every industry with a map) from the
 * stored maps, memberships (`jiqun classify`), enterprise values (the latest year with a whole
 * year of 营业收入, else of 增加值) and supplier relations. `set` overrides the stored thresholds
 * when not NULL. ERR_NOT_FOUND when the industry is unknown or has no map.
 */
enum err_code chains_build(struct store *s, const struct programme *p, const char *industry,
                           const struct chain_settings *set, struct chains_all *out /* OUT */,
                           struct err *e);
void chains_all_free(struct chains_all *a);

/* The node of view `v` with id `id`, or -1. */
int chains_node_index(const struct chains_view *v, const char *id);

/* ---- targeting ---- */

struct chains_suggestion {
	size_t node;
	struct store_chain_candidate c; /* strings owned by the list */
	unsigned hits;
	double score;
	char reason[320];
};

struct chains_suggestions {
	struct chains_suggestion *items;
	size_t n;
	struct store_chain_candidate *cands; /* the industry's candidates (owned copies) */
	size_t n_cands;
};

/*
 * Candidates for the weak, missing and critical-gap nodes of `v` (only `node` when not NULL: then
 * whatever its status), ranked (chain_rank), at most `limit` per node (< 0: all).
 */
enum err_code chains_suggest(struct store *s, const struct chains_view *v, const char *node,
                             long limit, struct chains_suggestions *out /* OUT */, struct err *e);
void chains_suggestions_free(struct chains_suggestions *x);

struct chains_added {
	char *name;
	char *node;      /* the node's name */
	bool existed;    /* already in the leads list: left as it was */
	long long id;    /* the lead's id */
};

/*
 * Add the candidates `who[0..n)` (credit code or name) as leads of v's industry with channel
 * 产业链招商 and stage 线索, the node (`node`, or the candidate's first suggested node) and the
 * reason in the note, through the leads list's validation, all or nothing. ERR_NOT_FOUND for an
 * unknown candidate, ERR_INVALID for one matching no weak or missing node (without `node`),
 * ERR_REJECTED (with e's message naming the field) when the list refuses a record. Each lead is
 * a write by `p`: change_may_create decides it (ERR_FORBIDDEN / ERR_UNAUTHENTICATED) and each
 * new lead leaves one audit entry (change_created), in the same transaction.
 */
enum err_code chains_add_leads(struct store *s, const struct list_ctx *ctx,
                               const struct principal *p, const struct chains_view *v,
                               const char *node,
                               const char *const *who, size_t n, const char *source,
                               struct chains_added **out /* OUT */, size_t *n_out /* OUT */,
                               struct err *e);
void chains_added_free(struct chains_added *a, size_t n);

/* ---- JSON (CLI --json and the API) ---- */

/* {"nodes":[...], "coverage":{...}} for one view; with_firms adds each node's enterprises. */
json_t *chains_view_json(const struct chains_all *a, const struct chains_view *v, bool with_firms);
/* One node with its enterprises (all), for the node endpoint. */
json_t *chains_node_json(const struct chains_all *a, const struct chains_view *v, size_t node,
                         bool with_firms);
/* The summary of every view: [{"industry","name","score","nodes","by_status",...}]. */
json_t *chains_summary_json(const struct chains_all *a);
/* The critical gaps across views: [{"industry","industry_name","node","name","stage","count","status"}]. */
json_t *chains_gaps_json(const struct chains_all *a);
json_t *chains_suggestions_json(const struct chains_view *v, const struct chains_suggestions *x);
/* The label of the values: "2024年营业收入" ("" when none). */
void chains_value_label(const struct chains_all *a, char *out, size_t cap);

#endif
