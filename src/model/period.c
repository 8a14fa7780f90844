/* period.c - parsing statistical periods; see period.h. */
#include "model/period.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return d[m - 1] + (m == 2 && leap(y));
}

/* Four digits at s; -1 if not. */
static int year_of(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

bool period_parse(const char *s, struct period *out)
{
	memset(out, 0, sizeof *out);
	int y = year_of(s);
	if (y < 1900 || y > 2100)
		return false;
	const char *rest = s + 4;
	int first_month, last_month;
	if (*rest == '\0') {
		out->kind = PERIOD_YEAR;
		first_month = 1;
		last_month = 12;
		(void)snprintf(out->label_zh, sizeof out->label_zh, "%d年", y);
	} else if ((rest[0] == 'H' || rest[0] == 'h') && (rest[1] == '1' || rest[1] == '2') && !rest[2]) {
		out->kind = PERIOD_HALF;
		out->index = rest[1] - '0';
		first_month = out->index == 1 ? 1 : 7;
		last_month = first_month + 5;
		(void)snprintf(out->label_zh, sizeof out->label_zh, "%d年%s", y,
		               out->index == 1 ? "上半年" : "下半年");
	} else if ((rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4' && !rest[2]) {
		out->kind = PERIOD_QUARTER;
		out->index = rest[1] - '0';
		first_month = 3 * out->index - 2;
		last_month = first_month + 2;
		(void)snprintf(out->label_zh, sizeof out->label_zh, "%d年第%d季度", y, out->index);
	} else if (rest[0] == '-' && rest[1] >= '0' && rest[1] <= '1' && rest[2] >= '0' &&
	           rest[2] <= '9' && !rest[3]) {
		out->kind = PERIOD_MONTH;
		out->index = (rest[1] - '0') * 10 + (rest[2] - '0');
		if (out->index < 1 || out->index > 12)
			return false;
		first_month = last_month = out->index;
		(void)snprintf(out->label_zh, sizeof out->label_zh, "%d年%d月", y, out->index);
	} else {
		return false;
	}
	out->year = y;
	(void)snprintf(out->first, sizeof out->first, "%04d-%02d-01", y, first_month % 100);
	(void)snprintf(out->last, sizeof out->last, "%04d-%02d-%02d", y, last_month % 100,
	               days_in(y, last_month) % 100);
	switch (out->kind) {
	case PERIOD_YEAR: (void)snprintf(out->label, sizeof out->label, "%d", y); break;
	case PERIOD_HALF: (void)snprintf(out->label, sizeof out->label, "%dH%d", y, out->index); break;
	case PERIOD_QUARTER: (void)snprintf(out->label, sizeof out->label, "%dQ%d", y, out->index); break;
	case PERIOD_MONTH: (void)snprintf(out->label, sizeof out->label, "%d-%02d", y, out->index); break;
	}
	return true;
}

/* Read an unsigned decimal of 1..max_digits digits at *p; advance. */
static bool digits(const char **p, int max_digits, int *out)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)**p) && n < max_digits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n > 0 && !isdigit((unsigned char)**p);
}

/* Skip one date separator: - / . or the given UTF-8 word (年, 月). */
static bool separator(const char **p, const char *word)
{
	if (**p == '-' || **p == '/' || **p == '.') {
		(*p)++;
		return true;
	}
	size_t n = strlen(word);
	if (strncmp(*p, word, n) == 0) {
		*p += n;
		return true;
	}
	return false;
}

bool date_parse(const char *s, char out[16])
{
	const char *p = s;
	int y, m, d;
	if (!digits(&p, 4, &y) || p - s != 4 || !separator(&p, "年") || !digits(&p, 2, &m) ||
	    !separator(&p, "月") || !digits(&p, 2, &d))
		return false;
	if (strcmp(p, "日") == 0)
		p += strlen("日");
	if (*p != '\0' || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > days_in(y, m))
		return false;
	/* "YYYY-MM-DD" by hand: imports parse a date or three per row and snprintf costs more. */
	static const char dig[] = "0123456789";
	out[0] = dig[y / 1000 % 10];
	out[1] = dig[y / 100 % 10];
	out[2] = dig[y / 10 % 10];
	out[3] = dig[y % 10];
	out[4] = '-';
	out[5] = dig[m / 10 % 10];
	out[6] = dig[m % 10];
	out[7] = '-';
	out[8] = dig[d / 10 % 10];
	out[9] = dig[d % 10];
	out[10] = '\0';
	return true;
}

