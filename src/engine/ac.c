/*
 * ac.c - the Aho-Corasick automaton of ac.h: build and scan.
 *
 * Memory layout, chosen for Chinese text (3 bytes a character, thousands of distinct characters,
 * patterns of 2-8 characters):
 * - Alphabet. Each code point that occurs in a pattern gets a symbol 1..K, the most frequent
 *   first (so busy states' transitions sit close together); everything else is symbol 0, which
 *   sends the scan straight to the root without touching the automaton. The map is two-level:
 *   page_of[cp >> 8] picks a 256-entry page of uint16 symbols (page 0 is all zero), a few dozen
 *   KB for thousands of CJK characters. It depends only on the text, not on the state, so the
 *   CPU looks it up ahead of the state chain. A second map (ac_scan_mapped) folds characters
 *   (say full-width to half-width) and marks those it cannot fold, at no cost per character.
 * - States. A state is named by its `base`, an offset into one array of 8-byte slots
 *   {check, next}: its transition on symbol c is slots[base + c] when that slot's check is base
 *   (bases are unique, so a slot names its owner). The root's base is 0 and slots[1..K] are its
 *   dense row. slots[base + 0] of every other state holds where a miss goes: its failure state,
 *   or the root when the state is "complete". One step is
 *       slot = slots[s + c]; while (slot.check != s) { s = slots[s].next; slot = slots[s + c]; }
 *   and ends at the latest at the root, which never misses.
 * - A complete state stores, besides its own edges, those its failure state had (when that one is
 *   complete too and has few: AC_COPY_MAX), so its misses take one hop to the root's row, which
 *   sits in L1. Copying more would make the array, and the cache lines text touches, larger:
 *   measured on business-scope text, chains through a few failure states beat a bigger array.
 * - States are placed breadth-first with first-fit, so the shallow states text visits most share
 *   cache lines; 5,000 keywords take a few hundred KB.
 * - Outputs. A state value carries a flag bit, AC_OUT, when a pattern ends there (its own or
 *   along its failure chain). Only then does the scan read the check of the state's slot 0
 *   (never compared: symbol 0 does not step), which holds the offset of its output record in
 *   `outv`: count, link to the next record on the dictionary-suffix chain, then (id, bytes,
 *   characters) per pattern, on one cache line as a rule. A separate base -> record table and
 *   record -> pattern table cost two cache misses per match, more than the transitions did.
 */
#include "engine/ac.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define AC_OUT     0x80000000u  /* state value flag: a pattern ends here */
#define AC_MASK    0x7fffffffu  /* state value -> base */
#define AC_FREE    UINT32_MAX   /* check of an unused slot */
#define AC_NONE    UINT32_MAX
#define AC_MAX_CP  0x110000u
#define AC_PAGES   (AC_MAX_CP >> 8)
#define AC_SYM_STOP 0xFFFFu     /* mapped symbol: the map stops at this character */
#define AC_MAX_SYMBOLS 65534u
#define AC_FIT_TRIES 512        /* free slots tried per state before placing it at the end */
#define AC_COPY_MAX 16          /* a complete state copies at most this many inherited edges */

struct ac_slot {
	uint32_t check; /* base of the state owning the slot, AC_FREE when unused */
	uint32_t next;  /* target state value (base | AC_OUT); for c = 0, the miss target */
};

/* outv record: count, link (offset of the next record or AC_NONE), then count x (id, bytes,
 * characters). */
#define AC_REC_HEAD 2
#define AC_REC_OUT  3

struct ac_map {
	uint16_t *page_of; /* AC_PAGES entries */
	uint16_t *pages;   /* n_pages * 256 symbols; page 0 is all zero */
	size_t n_pages;
};

struct ac {
	struct ac_slot *slots;
	size_t n_slots;
	struct ac_map exact, mapped; /* mapped.page_of is NULL without a map */
	uint32_t *outv;              /* output records */
	size_t n_outv;
	size_t n_patterns, n_states, n_symbols, n_complete;
};

