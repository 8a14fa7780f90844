/*
 * completeness.c - counting the six and seven ones per industry; see completeness.h. The 一集群
 * item ("one cluster") is the industry itself, present by definition, so every industry scores
 * at least 1 of 13.
 */
#include "engine/completeness.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define KINDS(...) ((const char *const[]){__VA_ARGS__, NULL})

const struct completeness_item completeness_items[COMPLETENESS_ITEMS] = {
	{"leading_list", "龙头和隐形冠军企业清单", "six", "listings", KINDS("龙头企业", "隐形冠军", "链主企业")},
	{"lead_list", "招商引资清单", "six", "leads", NULL},
	{"project_list", "重点投资项目清单", "six", "projects", NULL},
	{"innovation", "科技创新体系", "six", "platforms", NULL},
	{"policy_toolkit", "政策工具包", "six", "policies", NULL},
	{"consulting", "战略咨询支撑机构", "six", "orgs", KINDS("咨询机构")},
	{"cluster", "一集群", "seven", NULL, NULL},
	{"fund", "一基金", "seven", "orgs", KINDS("基金")},
	{"expo", "一展会", "seven", "orgs", KINDS("展会")},
	{"forum", "一论坛", "seven", "orgs", KINDS("论坛")},
	{"association", "一协会", "seven", "orgs", KINDS("协会")},
	{"alliance", "一联盟", "seven", "orgs", KINDS("联盟")},
	{"team", "一团队", "seven", "orgs", KINDS("团队")},
	{"chain_chief", "链长", "duty", "orgs", KINDS("链长")},
	{"commissioner", "专员", "duty", "orgs", KINDS("专员")},
};

void completeness_init(struct completeness *c, const struct programme *p)
{
	c->n = p->n_industries;
	c->count = xcalloc(c->n ? c->n : 1, sizeof *c->count);
	for (size_t i = 0; i < c->n; i++)
		c->count[i][6] = 1; /* 一集群: the industry itself */
}

static bool kind_matches(const char *const *kinds, const char *kind)
{
	if (kinds == NULL)
		return true;
	for (size_t i = 0; kind && kinds[i]; i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

void completeness_add(struct completeness *c, const struct programme *p, const char *list,
                      const char *industry, const char *kind, long count)
{
	const struct industry *ind = industry ? programme_industry(p, industry) : NULL;
	if (ind == NULL || list == NULL)
		return;
	size_t i = (size_t)(ind - p->industries);
	for (size_t k = 0; k < COMPLETENESS_ITEMS; k++) {
		const struct completeness_item *it = &completeness_items[k];
		if (it->list && strcmp(it->list, list) == 0 && kind_matches(it->kinds, kind))
			c->count[i][k] += count;
	}
}

int completeness_present(const struct completeness *c, size_t i)
{
	int n = 0;
	for (size_t k = 0; k < COMPLETENESS_POLICY_ITEMS; k++)
		n += c->count[i][k] > 0;
	return n;
}

void completeness_free(struct completeness *c)
{
	if (c == NULL)
		return;
	free(c->count);
	c->count = NULL;
	c->n = 0;
}
