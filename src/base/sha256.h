/*
 * sha256.h - SHA-256 (FIPS 180-4) of a buffer, as lower-case hex: the checksum recorded with each
 * imported rule set, so a statistician can tell which file a version came from. Pure function,
 * thread-safe, no allocation.
 */
#ifndef JIQUN_BASE_SHA256_H
#define JIQUN_BASE_SHA256_H

#include <stddef.h>

#define SHA256_HEX_LEN 64

/* Write the digest of data[0..len) as 64 hex digits and a NUL into hex. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
