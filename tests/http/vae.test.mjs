// The VAE (R-VAE-1..3) through the JSON API, the page /candidats/{id}/vae
// and the command line: the admissibility file recorded on receipt and its
// fields, the decision (motive required when negative), incomplete →
// completed → decided again, the communication to the candidate, the
// phases (with the collective branch VAE), the livret 2 and the validation
// commission, each role's rights, CSRF, and the escaping of typed text.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs, { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, runCli,
	sanitizerReport, hiddenCsrf, addCentre, addUser, registerCandidate, EMPLOYER_ARGS, DEMO_CENTRE } from './server.mjs';

const OTHER_CENTRE = 'AUTRE-VAE';
const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';

const EXPERIENCE = {
	title: 'Assistante ressources humaines', employer: 'Forges de Lyon, 69007 Lyon',
	status: 'salarie', start: '2014-01-06', end: '2021-06-30', duration: 9800,
	duration_unit: 'hours', activities: 'Recrutement des opérateurs.\nSuivi de la paie.',
};
const CERFA = {
	experiences: [EXPERIENCE],
	training: [{ title: 'Gestion de la paie', body: 'AFPI Rhône', year: 2016, certificate: '' }],
	prior_validations: [{ certification: 'RNCP28236', units: 'RNCP28236BC01', date: '2019-06-20' }],
};

let srv, admin, centre, evaluator, jury, body, other, anon, formCentre, formAdmin, formEval;

const cli = async (args, opts) => {
	const r = await runCli(['--db', srv.db, ...args], opts);
	assert.equal(sanitizerReport(r.stderr), null, r.stderr);
	return r;
};

/* Registers a candidate through the CLI; returns { kid, rid }. */
async function enrol(name, { cert = 'RNCP28235', route = 'vae', kind = 'standard', date = '2021-09-01' } = {}) {
	const args = ['--certification', cert, '--route', route, '--origin', 'SL', '--birth-name', name,
		'--date', date];
	if (route === 'vae')
		args.push('--vae-kind', kind);
	if (kind === 'branch_collective' || route !== 'vae')
		args.push('--registrant', 'company', '--funding', 'PDC', ...EMPLOYER_ARGS);
	else
		args.push('--registrant', 'candidate', '--funding', 'CVAE');
	return registerCandidate(srv.db, args);
}

/* Deposits a livret 2 for the registration through the documents
** command, as the centre does (R-VAE-3: the evidence file). */
async function livret2(rid) {
	const file = path.join(srv.dir, `livret2-${rid}.pdf`);
	writeFileSync(file, '%PDF-1.4\n%livret 2\n');
	const list = await cli(['--json', 'candidate', 'list', '--per-page', '500']);
	assert.equal(list.code, 0, list.stderr);
	const cand = JSON.parse(list.stdout).candidates.find((x) => x.registration === Number(rid)).candidate;
	const r = await cli(['document', 'add', String(cand), file, '--type', 'livret2',
		'--registration', String(rid)]);
	assert.equal(r.code, 0, r.stderr);
}

const put = (c, p, json) => c.req('PUT', p, { csrf: true, json });
const vaeUrl = (rid, s = '') => `/api/v1/registrations/${rid}/vae${s}`;

before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	centre = await apiLogin(srv.base, 'centre');
	evaluator = await apiLogin(srv.base, 'evaluateur');
	jury = await apiLogin(srv.base, 'jury');
	body = await apiLogin(srv.base, 'organisme');
	await addCentre(admin, OTHER_CENTRE, 'Autre centre');
	await addUser(admin, { login: 'autre.centre', name: 'Autre centre', role: 'centre',
		centre: OTHER_CENTRE, password: 'un-mot-de-passe' });
	other = await apiLogin(srv.base, 'autre.centre', 'un-mot-de-passe');
	anon = new Client(srv.base);
	formCentre = await formLogin(srv.base, 'centre');
	formAdmin = await formLogin(srv.base, 'admin');
	formEval = await formLogin(srv.base, 'evaluateur');
});
after(async () => { await stopAndCheck(srv); });

