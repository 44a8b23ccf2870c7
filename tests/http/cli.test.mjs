// The command line: exit codes (0 success, 1 refused, 2 usage), French
// messages naming the field or the rule, --json on the read commands,
// passwords from standard input only, and a progress-free import report.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after, runCli, sanitizerReport } from './server.mjs';

let dir, db;
const cli = async (args, opts) => {
	const r = await runCli(['--db', db, ...args], opts);
	assert.equal(sanitizerReport(r.stderr), null, r.stderr);
	return r;
};
before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqpm-cli-'));
	db = path.join(dir, 'cqpm.db');
	const r = await cli(['init', '--demo']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /4 référentiels de la branche/);
	assert.match(r.stderr, /admin\s+mot de passe « demonstration »/);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('usage errors exit 2', async () => {
	for (const args of [[], ['catalogue'], ['catalogue', 'show'], ['user', 'add', '--login', 'x'],
		['frobnicate'], ['serve', '--listen', 'nowhere'], ['import', 'csv', 'x']]) {
		const r = await cli(args);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /usage|commande inconnue/);
	}
});

test('catalogue list and show, text and JSON', async () => {
	const l = await cli(['catalogue', 'list', '--json']);
	assert.equal(l.code, 0);
	const list = JSON.parse(l.stdout);
	assert.equal(list.total, 4);
	assert.deepEqual(list.items.map((i) => i.code).sort(),
		['PROJET-CHARGE-RH', 'RNCP28235', 'RNCP28236', 'RNCP28242']);
	const q = JSON.parse((await cli(['--json', 'catalogue', 'list', '--q', 'qualité'])).stdout);
	assert.deepEqual(q.items.map((i) => i.code), ['RNCP28242']);
	const s = await cli(['catalogue', 'show', '28242']);
	assert.equal(s.code, 0);
	assert.match(s.stdout, /Par candidature individuelle\s+non/);
	const j = JSON.parse((await cli(['catalogue', 'show', 'RNCP28236BC02', '--json'])).stdout);
	assert.equal(j.code, 'RNCP28236');
	assert.equal(j.blocks.length, 3);
	const missing = await cli(['catalogue', 'show', 'RNCP1']);
	assert.equal(missing.code, 1);
	assert.match(missing.stderr, /Aucune certification ne porte le code « RNCP1 »/);
	const badKind = await cli(['catalogue', 'list', '--kind', 'BTS']);
	assert.equal(badKind.code, 1);
	assert.match(badKind.stderr, /Nature de certification inconnue/);
});

test('centres and users: created, listed in JSON, refusals name the field', async () => {
	let r = await cli(['centre', 'add', '--code', 'UIMM-EST', '--name', 'UIMM Est', '--region', 'Grand Est']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['centre', 'add', '--code', 'UIMM-EST', '--name', 'Doublon']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /Un centre porte déjà le code « UIMM-EST »/);
	r = await cli(['centre', 'add', '--code', 'uimm est', '--name', 'X']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^cqpm : refusé : code :/m);
	const centres = JSON.parse((await cli(['centre', 'list', '--json'])).stdout);
	assert.ok(centres.some((c) => c.code === 'UIMM-EST' && c.region === 'Grand Est'));

	r = await cli(['user', 'add', '--login', 'lea', '--name', 'Léa Martin', '--role', 'centre',
		'--centre', 'UIMM-EST'], { input: 'un-long-secret\n' });
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['user', 'add', '--login', 'lea2', '--name', 'Léa', '--role', 'centre',
		'--centre', 'UIMM-EST'], { input: 'court\n' });
	assert.equal(r.code, 1);
	assert.match(r.stderr, /mot de passe : le mot de passe doit compter au moins 10 caractères/);
	r = await cli(['user', 'add', '--login', 'lea3', '--name', 'Léa', '--role', 'centre',
		'--centre', 'UIMM-EST'], { input: '' });
	assert.equal(r.code, 1);
	assert.match(r.stderr, /aucun mot de passe lu/);
	r = await cli(['user', 'add', '--login', 'paul', '--name', 'Paul', '--role', 'roi'], { input: 'un-long-secret\n' });
	assert.equal(r.code, 1);
	assert.match(r.stderr, /rôle : valeur inconnue/);
	const users = JSON.parse((await cli(['user', 'list', '--json'])).stdout);
	const lea = users.find((u) => u.login === 'lea');
	assert.deepEqual([lea.role, lea.centre, lea.disabled], ['centre', 'UIMM-EST', false]);
	assert.equal(JSON.stringify(users).includes('argon2'), false);
	r = await cli(['user', 'disable', 'lea']);
	assert.equal(r.code, 0);
	assert.equal(JSON.parse((await cli(['user', 'list', '--json'])).stdout)
		.find((u) => u.login === 'lea').disabled, true);
	r = await cli(['user', 'disable', 'personne']);
	assert.equal(r.code, 1);
});

