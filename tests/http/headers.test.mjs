// Security headers on every HTML response (pages, redirects, errors),
// whatever the caller, and on the JSON API.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, Client, apiLogin, formLogin, hiddenCsrf } from './server.mjs';

let srv, admin, jury, anon;
before(async () => {
	srv = await startServer();
	admin = await formLogin(srv.base, 'admin');
	jury = await apiLogin(srv.base, 'jury');
	anon = new Client(srv.base);
	anon.csrf = hiddenCsrf((await anon.get('/connexion')).text);
});
after(async () => { await stopAndCheck(srv); });

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'";

function assertSecurityHeaders(r, where) {
	const csp = r.headers.get('content-security-policy');
	assert.ok(csp, `${where}: Content-Security-Policy`);
	assert.match(csp, /(^|; )default-src 'none'(;|$)/, where);
	assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/, where);
	assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, where);
	assert.equal(csp, CSP, where);
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff', where);
	assert.equal(r.headers.get('x-frame-options'), 'DENY', where);
	assert.equal(r.headers.get('referrer-policy'), 'same-origin', where);
}

// [client, method, path, expected status, options]
const CASES = () => [
	[anon, 'GET', '/certifications', 200],
	[anon, 'GET', '/certifications?q=qualite&status=active', 200],
	[anon, 'GET', '/certifications/RNCP28235', 200],
	[anon, 'GET', '/certifications/PROJET-CHARGE-RH', 200],
	[anon, 'GET', '/connexion', 200],
	[anon, 'GET', '/certifications/RNCP28235BC01', 301],
	[anon, 'GET', '/', 303],
	[anon, 'GET', '/admin/centres', 303],
	[anon, 'GET', '/compte', 303],
	[anon, 'GET', '/certifications?kind=XYZ', 400],
	[anon, 'GET', '/certifications?q=%FF', 400],
	[anon, 'POST', '/connexion', 401, { form: { csrf: anon.csrf, login: 'admin', password: 'faux' } }],
	[anon, 'POST', '/admin/centres', 403, { form: { code: 'X' } }],
	[anon, 'GET', '/certifications/RNCP99999', 404],
	[anon, 'GET', '/nulle-part', 404],
	[anon, 'PUT', '/certifications', 405],
	[admin, 'GET', '/certifications', 200],
	[admin, 'GET', '/compte', 200],
	[admin, 'GET', '/admin/centres', 200],
	[admin, 'GET', '/admin/comptes', 200],
	[admin, 'GET', '/admin/audit', 200],
	[admin, 'POST', '/admin/centres', 400, { form: { csrf: admin.csrf, code: 'minuscules', name: 'x' } }],
	[admin, 'POST', '/admin/centres', 303, { form: { csrf: admin.csrf, code: 'ENTETES', name: 'Centre des en-têtes' } }],
	[admin, 'POST', '/admin/centres', 409, { form: { csrf: admin.csrf, code: 'ENTETES', name: 'Encore' } }],
	[jury, 'GET', '/admin/audit', 403],
	[jury, 'GET', '/compte', 200],
];

test('every HTML response carries CSP, nosniff and DENY', async () => {
	for (const [c, method, p, status, opts] of CASES()) {
		const r = await c.req(method, p, opts || {});
		const where = `${method} ${p} (${status})`;
		assert.equal(r.status, status, `${where}: ${r.text.slice(0, 200)}`);
		assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', where);
		assertSecurityHeaders(r, where);
		if (status === 200 || status >= 400) {
			assert.match(r.text, /^<!DOCTYPE html>\n<html lang="fr">/, where);
			assert.match(r.text, /<meta charset="utf-8">/, where);
		}
	}
});

test('pages are not cached, the style sheet may be', async () => {
	for (const p of ['/certifications', '/connexion', '/certifications/RNCP28235']) {
		const r = await anon.get(p);
		assert.equal(r.headers.get('cache-control'), 'no-store', p);
	}
	const a = await admin.get('/admin/audit');
	assert.equal(a.headers.get('cache-control'), 'no-store');
	const css = await anon.get('/static/cqpm.css');
	assert.equal(css.headers.get('cache-control'), 'public, max-age=3600');
	assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
});

test('JSON responses carry nosniff, DENY and no-store too', async () => {
	const api = await apiLogin(srv.base, 'admin');
	for (const [c, p, status] of [[anon, '/api/v1/certifications', 200], [anon, '/api/v1/me', 401],
		[api, '/api/v1/audit', 200], [jury, '/api/v1/users', 403], [anon, '/api/v1/certifications/X', 404]]) {
		const r = await c.get(p);
		assert.equal(r.status, status, p);
		assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8', p);
		assertSecurityHeaders(r, p);
		assert.equal(r.headers.get('cache-control'), 'no-store', p);
	}
});

test('no CORS is granted to other origins', async () => {
	const r = await fetch(srv.url('/api/v1/session'), { method: 'OPTIONS',
		headers: { Origin: 'https://exemple.org', 'Access-Control-Request-Method': 'POST' } });
	await r.arrayBuffer();
	assert.equal(r.headers.get('access-control-allow-origin'), null);
	const g = await fetch(srv.url('/api/v1/certifications'), { headers: { Origin: 'https://exemple.org' } });
	await g.arrayBuffer();
	assert.equal(g.headers.get('access-control-allow-origin'), null);
});
