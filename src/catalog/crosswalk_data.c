/*
 * crosswalk_data.c - the crosswalk between programme versions as a CSV file: reading it into
 * engine/crosswalk links, checking it against the programmes it joins, and the built-in
 * 2022-2024 one (data/catalog/crosswalk-2022-2024.csv); see catalog.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/mem.h"
#include "catalog/catalog.h"
#include "engine/crosswalk.h"
#include "io/csv.h"

enum { C_FROM_V, C_FROM_I, C_TO_V, C_TO_I, C_KIND, C_WEIGHT, C_BASIS, N_COLS };
static const char *const col_names[N_COLS] = {"from_version", "from_industry", "to_version",
                                              "to_industry",  "kind",          "weight",
                                              "basis"};

static void link_free(struct xw_link *l)
{
	free((char *)l->from_version);
	free((char *)l->from_industry);
	free((char *)l->to_version);
	free((char *)l->to_industry);
	free((char *)l->basis);
}

void catalog_crosswalk_free(struct catalog_crosswalk *x)
{
	if (x == NULL)
		return;
	for (size_t i = 0; i < x->n; i++)
		link_free(&x->links[i]);
	free(x->links);
	free(x);
}

static enum err_code read_row(const struct csv_row *row, const int *col, const char *origin,
                              size_t line, struct xw_link *l, struct err *e)
{
	const char *f[N_COLS];
	for (int c = 0; c < N_COLS; c++)
		f[c] = col[c] >= 0 && (size_t)col[c] < row->n ? row->field[col[c]] : "";
	for (int c = 0; c < C_WEIGHT; c++)
		if (f[c][0] == '\0')
			return err_set(e, ERR_INVALID, "%s: row %zu, column %s: must not be empty", origin,
			               line, col_names[c]);
	if (!xw_kind_parse(f[C_KIND], &l->kind))
		return err_set(e, ERR_INVALID,
		               "%s: row %zu, column kind: \"%s\" is not same, rename, merge or split", origin,
		               line, f[C_KIND]);
	if (f[C_WEIGHT][0]) {
		char *end;
		double w = strtod(f[C_WEIGHT], &end);
		if (*end != '\0' || !isfinite(w))
			return err_set(e, ERR_INVALID, "%s: row %zu, column weight: \"%s\" is not a number",
			               origin, line, f[C_WEIGHT]);
		l->weight = w;
		l->has_weight = true;
	}
	l->from_version = xstrdup(f[C_FROM_V]);
	l->from_industry = xstrdup(f[C_FROM_I]);
	l->to_version = xstrdup(f[C_TO_V]);
	l->to_industry = xstrdup(f[C_TO_I]);
	l->basis = f[C_BASIS][0] ? xstrdup(f[C_BASIS]) : NULL;
	return ERR_OK;
}

enum err_code catalog_crosswalk_parse(const char *csv, size_t len, const char *origin,
                                      struct catalog_crosswalk **out, struct err *e)
{
	struct csv_reader *r = csv_reader_new(csv, len, origin);
	struct catalog_crosswalk *x = xcalloc(1, sizeof *x);
	struct csv_row row;
	size_t cap = 0;
	int col[N_COLS];
	*out = NULL;
	enum err_code rc = csv_reader_next(r, &row, e);
	if (rc == ERR_NOT_FOUND)
		rc = err_set(e, ERR_INVALID, "%s: empty file; the header row is missing", origin);
	for (int c = 0; c < N_COLS && rc == ERR_OK; c++) {
		const char *aliases[] = {col_names[c], NULL};
		col[c] = csv_header_index(&row, aliases);
		if (col[c] < 0 && c != C_BASIS && c != C_WEIGHT)
			rc = err_set(e, ERR_INVALID, "%s: row 1: column %s is missing", origin, col_names[c]);
	}
	while (rc == ERR_OK) {
		rc = csv_reader_next(r, &row, e);
		if (rc == ERR_NOT_FOUND) {
			rc = ERR_OK;
			break;
		}
		if (rc != ERR_OK)
			break;
		if (x->n == cap) {
			cap = cap ? cap * 2 : 32;
			x->links = xrealloc(x->links, cap * sizeof *x->links);
		}
		struct xw_link *l = &x->links[x->n];
		memset(l, 0, sizeof *l);
		rc = read_row(&row, col, origin, csv_reader_line(r), l, e);
		if (rc != ERR_OK)
			link_free(l);
		else
			x->n++;
	}
	csv_reader_free(r);
	if (rc == ERR_OK)
		rc = xw_check(x->links, x->n, origin, e);
	if (rc != ERR_OK) {
		catalog_crosswalk_free(x);
		return rc;
	}
	*out = x;
	return ERR_OK;
}

static const struct programme *by_version(const struct programme *const *progs, size_t n,
                                          const char *version)
{
	for (size_t i = 0; i < n; i++)
		if (progs[i]->version && strcmp(progs[i]->version, version) == 0)
			return progs[i];
	return NULL;
}

enum err_code catalog_crosswalk_check(const struct catalog_crosswalk *x,
                                      const struct programme *const *progs, size_t n,
                                      struct err *e)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct xw_link *l = &x->links[i];
		const char *side[2][2] = {{l->from_version, l->from_industry},
		                          {l->to_version, l->to_industry}};
		for (int s = 0; s < 2; s++) {
			const struct programme *p = by_version(progs, n, side[s][0]);
			if (p == NULL)
				return err_set(e, ERR_INVALID, "crosswalk row %zu: no programme has version \"%s\"",
				               i + 2, side[s][0]);
			if (programme_industry(p, side[s][1]) == NULL)
				return err_set(e, ERR_INVALID,
				               "crosswalk row %zu: version %s (%s) has no industry \"%s\"", i + 2,
				               side[s][0], p->id, side[s][1]);
		}
	}
	return ERR_OK;
}

enum err_code catalog_crosswalk_builtin(struct catalog_crosswalk **out, struct err *e)
{
	const struct embed_file *f = embed_find(CATALOG_CROSSWALK_PATH);
	struct programme *progs[2] = {NULL, NULL};
	*out = NULL;
	if (f == NULL)
		return err_set(e, ERR_INTERNAL, "the built-in crosswalk is missing from this build");
	enum err_code rc = catalog_crosswalk_parse((const char *)f->data, f->len,
	                                           "built-in " CATALOG_CROSSWALK_PATH, out, e);
	if (rc == ERR_OK)
		rc = catalog_builtin_version("2022", &progs[0], e);
	if (rc == ERR_OK)
		rc = catalog_builtin_version("2024", &progs[1], e);
	if (rc == ERR_OK)
		rc = catalog_crosswalk_check(*out, (const struct programme *const *)progs, 2, e);
	programme_free(progs[0]);
	programme_free(progs[1]);
	if (rc != ERR_OK) {
		catalog_crosswalk_free(*out);
		*out = NULL;
	}
	return rc;
}