test('each role: who reads and who writes a VAE', async () => {
	const { rid } = await enrol('Roles');
	// reading
	assert.equal((await anon.get(vaeUrl(rid))).status, 401);
	const j = await jury.get(vaeUrl(rid));
	assert.equal(j.status, 403);
	assert.equal(j.json.error.code, 'forbidden');
	for (const c of [evaluator, body, other]) {
		const r = await c.get(vaeUrl(rid));
		assert.equal(r.status, 404, r.text);   // not assigned, not its own, another centre
	}
	for (const c of [centre, admin]) {
		const r = await c.get(vaeUrl(rid));
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.registration, rid);
		assert.equal(r.json.vae.phase, 'information');
		assert.equal(r.json.vae.state, null);
	}
	// writing: only the centre (its own) and the national administrator
	const file = { received_on: '2021-09-15', cerfa: CERFA };
	const a = await anon.req('PUT', vaeUrl(rid), { json: file });
	assert.equal(a.status, 403);
	assert.equal(a.json.error.code, 'csrf');
	for (const c of [evaluator, jury, body]) {
		const r = await put(c, vaeUrl(rid), file);
		assert.equal(r.status, 403, r.text);
		assert.match(r.json.error.message, /Seul le centre de certification/);
		for (const [s, payload] of [['/decision', { decision: 'admissible', date: '2021-10-01' }],
			['/completion', { date: '2021-10-01' }], ['/communication', { date: '2021-10-01', means: 'courrier' }]])
			assert.equal((await c.post(vaeUrl(rid, s), { csrf: true, json: payload })).status, 403);
		assert.equal((await put(c, vaeUrl(rid, '/commission'), { chair_name: 'X', held_on: '2022-01-01', conclusion: 'none' })).status, 403);
	}
	assert.equal((await put(other, vaeUrl(rid), file)).status, 404);
	// without the CSRF header
	const noCsrf = await centre.req('PUT', vaeUrl(rid), { json: file });
	assert.equal(noCsrf.status, 403);
	assert.equal(noCsrf.json.error.code, 'csrf');
	const ok = await put(admin, vaeUrl(rid), file);
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.json.vae.state, 'received');
});

test('API: the file on receipt, every field checked (R-VAE-1)', async () => {
	const { rid } = await enrol('Dossier');
	const { rid: cont } = await enrol('Continue', { route: 'continuing' });
	// a registration of another route, a number that is none
	let r = await put(centre, vaeUrl(cont), { received_on: '2021-09-15', cerfa: CERFA });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'registration');
	assert.equal((await centre.get(vaeUrl('abc'))).status, 404);
	assert.equal((await centre.get(vaeUrl(999999))).status, 404);
	// not JSON
	r = await centre.req('PUT', vaeUrl(rid), { csrf: true, body: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 415);
	// R-VAE-1: not received before the registration
	r = await put(centre, vaeUrl(rid), { received_on: '2021-08-31', cerfa: CERFA });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');
	assert.equal(r.json.error.field, 'received_on');
	// R-VAE-1: at least one experience
	r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: { ...CERFA, experiences: [] } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'experiences');
	assert.equal(r.json.error.rule, 'R-VAE-1');
	// one field at a time
	for (const [change, field, msg] of [
		[{ status: 'cadre' }, 'experiences[0].status', /Expérience 2 — statut : choisissez salarie/],
		[{ start: '2021-09-16' }, 'experiences[0].start', /postérieure à la réception du dossier/],
		[{ end: '2013-01-01' }, 'experiences[0].end', /la fin précède le début/],
		[{ duration: 0 }, 'experiences[0].duration', /de 1 à 100000/],
		[{ duration_unit: 'weeks' }, 'experiences[0].duration_unit', /hours \(heures\) ou months \(mois\)/],
		[{ employer: '' }, 'experiences[0].employer', /ce champ est obligatoire/],
		[{ title: 12 }, 'experiences[0].title', /du texte est attendu/],
		[{ activities: 'a'.repeat(4001) }, 'experiences[0].activities', /texte trop long/],
	]) {
		r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15',
			cerfa: { ...CERFA, experiences: [EXPERIENCE, { ...EXPERIENCE, ...change }] } });
		assert.equal(r.status, 400, JSON.stringify(change));
		assert.equal(r.json.error.field, field.replace('[0]', '[1]'));
		assert.match(r.json.error.message, msg);
		assert.match(r.json.error.message, /^Expérience 2/);
	}
	r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15',
		cerfa: { ...CERFA, experiences: Array(51).fill(EXPERIENCE) } });
	assert.equal(r.status, 400);
	assert.match(r.json.error.message, /50 au plus/);
	r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: { ...CERFA, autre: [] } });
	assert.equal(r.json.error.field, 'cerfa');
	// nothing was recorded
	assert.equal((await centre.get(vaeUrl(rid))).json.vae.state, null);
	r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: CERFA });
	assert.equal(r.status, 200, r.text);
	const v = r.json.vae;
	assert.equal(v.state, 'received');
	assert.equal(v.state_label, 'Dossier de recevabilité reçu');
	assert.equal(v.phase, 'admissibility');
	assert.equal(v.received_on, '2021-09-15');
	assert.deepEqual(v.cerfa.experiences[0], { ...EXPERIENCE, status_label: 'Salarié', duration_unit_label: 'heures' });
	assert.deepEqual(v.cerfa.training, CERFA.training);
	assert.deepEqual(v.cerfa.prior_validations, CERFA.prior_validations);
	assert.equal(v.livret2, false);
	assert.equal(v.commission, null);
	// the audit log names the candidate
	const audit = await admin.get('/api/v1/audit?limit=5');
	assert.ok(audit.json.items.some((e) => e.action === 'vae.file'), audit.text);
});

