/*
 * embed.h - files compiled into the binary.
 *
 * The build (tools/embed.sh) turns the built-in catalogue (data/catalog/), the schema migrations
 * (src/store/schema/), the GB/T 4754 code table (data/gbt4754-2017/), the default classification
 * rules (data/rules/), the district map (data/map/) and the dashboard (web/, plus ECharts from
 * node_modules) into read-only byte arrays, so `jiqun` is one file with nothing to install beside
 * it. Logical paths are "catalog/<file>", "schema/<file>", "gbt4754/codes.csv",
 * "rules/<file>", "map/shenzhen-districts.geojson" and "web/<path>". The bytes are followed by a
 * NUL that `len` does not count, so text files can be used as C strings. Everything here is
 * static and thread-safe.
 */
#ifndef JIQUN_BASE_EMBED_H
#define JIQUN_BASE_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *path;          /* logical path, e.g. "web/index.html" */
	const unsigned char *data; /* content, NUL after the last byte */
	size_t len;                /* bytes, excluding that NUL */
};

/* The file at `path`, or NULL. */
const struct embed_file *embed_find(const char *path);

/* All embedded files, sorted by path; *n receives their count. */
const struct embed_file *embed_all(size_t *n);

#endif