size_t ac_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t b0 = p[0];
	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 < 0xC2 || b0 > 0xF4)
		return 0;
	if (b0 < 0xE0) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
		return 2;
	}
	if (b0 < 0xF0) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		uint32_t c = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		*cp = c;
		return 3;
	}
	if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
		return 0;
	uint32_t c = ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
	             (p[3] & 0x3Fu);
	if (c < 0x10000 || c >= AC_MAX_CP)
		return 0;
	*cp = c;
	return 4;
}

/* ---- build ---------------------------------------------------------------------------------- */

struct edge {
	uint32_t from, sym, to;
};

struct trans {
	uint32_t sym, to; /* `to` is a state index during the build */
};

/* Open-addressing map (state, symbol) -> child used while inserting patterns. */
struct edge_map {
	uint64_t *keys; /* (from << 32 | sym) + 1; 0 = empty */
	uint32_t *vals;
	size_t cap, n;
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static void edge_map_grow(struct edge_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	uint64_t *keys = xcalloc(cap, sizeof *keys);
	uint32_t *vals = xmalloc(cap * sizeof *vals);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = mix64(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
}

/* The child of `from` on `sym`, created as state *n_states when absent. */
static uint32_t edge_map_child(struct edge_map *m, uint32_t from, uint32_t sym, uint32_t *n_states)
{
	if ((m->n + 1) * 2 > m->cap)
		edge_map_grow(m);
	uint64_t key = ((uint64_t)from << 32 | sym) + 1;
	size_t j = mix64(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (m->keys[j] == key)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = (*n_states)++;
	m->n++;
	return m->vals[j];
}

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->sym > y->sym) - (x->sym < y->sym);
}

struct cp_count {
	uint32_t cp, count;
};

static int cmp_cp_count(const void *a, const void *b)
{
	const struct cp_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->cp > y->cp) - (x->cp < y->cp);
}

/* Growable array of transitions (the difference sets of all states). */
struct tvec {
	struct trans *v;
	size_t n, cap;
};

static void tvec_push(struct tvec *t, uint32_t sym, uint32_t to)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n].sym = sym;
	t->v[t->n].to = to;
	t->n++;
}

/*
 * The double array under construction. Free slots below `high` form a doubly linked list in
 * address order, so first-fit placement visits only free slots.
 */
struct darray {
	struct ac_slot *slots;
	uint64_t *used_base; /* bitmap over bases */
	uint32_t *next, *prev; /* free list links (AC_NONE at the ends) */
	size_t cap;          /* slots, bits and links */
	size_t high;         /* one past the highest claimed slot */
	uint32_t head, tail; /* free list */
};

static void darray_reserve(struct darray *d, size_t need)
{
	if (need <= d->cap)
		return;
	size_t cap = d->cap ? d->cap : 4096;
	while (cap < need)
		cap *= 2;
	d->slots = xrealloc(d->slots, cap * sizeof *d->slots);
	d->next = xrealloc(d->next, cap * sizeof *d->next);
	d->prev = xrealloc(d->prev, cap * sizeof *d->prev);
	for (size_t i = d->cap; i < cap; i++) {
		d->slots[i].check = AC_FREE;
		d->slots[i].next = 0;
	}
	d->used_base = xrealloc(d->used_base, (cap / 64) * sizeof *d->used_base);
	memset(d->used_base + d->cap / 64, 0, ((cap - d->cap) / 64) * sizeof *d->used_base);
	d->cap = cap;
}

static bool base_used(const struct darray *d, size_t b)
{
	return b < d->cap && (d->used_base[b / 64] >> (b % 64) & 1);
}

static void base_take(struct darray *d, size_t b)
{
	darray_reserve(d, b + 1);
	d->used_base[b / 64] |= (uint64_t)1 << (b % 64);
}

static bool fits(const struct darray *d, size_t b, const struct trans *t, size_t n)
{
	if (b == 0 || base_used(d, b))
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t q = b + t[i].sym;
		if (q < d->cap && d->slots[q].check != AC_FREE)
			return false;
	}
	return true;
}

