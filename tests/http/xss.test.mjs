// Output escaping: text typed by users (centres, accounts, searches, error
// messages that quote the input) comes back HTML-escaped on every page,
// never as markup.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, hiddenCsrf } from './server.mjs';

const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
// without "/" so that it can stand for one path segment
const PROBE2 = `<img src=x onerror=alert(1)>"'&`;
const ESCAPED2 = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';

let srv, admin, formAdmin;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	formAdmin = await formLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

/* No markup from the probes, and the escaped text present n times at least. */
function assertEscaped(html, escaped, min, where) {
	assert.doesNotMatch(html, /<script/i, `${where}: no <script`);
	assert.doesNotMatch(html, /<img/i, `${where}: no <img`);
	assert.ok(!html.includes(PROBE) && !html.includes(PROBE2), `${where}: raw probe`);
	const n = html.split(escaped).length - 1;
	assert.ok(n >= min, `${where}: escaped probe found ${n} times, ${min} expected`);
}

test('centre and account created through the API: escaped on the admin pages', async () => {
	const c = await admin.post('/api/v1/centres', { csrf: true, json: {
		code: 'XSS-API', name: `Nom ${PROBE}`, region: `Région ${PROBE}`, address: `Adresse ${PROBE}`,
		email: 'xss@exemple.fr' } });
	assert.equal(c.status, 201, c.text);
	// JSON carries the text as it is (it is data, not HTML)
	assert.equal(c.json.name, `Nom ${PROBE}`);
	const u = await admin.post('/api/v1/users', { csrf: true, json: {
		login: 'xss-api', name: `Compte ${PROBE}`, email: 'compte@exemple.fr', role: 'jury',
		centre: 'XSS-API', password: 'un-mot-de-passe-long' } });
	assert.equal(u.status, 201, u.text);

	const centres = await formAdmin.get('/admin/centres');
	assert.equal(centres.status, 200);
	assertEscaped(centres.text, ESCAPED, 3, '/admin/centres');
	assert.ok(centres.text.includes(`<td>XSS-API</td><td>Nom ${ESCAPED}</td><td>Région ${ESCAPED}</td><td>Adresse ${ESCAPED}</td><td>xss@exemple.fr</td>`));

	const users = await formAdmin.get('/admin/comptes');
	assert.equal(users.status, 200);
	assertEscaped(users.text, ESCAPED, 1, '/admin/comptes');
	assert.ok(users.text.includes(`<td>xss-api</td><td>Compte ${ESCAPED}</td>`));

	const audit = await formAdmin.get('/admin/audit');
	assert.equal(audit.status, 200);
	// centre.add (name, region) and user.add (name) details; JSON inside HTML, escaped once more
	assertEscaped(audit.text, 'alert(1)&lt;/script&gt;', 3, '/admin/audit');
	assert.match(audit.text, /<code>centre\.add<\/code><\/td><td>XSS-API<\/td><td><code>[^<]*Nom &lt;script&gt;alert\(1\)&lt;\/script&gt;\\&quot;&#39;&amp;/);
});

test('centre and account created through the forms: escaped on the admin pages', async () => {
	const c = await formAdmin.post('/admin/centres', { form: { csrf: formAdmin.csrf,
		code: 'XSS-FORM', name: PROBE, region: PROBE, address: PROBE, email: '' } });
	assert.equal(c.status, 303);
	const u = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf,
		login: 'xss-form', name: PROBE, email: '', role: 'evaluator', centre: 'XSS-FORM',
		password: 'un-mot-de-passe-long' } });
	assert.equal(u.status, 303, u.text.slice(0, 500));

	const centres = await formAdmin.get('/admin/centres');
	assertEscaped(centres.text, ESCAPED, 6, '/admin/centres');
	assert.ok(centres.text.includes(`<td>XSS-FORM</td><td>${ESCAPED}</td><td>${ESCAPED}</td><td>${ESCAPED}</td><td></td>`));
	const users = await formAdmin.get('/admin/comptes');
	assertEscaped(users.text, ESCAPED, 2, '/admin/comptes');
	assert.ok(users.text.includes(`<td>xss-form</td><td>${ESCAPED}</td>`));
	const audit = await formAdmin.get('/admin/audit');
	assertEscaped(audit.text, 'alert(1)&lt;/script&gt;', 5, '/admin/audit');

	// the account's own page
	const self = await formLogin(srv.base, 'xss-form', 'un-mot-de-passe-long');
	const account = await self.get('/compte');
	assert.equal(account.status, 200);
	assertEscaped(account.text, ESCAPED, 1, '/compte');
	assert.ok(account.text.includes(`<dt>Nom</dt><dd>${ESCAPED}</dd>`));
});

