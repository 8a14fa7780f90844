/*
 * static.c - the dashboard's files, embedded in the binary under "web/". Lookup is an exact match
 * in the embedded table, so no request can reach the file system ("/../etc/passwd" is simply not a
 * key). "/" serves index.html. Since the files never change, each one's ETags and gzip form are
 * computed on its first request and kept for the life of the process (ECharts alone is ~1 MB:
 * compressing it per request would cost tens of milliseconds each time).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "http/http_int.h"

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

struct cached {
	bool ready;
	char etag[32], etag_gz[32];
	char *gz; /* NULL if compression failed: then the body goes out as it is */
	size_t gz_len;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached *cache; /* one per embedded file, allocated on first use, never freed */

/* Fill resp's precomputed parts for embedded file `f`, computing them once. */
static void use_cache(const struct embed_file *f, struct http_resp *resp)
{
	size_t n;
	const struct embed_file *all = embed_all(&n);
	size_t i = (size_t)(f - all);
	(void)pthread_mutex_lock(&cache_lock);
	if (cache == NULL)
		cache = calloc(n, sizeof *cache);
	if (cache && !cache[i].ready) {
		struct cached *c = &cache[i];
		respond_etag((const char *)f->data, f->len, false, c->etag);
		respond_etag((const char *)f->data, f->len, true, c->etag_gz);
		c->gz = respond_gzip((const char *)f->data, f->len, &c->gz_len);
		c->ready = true;
	}
	if (cache) {
		resp->etag = cache[i].etag;
		resp->etag_gz = cache[i].etag_gz;
		resp->gz_body = cache[i].gz;
		resp->gz_len = cache[i].gz_len;
	}
	(void)pthread_mutex_unlock(&cache_lock);
}

enum err_code static_file(const struct http_req *req, struct http_resp *resp, struct err *e)
{
	char key[HTTP_MAX_URL + 16];
	const char *path = strcmp(req->path, "/") == 0 ? "/index.html" : req->path;
	if (strlen(path) + 4 >= sizeof key)
		return err_set(e, ERR_NOT_FOUND, "no such page");
	memcpy(key, "web", 3);
	memcpy(key + 3, path, strlen(path) + 1);
	const struct embed_file *f = embed_find(key);
	if (f == NULL)
		return err_set(e, ERR_NOT_FOUND, "no such page: %.200s (页面不存在)", req->path);
	resp->status = MHD_HTTP_OK;
	resp->content_type = content_type(key);
	resp->body = (const char *)f->data;
	resp->len = f->len;
	use_cache(f, resp);
	/* The vendored library changes only with a new build; pages revalidate by ETag. */
	resp->cache = strncmp(key, "web/vendor/", 11) == 0 ? "public, max-age=86400" : NULL;
	return ERR_OK;
}