static void free_unlink(struct darray *d, uint32_t q)
{
	if (d->prev[q] == AC_NONE)
		d->head = d->next[q];
	else
		d->next[d->prev[q]] = d->next[q];
	if (d->next[q] == AC_NONE)
		d->tail = d->prev[q];
	else
		d->prev[d->next[q]] = d->prev[q];
}

static void free_append(struct darray *d, uint32_t q)
{
	d->prev[q] = d->tail;
	d->next[q] = AC_NONE;
	if (d->tail == AC_NONE)
		d->head = q;
	else
		d->next[d->tail] = q;
	d->tail = q;
}

/* A base for a state with transitions t[0..n) (n >= 1, sorted by symbol); claims the slots. */
static size_t darray_place(struct darray *d, const struct trans *t, size_t n)
{
	size_t b = 0;
	uint32_t s0 = t[0].sym;
	size_t tries = 0;
	for (uint32_t q = d->head; q != AC_NONE && tries < AC_FIT_TRIES; q = d->next[q], tries++)
		if (q > s0 && fits(d, q - s0, t, n)) {
			b = q - s0;
			break;
		}
	if (b == 0) {
		b = d->high > s0 ? d->high - s0 : 1;
		while (!fits(d, b, t, n))
			b++;
	}
	size_t top = b + t[n - 1].sym + 1, old_high = d->high;
	darray_reserve(d, top);
	for (size_t i = 0; i < n; i++) {
		size_t q = b + t[i].sym;
		if (q < old_high)
			free_unlink(d, (uint32_t)q);
		d->slots[q].check = (uint32_t)b;
	}
	if (top > old_high) {
		for (size_t q = old_high; q < top; q++)
			if (d->slots[q].check == AC_FREE)
				free_append(d, (uint32_t)q);
		d->high = top;
	}
	base_take(d, b);
	return b;
}

/* Everything the build allocates, freed at its one exit. */
struct build {
	uint32_t *cps;        /* decoded patterns, back to back */
	size_t *cp_start;     /* pattern i: cps[cp_start[i] .. cp_start[i+1]) */
	uint32_t *sym_of;     /* code point -> symbol, AC_MAX_CP entries */
	struct cp_count *freq;
	struct edge_map map;
	struct edge *edges;
	uint32_t *child_start; /* CSR over edges by state */
	uint32_t *order;       /* states in breadth-first order */
	uint32_t *fail;        /* state -> failure state */
	uint32_t *delta_start, *delta_len; /* stored transitions of each state, in `delta` */
	bool *complete;        /* misses go to the root's row (else to the failure state) */
	uint32_t *base;        /* state -> base */
	uint32_t *own_first, *own_count; /* state -> range in by_state */
	uint32_t *term;        /* pattern -> terminal state */
	uint32_t *by_state;    /* patterns sorted by terminal state */
	uint32_t *out_state;   /* state -> nearest state on the failure chain with own outputs */
	uint32_t *rec_of_state;
	uint32_t *root_row;
	struct tvec delta;
	struct darray da;
};

static void build_free(struct build *b)
{
	free(b->cps);
	free(b->cp_start);
	free(b->sym_of);
	free(b->freq);
	free(b->map.keys);
	free(b->map.vals);
	free(b->edges);
	free(b->child_start);
	free(b->order);
	free(b->fail);
	free(b->delta_start);
	free(b->delta_len);
	free(b->complete);
	free(b->base);
	free(b->own_first);
	free(b->own_count);
	free(b->term);
	free(b->by_state);
	free(b->out_state);
	free(b->rec_of_state);
	free(b->root_row);
	free(b->delta.v);
	free(b->da.slots);
	free(b->da.used_base);
	free(b->da.next);
	free(b->da.prev);
}