test('refused forms show the typed values escaped, error messages that quote them too', async () => {
	const c = await formAdmin.post('/admin/centres', { form: { csrf: formAdmin.csrf,
		code: PROBE, name: PROBE, region: PROBE, address: PROBE, email: PROBE } });
	assert.equal(c.status, 400);
	assertEscaped(c.text, ESCAPED, 5, 'centre form');
	assert.ok(c.text.includes(`<input id="name" name="name" value="${ESCAPED}" `));
	assert.match(c.text, /<span class="field-error" id="err-code" role="alert">code : le code du centre ne peut contenir/);

	const u = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf,
		login: 'xss-centre', name: 'Nom', email: '', role: 'jury', centre: PROBE,
		password: 'un-mot-de-passe-long' } });
	assert.equal(u.status, 400);
	// the centre is a list: the unknown code is not offered back, only quoted
	assertEscaped(u.text, ESCAPED, 1, 'account form');
	// the message quotes the unknown centre code
	assert.ok(u.text.includes(`<span class="field-error" id="err-centre" role="alert">centre : « ${ESCAPED} » est inconnu.</span>`));

	const anon = new Client(srv.base);
	const form = await anon.get('/connexion');
	const l = await anon.post('/connexion', { form: { csrf: hiddenCsrf(form.text),
		login: PROBE, password: 'x', next: `/${PROBE2}` } });
	assert.equal(l.status, 401);
	assertEscaped(l.text, ESCAPED, 1, 'login form');
	assert.ok(l.text.includes(`<input type="hidden" name="next" value="/${ESCAPED2}">`));
});

test('search text and unknown codes are echoed escaped', async () => {
	const q = await fetch(srv.url('/certifications?q=' + encodeURIComponent(PROBE)));
	assert.equal(q.status, 200);
	const text = await q.text();
	assertEscaped(text, ESCAPED, 1, '/certifications?q=');
	assert.ok(text.includes(`value="${ESCAPED}"`));

	const p = await fetch(srv.url('/certifications/' + encodeURIComponent(PROBE2)));
	assert.equal(p.status, 404);
	const t = await p.text();
	assertEscaped(t, ESCAPED2, 1, 'unknown code page');

	const a = await fetch(srv.url('/admin/audit?object=' + encodeURIComponent(PROBE)), {
		headers: { Cookie: formAdmin.cookieHeader() } });
	assert.equal(a.status, 200);
	assertEscaped(await a.text(), ESCAPED, 1, '/admin/audit?object=');
});

test('fields with a strict format (codes, logins, e-mails) refuse the probe outright', async () => {
	const before = (await admin.get('/api/v1/centres')).json.items.length;
	const usersBefore = (await admin.get('/api/v1/users')).json.items.length;
	for (const json of [{ code: PROBE, name: 'x' }, { code: 'XSS-MAIL', name: 'x', email: PROBE }]) {
		const r = await admin.post('/api/v1/centres', { csrf: true, json });
		assert.equal(r.status, 400, JSON.stringify(json));
		assert.ok(['code', 'email'].includes(r.json.error.field));
	}
	for (const json of [
		{ login: PROBE, name: 'x', role: 'jury', centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' },
		{ login: 'xss-mail', name: 'x', email: PROBE, role: 'jury', centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' },
		{ login: 'xss-role', name: 'x', role: PROBE, centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' },
	]) {
		const r = await admin.post('/api/v1/users', { csrf: true, json });
		assert.equal(r.status, 400, JSON.stringify(json));
	}
	assert.equal((await admin.get('/api/v1/centres')).json.items.length, before);
	assert.equal((await admin.get('/api/v1/users')).json.items.length, usersBefore);
	// the refused account form shows the typed login escaped
	const f = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf, login: PROBE,
		name: PROBE, email: PROBE, role: PROBE, centre: PROBE, password: 'un-mot-de-passe-long' } });
	assert.equal(f.status, 400);
	assertEscaped(f.text, ESCAPED, 3, 'account form, all fields');
});
