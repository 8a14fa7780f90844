/*
 * mem.h - allocation rules.
 *
 * Sizes Jiqun chooses itself (a struct, a small table) come from xmalloc/xcalloc/xrealloc/xstrdup,
 * which abort with a message on out-of-memory: there is no useful recovery and no caller check to
 * forget. Sizes a client controls (a request body, a file) must use plain malloc and handle NULL,
 * under a named cap. Every free function in Jiqun accepts NULL.
 */
#ifndef JIQUN_BASE_MEM_H
#define JIQUN_BASE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* A copy of s (which may be NULL: the result is then NULL). */
char *xstrdup(const char *s);
/* A NUL-terminated copy of the first n bytes of s. */
char *xstrndup(const char *s, size_t n);

#endif
