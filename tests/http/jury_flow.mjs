// Test helper for the jury paritaire: dates relative to today, candidates
// whose evaluations are complete, and the path of one jury from its
// planning to the signed minutes through the JSON API, the server's clock
// set (serve --clock) to each day of the path.
//
// Every date lies in the past, so that the command line (which runs on
// the real clock) and the server on its real clock agree at the end:
//
//   REG  registrations            TODAY − 200
//   EVAL evaluations              TODAY − 150
//   P    the jury is planned, composed, unions asked, members convened
//   N    = J − 14: the last designation request and convocation (late
//        on N, on time on J − 15)
//   J    the jury sits, decides, signs    TODAY − 60
import assert from 'node:assert/strict';
import { apiLogin, runCli, sanitizerReport, registerCandidate, EMPLOYER_ARGS, addUser } from './server.mjs';

const day = (d) => d.toLocaleDateString('sv-SE');
export const TODAY = day(new Date());
/* iso + n days (local calendar). */
export function addDays(iso, n) {
	const [y, m, d] = iso.split('-').map(Number);
	return day(new Date(y, m - 1, d + n, 12));
}
export const REG = addDays(TODAY, -200);
export const EVAL = addDays(TODAY, -150);
export const J = addDays(TODAY, -60);
export const P = addDays(J, -40);
export const N = addDays(J, -14);
export const ALL8 = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];

// A 1×1 PNG.
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function cliOk(db, args) {
	const r = await runCli(['--db', db, ...args]);
	assert.equal(sanitizerReport(r.stderr), null, r.stderr);
	assert.equal(r.code, 0, `cqpm ${args.join(' ')}: ${r.stderr}`);
	return r;
}

/* A candidate registered for RNCP28235 by his company on REG, evaluated
** on every competence (acquired unless failed lists some) and with the
** company's opinion: ready for a jury. Resolves { kid, rid, name }. */
export async function evaluatedCandidate(db, name, failed = []) {
	const { kid, rid } = await registerCandidate(db, ['--funding', 'CPF', '--birth-name', name,
		'--birth-date', '1995-04-12', '--route', 'continuing', '--registrant', 'company', '--origin', 'SL',
		...EMPLOYER_ARGS, '--tutor', 'Paul Durand', '--date', REG]);
	const M = ALL8.map((c) => `${c}=real_situation`).join(';');
	await cliOk(db, ['evaluation', 'plan', String(rid), '--places', 'Atelier', '--from', addDays(REG, 5),
		'--to', addDays(EVAL, 10), '--agreed-on', addDays(REG, 5), '--centre-signatory', 'Claire Lenoir',
		'--company-signatory', 'Paul Durand', '--modalities', M]);
	await cliOk(db, ['evaluation', 'assign', String(rid), 'evaluateur']);
	for (const c of ALL8)
		await cliOk(db, ['evaluation', 'record', String(rid), '--competence', c, '--result',
			failed.includes(c) ? 'not_acquired' : 'acquired', '--modality', 'real_situation',
			'--criteria', 'Méthodes', '--appraisal', 'Démarche complète', '--date', EVAL]);
	await cliOk(db, ['evaluation', 'opinion', String(rid), '--opinion', 'favourable', '--author', 'Paul Durand',
		'--role', 'tutor', '--date', addDays(EVAL, 1)]);
	return { kid, rid, name };
}

/* Asserts an API answer; returns its JSON. */
export function ok(r, status = 200) {
	assert.equal(r.status, status, r.text);
	return r.json;
}

export function refused(r, status, rule, field) {
	assert.equal(r.status, status, r.text);
	assert.ok(r.json && r.json.error, r.text);
	if (rule !== undefined)
		assert.equal(r.json.error.rule, rule, r.text);
	if (field !== undefined)
		assert.equal(r.json.error.field, field, r.text);
	assert.match(r.json.error.message, /[a-zé]/);
	return r.json.error;
}

