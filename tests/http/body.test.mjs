// Training bodies and their habilitation (R-HAB-1, R-HAB-2), through the
// API and the pages: recording a body (SIRET key, duplicates), instructing
// the 12 indicators, granting, refusing and withdrawing, the national list,
// the scoping of centre staff to their own centre, the roles that have no
// access, CSRF, and the escaping of typed text.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, hiddenCsrf, DEMO_CENTRE,
	siret, ALL_MET, addCentre } from './server.mjs';

const SIRET = '11004301500012';          // a real public one (valid Luhn key)
const BAD_KEY = '11004301500013';
const OTHER_CENTRE = 'AUTRE-HAB';
const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';

/* The 12 findings with one changed (criterion c, indicator i). */
function findingsWith(c, i, code) {
	const f = ALL_MET.map((row) => [...row]);
	f[c][i] = code;
	return f;
}
/* The instruction form's fields, every indicator with code. */
function formFindings(code) {
	const o = {};
	for (let c = 1; c <= 6; c++)
		for (const i of ['a', 'b'])
			o[`f${c}${i}`] = code;
	return o;
}

let srv, admin, centre, formAdmin, formCentre;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	centre = await apiLogin(srv.base, 'centre');
	formAdmin = await formLogin(srv.base, 'admin');
	formCentre = await formLogin(srv.base, 'centre');
	await addCentre(admin, OTHER_CENTRE, 'Autre centre habilitant');
});
after(async () => { await stopAndCheck(srv); });

async function addBody(client, s, name, extra = {}) {
	const r = await client.post('/api/v1/organisations', { csrf: true, json: { siret: s, name, ...extra } });
	assert.equal(r.status, 201, r.text);
	return r.json;
}

async function instruct(client, s, json) {
	return client.post(`/api/v1/organisations/${s}/instruction`, { csrf: true,
		json: { centre: DEMO_CENTRE, date: '2026-03-02', site_visit: false, findings: ALL_MET, ...json } });
}

async function decide(client, s, json) {
	return client.post(`/api/v1/organisations/${s}/decision`, { csrf: true,
		json: { centre: DEMO_CENTRE, date: '2026-03-10', ...json } });
}

test('admin records a body: invalid SIRET key refused on siret, duplicate 409, listed', async () => {
	const bad = await admin.post('/api/v1/organisations', { csrf: true, json: { siret: BAD_KEY, name: 'Clé fausse' } });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.code, 'invalid');
	assert.equal(bad.json.error.field, 'siret');
	assert.match(bad.json.error.message, /SIRET/);
	const b = await addBody(admin, SIRET, 'Direction générale des finances publiques',
		{ address: '139 rue de Bercy, 75012 Paris', contact: 'Mme Durand', email: 'contact@dgfip.exemple.fr', phone: '01 40 04 04 04' });
	assert.equal(b.siret, SIRET);
	assert.equal(b.name, 'Direction générale des finances publiques');
	const dup = await admin.post('/api/v1/organisations', { csrf: true, json: { siret: SIRET, name: 'Doublon' } });
	assert.equal(dup.status, 409);
	assert.equal(dup.json.error.field, 'siret');
	// the same SIRET typed with spaces is the same body
	const spaced = await admin.post('/api/v1/organisations', { csrf: true, json: { siret: '110 043 015 00012', name: 'Doublon' } });
	assert.equal(spaced.status, 409);
	const list = await admin.get('/api/v1/organisations');
	assert.equal(list.status, 200);
	const item = list.json.items.find((i) => i.siret === SIRET);
	assert.equal(item.name, 'Direction générale des finances publiques');
	assert.equal(item.contact, 'Mme Durand');
	assert.deepEqual(item.habilitations, []);
	const one = await admin.get(`/api/v1/organisations/${SIRET}`);
	assert.equal(one.status, 200);
	assert.equal(one.json.address, '139 rue de Bercy, 75012 Paris');
	assert.deepEqual(one.json.habilitations, []);
	assert.equal((await admin.get(`/api/v1/organisations/${siret('9999999999999')}`)).status, 404);
	// the list page shows it to the centre staff too
	const page = await formCentre.get('/organismes');
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Organismes de formation<\/h1>/);
	assert.match(page.text, new RegExp(`<tr><td>${SIRET}</td><td><a href="/organismes/${SIRET}">Direction générale des finances publiques</a></td><td>Mme Durand<br>`));
	assert.match(page.text, /<td>Non instruit<\/td>/);
});