test('API: decision, communication, completion, decision again (R-VAE-1, R-VAE-2)', async () => {
	const { rid } = await enrol('Decision');
	let r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'admissible', date: '2021-10-01' } });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');   // no file yet
	assert.equal((await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: CERFA })).status, 200);
	r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'not_admissible', date: '2021-10-01' } });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');
	assert.equal(r.json.error.field, 'motive');
	assert.match(r.json.error.message, /motivée/);
	r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'oui', date: '2021-10-01' } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'decision');
	r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'incomplete', date: '2021-10-01', motive: 'Attestations d\'employeur manquantes' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.vae.state, 'incomplete');
	assert.equal(r.json.vae.motive, 'Attestations d\'employeur manquantes');
	assert.equal(r.json.vae.communicated_on, null);
	// nothing proceeds before the candidate is told
	r = await centre.post(vaeUrl(rid, '/completion'), { csrf: true, json: { date: '2021-10-20' } });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');
	assert.equal(r.json.error.field, 'communicated_on');
	r = await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-10-02', means: 'fax' } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'means');
	r = await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-09-30', means: 'courrier' } });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');
	r = await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-10-02', means: 'courriel' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.vae.communicated_on, '2021-10-02');
	assert.equal(r.json.vae.communicated_means_label, 'Courriel');
	r = await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-10-03', means: 'courrier' } });
	assert.equal(r.status, 409);
	r = await centre.post(vaeUrl(rid, '/completion'), { csrf: true, json: { date: '2021-10-20' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.vae.state, 'received');
	assert.equal(r.json.vae.completed_on, '2021-10-20');
	r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'admissible', date: '2021-10-19' } });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.field, 'decided_on');
	r = await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'admissible', date: '2021-10-25' } });
	assert.equal(r.status, 200);
	assert.equal(r.json.vae.state_label, 'Recevable');
	assert.equal(r.json.vae.phase, 'admissibility');   // R-VAE-2: not told yet
	r = await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-10-26', means: 'remise' } });
	assert.equal(r.json.vae.phase, 'certification');
	assert.equal(r.json.vae.phase_label, 'Certification');
	// a final decision: the file is not replaced
	r = await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: CERFA });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-1');
});

/* An admissible file told to the candidate, through the API. */
async function admissible(name, opts) {
	const reg = await enrol(name, opts);
	assert.equal((await put(centre, vaeUrl(reg.rid), { received_on: '2021-09-15', cerfa: CERFA })).status, 200);
	assert.equal((await centre.post(vaeUrl(reg.rid, '/decision'), { csrf: true, json: { decision: 'admissible', date: '2021-10-01' } })).status, 200);
	assert.equal((await centre.post(vaeUrl(reg.rid, '/communication'), { csrf: true, json: { date: '2021-10-04', means: 'courrier' } })).status, 200);
	return reg;
}

