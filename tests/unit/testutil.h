/*
 * testutil.h - what the cmocka unit tests share: the includes cmocka needs, in its order, and a
 * fresh temporary directory per test. Header-only so each test binary stays one file.
 */
#ifndef JIQUN_TESTUTIL_H
#define JIQUN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A new empty directory under $TMPDIR; `out` receives its path. */
static inline void tmpdir_make(char out[256])
{
	const char *base = getenv("TMPDIR");
	(void)snprintf(out, 256, "%s/jiqun-unit-XXXXXX", base && base[0] ? base : "/tmp");
	assert_non_null(mkdtemp(out));
}

/* Remove a directory made by tmpdir_make and what is in it (flat). */
static inline void tmpdir_remove(const char *dir)
{
	char cmd[512];
	(void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Write `len` bytes to `path`. */
static inline void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Read a whole file (malloc'd, NUL-terminated); *len receives its size. */
static inline char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	(void)fclose(f);
	*len = (size_t)n;
	return p;
}

#endif
