/*
 * briefs.c - report_brief_add (report.h): a curated world-trends brief (markdown: text, figures,
 * a sources list) checked and stored for one industry and period. The report shows briefs as
 * written and lists the industries without one; it never writes a brief itself.
 */
#include <stdio.h>
#include <string.h>

#include "model/period.h"
#include "report/report.h"

/* Largest brief we accept (a brief is a page or two, not a book). */
#define MAX_BRIEF ((size_t)1 << 20)

/* Whether a line of the text opens a sources list: 来源, 资料来源, 数据来源 or Sources. */
static bool has_sources(const char *text)
{
	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *s = line;
		while (*s == '#' || *s == ' ' || *s == '*')
			s++;
		if (strncmp(s, "来源", strlen("来源")) == 0 || strncmp(s, "资料来源", strlen("资料来源")) == 0 ||
		    strncmp(s, "数据来源", strlen("数据来源")) == 0 || strncasecmp(s, "sources", 7) == 0)
			return true;
	}
	return false;
}

enum err_code report_brief_add(struct store *s, const struct programme *p, const char *industry,
                               const char *period, const char *text, size_t len, const char *file,
                               struct err *e)
{
	struct period per;
	const struct industry *ind = programme_industry_find(p, industry);
	if (ind == NULL)
		return err_set(e, ERR_INVALID, "%s: 找不到产业“%s”，请用 jiqun catalog 中的编号或中文名 "
		                               "(unknown industry)", file, industry);
	if (!period_parse(period, &per))
		return err_set(e, ERR_INVALID, "%s: “%s”不是期间，应为 2025、2025H1、2025Q3 或 2025-07 "
		                               "(bad period)", file, period);
	if (len == 0 || len > MAX_BRIEF)
		return err_set(e, ERR_INVALID, "%s: 简报应为 1 字节到 1 MiB 的文本 (a brief is 1 byte to "
		                               "1 MiB of text)", file);
	if (memchr(text, '\0', len))
		return err_set(e, ERR_INVALID, "%s: 简报含有 NUL 字节，不是文本 (not text)", file);
	json_t *check = json_stringn(text, len); /* jansson refuses invalid UTF-8 */
	if (check == NULL)
		return err_set(e, ERR_INVALID, "%s: 简报不是有效的 UTF-8 文本，请另存为 UTF-8 (not UTF-8)",
		               file);
	json_decref(check);
	if (!has_sources(text))
		return err_set(e, ERR_INVALID, "%s: 简报缺少来源列表：请加一行“来源”或“Sources”，其后列出"
		                               "每个数字的出处 (the brief has no sources list)", file);
	return store_brief_put(s, ind->id, per.label, text, file, e);
}
