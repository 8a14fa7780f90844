/*
 * fuzz_common.h - what the libFuzzer targets in fuzz/ share: the entry points libFuzzer calls
 * (declared here because the build warns about functions without a prototype) and a temporary
 * directory made once per process and removed at exit.
 */
#ifndef JIQUN_FUZZ_COMMON_H
#define JIQUN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A directory under $TMPDIR (or /tmp) for this process, removed at exit with what is in it. */
const char *fuzz_tmpdir(void);

/* Write `size` bytes to `path` (replacing it); aborts when it cannot (a harness fault). */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

#endif