/* The complete DFA's transition of an already processed state f on sym. */
static uint32_t dfa_next(const struct build *b, uint32_t f, uint32_t sym)
{
	while (f != 0) {
		const struct trans *t = b->delta.v + b->delta_start[f];
		size_t lo = 0, hi = b->delta_len[f];
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (t[mid].sym < sym)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->delta_len[f] && t[lo].sym == sym)
			return t[lo].to;
		f = b->complete[f] ? 0 : b->fail[f];
	}
	return b->root_row[sym];
}

static uint32_t state_value(const struct build *b, uint32_t s)
{
	return b->base[s] | (b->out_state[s] != AC_NONE ? AC_OUT : 0);
}

/* Symbol pages for a map (NULL: identity). Pages that are all 0 share page 0, all-stop ones
 * share one page too. */
static void map_build(struct ac_map *m, const uint32_t *sym_of, ac_map_fn map)
{
	uint16_t tmp[256];
	size_t cap = 16, stop_page = 0;
	m->page_of = xcalloc(AC_PAGES, sizeof *m->page_of);
	m->pages = xcalloc(cap * 256, sizeof *m->pages);
	m->n_pages = 1;
	for (uint32_t pg = 0; pg < AC_PAGES; pg++) {
		bool zero = true, stop = true;
		for (uint32_t j = 0; j < 256; j++) {
			uint32_t cp = pg << 8 | j, to = map ? map(cp) : cp;
			tmp[j] = to == AC_STOP ? AC_SYM_STOP : to < AC_MAX_CP ? (uint16_t)sym_of[to] : 0;
			zero = zero && tmp[j] == 0;
			stop = stop && tmp[j] == AC_SYM_STOP;
		}
		if (zero)
			continue;
		if (stop && stop_page) {
			m->page_of[pg] = (uint16_t)stop_page;
			continue;
		}
		if (m->n_pages == cap) {
			cap *= 2;
			m->pages = xrealloc(m->pages, cap * 256 * sizeof *m->pages);
		}
		memcpy(m->pages + m->n_pages * 256, tmp, sizeof tmp);
		if (stop)
			stop_page = m->n_pages;
		m->page_of[pg] = (uint16_t)m->n_pages++;
	}
}

enum err_code ac_build(const struct ac_pattern *patterns, size_t n, ac_map_fn map, struct ac **out,
                       struct err *e)
{
	struct build b = {0};
	struct ac *a = NULL;
	enum err_code rc = ERR_OK;
	*out = NULL;

