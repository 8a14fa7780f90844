/*
 * classify.c - the classifier of classify.h: class rules looked up by code prefix, keyword and
 * exclusion phrases found in one Aho-Corasick pass (engine/ac.h) over the normalised text.
 *
 * Build: keyword and exclusion texts are normalised and de-duplicated; each distinct text is one
 * pattern of the automaton, with the list of rules that use it. Class rules are indexed by their
 * code as a number in three tables (2, 3 and 4 digits), so an enterprise's class finds its rules
 * in three lookups.
 *
 * One enterprise: scan its text normalising on the fly (or, when it holds characters the fast
 * path does not cover, normalise it into the scratch buffer first), collect every occurrence, void the
 * keyword occurrences that lie inside an exclusion occurrence of the same industry (exclusion
 * spans sorted per industry with a running maximum of their ends, so each check is a binary
 * search), then decide industry by industry:
 *   - a full class rule makes a member (rule = that class rule, by_class);
 *   - else a partial class rule with a surviving keyword of the industry makes a member
 *     (rule = class rule, rule2 = the keyword, by_class);
 *   - else a surviving keyword makes a member (rule = the keyword).
 * Among several class rules of one industry a full one wins over a partial one, then the longer
 * (more specific) code, then the earlier rule. "The first keyword" is the surviving occurrence the
 * scan meets first: the earliest end, at one end the longer phrase, then the earlier rule.
 */
#include "engine/classify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/mem.h"
#include "engine/ac.h"

#define NONE UINT32_MAX
#define CLASS_KEYS 11100 /* 100 divisions + 1,000 groups + 10,000 classes */

struct crule {
	uint32_t id;
	uint32_t industry;
	enum rule_kind kind;
	bool partial;
	unsigned code_len;
};

struct classifier {
	unsigned n_industry;
	struct crule *rules;
	size_t n_rules;
	struct ac *ac;          /* NULL when there are no keyword or exclusion rules */
	uint32_t *pat_first;    /* pattern p's rules: pat_rules[pat_first[p] .. pat_first[p + 1]) */
	struct prule *pat_rules;
	bool *pat_has_ex;       /* pattern p is some industry's exclusion phrase */
	uint32_t *class_first;  /* key k's class rules: class_rules[class_first[k] .. [k + 1]) */
	uint32_t *class_rules;
};

/* A rule as a pattern's hit needs it, inline so the hits loop does not chase c->rules. */
struct prule {
	uint32_t rule;     /* index in c->rules */
	uint32_t industry;
	bool exclude;
};

struct hit {
	uint32_t pattern;
	uint32_t start, end;
};

struct span {
	uint32_t industry;
	uint32_t start, end; /* end: after the sort, the largest end among spans up to this one */
};

struct classify_scratch {
	char *buf;
	size_t buf_cap;
	struct hit *hits;
	size_t n_hits, hits_cap;
	struct span *ex;
	size_t n_ex, ex_cap;
	uint32_t *ex_first, *ex_count; /* per industry: its range in ex after sorting */
	uint32_t *kw;                  /* per industry: first surviving keyword rule, or NONE */
	uint32_t *cls;                 /* per industry: best class rule, or NONE */
	uint64_t *touched;             /* bitmap of industries with any of the above */
	size_t touched_lo, touched_hi; /* words of it that may be non-zero: [lo, hi) */
};

/* ---- normalisation -------------------------------------------------------------------------- */

/* Output with snprintf semantics: `len` counts everything, `w` bytes are actually written. */
struct out {
	char *p;
	size_t cap, len, w;
};

static inline void out_put(struct out *o, const char *s, size_t n)
{
	if (o->w == o->len && o->cap && o->w + n < o->cap) {
		memcpy(o->p + o->w, s, n);
		o->w += n;
	}
	o->len += n;
}

static inline void out_rewind(struct out *o, size_t to)
{
	o->len = to;
	if (o->w > to)
		o->w = to;
}

