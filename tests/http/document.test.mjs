// Documents attached to a candidate, against the real server: upload
// through the API and the form (multipart, streamed to disk), download
// with identical bytes and safe headers, the size and format limits with
// nothing stored on refusal, hostile file names, what every role may do,
// and the CLI round trip.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, formLogin, hiddenCsrf,
	Client, runCli, registerCandidate, habilitateBody, EMPLOYER_ARGS } from './server.mjs';

const MAX = 10 * 1024 * 1024;   // DOC_MAX_SIZE
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

let srv, admin, centre, body, evaluator, jury, nord;
// k: candidates; r: their registrations
const k = {}, r = {};

const cli = (args, opts) => runCli(['--db', srv.db, ...args], opts);

const register = (name, extra) => registerCandidate(srv.db, ['--birth-name', name,
	'--first-names', 'Camille', '--origin', 'SL', ...extra]);

const COMPANY = ['--route', 'continuing', '--funding', 'PDC', ...EMPLOYER_ARGS];

before(async () => {
	srv = await startServer();
	const res = await cli(['centre', 'add', '--code', 'UIMM-NORD', '--name', 'UIMM Nord']);
	assert.equal(res.code, 0, res.stderr);
	await habilitateBody(srv.db, '11004301500012', 'Formation de démonstration', { account: 'organisme' });
	const u = await cli(['user', 'add', '--login', 'nord', '--name', 'Centre Nord', '--role', 'centre',
		'--centre', 'UIMM-NORD'], { input: 'un-long-secret\n' });
	assert.equal(u.code, 0, u.stderr);
	let x = await register('Martin', ['--centre', 'UIMM-DEMO', '--registrant', 'company', ...COMPANY]);
	k.company = x.kid; r.company = x.rid;
	x = await register('Durand', ['--centre', 'UIMM-DEMO', '--route', 'vae', '--vae-kind', 'standard',
		'--registrant', 'candidate', '--funding', 'CVAE', '--date', '2021-06-01']);
	k.vae = x.kid; r.vae = x.rid;
	x = await register('Bernard', ['--centre', 'UIMM-DEMO', '--registrant', 'training_body',
		'--body', '11004301500012', ...COMPANY]);
	k.body = x.kid; r.body = x.rid;
	x = await register('Petit', ['--centre', 'UIMM-NORD', '--registrant', 'company', ...COMPANY]);
	k.other = x.kid;
	// the evaluation commission's assignment is recorded by another part of
	// the path: here directly in the database
	const evalId = await new Promise((resolve, reject) => execFile('sqlite3', [srv.db,
		"SELECT id FROM account WHERE login = 'evaluateur'"], (e, out) => e ? reject(e) : resolve(out.trim())));
	await new Promise((resolve, reject) => execFile('sqlite3', [srv.db,
		`INSERT INTO assignment (registration_id, account_id, assigned_on) VALUES (${r.body}, ${evalId}, '2024-01-01')`],
		(e) => e ? reject(e) : resolve()));
	[admin, centre, body, evaluator, jury] = await Promise.all(['admin', 'centre', 'organisme',
		'evaluateur', 'jury'].map((l) => apiLogin(srv.base, l)));
	nord = await apiLogin(srv.base, 'nord', 'un-long-secret');
});
after(async () => { await stopAndCheck(srv); });