	/* 1. Decode the patterns and count code points. */
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += patterns[i].len;
	if (n >= AC_MASK / 2 || total >= AC_MASK / 2) {
		rc = err_set(e, ERR_INVALID, "关键词过多（%zu 个，共 %zu 字节） (too many patterns)", n, total);
		goto done;
	}
	b.cps = xmalloc((total + 1) * sizeof *b.cps);
	b.cp_start = xmalloc((n + 1) * sizeof *b.cp_start);
	b.sym_of = xcalloc(AC_MAX_CP, sizeof *b.sym_of); /* counts first, symbols after */
	size_t n_cps = 0, n_distinct = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)patterns[i].text;
		size_t len = patterns[i].len, off = 0;
		if (len == 0 || p == NULL) {
			rc = err_set(e, ERR_INVALID, "第 %zu 个关键词（编号 %u）为空 (empty pattern)", i + 1,
			             patterns[i].id);
			goto done;
		}
		b.cp_start[i] = n_cps;
		while (off < len) {
			uint32_t cp = 0;
			size_t k = ac_utf8_decode(p + off, len - off, &cp);
			if (k == 0) {
				rc = err_set(e, ERR_INVALID,
				             "第 %zu 个关键词（编号 %u）第 %zu 字节不是有效的UTF-8 (invalid UTF-8)",
				             i + 1, patterns[i].id, off + 1);
				goto done;
			}
			if (b.sym_of[cp]++ == 0)
				n_distinct++;
			b.cps[n_cps++] = cp;
			off += k;
		}
	}
	b.cp_start[n] = n_cps;
	if (n_distinct > AC_MAX_SYMBOLS) {
		rc = err_set(e, ERR_INVALID, "关键词中的不同字符超过 %u 个 (too many distinct characters)",
		             AC_MAX_SYMBOLS);
		goto done;
	}

	/* 2. Symbols by descending frequency. */
	b.freq = xmalloc((n_distinct + 1) * sizeof *b.freq);
	size_t k = 0;
	for (uint32_t cp = 0; cp < AC_MAX_CP && k < n_distinct; cp++)
		if (b.sym_of[cp]) {
			b.freq[k].cp = cp;
			b.freq[k].count = b.sym_of[cp];
			k++;
		}
	qsort(b.freq, n_distinct, sizeof *b.freq, cmp_cp_count);
	for (size_t i = 0; i < n_distinct; i++)
		b.sym_of[b.freq[i].cp] = (uint32_t)(i + 1);
	const uint32_t K = (uint32_t)n_distinct;

	/* 3. The trie. */
	uint32_t n_states = 1;
	b.term = xmalloc((n + 1) * sizeof *b.term);
	for (size_t i = 0; i < n; i++) {
		uint32_t s = 0;
		for (size_t j = b.cp_start[i]; j < b.cp_start[i + 1]; j++)
			s = edge_map_child(&b.map, s, b.sym_of[b.cps[j]], &n_states);
		b.term[i] = s;
	}
	size_t n_edges = b.map.n;
	b.edges = xmalloc((n_edges + 1) * sizeof *b.edges);
	for (size_t i = 0, j = 0; i < b.map.cap; i++)
		if (b.map.keys[i]) {
			uint64_t key = b.map.keys[i] - 1;
			b.edges[j].from = (uint32_t)(key >> 32);
			b.edges[j].sym = (uint32_t)key;
			b.edges[j].to = b.map.vals[i];
			j++;
		}
	qsort(b.edges, n_edges, sizeof *b.edges, cmp_edge);
	b.child_start = xcalloc((size_t)n_states + 1, sizeof *b.child_start);
	for (size_t i = 0; i < n_edges; i++)
		b.child_start[b.edges[i].from + 1]++;
	for (uint32_t s = 0; s < n_states; s++)
		b.child_start[s + 1] += b.child_start[s];

	/* 4. Breadth-first: failure links and each state's stored transitions. */
	b.root_row = xcalloc((size_t)K + 1, sizeof *b.root_row);
	for (uint32_t i = b.child_start[0]; i < b.child_start[1]; i++)
		b.root_row[b.edges[i].sym] = b.edges[i].to;
	b.order = xmalloc((size_t)n_states * sizeof *b.order);
	b.fail = xcalloc(n_states, sizeof *b.fail);
	b.delta_start = xcalloc(n_states, sizeof *b.delta_start);
	b.delta_len = xcalloc(n_states, sizeof *b.delta_len);
	b.complete = xcalloc(n_states, sizeof *b.complete);
	b.delta.cap = n_edges + 16;
	b.delta.v = xmalloc(b.delta.cap * sizeof *b.delta.v);
	size_t head = 0, tail = 0, n_complete = 0;
	b.order[tail++] = 0;
	b.complete[0] = true;
	while (head < tail) {
		uint32_t s = b.order[head++];
		const struct edge *ch = b.edges + b.child_start[s];
		uint32_t n_ch = b.child_start[s + 1] - b.child_start[s];
		for (uint32_t i = 0; i < n_ch; i++) {
			b.order[tail++] = ch[i].to;
			b.fail[ch[i].to] = s == 0 ? 0 : dfa_next(&b, b.fail[s], ch[i].sym);
		}
		if (s == 0)
			continue;
		/* Own edges, merged with the failure state's when it is complete and has few. */
		uint32_t f = b.fail[s];
		bool complete = f == 0 || (b.complete[f] && b.delta_len[f] <= AC_COPY_MAX);
		size_t start = b.delta.n, fi = 0, f_len = f && complete ? b.delta_len[f] : 0;
		size_t f_start = b.delta_start[f];
		for (uint32_t i = 0; i < n_ch || fi < f_len;) {
			/* b.delta.v may move while pushing: index, do not hold pointers */
			uint32_t fs = fi < f_len ? b.delta.v[f_start + fi].sym : UINT32_MAX;
			if (i < n_ch && ch[i].sym <= fs) {
				tvec_push(&b.delta, ch[i].sym, ch[i].to);
				if (ch[i].sym == fs)
					fi++;
				i++;
			} else {
				tvec_push(&b.delta, fs, b.delta.v[f_start + fi].to);
				fi++;
			}
		}
		b.delta_start[s] = (uint32_t)start;
		b.delta_len[s] = (uint32_t)(b.delta.n - start);
		b.complete[s] = complete;
		n_complete += complete;
	}

	/* 5. Outputs: patterns grouped by terminal state; nearest output state on each fail chain. */
	b.own_count = xcalloc(n_states, sizeof *b.own_count);
	b.own_first = xcalloc(n_states, sizeof *b.own_first);
	for (size_t i = 0; i < n; i++)
		b.own_count[b.term[i]]++;
	for (uint32_t s = 1; s < n_states; s++)
		b.own_first[s] = b.own_first[s - 1] + b.own_count[s - 1];
	b.by_state = xmalloc((n + 1) * sizeof *b.by_state);
	{
		uint32_t *fill = xcalloc(n_states, sizeof *fill);
		for (size_t i = 0; i < n; i++) {
			uint32_t s = b.term[i];
			b.by_state[b.own_first[s] + fill[s]++] = (uint32_t)i;
		}
		free(fill);
	}
	b.out_state = xmalloc((size_t)n_states * sizeof *b.out_state);
	b.out_state[0] = AC_NONE;
	for (size_t i = 1; i < n_states; i++) {
		uint32_t s = b.order[i];
		b.out_state[s] = b.own_count[s] ? s : b.out_state[b.fail[s]];
	}

	/* 6. Place states: the root's dense row first, then breadth-first, each with its miss slot
	 * (symbol 0) and its stored transitions. */
	b.base = xcalloc(n_states, sizeof *b.base);
	darray_reserve(&b.da, (size_t)K + 1);
	for (uint32_t c = 0; c <= K; c++)
		b.da.slots[c].check = 0;
	b.da.high = (size_t)K + 1;
	b.da.head = b.da.tail = AC_NONE;
	base_take(&b.da, 0);
	struct trans *t = xmalloc(((size_t)K + 2) * sizeof *t);
	for (size_t i = 1; i < n_states; i++) {
		uint32_t s = b.order[i];
		size_t nt = b.delta_len[s];
		t[0].sym = 0;
		t[0].to = 0;
		memcpy(t + 1, b.delta.v + b.delta_start[s], nt * sizeof *t);
		size_t base = darray_place(&b.da, t, nt + 1);
		if (base + (size_t)K + 1 >= AC_MASK) {
			free(t);
			rc = err_set(e, ERR_INVALID, "关键词过多，自动机超出容量 (automaton too large)");
			goto done;
		}
		b.base[s] = (uint32_t)base;
	}
	free(t);
	size_t n_slots = b.da.high;
	for (uint32_t s = 0; s < n_states; s++)
		if (b.base[s] + (size_t)K + 1 > n_slots)
			n_slots = b.base[s] + (size_t)K + 1;
	darray_reserve(&b.da, n_slots);

	/* 7. The scan tables. */
	a = xcalloc(1, sizeof *a);
	a->n_patterns = n;
	a->n_states = n_states;
	a->n_symbols = K;
	a->n_complete = n_complete;
	a->n_slots = n_slots;
	a->slots = xmalloc(n_slots * sizeof *a->slots);
	memcpy(a->slots, b.da.slots, n_slots * sizeof *a->slots);
	for (uint32_t c = 0; c <= K; c++)
		a->slots[c].next = c ? state_value(&b, b.root_row[c]) : 0;
	for (uint32_t s = 1; s < n_states; s++) {
		const struct trans *d = b.delta.v + b.delta_start[s];
		a->slots[b.base[s]].next = b.complete[s] ? 0 : state_value(&b, b.fail[s]);
		for (size_t j = 0; j < b.delta_len[s]; j++)
			a->slots[b.base[s] + d[j].sym].next = state_value(&b, d[j].to);
	}

	/* Output records: one per state with own patterns, linked along the failure chain, found
	 * through the check of the state's slot 0. */
	b.rec_of_state = xmalloc((size_t)n_states * sizeof *b.rec_of_state);
	a->outv = xmalloc(((size_t)n * AC_REC_OUT + (size_t)n_states * AC_REC_HEAD + 1) *
	                  sizeof *a->outv);
	for (size_t i = 0; i < n_states; i++) {
		uint32_t s = b.order[i];
		b.rec_of_state[s] = AC_NONE;
		if (!b.own_count[s])
			continue;
		uint32_t *r = a->outv + a->n_outv;
		uint32_t up = s ? b.out_state[b.fail[s]] : AC_NONE;
		r[0] = b.own_count[s];
		r[1] = up == AC_NONE ? AC_NONE : b.rec_of_state[up];
		for (uint32_t j = 0; j < b.own_count[s]; j++) {
			uint32_t pi = b.by_state[b.own_first[s] + j];
			r[AC_REC_HEAD + AC_REC_OUT * j] = patterns[pi].id;
			r[AC_REC_HEAD + AC_REC_OUT * j + 1] = (uint32_t)patterns[pi].len;
			r[AC_REC_HEAD + AC_REC_OUT * j + 2] = (uint32_t)(b.cp_start[pi + 1] - b.cp_start[pi]);
		}
		b.rec_of_state[s] = (uint32_t)a->n_outv;
		a->n_outv += AC_REC_HEAD + (size_t)AC_REC_OUT * b.own_count[s];
	}
	if (a->n_outv >= AC_MASK) {
		rc = err_set(e, ERR_INVALID, "关键词过多，自动机超出容量 (automaton too large)");
		goto done;
	}
	for (uint32_t s = 1; s < n_states; s++)
		if (b.out_state[s] != AC_NONE)
			a->slots[b.base[s]].check = AC_OUT | b.rec_of_state[b.out_state[s]];

	map_build(&a->exact, b.sym_of, NULL);
	if (map)
		map_build(&a->mapped, b.sym_of, map);

