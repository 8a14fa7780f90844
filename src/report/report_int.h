/*
 * report_int.h - inside report/: the builder's state shared by build.c, sections.c and
 * strings.c, and the string table (Chinese and English) every sentence and label comes from.
 * Not for use outside src/report/.
 *
 * Format strings: sentences are printf formats chosen at run time from the table, so the files
 * that use them turn off -Wformat-nonliteral; tests/unit/report/test_strings.c checks that the
 * Chinese and English formats of every entry take the same conversions in the same order.
 */
#ifndef JIQUN_REPORT_REPORT_INT_H
#define JIQUN_REPORT_REPORT_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "report/doc.h"

enum rb_str {
	S_TITLE, S_SUBTITLE, S_TABLE_N, S_UNIT_YI, S_UNIT_WAN_REN, S_UNIT_ITEM, S_UNIT_PP,
	S_GROWTH_NONE, S_GROWTH_UP, S_GROWTH_DOWN, S_SHARE_GDP, S_SHARE_GDP_NONE, S_SEMI, S_COMMA,
	S_LIST_SEP, S_NONE, S_YES, S_NO_DATA, S_PUBLISHED, S_COMPUTED, S_REVISED_MARK,
	S_H_SUMMARY, S_SUM_NODATA, S_SUM_VA, S_SUM_OTHERS, S_SUM_CLUSTERS, S_SUM_TARGET,
	S_SUM_PROJECTS, S_SUM_CULT, S_SUM_BRIEFS, S_NOTE_FIGURE_SOURCE,
	S_H_TARGETS, S_T_TARGETS, S_COL_TARGET, S_COL_YEAR, S_COL_TARGET_VALUE, S_COL_ACHIEVED,
	S_COL_ELAPSED, S_COL_GROWTH_NEEDED, S_COL_STATUS, S_C_GAUGE, S_CHART_ACHIEVED_YEAR, S_CHART_TARGET,
	S_GAUGE_NOTE,
	S_H_OVERVIEW, S_C_TREND, S_SERIES_COMPUTED, S_SERIES_PUBLISHED, S_NO_SERIES, S_C_RANK, S_IND_VA,
	S_C_CONTRIB, S_CONTRIB, S_SRC_STATS, S_T_INDUSTRIES, S_COL_INDUSTRY, S_COL_VA_YI, S_COL_GROWTH,
	S_COL_SHARE_PROG, S_COL_CONTRIB, S_COL_N_ENT, S_COL_SOURCE, S_NOTE_REVISED,
	S_H_CLUSTERS, S_H_FUTURES, S_IND_SENT, S_IND_NODATA, S_T_IND_INDICATORS, S_COL_INDICATOR,
	S_COL_THIS, S_COL_UNIT, S_COL_YEAR_EARLIER, S_T_IND_DISTRICTS, S_COL_DISTRICT, S_COL_SHARE_DIST,
	S_COL_LQ, S_COL_STRONG, S_IND_NO_DISTRICTS, S_IND_SIX, S_LATE_ITEM, S_IND_NO_PROJECTS,
	S_IND_PROJECTS, S_IND_LEADS, S_IND_NO_LEADS, S_CHAIN_NONE, S_CHAIN_WEAK, S_CHAIN_NO_WEAK,
	S_CHAIN_ITEM,
	S_H_DISTRICTS, S_T_DISTRICTS, S_COL_VA_YI_ALL, S_COL_SHARE_GDP, S_COL_ASSIGNED,
	S_COL_STRONG_LIST, S_DIST_NODATA, S_DIST_LINE, S_NOTE_LQ,
	S_H_CULT, S_T_TAGS, S_COL_TAG, S_COL_COUNT, S_STAGE_LABEL, S_T_CULT_IND, S_NOTE_CULT,
	S_H_TRENDS, S_BRIEF_HEAD, S_BRIEF_FILE, S_BRIEF_MISSING, S_BRIEF_ALL,
	S_H_CHANGES, S_CHG_FIRST, S_CHG_AGAINST, S_CHG_REVISED_HEAD, S_CHG_NO_REVISIONS, S_T_REVISIONS,
	S_COL_OBJECT, S_COL_BEFORE, S_COL_NOW, S_COL_DIFF, S_CHG_DELAYED, S_CHG_NO_DELAYED,
	S_CHG_RISK, S_CHG_NO_RISK,
	S_H_APPENDIX, S_T_APP_FIGURES, S_T_APP_SIX, S_T_APP_LEADS, S_T_APP_PROJECTS, S_COL_CODE,
	S_COL_NAME, S_COL_PLAN, S_COL_DONE, S_COL_RATIO, S_COL_TOTAL, S_COL_LEVEL,
	S_H_SOURCES, S_SRC_SNAPSHOT, S_SRC_COMPUTED, S_SRC_NOT_COMPUTED, S_SRC_FIGURES, S_SRC_LISTS,
	S_NOTE_UNITS,
	S_COUNT
};

/* The entry `id` in Chinese or English. */
const char *rb_str(enum rb_str id, bool en);
/* Tests: the raw entry (en false: Chinese). */
#define T(id) rb_str((id), b->en)

struct rb {
	struct doc *d;
	const json_t *in, *prev; /* inputs, previous report's inputs (NULL: none) */
	bool en;
	int sec, sub, ntab;
	char period_text[64];
	/* Revisions: the previous report's figures of the same period (NULL when the previous report
	 * is of another period or there is none). */
	const json_t *prev_same;
};

/* A numbered table with a unique sheet name; its cells NAN until set. */
struct doc_table *rb_table(struct rb *b, const char *title, const char *source, size_t ncols,
                           const char *const *headers, const enum doc_numfmt *fmts, size_t nrows);
const char *rb_industry_name(const struct rb *b, const char *id);

/* sections.c */
void rb_compare_init(struct rb *b);
void rb_compare_free(struct rb *b);
/* Whether the figure differs from the previous report's figure of the same period. */
bool rb_revised(const struct rb *b, const char *level, const char *key, const char *district,
                const char *indicator);
void rb_chain_weak_links(struct rb *b, const char *industry);
void rb_briefs(struct rb *b);
void rb_changes(struct rb *b);
void rb_appendix(struct rb *b);

#endif
