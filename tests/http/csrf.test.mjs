// CSRF: every state-changing request of a logged-in user needs the
// session's token (hidden field csrf, or X-CSRF-Token for the API); without
// it or with a wrong one the server answers 403 and changes nothing.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, hiddenCsrf, Client } from './server.mjs';

let srv, admin, formAdmin;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	formAdmin = await formLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

async function centreCodes() {
	const r = await admin.get('/api/v1/centres');
	assert.equal(r.status, 200);
	return r.json.items.map((c) => c.code).sort();
}

async function userLogins() {
	const r = await admin.get('/api/v1/users');
	return r.json.items.map((u) => u.login).sort();
}

const WRONG = '0123456789abcdef'.repeat(4);

test('form POST /admin/centres without a token or with a wrong one: 403, nothing created', async () => {
	const before = await centreCodes();
	const cases = [
		{ code: 'CSRF-SANS', name: 'Sans jeton' },
		{ code: 'CSRF-FAUX', name: 'Jeton faux', csrf: WRONG },
		{ code: 'CSRF-VIDE', name: 'Jeton vide', csrf: '' },
		// the token of another session
		{ code: 'CSRF-AUTRE', name: 'Jeton d\'une autre session', csrf: admin.csrf },
		// the pre-login cookie value does not count once logged in
		{ code: 'CSRF-PRE', name: 'Jeton de connexion', csrf: 'a'.repeat(64) },
	];
	for (const form of cases) {
		const headers = form.code === 'CSRF-PRE' ? { Cookie: `${formAdmin.cookieHeader()}; cqpm_pre=${'a'.repeat(64)}` } : {};
		const r = await formAdmin.post('/admin/centres', { form, headers });
		assert.equal(r.status, 403, form.code);
		assert.match(r.text, /<h1>Requête refusée<\/h1>/);
		assert.match(r.text, /jeton anti-falsification invalide/);
	}
	// a wrong token in the header does not help either
	const h = await formAdmin.post('/admin/centres', { form: { code: 'CSRF-ENTETE', name: 'x' }, csrf: WRONG });
	assert.equal(h.status, 403);
	assert.deepEqual(await centreCodes(), before);
	const page = await formAdmin.get('/admin/centres');
	assert.doesNotMatch(page.text, /CSRF-/);
	// with the right token it works
	const ok = await formAdmin.post('/admin/centres', { form: { code: 'CSRF-BON', name: 'Bon jeton', csrf: formAdmin.csrf } });
	assert.equal(ok.status, 303);
	assert.deepEqual(await centreCodes(), [...before, 'CSRF-BON'].sort());
});

test('API POST /api/v1/centres without X-CSRF-Token or with a wrong one: 403, nothing created', async () => {
	const before = await centreCodes();
	const expected = { error: { code: 'csrf', message:
		"Jeton anti-falsification (CSRF) absent ou invalide : envoyez l'en-tête X-CSRF-Token reçu à la connexion." } };
	const none = await admin.post('/api/v1/centres', { json: { code: 'API-SANS', name: 'Sans jeton' } });
	assert.equal(none.status, 403);
	assert.deepEqual(none.json, expected);
	const wrong = await admin.post('/api/v1/centres', { csrf: WRONG, json: { code: 'API-FAUX', name: 'Jeton faux' } });
	assert.equal(wrong.status, 403);
	assert.deepEqual(wrong.json, expected);
	const other = await admin.post('/api/v1/centres', { csrf: formAdmin.csrf, json: { code: 'API-AUTRE', name: 'Autre session' } });
	assert.equal(other.status, 403);
	// a "csrf" member of the JSON body is not taken as the token when the header is wrong
	const inBody = await admin.post('/api/v1/centres', { csrf: WRONG, json: { code: 'API-CORPS', name: 'x', csrf: admin.csrf } });
	assert.equal(inBody.status, 403);
	assert.deepEqual(await centreCodes(), before);
	const ok = await admin.post('/api/v1/centres', { csrf: true, json: { code: 'API-BON', name: 'Bon jeton' } });
	assert.equal(ok.status, 201);
	assert.deepEqual(ok.json, { code: 'API-BON', name: 'Bon jeton' });
	assert.deepEqual(await centreCodes(), [...before, 'API-BON'].sort());
});

test('accounts: creating, disabling and logging out need the token too', async () => {
	const logins = await userLogins();
	const r1 = await admin.post('/api/v1/users', { json: { login: 'sans-jeton', name: 'x', role: 'jury',
		centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' } });
	assert.equal(r1.status, 403);
	const r2 = await formAdmin.post('/admin/comptes', { form: { login: 'sans-jeton', name: 'x', role: 'jury',
		centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long', csrf: WRONG } });
	assert.equal(r2.status, 403);
	assert.deepEqual(await userLogins(), logins);
	const r3 = await formAdmin.post('/admin/comptes/jury/desactiver', { form: {} });
	assert.equal(r3.status, 403);
	const jury = (await admin.get('/api/v1/users')).json.items.find((u) => u.login === 'jury');
	assert.equal(jury.disabled, false);
	// logout without the token leaves the session open
	const out = await formAdmin.post('/deconnexion', { form: { csrf: WRONG } });
	assert.equal(out.status, 403);
	assert.equal((await formAdmin.get('/compte')).status, 200);
	const apiOut = await admin.post('/api/v1/session/fin', { csrf: WRONG });
	assert.equal(apiOut.status, 403);
	assert.equal((await admin.get('/api/v1/me')).status, 200);
});

test('the form token is the session\'s, shown in every form of the session', async () => {
	const page = await formAdmin.get('/admin/centres');
	const tokens = [...page.text.matchAll(/name="csrf" value="([0-9a-f]*)"/g)].map((m) => m[1]);
	assert.ok(tokens.length >= 2, 'logout form and add form');
	for (const t of tokens)
		assert.equal(t, formAdmin.csrf);
	// a fresh anonymous visitor gets a different pre-login token
	const anon = new Client(srv.base);
	const login = await anon.get('/connexion');
	assert.notEqual(hiddenCsrf(login.text), formAdmin.csrf);
});
