// Presentation of the pages: dates in French and in local time, the notice
// of an expired registration, labels of the search form, certification
// pages without repetition, the accounts form (role to choose, centre
// list, errors tied to their field), the audit log in French, and the
// agreement of counted words.
//
// The server of this file runs in the Europe/Paris time zone, so that local
// time differs from UTC whatever the season.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, hiddenCsrf, Client, ROOT, DEMO_CENTRE } from './server.mjs';

const TZ = 'Europe/Paris';
process.env.TZ = TZ;   // inherited by the server started below

let srv, anon, admin, formAdmin;
before(async () => {
	srv = await startServer();
	anon = new Client(srv.base);
	admin = await apiLogin(srv.base, 'admin');
	formAdmin = await formLogin(srv.base, 'admin');
});
after(async () => { await stopAndCheck(srv); });

/* "2026-11-21T07:52:18Z" → "21/11/2026 à 08:52" in TZ. */
function frDateTime(iso) {
	const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: TZ, year: 'numeric', month: '2-digit',
		day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
	const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
	return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}`;
}

/* Today in TZ, "YYYY-MM-DD". */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ }).format(new Date());
const frDate = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const count = (text, s) => text.split(s).length - 1;

async function importFile(name) {
	const page = await formAdmin.get('/admin/import');
	const fd = new FormData();
	fd.append('csrf', hiddenCsrf(page.text));
	fd.append('fichier', new Blob([fs.readFileSync(path.join(ROOT, 'tests/data/rncp/xml', name))],
		{ type: 'application/xml' }), name);
	const r = await formAdmin.req('POST', '/admin/import', { body: fd });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	return r.text;
}

test('timestamps in French and in local time: account, versions, audit log', async () => {
	const me = (await admin.get('/api/v1/users')).json.items.find((u) => u.login === 'admin');
	assert.match(me.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	const account = await formAdmin.get('/compte');
	assert.ok(account.text.includes(`<dt>Compte créé le</dt><dd>${frDateTime(me.created_at)}</dd>`),
		`account page shows ${frDateTime(me.created_at)}`);
	assert.doesNotMatch(account.text, /\d\d:\d\dZ/);

	const cert = (await anon.get('/api/v1/certifications/RNCP28235')).json;
	const v1 = cert.versions[0].created_at;
	const p = await anon.get('/certifications/RNCP28235');
	assert.ok(p.text.includes(`<th scope="col">Enregistrée le</th>`));
	assert.ok(p.text.includes(` (en vigueur)</td><td>${frDateTime(v1)}</td>`), `versions table shows ${frDateTime(v1)}`);

	const audit = (await admin.get('/api/v1/audit?limit=5')).json.items;
	const page = await formAdmin.get('/admin/audit');
	assert.match(page.text, /<th scope="col">Date<\/th>/);
	for (const ev of audit)
		assert.ok(page.text.includes(`<tr><td>${ev.id}</td><td>${frDateTime(ev.at)}</td>`), `audit event ${ev.id}`);
	assert.doesNotMatch(page.text, /<td>\d{4}-\d\d-\d\dT/);
});

test('an expired registration is said under the title, with its date', async () => {
	const r = await anon.get('/certifications/RNCP28235');
	assert.equal(r.status, 200);
	const end = (await anon.get('/api/v1/certifications/RNCP28235')).json.legal.registration_end;
	assert.equal(end, '2022-04-21');
	assert.match(r.text, /<\/h1>\n<p>(<span class="tag">[^<]*<\/span> ?)+<\/p>\n<p class="draft" role="note">Enregistrement au RNCP échu depuis le 21\/04\/2022 : la fiche ne dit pas s'il a été renouvelé\.<\/p>/);
	// no date, no notice
	assert.doesNotMatch((await anon.get('/certifications/PROJET-CHARGE-RH')).text, /échu depuis/);
	// the catalogue list says nothing of it
	assert.doesNotMatch((await anon.get('/certifications')).text, /échu/);

	// fiches of other certifiers: the notice depends on the day, RS fiches
	// name their register
	await importFile('fiches-3.xml');
	for (const code of ['RNCP40792', 'RNCP35340', 'RS6117']) {
		const e = (await anon.get(`/api/v1/certifications/${code}`)).json.legal.registration_end;
		const t = (await anon.get(`/certifications/${code}`)).text;
		const register = code.startsWith('RS') ? 'Répertoire spécifique' : 'RNCP';
		if (e < today())
			assert.ok(t.includes(`Enregistrement au ${register} échu depuis le ${frDate(e)} :`), code);
		else
			assert.doesNotMatch(t, /échu depuis/, code);
	}
});

test('search form: nature and level in words, values stay the codes', async () => {
	const r = await anon.get('/certifications?kind=RS&level=NIV5');
	assert.equal(r.status, 200);
	for (const [code, label] of [['CQPM', 'CQPM'], ['CCPM', 'CCPM'], ['CQPI', 'CQPI'], ['CCPI', 'CCPI'],
		['PARCOURS', 'Parcours certifiant'], ['RNCP', 'Fiche RNCP \\(autre certificateur\\)']])
		assert.match(r.text, new RegExp(`<option value="${code}">${label}</option>`));
	assert.match(r.text, /<option value="RS" selected>Fiche RS \(autre certificateur\)<\/option>/);
	assert.match(r.text, /<option value="NIV5" selected>Niveau 5<\/option>/);
	assert.match(r.text, /<option value="NIV3">Niveau 3<\/option>/);
	assert.doesNotMatch(r.text, />NIVEAU /);
	// one result or none: the singular
	assert.match((await anon.get('/certifications?q=zzzzzzzz')).text, /<p id="resultats" aria-live="polite">0 certification trouvée\.<\/p>/);
});

test('draft referential: modalities once, texts of the referential, no empty paragraph', async () => {
	const d = (await anon.get('/api/v1/certifications/PROJET-CHARGE-RH')).json;
	const t = (await anon.get('/certifications/PROJET-CHARGE-RH')).text;
	const competences = d.blocks.flatMap((b) => b.competences);
	// each competence has its own list, the same as its block's: shown once
	assert.equal(count(t, "Modalités d'évaluation possibles :"),
		competences.filter((c) => c.modalities.length).length);
	assert.equal(count(t, '<div class="competence"'), competences.length);
	assert.ok(t.includes('Liste des compétences (texte du référentiel)'));
	assert.ok(!t.includes('(texte de la fiche)'));
	assert.ok(!t.includes('<p></p>'));
});

test('fiche: bare competences as a list, the block modalities shown, texts of the fiche', async () => {
	const d = (await anon.get('/api/v1/certifications/RNCP28235')).json;
	const t = (await anon.get('/certifications/RNCP28235')).text;
	assert.equal(count(t, '<ul class="competences">'), d.blocks.length);
	assert.equal(count(t, "Modalités d'évaluation possibles :"), d.blocks.length);
	assert.ok(t.includes('Liste des compétences (texte de la fiche)'));
	assert.ok(t.includes("Modalités d'évaluation (texte de la fiche)"));
	assert.ok(!t.includes('(texte du référentiel)'));
	assert.match(t, /<section class="block" id="RNCP28235BC01"><h3>Bloc 1 — [^<]*<\/h3>\n<p><span class="tag">RNCP28235BC01<\/span> <\/p>/);
});

test('accounts form: a role to choose, the centres in a list, errors tied to their field', async () => {
	const page = await formAdmin.get('/admin/comptes');
	assert.equal(page.status, 200);
	assert.match(page.text, /<select id="role" name="role"><option value="" selected>— Choisir un rôle —<\/option><option value="admin">/);
	assert.doesNotMatch(page.text, /<option value="admin" selected>/);
	assert.match(page.text, new RegExp(`<select id="centre" name="centre"><option value="">Aucun \\(compte national\\)</option><option value="${DEMO_CENTRE}">[^<]+ \\(${DEMO_CENTRE}\\)</option></select>`));
	assert.match(page.text, /<button type="submit" aria-label="Désactiver le compte jury">Désactiver<\/button>/);

	// no role chosen: the service's message, tied to the list
	const form = { login: 'sansrole', name: 'Sans rôle', email: '', role: '', centre: DEMO_CENTRE,
		password: 'un-mot-de-passe-long' };
	const api = await admin.post('/api/v1/users', { csrf: true, json: form });
	assert.equal(api.status, 400);
	assert.equal(api.json.error.field, 'role');
	const r = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf, ...form } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<select id="role" name="role" aria-invalid="true" aria-describedby="err-role"><option value="" selected>/);
	const esc = api.json.error.message.replace(/'/g, '&#39;');
	assert.ok(r.text.includes(`</select><span class="field-error" id="err-role" role="alert">${esc}</span>`), r.text);
	assert.doesNotMatch(r.text, /rôle invalide/);
	assert.match(r.text, new RegExp(`<option value="${DEMO_CENTRE}" selected>`));

	// a role that needs a centre, without one
	const c = await formAdmin.post('/admin/comptes', { form: { csrf: formAdmin.csrf, ...form, role: 'jury', centre: '' } });
	assert.equal(c.status, 400);
	assert.match(c.text, /<select id="centre" name="centre" aria-invalid="true" aria-describedby="err-centre">/);
	assert.match(c.text, /<span class="field-error" id="err-centre" role="alert">centre : /);

	// and a disabled account is offered back by name
	const d = await formAdmin.post('/admin/comptes/organisme/desactiver', { form: { csrf: formAdmin.csrf } });
	assert.equal(d.status, 303);
	const after = await formAdmin.get('/admin/comptes');
	assert.match(after.text, /<button type="submit" aria-label="Réactiver le compte organisme">Réactiver<\/button>/);
	assert.equal((await formAdmin.post('/admin/comptes/organisme/reactiver', { form: { csrf: formAdmin.csrf } })).status, 303);
});

test('own account: a refused password change ties the message to its field', async () => {
	const c = await formLogin(srv.base, 'evaluateur');
	const r = await c.post('/compte/mot-de-passe', { form: { csrf: c.csrf, current: 'pas le bon',
		password: 'un-mot-de-passe-long', confirm: 'un-mot-de-passe-long' } });
	assert.ok(r.status >= 400, `status ${r.status}`);
	assert.match(r.text, /aria-invalid="true" aria-describedby="err-current">/);
	assert.match(r.text, /<span class="field-error" id="err-current" role="alert">/);
});

test('audit log: actions in French with their code, exact object filter', async () => {
	const page = await formAdmin.get('/admin/audit');
	assert.match(page.text, /<td>Connexion <code>session\.open<\/code><\/td>/);
	assert.match(page.text, /<td>Chargement des référentiels de la branche <code>catalogue\.seeds<\/code><\/td>/);
	assert.match(page.text, /<label for="object">Objet exact \(par exemple compte:marie ou UIMM-DEMO\)<\/label>/);
	assert.match(page.text, /<p>Les 200 derniers événements, du plus récent au plus ancien\.<\/p>/);
	const f = await formAdmin.get('/admin/audit?object=compte%3Aorganisme');
	assert.match(f.text, /<p>Les 200 derniers événements de cet objet, du plus récent au plus ancien\.<\/p>/);
	assert.match(f.text, /<td>Désactivation d&#39;un compte <code>user\.disable<\/code><\/td><td>compte:organisme<\/td>/);
	assert.match(f.text, /<td>Réactivation d&#39;un compte <code>user\.enable<\/code><\/td><td>compte:organisme<\/td>/);
	assert.match(f.text, /value="compte:organisme"/);
});

test('import report: words agree with their number', async () => {
	const t = await importFile('branch-28235.xml');
	assert.match(t, /Import terminé : 1 fiche lue, (0 créée, 1 mise à jour \(nouvelle version\), 0 inchangée|0 créée, 0 mise à jour \(nouvelle version\), 1 inchangée)\./);
});
