// Administration through the API and the pages: creating centres and
// accounts, validation errors, the audit log and its hash chain, disabling
// accounts, and the scoping of centre staff to their own centre.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, runCli, DEMO_CENTRE } from './server.mjs';

let srv, admin, formAdmin;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	formAdmin = await formLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

test('audit: creating a centre through the API is logged as centre.add, chain intact', async () => {
	const before = await admin.get('/api/v1/audit');
	assert.equal(before.status, 200);
	assert.equal(before.json.intact, true);
	const r = await admin.post('/api/v1/centres', { csrf: true, json: {
		code: 'AUDIT-1', name: 'Centre audité', region: 'Bretagne', address: '2 rue du Port, 29200 Brest',
		email: 'contact@audit.exemple.fr' } });
	assert.equal(r.status, 201);
	assert.deepEqual(r.json, { code: 'AUDIT-1', name: 'Centre audité' });

	const a = await admin.get('/api/v1/audit');
	assert.equal(a.status, 200);
	assert.equal(a.json.intact, true);
	assert.equal(a.json.events, before.json.events + 1);
	const ev = a.json.items.find((e) => e.action === 'centre.add' && e.object === 'AUDIT-1');
	assert.ok(ev, 'centre.add event');
	assert.equal(ev.actor, 'admin');
	assert.match(ev.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	assert.match(ev.hash, /^[0-9a-f]{64}$/);
	assert.deepEqual(JSON.parse(ev.detail), { name: 'Centre audité', region: 'Bretagne' });
	// newest first
	assert.equal(a.json.items[0].id, ev.id);
	// filter by object, and limit
	const f = await admin.get('/api/v1/audit?object=AUDIT-1');
	assert.deepEqual(f.json.items.map((e) => e.action), ['centre.add']);
	assert.equal((await admin.get('/api/v1/audit?limit=1')).json.items.length, 1);

	// the page says the same
	const page = await formAdmin.get('/admin/audit');
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`<p class="notice" role="status">Chaîne d'empreintes vérifiée : ${a.json.events} événements, aucun n'a été modifié ni supprimé\\.</p>`));
	assert.match(page.text, /<td>admin<\/td><td>Création d&#39;un centre <code>centre\.add<\/code><\/td><td>AUDIT-1<\/td>/);
	// the CLI verifies the same chain on the same database
	const v = await runCli(['--db', srv.db, 'audit', 'verify']);
	assert.equal(v.code, 0, v.stderr + v.stdout);
});

