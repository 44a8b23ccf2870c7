// Candidates and registrations through the pages and the API (R-INS-1,
// R-INS-3, R-CAT-6, R-HAB-2, R-LET-3): registration and each refusal with
// its rule id, field errors beside the fields with the typed values kept,
// escaping of every text field, the work list and its CSV export, the
// candidate's page and file (the API's equals the CLI's), the units kept
// from an earlier jury, the training bodies' accounts, and what each role
// may see and do.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, runCli, DEMO_CENTRE,
	siret, addCentre } from './server.mjs';

const PROBE = `<script>alert(1)</script>"'&`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const DEMO_BODY = '98765432100015';       // habilitated by UIMM-DEMO (svc_setup.c)
const OTHER_CENTRE = 'AUTRE-CAND';

const NOT_HABILITATED = siret('5550000000001');

/* A candidate and an employee's registration (API keys = struct fields). */
function person(birth_name, first_names, birth_date, extra = {}) {
	return { birth_name, first_names, sex: 'F', birth_date, birth_town: 'Lyon',
		birth_insee: '69123', birth_department: '69', ...extra };
}
function employee(certification, extra = {}) {
	return { centre: DEMO_CENTRE, certification, route: 'continuing', registrant: 'company',
		origin: 'SL', funding: 'PDC', company_name: 'Forges de Lyon',
		company_siret: '73282932000074', company_naf: '25.62B', sector: 'M', ...extra };
}
/* The same as form fields. */
function formOf(c, r, csrf) {
	return { csrf, ...c, ...r };
}

let srv, admin, centre, body, evaluator, jury, fCentre, fBody, fAdmin, fJury, fEval, otherId;
before(async () => {
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	centre = await apiLogin(srv.base, 'centre');
	body = await apiLogin(srv.base, 'organisme');
	evaluator = await apiLogin(srv.base, 'evaluateur');
	jury = await apiLogin(srv.base, 'jury');
	fCentre = await formLogin(srv.base, 'centre');
	fBody = await formLogin(srv.base, 'organisme');
	fAdmin = await formLogin(srv.base, 'admin');
	fJury = await formLogin(srv.base, 'jury');
	fEval = await formLogin(srv.base, 'evaluateur');
	// another centre and one of its candidates
	await addCentre(admin, OTHER_CENTRE, 'Autre centre');
	let r = await admin.post('/api/v1/candidates', { csrf: true, json: {
		candidate: person('Lointain', 'Odile', '1985-05-05'),
		registration: employee('RNCP28235', { centre: OTHER_CENTRE }) } });
	assert.equal(r.status, 201, r.text);
	otherId = r.json.candidate;
	// a body no centre has habilitated
	r = await admin.post('/api/v1/organisations', { csrf: true, json: { siret: NOT_HABILITATED, name: 'Organisme non habilité' } });
	assert.equal(r.status, 201, r.text);
});
after(async () => { await stopAndCheck(srv); });