static inline char ascii_lower(unsigned char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/*
 * The fast path: characters whose NFKC form is themselves, or one ASCII character, whatever
 * surrounds them, and which nothing before them composes with (test_classify checks this claim
 * against utf8proc for every such code point). Returns the replacement (0 = unchanged) or -1
 * when the character needs utf8proc.
 */
static inline int fast_form(uint32_t cp)
{
	if (cp >= 0x4E00 && cp <= 0x9FFF)   /* CJK Unified Ideographs */
		return 0;
	if (cp >= 0x3400 && cp <= 0x4DBF)   /* CJK Extension A */
		return 0;
	if (cp >= 0x3001 && cp <= 0x301F)   /* CJK punctuation: 、。「」【】〔〕... */
		return 0;
	if (cp == 0x3000)                   /* ideographic space */
		return ' ';
	if (cp >= 0xFF01 && cp <= 0xFF5E)   /* full-width ASCII forms */
		return (int)(cp - 0xFEE0);
	return -1;
}

/* The fast path as a character map, so the scan can normalise as it reads (ac_scan_mapped). */
static uint32_t fast_map(uint32_t cp)
{
	if (cp < 0x80)
		return (uint32_t)(unsigned char)ascii_lower((unsigned char)cp);
	int f = fast_form(cp);
	if (f < 0)
		return AC_STOP;
	return f == 0 ? cp : (uint32_t)(unsigned char)ascii_lower((unsigned char)f);
}

/* NFKC of in[0..len) through utf8proc, dropping invalid bytes, ASCII lower-cased, to o. */
static void normalize_slow(const unsigned char *in, size_t len, struct out *o)
{
	unsigned char clean_stack[256];
	utf8proc_int32_t cps_stack[512];
	unsigned char *clean = len <= sizeof clean_stack ? clean_stack : xmalloc(len);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0;
		size_t k = ac_utf8_decode(in + i, len - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		memcpy(clean + n, in + i, k);
		n += k;
		i += k;
	}
	const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
	utf8proc_int32_t *cps = cps_stack;
	utf8proc_ssize_t need = utf8proc_decompose(clean, (utf8proc_ssize_t)n, cps,
	                                           (utf8proc_ssize_t)(sizeof cps_stack / sizeof *cps),
	                                           opt);
	if (need > (utf8proc_ssize_t)(sizeof cps_stack / sizeof *cps)) {
		cps = xmalloc((size_t)need * sizeof *cps);
		need = utf8proc_decompose(clean, (utf8proc_ssize_t)n, cps, need, opt);
	}
	utf8proc_ssize_t bytes = need >= 0 ? utf8proc_reencode(cps, need, opt) : need;
	if (bytes >= 0) {
		const unsigned char *u = (const unsigned char *)cps;
		for (utf8proc_ssize_t i = 0; i < bytes; i++) {
			char c = ascii_lower(u[i]);
			out_put(o, &c, 1);
		}
	} else {
		/* cannot happen on validated input; keep the text rather than lose it */
		for (size_t i = 0; i < n; i++) {
			char c = ascii_lower(clean[i]);
			out_put(o, &c, 1);
		}
	}
	if (cps != cps_stack)
		free(cps);
	if (clean != clean_stack)
		free(clean);
}

size_t classify_normalize(const char *in_, size_t len, char *out, size_t cap)
{
	const unsigned char *in = (const unsigned char *)in_;
	struct out o = {out, cap, 0, 0};
	/* The last character the fast path wrote: a following combining mark may compose with it,
	 * so a slow segment starts there. SIZE_MAX when the last output came from the slow path. */
	size_t prev_in = SIZE_MAX, prev_out = 0;
	size_t i = 0;
	while (i < len) {
		unsigned b = in[i];
		if (b < 0x80) {
			char c = ascii_lower((unsigned char)b);
			prev_in = i;
			prev_out = o.len;
			out_put(&o, &c, 1);
			i++;
			continue;
		}
		uint32_t cp = 0;
		size_t k = ac_utf8_decode(in + i, len - i, &cp);
		if (k == 0) { /* invalid byte: dropped */
			i++;
			continue;
		}
		int f = fast_form(cp);
		if (f >= 0) {
			prev_in = i;
			prev_out = o.len;
			if (f == 0) {
				out_put(&o, (const char *)in + i, k);
			} else {
				char c = ascii_lower((unsigned char)f);
				out_put(&o, &c, 1);
			}
			i += k;
			continue;
		}
		/* Slow segment: from the previous fast character (it may compose with what follows)
		 * to the next fast character or the end. */
		size_t start = i;
		if (prev_in != SIZE_MAX) {
			start = prev_in;
			out_rewind(&o, prev_out);
		}
		size_t j = i + k;
		while (j < len) {
			uint32_t c2 = 0;
			size_t k2 = ac_utf8_decode(in + j, len - j, &c2);
			if (k2 != 0 && (c2 < 0x80 || fast_form(c2) >= 0))
				break;
			j += k2 ? k2 : 1;
		}
		normalize_slow(in + start, j - start, &o);
		prev_in = SIZE_MAX;
		i = j;
	}
	if (cap > 0)
		out[o.w] = '\0';
	return o.len;
}

/* ---- build ---------------------------------------------------------------------------------- */

struct keyed {
	const char *text; /* normalised, owned by the build */
	size_t len;
	uint32_t rule;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->text, y->text, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->rule > y->rule) - (x->rule < y->rule);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The class table key of a 2-4 digit code, or -1 when `code` is not that. */
static long class_key(const char *code, size_t n)
{
	if (n < 2 || n > 4)
		return -1;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
		v = v * 10 + (code[i] - '0');
	}
	return (n == 2 ? 0 : n == 3 ? 100 : 1100) + v;
}

