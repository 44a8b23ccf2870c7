// The evaluation of a candidate through the JSON API, the pages and the
// command line: the evaluation dossier (R-EVA-1, R-EVA-2), the evaluation
// commission (R-EVA-5), the results (R-EVA-2, R-EVA-5) and what they make
// of blocks and certification (R-EVA-6), the company's opinion (R-EVA-3),
// the synthesis of evaluations; each role's rights (centre staff, an
// evaluator assigned or not, a training body, a jury member, the public),
// CSRF, and the escaping of typed text.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, hiddenCsrf, runCli, sanitizerReport,
	addCentre, addUser, registerCandidate, habilitateBody, EMPLOYER_ARGS } from './server.mjs';

const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const OTHER_CENTRE = 'UIMM-AUTRE';

/* Today and in a year, in the server's local time zone. */
const day = (d) => d.toLocaleDateString('sv-SE');
const TODAY = day(new Date());
const NEXT_YEAR = day(new Date(Date.now() + 365 * 86400000));
const TOMORROW = day(new Date(Date.now() + 86400000));
const ALL8 = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];

let srv, admin, centre, evaluator, eval2, body, jury, otherCentre, anon;
let formCentre, formEvaluator;
// the candidates: an employee with his company, a VAE, an employee
// without his employer's agreement; registration and candidate numbers
const K = {};

const cli = async (args) => {
	const r = await runCli(['--db', srv.db, ...args]);
	assert.equal(sanitizerReport(r.stderr), null, r.stderr);
	return r;
};

const register = (name, extra) => registerCandidate(srv.db, ['--funding', 'CPF', '--birth-name', name,
	'--birth-date', '1995-04-12', ...extra]);

const COMPANY = ['--route', 'continuing', '--registrant', 'company', '--origin', 'SL',
	...EMPLOYER_ARGS, '--tutor', 'Paul Durand'];

before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	await addCentre(admin, OTHER_CENTRE, 'Autre centre');
	for (const [login, role, c] of [['eval2', 'evaluator', 'UIMM-DEMO'], ['evalautre', 'evaluator', OTHER_CENTRE],
		['centreautre', 'centre', OTHER_CENTRE]])
		await addUser(admin, { login, name: `Compte ${login}`, role, centre: c, password: 'un-long-secret' });
	centre = await apiLogin(srv.base, 'centre');
	evaluator = await apiLogin(srv.base, 'evaluateur');
	eval2 = await apiLogin(srv.base, 'eval2', 'un-long-secret');
	body = await apiLogin(srv.base, 'organisme');
	jury = await apiLogin(srv.base, 'jury');
	otherCentre = await apiLogin(srv.base, 'centreautre', 'un-long-secret');
	anon = new Client(srv.base);
	anon.csrf = hiddenCsrf((await anon.get('/connexion')).text);   // cqpm_pre
	formCentre = await formLogin(srv.base, 'centre');
	formEvaluator = await formLogin(srv.base, 'evaluateur');
	K.company = await register('Martin', COMPANY);
	K.vae = await register('Petit', ['--route', 'vae', '--vae-kind', 'branch', '--registrant', 'candidate', '--origin', 'SL']);
	K.without = await register('Leroy', ['--route', 'continuing', '--registrant', 'candidate', '--origin', 'SL', '--without-agreement']);
	K.form = await register('Moreau', COMPANY);
});
after(async () => { await stopAndCheck(srv); });

const modalities = (over = {}) => Object.fromEntries(ALL8.map((c) => [c, over[c] || ['real_situation']]));
const dossier = (extra = {}) => ({ modalities: modalities(), places: 'Atelier de l\'entreprise',
	period_start: TODAY, period_end: NEXT_YEAR, agreed_on: TODAY, centre_signatory: 'Claire Lenoir',
	company_signatory: 'Paul Durand', ...extra });
const result = (competence, extra = {}) => ({ competence, result: 'acquired', modality: 'real_situation',
	criteria: 'Méthodes : analyse du besoin', appraisal: 'Démarche complète.', date: TODAY, ...extra });
const opinion = (extra = {}) => ({ opinion: 'favourable', author_name: 'Paul Durand', author_role: 'tutor',
	date: TODAY, comment: 'Très impliquée.', ...extra });

