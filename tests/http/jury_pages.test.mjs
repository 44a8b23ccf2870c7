// The pages of the jury paritaire (R-JUR-1..12): the calendar and its plan
// form, the jury's page through the forms (composition, requests, CPREFP,
// convocations, candidates), each role on each page, a refused form with
// its rule id and its values kept, anonymity of the jury member's pages
// and documents before the signature (R-JUR-10), escaping of typed text;
// then, the server's clock moved to the jury's day (serve --clock), the
// sitting, the president's decision and signature, the certificate, its
// duplicate, the GTP's follow-up and the unions.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, addCentre,
	addUser, registerCandidate, evaluateAll, hiddenCsrf, EMPLOYER_ARGS } from './server.mjs';

const day = (d) => d.toLocaleDateString('sv-SE');
const TODAY = day(new Date());
const JURY_DAY = day(new Date(Date.now() + 20 * 86400000));
const TOO_SOON = day(new Date(Date.now() + 5 * 86400000));
const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const OTHER_CENTRE = 'AUTRE-JURY';
const CANDIDATE = 'Anonymat';   // the birth name of the candidate examined
// the demo's candidates (svc_setup.c): none may show on a jury member's page
const DEMO_NAMES = ['Martin', 'Benali', 'Durand', 'Moreau', 'Petit', 'Nguyen', 'Chloé', 'Karim'];

let srv, tmp, jid, rid;
const F = {};   // form sessions by role

const main = (html) => (/<main[\s\S]*<\/main>/.exec(html) || [''])[0];

/* Posts a form of the jury's page as client c (its CSRF token). */
const post = (c, p, fields) => c.post(p, { form: new URLSearchParams([['csrf', c.csrf], ...fields]) });