test('audit: logins, logouts, accounts and disabling are logged', async () => {
	const u = await admin.post('/api/v1/users', { csrf: true, json: {
		login: 'eval-audit', name: 'Évaluatrice auditée', email: 'eval@audit.exemple.fr', role: 'evaluator',
		centre: 'AUDIT-1', password: 'un-mot-de-passe-long' } });
	assert.equal(u.status, 201);
	assert.deepEqual(u.json, { login: 'eval-audit', role: 'evaluator' });
	const who = await apiLogin(srv.base, 'eval-audit', 'un-mot-de-passe-long');
	assert.equal(who.me.centre, 'AUDIT-1');
	assert.equal((await who.post('/api/v1/session/fin', { csrf: true })).status, 200);
	const d = await formAdmin.post('/admin/comptes/eval-audit/desactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(d.status, 303);
	assert.equal(d.headers.get('location'), '/admin/comptes');
	const a = await admin.get('/api/v1/audit?object=compte:eval-audit');
	assert.deepEqual(a.json.items.map((e) => e.action),
		['user.disable', 'session.close', 'session.open', 'user.add']);
	assert.equal(a.json.intact, true);
	const detail = JSON.parse(a.json.items[3].detail);
	assert.deepEqual(detail, { name: 'Évaluatrice auditée', role: 'evaluator', centre: 'AUDIT-1' });
});

test('a disabled account cannot log in and loses its sessions; re-enabled it can', async () => {
	const j = await apiLogin(srv.base, 'jury');
	assert.equal((await j.get('/api/v1/me')).status, 200);
	const users = await formAdmin.get('/admin/comptes');
	assert.match(users.text, /<form class="inline" method="post" action="\/admin\/comptes\/jury\/desactiver">/);
	const d = await formAdmin.post('/admin/comptes/jury/desactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(d.status, 303);
	assert.equal((await j.get('/api/v1/me')).status, 401);
	const again = await j.post('/api/v1/session', { json: { login: 'jury', password: 'demonstration' } });
	assert.equal(again.status, 401);
	const list = await formAdmin.get('/admin/comptes');
	assert.match(list.text, /<td>jury<\/td><td>Membre du jury paritaire<\/td><td>Membre du jury paritaire de délibération<\/td><td>UIMM-DEMO<\/td><td><span class="no">désactivé<\/span><\/td>/);
	assert.match(list.text, /action="\/admin\/comptes\/jury\/reactiver"/);
	const e = await formAdmin.post('/admin/comptes/jury/reactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(e.status, 303);
	await apiLogin(srv.base, 'jury');
	// nobody disables their own account; unknown accounts are 404
	const self = await formAdmin.post('/admin/comptes/admin/desactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(self.status, 422);
	assert.match(self.text, /Vous ne pouvez pas désactiver votre propre compte\./);
	const unknown = await formAdmin.post('/admin/comptes/personne/desactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(unknown.status, 404);
});

test('validation errors: API 400/409 with field, forms re-rendered with the message', async () => {
	const cases = [
		[{ code: 'bad code', name: 'x' }, 400, 'code'],
		[{ code: 'OK-CODE' }, 400, 'name'],
		[{ code: 'OK-CODE', name: 'x', email: 'pas-une-adresse' }, 400, 'email'],
		[{ code: 'OK-CODE', name: 'a\nb' }, 400, 'name'],
		[{ code: 'OK-CODE', name: 'x'.repeat(201) }, 400, 'name'],
		[{ code: DEMO_CENTRE, name: 'Doublon' }, 409, 'code'],
	];
	for (const [json, status, field] of cases) {
		const r = await admin.post('/api/v1/centres', { csrf: true, json });
		assert.equal(r.status, status, JSON.stringify(json));
		assert.equal(r.json.error.field, field, JSON.stringify(json));
	}
	const dup = await admin.post('/api/v1/centres', { csrf: true, json: { code: DEMO_CENTRE, name: 'Doublon' } });
	assert.deepEqual(dup.json, { error: { code: 'conflict', message: 'Un centre porte déjà le code « UIMM-DEMO ».', field: 'code' } });

	const f = await formAdmin.post('/admin/centres', { form: { csrf: formAdmin.csrf, code: 'FORM-1', name: 'Centre', email: 'faux' } });
	assert.equal(f.status, 400);
	assert.match(f.text, /<input id="email" name="email" value="faux" type="email" maxlength="254" aria-invalid="true" aria-describedby="err-email"><span class="field-error" id="err-email" role="alert">courriel : adresse électronique invalide\.<\/span>/);
	// the other typed values are kept
	assert.match(f.text, /<input id="code" name="code" value="FORM-1" /);

	const users = [
		[{ login: 'A', name: 'x', role: 'jury', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' }, 400, 'login'],
		[{ login: 'court', name: 'x', role: 'jury', centre: DEMO_CENTRE, password: 'court' }, 400, 'password'],
		[{ login: 'role', name: 'x', role: 'chef', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' }, 400, 'role'],
		[{ login: 'sanscentre', name: 'x', role: 'jury', password: 'un-mot-de-passe-long' }, 400, 'centre'],
		[{ login: 'national', name: 'x', role: 'admin', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' }, 400, 'centre'],
		[{ login: 'jury', name: 'x', role: 'jury', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' }, 409, 'login'],
	];
	for (const [json, status, field] of users) {
		const r = await admin.post('/api/v1/users', { csrf: true, json });
		assert.equal(r.status, status, JSON.stringify(json));
		assert.equal(r.json.error.field, field, JSON.stringify(json));
	}
	const fu = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf, login: 'Majuscule',
		name: 'x', role: 'jury', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' } });
	assert.equal(fu.status, 400);
	assert.match(fu.text, /<input id="login" name="login" value="Majuscule" required maxlength="64" autocomplete="off" aria-invalid="true" aria-describedby="err-login">/);
	assert.match(fu.text, /<span class="field-error" id="err-login" role="alert">identifiant : l&#39;identifiant doit commencer par une lettre minuscule\.<\/span>/);
	// the password is never sent back
	assert.doesNotMatch(fu.text, /un-mot-de-passe-long/);
	assert.match(fu.text, /<option value="jury" selected>/);
	assert.match(fu.text, /<option value="">— Choisir un rôle —<\/option>/);
	// the centre typed before stays chosen
	assert.match(fu.text, new RegExp(`<option value="${DEMO_CENTRE}" selected>[^<]+ \\(${DEMO_CENTRE}\\)</option>`));
	// nothing was created by the refused requests
	const codes = (await admin.get('/api/v1/centres')).json.items.map((c) => c.code);
	assert.ok(!codes.includes('OK-CODE') && !codes.includes('FORM-1'));
});

test('centre staff: /api/v1/users and /api/v1/centres list their own centre only', async () => {
	// a second centre with an account, that the centre staff must not see
	assert.equal((await admin.post('/api/v1/centres', { csrf: true, json: { code: 'AUTRE-CENTRE', name: 'Autre centre' } })).status, 201);
	assert.equal((await admin.post('/api/v1/users', { csrf: true, json: { login: 'autre-jury', name: 'Jury ailleurs',
		role: 'jury', centre: 'AUTRE-CENTRE', password: 'un-mot-de-passe-long' } })).status, 201);
	const all = (await admin.get('/api/v1/users')).json.items;
	assert.ok(all.some((u) => u.login === 'autre-jury') && all.some((u) => u.login === 'admin'));

	const staff = await apiLogin(srv.base, 'centre');
	const users = await staff.get('/api/v1/users');
	assert.equal(users.status, 200);
	const logins = users.json.items.map((u) => u.login).sort();
	assert.deepEqual(logins, ['centre', 'evaluateur', 'jury', 'organisme']);
	for (const u of users.json.items)
		assert.equal(u.centre, DEMO_CENTRE, u.login);
	assert.ok(!logins.includes('admin'));
	assert.equal(users.json.items.find((u) => u.login === 'evaluateur').role, 'evaluator');
	assert.equal(users.json.items.find((u) => u.login === 'organisme').role, 'training_body');
	for (const u of users.json.items)
		assert.equal('password_hash' in u, false);

	const centres = await staff.get('/api/v1/centres');
	assert.equal(centres.status, 200);
	assert.deepEqual(centres.json.items.map((c) => c.code), [DEMO_CENTRE]);
	assert.equal(centres.json.items[0].name, 'UIMM territoriale de démonstration — centre de certification');
	assert.equal(centres.json.items[0].region, 'Île-de-France');

	// the pages agree
	const staffForm = await formLogin(srv.base, 'centre');
	const cp = await staffForm.get('/admin/centres');
	assert.equal(cp.status, 200);
	assert.match(cp.text, /<td>UIMM-DEMO<\/td>/);
	assert.doesNotMatch(cp.text, /AUTRE-CENTRE|AUDIT-1/);
	const up = await staffForm.get('/admin/comptes');
	assert.doesNotMatch(up.text, /<td>admin<\/td>|autre-jury/);
	assert.match(up.text, /<td>evaluateur<\/td>/);
	// and staff cannot create accounts, even in their own centre
	const r = await staff.post('/api/v1/users', { csrf: true, json: { login: 'nouveau', name: 'x', role: 'jury',
		centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' } });
	assert.equal(r.status, 403);
	assert.equal(r.json.error.code, 'forbidden');
	const c = await staff.post('/api/v1/centres', { csrf: true, json: { code: 'PAR-CENTRE', name: 'x' } });
	assert.equal(c.status, 403);
	assert.equal(c.json.error.message, "Seul l'administrateur national peut créer un centre de certification.");
});

test('other roles see only their own account', async () => {
	for (const login of ['evaluateur', 'organisme']) {
		const c = await formLogin(srv.base, login);
		const me = await c.get('/compte');
		assert.equal(me.status, 200);
		assert.match(me.text, new RegExp(`<dt>Identifiant</dt><dd>${login}</dd>`));
		assert.match(me.text, /<dt>Centre de certification<\/dt><dd>UIMM-DEMO<\/dd>/);
		const api = await apiLogin(srv.base, login);
		assert.equal((await api.get('/api/v1/users')).status, 403);
		assert.equal((await api.get('/api/v1/me')).json.login, login);
	}
});

test('pattern attributes of the forms are valid for browsers (compiled with the v flag)', async () => {
	const page = await formAdmin.get('/admin/centres');
	const patterns = [...page.text.matchAll(/ pattern="([^"]*)"/g)].map((m) => m[1]);
	assert.ok(patterns.length >= 1);
	for (const p of patterns) {
		const re = new RegExp(`^(?:${p})$`, 'v');
		assert.ok(re.test('UIMM-DEMO'), p);
		assert.ok(!re.test('uimm demo'), p);
	}
});