static const char *kind_name(enum rule_kind k)
{
	return k == RULE_CLASS ? "行业代码" : k == RULE_KEYWORD ? "关键词" : "排除词";
}

enum err_code classify_build(const struct rule *rules, size_t n, unsigned n_industry,
                             struct classifier **out, struct err *e)
{
	enum err_code rc = ERR_OK;
	struct classifier *c = xcalloc(1, sizeof *c);
	struct keyed *keyed = xcalloc(n + 1, sizeof *keyed);
	uint32_t *ids = xmalloc((n + 1) * sizeof *ids);
	struct ac_pattern *pats = xcalloc(n + 1, sizeof *pats);
	size_t n_keyed = 0;
	*out = NULL;
	c->n_industry = n_industry;
	c->rules = xcalloc(n + 1, sizeof *c->rules);
	c->n_rules = n;
	c->class_first = xcalloc(CLASS_KEYS + 1, sizeof *c->class_first);

	for (size_t i = 0; i < n; i++) {
		const struct rule *r = &rules[i];
		struct crule *cr = &c->rules[i];
		cr->id = r->id;
		cr->industry = r->industry;
		cr->kind = r->kind;
		cr->partial = r->kind == RULE_CLASS && r->partial;
		ids[i] = r->id;
		if (r->industry >= n_industry) {
			rc = err_set(e, ERR_INVALID, "规则 %u：产业序号 %u 超出范围（共 %u 个产业） (industry out of range)",
			             r->id, r->industry, n_industry);
			goto done;
		}
		if (r->kind == RULE_CLASS) {
			size_t len = r->code ? strlen(r->code) : 0;
			long key = r->code ? class_key(r->code, len) : -1;
			if (key < 0) {
				rc = err_set(e, ERR_INVALID,
				             "规则 %u：行业代码“%s”应为GB/T 4754-2017的2至4位数字代码 (bad class code)",
				             r->id, r->code ? r->code : "");
				goto done;
			}
			cr->code_len = (unsigned)len;
			c->class_first[key + 1]++;
		} else if (r->kind == RULE_KEYWORD || r->kind == RULE_EXCLUDE) {
			size_t len = r->text ? strlen(r->text) : 0;
			size_t need = classify_normalize(r->text ? r->text : "", len, NULL, 0);
			char *t = xmalloc(need + 1);
			(void)classify_normalize(r->text ? r->text : "", len, t, need + 1);
			keyed[n_keyed].text = t;
			keyed[n_keyed].len = need;
			keyed[n_keyed].rule = (uint32_t)i;
			n_keyed++;
			if (need == 0) {
				rc = err_set(e, ERR_INVALID, "规则 %u：%s为空 (empty %s)", r->id, kind_name(r->kind),
				             r->kind == RULE_KEYWORD ? "keyword" : "exclusion");
				goto done;
			}
		} else {
			rc = err_set(e, ERR_INVALID, "规则 %u：未知的规则类型 %d (unknown rule kind)", r->id,
			             (int)r->kind);
			goto done;
		}
	}
	qsort(ids, n, sizeof *ids, cmp_u32);
	for (size_t i = 1; i < n; i++)
		if (ids[i] == ids[i - 1]) {
			rc = err_set(e, ERR_INVALID, "规则编号 %u 重复 (duplicate rule id)", ids[i]);
			goto done;
		}

