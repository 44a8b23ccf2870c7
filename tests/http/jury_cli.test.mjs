// The jury paritaire through the command line, on a jury signed through
// the API (jury_flow.mjs): `cqpm jury show --json` gives the same document
// as GET /api/v1/juries/{id}; exit codes (0, 1 refused with the rule id
// in French on stderr, 2 usage); `jury documents --output x.zip` writes a
// zip and reports its progress on stderr; `certificate verify` says by its
// exit status whether the certificate is genuine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, apiLogin, runCli, sanitizerReport } from './server.mjs';
import { TODAY, J, addDays, signedJury, ok } from './jury_flow.mjs';

let srv, jid, m, cands, centre;

const cli = async (args) => {
	const r = await runCli(['--db', srv.db, ...args]);
	assert.equal(sanitizerReport(r.stderr), null, r.stderr);
	return r;
};

before(async () => {
	({ srv, jid, m, cands } = await signedJury(startServer));
	centre = await apiLogin(srv.base, 'centre');
});
after(async () => { await stopAndCheck(srv); });

test('jury show --json: members with side, union, votes and the president; each candidate\'s decision', async () => {
	const r = await cli(['jury', 'show', String(jid), '--json']);
	assert.equal(r.code, 0, r.stderr);
	const doc = JSON.parse(r.stdout);
	assert.equal(doc.id, jid);
	assert.equal(doc.state, 'signed');
	assert.equal(doc.president.id, m.president);
	const byId = Object.fromEntries(doc.members.map((x) => [x.id, x]));
	assert.deepEqual([byId[m.president].side, byId[m.president].votes, byId[m.president].president], ['employer', true, true]);
	assert.deepEqual([byId[m.cgt].side, byId[m.cgt].union, byId[m.cgt].votes], ['employee', 'CGT', true]);
	assert.deepEqual([byId[m.cfdt].side, byId[m.cfdt].union], ['employee', 'CFDT']);
	assert.deepEqual([byId[m.tutor].side, byId[m.tutor].votes, byId[m.tutor].union], ['invited', false, null]);
	const dec = Object.fromEntries(doc.candidates.map((k) => [k.registration_id, k.decision]));
	assert.deepEqual(dec, { [cands[0].rid]: 'A', [cands[1].rid]: 'NA' });
	// the same JSON as the API (the administrator sees what the CLI sees)
	const admin = await apiLogin(srv.base, 'admin');
	assert.deepEqual(ok(await admin.get(`/api/v1/juries/${jid}`)), doc);
	// and the text form
	const t = await cli(['jury', 'show', String(jid)]);
	assert.equal(t.code, 0);
	assert.match(t.stdout, /Jury paritaire de délibération n° \d+/);
	assert.match(t.stdout, /Décision : A \(final\)/);
});

test('jury list --json and the calendar of the API agree', async () => {
	const r = await cli(['jury', 'list', '--json']);
	assert.equal(r.code, 0, r.stderr);
	const list = JSON.parse(r.stdout);
	assert.deepEqual(ok(await centre.get('/api/v1/juries')).items, list);
});

test('exit codes: 1 refused with the rule id in French, 2 usage', async () => {
	let r = await cli(['jury', 'plan', '--date', addDays(TODAY, 14), '--place', 'Lyon', '--cert', 'RNCP28235', '--centre', 'UIMM-DEMO']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé \(R-JUR-1\) : /m);
	r = await cli(['jury', 'plan', '--date', addDays(TODAY, 15), '--place', 'Lyon', '--cert', 'RNCP28235', '--centre', 'UIMM-DEMO']);
	assert.equal(r.code, 0, r.stderr);
	const id = Number(/Jury n° (\d+)/.exec(r.stdout)[1]);
	r = await cli(['jury', 'request', String(id), '--union', 'CGT', '--date', addDays(TODAY, 1)]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé : Un envoi daté du .* n'est pas encore parti/m);
	r = await cli(['jury', 'decide', String(jid), 'C-001', '--verdict', 'Admis', '--for', '4', '--against', '0',
		'--president-ballot', 'for']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé \(R-JUR-/m);
	r = await cli(['jury', 'decide', String(jid), 'C-001', '--verdict', 'A', '--for', 'quatre', '--against', '0',
		'--president-ballot', 'for']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /--for attend un nombre de voix/);
	for (const args of [['jury'], ['jury', 'show'], ['jury', 'plan', '--date', TODAY], ['jury', 'frobnicate', '1'],
		['jury', 'show', '1', '--bogus'], ['jury', 'documents', String(jid)], ['certificate', 'verify']]) {
		r = await cli(args);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /usage/);
	}
	r = await cli(['jury', 'show', 'x']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /« x » n'est pas un numéro de jury/);
	r = await cli(['jury', 'show', '99999']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé : /m);
});

test('jury documents --output x.zip writes a zip and reports its progress on stderr', async () => {
	const out = path.join(srv.dir, 'jury.zip');
	const r = await cli(['jury', 'documents', String(jid), '--output', out]);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /Documents du jury n° \d+ écrits dans .*jury\.zip : \d+ fichiers, \d+ pages/);
	assert.match(r.stderr, /100 % \(\d+\/\d+\)/);
	const names = execFileSync('python3', ['-c',
		'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', out],
		{ encoding: 'utf8' }).trim().split('\n');
	assert.ok(names.length >= 5, names.join(', '));
	assert.ok(names.every((n) => n.endsWith('.pdf') && !n.includes('..') && !n.startsWith('/')), names.join(', '));
	// one document
	const pdf = path.join(srv.dir, 'minutes.pdf');
	const one = await cli(['jury', 'documents', String(jid), '--doc', 'minutes', '--output', pdf]);
	assert.equal(one.code, 0, one.stderr);
	assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
	const bad = await cli(['jury', 'documents', String(jid), '--doc', 'passwd', '--output', pdf]);
	assert.equal(bad.code, 1);
	assert.match(bad.stderr, /document « passwd » inconnu/);
});

test('certificate verify: exit 0 for a genuine certificate, 1 otherwise, same JSON as the API', async () => {
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	const n = doc.candidates.find((k) => k.decision === 'A').certificates[0].number;
	let r = await cli(['certificate', 'verify', n, '--json']);
	assert.equal(r.code, 0, r.stderr);
	const v = JSON.parse(r.stdout);
	assert.equal(v.valid, true);
	const api = await fetch(srv.url(`/api/v1/verify/${encodeURIComponent(n)}`));
	assert.deepEqual(await api.json(), v);
	r = await cli(['certificate', 'verify', 'MC 2099 999 99999 99']);
	assert.equal(r.code, 1);
	assert.match(r.stdout, /Aucun certificat valide ne porte ce numéro/);
	r = await cli(['certificate', 'verify', 'x'.repeat(65)]);
	assert.equal(r.code, 1);
	r = await cli(['certificate', 'show', n, '--json']);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(JSON.parse(r.stdout), ok(await centre.get(`/api/v1/certificates/${encodeURIComponent(n)}`)));
});