bool date_ymd(const char *s, int *y, int *m, int *d)
{
	char canon[16];
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !date_parse(s, canon) ||
	    strcmp(canon, s) != 0)
		return false;
	*y = year_of(s);
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

bool period_contains(const struct period *p, const char *date)
{
	return date && strcmp(date, p->first) >= 0 && strcmp(date, p->last) <= 0;
}

int period_first_month(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_HALF: return p->index == 1 ? 1 : 7;
	case PERIOD_QUARTER: return 3 * p->index - 2;
	case PERIOD_MONTH: return p->index;
	case PERIOD_YEAR: break;
	}
	return 1;
}

int period_last_month(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_HALF: return p->index == 1 ? 6 : 12;
	case PERIOD_QUARTER: return 3 * p->index;
	case PERIOD_MONTH: return p->index;
	case PERIOD_YEAR: break;
	}
	return 12;
}

bool period_year_earlier(const struct period *p, struct period *out)
{
	char label[16];
	if (p->year <= 1900)
		return false;
	(void)snprintf(label, sizeof label, "%04d%s", (p->year - 1) % 10000, p->label + 4);
	return period_parse(label, out);
}

int period_order(const struct period *p)
{
	int span = period_last_month(p) - period_first_month(p);
	return p->year * 1000 + period_last_month(p) * 20 + span;
}

/* A quarter number written 1-4 or 一二三四 at *p; advance. 0 when none. */
static int quarter_digit(const char **p)
{
	static const char *const zh[] = {"一", "二", "三", "四"};
	if (**p >= '1' && **p <= '4')
		return *(*p)++ - '0';
	for (int i = 0; i < 4; i++)
		if (strncmp(*p, zh[i], strlen(zh[i])) == 0) {
			*p += strlen(zh[i]);
			return i + 1;
		}
	return 0;
}

/* Skip a range dash: - — – ~ ～ 至. */
static bool range_dash(const char **p)
{
	static const char *const dashes[] = {"-", "\u2014", "\u2013", "~", "\uff5e", "\u81f3"};
	for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++)
		if (strncmp(*p, dashes[i], strlen(dashes[i])) == 0) {
			*p += strlen(dashes[i]);
			return true;
		}
	return false;
}

bool period_parse_text(const char *s, struct period *out, bool *cumulative)
{
	char t[64], label[16];
	*cumulative = false;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	if (period_parse(t, out))
		return true;
	int y = year_of(t), m, m2, q;
	if (y < 1900 || y > 2100)
		return false;
	int y4 = y % 10000;
	const char *p = t + 4;
	if (p[0] == '-' && strlen(t) == 10 && strcmp(t + 7, "-01") == 0) { /* 2025-07-01 */
		(void)snprintf(label, sizeof label, "%.7s", t);
		return period_parse(label, out);
	}
	if (strncmp(p, "年", strlen("年")) != 0)
		return false;
	p += strlen("年");
	if (*p == '\0') {
		(void)snprintf(label, sizeof label, "%04d", y4);
	} else if (strcmp(p, "上半年") == 0 || strcmp(p, "下半年") == 0) {
		(void)snprintf(label, sizeof label, "%04dH%d", y4, strcmp(p, "上半年") == 0 ? 1 : 2);
	} else if (strncmp(p, "前", strlen("前")) == 0) { /* 前三季度 */
		p += strlen("前");
		q = quarter_digit(&p);
		if (q < 2 || strcmp(p, "季度") != 0)
			return false;
		*cumulative = true;
		(void)snprintf(label, sizeof label, "%04dQ%d", y4, q % 10);
	} else if (strncmp(p, "第", strlen("第")) == 0 || strstr(p, "季度")) {
		if (strncmp(p, "第", strlen("第")) == 0)
			p += strlen("第");
		q = quarter_digit(&p);
		if (q && range_dash(&p)) { /* 1-3季度 */
			if (q != 1 || (q = quarter_digit(&p)) == 0)
				return false;
			*cumulative = true;
		}
		if (q == 0 || strcmp(p, "季度") != 0)
			return false;
		(void)snprintf(label, sizeof label, "%04dQ%d", y4, q % 10);
	} else {
		if (!digits(&p, 2, &m) || m < 1 || m > 12)
			return false;
		if (range_dash(&p)) { /* 1-7月 */
			if (m != 1 || !digits(&p, 2, &m2) || m2 < 1 || m2 > 12)
				return false;
			*cumulative = true;
			m = m2;
		}
		if (strcmp(p, "月") != 0)
			return false;
		(void)snprintf(label, sizeof label, "%04d-%02d", y4, m % 100);
	}
	return period_parse(label, out);
}
