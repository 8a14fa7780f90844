/*
 * fuzz_common.c - the temporary directory and file writing the fuzz targets share.
 */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[256];

static void remove_dir(void)
{
	char cmd[300];
	(void)snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (dir[0])
		(void)system(cmd);
}

const char *fuzz_tmpdir(void)
{
	if (dir[0] == '\0') {
		const char *t = getenv("TMPDIR");
		(void)snprintf(dir, sizeof dir, "%s/jiqun-fuzz-XXXXXX", t && t[0] ? t : "/tmp");
		if (mkdtemp(dir) == NULL) {
			perror("fuzz: mkdtemp");
			abort();
		}
		(void)atexit(remove_dir);
	}
	return dir;
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}