function assertRefused(r, status, rule, field) {
	assert.equal(r.status, status, r.text);
	assert.ok(r.json && r.json.error, r.text);
	if (rule)
		assert.equal(r.json.error.rule, rule, r.text);
	if (field)
		assert.equal(r.json.error.field, field, r.text);
	assert.match(r.json.error.message, /[a-zé]/);
}

test('API: the dossier, agreed by the centre among the modalities the referential allows (R-EVA-1, R-EVA-2)', async () => {
	const url = `/api/v1/registrations/${K.company.rid}/dossier`;
	let r = await centre.req('PUT', url, { csrf: true, json: dossier({ modalities: modalities({ C8: ['oral'] }) }) });
	assertRefused(r, 400, undefined, 'modalities.C8');
	assert.match(r.json.error.message, /Modalité « oral » inconnue/);
	const seven = modalities();
	delete seven.C8;
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ modalities: seven }) });
	assertRefused(r, 422, 'R-EVA-2', 'modalities.C8');
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ company_signatory: '' }) });
	assertRefused(r, 422, 'R-EVA-2', 'company_signatory');
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ agreed_on: '2001-01-01' }) });
	assertRefused(r, 422, 'R-EVA-1', 'agreed_on');
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ places: '' }) });
	assertRefused(r, 422, 'R-EVA-1', 'places');
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ modalities: ['real_situation'] }) });
	assertRefused(r, 400, undefined, 'modalities');
	r = await centre.req('PUT', url, { csrf: true, json: dossier({ modalities: { ...modalities(), C9: ['real_situation'] } }) });
	assertRefused(r, 422, 'R-EVA-1', 'modalities.C9');

	// nobody but the centre (and the national administrator)
	for (const c of [evaluator, body, jury])
		assertRefused(await c.req('PUT', url, { csrf: true, json: dossier() }), 403);
	assertRefused(await otherCentre.req('PUT', url, { csrf: true, json: dossier() }), 404);
	assert.equal((await anon.req('PUT', url, { csrf: true, json: dossier() })).status, 401);
	r = await centre.req('PUT', url, { json: dossier() });
	assert.equal(r.status, 403);
	assert.equal(r.json.error.code, 'csrf');
	assert.equal((await centre.req('PUT', '/api/v1/registrations/abc/dossier', { csrf: true, json: dossier() })).status, 404);
	assert.equal((await centre.req('PUT', url, { csrf: true, body: 'places=x' })).status, 415);

	r = await centre.req('PUT', url, { csrf: true, json: dossier({ modalities: modalities({ C8: ['real_situation', 'project_presentation'] }) }) });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.json.dossier.modalities.C8, ['real_situation', 'project_presentation']);
	assert.equal(r.json.dossier.agreed_by, 'company');
	assert.equal(r.json.dossier.agreed_by_label, 'Le centre et l\'entreprise');
	assert.equal(r.json.dossier.company_signatory, 'Paul Durand');
	assert.equal(r.json.dossier.centre_signatory, 'Claire Lenoir');
	assert.equal(r.json.dossier.period_end, NEXT_YEAR);

	// R-EVA-2: a job seeker, a VAE, an employee without agreement: the
	// candidate agrees, the company does not sign
	r = await centre.req('PUT', `/api/v1/registrations/${K.vae.rid}/dossier`, { csrf: true, json: dossier() });
	assertRefused(r, 422, 'R-EVA-2', 'company_signatory');
	r = await admin.req('PUT', `/api/v1/registrations/${K.vae.rid}/dossier`, { csrf: true, json: dossier({ company_signatory: null }) });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.dossier.agreed_by, 'candidate');
	assert.equal(r.json.dossier.company_signatory, null);
});