function pdfText(bytes) {
	const f = path.join(tmp, `t${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(f, bytes);
	return new Promise((resolve, reject) => {
		execFile('pdftotext', ['-layout', f, '-'], (err, stdout) => (err ? reject(err) : resolve(stdout)));
	});
}

async function getBytes(c, p) {
	const res = await fetch(srv.url(p), { headers: { Cookie: c.cookieHeader() }, redirect: 'manual',
		signal: AbortSignal.timeout(30000) });
	return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function logins() {
	for (const [k, login, pw] of [['centre', 'centre'], ['admin', 'admin'], ['evaluator', 'evaluateur'],
		['body', 'organisme'], ['jury', 'jury'], ['jury2', 'jury.autre', 'un-long-secret'],
		['other', 'autre.centre', 'un-long-secret']])
		F[k] = await formLogin(srv.base, login, pw);
	F.anon = new Client(srv.base);
}

before(async () => {
	srv = await startServer();
	tmp = srv.dir;
	const admin = await apiLogin(srv.base, 'admin');
	await addCentre(admin, OTHER_CENTRE, 'Autre centre');
	await addUser(admin, { login: 'autre.centre', name: 'Autre centre', role: 'centre',
		centre: OTHER_CENTRE, password: 'un-long-secret' });
	await addUser(admin, { login: 'jury.autre', name: 'Autre juré', role: 'jury',
		centre: 'UIMM-DEMO', password: 'un-long-secret' });
	({ rid } = await registerCandidate(srv.db, ['--birth-name', CANDIDATE, '--route', 'continuing',
		'--registrant', 'company', '--origin', 'SL', '--funding', 'PDC', ...EMPLOYER_ARGS,
		'--tutor', 'Paul Durand']));
	await evaluateAll(srv.db, rid, TODAY);
	await logins();
});
after(async () => { await stopAndCheck(srv); });

test('calendar: each role, the plan form refused with its rule and values, then planned', async () => {
	assert.equal((await F.anon.get('/jurys')).status, 303);
	for (const k of ['evaluator', 'body'])
		assert.equal((await F[k].get('/jurys')).status, 403, k);
	const cal = await F.centre.get('/jurys');
	assert.equal(cal.status, 200);
	assert.match(cal.text, /<h2 id="planifier">Planifier un jury<\/h2>/);
	assert.match(cal.text, /<label for="plan-certifications">/);
	assert.match(cal.text, /<li><a href="\/jurys">Jurys<\/a><\/li>/);
	assert.doesNotMatch(cal.text, /href="\/syndicats"/);   // the menu: unions for the administrator
	const jc = await F.jury.get('/jurys');
	assert.equal(jc.status, 200);
	assert.doesNotMatch(jc.text, /Planifier un jury/);
	assert.match((await F.admin.get('/jurys')).text, /<li><a href="\/gtp">GTP<\/a><\/li><li><a href="\/syndicats">Syndicats<\/a><\/li>/);

	// too soon: R-JUR-1, the values kept
	let r = await post(F.centre, '/jurys', [['date', TOO_SOON], ['place', 'Saint-Étienne'],
		['certifications', 'RNCP28235']]);
	assert.equal(r.status, 422, r.text);
	assert.match(r.text, /\(règle R-JUR-1\)/);
	assert.match(r.text, /name="place" value="Saint-Étienne"/);
	assert.match(r.text, /<option value="RNCP28235" selected>/);
	assert.match(r.text, new RegExp(`name="date" value="${TOO_SOON}"`));
	// the place escaped
	r = await post(F.centre, '/jurys', [['date', JURY_DAY], ['place', PROBE], ['certifications', 'RNCP28235']]);
	assert.equal(r.status, 303, r.text);
	const m = /^\/jurys\/(\d+)\?fait=plan$/.exec(r.headers.get('location'));
	assert.ok(m, r.headers.get('location'));
	jid = Number(m[1]);
	for (const p of ['/jurys', `/jurys/${jid}`]) {
		const page = await F.centre.get(p);
		assert.ok(page.text.includes(ESCAPED), p);
		assert.ok(!page.text.includes(PROBE), p);
	}
	r = await post(F.centre, `/jurys/${jid}/deplacer`, [['date', JURY_DAY], ['place', 'Lyon']]);
	assert.equal(r.status, 303, r.text);
	// another centre's staff does not see it in the calendar
	assert.doesNotMatch((await F.other.get('/jurys')).text, new RegExp(`href="/jurys/${jid}"`));
});

test('composition through the forms: a refusal shows its rule and keeps the values; members escaped', async () => {
	const add = (fields) => post(F.centre, `/jurys/${jid}/membres`, fields);
	let r = await add([['name', 'Marie Patronne'], ['role', 'employer'], ['branch', 'metallurgy'],
		['votes', '1'], ['president', '1'], ['login', 'jury'], ['organisation', 'Forges de Lyon'],
		['quality', 'Directrice']]);
	assert.equal(r.status, 303, main(r.text));
	assert.equal(r.headers.get('location'), `/jurys/${jid}?fait=membres#membres`);
	r = await add([['name', 'Jean Syndic'], ['role', 'union'], ['union', 'CGT'], ['branch', 'metallurgy'],
		['branch_employee', '1'], ['votes', '1']]);
	assert.equal(r.status, 303, main(r.text));
	// a second voter for the CGT (R-JUR-4): refused, the rule named, the values kept
	r = await add([['name', 'Paul Second'], ['role', 'union'], ['union', 'CGT'], ['branch', 'metallurgy'],
		['branch_employee', '1'], ['votes', '1'], ['email', 'paul.second@exemple.fr']]);
	assert.equal(r.status, 422, main(r.text));
	assert.match(r.text, /\(règle R-JUR-4\)/);
	assert.match(r.text, /name="name" value="Paul Second"/);
	assert.match(r.text, /<option value="CGT" selected>/);
	assert.match(r.text, /name="email" value="paul.second@exemple.fr"/);
	assert.match(r.text, /<option value="union" selected>/);
	// an invited guest whose name is a probe
	r = await add([['name', PROBE], ['role', 'tutor']]);
	assert.equal(r.status, 303, main(r.text));
	const page = await F.centre.get(`/jurys/${jid}`);
	assert.ok(page.text.includes(ESCAPED));
	assert.ok(!page.text.includes(PROBE));
	assert.match(page.text, /<td>Marie Patronne<br><small>Forges de Lyon<\/small><\/td>/);
});

test('requests, CPREFP, convocations and the candidate, through the buttons', async () => {
	let r = await post(F.centre, `/jurys/${jid}/candidats`, [['registration', String(rid)]]);
	assert.equal(r.status, 303, main(r.text));
	for (const a of ['demandes', 'cprefp', 'convocations']) {
		r = await post(F.centre, `/jurys/${jid}/${a}`, []);
		assert.equal(r.status, 303, `${a}: ${main(r.text)}`);
		assert.equal(r.headers.get('location').split('?')[0], `/jurys/${jid}`);
	}
	const page = await F.centre.get(`/jurys/${jid}`);
	assert.match(page.text, /Information de la CPREFP \(R-JUR-8\) : envoyée le/);
	assert.doesNotMatch(page.text, /<td>non demandée<\/td>/);
	assert.match(page.text, new RegExp(`<td>n° ${rid}</td><td>[^<]*${CANDIDATE}`, 'i'));
	// a forged removal of an unknown registration: the page says why
	r = await post(F.centre, `/jurys/${jid}/candidats/retrait`, [['registration', 'abc']]);
	assert.equal(r.status, 404);
});