done:
	build_free(&b);
	if (rc == ERR_OK)
		*out = a;
	else
		ac_free(a);
	return rc;
}

void ac_free(struct ac *a)
{
	if (a == NULL)
		return;
	free(a->slots);
	free(a->exact.page_of);
	free(a->exact.pages);
	free(a->mapped.page_of);
	free(a->mapped.pages);
	free(a->outv);
	free(a);
}

void ac_get_stats(const struct ac *a, struct ac_stats *out)
{
	out->patterns = a->n_patterns;
	out->states = a->n_states;
	out->alphabet = a->n_symbols;
	out->slots = a->n_slots;
	out->complete = a->n_complete;
	out->bytes = a->n_slots * sizeof *a->slots + a->n_outv * sizeof *a->outv +
	             AC_PAGES * sizeof *a->exact.page_of + a->exact.n_pages * 256 * sizeof(uint16_t) +
	             (a->mapped.page_of ? AC_PAGES * sizeof *a->exact.page_of +
	                                  a->mapped.n_pages * 256 * sizeof(uint16_t) : 0);
}

/* ---- scan ----------------------------------------------------------------------------------- */

/*
 * One step of the automaton from state value v on symbol c (c != 0). Tried and measured slower
 * on business-scope text: the same step without branches (selects as masks, the root's row
 * loaded ahead): cachegrind counted far fewer mispredictions, the real CPU ran 20-30% slower.
 */