test('centre staff record a body through the form; errors beside the field', async () => {
	const s = siret('3300000000001');
	const bad = await formCentre.post('/organismes', { form: { csrf: formCentre.csrf, siret: BAD_KEY, name: 'Organisme du centre' } });
	assert.equal(bad.status, 400);
	assert.match(bad.text, new RegExp(`<input id="siret" name="siret" value="${BAD_KEY}" [^>]*aria-invalid="true" aria-describedby="err-siret"><span class="field-error" id="err-siret" role="alert">SIRET : [^<]+</span>`));
	// the other typed values are kept
	assert.match(bad.text, /<input id="name" name="name" value="Organisme du centre" /);
	const phone = await formCentre.post('/organismes', { form: { csrf: formCentre.csrf, siret: s, name: 'Organisme du centre', phone: 'douze' } });
	assert.equal(phone.status, 400);
	assert.match(phone.text, /aria-describedby="err-phone"><span class="field-error" id="err-phone" role="alert">/);
	const ok = await formCentre.post('/organismes', { form: { csrf: formCentre.csrf, siret: s, name: 'Organisme du centre',
		address: '1 place de la Gare, 59000 Lille', contact: 'M. Martin', email: 'of@centre.exemple.fr', phone: '03 20 00 00 00' } });
	assert.equal(ok.status, 303, ok.text.slice(0, 500));
	assert.equal(ok.headers.get('location'), `/organismes/${s}?fait=organisme`);
	const page = await formCentre.get(ok.headers.get('location'));
	assert.equal(page.status, 200);
	assert.match(page.text, /<p class="notice" role="status">L&#39;organisme de formation est enregistré\.<\/p>/);
	assert.match(page.text, /<h1>Organisme du centre<\/h1>/);
	assert.match(page.text, new RegExp(`<dt>SIRET</dt><dd>${s}</dd>`));
	assert.match(page.text, /Votre centre n'a pas encore instruit l'habilitation de cet organisme\./);
	// the centre staff's forms name their own centre, without a choice
	assert.match(page.text, new RegExp(`<input type="hidden" name="centre" value="${DEMO_CENTRE}">`));
	assert.doesNotMatch(page.text, /<select id="instruction-centre"/);
	const dup = await formCentre.post('/organismes', { form: { csrf: formCentre.csrf, siret: s, name: 'Encore' } });
	assert.equal(dup.status, 409);
	assert.match(dup.text, /aria-describedby="err-siret"/);
});

test('all 12 indicators met, then granted: in the national list and on the body page', async () => {
	const r = await instruct(admin, SIRET, { site_visit: true });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.status, 'pending');
	assert.equal(r.json.centre, DEMO_CENTRE);
	assert.equal(r.json.instruction_date, '2026-03-02');
	assert.equal(r.json.site_visit, true);
	assert.equal(r.json.findings.length, 6);
	for (const c of r.json.findings) {
		assert.equal(typeof c.criterion, 'string');
		assert.equal(c.indicators.length, 2);
		for (const i of c.indicators) {
			assert.match(i.text, /^Capacité du prestataire/);
			assert.equal(i.finding, 'met');
		}
	}
	assert.equal(r.json.findings[0].criterion, "L'identification de la certification");
	const g = await decide(admin, SIRET, { decision: 'granted' });
	assert.equal(g.status, 200, g.text);
	assert.equal(g.json.status, 'granted');
	assert.equal(g.json.granted_on, '2026-03-10');

	const one = await centre.get(`/api/v1/organisations/${SIRET}`);
	assert.equal(one.json.habilitations.length, 1);
	assert.equal(one.json.habilitations[0].status, 'granted');

	const list = await formAdmin.get('/organismes');
	assert.match(list.text, /<h2>Organismes habilités \(liste nationale\)<\/h2>/);
	assert.match(list.text, new RegExp(`<tr><td><a href="/organismes/${SIRET}">Direction générale des finances publiques</a> \\(SIRET ${SIRET}\\)</td><td>${DEMO_CENTRE}</td><td>10/03/2026</td></tr>`));
	assert.match(list.text, new RegExp(`<li>${DEMO_CENTRE} : Habilité</li>`));
	const staffList = await formCentre.get('/organismes');
	assert.match(staffList.text, /<li>Habilité<\/li>/);
	assert.doesNotMatch(staffList.text, /liste nationale/);

	const page = await formCentre.get(`/organismes/${SIRET}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`<h3 id="hab-\\d+">Centre ${DEMO_CENTRE} : Habilité</h3>`));
	assert.match(page.text, /<dt>Accordée le<\/dt><dd>10\/03\/2026<\/dd>/);
	assert.match(page.text, /<dt>Date de l'instruction<\/dt><dd>02\/03\/2026<\/dd>/);
	assert.match(page.text, /<dt>Visite sur site<\/dt><dd>Oui<\/dd>/);
	assert.equal(page.text.split('<span class="yes">Satisfait</span>').length - 1, 12);
	assert.match(page.text, /<th scope="rowgroup" rowspan="2">6\. La pertinence de l&#39;action et le suivi qualité<\/th>/);
	// the instruction form starts from the recorded findings
	assert.match(page.text, /<input type="radio" id="f6b-met" name="f6b" value="met" checked>/);
	assert.match(page.text, /<input type="checkbox" id="site_visit" name="site_visit" value="1" checked>/);
});

test('a grant with one indicator not assessed is refused (422, R-HAB-1)', async () => {
	const s = siret('4400000000001');
	await addBody(centre, s, 'Organisme incomplet');
	const r = await instruct(centre, s, { findings: findingsWith(3, 1, 'not_assessed') });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.findings[3].indicators[1].finding, 'not_assessed');
	const g = await decide(centre, s, { decision: 'granted' });
	assert.equal(g.status, 422);
	assert.equal(g.json.error.code, 'rule');
	assert.equal(g.json.error.rule, 'R-HAB-1');
	assert.match(g.json.error.message, /1 indicateur sur 12 n'est pas encore évalué/);
	assert.equal((await centre.get(`/api/v1/organisations/${s}`)).json.habilitations[0].status, 'pending');
	// a finding that is not a code, a table of the wrong shape
	const bad = await instruct(centre, s, { findings: findingsWith(0, 0, 'oui') });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.field, 'findings[0][0]');
	const shape = await instruct(centre, s, { findings: [['met', 'met']] });
	assert.equal(shape.status, 400);
	assert.equal(shape.json.error.field, 'findings');
	const date = await instruct(centre, s, { date: '2026-02-30' });
	assert.equal(date.status, 400);
	assert.equal(date.json.error.field, 'date');
});

test('a refusal needs a motive; a granted habilitation is withdrawn with one', async () => {
	const s = siret('5500000000001');
	await addBody(centre, s, 'Organisme refusé');
	assert.equal((await instruct(centre, s, { findings: findingsWith(4, 0, 'not_met') })).status, 200);
	const noMotive = await decide(centre, s, { decision: 'refused' });
	assert.equal(noMotive.status, 422, noMotive.text);
	assert.equal(noMotive.json.error.field, 'motive');
	assert.equal(noMotive.json.error.rule, 'R-HAB-1');
	const refused = await decide(centre, s, { decision: 'refused', motive: "L'évaluation n'est pas planifiée avec le centre." });
	assert.equal(refused.status, 200, refused.text);
	assert.equal(refused.json.status, 'refused');
	assert.equal(refused.json.refused_on, '2026-03-10');
	assert.equal(refused.json.motive, "L'évaluation n'est pas planifiée avec le centre.");
	// an unknown decision
	const odd = await decide(centre, s, { decision: 'maybe' });
	assert.equal(odd.status, 400);
	assert.equal(odd.json.error.field, 'decision');

	// withdrawal of the body granted above
	const noWhy = await decide(admin, SIRET, { decision: 'withdrawn', date: '2026-06-01' });
	assert.equal(noWhy.status, 422);
	assert.equal(noWhy.json.error.field, 'motive');
	const w = await decide(admin, SIRET, { decision: 'withdrawn', date: '2026-06-01', motive: 'Démarche qualité abandonnée.' });
	assert.equal(w.status, 200, w.text);
	assert.equal(w.json.status, 'withdrawn');
	assert.equal(w.json.withdrawn_on, '2026-06-01');
	assert.equal(w.json.granted_on, '2026-03-10');
	// no longer in the national list; the body page says withdrawn
	const list = await formAdmin.get('/organismes');
	assert.doesNotMatch(list.text, new RegExp(`<td><a href="/organismes/${SIRET}">[^<]+</a> \\(SIRET`));
	const page = await formAdmin.get(`/organismes/${SIRET}`);
	assert.match(page.text, new RegExp(`Centre ${DEMO_CENTRE} : Habilitation retirée</h3>`));
	assert.match(page.text, /<dt>Retirée le<\/dt><dd>01\/06\/2026<\/dd>/);
	assert.match(page.text, /<dt>Motif<\/dt><dd>Démarche qualité abandonnée\.<\/dd>/);
	// withdrawn is final
	const again = await decide(admin, SIRET, { decision: 'granted' });
	assert.equal(again.status, 422);
	assert.equal(again.json.error.rule, 'R-HAB-1');
});

test('centre staff cannot instruct nor decide for another centre, nor see its habilitations', async () => {
	const s = siret('6600000000001');
	await addBody(admin, s, 'Organisme de l\'autre centre');
	const a = await instruct(admin, s, { centre: OTHER_CENTRE });
	assert.equal(a.status, 200, a.text);
	assert.equal(a.json.centre, OTHER_CENTRE);
	for (const r of [
		await instruct(centre, s, { centre: OTHER_CENTRE }),
		await decide(centre, s, { centre: OTHER_CENTRE, decision: 'granted' }),
	]) {
		assert.ok([403, 404].includes(r.status), `${r.status} ${r.text}`);
		assert.equal(r.json.error.code, r.status === 403 ? 'forbidden' : 'not_found');
	}
	const form = await formCentre.post(`/organismes/${s}/instruction`, { form: {
		csrf: formCentre.csrf, centre: OTHER_CENTRE, date: '2026-03-02', ...formFindings('met') } });
	assert.ok([403, 404].includes(form.status), String(form.status));
	assert.match(form.text, /<p class="error" role="alert">[^<]+<\/p>/);
	// the other centre's habilitation stays pending, and invisible to the staff
	const seen = await centre.get(`/api/v1/organisations/${s}`);
	assert.deepEqual(seen.json.habilitations, []);
	const all = await admin.get(`/api/v1/organisations/${s}`);
	assert.deepEqual(all.json.habilitations.map((h) => [h.centre, h.status]), [[OTHER_CENTRE, 'pending']]);
	const page = await formCentre.get(`/organismes/${s}`);
	assert.doesNotMatch(page.text, new RegExp(`Centre ${OTHER_CENTRE}`));
	// the admin chooses the centre in a select
	const adminPage = await formAdmin.get(`/organismes/${s}`);
	assert.match(adminPage.text, /<select id="instruction-centre" name="centre" required>/);
	assert.match(adminPage.text, new RegExp(`<option value="${OTHER_CENTRE}">${OTHER_CENTRE}</option>`));
	assert.match(adminPage.text, new RegExp(`href="/organismes/${s}\\?centre=${OTHER_CENTRE}#instruction"`));
});

test('evaluator, jury and training body: 403 on the pages and the API; anonymous: 303 and 401', async () => {
	for (const login of ['evaluateur', 'jury', 'organisme']) {
		const api = await apiLogin(srv.base, login);
		const form = await formLogin(srv.base, login);
		for (const p of ['/organismes', `/organismes/${SIRET}`]) {
			const r = await form.get(p);
			assert.equal(r.status, 403, `${login} GET ${p}`);
			assert.match(r.text, /<h1>Accès refusé<\/h1>/);
		}
		for (const [p, fields] of [
			['/organismes', { siret: siret('7700000000001'), name: 'Interdit' }],
			[`/organismes/${SIRET}/instruction`, { centre: DEMO_CENTRE, date: '2026-03-02', ...formFindings('met') }],
			[`/organismes/${SIRET}/decision`, { centre: DEMO_CENTRE, decision: 'granted', date: '2026-03-10' }],
		]) {
			const r = await form.post(p, { form: { csrf: form.csrf, ...fields } });
			assert.equal(r.status, 403, `${login} POST ${p}`);
		}
		for (const p of ['/api/v1/organisations', `/api/v1/organisations/${SIRET}`])
			assert.equal((await api.get(p)).status, 403, `${login} GET ${p}`);
		const posts = [
			['/api/v1/organisations', { siret: siret('7700000000001'), name: 'Interdit' }],
			[`/api/v1/organisations/${SIRET}/instruction`, { centre: DEMO_CENTRE, date: '2026-03-02', findings: ALL_MET }],
			[`/api/v1/organisations/${SIRET}/decision`, { centre: DEMO_CENTRE, decision: 'granted', date: '2026-03-10' }],
		];
		for (const [p, json] of posts) {
			const r = await api.post(p, { csrf: true, json });
			assert.equal(r.status, 403, `${login} POST ${p}`);
			assert.equal(r.json.error.code, 'forbidden');
		}
		// no link in their navigation
		assert.doesNotMatch((await form.get('/certifications')).text, /href="\/organismes"/);
	}
	const anon = new Client(srv.base);
	anon.csrf = hiddenCsrf((await anon.get('/connexion')).text);
	for (const p of ['/organismes', `/organismes/${SIRET}`]) {
		const r = await anon.get(p);
		assert.equal(r.status, 303);
		assert.equal(r.headers.get('location'), `/connexion?next=${encodeURIComponent(p)}`);
	}
	const post = await anon.post(`/organismes/${SIRET}/decision`, { form: { csrf: anon.csrf, centre: DEMO_CENTRE, decision: 'granted' } });
	assert.equal(post.status, 303);
	for (const p of ['/api/v1/organisations', `/api/v1/organisations/${SIRET}`])
		assert.equal((await anon.get(p)).status, 401);
	const apiPost = await anon.post('/api/v1/organisations', { csrf: anon.csrf, json: { siret: siret('7700000000001'), name: 'Anonyme' } });
	assert.equal(apiPost.status, 401);
	assert.equal(apiPost.json.error.code, 'unauthorized');
	// nothing was recorded by the refused requests
	const sirets = (await admin.get('/api/v1/organisations')).json.items.map((i) => i.siret);
	assert.ok(!sirets.includes(siret('7700000000001')));
	// admin and centre staff see the link
	assert.match((await formAdmin.get('/certifications')).text, /<li><a href="\/organismes">Organismes<\/a><\/li>/);
	assert.match((await formCentre.get('/certifications')).text, /<li><a href="\/organismes">Organismes<\/a><\/li>/);
});

test('CSRF: every POST needs the token (form field or header); nothing changes without it', async () => {
	const s = siret('8800000000001');
	const WRONG = '0123456789abcdef'.repeat(4);
	for (const csrf of [undefined, WRONG]) {
		const apiPosts = [
			['/api/v1/organisations', { siret: s, name: 'Sans jeton' }],
			[`/api/v1/organisations/${SIRET}/instruction`, { centre: DEMO_CENTRE, date: '2026-03-02', findings: ALL_MET }],
			[`/api/v1/organisations/${SIRET}/decision`, { centre: DEMO_CENTRE, decision: 'granted', date: '2026-07-01' }],
		];
		for (const [p, json] of apiPosts) {
			const r = await admin.post(p, { json, ...(csrf ? { csrf } : {}) });
			assert.equal(r.status, 403, p);
			assert.equal(r.json.error.code, 'csrf');
		}
		const formPosts = [
			['/organismes', { siret: s, name: 'Sans jeton' }],
			[`/organismes/${SIRET}/instruction`, { centre: DEMO_CENTRE, date: '2026-03-02', ...formFindings('met') }],
			[`/organismes/${SIRET}/decision`, { centre: DEMO_CENTRE, decision: 'granted', date: '2026-07-01' }],
		];
		for (const [p, fields] of formPosts) {
			const r = await formAdmin.post(p, { form: csrf ? { csrf, ...fields } : fields });
			assert.equal(r.status, 403, p);
			assert.match(r.text, /jeton anti-falsification/);
		}
	}
	assert.equal((await admin.get(`/api/v1/organisations/${s}`)).status, 404);
	const h = (await admin.get(`/api/v1/organisations/${SIRET}`)).json.habilitations;
	assert.deepEqual(h.map((x) => x.status), ['withdrawn']);
});

test('typed text comes back escaped: name, address, contact and motive', async () => {
	const s = siret('1200000000001');
	const b = await admin.post('/api/v1/organisations', { csrf: true, json: { siret: s,
		name: `Nom ${PROBE}`, address: `Adresse ${PROBE}`, contact: `Contact ${PROBE}` } });
	assert.equal(b.status, 201, b.text);
	assert.equal(b.json.name, `Nom ${PROBE}`);
	assert.equal((await instruct(admin, s, { findings: findingsWith(0, 0, 'not_met') })).status, 200);
	const d = await decide(admin, s, { decision: 'refused', motive: `Motif ${PROBE}` });
	assert.equal(d.status, 200, d.text);
	assert.equal(d.json.motive, `Motif ${PROBE}`);
	const check = (html, min, where) => {
		assert.doesNotMatch(html, /<script/i, where);
		assert.ok(!html.includes(PROBE), `${where}: raw probe`);
		const n = html.split(ESCAPED).length - 1;
		assert.ok(n >= min, `${where}: escaped ${n} times, ${min} expected`);
	};
	const list = await formAdmin.get('/organismes');
	check(list.text, 2, 'list');       // name, contact
	const page = await formAdmin.get(`/organismes/${s}`);
	check(page.text, 5, 'page');       // title, h1, address, contact, motive
	assert.ok(page.text.includes(`<dt>Motif</dt><dd>Motif ${ESCAPED}</dd>`));
	// a form re-rendered with the typed value escaped
	const f = await formAdmin.post('/organismes', { form: { csrf: formAdmin.csrf, siret: BAD_KEY, name: `Nom ${PROBE}` } });
	assert.equal(f.status, 400);
	check(f.text, 1, 'form');
	const m = await formAdmin.post(`/organismes/${s}/decision`, { form: { csrf: formAdmin.csrf,
		centre: DEMO_CENTRE, decision: 'withdrawn', date: '2026-03-10', motive: `Retrait ${PROBE}` } });
	assert.equal(m.status, 422);
	check(m.text, 1, 'decision form');
	assert.ok(m.text.includes(`<textarea id="motive" name="motive" rows="3" maxlength="250">Retrait ${ESCAPED}</textarea>`));
});

test('the forms: instruction and decision posted as a browser does, errors with the rule', async () => {
	const s = siret('2300000000001');
	await addBody(centre, s, 'Organisme des formulaires');
	const base = { csrf: formCentre.csrf, centre: DEMO_CENTRE, date: '2026-04-01', site_visit: '1' };
	// one indicator left out (no radio checked): not assessed
	const partial = formFindings('met');
	delete partial.f2b;
	let r = await formCentre.post(`/organismes/${s}/instruction`, { form: { ...base, ...partial } });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.equal(r.headers.get('location'), `/organismes/${s}?fait=instruction`);
	let page = await formCentre.get(r.headers.get('location'));
	assert.match(page.text, /<p class="notice" role="status">L&#39;instruction de l&#39;habilitation est enregistrée\.<\/p>/);
	assert.match(page.text, /<input type="radio" id="f2b-not_assessed" name="f2b" value="not_assessed" checked>/);
	assert.equal(page.text.split('<span class="yes">Satisfait</span>').length - 1, 11);
	assert.match(page.text, /<dt>Visite sur site<\/dt><dd>Oui<\/dd>/);

	// a grant now: refused with the rule named after the message
	r = await formCentre.post(`/organismes/${s}/decision`, { form: { csrf: formCentre.csrf, centre: DEMO_CENTRE,
		decision: 'granted', date: '2026-04-02', motive: '' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /<p class="error" role="alert">L&#39;habilitation ne peut pas être accordée : 1 indicateur sur 12 n&#39;est pas encore évalué\. \(règle R-HAB-1\)<\/p>/);
	assert.match(r.text, /<option value="granted" selected>Accorder l&#39;habilitation<\/option>/);
	assert.match(r.text, /<option value="refused">Refuser<\/option><option value="withdrawn">Retirer<\/option>/);

	// an unknown finding: beside its indicator
	r = await formCentre.post(`/organismes/${s}/instruction`, { form: { ...base, ...formFindings('met'), f3a: 'peut-être' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<fieldset class="block" aria-invalid="true" aria-describedby="err-f3a">/);
	assert.match(r.text, /<span class="field-error" id="err-f3a" role="alert">Le constat de l&#39;indicateur 3a est inconnu\.<\/span>/);
	// a bad date: beside the date, the typed findings kept
	r = await formCentre.post(`/organismes/${s}/instruction`, { form: { ...base, ...formFindings('met'), date: '2026-13-01' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<input type="date" id="instruction-date" name="date" required value="2026-13-01" aria-invalid="true" aria-describedby="err-instruction-date"><span class="field-error" id="err-instruction-date" role="alert">/);
	assert.match(r.text, /<input type="radio" id="f2b-met" name="f2b" value="met" checked>/);

	// all met, then granted, through the forms
	r = await formCentre.post(`/organismes/${s}/instruction`, { form: { ...base, ...formFindings('met') } });
	assert.equal(r.status, 303);
	r = await formCentre.post(`/organismes/${s}/decision`, { form: { csrf: formCentre.csrf, centre: DEMO_CENTRE,
		decision: 'granted', date: '2026-04-02', motive: '' } });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	assert.equal(r.headers.get('location'), `/organismes/${s}?fait=decision`);
	page = await formCentre.get(r.headers.get('location'));
	assert.match(page.text, /<p class="notice" role="status">La décision est enregistrée\.<\/p>/);
	assert.match(page.text, new RegExp(`Centre ${DEMO_CENTRE} : Habilité</h3>`));
	assert.match(page.text, /<dt>Accordée le<\/dt><dd>02\/04\/2026<\/dd>/);
	assert.equal(page.text.split('<span class="yes">Satisfait</span>').length - 1, 12);

	// a withdrawal without motive: beside the motive, with the rule
	r = await formCentre.post(`/organismes/${s}/decision`, { form: { csrf: formCentre.csrf, centre: DEMO_CENTRE,
		decision: 'withdrawn', date: '2026-05-01', motive: '' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /<textarea id="motive" name="motive" rows="3" maxlength="250" aria-invalid="true" aria-describedby="err-motive"><\/textarea><span class="field-error" id="err-motive" role="alert">Le motif du retrait d&#39;habilitation est obligatoire\. \(règle R-HAB-1\)<\/span>/);
	// with a motive typed on two lines
	r = await formCentre.post(`/organismes/${s}/decision`, { form: { csrf: formCentre.csrf, centre: DEMO_CENTRE,
		decision: 'withdrawn', date: '2026-05-01', motive: 'Locaux fermés.\r\nPlus de formateur.' } });
	assert.equal(r.status, 303, r.text.slice(0, 800));
	const h = (await centre.get(`/api/v1/organisations/${s}`)).json.habilitations[0];
	assert.equal(h.status, 'withdrawn');
	assert.equal(h.motive, 'Locaux fermés. Plus de formateur.');
	// the national administrator's redirect keeps the chosen centre
	const s2 = siret('2400000000001');
	await addBody(admin, s2, 'Organisme national');
	r = await formAdmin.post(`/organismes/${s2}/instruction`, { form: { csrf: formAdmin.csrf, centre: OTHER_CENTRE,
		date: '2026-04-01', ...formFindings('met') } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/organismes/${s2}?fait=instruction&centre=${OTHER_CENTRE}`);
	page = await formAdmin.get(r.headers.get('location'));
	assert.match(page.text, new RegExp(`<option value="${OTHER_CENTRE}" selected>${OTHER_CENTRE}</option>`));
	assert.match(page.text, /<input type="radio" id="f1a-met" name="f1a" value="met" checked>/);
});
