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

/* Logical path of the built-in programme in the embedded files. */
#define CATALOG_BUILTIN_PATH "catalog/shenzhen-20plus8.json"

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

/* JSON views; each returns a new reference the caller must json_decref. */
json_t *catalog_industry_json(const struct industry *ind);
json_t *catalog_district_json(const struct programme *p, const struct district *d);
/* The programme without its industries and districts, plus "counts" and "source". */
json_t *catalog_programme_json(const struct programme *p);

#endif