static inline uint32_t step(const struct ac_slot *slots, uint32_t v, uint32_t c)
{
	for (;;) {
		uint32_t base = v & AC_MASK;
		struct ac_slot sl = slots[base + c];
		if (sl.check == base)
			return sl.next;
		v = slots[base].next;
	}
}

/* Report the outputs of state value v ending at `end` (bytes or characters); false when fn asked
 * to stop. */
static bool report(const struct ac *a, uint32_t v, size_t end, bool chars, ac_match_fn fn,
                   void *ctx, size_t *count)
{
	for (uint32_t r = a->slots[v & AC_MASK].check & AC_MASK; r != AC_NONE; r = a->outv[r + 1]) {
		const uint32_t *o = a->outv + r + AC_REC_HEAD;
		for (uint32_t i = 0; i < a->outv[r]; i++, o += AC_REC_OUT) {
			(*count)++;
			if (fn && !fn(ctx, o[0], end - (chars ? o[2] : o[1]), end))
				return false;
		}
	}
	return true;
}

/*
 * The scan loop for both entry points; `mapped` is a constant in each caller and the loop is
 * forced inline, so the compiler makes two loops (left to itself, GCC merged them into one that
 * tested `mapped` at run time). The map's two arrays are read into locals and the decoded code
 * point never has its address taken, so the loop keeps them in registers. Returns false when the
 * map stopped it (mapped only) or fn asked to stop.
 */