test('audit: list and verify, signed by the CLI user', async () => {
	const v = await cli(['audit', 'verify', '--json']);
	assert.equal(v.code, 0);
	assert.equal(JSON.parse(v.stdout).intact, true);
	const l = JSON.parse((await cli(['audit', 'list', '--json', '--limit', '5'])).stdout);
	assert.equal(l.length, 5);
	assert.match(l[0].actor, /^cli:/);
});

test('import: report, re-import unchanged, a faulty file exits 1 and changes nothing', async () => {
	let r = await cli(['import', 'rncp', 'tests/data/rncp/csv-sample']);
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, /9 fiches lues, 9 créées/);
	r = await cli(['--json', 'import', 'rncp', 'tests/data/rncp/csv-sample']);
	assert.deepEqual(JSON.parse(r.stdout), { fiches: 9, created: 0, updated: 0, unchanged: 9 });
	const before = JSON.parse((await cli(['catalogue', 'list', '--json'])).stdout).total;
	r = await cli(['import', 'rncp', 'tests/data/rncp/xml/latin1-in-utf8.xml']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /ligne \d+/);
	assert.match(r.stderr, /import annulé, la base est inchangée/);
	assert.equal(JSON.parse((await cli(['catalogue', 'list', '--json'])).stdout).total, before);
	r = await cli(['import', 'rncp', 'README.md']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /R-CAT-9/);
});

test('nomenclatures: labels by code', async () => {
	const r = JSON.parse((await cli(['--json', 'nomenclature', 'list', 'naf', '--q', '25.62'])).stdout);
	assert.deepEqual(r.map((e) => e.code), ['25.62A', '25.62B']);
	assert.equal(r[1].label, 'Mécanique industrielle');
	const bad = await cli(['nomenclature', 'list', 'cpf']);
	assert.equal(bad.code, 1);
});

test('the PostgreSQL engine is refused with a clear message', async () => {
	const r = await runCli(['--db', 'postgresql://localhost/cqpm', 'catalogue', 'list']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /PostgreSQL n'est pas encore disponible/);
});

test('training bodies: record, instruct, decide (R-HAB-1)', async () => {
	let r = await cli(['org', 'add', '--siret', '110 043 015 00012', '--name', 'Lycée des métiers']);
	assert.equal(r.code, 0, r.stderr);
	r = await cli(['org', 'add', '--siret', '11004301500013', '--name', 'Clé fausse']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /SIRET : le numéro SIRET est invalide/);
	r = await cli(['org', 'habilitate', '11004301500012', '--centre', 'UIMM-DEMO', '--date', '2026-11-01',
		'--findings', 'mmmmmmmmmmm-', '--decision', 'granted']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /refusé \(R-HAB-1\)/);
	r = await cli(['org', 'habilitate', '11004301500012', '--centre', 'UIMM-DEMO', '--date', '2026-11-02',
		'--findings', 'mmmmmmmmmmmm', '--site-visit', '--decision', 'granted']);
	assert.equal(r.code, 0, r.stderr);
	// the demo body is habilitated too: this body's habilitation is one more
	const list = JSON.parse((await cli(['--json', 'org', 'list', '--status', 'granted'])).stdout);
	const mine = list.habilitations.filter((h) => h.siret === '11004301500012');
	assert.equal(mine.length, 1);
	assert.equal(mine[0].granted_on, '2026-11-02');
	assert.equal(mine[0].findings.length, 6);
	r = await cli(['org', 'habilitate', '11004301500012', '--centre', 'UIMM-DEMO', '--date', '2026-11-20',
		'--findings', 'mmmmmmmmmmmmm']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /--findings : 12 caractères/);
});
