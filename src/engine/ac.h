/*
 * ac.h - Aho-Corasick multi-pattern matching over UTF-8 text, character by character: every
 * occurrence of every pattern (overlapping ones included) in one pass, reported with its byte
 * span. Used by engine/classify.c to find all keywords of a rule set in business-scope text.
 *
 * Text is read as UTF-8 characters, not bytes. Code points that occur in some pattern are numbered
 * 1..K (most frequent first); any other character, and any byte that is not part of a valid UTF-8
 * sequence, is symbol 0 and sends the automaton back to the root, so no match spans it. ac_scan
 * matches exactly (classify_normalize normalises first); ac_scan_mapped reads each character
 * through a map fixed at build time (classify folds case and full-width forms with it) and gives
 * up on characters the map cannot fold, so common text needs neither a copy nor a second pass.
 *
 * Layout (ac.c explains it): one double array of 8-byte (check, next) slots holding the root's
 * dense row and every other state's transitions, so a character costs one decode, one lookup of
 * its symbol and one dependent slot load, plus a failure hop now and then.
 *
 * Ownership: ac_build copies what it needs from the patterns; struct ac is immutable afterwards
 * and safe to share between threads; ac_free releases it (NULL allowed).
 */
#ifndef JIQUN_ENGINE_AC_H
#define JIQUN_ENGINE_AC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* One pattern: `len` bytes of UTF-8 (not NUL-terminated necessarily) and the id scans report. */
struct ac_pattern {
	const char *text;
	size_t len;
	uint32_t id;
};

struct ac;

/*
 * A character map for ac_scan_mapped: the code point a text character matches as (itself, or
 * e.g. its lower-case or half-width form), or AC_STOP when that character cannot be read this
 * way (the caller then normalises the text and uses ac_scan). Called for every code point once,
 * at build time; the result must map a character to a single character.
 */
#define AC_STOP UINT32_MAX
typedef uint32_t (*ac_map_fn)(uint32_t cp);

/*
 * Build the automaton for `n` patterns (n may be 0: nothing ever matches). Patterns must be
 * non-empty, strictly valid UTF-8; ids need not be unique (equal patterns are each reported).
 * `map` (NULL allowed) is what ac_scan_mapped reads text through. ERR_INVALID names the first
 * bad pattern by its index and id. At most 65,534 distinct code points in the patterns.
 */
enum err_code ac_build(const struct ac_pattern *patterns, size_t n, ac_map_fn map,
                       struct ac **out /* OUT */, struct err *e);
void ac_free(struct ac *a);

/*
 * Called once per occurrence: the pattern's id and its span [start, end) in the text (bytes for
 * ac_scan, characters for ac_scan_mapped). Occurrences come in order of their end; at one end,
 * longer patterns first. Return false to stop.
 */
typedef bool (*ac_match_fn)(void *ctx, uint32_t id, size_t start, size_t end);

/*
 * Scan `len` bytes of `text` and report every occurrence to fn (NULL: only count them).
 * Returns the number of occurrences reported (up to and including the one that stopped it).
 */
size_t ac_scan(const struct ac *a, const char *text, size_t len, ac_match_fn fn, void *ctx);

/*
 * Scan reading each character through the build's map, in one pass and without a copy; spans
 * are in characters. Returns false, at once, at the first character the map stops at or the
 * first invalid byte (occurrences already reported stand; the caller discards them), and also
 * when there is no map. *count receives the number of occurrences reported.
 */
bool ac_scan_mapped(const struct ac *a, const char *text, size_t len, ac_match_fn fn, void *ctx,
                    size_t *count);

/*
 * Decode one UTF-8 character from p[0..n) (n >= 1) strictly: no overlong forms, no surrogates,
 * nothing above U+10FFFF. Returns its length (1-4) and sets *cp, or 0 when p does not start a
 * valid character (callers drop one byte and go on). The scanner's notion of a character.
 */
size_t ac_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Sizes for benchmarks and logs. */
struct ac_stats {
	size_t patterns;   /* patterns built from */
	size_t states;     /* trie states, root included */
	size_t alphabet;   /* distinct code points in the patterns (K) */
	size_t slots;      /* double-array slots (8 bytes each) */
	size_t complete;   /* states whose misses go straight to the root's row */
	size_t bytes;      /* memory the scan tables take */
};
void ac_get_stats(const struct ac *a, struct ac_stats *out);

#endif
