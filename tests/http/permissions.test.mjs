// The permission matrix, table-driven: every role (anonymous and the five
// demo accounts) against every page and endpoint. Each request carries the
// CSRF token valid for its caller (the session's, or for an anonymous
// visitor the double-submit cookie), so that what is tested is the right,
// not the token.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, Client, apiLogin, hiddenCsrf, DEMO } from './server.mjs';

let srv;
const clients = {};
before(async () => {
	srv = await startServer();
	const anon = new Client(srv.base);
	anon.csrf = hiddenCsrf((await anon.get('/connexion')).text);   // cqpm_pre
	clients.anonymous = anon;
	for (const [role, login] of Object.entries(DEMO))
		clients[role] = await apiLogin(srv.base, login);
	// a throwaway account for the disable / enable routes
	const r = await clients.admin.post('/api/v1/users', { csrf: true, json: {
		login: 'cible', name: 'Compte cible', role: 'jury', centre: 'UIMM-DEMO',
		password: 'cible-mot-de-passe' } });
	assert.equal(r.status, 201);
});
after(async () => { await stopAndCheck(srv); });

const ROLES = ['anonymous', 'admin', 'centre', 'evaluator', 'jury', 'training_body'];
const LOGIN_AS = (next) => `/connexion?next=${encodeURIComponent(next)}`;

