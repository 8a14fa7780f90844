/* test_respond.c - answers made once and reused (respond_cached in src/http/respond.c). */
#include "testutil.h"

#include <pthread.h>
#include <zlib.h>

#include "http/http_int.h"

static int made;

/* A body of 2000 bytes: {"n":"xxx...x"}, long enough to be worth compressing. */
static json_t *make(const struct http_req *req)
{
	(void)req;
	made++;
	char s[1993];
	memset(s, 'x', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	return json_pack("{s:s}", "n", s);
}

static void test_made_once(void **state)
{
	(void)state;
	struct http_cached *c = respond_cached_new();
	struct http_req req = {0};
	struct http_resp a = {0}, b = {0};
	struct err e = {0};
	made = 0;
	assert_int_equal(respond_cached(c, make, &req, &a, &e), ERR_OK);
	assert_int_equal(respond_cached(c, make, &req, &b, &e), ERR_OK);
	assert_int_equal(made, 1);
	assert_int_equal(a.status, 200);
	assert_int_equal(a.len, 2000); /* 7 + 1992 + 1 */
	assert_memory_equal(a.body, "{\"n\":\"xxx", 9);
	assert_ptr_equal(a.body, b.body); /* the same bytes, not a copy */
	assert_null(a.owned);
	assert_ptr_equal(a.cached, c);
	char etag[32], etag_gz[32];
	respond_etag(a.body, a.len, false, etag);
	respond_etag(a.body, a.len, true, etag_gz);
	assert_string_equal(a.etag, etag);
	assert_string_equal(a.etag_gz, etag_gz);
	/* The gzip form inflates to the body. */
	assert_non_null(a.gz_body);
	assert_true(a.gz_len < 200);
	char out[4096];
	z_stream z = {0};
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)a.gz_body;
	z.avail_in = (uInt)a.gz_len;
	z.next_out = (Bytef *)out;
	z.avail_out = sizeof out;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, 2000);
	assert_memory_equal(out, a.body, 2000);
	(void)inflateEnd(&z);
	respond_cached_free(c);
	respond_cached_free(NULL);
}

static struct http_cached *shared;
static const char *seen[8];

static void *racer(void *arg)
{
	struct http_req req = {0};
	struct http_resp r = {0};
	struct err e = {0};
	if (respond_cached(shared, make, &req, &r, &e) == ERR_OK)
		seen[(size_t)(uintptr_t)arg] = r.body;
	return NULL;
}

/* Eight threads asking at once still make it once, and all see the same body. */
static void test_threads(void **state)
{
	(void)state;
	shared = respond_cached_new();
	made = 0;
	pthread_t t[8];
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, racer, (void *)(uintptr_t)i), 0);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(made, 1);
	for (size_t i = 0; i < 8; i++)
		assert_ptr_equal(seen[i], seen[0]);
	respond_cached_free(shared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_made_once),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
