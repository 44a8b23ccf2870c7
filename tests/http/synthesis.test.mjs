// The synthesis of evaluations as a PDF: GET /candidats/{id}/synthese.pdf
// (page) and GET /api/v1/candidates/{id}/synthesis.pdf (API), and the CLI
// `candidate synthesis`. Same permissions as the candidate's file: centre
// staff for their centre's candidates, a training body for its own
// registrations (R-HAB-2), nobody else (jury, public, another body,
// another centre). The anonymous mode hides the candidate's identity.
// The PDF's text is read back with pdftotext (poppler-utils).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, Client, runCli, DEMO_CENTRE,
	siret, addCentre, habilitateBody, registerCandidate, EMPLOYER_ARGS } from './server.mjs';

const OTHER_CENTRE = 'AUTRE-SYNTH';

const BODY_A = siret('4100000000001');   // the demo account "organisme" is tied to it
const BODY_B = siret('4200000000002');

let srv, admin, tmp;
const ids = {};

/* Text of a PDF (pdftotext), its page count (pdfinfo). */
function pdfText(bytes) {
	const f = path.join(tmp, `t${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(f, bytes);
	return new Promise((resolve, reject) => {
		execFile('pdftotext', ['-layout', f, '-'], (err, stdout) => (err ? reject(err) : resolve(stdout)));
	});
}

/* GET with the client's cookies, the body as bytes. */
async function getBytes(client, p) {
	const headers = client && client.cookies.size ? { Cookie: client.cookieHeader() } : {};
	const res = await fetch(srv.url(p), { headers, redirect: 'manual', signal: AbortSignal.timeout(30000) });
	const body = Buffer.from(await res.arrayBuffer());
	return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
}

const register = async (args) => (await registerCandidate(srv.db, ['--route', 'continuing', ...args])).kid;

before(async () => {
	tmp = mkdtempSync(path.join(tmpdir(), 'cqpm-synthese-'));
	srv = await startServer();
	admin = await apiLogin(srv.base, 'admin');
	await addCentre(admin, OTHER_CENTRE, 'Autre centre de certification');
	await habilitateBody(srv.db, BODY_A, 'Organisme A', { date: '2025-01-20', account: 'organisme' });
	await habilitateBody(srv.db, BODY_B, 'Organisme B', { date: '2025-01-20' });
	const company = ['--registrant', 'company', '--origin', 'SL', '--funding', 'PDC', ...EMPLOYER_ARGS,
		'--tutor', 'Paul Durand'];
	ids.martin = await register(['--centre', DEMO_CENTRE, '--birth-name', 'Martin', '--first-names', 'Léa Marie',
		'--birth-date', '1995-04-12', ...company]);
	ids.viaB = await register(['--centre', DEMO_CENTRE, '--birth-name', 'Bertin', '--first-names', 'Hugo',
		'--birth-date', '1990-01-02', '--registrant', 'training_body', '--body', BODY_B, '--origin', 'DE', '--funding', 'POEC']);
	ids.viaA = await register(['--centre', DEMO_CENTRE, '--birth-name', 'Arnaud', '--first-names', 'Inès',
		'--birth-date', '1992-03-04', '--registrant', 'training_body', '--body', BODY_A, '--origin', 'DE', '--funding', 'POEC']);
	ids.other = await register(['--centre', OTHER_CENTRE, '--birth-name', 'Ailleurs', '--first-names', 'Zoé',
		'--birth-date', '1993-05-06', ...company]);
});
after(async () => {
	await stopAndCheck(srv);
	if (tmp)
		rmSync(tmp, { recursive: true, force: true });
});

test('centre staff get the synthesis of their candidate as an inline PDF', async () => {
	const centre = await formLogin(srv.base, 'centre');
	const r = await getBytes(centre, `/candidats/${ids.martin}/synthese.pdf`);
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	assert.equal(r.headers.get('content-disposition'), `inline; filename="synthese-${ids.martin}.pdf"`);
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	// no default-src 'none': Chrome's PDF viewer would show nothing
	assert.equal(r.headers.get('content-security-policy'), "frame-ancestors 'none'");
	assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
	const text = await pdfText(r.body);
	assert.match(text, /Synthèse des évaluations/);
	assert.match(text, /Martin/);
	assert.match(text, /12\/04\/1995/);
	assert.match(text, /RNCP28235 — Coordonnateur/);
	assert.match(text, /Forges de Lyon/);
	assert.match(text, /page 1 \/ \d/);
});

test('anonymous mode: neither name nor birth date, the code instead (page and API)', async () => {
	const centre = await formLogin(srv.base, 'centre');
	const page = await getBytes(centre, `/candidats/${ids.martin}/synthese.pdf?anonyme=JURY-2026-07`);
	assert.equal(page.status, 200);
	assert.equal(page.headers.get('content-disposition'), 'inline; filename="synthese-JURY-2026-07.pdf"');
	const api = await getBytes(admin, `/api/v1/candidates/${ids.martin}/synthesis.pdf?anonymous=J7`);
	assert.equal(api.status, 200);
	for (const [r, code] of [[page, 'JURY-2026-07'], [api, 'J7']]) {
		const text = await pdfText(r.body);
		assert.match(text, new RegExp(`Candidat ${code}`));
		assert.doesNotMatch(text, /Martin|Léa|1995|12\/04/i);
		// the document information does not name the candidate either
		assert.ok(!r.body.includes('Martin'), 'name in the PDF bytes');
	}
});

test('an invalid anonymous code is refused with the field named', async () => {
	const api = await admin.get(`/api/v1/candidates/${ids.martin}/synthesis.pdf?anonymous=${encodeURIComponent('<b>x</b>')}`);
	assert.equal(api.status, 400);
	assert.equal(api.json.error.code, 'invalid');
	assert.equal(api.json.error.field, 'anonymous');
	assert.match(api.json.error.message, /Code anonyme/);
	const centre = await formLogin(srv.base, 'centre');
	const page = await centre.get(`/candidats/${ids.martin}/synthese.pdf?anonyme=${'x'.repeat(40)}`);
	assert.equal(page.status, 400);
	assert.match(page.headers.get('content-type'), /text\/html/);
	assert.match(page.text, /32 caractères au plus/);
});

test('the API serves the same document to the national administrator', async () => {
	const r = await getBytes(admin, `/api/v1/candidates/${ids.other}/synthesis.pdf`);
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	const text = await pdfText(r.body);
	assert.match(text, /Ailleurs/);
	assert.match(text, /Autre centre de certification/);
});

test('a training body gets its own registration, not another body\'s (R-HAB-2)', async () => {
	const body = await formLogin(srv.base, 'organisme');
	const own = await getBytes(body, `/candidats/${ids.viaA}/synthese.pdf`);
	assert.equal(own.status, 200);
	assert.match(await pdfText(own.body), /Arnaud/);
	for (const id of [ids.viaB, ids.martin]) {
		const r = await getBytes(body, `/candidats/${id}/synthese.pdf`);
		assert.equal(r.status, 404);
		assert.match(r.headers.get('content-type'), /text\/html/);
		assert.match(r.headers.get('content-security-policy'), /default-src 'none'/);
		assert.ok(!r.body.includes('%PDF'));
	}
	const api = await apiLogin(srv.base, 'organisme');
	const r = await api.get(`/api/v1/candidates/${ids.viaB}/synthesis.pdf`);
	assert.equal(r.status, 404);
	assert.equal(r.json.error.code, 'not_found');
});

test('centre staff do not get another centre\'s candidate', async () => {
	const centre = await formLogin(srv.base, 'centre');
	const r = await getBytes(centre, `/candidats/${ids.other}/synthese.pdf`);
	assert.equal(r.status, 404);
	const api = await apiLogin(srv.base, 'centre');
	const a = await api.get(`/api/v1/candidates/${ids.other}/synthesis.pdf`);
	assert.equal(a.status, 404);
});

test('the jury and an evaluator not assigned get no synthesis', async () => {
	const jury = await formLogin(srv.base, 'jury');
	const page = await getBytes(jury, `/candidats/${ids.martin}/synthese.pdf`);
	assert.equal(page.status, 403);
	assert.ok(!page.body.includes('%PDF'));
	const juryApi = await apiLogin(srv.base, 'jury');
	const api = await juryApi.get(`/api/v1/candidates/${ids.martin}/synthesis.pdf`);
	assert.equal(api.status, 403);
	assert.equal(api.json.error.code, 'forbidden');
	const ev = await formLogin(srv.base, 'evaluateur');
	const e = await getBytes(ev, `/candidats/${ids.martin}/synthese.pdf`);
	assert.equal(e.status, 404);
});

test('the public is sent to the login page (page) or gets 401 (API)', async () => {
	const page = await getBytes(null, `/candidats/${ids.martin}/synthese.pdf`);
	assert.equal(page.status, 303);
	assert.equal(page.headers.get('location'), `/connexion?next=%2Fcandidats%2F${ids.martin}%2Fsynthese.pdf`);
	assert.ok(!page.body.includes('%PDF'));
	const api = await new Client(srv.base).get(`/api/v1/candidates/${ids.martin}/synthesis.pdf`);
	assert.equal(api.status, 401);
});

test('unknown or malformed candidate numbers: 404', async () => {
	const centre = await formLogin(srv.base, 'centre');
	for (const p of ['/candidats/999999/synthese.pdf', '/candidats/abc/synthese.pdf',
		'/candidats/-1/synthese.pdf', '/candidats/99999999999999999999999/synthese.pdf']) {
		const r = await getBytes(centre, p);
		assert.equal(r.status, 404, p);
	}
	const a = await admin.get('/api/v1/candidates/0/synthesis.pdf');
	assert.equal(a.status, 404);
	assert.equal(a.json.error.code, 'not_found');
});

test('CLI: candidate synthesis writes the PDF, refuses a bad code or an unknown candidate', async () => {
	const out = path.join(tmp, 'cli.pdf');
	const r = await runCli(['--db', srv.db, 'candidate', 'synthesis', String(ids.martin), '--output', out]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /Synthèse des évaluations écrite dans .*cli\.pdf \(\d+ pages?\)/);
	const bytes = readFileSync(out);
	assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
	assert.match(await pdfText(bytes), /Martin/);
	const anon = await runCli(['--db', srv.db, 'candidate', 'synthesis', String(ids.martin), '--output', out, '--anonymous', 'A-1']);
	assert.equal(anon.code, 0, anon.stderr);
	assert.doesNotMatch(await pdfText(readFileSync(out)), /Martin/);
	const bad = await runCli(['--db', srv.db, 'candidate', 'synthesis', String(ids.martin), '--output', out, '--anonymous', 'é']);
	assert.equal(bad.code, 1);
	assert.match(bad.stderr, /Code anonyme/);
	const missing = path.join(tmp, 'absent.pdf');
	const unknown = await runCli(['--db', srv.db, 'candidate', 'synthesis', '999999', '--output', missing]);
	assert.equal(unknown.code, 1);
	assert.match(unknown.stderr, /Aucun candidat n° 999999/);
	const usage = await runCli(['--db', srv.db, 'candidate', 'synthesis', String(ids.martin)]);
	assert.equal(usage.code, 2);
	assert.match(usage.stderr, /--output/);
});
