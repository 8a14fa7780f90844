/*
 * secret.c - passwords and tokens with libsodium; see secret.h. sodium_init is called before
 * every use (it is idempotent and thread-safe).
 */
#include "auth/secret.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/sha256.h"

_Static_assert(AUTH_HASH_SIZE == crypto_pwhash_STRBYTES, "hash size");

static bool init(void)
{
	return sodium_init() >= 0;
}

enum err_code auth_password_hash(const char *password, char out[AUTH_HASH_SIZE], struct err *e)
{
	size_t n = password ? strlen(password) : 0;
	if (n < AUTH_PASSWORD_MIN || n > AUTH_PASSWORD_MAX)
		return err_set(e, ERR_INVALID, "密码长度应为 %d 到 %d 个字节 (a password has %d to %d bytes)",
		               AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX, AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
	if (!init() || crypto_pwhash_str(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                 crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, ERR_NOMEM, "cannot hash the password (out of memory)");
	return ERR_OK;
}

/*
 * What unknown accounts are checked against: an argon2id hash, with the same limits as ours
 * (m=65536 KiB, t=2: crypto_pwhash_*_INTERACTIVE), of a random password nobody kept. A constant,
 * so even the first unknown name of a process costs the same as a known one; and whatever it
 * verifies, an unknown account is still refused.
 */
static const char dummy_hash[AUTH_HASH_SIZE] =
	"$argon2id$v=19$m=65536,t=2,p=1$WWOSf6K9aQw8gpgsxcOeFw$PQ3FaC8eLUg8ixWyY0mKq4f8pO/2w3zPAXxmUX4gveA";

bool auth_password_verify(const char *hash, const char *password)
{
	if (!init())
		return false;
	size_t n = password ? strlen(password) : 0;
	if (n > AUTH_PASSWORD_MAX)
		n = AUTH_PASSWORD_MAX; /* still hash something, so the time does not tell */
	const char *pw = password ? password : "";
	if (hash == NULL || hash[0] == '\0') {
		volatile int ignored = crypto_pwhash_str_verify(dummy_hash, pw, n);
		(void)ignored;
		return false;
	}
	return crypto_pwhash_str_verify(hash, pw, n) == 0;
}

void auth_token_new(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char b[AUTH_TOKEN_LEN / 2];
	(void)init();
	randombytes_buf(b, sizeof b);
	(void)sodium_bin2hex(out, AUTH_TOKEN_LEN + 1, b, sizeof b);
}

void auth_password_new(char out[17])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	(void)init();
	for (size_t i = 0; i < 16; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
	out[16] = '\0';
}

void auth_token_hash(const char *token, char out[65])
{
	sha256_hex(token, strlen(token), out);
}

void auth_csrf(const char *session_token, char out[65])
{
	char buf[AUTH_TOKEN_LEN + 16];
	int n = snprintf(buf, sizeof buf, "jiqun-csrf:%s", session_token);
	sha256_hex(buf, n > 0 ? (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1 : 0, out);
}

bool auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}