test('the jury page: each role, and the jury member reads without names (R-JUR-10)', async () => {
	const p = `/jurys/${jid}`;
	assert.equal((await F.anon.get(p)).status, 303);
	for (const k of ['centre', 'admin', 'jury'])
		assert.equal((await F[k].get(p)).status, 200, k);
	for (const k of ['other', 'jury2'])
		assert.equal((await F[k].get(p)).status, 404, k);
	for (const k of ['evaluator', 'body'])
		assert.ok([403, 404].includes((await F[k].get(p)).status), k);
	const j = await F.jury.get(p);
	assert.equal(j.status, 200);
	for (const name of [CANDIDATE, ...DEMO_NAMES])
		assert.ok(!main(j.text).includes(name), `${name} on the jury member's page`);
	assert.doesNotMatch(j.text, /action="\/jurys\/\d+\/(membres|candidats|convocations|seance)"/);
	assert.match(j.text, /sous leur numéro anonyme/);
	// a write by the jury member is refused
	const w = await post(F.jury, `${p}/convocations`, []);
	assert.equal(w.status, 403);
	// documents: none gives him a name
	for (const kind of ['minutes', 'attendance', 'syntheses']) {
		const d = await getBytes(F.jury, `${p}/documents/${kind}`);
		const text = d.headers.get('content-type') === 'application/pdf' ?
			await pdfText(d.body) : d.body.toString('utf8');
		for (const name of [CANDIDATE, ...DEMO_NAMES])
			assert.ok(!text.includes(name), `${name} in ${kind}`);
	}
	// the calendar of the jury member: his jury only
	const cal = await F.jury.get('/jurys');
	assert.match(cal.text, new RegExp(`href="/jurys/${jid}"`));
	assert.doesNotMatch((await F.jury2.get('/jurys')).text, new RegExp(`href="/jurys/${jid}"`));
	// unknown addresses under the jury
	assert.equal((await F.centre.get(`${p}/documents/bogus`)).status, 404);
	assert.equal((await F.centre.get(`${p}/nimporte`)).status, 404);
	assert.equal((await F.centre.get('/jurys/abc')).status, 404);
});

test('the centre\'s documents of the jury', async () => {
	const d = await getBytes(F.centre, `/jurys/${jid}/documents/cprefp`);
	assert.equal(d.status, 200);
	assert.equal(d.headers.get('content-type'), 'application/pdf');
	assert.match(d.headers.get('content-disposition'), /^inline; filename="jury-\d+-cprefp\.pdf"$/);
	assert.equal(d.body.subarray(0, 5).toString(), '%PDF-');
	assert.equal((await getBytes(F.other, `/jurys/${jid}/documents/cprefp`)).status, 404);
});

