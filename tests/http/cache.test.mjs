// The rendered certification pages and API objects are cached per worker
// thread and catalogue generation: a catalogue change made by another
// process (an RNCP import through the CLI) shows at once, and the cached
// part never carries one reader's session (navigation, CSRF token) to
// another. Imported text is escaped like any other.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, runCli, formLogin, Client, ROOT } from './server.mjs';

const FICHES = path.join(ROOT, 'tests', 'data', 'rncp', 'xml', 'fiches-3.xml');
// more requests than worker threads, so that every thread's cache is used
const ROUNDS = 8;

let srv, admin, anon;
before(async () => {
	srv = await startServer();
	admin = await formLogin(srv.base, 'admin');
	anon = new Client(srv.base);
});
after(async () => { await stopAndCheck(srv); });

async function importXml(file) {
	const r = await runCli(['--db', srv.db, 'import', 'rncp', file]);
	assert.equal(r.code, 0, r.stderr + r.stdout);
	return r.stdout + r.stderr;
}

test('an import by another process is seen at once by pages and API (cache invalidated)', async () => {
	assert.equal((await anon.get('/api/v1/certifications/RS6117')).status, 404);
	assert.match(await importXml(FICHES), /3 fiches lues, 3 créées/);
	for (let i = 0; i < ROUNDS; i++) {
		const a = await anon.get('/api/v1/certifications/RS6117');
		assert.equal(a.status, 200);
		assert.equal(a.json.title, 'CQP Tourier & <pâtisserie>');
		assert.equal(a.json.version, 1);
		const p = await anon.get('/certifications/RS6117');
		assert.equal(p.status, 200);
		assert.ok(p.text.includes('<h1>CQP Tourier &amp; &lt;pâtisserie&gt;</h1>'));
		assert.ok(p.text.includes('<title>CQP Tourier &amp; &lt;pâtisserie&gt; — cqpm</title>'));
		assert.ok(!p.text.includes('<pâtisserie>'), 'imported title escaped');
	}
	const list = await anon.get('/certifications?q=tourier');
	assert.ok(list.text.includes('CQP Tourier &amp; &lt;pâtisserie&gt;</a>'));
	assert.ok(!list.text.includes('<pâtisserie>'));

	// a new version of the fiche, imported while the old one is cached
	const changed = readFileSync(FICHES, 'utf8').replace('CQP Tourier & <pâtisserie>', 'CQP Tourier & <viennoiserie>');
	// same file name: the other fiches are unchanged (their source names the file)
	const file = path.join(srv.dir, 'fiches-3.xml');
	writeFileSync(file, changed);
	assert.match(await importXml(file), /0 créée, 1 mise à jour \(nouvelle version\), 2 inchangées/);
	for (let i = 0; i < ROUNDS; i++) {
		const a = await anon.get('/api/v1/certifications/RS6117');
		assert.equal(a.json.title, 'CQP Tourier & <viennoiserie>');
		assert.equal(a.json.version, 2);
		assert.equal(a.json.versions.length, 2);
		const p = await anon.get('/certifications/RS6117');
		assert.ok(p.text.includes('<h1>CQP Tourier &amp; &lt;viennoiserie&gt;</h1>'), `round ${i}`);
		assert.ok(!p.text.includes('pâtisserie&gt;</h1>'));
	}
	// the earlier version is still readable
	const old = await anon.get('/api/v1/certifications/RS6117?version=1');
	assert.equal(old.json.title, 'CQP Tourier & <pâtisserie>');
	const oldPage = await anon.get('/certifications/RS6117?version=1');
	assert.match(oldPage.text, /Vous consultez la version 1 ; la version en vigueur est la <a href="\/certifications\/RS6117">version 2<\/a>\./);
	// an API object read before an import, for an unchanged entry, stays identical
	const cli = await runCli(['--db', srv.db, 'catalogue', 'show', 'RS6117', '--json']);
	assert.deepStrictEqual((await anon.get('/api/v1/certifications/RS6117')).json, JSON.parse(cli.stdout));
});

test('a cached certification page never shows another reader\'s session', async () => {
	const adminToken = admin.csrf;
	assert.match(adminToken, /^[0-9a-f]{64}$/);
	for (let i = 0; i < ROUNDS; i++) {
		const first = i % 2 ? anon : admin;
		const second = i % 2 ? admin : anon;
		for (const c of [first, second]) {
			const r = await c.get('/certifications/RNCP28235');
			assert.equal(r.status, 200);
			if (c === admin) {
				assert.match(r.text, /<li><a href="\/compte">admin<\/a><\/li>/);
				assert.match(r.text, /<li><a href="\/admin\/centres">Centres<\/a><\/li>/);
				assert.ok(r.text.includes(adminToken));
			} else {
				assert.match(r.text, /<li><a href="\/connexion">Se connecter<\/a><\/li>/);
				assert.doesNotMatch(r.text, /Se déconnecter|\/admin\/centres|name="csrf"/);
				assert.ok(!r.text.includes(adminToken), 'admin token leaked to anonymous');
			}
			assert.equal(r.text.match(/<h1>/g).length, 1);
			assert.equal(r.text.match(/<\/html>/g).length, 1);
		}
	}
	// and the redirect of a block code is never served from the entry's cache
	for (let i = 0; i < ROUNDS; i++) {
		const r = await anon.get('/certifications/RNCP28235BC03');
		assert.equal(r.status, 301);
		assert.equal(r.headers.get('location'), '/certifications/RNCP28235#RNCP28235BC03');
	}
});