test('API: the validation commission (R-VAE-3)', async () => {
	const commission = { chair_name: 'Jean Dupont', held_on: '2022-01-20', work_situation: true,
		interview: false, conclusion: 'partial', validated: ['BC01', 'RNCP28235BC02'], comment: 'Paie à consolider.' };
	// R-VAE-3: not without an admissible file
	const { rid: refused } = await enrol('Refus');
	assert.equal((await put(centre, vaeUrl(refused), { received_on: '2021-09-15', cerfa: CERFA })).status, 200);
	await livret2(refused);
	let r = await put(centre, vaeUrl(refused, '/commission'), commission);
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-3');
	assert.equal(r.json.error.field, 'admissibility');

	const { rid } = await admissible('Commission');
	// R-VAE-3: not without the livret 2
	r = await put(centre, vaeUrl(rid, '/commission'), commission);
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-3');
	assert.equal(r.json.error.field, 'evidence_file');
	await livret2(rid);
	assert.equal((await centre.get(vaeUrl(rid))).json.vae.livret2, true);
	// R-VAE-3: chaired by the organising centre's representative
	r = await put(admin, vaeUrl(rid, '/commission'), { ...commission, chair_centre: OTHER_CENTRE });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-3');
	assert.equal(r.json.error.field, 'chair');
	// R-VAE-3: the conclusion is what the units validated amount to
	r = await put(centre, vaeUrl(rid, '/commission'), { ...commission, conclusion: 'total' });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-3');
	assert.equal(r.json.error.field, 'conclusion');
	assert.match(r.json.error.message, /« Validation totale » ne correspond pas/);
	for (const [change, field] of [[{ validated: 12 }, 'validated'], [{ validated: ['BC09'] }, 'validated'],
		[{ work_situation: 'oui' }, 'work_situation'], [{ conclusion: 'moitié' }, 'conclusion'],
		[{ chair_name: '' }, 'chair_name'], [{ held_on: '2099-01-01' }, 'held_on']]) {
		r = await put(centre, vaeUrl(rid, '/commission'), { ...commission, ...change });
		assert.equal(r.status, 400, JSON.stringify(change));
		assert.equal(r.json.error.field, field);
	}
	r = await put(centre, vaeUrl(rid, '/commission'), commission);
	assert.equal(r.status, 200, r.text);
	const v = r.json.vae;
	assert.equal(v.unit_kind, 'block');
	assert.deepEqual(v.commission, { chair_name: 'Jean Dupont', chair_centre: DEMO_CENTRE,
		held_on: '2022-01-20', work_situation: true, interview: false, conclusion: 'partial',
		conclusion_label: 'Validation partielle', validated: ['RNCP28235BC01', 'RNCP28235BC02'],
		comment: 'Paie à consolider.', recorded_at: v.commission.recorded_at });
	// after the RNCP registration ended: per competence
	r = await put(centre, vaeUrl(rid, '/commission'), { ...commission, held_on: '2023-02-01', conclusion: 'total',
		validated: 'C1 C2 C3 C4 C5 C6 C7 C8' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.vae.unit_kind, 'competence');
	assert.equal(r.json.vae.commission.conclusion_label, 'Validation totale');
	assert.equal(r.json.vae.commission.validated.length, 8);
});

test('R-VAE-2: a collective branch VAE has no information phase; certification waits for the communication', async () => {
	const { kid, rid } = await enrol('Collectif', { cert: 'RNCP28236', kind: 'branch_collective' });
	let r = await centre.get(vaeUrl(rid));
	assert.equal(r.json.vae.phase, 'admissibility');
	assert.equal(r.json.vae.kind_label, 'VAE de branche collective en entreprise');
	const page = await formCentre.get(`/candidats/${kid}/vae`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /<li[^>]*>Accueil, information-orientation/);
	assert.match(page.text, /<li aria-current="step">Instruction de la recevabilité — <strong>phase en cours<\/strong><\/li>/);
	assert.equal((await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: CERFA })).status, 200);
	assert.equal((await centre.post(vaeUrl(rid, '/decision'), { csrf: true, json: { decision: 'admissible', date: '2021-10-01' } })).status, 200);
	await livret2(rid);
	r = await put(centre, vaeUrl(rid, '/commission'), { chair_name: 'Jean Dupont', held_on: '2021-12-01',
		conclusion: 'total', validated: ['BC01', 'BC02', 'BC03'] });
	assert.equal(r.status, 422);
	assert.equal(r.json.error.rule, 'R-VAE-2');
	assert.equal((await centre.post(vaeUrl(rid, '/communication'), { csrf: true, json: { date: '2021-10-04', means: 'courrier' } })).status, 200);
	r = await put(centre, vaeUrl(rid, '/commission'), { chair_name: 'Jean Dupont', held_on: '2021-12-01',
		conclusion: 'total', validated: ['BC01', 'BC02', 'BC03'] });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.vae.phase, 'certification');
	// a standard VAE begins with information
	const std = await enrol('Standard');
	assert.equal((await centre.get(vaeUrl(std.rid))).json.vae.phase, 'information');
	const p2 = await formCentre.get(`/candidats/${std.kid}/vae`);
	assert.match(p2.text, /<li aria-current="step">Accueil, information-orientation — <strong>phase en cours<\/strong><\/li>/);
});

/* The form fields of a page's form whose action is action. */
function formOf(html, action) {
	const i = html.indexOf(`action="${action}"`);
	assert.ok(i > 0, `no form ${action}`);
	return html.slice(i, html.indexOf('</form>', i));
}