test('the day of the jury: sitting, the president decides and signs, certificates', async () => {
	// the same database, the services' clock on the jury's day
	await stopAndCheck(srv, { keep: true });
	srv = await startServer({ reuse: srv, args: ['--clock', JURY_DAY] });
	await logins();
	const p = `/jurys/${jid}`;
	let page = await F.centre.get(p);
	const ids = [...page.text.matchAll(/id="present-(\d+)"/g)].map((x) => x[1]);
	assert.equal(ids.length, 3);
	// the president absent: refused, the boxes kept
	let r = await post(F.centre, `${p}/seance`, [['present', ids[1]]]);
	assert.equal(r.status, 422, main(r.text));
	assert.match(r.text, /\(règle R-JUR-\d+\)/);
	assert.match(r.text, new RegExp(`id="present-${ids[1]}" name="present" value="${ids[1]}" checked`));
	r = await post(F.centre, `${p}/seance`, ids.map((id) => ['present', id]));
	assert.equal(r.status, 303, main(r.text));
	r = await post(F.jury, `${p}/conformite`, []);
	assert.ok([303, 403].includes(r.status));
	if (r.status !== 303)
		assert.equal((await post(F.centre, `${p}/conformite`, [])).status, 303);
	// the jury member: the code, the candidate's file without a name
	page = await F.jury.get(p);
	const code = /Candidat (C-\d+)/.exec(page.text)[1];
	for (const name of [CANDIDATE, ...DEMO_NAMES])
		assert.ok(!main(page.text).includes(name), name);
	const file = await F.jury.get(`${p}/candidats/${code}`);
	assert.equal(file.status, 200, main(file.text));
	assert.match(file.text, /Synthèse des évaluations/);
	assert.match(file.text, /<td>Acquise<\/td><td>Évaluation en situation professionnelle réelle<\/td>/);
	assert.match(file.text, /Avis de l'entreprise/);
	for (const name of [CANDIDATE, ...DEMO_NAMES])
		assert.ok(!main(file.text).includes(name), name);
	assert.equal((await F.jury2.get(`${p}/candidats/${code}`)).status, 404);
	// the president's account has the decision form: only A and NA
	assert.deepEqual([...page.text.matchAll(/name="verdict" value="([^"]*)"/g)].map((x) => x[1]), ['A', 'NA']);
	r = await post(F.jury, `${p}/decision`, [['ref', code], ['verdict', 'B'], ['votes_for', '2'],
		['votes_against', '0'], ['abstentions', '0'], ['president_ballot', 'for'], ['comment', 'Très bien']]);
	assert.equal(r.status, 422, main(r.text));
	assert.match(r.text, /\(règle R-JUR-11\)/);
	assert.match(r.text, /name="comment"[^>]*>Très bien<\/textarea>/);
	r = await post(F.jury, `${p}/decision`, [['ref', code], ['verdict', 'A'], ['votes_for', '2'],
		['votes_against', '0'], ['abstentions', '0'], ['president_ballot', 'for'], ['comment', 'Très bien']]);
	assert.equal(r.status, 303, main(r.text));
	r = await post(F.jury, `${p}/signature`, []);
	assert.equal(r.status, 303, main(r.text));
	// after the signature: the name for the staff, the certificate
	page = await F.centre.get(p);
	assert.match(page.text, /Procès-verbal signé le/);
	assert.ok(page.text.includes(CANDIDATE));
	assert.match(page.text, /Rectifier la décision/);
	const num = /href="\/certificats\/([^"]+)"/.exec(page.text)[1];
	const cert = await F.centre.get(`/certificats/${num}`);
	assert.equal(cert.status, 200);
	assert.match(main(cert.text), /<dt>Titulaire<\/dt><dd>Léa ANONYMAT<\/dd>/i);
	assert.equal((await F.other.get(`/certificats/${num}`)).status, 404);
	assert.ok([403, 404].includes((await F.evaluator.get(`/certificats/${num}`)).status));
	const pdf = await getBytes(F.centre, `/certificats/${num}.pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers.get('content-type'), 'application/pdf');
	const dup = await post(F.centre, `/certificats/${num}/duplicata`, []);
	assert.equal(dup.status, 303);
	assert.equal(dup.headers.get('location'), `/certificats/${num}.pdf?duplicata=1`);
	assert.match((await F.centre.get(`/certificats/${num}`)).text, /<dt>Duplicatas<\/dt><dd>1/);
	// a correction without its motive is refused beside the form
	r = await post(F.centre, `${p}/rectification`, [['ref', code], ['verdict', 'NA'], ['votes_for', '0'],
		['votes_against', '2'], ['abstentions', '0'], ['president_ballot', 'against'], ['motive', '']]);
	assert.equal(r.status, 422, main(r.text));
	assert.match(r.text, /<details open><summary>Rectifier la décision/);
});

test('GTP follow-up and unions: each role', async () => {
	assert.equal((await F.evaluator.get('/gtp')).status, 403);
	const a = await F.admin.get('/gtp');
	assert.equal(a.status, 200);
	assert.match(a.text, new RegExp(`<a href="/jurys/${jid}">Jury n° ${jid}</a>`));
	assert.match(a.text, /Action corrective \(R-GTP-2\)/);
	const c = await F.centre.get('/gtp');
	assert.equal(c.status, 200);
	assert.doesNotMatch(c.text, /Action corrective \(R-GTP-2\)/);
	let r = await post(F.centre, '/gtp/transmission', [['jury', String(jid)], ['date', JURY_DAY]]);
	assert.equal(r.status, 303, main(r.text));
	assert.equal((await post(F.centre, '/gtp/action', [['jury', String(jid)], ['text', 'X'], ['date', JURY_DAY]])).status, 403);
	r = await post(F.admin, '/gtp/action', [['jury', String(jid)], ['text', PROBE], ['date', JURY_DAY]]);
	assert.equal(r.status, 303, main(r.text));
	const jp = await F.admin.get(`/jurys/${jid}`);
	assert.ok(jp.text.includes(ESCAPED) && !jp.text.includes(PROBE));
	assert.match(jp.text, /Enregistrer le suivi/);
	// unions
	const u = await F.centre.get('/syndicats');
	assert.equal(u.status, 200);
	assert.doesNotMatch(u.text, /Enregistrer l&#39;organisation/);
	assert.equal((await post(F.centre, '/syndicats', [['code', 'SUD'], ['name', 'Solidaires']])).status, 403);
	r = await post(F.admin, '/syndicats', [['code', 'sud minuscules'], ['name', 'Solidaires']]);
	assert.equal(r.status, 400, main(r.text));
	assert.match(r.text, /name="code" value="sud minuscules"/);
	r = await post(F.admin, '/syndicats', [['code', 'SUD'], ['name', PROBE], ['representative', '1']]);
	assert.equal(r.status, 303, main(r.text));
	const list = await F.admin.get('/syndicats');
	assert.ok(list.text.includes(ESCAPED) && !list.text.includes(PROBE));
	assert.equal(hiddenCsrf(list.text), F.admin.csrf);
});
