// The public catalogue: list page and API (search, filters, pagination),
// certification page and API object, unknown codes, other codes of an
// entry, the draft referential, and API = CLI for the same database.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, runCli } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await stopAndCheck(srv); });

const ALL = ['PROJET-CHARGE-RH', 'RNCP28235', 'RNCP28236', 'RNCP28242'];

async function api(p) {
	const res = await fetch(srv.url(p));
	assert.match(res.headers.get('content-type'), /^application\/json; charset=utf-8$/);
	return { status: res.status, body: await res.json() };
}

async function page(p) {
	const res = await fetch(srv.url(p), { redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

/* Codes of the result table of the list page, in order. */
function listedCodes(html) {
	return [...html.matchAll(/<tr><td>([^<]+)<\/td><td><a href="\/certifications\/([^"]+)">/g)]
		.map((m) => { assert.equal(m[1], m[2]); return m[1]; });
}

function resultsLine(html) {
	const m = /<p id="resultats" aria-live="polite">([^<]*)<\/p>/.exec(html);
	assert.ok(m, 'results line present');
	return m[1];
}

async function apiCodes(query) {
	const r = await api('/api/v1/certifications' + query);
	assert.equal(r.status, 200, JSON.stringify(r.body));
	return r.body.items.map((i) => i.code);
}

test('API list: the four demo certifications, with their list fields', async () => {
	const r = await api('/api/v1/certifications');
	assert.equal(r.status, 200);
	assert.equal(r.body.total, 4);
	assert.equal(r.body.page, 1);
	assert.equal(r.body.per_page, 50);
	assert.deepEqual(r.body.items.map((i) => i.code).sort(), ALL);
	const rh = r.body.items.find((i) => i.code === 'RNCP28235');
	assert.deepEqual(rh, {
		code: 'RNCP28235', kind: 'CQPM', rncp: 'RNCP28235', identifier: '',
		title: "Coordonnateur(trice) du développement des ressources humaines de l'entreprise",
		level: '', status: 'active', version: 1,
	});
	const draft = r.body.items.find((i) => i.code === 'PROJET-CHARGE-RH');
	assert.equal(draft.status, 'draft');
	assert.equal(draft.rncp, '');
	assert.equal(draft.title, 'Chargé de Ressources Humaines');
});

test('list page: count line, table rows and links', async () => {
	const r = await page('/certifications');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
	assert.equal(resultsLine(r.text), '4 certifications trouvées.');
	assert.deepEqual(listedCodes(r.text).sort(), ALL);
	assert.match(r.text, /<h1>Catalogue des certifications<\/h1>/);
	assert.match(r.text, /<label for="q">Rechercher<\/label><input id="q" name="q" type="search"/);
	assert.match(r.text, /<tr><td>RNCP28242<\/td><td><a href="\/certifications\/RNCP28242">Coordonnateur\(trice\) de système qualité, sécurité, environnement<\/a><\/td><td>CQPM<\/td><td>—<\/td><td>Active<\/td><\/tr>/);
	assert.match(r.text, /<tr><td>PROJET-CHARGE-RH<\/td><td><a href="\/certifications\/PROJET-CHARGE-RH">Chargé de Ressources Humaines<\/a><\/td><td>CQPM<\/td><td>—<\/td><td>Projet de référentiel<\/td><\/tr>/);
	// no pager for a single page
	assert.doesNotMatch(r.text, /class="pager"/);
});

test('search by a title word typed without accents', async () => {
	assert.deepEqual(await apiCodes('?q=qualite'), ['RNCP28242']);
	assert.deepEqual(await apiCodes('?q=QUALIT%C3%89'), ['RNCP28242']);
	const r = await page('/certifications?q=qualite');
	assert.equal(r.status, 200);
	assert.equal(resultsLine(r.text), '1 certification trouvée.');
	assert.deepEqual(listedCodes(r.text), ['RNCP28242']);
	// the search is kept in the field
	assert.match(r.text, /<input id="q" name="q" type="search" size="34" maxlength="200" value="qualite"/);
	// several words: all of them must match
	assert.deepEqual((await apiCodes('?q=ressources%20humaines')).sort(),
		['PROJET-CHARGE-RH', 'RNCP28235', 'RNCP28236']);
	assert.deepEqual(await apiCodes('?q=developpement+entreprise'), ['RNCP28235']);
	assert.deepEqual((await apiCodes('?q=coordonnateur')).sort(), ['RNCP28235', 'RNCP28242']);
	assert.deepEqual(await apiCodes('?q=aucunmotpareil'), []);
	const none = await page('/certifications?q=aucunmotpareil');
	assert.equal(resultsLine(none.text), '0 certification trouvée.');
	assert.doesNotMatch(none.text, /<table>/);
});

test('search by RNCP number, ROME code and NSF code', async () => {
	assert.deepEqual(await apiCodes('?q=28236'), ['RNCP28236']);
	assert.deepEqual(await apiCodes('?q=RNCP28236'), ['RNCP28236']);
	assert.deepEqual(listedCodes((await page('/certifications?q=28236')).text), ['RNCP28236']);
	// ROME M1502: the two HR CQPM
	assert.deepEqual((await apiCodes('?q=M1502')).sort(), ['RNCP28235', 'RNCP28236']);
	assert.deepEqual((await apiCodes('?q=m1502')).sort(), ['RNCP28235', 'RNCP28236']);
	assert.deepEqual(await apiCodes('?q=H1502'), ['RNCP28242']);
	// NSF 315 (human resources) and 200r
	assert.deepEqual((await apiCodes('?q=315')).sort(), ['RNCP28235', 'RNCP28236']);
	assert.deepEqual(await apiCodes('?q=200r'), ['RNCP28242']);
	const r = await page('/certifications?q=M1502');
	assert.equal(resultsLine(r.text), '2 certifications trouvées.');
});

test('filters: status and kind', async () => {
	assert.deepEqual(await apiCodes('?status=draft'), ['PROJET-CHARGE-RH']);
	assert.deepEqual((await apiCodes('?status=active')).sort(), ['RNCP28235', 'RNCP28236', 'RNCP28242']);
	assert.deepEqual(await apiCodes('?status=inactive'), []);
	assert.deepEqual((await apiCodes('?kind=CQPM')).sort(), ALL);
	assert.deepEqual(await apiCodes('?kind=CCPM'), []);
	assert.deepEqual(await apiCodes('?kind=CQPM&status=draft&q=ressources'), ['PROJET-CHARGE-RH']);
	const r = await page('/certifications?status=draft');
	assert.equal(r.status, 200);
	assert.equal(resultsLine(r.text), '1 certification trouvée.');
	assert.deepEqual(listedCodes(r.text), ['PROJET-CHARGE-RH']);
	assert.match(r.text, /<option value="draft" selected>Projet de référentiel<\/option>/);
	const k = await page('/certifications?kind=CQPM');
	assert.match(k.text, /<option value="CQPM" selected>CQPM<\/option>/);
});

test('invalid filters: 400 with a French message', async () => {
	const a = await api('/api/v1/certifications?kind=XYZ');
	assert.equal(a.status, 400);
	assert.deepEqual(a.body, { error: { code: 'invalid', message: 'Nature de certification inconnue : CQPM, CCPM, CQPI, CCPI, PARCOURS, RNCP ou RS.', field: 'kind' } });
	const s = await api('/api/v1/certifications?status=ouverte');
	assert.equal(s.status, 400);
	assert.deepEqual(s.body, { error: { code: 'invalid', message: 'Statut inconnu : active, inactive, draft ou suppressed.', field: 'status' } });
	const p = await page('/certifications?kind=XYZ');
	assert.equal(p.status, 400);
	assert.match(p.text, /<h1>Saisie invalide<\/h1>/);
	assert.match(p.text, /Nature de certification inconnue :/);
	const long = await api('/api/v1/certifications?q=' + 'a'.repeat(201));
	assert.equal(long.status, 400);
	assert.equal(long.body.error.field, 'q');
});

test('pagination: API pages and the list page pager', async () => {
	const p1 = await api('/api/v1/certifications?per_page=3&page=1');
	const p2 = await api('/api/v1/certifications?per_page=3&page=2');
	const p3 = await api('/api/v1/certifications?per_page=3&page=3');
	assert.equal(p1.body.total, 4);
	assert.equal(p1.body.per_page, 3);
	assert.equal(p1.body.items.length, 3);
	assert.equal(p2.body.page, 2);
	assert.equal(p2.body.items.length, 1);
	assert.equal(p3.body.items.length, 0);
	assert.equal(p3.body.total, 4);
	// pages do not overlap and cover everything, in a stable order
	const codes = [...p1.body.items, ...p2.body.items].map((i) => i.code);
	assert.deepEqual([...codes].sort(), ALL);
	assert.deepEqual(codes, (await apiCodes('')));
	// out-of-range page numbers fall back to page 1
	// a page number that is not one is refused, not silently replaced
	for (const bad of ['page=0', 'page=-1', 'page=abc', 'per_page=100000', 'per_page=0', 'level=NIV9']) {
		const r = await api('/api/v1/certifications?' + bad);
		assert.equal(r.status, 400, bad);
		assert.equal(r.body.error.field, bad.split('=')[0], bad);
	}

	const h1 = await page('/certifications?per_page=3');
	assert.equal(resultsLine(h1.text), '4 certifications trouvées.');
	assert.deepEqual(listedCodes(h1.text), codes.slice(0, 3));
	const pager = /<nav class="pager" aria-label="Pages">(.*?)<\/nav>/.exec(h1.text);
	assert.ok(pager, 'pager shown');
	assert.match(pager[1], /<span>Page 1 sur 2<\/span>/);
	assert.doesNotMatch(pager[1], /Page précédente/);
	const next = /<a href="([^"]+)">Page suivante →<\/a>/.exec(pager[1]);
	assert.ok(next, 'next link');
	// following the link gives the rest of the list
	const h2 = await page(next[1].replaceAll('&amp;', '&'));
	assert.equal(h2.status, 200);
	assert.deepEqual(listedCodes(h2.text), codes.slice(3));
	assert.match(h2.text, /<span>Page 2 sur 2<\/span>/);
	assert.match(h2.text, /Page précédente/);
	assert.doesNotMatch(h2.text, /Page suivante/);
});

test('certification page RNCP28235: identification, blocks, competences, access routes', async () => {
	const r = await page('/certifications/RNCP28235');
	assert.equal(r.status, 200);
	const t = r.text;
	assert.match(t, /<title>Coordonnateur\(trice\) du développement des ressources humaines de l&#39;entreprise — cqpm<\/title>/);
	assert.match(t, /<h1>Coordonnateur\(trice\) du développement des ressources humaines de l&#39;entreprise<\/h1>/);
	assert.match(t, /<span class="tag">RNCP28235<\/span> <span class="tag">CQPM<\/span> <span class="tag">Active<\/span>/);
	assert.match(t, /<dt>Nature<\/dt><dd>Certificat de qualification paritaire de la métallurgie<\/dd>/);
	assert.match(t, /<dt>Numéro de CQPM<\/dt><dd>0264<\/dd>/);
	assert.match(t, /<h2>Blocs de compétences<\/h2>/);
	for (let n = 1; n <= 4; n++)
		assert.match(t, new RegExp(`<section class="block" id="RNCP28235BC0${n}"><h3>Bloc ${n} — `));
	assert.match(t, /<h3>Bloc 2 — La mise en œuvre des solutions<\/h3>/);
	// the fiche gives the competences' titles only: a list, not cards
	for (let n = 1; n <= 8; n++)
		assert.match(t, new RegExp(`<li id="C${n}">C${n} — `));
	assert.doesNotMatch(t, /<div class="competence"/);
	assert.match(t, /<li id="C5">C5 — Préparer un plan de formation pour validation<\/li>/);
	assert.doesNotMatch(t, /id="C9"/);
	assert.match(t, /<h2>Voies d'accès \(R-INS-3\)<\/h2>/);
	assert.match(t, /<tr><th scope="row">Après un parcours de formation continue<\/th><td class="yes">Oui<\/td>/);
	assert.match(t, /<tr><th scope="row">Par expérience \(VAE\)<\/th><td class="yes">Oui<\/td>/);
	assert.match(t, /<tr><th scope="row">Par candidature individuelle<\/th><td class="unknown">Non renseigné<\/td>/);
	assert.match(t, /<li><span class="tag">M1502<\/span> Développement des ressources humaines<\/li>/);
	assert.match(t, /<li><span class="tag">315<\/span> Ressources humaines, gestion du personnel/);
	assert.match(t, /<dt>Date de décision<\/dt><dd>07\/04\/2017<\/dd>/);
	assert.match(t, /<a href="\/api\/v1\/certifications\/RNCP28235">Ces données en JSON<\/a>/);
	assert.doesNotMatch(t, /Projet de référentiel \(annexe 1/);
});

test('certification page RNCP28242: individual candidacy "Non"', async () => {
	const r = await page('/certifications/RNCP28242');
	assert.equal(r.status, 200);
	assert.match(r.text, /<tr><th scope="row">Par candidature individuelle<\/th><td class="no">Non<\/td>/);
	assert.match(r.text, /<tr><th scope="row">En contrat de professionnalisation<\/th><td class="yes">Oui<\/td>/);
	assert.match(r.text, /<tr><th scope="row">En contrat d&#39;apprentissage<\/th><td class="unknown">Non renseigné<\/td>/);
	const rows = r.text.match(/<tr><th scope="row">/g);
	assert.equal(rows.length, 6);
});

test('the draft referential is marked as a projet de référentiel', async () => {
	const r = await page('/certifications/PROJET-CHARGE-RH');
	assert.equal(r.status, 200);
	assert.match(r.text, /<h1>Chargé de Ressources Humaines<\/h1>/);
	assert.match(r.text, /<span class="tag">Projet de référentiel<\/span>/);
	assert.match(r.text, /<p class="draft" role="note">Projet de référentiel \(annexe 1 du dispositif\) : cette certification n'est pas enregistrée au RNCP/);
	assert.match(r.text, /Aucun candidat ne peut y être inscrit\./);
	assert.match(r.text, /<h3>Bloc 1 — La gestion administrative des ressources humaines<\/h3>/);
	const api1 = await api('/api/v1/certifications/PROJET-CHARGE-RH');
	assert.equal(api1.status, 200);
	assert.equal(api1.body.status, 'draft');
	assert.equal(api1.body.draft, true);
});

test('every id attribute of a certification page is unique', async () => {
	for (const code of ALL) {
		const r = await page('/certifications/' + code);
		assert.equal(r.status, 200);
		const ids = [...r.text.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
		const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
		assert.deepEqual(dup, [], `duplicate ids on ${code}`);
	}
});

test('API object RNCP28235: fields, blocks, competences, access routes', async () => {
	const r = await api('/api/v1/certifications/RNCP28235');
	assert.equal(r.status, 200);
	const d = r.body;
	assert.equal(d.code, 'RNCP28235');
	assert.equal(d.rncp, 'RNCP28235');
	assert.equal(d.title, "Coordonnateur(trice) du développement des ressources humaines de l'entreprise");
	assert.equal(d.kind, 'CQPM');
	assert.equal(typeof d.level, 'string');
	assert.equal(d.level, '');
	assert.equal(d.status, 'active');
	assert.equal(d.version, 1);
	assert.equal(d.current_version, 1);
	assert.ok(Array.isArray(d.blocks));
	assert.deepEqual(d.blocks.map((b) => b.code),
		['RNCP28235BC01', 'RNCP28235BC02', 'RNCP28235BC03', 'RNCP28235BC04']);
	assert.equal(d.blocks[1].title, 'La mise en œuvre des solutions');
	for (const b of d.blocks) {
		assert.equal(typeof b.title, 'string');
		assert.ok(b.title.length > 0);
		assert.ok(Array.isArray(b.competences));
		for (const c of b.competences) {
			assert.match(c.code, /^C[1-8]$/);
			assert.equal(typeof c.title, 'string');
			assert.ok(c.title.length > 0);
		}
	}
	assert.deepEqual(d.blocks.map((b) => b.competences.map((c) => c.code)),
		[['C1', 'C2', 'C3'], ['C4', 'C5', 'C6'], ['C7'], ['C8']]);
	assert.equal(d.blocks[1].competences[1].title, 'Préparer un plan de formation pour validation');
	assert.deepEqual(Object.keys(d.access_routes).sort(),
		['apprenticeship', 'continuing', 'individual', 'professionalisation', 'student', 'vae']);
	for (const v of Object.values(d.access_routes))
		assert.ok(v === true || v === false || v === null);
	assert.deepEqual(d.access_routes, {
		apprenticeship: null, continuing: true, individual: null,
		professionalisation: true, student: null, vae: true,
	});
	assert.deepEqual(d.rome.map((x) => x.code), ['M1502', 'M1503']);
	assert.deepEqual(d.nsf.map((x) => x.code), ['315']);

	const q = await api('/api/v1/certifications/RNCP28242');
	assert.equal(q.body.access_routes.individual, false);
});

test('the API object equals `cqpm catalogue show --json` on the same database', async () => {
	for (const code of ['RNCP28235', 'PROJET-CHARGE-RH']) {
		const cli = await runCli(['--db', srv.db, 'catalogue', 'show', code, '--json']);
		assert.equal(cli.code, 0, cli.stderr);
		const r = await api('/api/v1/certifications/' + code);
		assert.equal(r.status, 200);
		assert.deepStrictEqual(r.body, JSON.parse(cli.stdout));
	}
});

test('unknown codes: 404 page and JSON error', async () => {
	const p = await page('/certifications/RNCP99999');
	assert.equal(p.status, 404);
	assert.match(p.text, /<h1>Introuvable<\/h1>/);
	assert.match(p.text, /Aucune certification ne porte le code « RNCP99999 »\./);
	const a = await api('/api/v1/certifications/RNCP99999');
	assert.equal(a.status, 404);
	assert.deepEqual(a.body, { error: { code: 'not_found',
		message: 'Aucune certification ne porte le code « RNCP99999 ».', field: 'code' } });
	assert.equal((await api('/api/v1/certifications/n%27importe%20quoi')).status, 404);
	assert.equal((await page('/certifications/RNCP28235/autre')).status, 404);
	const v = await api('/api/v1/certifications/RNCP28235?version=7');
	assert.equal(v.status, 404);
	assert.equal(v.body.error.field, 'version');
	assert.equal((await api('/api/v1/certifications/RNCP28235?version=abc')).status, 400);
	const unknownApi = await api('/api/v1/nulle-part');
	assert.equal(unknownApi.status, 404);
	assert.equal(unknownApi.body.error.code, 'not_found');
	const unknownPage = await page('/nulle-part');
	assert.equal(unknownPage.status, 404);
	assert.match(unknownPage.text, /<h1>Page introuvable<\/h1>/);
});

test('other codes of an entry: 301 to the entry, at the block', async () => {
	const b = await page('/certifications/RNCP28235BC02');
	assert.equal(b.status, 301);
	assert.equal(b.headers.get('location'), '/certifications/RNCP28235#RNCP28235BC02');
	const n = await page('/certifications/28235');
	assert.equal(n.status, 301);
	assert.equal(n.headers.get('location'), '/certifications/RNCP28235');
	const lower = await page('/certifications/rncp28242');
	assert.equal(lower.status, 301);
	assert.equal(lower.headers.get('location'), '/certifications/RNCP28242');
	// the API answers with the entry itself
	const a = await api('/api/v1/certifications/RNCP28235BC02');
	assert.equal(a.status, 200);
	assert.equal(a.body.code, 'RNCP28235');
	// the home page leads to the catalogue
	const home = await page('/');
	assert.equal(home.status, 303);
	assert.equal(home.headers.get('location'), '/certifications');
});

test('style sheet is served as CSS and cacheable', async () => {
	const res = await fetch(srv.url('/static/cqpm.css'));
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
	assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
	assert.match(await res.text(), /^:root\{/);
});