	/* Class index. */
	for (size_t k = 0; k < CLASS_KEYS; k++)
		c->class_first[k + 1] += c->class_first[k];
	c->class_rules = xmalloc((c->class_first[CLASS_KEYS] + 1) * sizeof *c->class_rules);
	{
		uint32_t *fill = xcalloc(CLASS_KEYS, sizeof *fill);
		for (size_t i = 0; i < n; i++)
			if (rules[i].kind == RULE_CLASS) {
				long key = class_key(rules[i].code, strlen(rules[i].code));
				c->class_rules[c->class_first[key] + fill[key]++] = (uint32_t)i;
			}
		free(fill);
	}

	/* Distinct phrases -> patterns, each with its rules in rule order. */
	qsort(keyed, n_keyed, sizeof *keyed, cmp_keyed);
	c->pat_first = xcalloc(n_keyed + 2, sizeof *c->pat_first);
	c->pat_rules = xmalloc((n_keyed + 1) * sizeof *c->pat_rules);
	c->pat_has_ex = xcalloc(n_keyed + 1, sizeof *c->pat_has_ex);
	size_t n_pats = 0;
	for (size_t i = 0; i < n_keyed; i++) {
		if (i == 0 || keyed[i].len != keyed[i - 1].len ||
		    memcmp(keyed[i].text, keyed[i - 1].text, keyed[i].len) != 0) {
			pats[n_pats].text = keyed[i].text;
			pats[n_pats].len = keyed[i].len;
			pats[n_pats].id = (uint32_t)n_pats;
			c->pat_first[n_pats] = (uint32_t)i;
			n_pats++;
		}
		const struct crule *r = &c->rules[keyed[i].rule];
		c->pat_rules[i].rule = keyed[i].rule;
		c->pat_rules[i].industry = r->industry;
		c->pat_rules[i].exclude = r->kind == RULE_EXCLUDE;
		if (r->kind == RULE_EXCLUDE)
			c->pat_has_ex[n_pats - 1] = true;
	}
	c->pat_first[n_pats] = (uint32_t)n_keyed;
	if (n_pats > 0) {
		rc = ac_build(pats, n_pats, fast_map, &c->ac, e);
		if (rc != ERR_OK)
			goto done;
	}

done:
	for (size_t i = 0; i < n_keyed; i++)
		free((char *)keyed[i].text);
	free(keyed);
	free(ids);
	free(pats);
	if (rc == ERR_OK)
		*out = c;
	else
		classify_free(c);
	return rc;
}

void classify_free(struct classifier *c)
{
	if (c == NULL)
		return;
	ac_free(c->ac);
	free(c->rules);
	free(c->pat_first);
	free(c->pat_rules);
	free(c->pat_has_ex);
	free(c->class_first);
	free(c->class_rules);
	free(c);
}

/* ---- one enterprise ------------------------------------------------------------------------- */

struct classify_scratch *classify_scratch_new(const struct classifier *c)
{
	struct classify_scratch *s = xcalloc(1, sizeof *s);
	size_t ni = c->n_industry ? c->n_industry : 1;
	s->ex_first = xcalloc(ni, sizeof *s->ex_first);
	s->ex_count = xcalloc(ni, sizeof *s->ex_count);
	s->kw = xmalloc(ni * sizeof *s->kw);
	s->cls = xmalloc(ni * sizeof *s->cls);
	for (size_t i = 0; i < ni; i++)
		s->kw[i] = s->cls[i] = NONE;
	s->touched = xcalloc((ni + 63) / 64, sizeof *s->touched);
	s->touched_lo = SIZE_MAX;
	return s;
}

