// Hostile input at the edge: too many parameters, oversized bodies and
// paths, malformed JSON, forms and UTF-8, unknown methods. Each is refused
// with its own status, API errors stay JSON, and the server keeps serving.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin } from './server.mjs';

let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

async function send(method, p, { body, headers } = {}) {
	const res = await fetch(srv.url(p), { method, body, headers, redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text };
}

/* The server still answers normally. */
async function stillServing() {
	const r = await send('GET', '/certifications');
	assert.equal(r.status, 200);
	assert.match(r.text, /4 certifications trouvées\./);
	const a = await send('GET', '/api/v1/certifications/RNCP28235');
	assert.equal(a.status, 200);
	assert.equal(JSON.parse(a.text).code, 'RNCP28235');
}

function assertJsonError(r, status, code) {
	assert.equal(r.status, status, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
	const body = JSON.parse(r.text);
	assert.equal(body.error.code, code);
	assert.equal(typeof body.error.message, 'string');
	assert.ok(body.error.message.length > 0);
}

function assertHtmlError(r, status, title) {
	assert.equal(r.status, status, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
	assert.ok(r.text.includes(`<h1>${title}</h1>`), title);
}

test('a query string of 100 parameters → 400', async () => {
	const qs = Array.from({ length: 100 }, (_, i) => `p${i}=${i}`).join('&');
	assertHtmlError(await send('GET', '/certifications?' + qs), 400, 'Requête invalide');
	assertJsonError(await send('GET', '/api/v1/certifications?' + qs), 400, 'invalid');
	// 64 are still accepted
	const ok = Array.from({ length: 63 }, (_, i) => `p${i}=${i}`).join('&');
	assert.equal((await send('GET', '/certifications?q=qualite&' + ok)).status, 200);
	// a parameter of more than 4096 bytes
	assert.equal((await send('GET', '/certifications?q=' + 'a'.repeat(5000))).status, 400);
	await stillServing();
});

test('a 2 MiB POST body → 413', async () => {
	const big = 'a'.repeat(2 << 20);
	const j = await send('POST', '/api/v1/session', { body: big, headers: { 'Content-Type': 'application/json' } });
	assert.equal(j.status, 413);
	assert.match(j.text, /Requête trop volumineuse \(1 Mio au plus\)\./);
	const f = await send('POST', '/connexion', { body: 'login=' + big, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(f.status, 413);
	const auth = await send('POST', '/api/v1/centres', { body: JSON.stringify({ code: 'GROS', name: big }),
		headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': admin.csrf, Cookie: admin.cookieHeader() } });
	assert.equal(auth.status, 413);
	const centres = await admin.get('/api/v1/centres');
	assert.deepEqual(centres.json.items.map((c) => c.code), ['UIMM-DEMO']);
	await stillServing();
});

test('invalid JSON bodies → 400', async () => {
	const h = { 'Content-Type': 'application/json' };
	for (const body of ['{"login": "admin", ', 'pas du json', '[1, 2, 3]', '"chaîne"',
		'{"login": "admin", "login": "jury", "password": "x"}', '\xff\xfe{}']) {
		assertJsonError(await send('POST', '/api/v1/session', { body, headers: h }), 400, 'invalid_json');
	}
	// the same with a session and its token
	const r = await admin.post('/api/v1/centres', { csrf: true, json: '{"code": "X", ' });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.code, 'invalid_json');
	// a string where an object member must be text, and an embedded NUL
	const t = await admin.post('/api/v1/centres', { csrf: true, json: { code: 'TYPE', name: 12 } });
	assert.equal(t.status, 400);
	assert.equal(t.json.error.field, 'name');
	const nul = await admin.post('/api/v1/centres', { csrf: true, json: '{"code": "NUL", "name": "a\\u0000b"}' });
	assert.equal(nul.status, 400);
	assert.equal(nul.json.error.code, 'invalid_json');
	const u = await admin.post('/api/v1/users', { csrf: true, json: { login: ['x'], name: 'x' } });
	assert.equal(u.status, 400);
	assert.equal(u.json.error.field, 'login');
	await stillServing();
});

test('invalid UTF-8 in the query or a form → 400', async () => {
	for (const q of ['%FF', '%C3%28', 'abc%E2%82', '%ED%A0%80']) {
		assertHtmlError(await send('GET', '/certifications?q=' + q), 400, 'Requête invalide');
		assertJsonError(await send('GET', '/api/v1/certifications?q=' + q), 400, 'invalid');
	}
	const f = await send('POST', '/connexion', { body: 'login=%FF&password=x',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assertHtmlError(f, 400, 'Requête invalide');
	// too many form fields (1,024 at most: the VAE admissibility file)
	const many = Array.from({ length: 1100 }, (_, i) => `f${i}=x`).join('&');
	assertHtmlError(await send('POST', '/connexion', { body: many,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 400, 'Requête invalide');
	await stillServing();
});

test('invalid UTF-8 in the path → 400, a path of 5000 characters → 414', async () => {
	const bad = await send('GET', '/certifications/%FF');
	assert.equal(bad.status, 400);
	const long = await send('GET', '/certifications/' + 'A'.repeat(5000));
	assert.equal(long.status, 414);
	assert.match(long.text, /Adresse trop longue/);
	assert.equal((await send('GET', '/' + 'a'.repeat(5000))).status, 414);
	assert.equal((await send('GET', '/api/v1/certifications/' + 'B'.repeat(5000))).status, 414);
	// just under the limit: an ordinary 404
	assert.equal((await send('GET', '/certifications/' + 'C'.repeat(900))).status, 404);
	await stillServing();
});

test('unknown or unsupported methods → 405', async () => {
	assertHtmlError(await send('PUT', '/certifications'), 405, 'Méthode non permise');
	assertHtmlError(await send('DELETE', '/admin/centres'), 405, 'Méthode non permise');
	assertHtmlError(await send('POST', '/certifications', { body: 'q=x',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 405, 'Méthode non permise');
	assertJsonError(await send('PUT', '/api/v1/centres', { body: '{}', headers: { 'Content-Type': 'application/json' } }),
		405, 'method_not_allowed');
	assertJsonError(await send('DELETE', '/api/v1/session'), 405, 'method_not_allowed');
	assertJsonError(await send('GET', '/api/v1/session'), 405, 'method_not_allowed');
	assertJsonError(await send('PATCH', '/api/v1/users', { body: '{}' }), 405, 'method_not_allowed');
	// HEAD is GET without a body
	const head = await send('HEAD', '/certifications');
	assert.equal(head.status, 200);
	assert.equal(head.text, '');
	await stillServing();
});

test('oversized headers and cookies are refused without harm', async () => {
	const r = await send('GET', '/certifications', { headers: { Cookie: 'cqpm_session=' + 'a'.repeat(100000) } });
	assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
	const s = await send('GET', '/api/v1/me', { headers: { Cookie: 'cqpm_session=' + 'a'.repeat(3000) } });
	assert.equal(s.status, 401);
	const t = await send('POST', '/api/v1/centres', { body: '{}', headers: {
		'Content-Type': 'application/json', 'X-CSRF-Token': 'x'.repeat(5000), Cookie: admin.cookieHeader() } });
	assert.equal(t.status, 403);
	await stillServing();
});

test('many concurrent requests are all answered', async () => {
	const paths = ['/certifications', '/api/v1/certifications', '/certifications/RNCP28235',
		'/api/v1/certifications/RNCP28242', '/certifications?q=qualite', '/static/cqpm.css'];
	const all = await Promise.all(Array.from({ length: 60 }, (_, i) => send('GET', paths[i % paths.length])));
	for (const r of all)
		assert.equal(r.status, 200);
	await stillServing();
});