test('registration through the form: every group of fields, then the candidate page', async () => {
	const page = await fCentre.get('/candidats/nouveau');
	assert.equal(page.status, 200);
	for (const legend of ['Candidat', 'Naissance', 'Coordonnées', 'Certification visée', "Voie d'accès",
		'Inscription faite par', 'Origine du candidat', 'Financement', 'Organisme de formation',
		'Entreprise', 'Tuteur', "Sans l'accord de l'employeur", 'Aménagements (R-EVA-4)', 'Date'])
		assert.match(page.text, new RegExp(`<legend>${legend.replace(/[()]/g, '\\$&')}`), legend);
	// the branch's CQPM, not the draft; their blocks to tick
	assert.match(page.text, /<option value="RNCP28235">CQPM RNCP28235 — /);
	assert.doesNotMatch(page.text, /<option value="PROJET-CHARGE-RH"/);
	assert.match(page.text, /<input type="checkbox" id="bl-RNCP28235BC02" name="blocks" value="RNCP28235BC02">/);
	assert.match(page.text, new RegExp(`<option value="${DEMO_BODY}">Institut de formation de démonstration`));
	const form = [...Object.entries(formOf(
		person('Fontaine', 'Claire Anne', '1994-02-03', { email: 'claire.fontaine@exemple.fr', phone: '06 11 22 33 44',
			address: '4 rue Haute', postal_code: '69001', city: 'Lyon' }),
		employee('RNCP28235', { route: 'professionalisation', funding: 'PA', tutor: 'Marc Tuteur',
			accommodations: 'Tiers temps', body_siret: DEMO_BODY, company_address: '1 quai Bas' }),
		fCentre.csrf)), ['blocks', 'RNCP28235BC01'], ['blocks', 'RNCP28235BC03']].filter(([k]) => k !== 'centre');
	const r = await fCentre.post('/candidats/nouveau', { form });
	assert.equal(r.status, 303, r.text);
	const m = /^\/candidats\/(\d+)\?fait=inscription$/.exec(r.headers.get('location'));
	assert.ok(m, r.headers.get('location'));
	const id = m[1];
	const show = await fCentre.get(`/candidats/${id}?fait=inscription`);
	assert.equal(show.status, 200);
	assert.match(show.text, /<h1>Fontaine Claire Anne<\/h1>/);
	assert.match(show.text, /<p class="notice" role="status">Le candidat est inscrit\.<\/p>/);
	assert.match(show.text, /<dt>Certification<\/dt><dd><a href="\/certifications\/RNCP28235">RNCP28235<\/a>/);
	assert.match(show.text, /<tr><td>RNCP28235BC01<\/td>/);
	assert.match(show.text, /<tr><td>RNCP28235BC03<\/td>/);
	assert.doesNotMatch(show.text, /<tr><td>RNCP28235BC02<\/td>/);
	assert.match(show.text, /<dt>Tuteur<\/dt><dd>Marc Tuteur<\/dd>/);
	assert.match(show.text, /<dt>Aménagements \(R-EVA-4\)<\/dt><dd>Tiers temps<\/dd>/);
	assert.match(show.text, new RegExp(`<a href="/organismes/${DEMO_BODY}">Institut de formation de démonstration</a>`));
	for (const link of ['dossier', 'evaluations', 'avis', 'synthese', 'synthese.pdf', 'documents'])
		assert.match(show.text, new RegExp(`href="/candidats/${id}/${link.replace('.', '\\.')}"`), link);
	assert.doesNotMatch(show.text, new RegExp(`href="/candidats/${id}/vae"`));
	// and in the work list
	const list = await fCentre.get('/candidats?q=fontaine');
	assert.match(list.text, /1 inscription trouvée\./);
	assert.match(list.text, new RegExp(`<tr><td><a href="/candidats/${id}">${id}</a></td><td>Fontaine</td><td>Claire Anne</td><td>03/02/1994</td>` +
		`<td><a href="/certifications/RNCP28235" title="[^"]+">RNCP28235</a> Coordonnateur\\(trice\\)[^<]*</td>` +
		`<td>BC01, BC03</td><td>En contrat de professionnalisation</td><td>\\d\\d/\\d\\d/\\d{4}</td><td>Inscription en cours</td></tr>`));
	// the VAE route links to the VAE page
	const vae = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: person('Vauclair', 'Jean', '1970-01-02'),
		registration: { certification: 'RNCP28236', route: 'vae', vae_kind: 'branch', registrant: 'candidate',
			origin: 'SL', funding: 'CVAE' } } });
	assert.equal(vae.status, 201, vae.text);
	const vp = await fCentre.get(`/candidats/${vae.json.candidate}`);
	assert.match(vp.text, new RegExp(`href="/candidats/${vae.json.candidate}/vae"`));
});

test('registration through the API; the file is the CLI\'s, key for key', async () => {
	const r = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: person('Garnier', 'Hugo', '1999-12-31', { usage_name: 'Roche' }),
		registration: employee('RNCP28235', { blocks: ['RNCP28235BC02', 'RNCP28235BC04'], tutor: 'Paul Durand' }) } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.headers.get('location'), `/api/v1/candidates/${r.json.candidate}`);
	const api = await centre.get(`/api/v1/candidates/${r.json.candidate}`);
	assert.equal(api.status, 200);
	assert.equal(api.json.identity.usage_name, 'Roche');
	assert.deepEqual(api.json.registration.blocks.map((b) => b.code), ['RNCP28235BC02', 'RNCP28235BC04']);
	const cli = await runCli(['--db', srv.db, 'candidate', 'show', String(r.json.candidate), '--json']);
	assert.equal(cli.code, 0, cli.stderr);
	assert.deepEqual(api.json, JSON.parse(cli.stdout));
	// the list
	const list = await centre.get('/api/v1/candidates?q=garnier');
	assert.equal(list.status, 200);
	assert.equal(list.json.total, 1);
	assert.equal(list.json.page, 1);
	assert.equal(list.json.per_page, 50);
	assert.deepEqual(list.json.items[0], {
		candidate: r.json.candidate, registration: r.json.registration, birth_name: 'Garnier',
		usage_name: 'Roche', first_names: 'Hugo', birth_date: '1999-12-31', centre: DEMO_CENTRE,
		certification: 'RNCP28235', certification_title: api.json.registration.certification.title,
		blocks: 'RNCP28235BC02 RNCP28235BC04', route: 'continuing', registrant: 'company',
		training_body: null, company_siret: '73282932000074',
		registered_on: api.json.registration.registered_on, status: 'active', next_jury: null });
	// malformed bodies
	let bad = await centre.post('/api/v1/candidates', { csrf: true, json: { candidate: person('A', 'B', '1990-01-01') } });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.field, 'registration');
	bad = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: { ...person('A', 'B', '1990-01-01'), nickname: 'x' }, registration: employee('RNCP28235') } });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.field, 'nickname');
	bad = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: person('A', 'B', '1990-01-01'), registration: employee('RNCP28235', { without_agreement: 'oui' }) } });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.field, 'without_agreement');
	bad = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: { ...person('A', 'B', '1990-01-01'), birth_date: 19900101 }, registration: employee('RNCP28235') } });
	assert.equal(bad.status, 400);
	assert.equal(bad.json.error.field, 'birth_date');
	assert.equal((await centre.get('/api/v1/candidates/abc')).status, 404);
	assert.equal((await centre.get('/api/v1/candidates/999999')).status, 404);
	const nojson = await centre.post('/api/v1/candidates', { csrf: true, form: { a: 'b' } });
	assert.equal(nojson.status, 415);
});