void classify_scratch_free(struct classify_scratch *s)
{
	if (s == NULL)
		return;
	free(s->buf);
	free(s->hits);
	free(s->ex);
	free(s->ex_first);
	free(s->ex_count);
	free(s->kw);
	free(s->cls);
	free(s->touched);
	free(s);
}

static bool on_hit(void *ctx, uint32_t id, size_t start, size_t end)
{
	struct classify_scratch *s = ctx;
	if (s->n_hits == s->hits_cap) {
		s->hits_cap = s->hits_cap ? s->hits_cap * 2 : 64;
		s->hits = xrealloc(s->hits, s->hits_cap * sizeof *s->hits);
	}
	s->hits[s->n_hits].pattern = id;
	s->hits[s->n_hits].start = (uint32_t)start;
	s->hits[s->n_hits].end = (uint32_t)end;
	s->n_hits++;
	return true;
}

static void touch(struct classify_scratch *s, unsigned industry)
{
	size_t w = industry / 64;
	s->touched[w] |= (uint64_t)1 << (industry % 64);
	if (w < s->touched_lo)
		s->touched_lo = w;
	if (w + 1 > s->touched_hi)
		s->touched_hi = w + 1;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->industry != y->industry)
		return x->industry < y->industry ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Whether [start, end) lies inside an exclusion span of `industry`. */
