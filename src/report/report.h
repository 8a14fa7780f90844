/*
 * report.h - the semi-annual rolling report (issue 5): inputs taken from the store into a
 * snapshot, a document built from the snapshot only, and what changed since the previous report.
 *
 * The flow is two steps, so a past report can be written again byte for byte:
 *   1. report_take: the engine results the report needs, as the exact JSON the API serves
 *      (monitor_report_json for the period, the year before and each district; the series, the
 *      targets, completeness, cultivation, projects, leads; the briefs; the programme's industries
 *      and districts), gathered into one JSON object, serialised canonically (sorted keys,
 *      compact, 17 significant digits), hashed (SHA-256) and stored compressed (zlib) in the
 *      store as a snapshot. The snapshot also names the previous report's snapshot (the latest
 *      one of the same period, else of the period before), chosen once, when it is taken.
 *   2. report_build: the doc (report/doc.h) from a snapshot and its previous one, nothing else:
 *      no clock, no store. Rendering the same doc gives the same bytes.
 *
 * Ownership: JSON results are new references (json_decref); report_build fills a doc the caller
 * frees with doc_free. Not thread-safe on one store (the store is not).
 */
#ifndef JIQUN_REPORT_REPORT_H
#define JIQUN_REPORT_REPORT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
#include "base/err.h"
#include "model/programme.h"
#include "report/doc.h"
#include "store/store.h"

#define REPORT_SNAPSHOT_FORMAT 1

enum report_mode {
	REPORT_AUTO,          /* the latest snapshot of the period when there is one, else a new one */
	REPORT_REFRESH,       /* always a new snapshot */
	REPORT_FROM_SNAPSHOT  /* only an existing snapshot (ERR_NOT_FOUND when none) */
};

struct report_run {
	long long snapshot_id, previous_id; /* previous_id 0: none */
	char sha256[65], taken_at[32];
	bool reused;           /* an existing snapshot was used */
	size_t json_bytes, stored_bytes;
};

/*
 * Take the inputs of `period` ("2025H1", "2025", ...) from the store into *inputs, stamped with
 * `taken_at` (ISO 8601), without storing them. ERR_INVALID for a bad period.
 */
enum err_code report_take(struct store *s, const struct programme *p, const char *period,
                          const char *taken_at, json_t **inputs /* OUT */, struct err *e);

/*
 * Get the inputs of `period` by `mode` (taking and storing a new snapshot when needed), and the
 * previous report's inputs (*previous NULL when there is none). `snapshot_id` > 0 picks that
 * snapshot (mode ignored). A stored snapshot whose hash does not match is ERR_CORRUPT.
 */
enum err_code report_prepare(struct store *s, const struct programme *p, const char *period,
                             enum report_mode mode, long long snapshot_id,
                             json_t **inputs /* OUT */, json_t **previous /* OUT */,
                             struct report_run *run /* OUT */, struct err *e);

/* The canonical text of inputs (what is hashed and stored), into `out`. */
void report_canonical(const json_t *inputs, struct buf *out);

/*
 * Build the report's doc from `inputs` and `previous` (NULL: no previous report) in `lang`
 * ("zh" or "en"). ERR_INVALID when inputs are not a snapshot of this format.
 */
enum err_code report_build(const json_t *inputs, const json_t *previous, const char *lang,
                           struct doc *out /* OUT */, struct err *e);

/* report_prepare then report_build: the doc of `period` in `lang`, and what the run used. */
enum err_code report_make(struct store *s, const struct programme *p, const char *period,
                          enum report_mode mode, long long snapshot_id, const char *lang,
                          struct doc *out /* OUT */, struct report_run *run /* OUT */,
                          struct err *e);

/* Whether `format` is one report_render writes: "html", "pdf", "xlsx" or "json". */
bool report_format_known(const char *format);

/* Write the doc at `path` in `format` (see report_format_known). ERR_IO when it cannot. */
enum err_code report_render(const struct doc *d, const char *format, const char *path,
                            struct err *e);

/* The doc as JSON (blocks in order, tables and charts with their numbers), for tests and tools. */
json_t *report_doc_json(const struct doc *d);

/* ---- briefs (world trends, curated by hand) ---- */

/*
 * Check and store the brief of `industry` (an id or Chinese name) for `period` from the markdown
 * text `text` read from `file`. ERR_INVALID for an unknown industry, a bad period, empty or
 * non-UTF-8 text, or text without a sources list (a line 来源 / 资料来源 / Sources).
 */
enum err_code report_brief_add(struct store *s, const struct programme *p, const char *industry,
                               const char *period, const char *text, size_t len, const char *file,
                               struct err *e);

#endif
