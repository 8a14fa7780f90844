/* test_router.c - matching requests to routes (src/http/router.c). */
#include "testutil.h"

#include "http/http_int.h"

static char allow_buf[ROUTER_ALLOW_SIZE];

static http_handler route(const char *method, const char *path, struct http_req *req,
                          unsigned *status, const char **allow)
{
	memset(req, 0, sizeof *req);
	req->method = method;
	req->path = path;
	*status = 0;
	http_handler h = router_match(req, status, allow_buf);
	*allow = allow_buf;
	return h;
}

static void test_matches(void **state)
{
	(void)state;
	struct http_req req;
	unsigned status;
	const char *allow;
	assert_ptr_equal(route("GET", "/api/v1/programme", &req, &status, &allow), api_programme);
	assert_ptr_equal(route("HEAD", "/healthz", &req, &status, &allow), api_healthz);
	assert_ptr_equal(route("GET", "/api/v1/industries", &req, &status, &allow), api_industries);
	assert_ptr_equal(route("GET", "/api/v1/industries/marine", &req, &status, &allow), api_industry);
	assert_int_equal(req.n_params, 1);
	assert_string_equal(req.params[0], "marine");
	assert_ptr_equal(route("GET", "/api/v1/districts/440305", &req, &status, &allow), api_district);
	assert_string_equal(req.params[0], "440305");
	assert_ptr_equal(route("GET", "/api/v1/lists/projects/export", &req, &status, &allow),
	                 api_list_export);
	assert_ptr_equal(route("GET", "/api/v1/lists/projects/12", &req, &status, &allow), api_list_get);
	char buf[32];
	assert_true(http_param(&req, 0, buf, sizeof buf));
	assert_string_equal(buf, "projects");
	assert_true(http_param(&req, 1, buf, sizeof buf));
	assert_string_equal(buf, "12");
	assert_false(http_param(&req, 2, buf, sizeof buf));
	assert_ptr_equal(route("PUT", "/api/v1/lists/projects/12", &req, &status, &allow), api_list_update);
	assert_ptr_equal(route("DELETE", "/api/v1/lists/projects/12", &req, &status, &allow), api_list_delete);
	assert_ptr_equal(route("POST", "/api/v1/lists/projects", &req, &status, &allow), api_list_create);
	assert_ptr_equal(route("GET", "/", &req, &status, &allow), static_file);
	assert_ptr_equal(route("GET", "/js/app.js", &req, &status, &allow), static_file);
}

static void test_misses(void **state)
{
	(void)state;
	struct http_req req;
	unsigned status;
	const char *allow;
	assert_null(route("GET", "/api/v1/nosuch", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_null(route("GET", "/api/v1/industries/", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_null(route("GET", "/api/v1/industries/a/b", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_null(route("POST", "/api/v1/programme", &req, &status, &allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow, "GET, HEAD");
	assert_null(route("DELETE", "/api/v1/industries/marine", &req, &status, &allow));
	assert_int_equal(status, 405);
	/* A record path allows every method its routes have. */
	assert_null(route("POST", "/api/v1/lists/projects/12", &req, &status, &allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow, "GET, HEAD, PUT, DELETE");
	assert_null(route("GET", "/api/", &req, &status, &allow));
	assert_int_equal(status, 404);
	assert_null(route("GET", "", &req, &status, &allow));
	assert_int_equal(status, 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_misses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