static bool excluded(const struct classify_scratch *s, unsigned industry, uint32_t start,
                     uint32_t end)
{
	const struct span *sp = s->ex + s->ex_first[industry];
	size_t lo = 0, hi = s->ex_count[industry];
	while (lo < hi) { /* first span starting after `start` */
		size_t mid = (lo + hi) / 2;
		if (sp[mid].start <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && sp[lo - 1].end >= end;
}

/* Whether rule a (class) is a better reason than rule b for the same industry. */
static bool better_class(const struct classifier *c, uint32_t a, uint32_t b)
{
	if (b == NONE)
		return true;
	const struct crule *x = &c->rules[a], *y = &c->rules[b];
	if (x->partial != y->partial)
		return !x->partial;
	if (x->code_len != y->code_len)
		return x->code_len > y->code_len;
	return a < b;
}

static void match_class(const struct classifier *c, struct classify_scratch *s, const char *code)
{
	if (code == NULL)
		return;
	if (code[0] >= 'A' && code[0] <= 'Z') /* "C3973" names class 3973 too */
		code++;
	size_t len = strlen(code);
	for (size_t n = 2; n <= 4 && n <= len; n++) {
		long key = class_key(code, n);
		if (key < 0)
			return;
		for (uint32_t i = c->class_first[key]; i < c->class_first[key + 1]; i++) {
			uint32_t r = c->class_rules[i];
			unsigned ind = c->rules[r].industry;
			if (better_class(c, r, s->cls[ind])) {
				s->cls[ind] = r;
				touch(s, ind);
			}
		}
	}
}

static void match_text(const struct classifier *c, struct classify_scratch *s, const char *text,
                       size_t len)
{
	/* Text of CJK, ASCII and full-width forms only (the common case) is normalised as it is
	 * scanned, spans in characters; anything else is normalised first, spans in bytes. */
	size_t count;
	s->n_hits = 0;
	if (!ac_scan_mapped(c->ac, text, len, on_hit, s, &count)) {
		size_t need = classify_normalize(text, len, s->buf, s->buf_cap);
		if (need >= s->buf_cap) {
			free(s->buf);
			s->buf_cap = need + 1 > 256 ? need + 1 : 256;
			s->buf = xmalloc(s->buf_cap);
			(void)classify_normalize(text, len, s->buf, s->buf_cap);
		}
		s->n_hits = 0;
		(void)ac_scan(c->ac, s->buf, need, on_hit, s);
	}
	if (s->n_hits == 0)
		return;

	/* Exclusion spans, per industry sorted by start with a running maximum of ends. */
	s->n_ex = 0;
	for (size_t h = 0; h < s->n_hits; h++) {
		const struct hit *hit = &s->hits[h];
		if (!c->pat_has_ex[hit->pattern])
			continue;
		for (uint32_t i = c->pat_first[hit->pattern]; i < c->pat_first[hit->pattern + 1]; i++) {
			const struct prule *r = &c->pat_rules[i];
			if (!r->exclude)
				continue;
			if (s->n_ex == s->ex_cap) {
				s->ex_cap = s->ex_cap ? s->ex_cap * 2 : 16;
				s->ex = xrealloc(s->ex, s->ex_cap * sizeof *s->ex);
			}
			s->ex[s->n_ex].industry = r->industry;
			s->ex[s->n_ex].start = hit->start;
			s->ex[s->n_ex].end = hit->end;
			s->n_ex++;
		}
	}
	if (s->n_ex > 16) {
		qsort(s->ex, s->n_ex, sizeof *s->ex, cmp_span);
	} else {
		for (size_t i = 1; i < s->n_ex; i++) /* few: insertion sort, no calls */
			for (size_t j = i; j > 0 && cmp_span(&s->ex[j - 1], &s->ex[j]) > 0; j--) {
				struct span t = s->ex[j];
				s->ex[j] = s->ex[j - 1];
				s->ex[j - 1] = t;
			}
	}
	for (size_t i = 0; i < s->n_ex; i++) {
		struct span *sp = &s->ex[i];
		if (i == 0 || sp->industry != sp[-1].industry) {
			s->ex_first[sp->industry] = (uint32_t)i;
			s->ex_count[sp->industry] = 0;
		} else if (sp[-1].end > sp->end) {
			sp->end = sp[-1].end;
		}
		s->ex_count[sp->industry]++;
	}

	/* Keywords in scan order; the first surviving one per industry is kept. */
	for (size_t h = 0; h < s->n_hits; h++) {
		const struct hit *hit = &s->hits[h];
		for (uint32_t i = c->pat_first[hit->pattern]; i < c->pat_first[hit->pattern + 1]; i++) {
			const struct prule *r = &c->pat_rules[i];
			if (r->exclude || s->kw[r->industry] != NONE)
				continue;
			if (s->ex_count[r->industry] && excluded(s, r->industry, hit->start, hit->end))
				continue;
			s->kw[r->industry] = r->rule;
			touch(s, r->industry);
		}
	}
	for (size_t i = 0; i < s->n_ex; i++)
		s->ex_count[s->ex[i].industry] = 0;
}

size_t classify_one(const struct classifier *c, struct classify_scratch *s, const char *code,
                    const char *text, size_t len, struct membership *out, size_t cap)
{
	struct classify_scratch *own = NULL;
	if (s == NULL)
		s = own = classify_scratch_new(c);
	if (code && code[0])
		match_class(c, s, code);
	if (c->ac && text && len)
		match_text(c, s, text, len);

	/* Touched industries in ascending order: bits of the bitmap, lowest first. */
	size_t n = 0;
	for (size_t w = s->touched_lo; w < s->touched_hi; w++)
		while (s->touched[w]) {
			unsigned ind = (unsigned)(w * 64 + (size_t)__builtin_ctzll(s->touched[w]));
			s->touched[w] &= s->touched[w] - 1;
			uint32_t cls = s->cls[ind], kw = s->kw[ind];
			struct membership m = {ind, NONE, NONE, false};
			if (cls != NONE && (!c->rules[cls].partial || kw != NONE)) {
				m.rule = c->rules[cls].id;
				m.rule2 = c->rules[cls].partial ? c->rules[kw].id : NONE;
				m.by_class = true;
			} else if (kw != NONE) {
				m.rule = c->rules[kw].id;
			}
			if (m.rule != NONE) {
				if (n < cap)
					out[n] = m;
				n++;
			}
			s->kw[ind] = s->cls[ind] = NONE;
		}
	s->touched_lo = SIZE_MAX;
	s->touched_hi = 0;
	classify_scratch_free(own);
	return n;
}
