// Changing passwords: one's own through the account page and the API
// (the present password is required, every session closes), and an
// administrator's reset through the API and the CLI.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, hiddenCsrf, runCli, Client } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await stopAndCheck(srv); });

test('own password through the account page', async () => {
	const c = await formLogin(srv.base, 'evaluateur');
	const page = await c.get('/compte');
	assert.match(page.text, /<label for="current">Mot de passe actuel<\/label>/);
	const csrf = hiddenCsrf(page.text);
	let r = await c.post('/compte/mot-de-passe', { form: { csrf, current: 'faux-mot-de-passe', password: 'un-nouveau-secret', confirm: 'un-nouveau-secret' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /mot de passe actuel : il ne correspond pas/);
	r = await c.post('/compte/mot-de-passe', { form: { csrf, current: 'demonstration', password: 'un-nouveau-secret', confirm: 'autre-chose-123' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /Les deux saisies du nouveau mot de passe diffèrent/);
	r = await c.post('/compte/mot-de-passe', { form: { csrf, current: 'demonstration', password: 'un-nouveau-secret', confirm: 'un-nouveau-secret' } });
	assert.equal(r.status, 303);
	assert.equal((await c.get('/compte')).status, 303, 'the session is closed');
	await assert.rejects(formLogin(srv.base, 'evaluateur'));
	await formLogin(srv.base, 'evaluateur', 'un-nouveau-secret');
});

test('own password through the API, and the administrator reset', async () => {
	const j = await apiLogin(srv.base, 'organisme');
	let r = await j.post('/api/v1/me/password', { csrf: true, json: { current: 'demonstration', password: 'court' } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'password');
	r = await j.post('/api/v1/me/password', { csrf: true, json: { current: 'demonstration', password: 'secret-organisme-2' } });
	assert.equal(r.status, 200);
	assert.equal((await j.get('/api/v1/me')).status, 401);

	const centre = await apiLogin(srv.base, 'centre');
	r = await centre.post('/api/v1/users/organisme/password', { csrf: true, json: { password: 'pris-par-le-centre' } });
	assert.equal(r.status, 403);
	const admin = await apiLogin(srv.base, 'admin');
	r = await admin.post('/api/v1/users/organisme/password', { json: { password: 'remis-par-admin-1' } });
	assert.equal(r.status, 403, 'CSRF token required');
	r = await admin.post('/api/v1/users/organisme/password', { csrf: true, json: { password: 'remis-par-admin-1' } });
	assert.equal(r.status, 200);
	await apiLogin(srv.base, 'organisme', 'remis-par-admin-1');
	r = await admin.post('/api/v1/users/personne/password', { csrf: true, json: { password: 'remis-par-admin-1' } });
	assert.equal(r.status, 404);
	const anon = await new Client(srv.base).post('/api/v1/me/password', { json: { current: 'x', password: 'yyyyyyyyyyyy' } });
	assert.equal(anon.status, 403);

	const cli = await runCli(['--db', srv.db, 'user', 'password', 'organisme'], { input: 'par-la-ligne-de-commande\n' });
	assert.equal(cli.code, 0, cli.stderr);
	await apiLogin(srv.base, 'organisme', 'par-la-ligne-de-commande');
	const audit = await admin.get('/api/v1/audit?object=compte:organisme');
	assert.ok(audit.json.items.some((e) => e.action === 'user.password_reset'));
	assert.ok(audit.json.items.some((e) => e.action === 'user.password'));
});
