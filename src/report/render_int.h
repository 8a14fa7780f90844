/*
 * render_int.h - what the report renderers (render_html.c, render_pdf.c) share inside
 * src/report/: the fixed words of a report in its language. Not for use outside src/report/.
 */
#ifndef JIQUN_REPORT_RENDER_INT_H
#define JIQUN_REPORT_RENDER_INT_H

#include <string.h>

struct render_words {
	const char *html_lang; /* the lang attribute */
	const char *toc;       /* the contents' heading */
	const char *revised;   /* the mark after a revised block */
	const char *source;    /* before a table's or chart's source */
	const char *period;    /* before the period on the title page */
	const char *generated; /* before the date of the inputs */
	int en;                /* 1: English ("Page N of M"), 0: Chinese */
};

static inline const struct render_words *render_words(const char *lang)
{
	static const struct render_words zh = {"zh-CN", "目录", "（修订）", "来源：", "报告期：",
	                                       "数据截至：", 0};
	static const struct render_words en = {"en", "Contents", " (revised)", "Source: ",
	                                       "Period: ", "Data as of: ", 1};
	return lang && strcmp(lang, "en") == 0 ? &en : &zh;
}

#endif
