// Importing RNCP exports through the web (R-CAT-9): the form (multipart
// upload) and the API (raw body), who may do it, all or nothing, and that
// the same export sent again changes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, hiddenCsrf, Client, ROOT } from './server.mjs';

const XML = fs.readFileSync(path.join(ROOT, 'tests/data/rncp/xml/fiches-3.xml'));
const TRUNCATED = fs.readFileSync(path.join(ROOT, 'tests/data/rncp/xml/truncated.xml'));

let srv, admin;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

const total = async () => (await new Client(srv.base).get('/api/v1/certifications')).json.total;

test('API import: created, then unchanged; the new fiches are searchable', async () => {
	const n0 = await total();
	const r = await admin.post('/api/v1/imports', { csrf: true, body: XML,
		headers: { 'Content-Type': 'application/xml' } });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.json, { fiches: 3, created: 3, updated: 0, unchanged: 0 });
	assert.equal(await total(), n0 + 3);
	const again = await admin.post('/api/v1/imports', { csrf: true, body: XML,
		headers: { 'Content-Type': 'application/xml' } });
	assert.deepEqual(again.json, { fiches: 3, created: 0, updated: 0, unchanged: 3 });
	const f = await new Client(srv.base).get('/api/v1/certifications/RNCP40792');
	assert.equal(f.status, 200);
	assert.equal(f.json.kind, 'RNCP');
	const audit = await admin.get('/api/v1/audit?limit=20');
	assert.ok(audit.json.items.some((e) => e.action === 'catalogue.import'));
});

test('API import: a truncated file is refused with its line, nothing changes', async () => {
	const n0 = await total();
	const r = await admin.post('/api/v1/imports', { csrf: true, body: TRUNCATED,
		headers: { 'Content-Type': 'application/xml' } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.rule, 'R-CAT-9');
	assert.match(r.json.error.message, /ligne \d+/);
	assert.equal(await total(), n0);
});

test('API import: refused without the CSRF token, an empty body, or for other roles', async () => {
	const noToken = await admin.post('/api/v1/imports', { body: XML });
	assert.equal(noToken.status, 403);
	const empty = await admin.post('/api/v1/imports', { csrf: true, body: '' });
	assert.equal(empty.status, 400);
	const anon = await new Client(srv.base).post('/api/v1/imports', { body: XML });
	assert.equal(anon.status, 401);
	for (const login of ['centre', 'evaluateur', 'jury', 'organisme']) {
		const c = await apiLogin(srv.base, login);
		const r = await c.post('/api/v1/imports', { csrf: true, body: XML });
		assert.equal(r.status, 403, login);
	}
});

test('form import: the page, the upload, the report', async () => {
	const c = await formLogin(srv.base, 'admin');
	const page = await c.get('/admin/import');
	assert.equal(page.status, 200);
	assert.match(page.text, /<label for="fichier">/);
	const fd = new FormData();
	fd.append('csrf', hiddenCsrf(page.text));
	fd.append('fichier', new Blob([XML], { type: 'application/xml' }), 'export.xml');
	const r = await c.req('POST', '/admin/import', { body: fd });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.match(r.text, /Import terminé : 3 fiches lues, 0 créée, 0 mise à jour \(nouvelle version\), 3 inchangées\./);
	const bad = new FormData();
	bad.append('csrf', hiddenCsrf(page.text));
	bad.append('fichier', new Blob([TRUNCATED], { type: 'application/xml' }), 'coupé.xml');
	const rb = await c.req('POST', '/admin/import', { body: bad });
	assert.equal(rb.status, 400);
	assert.match(rb.text, /La base n'a pas été modifiée/);
	assert.match(rb.text, /coupé\.xml/);
	const nofile = new FormData();
	nofile.append('csrf', hiddenCsrf(page.text));
	const rn = await c.req('POST', '/admin/import', { body: nofile });
	assert.equal(rn.status, 400);
});

test('form import: anonymous is sent to the login page, centre staff refused', async () => {
	const anon = await new Client(srv.base).get('/admin/import');
	assert.equal(anon.status, 303);
	assert.match(anon.headers.get('location'), /^\/connexion\?next=/);
	const c = await formLogin(srv.base, 'centre');
	assert.equal((await c.get('/admin/import')).status, 403);
	const fd = new FormData();
	fd.append('csrf', c.csrf);
	fd.append('fichier', new Blob([XML]), 'x.xml');
	assert.equal((await c.req('POST', '/admin/import', { body: fd })).status, 403);
});
