/*
 * fuzz_json.c - libFuzzer target for JSON request bodies: a list record from JSON
 * (api_record_parse in src/http/api_lists.c), the path every POST and PUT of a list record takes
 * before the checks against stored data: jansson, the value-to-cell conversion, the field rules
 * (credit codes, dates, amounts, districts, industries, enums) and the list's cross-field checks.
 * The first byte picks the list; the rest is the body.
 */
#include <stdio.h>
#include <stdlib.h>

#include "catalog/catalog.h"
#include "catalog/industry_codes.h"
#include "fuzz_common.h"
#include "http/http_int.h"

static struct programme *programme;
static struct industry_codes *codes;
static struct list_ctx lists;
static size_t n_lists;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct err e = {0};
	if (catalog_builtin(&programme, &e) != ERR_OK || industry_codes_load(&codes, &e) != ERR_OK) {
		(void)fprintf(stderr, "fuzz_json: %s\n", e.msg);
		abort();
	}
	lists.programme = programme;
	lists.codes = codes;
	while (lists_all[n_lists])
		n_lists++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const struct list_def *l = lists_all[data[0] % n_lists];
	struct record rec = {0};
	struct issues is = {0};
	struct err e = {0};
	enum err_code rc = api_record_parse(&lists, l, (const char *)data + 1, size - 1, &rec, &is, &e);
	if (rc != ERR_OK && e.msg[0] == '\0')
		abort(); /* a 400 must say why */
	for (size_t i = 0; i < is.n; i++)
		if (is.items[i].column == NULL || is.items[i].message == NULL)
			abort(); /* every issue names its field and says what is wrong */
	record_free(&rec);
	issues_free(&is);
	return 0;
}
