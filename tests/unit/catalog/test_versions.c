/*
 * test_versions.c - programme versions (the 2022 document and the 2024 revision), their version
 * fields' validation, the 2022-2024 crosswalk file and restating a series through it.
 */
#include "testutil.h"

#include <math.h>

#include "catalog/catalog.h"
#include "engine/crosswalk.h"

static struct programme *load(const char *key)
{
	struct programme *p = NULL;
	struct err e = {0};
	if (catalog_builtin_version(key, &p, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	return p;
}

static void test_builtin_versions(void **state)
{
	(void)state;
	assert_int_equal(catalog_builtin_count(), 2);
	struct programme *old = load(NULL), *neu = load("2024"), *by_id = load("shenzhen-20plus8-2024");
	assert_string_equal(old->id, CATALOG_DEFAULT_ID);
	assert_string_equal(old->version, "2022");
	assert_null(old->supersedes);
	assert_string_equal(neu->version, "2024");
	assert_string_equal(neu->supersedes, old->id);
	assert_string_equal(by_id->id, neu->id);
	assert_true(neu->notes.n >= 5);
	struct programme *none = (struct programme *)1;
	struct err e = {0};
	assert_int_equal(catalog_builtin_version("2023", &none, &e), ERR_NOT_FOUND);
	assert_null(none);

	/* 20 clusters and 8 futures again: 20 - 3 merged + 1 merged-into + 2 added. */
	int kinds[2] = {0, 0};
	for (size_t i = 0; i < neu->n_industries; i++)
		kinds[neu->industries[i].kind]++;
	assert_int_equal(kinds[KIND_CLUSTER], 20);
	assert_int_equal(kinds[KIND_FUTURE], 8);
	/* What the revision states. */
	const struct industry *ai = programme_industry(neu, "artificial-intelligence");
	const struct industry *la = programme_industry(neu, "low-altitude-aerospace");
	const struct industry *he = programme_industry(neu, "high-end-equipment-instruments");
	assert_non_null(ai);
	assert_non_null(la);
	assert_non_null(he);
	assert_string_equal(ai->name_zh, "人工智能");
	assert_string_equal(la->name_zh, "低空经济与空天");
	assert_string_equal(he->name_zh, "高端装备与仪器");
	assert_string_equal(programme_industry(neu, "smart-robot")->name_zh, "机器人");
	assert_string_equal(programme_industry(neu, "new-materials")->name_zh, "高性能材料");
	assert_string_equal(programme_industry(old, "smart-robot")->name_zh, "智能机器人");
	for (const char *const *g = (const char *const[]){"machine-tools", "laser-additive",
	                                                  "precision-instruments", "software-info", NULL};
	     *g; g++)
		assert_null(programme_industry(neu, *g));
	/* What it does not state is not invented: no text, empty lists, a note saying so. */
	assert_null(ai->clause);
	assert_null(ai->clause_text);
	assert_int_equal(ai->segments.n + ai->technologies.n + ai->carriers.n + ai->districts.n, 0);
	assert_non_null(strstr(ai->note, "不作推测"));
	assert_null(la->category);
	/* The merged cluster carries the union of its parts' 2022 segments (4 + 2 + 3). */
	assert_int_equal(he->segments.n, 9);
	assert_non_null(strstr(he->note, "并集"));
	/* Every industry says where its entry comes from; 2022 tiers and targets are not repeated. */
	for (size_t i = 0; i < neu->n_industries; i++) {
		assert_non_null(neu->industries[i].note);
		assert_int_equal(neu->industries[i].tier, TIER_NONE);
	}
	assert_int_equal(neu->n_targets, 0);
	assert_int_equal(neu->n_tiers, 0);
	/* The seven categories, every cluster but 低空经济与空天 in one. */
	assert_int_equal(neu->n_categories, 7);
	size_t in_cat = 0;
	for (size_t i = 0; i < neu->n_categories; i++)
		in_cat += neu->categories[i].industries.n;
	assert_int_equal(in_cat, 19);
	/* The 2022 document's industries have no note (its file shape is unchanged). */
	for (size_t i = 0; i < old->n_industries; i++)
		assert_null(old->industries[i].note);
	programme_free(old);
	programme_free(neu);
	programme_free(by_id);
}

/* The default document with its programme object edited by `edit`, expected to fail with `want`. */
static void expect_invalid(void (*edit)(json_t *prog, json_t *doc), const char *want)
{
	size_t len;
	const char *s = catalog_builtin_json(&len);
	json_t *doc = json_loadb(s, len, 0, NULL);
	assert_non_null(doc);
	edit(json_object_get(doc, "programme"), doc);
	char *text = json_dumps(doc, 0);
	json_decref(doc);
	struct programme *p = NULL;
	struct err e = {0};
	assert_int_equal(catalog_parse(text, strlen(text), "t.json", &p, &e), ERR_INVALID);
	if (strstr(e.msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	free(text);
}

static void bad_version(json_t *p, json_t *d)
{
	(void)d;
	json_object_set_new(p, "version", json_string("2024 修订"));
}
static void self_superseding(json_t *p, json_t *d)
{
	(void)d;
	json_object_set_new(p, "supersedes", json_string("shenzhen-20plus8"));
}
static void supersedes_without_version(json_t *p, json_t *d)
{
	(void)d;
	json_object_del(p, "version");
	json_object_set_new(p, "supersedes", json_string("older"));
}
static void notes_not_strings(json_t *p, json_t *d)
{
	(void)d;
	json_object_set_new(p, "notes", json_pack("[i]", 1));
}
static void clause_without_text(json_t *p, json_t *d)
{
	(void)p;
	json_object_set_new(json_array_get(json_object_get(d, "industries"), 0), "clause_text",
	                    json_null());
}
static void no_clause_no_note(json_t *p, json_t *d)
{
	(void)p;
	json_t *ind = json_array_get(json_object_get(d, "industries"), 0);
	json_object_set_new(ind, "clause", json_null());
	json_object_set_new(ind, "clause_text", json_null());
}

static void test_version_fields(void **state)
{
	(void)state;
	expect_invalid(bad_version, "programme.version: must be 1-16 characters");
	expect_invalid(self_superseding, "programme.supersedes: must name another programme");
	expect_invalid(supersedes_without_version, "programme.supersedes: needs a version");
	expect_invalid(notes_not_strings, "programme.notes");
	expect_invalid(clause_without_text, "industries[0].clause_text: clause and clause_text");
	expect_invalid(no_clause_no_note, "industries[0].note: missing");
}

static void test_builtin_crosswalk(void **state)
{
	(void)state;
	struct catalog_crosswalk *x = NULL;
	struct err e = {0};
	if (catalog_crosswalk_builtin(&x, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	struct programme *old = load("2022"), *neu = load("2024");
	/* Every 2022 industry has a place in 2024; every 2024 one but the new 低空经济与空天 has a
	 * 2022 source. */
	for (size_t i = 0; i < old->n_industries; i++)
		if (!xw_feeds(x->links, x->n, "2022", "2024", old->industries[i].id))
			fail_msg("2022 %s feeds nothing in 2024", old->industries[i].id);
	for (size_t i = 0; i < neu->n_industries; i++) {
		bool fed = xw_feeds(x->links, x->n, "2024", "2022", neu->industries[i].id);
		assert_true(fed == (strcmp(neu->industries[i].id, "low-altitude-aerospace") != 0));
	}

	/* 2022 figures into 2024: the merge sums exactly, the unpublished split cannot be done. */
	struct xw_value in[] = {{"machine-tools", 300, true}, {"laser-additive", 200, true},
	                        {"precision-instruments", 100, true}, {"software-info", 1000, true},
	                        {"new-materials", 50, true}, {"marine", 70, true}};
	const char *const to[] = {"high-end-equipment-instruments", "artificial-intelligence",
	                          "software-info-2024", "new-materials", "marine",
	                          "low-altitude-aerospace"};
	struct xw_result r[6];
	xw_restate(x->links, x->n, "2022", "2024", in, 6, to, 6, r);
	assert_true(r[0].has && r[0].value == 600 && r[0].flags == 0);
	assert_false(r[1].has);
	assert_int_equal(r[1].flags, XW_NO_WEIGHT);
	assert_false(r[2].has);
	assert_true(r[3].has && r[3].value == 50); /* renamed 高性能材料 */
	assert_true(r[4].has && r[4].value == 70);
	assert_int_equal(r[5].flags, XW_NO_SOURCE);
	/* And back: 软件与信息服务 (2022) is the sum of its two 2024 parts. */
	struct xw_value back[] = {{"software-info-2024", 800, true}, {"artificial-intelligence", 250, true}};
	const char *const old_sw[] = {"software-info"};
	xw_restate(x->links, x->n, "2024", "2022", back, 2, old_sw, 1, r);
	assert_true(r[0].has && r[0].value == 1050 && r[0].flags == 0);
	programme_free(old);
	programme_free(neu);
	catalog_crosswalk_free(x);
}

static void test_crosswalk_file_errors(void **state)
{
	(void)state;
	struct catalog_crosswalk *x = NULL;
	struct err e = {0};
	const char *hdr = "from_version,from_industry,to_version,to_industry,kind,weight,basis\n";
	char buf[512];

	(void)snprintf(buf, sizeof buf, "%s2022,a,2024,a,same,,\n2022,b,2024,c,join,,\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "x.csv: row 3, column kind: \"join\""));
	(void)snprintf(buf, sizeof buf, "%s2022,s,2024,s1,split,0.5x,\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "row 2, column weight"));
	(void)snprintf(buf, sizeof buf, "%s2022,,2024,a,same,,\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "row 2, column from_industry: must not be empty"));
	const char *nokind = "from_version,from_industry,to_version,to_industry\n2022,a,2024,a\n";
	assert_int_equal(catalog_crosswalk_parse(nokind, strlen(nokind), "x.csv", &x, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "column kind is missing"));
	/* Weights are parsed and checked as a whole (xw_check). */
	(void)snprintf(buf, sizeof buf, "%s2022,s,2024,s1,split,0.7,y\n2022,s,2024,s2,split,0.2,y\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "sum to 1"));
	(void)snprintf(buf, sizeof buf, "%s2022,s,2024,s1,split,0.7,y\n2022,s,2024,s2,split,0.3,y\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_OK);
	assert_int_equal(x->n, 2);
	assert_true(x->links[1].has_weight && fabs(x->links[1].weight - 0.3) < 1e-12);
	assert_string_equal(x->links[0].basis, "y");
	/* Against the programmes: an industry a version does not have. */
	struct programme *old = load("2022"), *neu = load("2024");
	const struct programme *progs[] = {old, neu};
	assert_int_equal(catalog_crosswalk_check(x, progs, 2, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "row 2: version 2022 (shenzhen-20plus8) has no industry \"s\""));
	catalog_crosswalk_free(x);
	(void)snprintf(buf, sizeof buf, "%s2022,marine,2030,marine,same,,\n", hdr);
	assert_int_equal(catalog_crosswalk_parse(buf, strlen(buf), "x.csv", &x, &e), ERR_OK);
	assert_int_equal(catalog_crosswalk_check(x, progs, 2, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "no programme has version \"2030\""));
	catalog_crosswalk_free(x);
	programme_free(old);
	programme_free(neu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_versions),
		cmocka_unit_test(test_version_fields),
		cmocka_unit_test(test_builtin_crosswalk),
		cmocka_unit_test(test_crosswalk_file_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