/* The unions, the accounts of the jury (presid, role jury, beside the
** demo "jury" account) and the centre's documents: once per database. */
export async function prepare(srv) {
	const admin = await apiLogin(srv.base, 'admin');
	for (const [code, name, representative] of [['CGT', 'Confédération générale du travail', true],
		['CFDT', 'Confédération française démocratique du travail', true],
		['FO', 'Force ouvrière', false]])
		ok(await admin.post('/api/v1/unions', { csrf: true, json: { code, name, email: `${code.toLowerCase()}@syndicat.test`, representative } }));
	await addUser(admin, { login: 'presid', name: 'Hélène Garnier', role: 'jury', centre: 'UIMM-DEMO', password: 'un-long-secret' });
	ok(await admin.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true,
		json: { number: 1, city: 'Lyon', signatory: 'Jean Dupont', letterhead: PNG, signature: PNG } }));
	return admin;
}

/* The members of the jury: [key, body]. */
export const MEMBERS = [
	['president', { name: 'Hélène GARNIER', role: 'employer', votes: true, president: true, login: 'presid',
		organisation: 'Forges de Lyon', quality: 'Directrice industrielle' }],
	['employer', { name: 'Marc BLANC', role: 'employer', votes: true, organisation: 'Aciéries du Rhône' }],
	['cgt', { name: 'Paul ROUX', role: 'union', union: 'CGT', votes: true, branch_employee: true, login: 'jury',
		email: 'paul.roux@cgt.test' }],
	['cfdt', { name: 'Nadia BENALI', role: 'union', union: 'CFDT', votes: true, branch_employee: true,
		email: 'nadia.benali@cfdt.test' }],
	['tutor', { name: 'Luc FAURE', role: 'tutor' }],
];

/* Plans the jury of date (J by default) and composes it; resolves
** { jid, m: {key: id} }. */
export async function planAndCompose(centre, date = J) {
	const doc = ok(await centre.post('/api/v1/juries', { csrf: true,
		json: { date, place: 'UIMM Lyon, 60 avenue Jean Mermoz, Lyon', certifications: ['RNCP28235'] } }), 201);
	const jid = doc.id, m = {};
	for (const [key, body] of MEMBERS)
		m[key] = ok(await centre.post(`/api/v1/juries/${jid}/members`, { csrf: true, json: body }), 201).member_id;
	return { jid, m };
}

/* The whole path on a fresh server (clock P): two candidates, the jury
** planned, composed, unions asked and members convened on P, the sitting
** on J with "A" for the first and "NA" for the second, signed. Resolves
** { srv (on the real clock), jid, m, cands }. */
export async function signedJury(startServer) {
	let srv = await startServer({ clock: P });
	await prepare(srv);
	const cands = [await evaluatedCandidate(srv.db, 'Martin'), await evaluatedCandidate(srv.db, 'Leroy', ['C3'])];
	let centre = await apiLogin(srv.base, 'centre');
	const { jid, m } = await planAndCompose(centre);
	ok(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: {} }));
	ok(await centre.post(`/api/v1/juries/${jid}/cprefp`, { csrf: true, json: {} }));
	ok(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true, json: {} }));
	for (const c of cands)
		ok(await centre.post(`/api/v1/juries/${jid}/candidates`, { csrf: true, json: { registration: c.rid } }));
	srv = await srv.restart({ clock: J });
	centre = await apiLogin(srv.base, 'centre');
	ok(await centre.post(`/api/v1/juries/${jid}/sitting`, { csrf: true,
		json: { present: Object.values(m), conformity: true } }));
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	for (const k of doc.candidates) {
		const admitted = k.registration_id === cands[0].rid;
		ok(await centre.req('PUT', `/api/v1/juries/${jid}/decisions/${k.code}`, { csrf: true, json: {
			verdict: admitted ? 'A' : 'NA', votes_for: admitted ? 4 : 0, votes_against: admitted ? 0 : 4,
			abstentions: 0, president_ballot: admitted ? 'for' : 'against', comment: '' } }));
	}
	ok(await centre.post(`/api/v1/juries/${jid}/signature`, { csrf: true, json: {} }));
	srv = await srv.restart({});
	return { srv, jid, m, cands };
}