test('page: the file form, repeatable rows, errors beside the fields, POST-redirect-GET', async () => {
	const { kid, rid } = await enrol('Formulaire');
	const url = `/candidats/${kid}/vae`;
	let page = await formCentre.get(url);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Validation des acquis de l'expérience — Formulaire Léa<\/h1>/);
	assert.match(page.text, /<dt>Phase<\/dt><dd><strong>Accueil, information-orientation<\/strong><\/dd>/);
	let form = formOf(page.text, `/candidats/${kid}/vae/dossier`);
	// five empty experience rows, three training rows, two prior validations
	assert.equal((form.match(/<legend>Expérience \d+<\/legend>/g) || []).length, 5);
	assert.equal((form.match(/<legend>Formation \d+<\/legend>/g) || []).length, 3);
	assert.equal((form.match(/<legend>Validation antérieure \d+<\/legend>/g) || []).length, 2);
	assert.match(form, /<input type="hidden" name="inscription" value="\d+">/);
	assert.match(page.text, /Livret 2 : <strong>non déposé<\/strong> — <a href="\/candidats\/\d+\/documents">/);
	const base = { csrf: formCentre.csrf, inscription: String(rid), received_on: '2021-09-15',
		exp0_title: PROBE, exp0_employer: 'Forges de Lyon', exp0_status: 'salarie', exp0_start: '2014-01-06',
		exp0_end: '', exp0_duration: '84', exp0_duration_unit: 'months', exp0_activities: 'Recrutement.\r\nPaie.',
		exp1_title: '', exp1_employer: '', exp1_status: '', exp1_duration_unit: 'hours',
		exp2_title: 'Bénévole', exp2_employer: '', exp2_status: 'benevole', exp2_start: '2012-01-01',
		exp2_duration: '300', exp2_duration_unit: 'hours', exp2_activities: 'Trésorerie',
		tr0_title: 'Paie', tr0_body: 'AFPI', tr0_year: '2016', tr0_certificate: '' };
	// without the CSRF token
	let r = await formCentre.post(`${url}/dossier`, { form: { ...base, csrf: '' } });
	assert.equal(r.status, 403);
	// the third row lacks its employer: the empty second row is dropped,
	// so it comes back as row 2, with its error beside the field
	r = await formCentre.post(`${url}/dossier`, { form: base });
	assert.equal(r.status, 400);
	assert.match(r.text, /Rien n'a été enregistré : voir le formulaire « Dossier de recevabilité »\./);
	assert.match(r.text, /<input type="text" id="exp1_employer" name="exp1_employer" value="" maxlength="300" aria-invalid="true" aria-describedby="err-exp1_employer"><span class="field-error" id="err-exp1_employer" role="alert">Expérience 2 — employeur ou structure : ce champ est obligatoire\.<\/span>/);
	assert.match(r.text, /id="exp1_title" name="exp1_title" value="Bénévole"/);
	assert.ok(r.text.includes(`id="exp0_title" name="exp0_title" value="${ESCAPED}"`));
	assert.ok(!r.text.includes(PROBE));
	assert.match(r.text, /<option value="months" selected>mois<\/option>/);
	// nothing recorded
	assert.equal((await centre.get(vaeUrl(rid))).json.vae.state, null);
	r = await formCentre.post(`${url}/dossier`, { form: { ...base, exp2_employer: 'Club de football' } });
	assert.equal(r.status, 303, r.text);
	assert.equal(r.headers.get('location'), `/candidats/${kid}/vae?inscription=${rid}&fait=dossier#dossier`);
	page = await formCentre.get(r.headers.get('location').replace(/#.*/, ''));
	assert.match(page.text, /<p class="notice" role="status">Le dossier de recevabilité est enregistré\.<\/p>/);
	assert.match(page.text, /<dt>Phase<\/dt><dd><strong>Instruction de la recevabilité<\/strong><\/dd>/);
	form = formOf(page.text, `/candidats/${kid}/vae/dossier`);
	assert.equal((form.match(/<legend>Expérience \d+<\/legend>/g) || []).length, 7);   // 2 filled + 5 empty
	assert.equal((form.match(/<legend>Formation \d+<\/legend>/g) || []).length, 4);
	assert.match(form, /<textarea id="exp0_activities" name="exp0_activities" rows="4" maxlength="4000">Recrutement\.\nPaie\.<\/textarea>/);
	const v = (await centre.get(vaeUrl(rid))).json.vae;
	assert.equal(v.cerfa.experiences.length, 2);
	assert.equal(v.cerfa.experiences[0].title, PROBE);
	assert.equal(v.cerfa.experiences[0].end, null);
	assert.equal(v.cerfa.experiences[0].duration, 84);
	assert.equal(v.cerfa.experiences[1].employer, 'Club de football');
	assert.equal(v.cerfa.training[0].year, 2016);
	// a registration of another candidate is not posted through this one
	const stranger = await enrol('Etranger');
	r = await formCentre.post(`${url}/dossier`, { form: { ...base, inscription: String(stranger.rid) } });
	assert.equal(r.status, 404);
});

test('page: a file of 50 experiences fits in one form; no row past the 50th', async () => {
	const { kid, rid } = await enrol('Cinquante');
	const url = `/candidats/${kid}/vae`;
	const form = { csrf: formCentre.csrf, inscription: String(rid), received_on: '2021-09-15' };
	for (let i = 0; i < 50; i++)
		Object.assign(form, { [`exp${i}_title`]: `Emploi ${i + 1}`, [`exp${i}_employer`]: 'Forges de Lyon',
			[`exp${i}_status`]: 'salarie', [`exp${i}_start`]: '2010-01-01', [`exp${i}_end`]: '2011-01-01',
			[`exp${i}_duration`]: '12', [`exp${i}_duration_unit`]: 'months', [`exp${i}_activities`]: 'Paie' });
	let r = await formCentre.post(`${url}/dossier`, { form });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	assert.equal((await centre.get(vaeUrl(rid))).json.vae.cerfa.experiences.length, 50);
	const page = await formCentre.get(url);
	const f = formOf(page.text, `${url}/dossier`);
	assert.equal((f.match(/<legend>Expérience \d+<\/legend>/g) || []).length, 50);
	assert.match(f, /id="exp49_title" name="exp49_title" value="Emploi 50"/);
	// a 51st row (a forged form) is refused, not dropped
	r = await formCentre.post(`${url}/dossier`, { form: { ...form, exp50_title: 'De trop', exp50_employer: 'X' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<p class="error" role="alert">Expériences : 50 au plus\.<\/p>/);
	assert.equal((await centre.get(vaeUrl(rid))).json.vae.cerfa.experiences.length, 50);
});

test('page: decision, communication, completion and commission forms', async () => {
	const { kid, rid } = await enrol('Parcours');
	const url = `/candidats/${kid}/vae`;
	assert.equal((await put(centre, vaeUrl(rid), { received_on: '2021-09-15', cerfa: CERFA })).status, 200);
	let page = await formCentre.get(url);
	assert.match(formOf(page.text, `${url}/decision`), /<select id="decision" name="decision">/);
	const f = { csrf: formCentre.csrf, inscription: String(rid) };
	// R-VAE-1: the motive of a negative decision, beside its field
	let r = await formCentre.post(`${url}/decision`, { form: { ...f, decision: 'incomplete', decided_on: '2021-10-01', motive: '' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /aria-describedby="err-motive"><\/textarea><span class="field-error" id="err-motive" role="alert">Une décision de dossier incomplet doit indiquer ce qui manque au candidat\. \(règle R-VAE-1\)<\/span>/);
	assert.match(r.text, /<option value="incomplete" selected>Dossier incomplet<\/option>/);
	r = await formCentre.post(`${url}/decision`, { form: { ...f, decision: 'incomplete', decided_on: '2021-10-01', motive: 'Il manque\r\nles attestations.' } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `${url}?inscription=${rid}&fait=decision#communication`);
	page = await formCentre.get(url);
	assert.match(page.text, /<dt>Motif<\/dt><dd>Il manque les attestations\.<\/dd>/);
	assert.match(page.text, /La décision n'a pas encore été communiquée au candidat : rien ne se poursuit avant\./);
	assert.ok(!page.text.includes(`action="${url}/completude"`));   // told first
	r = await formCentre.post(`${url}/communication`, { form: { ...f, communicated_on: '2021-09-01', means: 'courrier' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /aria-describedby="err-communicated_on"><span class="field-error" id="err-communicated_on" role="alert">La décision ne peut pas avoir été communiquée le 01\/09\/2021/);
	r = await formCentre.post(`${url}/communication`, { form: { ...f, communicated_on: '2021-10-02', means: 'courrier' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(url);
	assert.match(page.text, /La décision a été communiquée au candidat le 02\/10\/2021 \(Courrier\)\./);
	r = await formCentre.post(`${url}/completude`, { form: { ...f, completed_on: '2021-10-20' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(url);
	assert.match(page.text, /<dt>Complété le<\/dt><dd>20\/10\/2021<\/dd>/);
	r = await formCentre.post(`${url}/decision`, { form: { ...f, decision: 'admissible', decided_on: '2021-10-25', motive: '' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(url);
	assert.match(page.text, /la décision de recevabilité a été communiquée au candidat et que le livret 2 est déposé\./);
	r = await formCentre.post(`${url}/communication`, { form: { ...f, communicated_on: '2021-10-26', means: 'remise' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(url);
	assert.match(page.text, /<dt>Phase<\/dt><dd><strong>Certification<\/strong><\/dd>/);
	assert.match(page.text, /La commission de validation se réunit quand le livret 2 est déposé\./);
	await livret2(rid);
	page = await formCentre.get(url);
	assert.match(page.text, /Livret 2 : <strong>déposé<\/strong>/);
	const form = formOf(page.text, `${url}/commission`);
	// one box per competence (RNCP 28235 is no longer registered at the RNCP today)
	assert.equal((form.match(/<input type="checkbox" id="unit-C\d" name="validated" value="C\d">/g) || []).length, 8);
	assert.match(form, /<legend>Compétences validées par la commission<\/legend>/);
	const m = { ...f, chair_name: 'Jean Dupont', held_on: '2023-03-01', conclusion: 'total', comment: 'Bon dossier.' };
	const body = new URLSearchParams({ ...m, work_situation: '1' });
	body.append('validated', 'C1');
	body.append('validated', 'C2');
	r = await formCentre.req('POST', `${url}/commission`, { body: body.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /aria-describedby="err-conclusion">.*<span class="field-error" id="err-conclusion" role="alert">La conclusion « Validation totale » ne correspond pas aux blocs ou compétences validés, qui donnent : « Validation partielle »\. \(règle R-VAE-3\)<\/span>/s);
	assert.match(r.text, /id="unit-C1" name="validated" value="C1" checked>/);
	assert.match(r.text, /id="unit-C3" name="validated" value="C3">/);
	assert.match(r.text, /id="work_situation" name="work_situation" value="1" checked>/);
	body.set('conclusion', 'partial');
	r = await formCentre.req('POST', `${url}/commission`, { body: body.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 303, r.text);
	page = await formCentre.get(url);
	assert.match(page.text, /<dt>Conclusions au jury<\/dt><dd><strong>Validation partielle<\/strong><\/dd>/);
	assert.match(page.text, /<dt>Compétences validées<\/dt><dd>C1, C2<\/dd>/);
	assert.match(page.text, /<dt>Mise en situation professionnelle<\/dt><dd>Oui<\/dd>/);
	// the national administrator chooses the chair's centre; another one is refused (R-VAE-3)
	const adminPage = await formAdmin.get(url);
	assert.match(formOf(adminPage.text, `${url}/commission`), /<select id="chair_centre" name="chair_centre">/);
	const ab = new URLSearchParams({ ...m, csrf: formAdmin.csrf, conclusion: 'partial', chair_centre: OTHER_CENTRE });
	ab.append('validated', 'C1');
	r = await formAdmin.req('POST', `${url}/commission`, { body: ab.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /<span class="field-error" id="err-chair_centre" role="alert">La commission de validation doit être présidée par le représentant du centre de certification qui l&#39;organise\. \(règle R-VAE-3\)<\/span>/);
});

test('page: who sees it, who gets the forms', async () => {
	const { kid, rid } = await enrol('Lecteurs');
	const url = `/candidats/${kid}/vae`;
	let r = await anon.get(url);
	assert.equal(r.status, 303);
	assert.match(r.headers.get('location'), /^\/connexion\?next=/);
	r = await formEval.get(url);
	assert.equal(r.status, 404);   // not assigned to him
	const j = await formLogin(srv.base, 'jury');
	assert.equal((await j.get(url)).status, 403);
	const o = await formLogin(srv.base, 'autre.centre', 'un-mot-de-passe');
	assert.equal((await o.get(url)).status, 404);
	// an evaluator not assigned to him does not find him to post to
	r = await formEval.post(`${url}/decision`, { form: { csrf: formEval.csrf, inscription: String(rid),
		decision: 'admissible', decided_on: '2021-10-01' } });
	assert.equal(r.status, 404);
	// a candidate without a VAE, a page that is none
	const cont = await enrol('SansVae', { route: 'continuing' });
	r = await formCentre.get(`/candidats/${cont.kid}/vae`);
	assert.equal(r.status, 404);
	assert.match(r.text, /Ce candidat n&#39;a aucune inscription par la validation des acquis de l&#39;expérience\./);
	assert.equal((await formCentre.get('/candidats/abc/vae')).status, 404);
	assert.equal((await formCentre.get(`${url}?inscription=${cont.rid}`)).status, 404);
	// the centre gets every form the state allows
	r = await formCentre.get(url);
	assert.equal(r.status, 200);
	assert.ok(r.text.includes(`action="${url}/dossier"`));
	assert.equal(hiddenCsrf(r.text), formCentre.csrf);
});

test('CLI: vae file|decide|complete|communicate|validate|show', async () => {
	const { kid, rid } = await enrol('Ligne');
	const file = path.join(srv.dir, 'cerfa.json');
	fs.writeFileSync(file, JSON.stringify(CERFA));
	const bad = path.join(srv.dir, 'mauvais.json');
	fs.writeFileSync(bad, '{"experiences": [');
	let r = await cli(['vae', 'file', String(rid), '--received', '2021-09-15']);
	assert.equal(r.code, 2);
	assert.match(r.stderr, /usage : cqpm vae file/);
	r = await cli(['vae', 'show']);
	assert.equal(r.code, 2);
	r = await cli(['vae', 'file', String(rid), '--received', '2021-09-15', '--cerfa', bad]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /n'est pas du JSON valide \(ligne 1/);
	r = await cli(['vae', 'file', String(rid), '--received', '2021-08-01', '--cerfa', file]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé \(R-VAE-1\) : Le dossier de recevabilité ne peut pas avoir été reçu le 01\/08\/2021/);
	r = await cli(['vae', 'file', String(rid), '--received', '2021-09-15', '--cerfa', file]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /Dossier de recevabilité de l'inscription n° \d+ enregistré \(reçu le 2021-09-15\)\./);
	r = await cli(['vae', 'decide', String(rid), '--decision', 'not_admissible', '--date', '2021-10-01']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-VAE-1\) : Une décision de non-recevabilité doit être motivée\./);
	r = await cli(['vae', 'decide', String(rid), '--decision', 'incomplete', '--date', '2021-10-01', '--motive', 'CERFA non signé']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'complete', String(rid), '--date', '2021-10-10']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-VAE-1\) : La décision du 01\/10\/2021 déclarant le dossier incomplet n'a pas été communiquée/);
	r = await cli(['vae', 'communicate', String(rid), '--date', '2021-10-02', '--means', 'courriel']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'complete', String(rid), '--date', '2021-10-10']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'decide', String(rid), '--decision', 'admissible', '--date', '2021-10-12']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'communicate', String(rid), '--date', '2021-10-13', '--means', 'remise']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'validate', String(rid), '--chair', 'Jean Dupont', '--date', '2022-01-20',
		'--conclusion', 'partial', '--validated', 'BC01 BC02']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-VAE-3\) : La commission de validation ne peut se réunir qu'une fois le dossier de preuves \(livret 2\)/);
	await livret2(rid);
	r = await cli(['vae', 'validate', String(rid), '--chair', 'Jean Dupont', '--date', '2022-01-20',
		'--conclusion', 'total', '--validated', 'BC01 BC02']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-VAE-3\) : La conclusion « Validation totale »/);
	r = await cli(['vae', 'validate', String(rid), '--chair', 'Jean Dupont', '--date', '2022-01-20',
		'--conclusion', 'partial', '--validated', 'BC01 BC02', '--interview', '--comment', 'Solide.']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['vae', 'show', String(rid)]);
	assert.equal(r.code, 0);
	assert.match(r.stdout, /Phase : Certification/);
	assert.match(r.stdout, /Dossier de recevabilité reçu le 2021-09-15 : Recevable/);
	assert.match(r.stdout, /Communiquée au candidat le 2021-10-13 \(Remise en main propre\)/);
	assert.match(r.stdout, /Livret 2 : déposé/);
	assert.match(r.stdout, /Commission de validation du 2022-01-20, présidée par Jean Dupont \(UIMM-DEMO\) : Validation partielle/);
	assert.match(r.stdout, /Blocs validés : RNCP28235BC01 RNCP28235BC02/);
	r = await cli(['vae', 'show', String(rid), '--json']);
	const j = JSON.parse(r.stdout);
	assert.equal(j.vae.commission.interview, true);
	// the candidate's file carries the same object, with exactly these keys first
	r = await cli(['candidate', 'show', String(kid), '--json']);
	const reg = JSON.parse(r.stdout).registration;
	assert.deepEqual(Object.keys(reg.vae).filter((k) => ['kind', 'kind_label', 'phase', 'phase_label',
		'state', 'state_label', 'received_on', 'completed_on', 'decided_on', 'motive', 'communicated_on',
		'cerfa', 'livret2', 'commission'].includes(k)), ['kind', 'kind_label', 'phase', 'phase_label',
		'state', 'state_label', 'received_on', 'completed_on', 'decided_on', 'motive', 'communicated_on',
		'cerfa', 'livret2', 'commission']);
	assert.deepEqual(reg.vae, j.vae);
	assert.deepEqual(Object.keys(reg.vae.commission).slice(0, 8), ['chair_name', 'chair_centre', 'held_on',
		'work_situation', 'interview', 'conclusion', 'conclusion_label', 'validated']);
	// a registration of another route has "vae": null
	const cont = await enrol('Autre', { route: 'continuing' });
	r = await cli(['candidate', 'show', String(cont.kid), '--json']);
	assert.equal(JSON.parse(r.stdout).registration.vae, null);
	r = await cli(['vae', 'show', String(cont.rid)]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /n'est pas une inscription par la VAE/);
	r = await cli(['vae', 'show', 'x']);
	assert.equal(r.code, 1);
});
