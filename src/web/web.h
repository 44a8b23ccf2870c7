/*
** The web front end: HTML pages and the JSON API (/api/v1/) served by
** libmicrohttpd. web_serve() blocks until SIGINT or SIGTERM.
*/
#ifndef CQPM_WEB_H
#define CQPM_WEB_H

struct web_config {
	const char *db_path;
	const char *addr;         /* "127.0.0.1" */
	unsigned short port;      /* 8080 */
	int threads;              /* worker threads, 0: one per core */
	int secure_cookies;       /* 1 behind TLS: cookies get Secure */
	int quiet;                /* no access log */
	/* tests and demonstrations (serve --clock): the services' clock runs
	** this many seconds ahead of (or behind) the real one; 0: the real */
	long long clock_offset;
};

int web_serve(const struct web_config *cfg);

#endif