/* A CSV export as bytes (fetch's text() would drop the byte order mark)
** and as text with it. */
async function csv(client, p) {
	const res = await fetch(srv.url(p), { headers: { Cookie: client.cookieHeader() }, redirect: 'manual' });
	const raw = Buffer.from(await res.arrayBuffer());
	return { status: res.status, headers: res.headers, raw,
		text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw) };
}

/* Refused by the API: 422 with the rule and the field. */
async function refusedApi(client, candidate, registration, rule, field) {
	const r = await client.post('/api/v1/candidates', { csrf: true, json: { candidate, registration } });
	assert.equal(r.status, 422, r.text);
	assert.equal(r.json.error.code, 'rule');
	assert.equal(r.json.error.rule, rule);
	assert.equal(r.json.error.field, field);
	return r;
}

/* Refused by the form: 422, the rule at the top, the message beside the
** field, the typed values kept. */
async function refusedForm(client, candidate, registration, rule, field) {
	const r = await client.post('/candidats/nouveau', { form: formOf(candidate, registration, client.csrf) });
	assert.equal(r.status, 422, r.text.slice(0, 500));
	assert.match(r.text, new RegExp(`<p class="error" role="alert">Inscription refusée \\(règle ${rule}\\) : `));
	assert.match(r.text, new RegExp(`id="${field}" name="${field}"[^>]* aria-invalid="true" aria-describedby="err-${field}">` +
		`(<option[^]*?</select>)?<span class="field-error" id="err-${field}" role="alert">[^<]+ \\(règle ${rule}\\)</span>`));
	assert.match(r.text, new RegExp(`<input id="birth_name" name="birth_name" value="${candidate.birth_name}"`));
	assert.match(r.text, new RegExp(`<input id="birth_date" name="birth_date" value="${candidate.birth_date}"`));
	assert.match(r.text, new RegExp(`<option value="${registration.certification}" selected>`));
	return r;
}

test('each refusal with its rule id, through the form and the API', async () => {
	const c = person('Refus', 'Rémi', '1991-01-01');
	// R-INS-3: RNCP28242 is not open to individual candidacy
	const individual = employee('RNCP28242', { route: 'individual', registrant: 'candidate' });
	await refusedApi(centre, c, individual, 'R-INS-3', 'route');
	await refusedForm(fCentre, c, individual, 'R-INS-3', 'route');
	// R-CAT-6: the draft referential
	await refusedApi(centre, c, employee('PROJET-CHARGE-RH'), 'R-CAT-6', 'certification');
	await refusedForm(fCentre, c, employee('PROJET-CHARGE-RH'), 'R-CAT-6', 'certification');
	// R-HAB-2: a body the centre has not habilitated
	const unhabilitated = employee('RNCP28235', { registrant: 'training_body', body_siret: NOT_HABILITATED });
	await refusedApi(centre, c, unhabilitated, 'R-HAB-2', 'body_siret');
	const hab = await refusedForm(fCentre, c, unhabilitated, 'R-HAB-2', 'body_siret');
	assert.match(hab.text, new RegExp(`<input id="body_siret" name="body_siret" value="${NOT_HABILITATED}"`));
	// R-INS-1: a job seeker comes without a company
	const seeker = employee('RNCP28235', { origin: 'DE', registrant: 'candidate' });
	await refusedApi(centre, c, seeker, 'R-INS-1', 'company_name');
	const de = await refusedForm(fCentre, c, seeker, 'R-INS-1', 'company_name');
	assert.match(de.text, /<option value="DE" selected>/);
	assert.match(de.text, /<input id="company_siret" name="company_siret" value="73282932000074"/);
	// R-INS-1: a second active registration for the same certification
	const ok = await centre.post('/api/v1/candidates', { csrf: true, json: { candidate: c, registration: employee('RNCP28236') } });
	assert.equal(ok.status, 201, ok.text);
	await refusedApi(centre, c, employee('RNCP28236'), 'R-INS-1', 'certification');
	await refusedForm(fCentre, c, employee('RNCP28236'), 'R-INS-1', 'certification');
	// the same person, typed otherwise, is the same candidate
	const again = await refusedApi(centre, { ...c, birth_name: 'REFUS', first_names: 'Remi' }, employee('RNCP28236'),
		'R-INS-1', 'certification');
	assert.match(again.json.error.message, /déjà inscrit/);
	const other = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: { ...c, birth_name: 'REFUS', first_names: 'Remi' }, registration: employee('RNCP28242') } });
	assert.equal(other.status, 201);
	assert.equal(other.json.candidate, ok.json.candidate);
});

