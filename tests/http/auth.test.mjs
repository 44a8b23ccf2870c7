// Logging in and out: the login form with its double-submit cookie
// (cqpm_pre), the JSON API, wrong passwords, throttling, cookie flags.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, Client, hiddenCsrf, apiLogin, PASSWORD } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await stopAndCheck(srv); });

function cookieFlags(setCookie) {
	const parts = setCookie.split(';').map((s) => s.trim());
	return { pair: parts[0], attrs: parts.slice(1) };
}

test('login form: cqpm_pre cookie, hidden csrf field, labelled inputs', async () => {
	const c = new Client(srv.base);
	const r = await c.get('/connexion');
	assert.equal(r.status, 200);
	assert.equal(r.setCookies.length, 1);
	const { pair, attrs } = cookieFlags(r.setCookies[0]);
	assert.match(pair, /^cqpm_pre=[0-9a-f]{64}$/);
	assert.deepEqual(attrs, ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=3600']);
	assert.equal(hiddenCsrf(r.text), c.cookies.get('cqpm_pre'));
	assert.match(r.text, /<h1>Connexion<\/h1>/);
	assert.match(r.text, /<label for="login">Identifiant<\/label><input id="login" name="login"/);
	assert.match(r.text, /<label for="password">Mot de passe<\/label><input id="password"\s+name="password" type="password" autocomplete="current-password"/);
	assert.match(r.text, /<li><a href="\/connexion">Se connecter<\/a><\/li>/);
	// a second visit keeps the same token
	const again = await c.get('/connexion');
	assert.equal(again.setCookies.length, 0);
	assert.equal(hiddenCsrf(again.text), c.cookies.get('cqpm_pre'));
});

test('login and logout through the form', async () => {
	const c = new Client(srv.base);
	const form = await c.get('/connexion?next=/admin/centres');
	assert.match(form.text, /<input type="hidden" name="next" value="\/admin\/centres">/);
	const r = await c.post('/connexion', { form: {
		csrf: hiddenCsrf(form.text), next: '/admin/centres', login: 'admin', password: PASSWORD } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/admin/centres');
	const session = r.setCookies.find((s) => s.startsWith('cqpm_session='));
	assert.ok(session, 'session cookie set');
	const { pair, attrs } = cookieFlags(session);
	assert.match(pair, /^cqpm_session=[0-9a-f]{64}$/);
	assert.ok(attrs.includes('HttpOnly'), 'HttpOnly');
	assert.ok(attrs.includes('SameSite=Strict'), 'SameSite=Strict');
	assert.ok(attrs.includes('Path=/'));
	assert.ok(attrs.includes('Max-Age=28800'));
	// the pre-login cookie is cleared
	assert.ok(r.setCookies.some((s) => /^cqpm_pre=; .*Max-Age=0/.test(s)));
	assert.equal(c.cookies.has('cqpm_pre'), false);

	const account = await c.get('/compte');
	assert.equal(account.status, 200);
	assert.match(account.text, /<h1>Mon compte<\/h1>/);
	assert.match(account.text, /<dt>Identifiant<\/dt><dd>admin<\/dd>/);
	assert.match(account.text, /<dt>Rôle<\/dt><dd>Administrateur national \(secrétariat du GTP Certifications\)<\/dd>/);
	assert.match(account.text, /<li><a href="\/compte">admin<\/a><\/li>/);
	assert.match(account.text, /<button type="submit" class="link">Se déconnecter<\/button>/);
	assert.doesNotMatch(account.text, /Se connecter</);
	// logged in: the login page sends to the account page
	const login = await c.get('/connexion');
	assert.equal(login.status, 303);
	assert.equal(login.headers.get('location'), '/compte');

	const csrf = hiddenCsrf(account.text);
	assert.match(csrf, /^[0-9a-f]{64}$/);
	const out = await c.post('/deconnexion', { form: { csrf } });
	assert.equal(out.status, 303);
	assert.equal(out.headers.get('location'), '/certifications');
	assert.ok(out.setCookies.some((s) => /^cqpm_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/.test(s)));
	const saved = session.split(';')[0];
	// the session is closed on the server, not only forgotten by the browser
	const stale = await c.get('/compte', { headers: { Cookie: saved } });
	assert.equal(stale.status, 303);
	assert.equal(stale.headers.get('location'), '/connexion?next=/compte');
	const cat = await c.get('/certifications', { headers: { Cookie: saved } });
	assert.match(cat.text, /<li><a href="\/connexion">Se connecter<\/a><\/li>/);
});

test('login form: unsafe next is ignored', async () => {
	for (const next of ['//exemple.org/', 'https://exemple.org/', '/\\exemple.org']) {
		const c = new Client(srv.base);
		const form = await c.get('/connexion');
		const r = await c.post('/connexion', { form: {
			csrf: hiddenCsrf(form.text), next, login: 'jury', password: PASSWORD } });
		assert.equal(r.status, 303);
		assert.equal(r.headers.get('location'), '/certifications', next);
	}
});

test('login form without the cqpm_pre cookie or field: 403, no session', async () => {
	const c = new Client(srv.base);
	const form = await c.get('/connexion');
	const token = hiddenCsrf(form.text);
	const noCookie = await c.post('/connexion', { headers: { Cookie: '' },
		form: { csrf: token, login: 'admin', password: PASSWORD } });
	assert.equal(noCookie.status, 403);
	assert.match(noCookie.text, /<h1>Requête refusée<\/h1>/);
	assert.equal(noCookie.setCookies.length, 0);
	const noField = await c.post('/connexion', { form: { login: 'admin', password: PASSWORD } });
	assert.equal(noField.status, 403);
	const wrong = await c.post('/connexion', { form: { csrf: 'f'.repeat(64), login: 'admin', password: PASSWORD } });
	assert.equal(wrong.status, 403);
	assert.equal(wrong.setCookies.length, 0);
});

test('login form: wrong password gives 401 and the French message', async () => {
	const c = new Client(srv.base);
	const form = await c.get('/connexion');
	const r = await c.post('/connexion', { form: {
		csrf: hiddenCsrf(form.text), login: 'evaluateur', password: 'mauvais mot de passe' } });
	assert.equal(r.status, 401);
	assert.match(r.text, /<p class="error" role="alert" id="erreur">Identifiant ou mot de passe incorrect\.<\/p>/);
	// the login is kept, the password is not
	assert.match(r.text, /<input id="login" name="login" autocomplete="username" required maxlength="64" value="evaluateur" aria-describedby="erreur">/);
	assert.doesNotMatch(r.text, /mauvais mot de passe/);
	assert.equal(r.setCookies.filter((s) => s.startsWith('cqpm_session=')).length, 0);
});

test('API login, me, logout', async () => {
	const c = new Client(srv.base);
	const r = await c.post('/api/v1/session', { json: { login: 'centre', password: PASSWORD } });
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
	assert.equal(r.json.login, 'centre');
	assert.equal(r.json.role, 'centre');
	assert.equal(r.json.role_label, 'Personnel du centre de certification');
	assert.equal(r.json.centre, 'UIMM-DEMO');
	assert.equal(r.json.name, 'Chargée de certification, centre de démonstration');
	assert.match(r.json.csrf, /^[0-9a-f]{64}$/);
	assert.equal(r.setCookies.length, 1);
	const { pair, attrs } = cookieFlags(r.setCookies[0]);
	assert.match(pair, /^cqpm_session=[0-9a-f]{64}$/);
	assert.deepEqual(attrs, ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800']);
	// the csrf token differs from the session token
	assert.notEqual(pair.split('=')[1], r.json.csrf);
	c.csrf = r.json.csrf;

	const me = await c.get('/api/v1/me');
	assert.equal(me.status, 200);
	assert.deepEqual(me.json, { login: 'centre', role: 'centre',
		role_label: 'Personnel du centre de certification',
		name: 'Chargée de certification, centre de démonstration', centre: 'UIMM-DEMO' });

	const noToken = await c.post('/api/v1/session/fin');
	assert.equal(noToken.status, 403);
	assert.equal(noToken.json.error.code, 'csrf');
	assert.equal((await c.get('/api/v1/me')).status, 200);

	const saved = c.cookieHeader();
	const out = await c.post('/api/v1/session/fin', { csrf: true });
	assert.equal(out.status, 200);
	assert.deepEqual(out.json, { logged_out: true });
	assert.ok(out.setCookies.some((s) => s.startsWith('cqpm_session=; ') && s.includes('Max-Age=0')));
	const after = await c.get('/api/v1/me', { headers: { Cookie: saved } });
	assert.equal(after.status, 401);
	assert.deepEqual(after.json, { error: { code: 'unauthorized', message: "Vous n'êtes pas connecté." } });
});

test('API login: wrong password, unknown login, missing fields → 401', async () => {
	const c = new Client(srv.base);
	const cases = [
		{ login: 'organisme', password: 'pas le bon' },
		{ login: 'personne', password: PASSWORD },
		{ login: 'organisme' },
		{ login: '', password: '' },
	];
	for (const body of cases) {
		const r = await c.post('/api/v1/session', { json: body });
		assert.equal(r.status, 401, JSON.stringify(body));
		assert.deepEqual(r.json, { error: { code: 'unauthorized',
			message: 'Identifiant ou mot de passe incorrect.', field: 'identifiant' } });
		assert.equal(r.setCookies.length, 0);
	}
	// not JSON
	const form = await c.post('/api/v1/session', { form: { login: 'organisme', password: PASSWORD } });
	assert.equal(form.status, 415);
	assert.equal(form.json.error.code, 'unsupported_media_type');
	// the account still logs in (2 failures only)
	await apiLogin(srv.base, 'organisme');
});

test('throttling: after 5 failures the 6th attempt is refused with 429, even with the right password', async () => {
	const c = new Client(srv.base);
	for (let i = 0; i < 5; i++) {
		const r = await c.post('/api/v1/session', { json: { login: 'jury', password: `faux-${i}` } });
		assert.equal(r.status, 401, `attempt ${i + 1}`);
	}
	const sixth = await c.post('/api/v1/session', { json: { login: 'jury', password: PASSWORD } });
	assert.equal(sixth.status, 429);
	assert.equal(sixth.json.error.code, 'throttled');
	assert.equal(sixth.json.error.message,
		'Trop de tentatives de connexion échouées. Réessayez dans 15 minutes.');
	assert.equal(sixth.setCookies.length, 0);
	// the form says the same
	const form = await c.get('/connexion');
	const f = await c.post('/connexion', { form: { csrf: hiddenCsrf(form.text), login: 'jury', password: PASSWORD } });
	assert.equal(f.status, 429);
	assert.match(f.text, /Trop de tentatives de connexion échouées\. Réessayez dans 15 minutes\./);
	// other accounts are not affected
	const other = await apiLogin(srv.base, 'evaluateur');
	assert.equal(other.me.login, 'evaluateur');
});

test('a successful login clears the failure count of the account', async () => {
	const c = new Client(srv.base);
	for (let i = 0; i < 4; i++)
		assert.equal((await c.post('/api/v1/session', { json: { login: 'admin', password: 'x'.repeat(i + 1) } })).status, 401);
	await apiLogin(srv.base, 'admin');
	for (let i = 0; i < 4; i++)
		assert.equal((await c.post('/api/v1/session', { json: { login: 'admin', password: 'y'.repeat(i + 1) } })).status, 401);
	const ok = await apiLogin(srv.base, 'admin');
	assert.equal(ok.me.role, 'admin');
});

test('a forged or malformed session cookie is an anonymous visitor', async () => {
	for (const cookie of ['cqpm_session=' + '0'.repeat(64), 'cqpm_session=abc', 'cqpm_session=' + 'Z'.repeat(64)]) {
		const r = await fetch(srv.url('/api/v1/me'), { headers: { Cookie: cookie } });
		assert.equal(r.status, 401);
		await r.arrayBuffer();
	}
});