__attribute__((always_inline)) static inline bool
scan(const struct ac *a, const struct ac_map *m, bool mapped, const unsigned char *text, size_t len,
     ac_match_fn fn, void *ctx, size_t *count, bool *stopped)
{
	const unsigned char *p = text, *end = text + len;
	const unsigned char *fast_end = len >= 4 ? end - 3 : text;
	const struct ac_slot *slots = a->slots;
	const uint16_t *page_of = m->page_of, *pages = m->pages;
	size_t chars = 0;
	uint32_t v = 0;
	while (p < end) {
		uint32_t b0 = p[0], c;
		size_t n = 1;
		if (b0 < 0x80) {
			c = pages[(size_t)page_of[0] << 8 | b0];
		} else if ((b0 & 0xF0) == 0xE0 && p < fast_end) {
			/* the common case in Chinese text, read without bounds checks */
			uint32_t b1 = p[1], b2 = p[2];
			uint32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
			/* surrogates need no test: no pattern holds one and maps keep them apart */
			if (((b1 & 0xC0) == 0x80) & ((b2 & 0xC0) == 0x80) & (cp >= 0x800)) {
				c = pages[(size_t)page_of[cp >> 8] << 8 | (cp & 0xFF)];
				n = 3;
			} else if (mapped) {
				*stopped = true;
				return false;
			} else {
				c = 0;
			}
		} else {
			uint32_t cp;
			if ((n = ac_utf8_decode(p, (size_t)(end - p), &cp)) != 0) {
				c = pages[(size_t)page_of[cp >> 8] << 8 | (cp & 0xFF)];
			} else if (mapped) {
				*stopped = true;
				return false;
			} else {
				n = 1;
				c = 0;
			}
		}
		p += n;
		chars++;
		if (c == 0) {
			v = 0;
			continue;
		}
		if (mapped && c == AC_SYM_STOP) {
			*stopped = true;
			return false;
		}
		v = step(slots, v, c);
		if ((v & AC_OUT) &&
		    !report(a, v, mapped ? chars : (size_t)(p - text), mapped, fn, ctx, count))
			return false;
	}
	return true;
}

size_t ac_scan(const struct ac *a, const char *text, size_t len, ac_match_fn fn, void *ctx)
{
	size_t count = 0;
	bool stopped = false;
	(void)scan(a, &a->exact, false, (const unsigned char *)text, len, fn, ctx, &count, &stopped);
	return count;
}

bool ac_scan_mapped(const struct ac *a, const char *text, size_t len, ac_match_fn fn, void *ctx,
                    size_t *count)
{
	bool stopped = false;
	*count = 0;
	if (a->mapped.page_of == NULL)
		return false;
	(void)scan(a, &a->mapped, true, (const unsigned char *)text, len, fn, ctx, count, &stopped);
	return !stopped;
}