test('field errors beside the fields, every typed value kept', async () => {
	const c = person('Champ', 'Lucie', '1992-02-02', { usage_name: 'Usage', email: 'lucie@exemple.fr',
		phone: '01 02 03 04 05', address: '5 rue Basse', postal_code: '69002', city: 'Lyon' });
	const r = employee('RNCP28235', { company_siret: '73282932000075', tutor: 'Tuteur Ici',
		accommodations: 'Salle au rez-de-chaussée', sector: 'HM', sector_branch: 'Plasturgie', date: '2026-01-05' });
	const form = [...Object.entries(formOf(c, r, fCentre.csrf)), ['blocks', 'RNCP28235BC04'], ['without_agreement', '1']]
		.filter(([k]) => k !== 'centre');
	const res = await fCentre.post('/candidats/nouveau', { form });
	assert.equal(res.status, 400);
	assert.match(res.text, /<p class="error" role="alert">L'inscription n'est pas enregistrée : SIRET de l&#39;entreprise : /);
	assert.match(res.text, /<input id="company_siret" name="company_siret" value="73282932000075" [^>]*aria-invalid="true" aria-describedby="err-company_siret"><span class="field-error" id="err-company_siret" role="alert">SIRET de l&#39;entreprise : [^<]+<\/span>/);
	for (const [k, v] of Object.entries({ birth_name: 'Champ', usage_name: 'Usage', first_names: 'Lucie',
		birth_date: '1992-02-02', birth_town: 'Lyon', birth_insee: '69123', birth_department: '69',
		email: 'lucie@exemple.fr', phone: '01 02 03 04 05', address: '5 rue Basse', postal_code: '69002',
		city: 'Lyon', company_name: 'Forges de Lyon', company_naf: '25.62B', sector_branch: 'Plasturgie',
		tutor: 'Tuteur Ici', date: '2026-01-05' }))
		assert.match(res.text, new RegExp(`<input id="${k}" name="${k}" value="${v}"`), k);
	for (const [k, v] of Object.entries({ sex: 'F', certification: 'RNCP28235', route: 'continuing',
		registrant: 'company', origin: 'SL', funding: 'PDC', sector: 'HM' }))
		assert.match(res.text, new RegExp(`<select id="${k}" name="${k}"[^>]*>(<option value="[^"]*"( selected)?>[^<]*</option>)*<option value="${v}" selected>`), k);
	assert.match(res.text, /<textarea id="accommodations" name="accommodations" rows="3" maxlength="1000">Salle au rez-de-chaussée<\/textarea>/);
	assert.match(res.text, /name="blocks" value="RNCP28235BC04" checked>/);
	assert.match(res.text, /name="without_agreement" value="1" checked>/);
	// another field: the birth date
	const bd = await fCentre.post('/candidats/nouveau', { form: formOf({ ...c, birth_date: '1992-02-30' }, employee('RNCP28235'), fCentre.csrf) });
	assert.equal(bd.status, 400);
	assert.match(bd.text, /<input id="birth_date" name="birth_date" value="1992-02-30" type="date" required aria-invalid="true" aria-describedby="err-birth_date"><span class="field-error" id="err-birth_date" role="alert">date de naissance : /);
	// a block of another certification
	const bl = await fCentre.post('/candidats/nouveau', { form: [...Object.entries(formOf(c, employee('RNCP28235'), fCentre.csrf)),
		['blocks', 'RNCP28236BC01']].filter(([k]) => k !== 'centre') });
	assert.equal(bl.status, 400);
	assert.match(bl.text, /<fieldset class="blocks" aria-invalid="true" aria-describedby="err-blocks"><legend>[^<]+<\/legend>\n<span class="field-error" id="err-blocks" role="alert">Blocs : RNCP28236BC01 n&#39;est pas un bloc de la certification RNCP28235\.<\/span>/);
	assert.match(bl.text, /name="blocks" value="RNCP28236BC01" checked>/);
	// without the token: refused, nothing written
	const nocsrf = await fCentre.post('/candidats/nouveau', { form: formOf(c, employee('RNCP28235'), 'faux') });
	assert.equal(nocsrf.status, 403);
	assert.equal((await centre.get('/api/v1/candidates?q=champ')).json.total, 0);
});

test('XSS probes in every text field of the form and on the pages that show them', async () => {
	const text = ['birth_name', 'usage_name', 'first_names', 'birth_town', 'birth_insee', 'birth_department',
		'birth_country', 'email', 'phone', 'address', 'postal_code', 'city', 'certification', 'body_siret',
		'company_name', 'company_siret', 'company_naf', 'sector_branch', 'company_address', 'tutor',
		'accommodations', 'date', 'route', 'registrant', 'origin', 'funding', 'sex', 'vae_kind', 'sector', 'blocks'];
	const form = Object.fromEntries(text.map((k) => [k, `${k} ${PROBE}`]));
	const r = await fCentre.post('/candidats/nouveau', { form: { csrf: fCentre.csrf, ...form } });
	assert.equal(r.status, 400);
	assert.doesNotMatch(r.text, /<script/i);
	for (const k of ['birth_name', 'usage_name', 'first_names', 'birth_town', 'birth_insee', 'birth_department',
		'birth_country', 'email', 'phone', 'address', 'postal_code', 'city', 'body_siret', 'company_name',
		'company_siret', 'company_naf', 'sector_branch', 'company_address', 'tutor', 'date'])
		assert.ok(r.text.includes(`name="${k}" value="${k} ${ESCAPED}"`), k);
	assert.ok(r.text.includes(`>accommodations ${ESCAPED}</textarea>`));
	assert.ok(r.text.includes(`<option value="certification ${ESCAPED}" selected>`));
	// accepted text: escaped on the candidate page and in the list
	const c = person(`Nom ${PROBE}`, `Prénom ${PROBE}`, '1993-03-03', { usage_name: `Usage ${PROBE}`,
		address: `Adresse ${PROBE}`, city: `Ville ${PROBE}`, birth_town: `Lyon ${PROBE}` });
	const ok = await fCentre.post('/candidats/nouveau', { form: formOf(c, employee('RNCP28235', {
		company_name: `Entreprise ${PROBE}`, company_address: `Rue ${PROBE}`, tutor: `Tuteur ${PROBE}`,
		accommodations: `Aménagement ${PROBE}`, sector: 'HM', sector_branch: `Branche ${PROBE}` }), fCentre.csrf) });
	assert.equal(ok.status, 303, ok.text.slice(0, 400));
	const id = /\/candidats\/(\d+)/.exec(ok.headers.get('location'))[1];
	const page = await fCentre.get(`/candidats/${id}`);
	assert.doesNotMatch(page.text, /<script/i);
	for (const t of ['Nom', 'Prénom', 'Usage', 'Adresse', 'Ville', 'Lyon', 'Entreprise', 'Rue', 'Tuteur', 'Aménagement', 'Branche'])
		assert.ok(page.text.includes(`${t} ${ESCAPED}`), t);
	assert.ok(page.text.includes(`<title>Nom ${ESCAPED} Prénom ${ESCAPED} — cqpm</title>`));
	const list = await fCentre.get(`/candidats?q=${encodeURIComponent(PROBE + ' nom')}`);
	assert.equal(list.status, 200);
	assert.doesNotMatch(list.text, /<script/i);
	assert.ok(list.text.includes(`<td>Nom ${ESCAPED} / Usage ${ESCAPED}</td><td>Prénom ${ESCAPED}</td>`));
	assert.ok(list.text.includes(`value="${ESCAPED} nom"`));
	// the filters as typed, escaped, and their errors
	const bad = await fCentre.get(`/candidats?company=${encodeURIComponent(PROBE)}&next_jury=${encodeURIComponent(PROBE)}`);
	assert.equal(bad.status, 400);
	assert.doesNotMatch(bad.text, /<script/i);
	assert.ok(bad.text.includes(`name="company" value="${ESCAPED}"`));
});

test('the roles: public and jury refused; evaluator none; body its own; centre its own; admin all', async () => {
	const anon = new Client(srv.base);
	let r = await anon.get('/candidats');
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), '/connexion?next=%2Fcandidats');
	assert.equal((await anon.get('/candidats.csv')).status, 303);
	assert.equal((await anon.get('/candidats/1')).status, 303);
	assert.equal((await anon.get('/candidats/nouveau')).status, 303);
	r = await anon.get('/api/v1/candidates');
	assert.equal(r.status, 401);
	assert.equal((await anon.get('/api/v1/candidates/1')).status, 401);
	// the jury
	for (const p of ['/candidats', '/candidats.csv', '/candidats/1', '/candidats/nouveau'])
		assert.equal((await fJury.get(p)).status, 403, p);
	assert.equal((await jury.get('/api/v1/candidates')).status, 403);
	assert.equal((await jury.get('/api/v1/candidates/1')).status, 403);
	r = await jury.post('/api/v1/candidates', { csrf: true, json: { candidate: person('J', 'J', '1990-01-01'), registration: employee('RNCP28235') } });
	assert.equal(r.status, 403);
	r = await fJury.post('/candidats/nouveau', { form: formOf(person('J', 'J', '1990-01-01'), employee('RNCP28235'), fJury.csrf) });
	assert.equal(r.status, 403);
	// the evaluator: only those assigned to him, none by default
	r = await evaluator.get('/api/v1/candidates');
	assert.equal(r.status, 200);
	assert.equal(r.json.total, 0);
	assert.deepEqual(r.json.items, []);
	assert.equal((await evaluator.get('/api/v1/candidates/1')).status, 404);
	assert.equal((await fEval.get('/candidats/1')).status, 404);
	assert.match((await fEval.get('/candidats')).text, /0 inscription trouvée\./);
	assert.equal((await fEval.get('/candidats/nouveau')).status, 403);
	// the training body: its own (the demo's Petit), not the centre's
	r = await body.get('/api/v1/candidates');
	assert.equal(r.status, 200);
	assert.ok(r.json.total >= 1);
	assert.ok(r.json.items.every((i) => i.training_body === DEMO_BODY), JSON.stringify(r.json.items));
	assert.ok(r.json.items.some((i) => i.birth_name === 'Petit'));
	assert.equal((await body.get('/api/v1/candidates/1')).status, 404);
	assert.equal((await fBody.get('/candidats/1')).status, 404);
	// it registers in its own name: the registrant is fixed in the form
	const form = await fBody.get('/candidats/nouveau');
	assert.equal(form.status, 200);
	assert.match(form.text, /<input type="hidden" name="registrant" value="training_body"><p>Inscription faite par l'organisme de formation <strong>Institut de formation de démonstration<\/strong>/);
	assert.doesNotMatch(form.text, /<select id="registrant"/);
	assert.doesNotMatch(form.text, /id="body_siret"/);
	r = await fBody.post('/candidats/nouveau', { form: formOf(person('Organisé', 'Paul', '2000-06-06'),
		employee('RNCP28236', { registrant: 'company', body_siret: NOT_HABILITATED }), fBody.csrf) });
	assert.equal(r.status, 303, r.text.slice(0, 600));
	const kid = /\/candidats\/(\d+)/.exec(r.headers.get('location'))[1];
	const file = await body.get(`/api/v1/candidates/${kid}`);
	assert.equal(file.status, 200);
	assert.equal(file.json.registration.registrant, 'training_body');
	assert.equal(file.json.registration.training_body.siret, DEMO_BODY);
	// the API: registrant other than itself refused with the rule
	await refusedApi(body, person('Organisé', 'Jeanne', '2000-06-07'), employee('RNCP28236'), 'R-HAB-2', 'registrant');
	// the centre: its own only, not another centre's
	r = await centre.get('/api/v1/candidates?per_page=500');
	assert.ok(r.json.items.every((i) => i.centre === DEMO_CENTRE));
	assert.ok(!r.json.items.some((i) => i.candidate === otherId));
	assert.equal((await centre.get(`/api/v1/candidates/${otherId}`)).status, 404);
	assert.equal((await fCentre.get(`/candidats/${otherId}`)).status, 404);
	assert.equal((await centre.get(`/api/v1/candidates?centre=${OTHER_CENTRE}`)).json.total, 0);
	r = await centre.post('/api/v1/candidates', { csrf: true, json: { candidate: person('Ailleurs', 'Zoé', '1990-09-09'),
		registration: employee('RNCP28235', { centre: OTHER_CENTRE }) } });
	assert.equal(r.status, 403);
	// the administrator: every centre, or one
	r = await admin.get('/api/v1/candidates?per_page=500');
	assert.ok(r.json.items.some((i) => i.candidate === otherId));
	assert.ok(r.json.items.some((i) => i.centre === DEMO_CENTRE));
	r = await admin.get(`/api/v1/candidates?centre=${OTHER_CENTRE}`);
	assert.equal(r.json.total, 1);
	assert.equal(r.json.items[0].candidate, otherId);
	assert.equal((await admin.get(`/api/v1/candidates/${otherId}`)).status, 200);
	const page = await fAdmin.get('/candidats');
	assert.match(page.text, new RegExp(`<select id="f-centre" name="centre"><option value="">Tous</option>.*<option value="${OTHER_CENTRE}">`));
	// the navigation
	const nav = async (c) => /<nav aria-label="Navigation principale">(.*?)<\/nav>/s.exec((await c.get('/certifications')).text)[1];
	for (const c of [fAdmin, fCentre, fEval, fBody])
		assert.match(await nav(c), /<li><a href="\/candidats">Candidats<\/a><\/li>/);
	for (const c of [fJury, anon])
		assert.doesNotMatch(await nav(c), /Candidats/);
});

test('work list: search, filters and pages through the page and the API', async () => {
	let r = await centre.get('/api/v1/candidates?q=martin');
	assert.equal(r.json.total, 1);
	assert.equal(r.json.items[0].first_names, 'Chloé');
	r = await centre.get('/api/v1/candidates?q=chlo%C3%A9');   // "chloé", folded
	assert.ok(r.json.items.some((i) => i.birth_name === 'Martin'));
	r = await centre.get('/api/v1/candidates?q=p');
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'q');
	r = await centre.get('/api/v1/candidates?status=admis');
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'status');
	r = await centre.get('/api/v1/candidates?page=x');
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'page');
	r = await centre.get(`/api/v1/candidates?body=${DEMO_BODY}`);
	assert.ok(r.json.total >= 1 && r.json.items.every((i) => i.training_body === DEMO_BODY));
	r = await centre.get('/api/v1/candidates?company=91234567800029');
	assert.equal(r.json.total, 1);
	assert.equal(r.json.items[0].birth_name, 'Benali');
	r = await centre.get('/api/v1/candidates?certification=RNCP28242&status=active');
	assert.ok(r.json.items.length > 0 && r.json.items.every((i) => i.certification === 'RNCP28242'));
	r = await centre.get('/api/v1/candidates?next_jury=2027-03-16');
	assert.equal(r.json.total, 0);
	// pages: newest first, the same total on each
	const all = await centre.get('/api/v1/candidates?per_page=500');
	const p2 = await centre.get('/api/v1/candidates?per_page=2&page=2');
	assert.equal(p2.json.total, all.json.total);
	assert.deepEqual(p2.json.items.map((i) => i.registration), all.json.items.slice(2, 4).map((i) => i.registration));
	const ids = all.json.items.map((i) => i.registration);
	assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
	// the page's pager and filters
	const page = await fCentre.get('/candidats?per_page=2&page=2&status=active');
	assert.match(page.text, /<nav class="pager" aria-label="Pages"><a href="\/candidats\?q=&amp;status=active&amp;[^"]*&amp;page=1&amp;per_page=2">← Page précédente<\/a><span>Page 2 sur \d+<\/span><a href="[^"]*page=3&amp;per_page=2">Page suivante →<\/a><\/nav>/);
	assert.match(page.text, /<option value="active" selected>Inscription en cours<\/option>/);
	assert.match(page.text, /<a href="\/candidats.csv\?q=&amp;status=active&amp;/);
});