// Expected status per role, in ROLES order: [anonymous, admin, centre,
// evaluator, jury, training_body]. "303>X": a redirect to X.
const PAGES = [
	['GET', '/certifications', [200, 200, 200, 200, 200, 200]],
	['GET', '/certifications/RNCP28235', [200, 200, 200, 200, 200, 200]],
	['GET', '/certifications/RNCP28235BC02', [301, 301, 301, 301, 301, 301]],
	['GET', '/static/cqpm.css', [200, 200, 200, 200, 200, 200]],
	['GET', '/connexion', [200, '303>/compte', '303>/compte', '303>/compte', '303>/compte', '303>/compte']],
	['GET', '/compte', ['303>/connexion?next=/compte', 200, 200, 200, 200, 200]],
	['GET', '/admin/centres', [`303>${LOGIN_AS('/admin/centres')}`, 200, 200, 403, 403, 403]],
	['POST', '/admin/centres', [`303>${LOGIN_AS('/admin/centres')}`, '303>/admin/centres', 403, 403, 403, 403],
		(role) => ({ form: { code: `PERM-${role.toUpperCase().replace('_', '-')}`, name: `Centre ${role}` } })],
	['GET', '/admin/comptes', [`303>${LOGIN_AS('/admin/comptes')}`, 200, 200, 403, 403, 403]],
	['POST', '/admin/comptes', [`303>${LOGIN_AS('/admin/comptes')}`, '303>/admin/comptes', 403, 403, 403, 403],
		(role) => ({ form: { login: `perm-${role.replace('_', '-')}`, name: `Compte ${role}`,
			role: 'jury', centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' } })],
	['POST', '/admin/comptes/cible/desactiver', [`303>${LOGIN_AS('/admin/comptes/cible/desactiver')}`, '303>/admin/comptes', 403, 403, 403, 403], () => ({ form: {} })],
	['POST', '/admin/comptes/cible/reactiver', [`303>${LOGIN_AS('/admin/comptes/cible/reactiver')}`, '303>/admin/comptes', 403, 403, 403, 403], () => ({ form: {} })],
	['GET', '/admin/audit', [`303>${LOGIN_AS('/admin/audit')}`, 200, 403, 403, 403, 403]],
	['GET', '/api/v1/certifications', [200, 200, 200, 200, 200, 200]],
	['GET', '/api/v1/certifications/RNCP28235', [200, 200, 200, 200, 200, 200]],
	['GET', '/api/v1/me', [401, 200, 200, 200, 200, 200]],
	['GET', '/api/v1/centres', [401, 200, 200, 403, 403, 403]],
	['POST', '/api/v1/centres', [401, 201, 403, 403, 403, 403],
		(role) => ({ json: { code: `API-${role.toUpperCase().replace('_', '-')}`, name: `Centre ${role}` } })],
	['GET', '/api/v1/users', [401, 200, 200, 403, 403, 403]],
	['POST', '/api/v1/users', [401, 201, 403, 403, 403, 403],
		(role) => ({ json: { login: `api-${role.replace('_', '-')}`, name: `Compte ${role}`,
			role: 'evaluator', centre: 'UIMM-DEMO', password: 'un-mot-de-passe-long' } })],
	['GET', '/api/v1/audit', [401, 200, 403, 403, 403, 403]],
];

for (const [method, path, expected, body] of PAGES) {
	test(`${method} ${path}: ${ROLES.map((r, i) => `${r} ${expected[i]}`).join(', ')}`, async () => {
		for (const [i, role] of ROLES.entries()) {
			const c = clients[role];
			const opts = body ? body(role) : {};
			if (method === 'POST') {
				if (opts.form)
					opts.form.csrf = c.csrf;
				else
					opts.csrf = c.csrf;
			}
			const r = await c.req(method, path, opts);
			const want = String(expected[i]);
			const [status, location] = want.split('>');
			assert.equal(r.status, Number(status), `${role}: ${method} ${path} → ${r.status}\n${r.text.slice(0, 300)}`);
			if (location)
				assert.equal(r.headers.get('location'), location, `${role}: Location`);
			if (path.startsWith('/api/') && r.status >= 400) {
				assert.equal(r.json.error.code, r.status === 401 ? 'unauthorized' : 'forbidden', role);
				assert.equal(typeof r.json.error.message, 'string');
			}
			if (!path.startsWith('/api/') && r.status === 403) {
				assert.match(r.text, /<h1>Accès refusé<\/h1>/, role);
				assert.match(r.text, /<p class="error" role="alert">[^<]+<\/p>/, role);
			}
		}
	});
}

test('refused writes created nothing; granted ones did', async () => {
	const centres = (await clients.admin.get('/api/v1/centres')).json.items.map((c) => c.code).sort();
	assert.deepEqual(centres, ['API-ADMIN', 'PERM-ADMIN', 'UIMM-DEMO']);
	const users = (await clients.admin.get('/api/v1/users')).json.items.map((u) => u.login).sort();
	assert.deepEqual(users, ['admin', 'api-admin', 'centre', 'cible', 'evaluateur', 'jury',
		'organisme', 'perm-admin']);
	const cible = (await clients.admin.get('/api/v1/users')).json.items.find((u) => u.login === 'cible');
	assert.equal(cible.disabled, false);
});

test('the navigation shows each role its own menu', async () => {
	const menus = {
		anonymous: ['Catalogue', 'Se connecter'],
		admin: ['Catalogue', 'Centres', 'Comptes', "Journal d'audit"],
		centre: ['Catalogue', 'Centres', 'Comptes'],
		evaluator: ['Catalogue'], jury: ['Catalogue'], training_body: ['Catalogue'],
	};
	for (const role of ROLES) {
		const r = await clients[role].get('/certifications');
		const nav = /<nav aria-label="Navigation principale"><ul>(.*?)<\/ul><\/nav>/s.exec(r.text)[1];
		const links = [...nav.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)]
			.filter((m) => m[1] !== '/compte').map((m) => m[2]);
		for (const label of menus[role])
			assert.ok(links.includes(label), `${role} sees ${label}`);
		for (const label of ['Centres', 'Comptes', "Journal d'audit", 'Se connecter'])
			if (!menus[role].includes(label))
				assert.ok(!links.includes(label), `${role} does not see ${label}`);
		if (role !== 'anonymous') {
			assert.match(nav, new RegExp(`<li><a href="/compte">${DEMO[role]}</a></li>`));
			assert.match(nav, /Se déconnecter/);
		}
	}
});

test('centre staff see the centres page without the creation form; admin sees it', async () => {
	const staff = await clients.centre.get('/admin/centres');
	assert.doesNotMatch(staff.text, /Ajouter un centre/);
	assert.doesNotMatch(staff.text, /<form class="stack"/);
	const users = await clients.centre.get('/admin/comptes');
	assert.doesNotMatch(users.text, /Créer un compte/);
	assert.doesNotMatch(users.text, /Désactiver/);
	const admin = await clients.admin.get('/admin/centres');
	assert.match(admin.text, /<h2>Ajouter un centre<\/h2>/);
	assert.match((await clients.admin.get('/admin/comptes')).text, /<h2>Créer un compte<\/h2>/);
});

test('logging out (page and API) answers every role, and ends the session', async () => {
	for (const role of ROLES) {
		// fresh sessions, the shared ones are kept for the other tests
		const c = role === 'anonymous' ? clients.anonymous : await apiLogin(srv.base, DEMO[role]);
		const saved = c.cookieHeader();
		const page = await c.post('/deconnexion', { form: { csrf: c.csrf }, headers: { Cookie: saved } });
		assert.equal(page.status, 303, role);
		assert.equal(page.headers.get('location'), '/certifications', role);
		const c2 = role === 'anonymous' ? clients.anonymous : await apiLogin(srv.base, DEMO[role]);
		const api = await c2.post('/api/v1/session/fin', { csrf: c2.csrf });
		assert.equal(api.status, 200, role);
		assert.deepEqual(api.json, { logged_out: true });
		if (role !== 'anonymous') {
			assert.equal((await c2.get('/api/v1/me')).status, 401, role);
			const stale = await c.get('/api/v1/me', { headers: { Cookie: saved } });
			assert.equal(stale.status, 401, role);
		}
	}
});