test('API: the evaluation commission, a warning under two members (R-EVA-5)', async () => {
	const url = `/api/v1/registrations/${K.company.rid}/evaluators`;
	let r = await centre.post(url, { csrf: true, json: { login: 'evaluateur' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.members, 1);
	assert.equal(r.json.complete, false);
	assert.match(r.json.warning, /compte 1 membre : elle doit en réunir plusieurs \(R-EVA-5\)/);
	assert.deepEqual(r.json.evaluators.map((e) => e.login), ['evaluateur']);
	r = await centre.post(url, { csrf: true, json: { login: 'eval2' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.complete, true);
	assert.equal(r.json.warning, undefined);
	assertRefused(await centre.post(url, { csrf: true, json: { login: 'eval2' } }), 409);
	assertRefused(await centre.post(url, { csrf: true, json: { login: 'jury' } }), 422, 'R-EVA-5', 'login');
	assertRefused(await admin.post(url, { csrf: true, json: { login: 'evalautre' } }), 422, 'R-EVA-5');
	assertRefused(await centre.post(url, { csrf: true, json: { login: 'evalautre' } }), 404);
	for (const c of [evaluator, body, jury])
		assertRefused(await c.post(url, { csrf: true, json: { login: 'eval2' } }), 403);
	assert.equal((await anon.post(url, { csrf: true, json: { login: 'eval2' } })).status, 401);

	r = await centre.req('DELETE', `${url}/eval2`, { csrf: true });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.members, 1);
	assert.match(r.json.warning, /R-EVA-5/);
	assertRefused(await centre.req('DELETE', `${url}/eval2`, { csrf: true }), 404);
	assertRefused(await evaluator.req('DELETE', `${url}/evaluateur`, { csrf: true }), 403);
	assert.equal((await centre.req('DELETE', `${url}/evaluateur`)).status, 403);
	assert.equal((await centre.req('DELETE', `${url}/evaluateur/plus`, { csrf: true })).status, 404);
	assert.equal((await centre.req('DELETE', `/api/v1/registrations/${K.company.rid}/autre/evaluateur`, { csrf: true })).status, 404);
});

test('API: results by the assigned evaluator, by the dossier\'s modalities; derivation (R-EVA-2, R-EVA-5, R-EVA-6)', async () => {
	const url = `/api/v1/registrations/${K.company.rid}/evaluations`;
	// R-EVA-2: no result before the dossier is agreed
	let r = await centre.post(`/api/v1/registrations/${K.without.rid}/evaluations`, { csrf: true, json: result('C1') });
	assertRefused(r, 422, 'R-EVA-2', 'modality');
	assert.match(r.json.error.message, /pas encore convenu/);
	// R-EVA-5: an evaluator not assigned to the registration
	r = await eval2.post(url, { csrf: true, json: result('C1') });
	assertRefused(r, 403, 'R-EVA-5');
	r = await evaluator.post(`/api/v1/registrations/${K.vae.rid}/evaluations`, { csrf: true, json: result('C1') });
	assertRefused(r, 403, 'R-EVA-5');
	for (const c of [body, jury])
		assertRefused(await c.post(url, { csrf: true, json: result('C1') }), 403);
	assertRefused(await otherCentre.post(url, { csrf: true, json: result('C1') }), 404);
	assert.equal((await anon.post(url, { csrf: true, json: result('C1') })).status, 401);
	// R-EVA-2: a modality the dossier did not choose
	assertRefused(await evaluator.post(url, { csrf: true, json: result('C1', { modality: 'project_presentation' }) }), 422, 'R-EVA-2', 'modality');
	assertRefused(await evaluator.post(url, { csrf: true, json: result('C9') }), 400, undefined, 'competence');
	assertRefused(await evaluator.post(url, { csrf: true, json: result('C1', { date: TOMORROW }) }), 400, undefined, 'date');
	assertRefused(await evaluator.post(url, { csrf: true, json: result('C1', { result: 'maybe' }) }), 400, undefined, 'result');
	assertRefused(await evaluator.post(url, { csrf: true, json: result('C1', { appraisal: 7 }) }), 400, undefined, 'appraisal');

	r = await evaluator.post(url, { csrf: true, json: result('C1', { appraisal: PROBE }) });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.competence.code, 'C1');
	assert.equal(r.json.competence.result, 'acquired');
	assert.equal(r.json.competence.evaluator, 'Évaluateur de la commission d\'évaluation');
	assert.equal(r.json.competence.appraisal, PROBE);
	assert.equal(r.json.status, 'pending');
	// every competence: blocks and certification acquired (R-EVA-6)
	for (const c of ALL8.slice(1)) {
		r = await evaluator.post(url, { csrf: true, json: result(c) });
		assert.equal(r.status, 201, r.text);
	}
	assert.deepEqual(r.json.blocks.map((b) => b.state), ['acquired', 'acquired', 'acquired', 'acquired']);
	assert.equal(r.json.status, 'acquired');
	assert.equal(r.json.evaluations_complete, false);   // the company's opinion is missing
	// replaced: C8 not acquired → its block and the certification
	r = await centre.post(url, { csrf: true, json: result('C8', { result: 'not_acquired', modality: 'project_presentation' }) });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json.blocks[3].state, 'not_acquired');
	assert.equal(r.json.status, 'not_acquired');
	r = await centre.get(`/api/v1/registrations/${K.company.rid}/evaluation`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.registration.competences.find((c) => c.code === 'C8').result, 'not_acquired');
	assert.equal(r.json.scope.agreed_by, 'company');
	assert.deepEqual(r.json.scope.competences[0].allowed, ['real_situation', 'project_presentation', 'reconstituted_situation']);
	// read: the evaluator assigned, not another; not the body, not the public
	assert.equal((await evaluator.get(`/api/v1/registrations/${K.company.rid}/evaluation`)).status, 200);
	assert.equal((await evaluator.get(`/api/v1/registrations/${K.vae.rid}/evaluation`)).status, 404);
	assert.equal((await body.get(`/api/v1/registrations/${K.company.rid}/evaluation`)).status, 404);
	assert.equal((await anon.get(`/api/v1/registrations/${K.company.rid}/evaluation`)).status, 401);
});

test('API: the company\'s opinion, except for a VAE and an employee without agreement (R-EVA-3)', async () => {
	let r = await centre.req('PUT', `/api/v1/registrations/${K.vae.rid}/opinion`, { csrf: true, json: opinion() });
	assertRefused(r, 422, 'R-EVA-3');
	assert.match(r.json.error.message, /VAE/);
	r = await centre.req('PUT', `/api/v1/registrations/${K.without.rid}/opinion`, { csrf: true, json: opinion() });
	assertRefused(r, 422, 'R-EVA-3');
	assert.match(r.json.error.message, /sans l'accord de son employeur/);
	const url = `/api/v1/registrations/${K.company.rid}/opinion`;
	assertRefused(await centre.req('PUT', url, { csrf: true, json: opinion({ opinion: 'excellent' }) }), 400, undefined, 'opinion');
	assertRefused(await centre.req('PUT', url, { csrf: true, json: opinion({ author_role: 'voisin' }) }), 400, undefined, 'author_role');
	for (const c of [evaluator, body, jury])
		assertRefused(await c.req('PUT', url, { csrf: true, json: opinion() }), 403);
	assert.equal((await anon.req('PUT', url, { csrf: true, json: opinion() })).status, 401);
	r = await centre.req('PUT', url, { csrf: true, json: opinion({ opinion: 'reserved', author_role: 'manager' }) });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.company_opinion.opinion_label, 'Réservé');
	assert.equal(r.json.company_opinion.author_role_label, 'Responsable hiérarchique');
	assert.equal(r.json.evaluations_complete, true);
});

test('pages: each role\'s access to the evaluation pages', async () => {
	const k = K.company.kid;
	const pages = ['dossier', 'evaluations', 'avis', 'synthese'];
	for (const p of pages) {
		const a = await anon.get(`/candidats/${k}/${p}`);
		assert.equal(a.status, 303, p);
		assert.match(a.headers.get('location'), /^\/connexion\?next=/);
		for (const login of ['admin', 'centre', 'evaluateur']) {
			const c = login === 'centre' ? formCentre : login === 'evaluateur' ? formEvaluator : await formLogin(srv.base, login);
			const r = await c.get(`/candidats/${k}/${p}`);
			assert.equal(r.status, 200, `${login} ${p}`);
		}
		// an evaluator not assigned, a training body that did not register him
		assert.equal((await formEvaluator.get(`/candidats/${K.vae.kid}/${p}`)).status, 404, p);
		const fb = await formLogin(srv.base, 'organisme');
		assert.equal((await fb.get(`/candidats/${k}/${p}`)).status, 404, p);
		const fo = await formLogin(srv.base, 'centreautre', 'un-long-secret');
		assert.equal((await fo.get(`/candidats/${k}/${p}`)).status, 404, p);
		// a jury member has no form to send
		const fj = await formLogin(srv.base, 'jury');
		const j = await fj.get(`/candidats/${k}/${p}`);
		assert.doesNotMatch(j.text, /<form class="stack" method="post" action="\/candidats\//, p);
	}
	assert.equal((await formCentre.get('/candidats/abc/dossier')).status, 404);
	assert.equal((await formCentre.get('/candidats/999999/dossier')).status, 404);
	// the evaluator sees result forms, no dossier nor opinion form
	const ev = await formEvaluator.get(`/candidats/${k}/evaluations`);
	assert.match(ev.text, /action="\/candidats\/\d+\/evaluations"/);
	assert.doesNotMatch((await formEvaluator.get(`/candidats/${k}/dossier`)).text, /action="\/candidats\/\d+\/dossier"/);
	assert.doesNotMatch((await formEvaluator.get(`/candidats/${k}/avis`)).text, /action="\/candidats\/\d+\/avis"/);
	// ... and his refusal when he posts one anyway
	const f = await formEvaluator.post(`/candidats/${k}/avis`, { form: { csrf: formEvaluator.csrf,
		registration: String(K.company.rid), ...opinion(), author_name: 'X' } });
	assert.equal(f.status, 403);
	const fj = await formLogin(srv.base, 'jury');
	const jr = await fj.post(`/candidats/${k}/dossier`, { form: { csrf: fj.csrf, registration: String(K.company.rid) } });
	assert.equal(jr.status, 403);
});

test('forms: the dossier and the commission, errors beside the fields, values kept, POST-redirect-GET', async () => {
	const { kid, rid } = K.without;
	let page = await formCentre.get(`/candidats/${kid}/dossier`);
	assert.equal(page.status, 200);
	assert.match(page.text, /Le dossier d'évaluation n'est pas encore convenu/);
	assert.match(page.text, /Le centre et le candidat/);
	assert.doesNotMatch(page.text, /name="company_signatory"/);   // the candidate agrees (R-EVA-2)
	const csrf = hiddenCsrf(page.text);
	const form = new URLSearchParams({ csrf, registration: String(rid), places: `Atelier ${PROBE}`,
		period_start: TODAY, period_end: NEXT_YEAR, agreed_on: TODAY, centre_signatory: 'Claire Lenoir' });
	for (const c of ALL8.slice(0, 7))
		form.append(`modalities.${c}`, 'real_situation');
	let r = await formCentre.post(`/candidats/${kid}/dossier`, { body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /<fieldset class="block" aria-invalid="true" aria-describedby="err-modalities.C8">/);
	assert.match(r.text, /id="err-modalities.C8" role="alert">Le dossier doit fixer au moins une modalité d&#39;évaluation pour la compétence C8. \(règle R-EVA-2\)/);
	assert.ok(r.text.includes(`Atelier ${ESCAPED}</textarea>`), 'typed places kept, escaped');
	assert.match(r.text, /id="mod-C1-real_situation" name="modalities.C1" value="real_situation" checked>/);
	assert.match(r.text, /id="mod-C8-real_situation" name="modalities.C8" value="real_situation">/);
	// a company signatory for a candidate's agreement
	form.append('modalities.C8', 'project_presentation');
	form.set('company_signatory', 'Paul');
	r = await formCentre.post(`/candidats/${kid}/dossier`, { body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 422);
	assert.match(r.text, /l&#39;entreprise ne signe pas le dossier/);
	// a stale form (another registration's number)
	form.delete('company_signatory');
	form.set('registration', String(K.company.rid));
	r = await formCentre.post(`/candidats/${kid}/dossier`, { body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 409);
	assert.match(r.text, /rechargez la page/);
	// no CSRF
	form.set('registration', String(rid));
	form.set('csrf', '00');
	r = await formCentre.post(`/candidats/${kid}/dossier`, { body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 403);
	form.set('csrf', csrf);
	r = await formCentre.post(`/candidats/${kid}/dossier`, { body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 303, r.text);
	assert.equal(r.headers.get('location'), `/candidats/${kid}/dossier?fait=dossier`);
	page = await formCentre.get(r.headers.get('location'));
	assert.match(page.text, /<p class="notice" role="status">Le dossier d&#39;évaluation est convenu.<\/p>/);
	assert.ok(page.text.includes(`<p>Atelier ${ESCAPED}</p>`));
	assert.match(page.text, /<tr><th scope="row">C8<\/th><td><ul class="competences"><li>Présentation de projets/);

	// the commission through the forms
	r = await formCentre.post(`/candidats/${kid}/evaluateurs`, { form: { csrf, registration: String(rid), login: 'evaluateur' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(r.headers.get('location'));
	assert.match(page.text, /L&#39;évaluateur est affecté à la commission d&#39;évaluation/);
	assert.match(page.text, /<p class=\"draft\" role=\"status\">La commission d'évaluation compte 1 membre : elle doit en réunir plusieurs \(R-EVA-5\)/);
	assert.match(page.text, /<option value="eval2">/);
	r = await formCentre.post(`/candidats/${kid}/evaluateurs`, { form: { csrf, registration: String(rid), login: 'evaluateur' } });
	assert.equal(r.status, 409);
	assert.match(r.text, /déjà membre de la commission/);
	r = await formCentre.post(`/candidats/${kid}/evaluateurs`, { form: { csrf, registration: String(rid), login: 'eval2' } });
	assert.equal(r.status, 303);
	page = await formCentre.get(`/candidats/${kid}/dossier`);
	assert.doesNotMatch(page.text, /elle doit en réunir plusieurs/);
	r = await formCentre.post(`/candidats/${kid}/evaluateurs/retrait`, { form: { csrf, registration: String(rid), login: 'eval2' } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/candidats/${kid}/dossier?fait=retrait`);
});

test('forms: results competence by competence, the company\'s opinion or why there is none', async () => {
	const { kid, rid } = K.without;
	let page = await formEvaluator.get(`/candidats/${kid}/evaluations`);
	assert.equal(page.status, 200);
	assert.match(page.text, /<select id="C1-modality" name="modality" required><option value="real_situation">/);
	const csrf = hiddenCsrf(page.text);
	const post = (extra) => formEvaluator.post(`/candidats/${kid}/evaluations`, { form: { csrf,
		registration: String(rid), ...result('C2'), ...extra } });
	// a modality the dossier did not choose: beside the modality of C2's form
	let r = await post({ modality: 'reconstituted_situation', appraisal: PROBE });
	assert.equal(r.status, 422);
	assert.match(r.text, /<select id="C2-modality" name="modality" required aria-invalid="true" aria-describedby="err-C2-modality">/);
	assert.match(r.text, /id="err-C2-modality" role="alert">La modalité « Évaluation à partir d&#39;une situation professionnelle reconstituée » n&#39;est pas l&#39;une de celles que le dossier/);
	assert.ok(r.text.includes(`${ESCAPED}</textarea>`), 'typed appraisal kept, escaped');
	assert.doesNotMatch(r.text, /aria-describedby="err-C1-modality"/);
	r = await post({ criteria: 'Ligne un\r\nLigne deux' });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/candidats/${kid}/evaluations?fait=resultat#competence-C2`);
	page = await formEvaluator.get(r.headers.get('location'));
	assert.match(page.text, /Le résultat est enregistré/);
	assert.match(page.text, /<p>Ligne un<br>Ligne deux<\/p>/);
	// not assigned: refused
	const fe2 = await formLogin(srv.base, 'eval2', 'un-long-secret');
	assert.equal((await fe2.post(`/candidats/${kid}/evaluations`, { form: { csrf: fe2.csrf, registration: String(rid), ...result('C2') } })).status, 404);

	// the opinion: none for an employee without agreement, nor a VAE
	page = await formCentre.get(`/candidats/${kid}/avis`);
	assert.match(page.text, /Aucun avis de l'entreprise n'est requis pour cette inscription \(R-EVA-3\) : Le salarié agit sans l&#39;accord de son employeur/);
	assert.doesNotMatch(page.text, /action="\/candidats\/\d+\/avis"/);
	r = await formCentre.post(`/candidats/${kid}/avis`, { form: { csrf: formCentre.csrf, registration: String(rid), ...opinion() } });
	assert.equal(r.status, 422);
	assert.match(r.text, /\(règle R-EVA-3\)/);
	// for an employee with his company: the form, then the recorded opinion
	const f = K.form;
	page = await formCentre.get(`/candidats/${f.kid}/avis`);
	assert.match(page.text, /<input type="text" id="author_name" name="author_name" value="Paul Durand"/);
	r = await formCentre.post(`/candidats/${f.kid}/avis`, { form: { csrf: formCentre.csrf, registration: String(f.rid), ...opinion({ opinion: '', comment: PROBE }) } });
	assert.equal(r.status, 400);
	assert.match(r.text, /id="err-opinion" role="alert">Avis : favourable/);
	assert.ok(r.text.includes(`${ESCAPED}</textarea>`));
	r = await formCentre.post(`/candidats/${f.kid}/avis`, { form: { csrf: formCentre.csrf, registration: String(f.rid), ...opinion({ opinion: 'unfavourable' }) } });
	assert.equal(r.status, 303);
	page = await formCentre.get(r.headers.get('location'));
	assert.match(page.text, /L&#39;avis de l&#39;entreprise est enregistré/);
	assert.match(page.text, /<dt>Avis<\/dt><dd>Défavorable<\/dd>/);
});

test('the synthesis of evaluations: blocks, results, opinion, kept blocks, derived status', async () => {
	const { kid } = K.company;
	let r = await cli(['candidate', 'acquired', String(K.vae.kid), '--certification', 'RNCP28235',
		'--unit', 'RNCP28235BC03', '--jury-date', '2024-06-10']);
	assert.equal(r.code, 0, r.stderr);
	const page = await formCentre.get(`/candidats/${kid}/synthese`);
	assert.equal(page.status, 200);
	assert.match(page.text, /<a href="\/candidats\/\d+\/synthese.pdf">Télécharger la synthèse \(PDF\)<\/a>/);
	assert.match(page.text, /RNCP28235 — Coordonnateur\(trice\) du développement des ressources humaines/);
	assert.match(page.text, /<h2>Bloc RNCP28235BC04 — [^<]*<\/h2>\n<p>État : <strong>Non acquis<\/strong>/);
	assert.match(page.text, /<h2>Bloc RNCP28235BC01 — [^<]*<\/h2>\n<p>État : <strong>Acquis<\/strong>/);
	assert.ok(page.text.includes(ESCAPED), 'the appraisal, escaped');
	assert.ok(!page.text.includes(PROBE));
	assert.match(page.text, /Évaluateur de la commission d&#39;évaluation/);
	assert.match(page.text, /<dt>Avis<\/dt><dd>Réservé<\/dd>/);
	assert.match(page.text, /<dt>Statut dérivé \(R-EVA-6\)<\/dt><dd><strong>Non acquis<\/strong><\/dd>/);
	assert.match(page.text, /<dt>Évaluations<\/dt><dd>complètes<\/dd>/);
	// a VAE: no opinion expected, and the block kept from an earlier jury
	const vae = await formCentre.get(`/candidats/${K.vae.kid}/synthese`);
	assert.match(vae.text, /Non requis \(R-EVA-3\) : L&#39;avis de l&#39;entreprise ne fait pas partie de l&#39;évaluation d&#39;une VAE/);
	assert.match(vae.text, /<tr><td>RNCP28235<\/td><td>RNCP28235BC03<\/td><td>10\/06\/2024<\/td><td>sans limite<\/td><\/tr>/);
	assert.match(vae.text, /acquis au jury du 10\/06\/2024, conservé sans limite \(R-LET-3\)/);
	// the evaluator assigned reads it too; the body does not
	assert.equal((await formEvaluator.get(`/candidats/${kid}/synthese`)).status, 200);
});

test('CLI: evaluation plan|assign|unassign|record|opinion, exit codes and messages', async () => {
	const { rid } = await register('Girard', COMPANY);
	const M = ALL8.map((c) => `${c}=real_situation`).join(';');
	const plan = ['evaluation', 'plan', String(rid), '--places', 'Atelier', '--from', TODAY, '--to', NEXT_YEAR,
		'--agreed-on', TODAY, '--centre-signatory', 'Claire Lenoir'];
	let r = await cli([...plan, '--modalities', M]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé \(R-EVA-2\) : Les modalités sont convenues entre le centre et l'entreprise/m);
	r = await cli([...plan, '--modalities', 'C1=real_situation', '--company-signatory', 'Paul Durand']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-EVA-2\) : Le dossier doit fixer au moins une modalité d'évaluation pour la compétence C2/);
	r = await cli([...plan, '--modalities', 'C1', '--company-signatory', 'Paul Durand']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /--modalities : « C1 » ne suit pas la forme/);
	r = await cli([...plan, '--modalities', M, '--company-signatory', 'Paul Durand']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, new RegExp(`Dossier d'évaluation de l'inscription n° ${rid} convenu`));
	r = await cli(['evaluation', 'assign', String(rid), 'evaluateur']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stderr, /attention : la commission d'évaluation compte 1 membre ; elle doit en réunir plusieurs \(R-EVA-5\)/);
	r = await cli(['--json', 'evaluation', 'assign', String(rid), 'eval2']);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(JSON.parse(r.stdout), { registration: rid, login: 'eval2', members: 2, complete: true });
	assert.equal(r.stderr, '');
	r = await cli(['evaluation', 'assign', String(rid), 'jury']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-EVA-5\)/);
	r = await cli(['evaluation', 'unassign', String(rid), 'eval2']);
	assert.equal(r.code, 0, r.stderr);
	const record = ['evaluation', 'record', String(rid), '--competence', 'C1', '--result', 'acquired',
		'--criteria', 'Méthodes', '--appraisal', 'Complet', '--date', TODAY];
	r = await cli([...record, '--modality', 'project_presentation']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-EVA-2\) : La modalité « Présentation de projets/);
	r = await cli([...record, '--modality', 'real_situation']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /Résultat de la compétence C1 enregistré/);
	r = await cli(['evaluation', 'opinion', String(K.vae.rid), '--opinion', 'favourable', '--author', 'Paul',
		'--role', 'tutor', '--date', TODAY]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-EVA-3\) : L'avis de l'entreprise ne fait pas partie de l'évaluation d'une VAE/);
	r = await cli(['evaluation', 'opinion', String(rid), '--opinion', 'favourable', '--author', 'Paul',
		'--role', 'tutor', '--date', TODAY, '--comment', 'Bien']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['evaluation', 'record', 'x', '--competence', 'C1']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /« x » n'est pas un numéro d'inscription/);
	for (const args of [['evaluation'], ['evaluation', 'frobnicate', '1'], ['evaluation', 'assign', '1'],
		['evaluation', 'plan', '1'], ['evaluation', 'record', '1', '--bogus']]) {
		r = await cli(args);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /usage|inconnue/);
	}
	r = await cli(['--json', 'candidate', 'show', String(K.company.kid)]);
	const reg = JSON.parse(r.stdout).registration;
	for (const key of ['dossier', 'evaluators', 'company_opinion', 'evaluations_complete'])
		assert.ok(key in reg, key);
});

test('a training body reads the evaluation of the candidates it registered, and writes none of it', async () => {
	const SIRET = '11004301500012';
	await habilitateBody(srv.db, SIRET, 'Organisme habilité', { date: TODAY, account: 'organisme' });
	const { kid, rid } = await register('Fournier', [...COMPANY.map((v) => v === 'company' ? 'training_body' : v),
		'--body', SIRET]);
	const b = await apiLogin(srv.base, 'organisme');
	let r = await b.get(`/api/v1/registrations/${rid}/evaluation`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json.registration.dossier, null);
	assert.deepEqual(r.json.registration.evaluators, []);
	assertRefused(await b.req('PUT', `/api/v1/registrations/${rid}/dossier`, { csrf: true, json: dossier() }), 403);
	assertRefused(await b.post(`/api/v1/registrations/${rid}/evaluators`, { csrf: true, json: { login: 'evaluateur' } }), 403);
	assertRefused(await b.post(`/api/v1/registrations/${rid}/evaluations`, { csrf: true, json: result('C1') }), 403);
	assertRefused(await b.req('PUT', `/api/v1/registrations/${rid}/opinion`, { csrf: true, json: opinion() }), 403);
	const fb = await formLogin(srv.base, 'organisme');
	for (const p of ['dossier', 'evaluations', 'avis', 'synthese']) {
		const page = await fb.get(`/candidats/${kid}/${p}`);
		assert.equal(page.status, 200, p);
		assert.doesNotMatch(page.text, /<form class="stack" method="post" action="\/candidats\//, p);
	}
	r = await fb.post(`/candidats/${kid}/dossier`, { form: { csrf: fb.csrf, registration: String(rid),
		places: 'x', 'modalities.C1': 'real_situation' } });
	assert.equal(r.status, 403);
	// still not the others' candidates
	assert.equal((await b.get(`/api/v1/registrations/${K.company.rid}/evaluation`)).status, 404);
});
