/*
 * secret.h - passwords and tokens: argon2id password hashes (libsodium's crypto_pwhash_str, the
 * "interactive" limits), random session and API tokens, their sha256 hashes (what the store
 * keeps), and the CSRF token derived from a session's token.
 *
 * Thread-safe; nothing allocated. The one place Jiqun calls libsodium.
 */
#ifndef JIQUN_AUTH_SECRET_H
#define JIQUN_AUTH_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define AUTH_HASH_SIZE 128     /* crypto_pwhash_STRBYTES: an argon2id string and its NUL */
#define AUTH_TOKEN_LEN 64      /* hex digits of a 32-byte random token */
#define AUTH_PASSWORD_MIN 8    /* bytes */
#define AUTH_PASSWORD_MAX 1024 /* bytes: longer ones are refused before hashing */

/* Hash `password` into out (argon2id string). ERR_INVALID for a password outside the limits,
 * ERR_NOMEM when the hash's memory cannot be had. */
enum err_code auth_password_hash(const char *password, char out[AUTH_HASH_SIZE], struct err *e);

/*
 * Whether `password` matches `hash`. With no hash (NULL or "", an unknown account) a dummy hash
 * is checked instead, so the answer takes as long as for a real account, and is false.
 */
bool auth_password_verify(const char *hash, const char *password);

/* A new random token (AUTH_TOKEN_LEN hex digits and a NUL). */
void auth_token_new(char out[AUTH_TOKEN_LEN + 1]);
/* A new random password for an account (16 letters and digits and a NUL). */
void auth_password_new(char out[17]);
/* The sha256 hex of a token: what the store keeps. */
void auth_token_hash(const char *token, char out[65]);
/* The CSRF token of a session: sha256 of a label and the session's token (the page gets it
 * from the login answer or /api/v1/me; a cross-site page cannot). */
void auth_csrf(const char *session_token, char out[65]);
/* Compare two NUL-terminated strings in time independent of where they differ. */
bool auth_equal(const char *a, const char *b);

#endif