/* A multipart body built by hand, so that a file name can hold any bytes
** (FormData would escape them). */
function multipart(fields, file) {
	const boundary = '----cqpm' + Math.random().toString(16).slice(2);
	const parts = [];
	for (const [key, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n`),
			Buffer.isBuffer(v) ? v : Buffer.from(String(v)), Buffer.from('\r\n'));
	if (file)
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field || 'file'}"; filename="`),
			Buffer.isBuffer(file.name) ? file.name : Buffer.from(file.name),
			Buffer.from(`"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`),
			file.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client, candidate, fields, file, csrf = true) {
	const m = multipart(fields, file);
	return client.post(`/api/v1/candidates/${candidate}/documents`, { csrf, body: m.body, headers: m.headers });
}

/* Download with the raw bytes. */
async function download(client, p) {
	const res = await fetch(client.base + p, { headers: { Cookie: client.cookieHeader() },
		redirect: 'manual' });
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const count = async (candidate) => (await centre.get(`/api/v1/candidates/${candidate}/documents`)).json.documents.length;

test('API: upload a PDF, list it, download the same bytes with safe headers', async () => {
	const up = await upload(centre, k.company, { type: 'report' },
		{ name: 'Rapport de projet.pdf', data: PDF, type: 'application/pdf' });
	assert.equal(up.status, 201, up.text);
	assert.equal(up.headers.get('location'), `/api/v1/documents/${up.json.id}`);
	assert.deepEqual(Object.keys(up.json), ['id', 'type', 'type_label', 'name', 'mime', 'size',
		'sha256', 'registration', 'uploaded_at', 'uploaded_by']);
	assert.equal(up.json.type_label, 'Rapport / dossier de présentation de projet');
	assert.equal(up.json.name, 'Rapport de projet.pdf');
	assert.equal(up.json.mime, 'application/pdf');
	assert.equal(up.json.size, PDF.length);
	assert.equal(up.json.sha256, sha256(PDF));
	assert.equal(up.json.registration, null);
	assert.equal(up.json.uploaded_by, 'centre');

	const list = await centre.get(`/api/v1/candidates/${k.company}/documents`);
	assert.equal(list.status, 200);
	assert.equal(list.json.candidate, k.company);
	assert.deepEqual(list.json.documents.find((d) => d.id === up.json.id), up.json);

	const dl = await download(centre, `/api/v1/documents/${up.json.id}`);
	assert.equal(dl.status, 200);
	assert.ok(dl.bytes.equals(PDF));
	assert.equal(dl.headers.get('content-type'), 'application/pdf');
	assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
	assert.equal(dl.headers.get('x-content-sha256'), sha256(PDF));
	assert.equal(dl.headers.get('content-disposition'),
		'attachment; filename="Rapport de projet.pdf"; filename*=UTF-8\'\'Rapport%20de%20projet.pdf');
	assert.equal(dl.headers.get('cache-control'), 'no-store');

	// the candidate's file shows it, without content
	const show = await cli(['--json', 'candidate', 'show', String(k.company)]);
	const doc = JSON.parse(show.stdout).documents.find((d) => d.id === up.json.id);
	assert.deepEqual(doc, up.json);
	// audited
	const audit = await admin.get('/api/v1/audit?limit=50');
	const ev = audit.json.items.find((e) => e.action === 'document.add' && e.object === `candidat:${k.company}`);
	assert.ok(ev, 'audit event');
});

test('API: the format comes from the content; executables, HTML and empty files are refused', async () => {
	const n0 = await count(k.company);
	const png = await upload(centre, k.company, { type: 'identity' }, { name: 'scan.pdf', data: PNG, type: 'application/pdf' });
	assert.equal(png.status, 201, png.text);
	assert.equal(png.json.mime, 'image/png');
	assert.equal(png.json.name, 'scan.pdf.png');
	const dl = await download(centre, `/api/v1/documents/${png.json.id}`);
	assert.equal(dl.headers.get('content-type'), 'image/png');
	assert.ok(dl.bytes.equals(PNG));
	for (const [name, data] of [
		['outil.pdf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])],
		['setup.png', Buffer.from('MZ\x90\x00\x03\x00\x00\x00')],
		['page.pdf', Buffer.from('<!DOCTYPE html><script>alert(1)</script>')],
		['vide.pdf', Buffer.alloc(0)],
	]) {
		const res = await upload(centre, k.company, { type: 'report' }, { name, data, type: 'application/pdf' });
		assert.equal(res.status, 400, name);
		assert.equal(res.json.error.field, 'file', name);
		assert.match(res.json.error.message, /^Fichier : /);
	}
	assert.equal(await count(k.company), n0 + 1);
});

test('size limit: 10 Mo accepted, one byte more refused with 413 and nothing stored', async () => {
	const big = Buffer.alloc(MAX + 1, 0x41);
	PDF.copy(big, 0, 0, 9);
	const n0 = await count(k.vae);
	const ok = await upload(centre, k.vae, { type: 'other' }, { name: 'max.pdf', data: big.subarray(0, MAX) });
	assert.equal(ok.status, 201, ok.text);
	assert.equal(ok.json.size, MAX);
	const tooBig = await upload(centre, k.vae, { type: 'other' }, { name: 'trop.pdf', data: big });
	assert.equal(tooBig.status, 413);
	assert.equal(tooBig.json.error.code, 'too_large');
	assert.match(tooBig.json.error.message, /10 Mo au plus/);
	assert.equal(await count(k.vae), n0 + 1);
	// the form says it on its page
	const c = await formLogin(srv.base, 'centre');
	const page = await c.get(`/candidats/${k.vae}/documents`);
	const fd = new FormData();
	fd.append('csrf', hiddenCsrf(page.text));
	fd.append('type', 'other');
	fd.append('fichier', new Blob([big]), 'trop.pdf');
	const res = await c.req('POST', `/candidats/${k.vae}/documents`, { body: fd });
	assert.equal(res.status, 413);
	assert.match(res.text, /Fichier trop volumineux : 10 Mo au plus par document/);
	assert.equal(await count(k.vae), n0 + 1);
	// and the stored one comes back whole
	const dl = await download(centre, `/api/v1/documents/${ok.json.id}`);
	assert.equal(dl.headers.get('x-content-sha256'), sha256(big.subarray(0, MAX)));
	assert.ok(dl.bytes.equals(big.subarray(0, MAX)));
});

test('hostile file names are made safe; a hostile typed name is refused', async () => {
	const cases = [
		[Buffer.from('../../../etc/passwd.pdf'), 'passwd.pdf'],
		[Buffer.from('..\\..\\windows\\system32\\rapport.pdf'), 'rapport.pdf'],
		[Buffer.from('a\x01b\x1b[31m\x7fc\td.pdf'), 'a_b_[31m_c_d.pdf'],
		[Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xff, 0x2e, 0x70, 0x64, 0x66]), 'caf__.pdf'],
		[Buffer.from('..'), 'document.pdf'],
		[Buffer.from('rapport\u202efdp.exe'), 'rapport_fdp.exe.pdf'],
	];
	for (const [raw, want] of cases) {
		const res = await upload(centre, k.company, { type: 'other' }, { name: raw, data: PDF });
		assert.equal(res.status, 201, `${raw}: ${res.text}`);
		assert.equal(res.json.name, want);
		const dl = await download(centre, `/api/v1/documents/${res.json.id}`);
		const cd = dl.headers.get('content-disposition');
		assert.match(cd, /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
		assert.ok(!/filename="[^"]*[\\/][^"]*"/.test(cd));
	}
	// very long: cut to 200 bytes, extension kept, valid UTF-8
	const long = await upload(centre, k.company, { type: 'other' }, { name: 'é'.repeat(3000) + '.pdf', data: PDF });
	assert.equal(long.status, 201);
	assert.ok(Buffer.byteLength(long.json.name) <= 200);
	assert.ok(long.json.name.endsWith('.pdf'));
	assert.ok(!long.json.name.includes('\ufffd'));
	// a typed name is checked, not silently changed
	for (const name of ['../secret', 'a\\b', 'x'.repeat(201), 'ligne\tsuivante', '.cache']) {
		const res = await upload(centre, k.company, { type: 'other', name }, { name: 'ok.pdf', data: PDF });
		assert.equal(res.status, 400, name);
		assert.equal(res.json.error.field, 'name');
	}
	const invalid = await upload(centre, k.company, { type: 'other', name: Buffer.from([0xff, 0xfe]) },
		{ name: 'ok.pdf', data: PDF });
	assert.equal(invalid.status, 400);
	const named = await upload(centre, k.company, { type: 'identity', name: 'Carte d\'identité recto' },
		{ name: 'IMG_0001.pdf', data: PDF });
	assert.equal(named.json.name, 'Carte d\'identité recto.pdf');
	const dl = await download(centre, `/api/v1/documents/${named.json.id}`);
	assert.equal(dl.headers.get('content-disposition'),
		'attachment; filename="Carte d\'identit_ recto.pdf"; filename*=UTF-8\'\'Carte%20d%27identit%C3%A9%20recto.pdf');
});

test('API: malformed requests are refused, nothing stored', async () => {
	const n0 = await count(k.company);
	const noFile = await upload(centre, k.company, { type: 'report' }, null);
	assert.equal(noFile.status, 400);
	assert.equal(noFile.json.error.field, 'file');
	const badType = await upload(centre, k.company, { type: 'passeport' }, { name: 'a.pdf', data: PDF });
	assert.equal(badType.status, 400);
	assert.equal(badType.json.error.field, 'type');
	const badReg = await upload(centre, k.company, { type: 'report', registration: String(r.vae) },
		{ name: 'a.pdf', data: PDF });
	assert.equal(badReg.status, 400);
	assert.equal(badReg.json.error.field, 'registration');
	const json = await centre.post(`/api/v1/candidates/${k.company}/documents`, { csrf: true, json: { type: 'report' } });
	assert.equal(json.status, 415);
	const noCsrf = await upload(centre, k.company, { type: 'report' }, { name: 'a.pdf', data: PDF }, false);
	assert.equal(noCsrf.status, 403);
	assert.equal(noCsrf.json.error.code, 'csrf');
	const tooLongField = await upload(centre, k.company, { type: 'report', name: 'x'.repeat(5000) },
		{ name: 'a.pdf', data: PDF });
	assert.equal(tooLongField.status, 400);
	assert.equal(await count(k.company), n0);
});

test('R-VAE-3: the livret 2 goes to the VAE registration', async () => {
	const ok = await upload(centre, k.vae, { type: 'livret2' }, { name: 'livret 2.pdf', data: PDF });
	assert.equal(ok.status, 201, ok.text);
	assert.equal(ok.json.registration, r.vae);
	const refused = await upload(centre, k.company, { type: 'livret2' }, { name: 'livret 2.pdf', data: PDF });
	assert.equal(refused.status, 422);
	assert.equal(refused.json.error.rule, 'R-VAE-3');
});

test('form: the page, the upload, the download, the deletion', async () => {
	const c = await formLogin(srv.base, 'centre');
	const page = await c.get(`/candidats/${k.vae}/documents`);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Documents de Camille Durand<\/h1>/);
	assert.match(page.text, /enctype="multipart\/form-data"/);
	assert.match(page.text, /<label for="fichier">Fichier<\/label>/);
	assert.match(page.text, /<option value="livret2">Livret 2 — dossier de preuves VAE<\/option>/);
	const fd = new FormData();
	fd.append('csrf', hiddenCsrf(page.text));
	fd.append('type', 'identity');
	fd.append('registration', '');
	fd.append('name', '');
	fd.append('fichier', new Blob([PNG], { type: 'image/png' }), 'pièce.png');
	const res = await c.req('POST', `/candidats/${k.vae}/documents`, { body: fd });
	assert.equal(res.status, 303, res.text.slice(0, 500));
	assert.equal(res.headers.get('location'), `/candidats/${k.vae}/documents?fait=depot`);
	const after = await c.get(res.headers.get('location'));
	assert.match(after.text, /<p class="notice" role="status">Le document est enregistré\.<\/p>/);
	const m = /<a href="\/documents\/(\d+)" download>pièce\.png<\/a><\/td><td>16 octets<\/td><td>du candidat<\/td>/.exec(after.text);
	assert.ok(m, after.text);
	const id = m[1];
	assert.match(after.text, new RegExp(`<code title="${sha256(PNG)}">${sha256(PNG).slice(0, 12)}…</code>`));
	const dl = await download(c, `/documents/${id}`);
	assert.equal(dl.status, 200);
	assert.ok(dl.bytes.equals(PNG));
	assert.equal(dl.headers.get('content-type'), 'image/png');
	assert.match(dl.headers.get('content-disposition'), /^attachment; /);
	// a refused upload shows the form again with the error beside the field
	const bad = new FormData();
	bad.append('csrf', hiddenCsrf(page.text));
	bad.append('type', 'report');
	bad.append('fichier', new Blob(['<html></html>']), 'page.pdf');
	const rb = await c.req('POST', `/candidats/${k.vae}/documents`, { body: bad });
	assert.equal(rb.status, 400);
	assert.match(rb.text, /<input id="fichier"[^>]* aria-invalid="true" aria-describedby="err-fichier">/);
	assert.match(rb.text, /seuls les documents PDF, JPEG et PNG sont acceptés/);
	assert.match(rb.text, /<option value="report" selected>/);
	// deletion by the form
	const del = await c.post(`/documents/${id}/supprimer`, { form: { csrf: hiddenCsrf(after.text) } });
	assert.equal(del.status, 303);
	assert.equal(del.headers.get('location'), `/candidats/${k.vae}/documents?fait=suppression`);
	assert.equal((await download(c, `/documents/${id}`)).status, 404);
	// an anonymous visitor is sent to log in
	const anon = await new Client(srv.base).get(`/candidats/${k.vae}/documents`);
	assert.equal(anon.status, 303);
	assert.match(anon.headers.get('location'), /^\/connexion\?next=/);
});

test('permissions of every role', async () => {
	const identity = (await upload(centre, k.body, { type: 'identity' }, { name: 'cni.pdf', data: PDF })).json;
	// the training body adds to its own registration
	const report = await upload(body, k.body, { type: 'report' }, { name: 'rapport.pdf', data: PDF });
	assert.equal(report.status, 201, report.text);
	assert.equal(report.json.registration, r.body);
	assert.equal(report.json.uploaded_by, 'organisme');
	const list = async (c, cand) => c.get(`/api/v1/candidates/${cand}/documents`);
	const ids = (res) => res.json.documents.map((d) => d.id).sort((a, b) => a - b);

	// training body: its registrations' documents only
	assert.deepEqual(ids(await list(body, k.body)), [report.json.id]);
	assert.equal((await download(body, `/api/v1/documents/${report.json.id}`)).status, 200);
	assert.equal((await download(body, `/api/v1/documents/${identity.id}`)).status, 404);
	assert.equal((await list(body, k.company)).status, 404);
	assert.equal((await upload(body, k.company, { type: 'report' }, { name: 'a.pdf', data: PDF })).status, 404);
	assert.equal((await body.req('DELETE', `/api/v1/documents/${report.json.id}`, { csrf: true })).status, 403);

	// evaluator: the reports of the registrations assigned to him, nothing to add
	assert.deepEqual(ids(await list(evaluator, k.body)), [report.json.id]);
	assert.equal((await download(evaluator, `/api/v1/documents/${report.json.id}`)).status, 200);
	assert.equal((await download(evaluator, `/api/v1/documents/${identity.id}`)).status, 404);
	assert.equal((await list(evaluator, k.company)).status, 404);
	const evUp = await upload(evaluator, k.body, { type: 'report' }, { name: 'a.pdf', data: PDF });
	assert.equal(evUp.status, 403);
	assert.match(evUp.json.error.message, /il n'en dépose pas/);
	assert.equal((await evaluator.req('DELETE', `/api/v1/documents/${report.json.id}`, { csrf: true })).status, 403);

	// jury: nothing
	assert.equal((await list(jury, k.body)).status, 403);
	assert.equal((await download(jury, `/api/v1/documents/${report.json.id}`)).status, 403);
	assert.equal((await upload(jury, k.body, { type: 'report' }, { name: 'a.pdf', data: PDF })).status, 403);
	assert.equal((await jury.req('DELETE', `/api/v1/documents/${report.json.id}`, { csrf: true })).status, 403);
	assert.equal((await jury.get(`/candidats/${k.body}/documents`)).status, 403);
	// the pages: a training body gets the form for its registrations, no
	// deletion; an evaluator reads only
	const bodyPage = await (await formLogin(srv.base, 'organisme')).get(`/candidats/${k.body}/documents`);
	assert.equal(bodyPage.status, 200);
	assert.match(bodyPage.text, /<h2>Déposer un document<\/h2>/);
	assert.match(bodyPage.text, new RegExp(`<option value="${r.body}">n° ${r.body} — RNCP28235`));
	assert.doesNotMatch(bodyPage.text, /Aucune : document du candidat/);
	assert.doesNotMatch(bodyPage.text, /supprimer/);
	assert.match(bodyPage.text, /rapport\.pdf/);
	assert.doesNotMatch(bodyPage.text, /cni\.pdf/);
	const evalPage = await (await formLogin(srv.base, 'evaluateur')).get(`/candidats/${k.body}/documents`);
	assert.equal(evalPage.status, 200);
	assert.match(evalPage.text, /rapport\.pdf/);
	assert.doesNotMatch(evalPage.text, /cni\.pdf|Déposer un document|supprimer/);

	// anonymous: must log in
	const anon = new Client(srv.base);
	assert.equal((await list(anon, k.body)).status, 401);
	assert.equal((await download(anon, `/api/v1/documents/${report.json.id}`)).status, 401);

	// another centre's staff: nothing of this centre's candidates
	assert.equal((await list(nord, k.body)).status, 404);
	assert.equal((await download(nord, `/api/v1/documents/${identity.id}`)).status, 404);
	assert.equal((await upload(nord, k.body, { type: 'report' }, { name: 'a.pdf', data: PDF })).status, 404);
	assert.equal((await nord.req('DELETE', `/api/v1/documents/${identity.id}`, { csrf: true })).status, 404);
	// and the demo centre nothing of the other's
	assert.equal((await list(centre, k.other)).status, 404);

	// centre staff and the administrator: everything
	assert.deepEqual(ids(await list(centre, k.body)), [identity.id, report.json.id]);
	assert.deepEqual(ids(await list(admin, k.body)), [identity.id, report.json.id]);
	const noCsrf = await centre.req('DELETE', `/api/v1/documents/${report.json.id}`);
	assert.equal(noCsrf.status, 403);
	const del = await centre.req('DELETE', `/api/v1/documents/${report.json.id}`, { csrf: true });
	assert.equal(del.status, 200);
	assert.equal(del.json.deleted, true);
	assert.equal(del.json.document.sha256, sha256(PDF));
	assert.equal((await download(centre, `/api/v1/documents/${report.json.id}`)).status, 404);
	const again = await admin.req('DELETE', `/api/v1/documents/${report.json.id}`, { csrf: true });
	assert.equal(again.status, 404);
	const delAdmin = await admin.req('DELETE', `/api/v1/documents/${identity.id}`, { csrf: true });
	assert.equal(delAdmin.status, 200);
	// the deletion is audited with the name, type, size and fingerprint
	const audit = await admin.get('/api/v1/audit?limit=100');
	const ev = audit.json.items.find((e) => e.action === 'document.delete' && e.detail.includes(`"document":${report.json.id}`));
	assert.ok(ev);
	for (const s of ['"name":"rapport.pdf"', '"type":"report"', `"size":${PDF.length}`, `"sha256":"${sha256(PDF)}"`])
		assert.ok(ev.detail.includes(s), s);
});

test('CLI: add, list, get (no overwrite without --force), delete', async () => {
	const file = path.join(srv.dir, 'Livret 2 de Durand.pdf');
	fs.writeFileSync(file, PDF);
	let res = await cli(['--json', 'document', 'add', String(k.vae), file, '--type', 'livret2']);
	assert.equal(res.code, 0, res.stderr);
	const d = JSON.parse(res.stdout);
	assert.equal(d.name, 'Livret 2 de Durand.pdf');
	assert.equal(d.registration, r.vae);
	assert.equal(d.sha256, sha256(PDF));
	res = await cli(['document', 'list', String(k.vae), '--json']);
	assert.ok(JSON.parse(res.stdout).documents.some((x) => x.id === d.id));
	res = await cli(['document', 'list', String(k.vae)]);
	assert.match(res.stdout, new RegExp(`n° ${d.id}  Livret 2 de Durand\\.pdf \\(application/pdf, ${PDF.length} octets\\)`));
	// the API sees what the CLI stored
	const dl = await download(centre, `/api/v1/documents/${d.id}`);
	assert.ok(dl.bytes.equals(PDF));
	const out = path.join(srv.dir, 'copie.pdf');
	res = await cli(['document', 'get', String(d.id), '--output', out]);
	assert.equal(res.code, 0, res.stderr);
	assert.ok(fs.readFileSync(out).equals(PDF));
	fs.writeFileSync(out, 'autre chose');
	res = await cli(['document', 'get', String(d.id), '--output', out]);
	assert.equal(res.code, 1);
	assert.match(res.stderr, /existe déjà ; ajoutez --force/);
	assert.equal(fs.readFileSync(out, 'utf8'), 'autre chose');
	res = await cli(['document', 'get', String(d.id), '--output', out, '--force']);
	assert.equal(res.code, 0, res.stderr);
	assert.ok(fs.readFileSync(out).equals(PDF));
	assert.deepEqual(fs.readdirSync(srv.dir).filter((f) => f.includes('.cqpm-')), []);
	assert.equal(fs.statSync(out).mode & 0o777, 0o600);
	res = await cli(['document', 'get', String(d.id), '--output', '-']);
	assert.equal(res.code, 0);
	assert.equal(res.stdout, PDF.toString());
	// refusals
	const html = path.join(srv.dir, 'page.pdf');
	fs.writeFileSync(html, '<html>');
	res = await cli(['document', 'add', String(k.vae), html, '--type', 'report']);
	assert.equal(res.code, 1);
	assert.match(res.stderr, /seuls les documents PDF, JPEG et PNG/);
	res = await cli(['document', 'add', String(k.vae), path.join(srv.dir, 'absent.pdf'), '--type', 'report']);
	assert.equal(res.code, 1);
	res = await cli(['document', 'add', String(k.vae), file]);
	assert.equal(res.code, 2);
	res = await cli(['document', 'delete', String(d.id)]);
	assert.equal(res.code, 0, res.stderr);
	assert.match(res.stdout, /supprimé/);
	res = await cli(['document', 'get', String(d.id), '--output', path.join(srv.dir, 'x.pdf')]);
	assert.equal(res.code, 1);
	assert.match(res.stderr, /Aucun document/);
});
