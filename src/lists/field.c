/*
 * field.c - one cell of a list: from the text an official typed (in Excel, a form, a CSV) to a
 * checked value, and back. Lenient where officials differ harmlessly (2025/3/1 or 2025年3月1日,
 * 1,234.5, 是 or Y, 南山 or 南山区 or 440305), strict where a mistake would mislead (checksums,
 * unknown codes and names, negative amounts, impossible dates).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "catalog/industry_codes.h"
#include "lists/lists.h"
#include "model/period.h"
#include "model/uscc.h"

/* s without ASCII spaces and U+3000 at both ends: its start, and its length in *len. */
static const char *trim_range(const char *s, size_t *len)
{
	const char *end = s + strlen(s);
	for (;;) {
		if (s < end && isspace((unsigned char)*s))
			s++;
		else if (end - s >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (end > s && isspace((unsigned char)end[-1]))
			end--;
		else if (end - s >= 3 && memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	*len = (size_t)(end - s);
	return s;
}

/*
 * Parse a plain decimal number, allowing thousands separators and a leading sign; *neg is set
 * for a minus sign so callers can report negative amounts as such.
 */
static bool parse_number(const char *s, double *out, bool *neg)
{
	char clean[64];
	size_t n = 0;
	*neg = false;
	if (*s == '-' || *s == '+') {
		*neg = *s == '-';
		s++;
	}
	bool dot = false, any = false;
	for (; *s; s++) {
		if (*s == ',')
			continue;
		if (*s == '.' && !dot) {
			dot = true;
		} else if (!isdigit((unsigned char)*s)) {
			return false;
		} else {
			any = true;
		}
		if (n + 1 >= sizeof clean)
			return false;
		clean[n++] = *s;
	}
	clean[n] = '\0';
	if (!any)
		return false;
	*out = strtod(clean, NULL);
	return isfinite(*out);
}

static const char *const yes_words[] = {"是", "Y", "y", "yes", "Yes", "YES", "true", "TRUE", "1", "√", "✓", NULL};
static const char *const no_words[] = {"否", "N", "n", "no", "No", "NO", "false", "FALSE", "0", "×", NULL};

static bool in_words(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	return false;
}

static const struct industry *find_industry(const struct programme *p, const char *s)
{
	const struct industry *ind = programme_industry(p, s);
	for (size_t i = 0; ind == NULL && i < p->n_industries; i++)
		if (strcmp(p->industries[i].name_zh, s) == 0 ||
		    strcmp(p->industries[i].full_name_zh, s) == 0)
			ind = &p->industries[i];
	return ind;
}

static const struct district *find_district(const struct programme *p, const char *s)
{
	const struct district *d = programme_district(p, s);
	/* "深圳市南山区" as some systems export it. */
	if (d == NULL && p->city && strncmp(s, p->city, strlen(p->city)) == 0)
		d = programme_district(p, s + strlen(p->city));
	return d;
}

/* Parse a list of industries separated by 、，,；;/ into ids joined by ','. */
static bool parse_industries(const struct programme *p, const char *s, struct buf *ids,
                             char **bad)
{
	static const char *const seps[] = {"、", "，", ",", "；", ";", "/", " ", "\xe3\x80\x80"};
	const char *q = s;
	while (*q) {
		size_t best = strlen(q), sep_len = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			const char *hit = strstr(q, seps[i]);
			if (hit && (size_t)(hit - q) < best) {
				best = (size_t)(hit - q);
				sep_len = strlen(seps[i]);
			}
		}
		if (best > 0) {
			char *name = xstrndup(q, best);
			const struct industry *ind = find_industry(p, name);
			if (ind == NULL) {
				*bad = name;
				return false;
			}
			free(name);
			/* Skip repeats so "网络与通信、网络与通信" stores one id. */
			char probe[80];
			(void)snprintf(probe, sizeof probe, ",%s,", ind->id);
			char *have = xmalloc(ids->len + 3);
			(void)snprintf(have, ids->len + 3, ",%s,", buf_str(ids));
			if (strstr(have, probe) == NULL) {
				if (ids->len)
					(void)buf_puts(ids, ",");
				(void)buf_puts(ids, ind->id);
			}
			free(have);
		}
		q += best + sep_len;
	}
	return ids->len > 0;
}

bool field_parse(const struct list_ctx *ctx, const struct field_def *f, const char *text,
                 unsigned row, const char *column, struct value *out, struct issues *is)
{
	size_t len;
	const char *t = trim_range(text ? text : "", &len);
	bool ok = true;
	out->null = true;
	out->text = NULL;
	out->num = 0;
	if (len == 0) { /* most empty cells of a wide list: no copy */
		if (f->required) {
			issues_add(is, row, column, "", "required", "必填项“%s”为空 (required)", f->header_zh);
			ok = false;
		}
		return ok;
	}
	char *s = xstrndup(t, len);
	const struct programme *p = ctx->programme;
	switch (f->type) {
	case FT_TEXT: {
		size_t chars = len, max = f->max_len ? f->max_len : 2000;
		if (len > max) { /* no more characters than bytes: count only when it could matter */
			chars = 0;
			for (const char *c = s; *c; c++)
				chars += ((unsigned char)*c & 0xC0) != 0x80;
		}
		if (chars > max) {
			issues_add(is, row, column, s, "too_long", "超过%zu个字 (longer than %zu characters)", max, max);
			ok = false;
		} else {
			out->text = s;
			s = NULL;
		}
		break;
	}
	case FT_INT:
	case FT_DECIMAL:
	case FT_AMOUNT: {
		double v;
		bool neg;
		if (!parse_number(s, &v, &neg) || (f->type == FT_INT && (v != floor(v) || v > 1e12))) {
			issues_add(is, row, column, s, "bad_number",
			           f->type == FT_INT       ? "不是整数 (not a whole number)"
			           : f->type == FT_DECIMAL ? "不是数字 (not a number)"
			                                   : "不是数字，金额请只填数字，单位为万元 (not a number)");
			ok = false;
		} else if (neg && v != 0) {
			issues_add(is, row, column, s, "negative_amount", "不能为负数 (negative)");
			ok = false;
		} else {
			/* Amounts arrive in 万元 and are kept in yuan, rounded to the fen. */
			out->num = f->type == FT_AMOUNT ? round(v * 1e6) / 100.0 : v;
		}
		break;
	}
	case FT_DATE: {
		char d[16];
		if (!date_parse(s, d)) {
			issues_add(is, row, column, s, "bad_date",
			           "日期无效，请填写如 2025-03-31 (not a valid date, use YYYY-MM-DD)");
			ok = false;
		} else {
			out->text = xstrdup(d);
		}
		break;
	}
	case FT_ENUM: {
		bool found = false;
		for (size_t i = 0; f->values[i] && !found; i++)
			found = strcmp(s, f->values[i]) == 0;
		if (!found) {
			struct buf b;
			buf_init(&b, BUF_NO_CAP);
			for (size_t i = 0; f->values[i]; i++)
				(void)buf_printf(&b, "%s%s", i ? "、" : "", f->values[i]);
			issues_add(is, row, column, s, "bad_value", "应为以下之一：%s (not one of the accepted values)",
			           buf_str(&b));
			buf_free(&b);
			ok = false;
		} else {
			out->text = s;
			s = NULL;
		}
		break;
	}
	case FT_BOOL:
		if (in_words(s, yes_words)) {
			out->num = 1;
		} else if (in_words(s, no_words)) {
			out->num = 0;
		} else {
			issues_add(is, row, column, s, "bad_value", "应填“是”或“否” (expected yes or no)");
			ok = false;
		}
		break;
	case FT_USCC: {
		struct err e = {0};
		uscc_normalise(s);
		if (!uscc_valid(s, &e)) {
			issues_add(is, row, column, s, strstr(e.msg, "校验") ? "checksum" : "bad_uscc",
			           "%s", e.msg);
			ok = false;
		} else {
			out->text = s;
			s = NULL;
		}
		break;
	}
	case FT_DISTRICT: {
		const struct district *d = find_district(p, s);
		if (d == NULL) {
			issues_add(is, row, column, s, "unknown_district",
			           "不是%s的区（可填南山、南山区或代码440305）(unknown district)", p->city);
			ok = false;
		} else {
			out->text = xstrdup(d->id);
		}
		break;
	}
	case FT_INDUSTRY: {
		const struct industry *ind = find_industry(p, s);
		if (ind == NULL) {
			issues_add(is, row, column, s, "unknown_industry",
			           "不是“20+8”中的产业，请填写产业名称如“半导体与集成电路” (unknown industry)");
			ok = false;
		} else {
			out->text = xstrdup(ind->id);
		}
		break;
	}
	case FT_INDUSTRIES: {
		struct buf ids;
		char *bad_name = NULL;
		buf_init(&ids, BUF_NO_CAP);
		if (!parse_industries(p, s, &ids, &bad_name)) {
			issues_add(is, row, column, s, "unknown_industry",
			           "“%s”不是“20+8”中的产业，多个产业用“、”分隔 (unknown industry)",
			           bad_name ? bad_name : s);
			free(bad_name);
			buf_free(&ids);
			ok = false;
		} else {
			out->text = buf_take(&ids);
		}
		break;
	}
	case FT_INDUSTRY_CODE: {
		/* "C3973" and "3973" both name class 3973. */
		const char *code = isupper((unsigned char)s[0]) ? s + 1 : s;
		const struct industry_code *c = ctx->codes ? industry_code_find(ctx->codes, code) : NULL;
		if (c == NULL || c->level != INDUSTRY_CLASS) {
			issues_add(is, row, column, s, "unknown_industry_code",
			           c ? "请填写GB/T 4754-2017小类（4位）代码，“%s”是%s (not a 4-digit class)"
			             : "不是GB/T 4754-2017的行业代码%s%s (unknown industry code)",
			           c ? c->name : "", c ? industry_level_label_zh(c->level) : "");
			ok = false;
		} else {
			out->text = xstrdup(c->code);
		}
		break;
	}
	}
	out->null = !ok;
	free(s);
	return ok;
}

/* Print a number with six decimals at most and no trailing zeros: 114.05960 -> "114.0596". */
static char *format_decimal(double x)
{
	char s[64];
	(void)snprintf(s, sizeof s, "%.6f", x);
	char *dot = strchr(s, '.');
	if (dot) {
		char *end = s + strlen(s) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	return xstrdup(s);
}

char *field_format(const struct list_ctx *ctx, const struct field_def *f, const struct value *v)
{
	if (v->null)
		return xstrdup("");
	const struct programme *p = ctx->programme;
	switch (f->type) {
	case FT_INT: {
		char s[32];
		(void)snprintf(s, sizeof s, "%.0f", v->num);
		return xstrdup(s);
	}
	case FT_AMOUNT: /* yuan, shown in 万元: 12345600 -> "1234.56" */
		return format_decimal(v->num / 1e4);
	case FT_DECIMAL:
		return format_decimal(v->num);
	case FT_BOOL:
		return xstrdup(v->num != 0 ? "是" : "否");
	case FT_DISTRICT: {
		const struct district *d = programme_district(p, v->text);
		return xstrdup(d ? d->name_zh : v->text);
	}
	case FT_INDUSTRY: {
		const struct industry *ind = programme_industry(p, v->text);
		return xstrdup(ind ? ind->name_zh : v->text);
	}
	case FT_INDUSTRIES: {
		struct buf b;
		buf_init(&b, BUF_NO_CAP);
		char *ids = xstrdup(v->text), *save = NULL;
		for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
			const struct industry *ind = programme_industry(p, id);
			(void)buf_printf(&b, "%s%s", b.len ? "、" : "", ind ? ind->name_zh : id);
		}
		free(ids);
		return buf_take(&b);
	}
	default:
		return xstrdup(v->text ? v->text : "");
	}
}