test('CSV export: headers, BOM, French columns, escaping and formula cells, scope', async () => {
	const co = siret('4440000000001');
	for (const [c, extra] of [
		[person('=1+2', '-3', '1980-08-08', { usage_name: '@SOMME(A1)' }), {}],
		[person('Guillemets "x"', 'Jean; Pierre', '1981-08-08', { usage_name: '+33' }), { tutor: 'a' }],
		[person('Ligne', 'Deux\nLignes', '1982-08-08'), {}],
	]) {
		const r = await centre.post('/api/v1/candidates', { csrf: true, json: { candidate: c,
			registration: employee('RNCP28235', { company_siret: co, company_name: 'Société "Alpha"; SA', ...extra }) } });
		if (r.status !== 201) {
			// a line break is not a name: refused before anything is written
			assert.equal(c.birth_name, 'Ligne');
			assert.equal(r.status, 400);
			assert.equal(r.json.error.field, 'first_names');
		}
	}
	const res = await csv(fCentre, `/candidats.csv?company=${co}`);
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
	assert.equal(res.headers.get('content-disposition'), 'attachment; filename="candidats.csv"');
	assert.equal(res.headers.get('content-length'), null);   // streamed
	assert.deepEqual([...res.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const lines = res.text.slice(1).split('\r\n');
	assert.equal(lines[0], "N° candidat;N° inscription;Nom de naissance;Nom d'usage;Prénoms;Date de naissance;Centre;" +
		"Certification;Intitulé de la certification;Blocs;Voie d'accès;Organisme de formation;Entreprise;" +
		"SIRET de l'entreprise;Inscrit le;Statut;Prochain jury");
	assert.equal(lines.at(-1), '');
	assert.equal(lines.length, 4);
	const quoted = lines.find((l) => l.includes('Guillemets'));
	assert.match(quoted, /^\d+;\d+;"Guillemets ""x""";"'\+33";"Jean; Pierre";08\/08\/1981;UIMM-DEMO;RNCP28235;Coordonnateur\(trice\)[^;]*;Certification entière;Après un parcours de formation continue;;"Société ""Alpha""; SA";\d{14};\d\d\/\d\d\/\d{4};Inscription en cours;$/);
	const formula = lines.find((l) => l.includes('1+2'));
	assert.match(formula, /^\d+;\d+;"'=1\+2";"'@SOMME\(A1\)";"'-3";08\/08\/1980;/);
	// the body's export holds its own only; the jury has none
	const mine = await csv(fBody, '/candidats.csv');
	assert.equal(mine.status, 200);
	const rows = mine.text.slice(1).split('\r\n').slice(1).filter(Boolean);
	assert.ok(rows.length >= 1);
	assert.ok(rows.every((l) => l.includes('Institut de formation de démonstration')));
	assert.equal((await fJury.get('/candidats.csv')).status, 403);
	const bad = await fCentre.get('/candidats.csv?status=nul');
	assert.equal(bad.status, 400);
});

test('CSV export of more rows than one batch: every registration once, newest first', async () => {
	const co = siret('4440000000002');
	const n = 520;
	for (let i = 0; i < n; i += 20) {
		const batch = [];
		for (let j = i; j < Math.min(n, i + 20); j++)
			batch.push(admin.post('/api/v1/candidates', { csrf: true, json: {
				candidate: person(`Lot${String(j).padStart(4, '0')}`, 'Export', '1990-10-10'),
				registration: employee('RNCP28236', { company_siret: co }) } }));
		for (const r of await Promise.all(batch))
			assert.equal(r.status, 201, r.text);
	}
	const res = await csv(fAdmin, `/candidats.csv?company=${co}`);
	assert.equal(res.status, 200);
	const rows = res.text.slice(1).split('\r\n').slice(1).filter(Boolean);
	assert.equal(rows.length, n);
	const regs = rows.map((l) => Number(l.split(';')[1]));
	assert.equal(new Set(regs).size, n);
	assert.deepEqual(regs, [...regs].sort((a, b) => b - a));
	const list = await admin.get(`/api/v1/candidates?company=${co}&per_page=10&page=52`);
	assert.equal(list.json.total, n);
	assert.equal(list.json.items.length, 10);
});

test('R-LET-3: a unit kept from an earlier jury, through the form and the API', async () => {
	const k = await centre.post('/api/v1/candidates', { csrf: true, json: {
		candidate: person('Ancien', 'Jury', '1975-04-04'), registration: employee('RNCP28235') } });
	assert.equal(k.status, 201);
	const id = k.json.candidate;
	// the form of the candidate's page
	let page = await fCentre.get(`/candidats/${id}`);
	assert.match(page.text, new RegExp(`<form class="stack" method="post" action="/candidats/${id}/acquis">`));
	let r = await fCentre.post(`/candidats/${id}/acquis`, { form: { csrf: fCentre.csrf, certification: 'RNCP28235',
		unit: 'RNCP28235BC01', jury_date: '2024-06-20' } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/candidats/${id}?fait=acquis#acquis`);
	page = await fCentre.get(`/candidats/${id}`);
	assert.match(page.text, /<tr><td>RNCP28235BC01<\/td><td>[^<]+<\/td><td>C1, C2, C3<\/td><td>Acquis<br><span class="kept">acquis au jury du 20\/06\/2024, conservé sans limite de durée<\/span><\/td><\/tr>/);
	assert.match(page.text, /<tr><td>RNCP28235<\/td><td>RNCP28235BC01<\/td><td>acquis au jury du 20\/06\/2024, conservé sans limite de durée<\/td><\/tr>/);
	// refused: beside the field, values kept
	r = await fCentre.post(`/candidats/${id}/acquis`, { form: { csrf: fCentre.csrf, certification: 'RNCP28235',
		unit: 'RNCP28236BC01', jury_date: '2024-06-20' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<input id="unit" name="unit" value="RNCP28236BC01" required maxlength="40" aria-invalid="true" aria-describedby="err-unit"><span class="field-error" id="err-unit" role="alert">Bloc ou compétence : RNCP28236BC01 n&#39;appartient pas à la certification RNCP28235\.<\/span>/);
	r = await fCentre.post(`/candidats/${id}/acquis`, { form: { csrf: fCentre.csrf, certification: 'RNCP28235',
		unit: 'RNCP28235BC01', jury_date: '2024-06-20' } });
	assert.equal(r.status, 409);
	// the API: 201 with the file
	r = await centre.post(`/api/v1/candidates/${id}/acquired`, { csrf: true, json: {
		certification: 'RNCP28235', unit: 'C7', jury_date: '2023-01-10' } });
	assert.equal(r.status, 201, r.text);
	const c7 = r.json.acquired_blocks.find((a) => a.code === 'C7');
	assert.deepEqual(c7, { certification: 'RNCP28235', code: 'C7', kind: 'competence', jury_date: '2023-01-10',
		kept_until: null, kept_label: 'conservé sans limite de durée', kept: true, source: 'jury' });
	r = await centre.post(`/api/v1/candidates/${id}/acquired`, { csrf: true, json: {
		certification: 'RNCP28235', unit: 'C7', jury_date: '2023-01-10' } });
	assert.equal(r.status, 409);
	assert.equal(r.json.error.code, 'conflict');
	r = await centre.post(`/api/v1/candidates/${id}/acquired`, { csrf: true, json: {
		certification: 'RNCP28235', unit: 'C7', jury_date: '2999-01-01' } });
	assert.equal(r.status, 400);
	assert.equal(r.json.error.field, 'jury_date');
	r = await centre.post(`/api/v1/candidates/${otherId}/acquired`, { csrf: true, json: {
		certification: 'RNCP28235', unit: 'C7', jury_date: '2023-01-10' } });
	assert.equal(r.status, 404);
	r = await body.post(`/api/v1/candidates/${id}/acquired`, { csrf: true, json: {
		certification: 'RNCP28235', unit: 'C6', jury_date: '2023-01-10' } });
	assert.equal(r.status, 403);
	// the training body sees no such form on its candidate's page
	const own = (await body.get('/api/v1/candidates')).json.items[0].candidate;
	page = await fBody.get(`/candidats/${own}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /\/acquis"/);
});

test('training body accounts: tied on the body\'s page by the centre', async () => {
	let r = await admin.post('/api/v1/users', { csrf: true, json: { login: 'organisme-deux', name: `Second ${PROBE}`,
		role: 'training_body', centre: DEMO_CENTRE, password: 'un-mot-de-passe-long' } });
	assert.equal(r.status, 201, r.text);
	let page = await fCentre.get(`/organismes/${DEMO_BODY}`);
	assert.match(page.text, /<h2 id="comptes">Comptes de l'organisme<\/h2>/);
	assert.match(page.text, /<li>organisme — Organisme de formation de démonstration \(centre UIMM-DEMO\)<\/li>/);
	assert.ok(page.text.includes(`<option value="organisme-deux">organisme-deux — Second ${ESCAPED}</option>`));
	assert.doesNotMatch(page.text, /<script/i);
	r = await fCentre.post(`/organismes/${DEMO_BODY}/compte`, { form: { csrf: fCentre.csrf, login: 'organisme-deux' } });
	assert.equal(r.status, 303);
	assert.equal(r.headers.get('location'), `/organismes/${DEMO_BODY}?fait=compte`);
	page = await fCentre.get(`/organismes/${DEMO_BODY}?fait=compte`);
	assert.match(page.text, /<p class="notice" role="status">Le compte est rattaché à l&#39;organisme\.<\/p>/);
	assert.ok(page.text.includes(`<li>organisme-deux — Second ${ESCAPED} (centre UIMM-DEMO)</li>`));
	// the new account registers as the body
	const two = await apiLogin(srv.base, 'organisme-deux', 'un-mot-de-passe-long');
	r = await two.post('/api/v1/candidates', { csrf: true, json: { candidate: person('Rattaché', 'Noé', '2001-01-01'),
		registration: employee('RNCP28236', { centre: undefined, registrant: 'training_body' }) } });
	assert.equal(r.status, 201, r.text);
	// an evaluator's account is not a body's
	r = await fCentre.post(`/organismes/${DEMO_BODY}/compte`, { form: { csrf: fCentre.csrf, login: 'evaluateur' } });
	assert.equal(r.status, 400);
	assert.match(r.text, /<p class="field-error" id="err-login" role="alert">Seul un compte d&#39;organisme de formation se rattache à un organisme\.<\/p>/);
	// nor may the body tie one
	r = await fBody.post(`/organismes/${DEMO_BODY}/compte`, { form: { csrf: fBody.csrf, login: 'organisme-deux' } });
	assert.equal(r.status, 403);
});
