/*
 * catalog.h - the programme catalogue: reading a programme from its JSON document, writing it
 * back as JSON, and the built-in Shenzhen 20+8 programme.
 *
 * The built-in document is data/catalog/shenzhen-20plus8.json, written from the policy text
 * (data/policy/) and compiled into the binary; data/catalog/README.md describes its fields.
 * The same JSON shape is what the store keeps, what `jiqun catalog ... --json` prints and what
 * the API serves, so there is one definition of each field.
 * Not for: classification rules or statistics (engine/).
 */
#ifndef JIQUN_CATALOG_CATALOG_H
#define JIQUN_CATALOG_CATALOG_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "model/programme.h"

/*
 * The built-in programme versions, oldest first. The default (what `jiqun init` stores first, what
 * the dashboard, the API and the lists use when no version is asked for) is the 2022 document:
 * it is the text we hold verbatim, every list, rule and target refers to its industries, and its
 * 2025 targets are what plans measure. The 2024 revision is a second document
 * (shenzhen-20plus8-2024.json) that carries only what is known of the revision; see its notes.
 */
#define CATALOG_BUILTIN_PATH "catalog/shenzhen-20plus8.json"
#define CATALOG_BUILTIN_2024_PATH "catalog/shenzhen-20plus8-2024.json"
#define CATALOG_DEFAULT_ID "shenzhen-20plus8"
#define CATALOG_CROSSWALK_PATH "catalog/crosswalk-2022-2024.csv"

/*
 * Parse and validate a programme document of `len` bytes. `origin` names the document in error
 * messages (a file name). On success *out owns a new programme (free with programme_free).
 * Fails with ERR_INVALID naming the JSON path of the first bad field.
 */
enum err_code catalog_parse(const char *json, size_t len, const char *origin,
                            struct programme **out /* OUT */, struct err *e);

/* The built-in programme, parsed anew; the caller frees it. */
enum err_code catalog_builtin(struct programme **out /* OUT */, struct err *e);

/* The built-in document's bytes (NUL-terminated), for storing it as it is. */
const char *catalog_builtin_json(size_t *len /* OUT */);

/* The number of built-in versions, and the bytes of version i (0 = the default), or NULL. */
size_t catalog_builtin_count(void);
const char *catalog_builtin_json_at(size_t i, size_t *len /* OUT */);
/*
 * The built-in programme whose version ("2024") or id is `key`; NULL gives the default.
 * ERR_NOT_FOUND (message lists the versions) when none matches. The caller frees *out.
 */
enum err_code catalog_builtin_version(const char *key, struct programme **out /* OUT */,
                                      struct err *e);

/*
 * A crosswalk between programme versions (engine/crosswalk.h) read from its CSV: columns
 * from_version, from_industry, to_version, to_industry, kind (same|rename|merge|split), weight
 * (a share in 0..1, empty when unknown), basis. The table owns the links' strings; free with
 * catalog_crosswalk_free.
 */
struct xw_link;
struct catalog_crosswalk {
	struct xw_link *links;
	size_t n;
};
/* Parse and check (xw_check) a crosswalk CSV; errors name `origin`, row and column. */
enum err_code catalog_crosswalk_parse(const char *csv, size_t len, const char *origin,
                                      struct catalog_crosswalk **out /* OUT */, struct err *e);
/* The built-in 2022-2024 crosswalk, parsed and checked against both built-in versions. */
enum err_code catalog_crosswalk_builtin(struct catalog_crosswalk **out /* OUT */, struct err *e);
/* Every industry a link names exists in the programme of that version (progs[0..n) by version). */
enum err_code catalog_crosswalk_check(const struct catalog_crosswalk *x,
                                      const struct programme *const *progs, size_t n,
                                      struct err *e);
void catalog_crosswalk_free(struct catalog_crosswalk *x);

/* JSON views; each returns a new reference the caller must json_decref. */
json_t *catalog_industry_json(const struct industry *ind);
json_t *catalog_district_json(const struct programme *p, const struct district *d);
/* The programme without its industries and districts, plus "counts" and "source". */
json_t *catalog_programme_json(const struct programme *p);

#endif
