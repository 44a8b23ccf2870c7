// The jury paritaire's main journey in a real browser (headless Chromium
// through playwright-core), as the centre's staff: plan a jury, compose it
// (the employer president with his vote, one union representative with
// one vote: parity), send the designation requests, inform the CPREFP,
// convene, present a candidate whose evaluations are complete; then, the
// server's clock on the jury's day (serve --clock), sit with the
// attendance, check conformity, decide A, sign, and download the minutes
// (procès-verbal) and the zip of the jury's documents. Form labels and
// unique ids are checked on the jury's page. Screenshots go to tests/out/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, registerCandidate, evaluateAll,
	EMPLOYER_ARGS } from '../http/server.mjs';
import { OUT, launchBrowser, newPage, unlabelledControls, duplicateIds, heading, submit,
	logIn } from './helpers.mjs';

const day = (d) => d.toLocaleDateString('sv-SE');
const TODAY = day(new Date());
const JURY_DAY = day(new Date(Date.now() + 20 * 86400000));
const FR_DAY = JURY_DAY.split('-').reverse().join('/');

let srv, browser, rid;
const problems = [];

function run(cmd, args) {
	return new Promise((resolve, reject) => {
		execFile(cmd, args, { maxBuffer: 16 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
	});
}

before(async () => {
	srv = await startServer();
	({ rid } = await registerCandidate(srv.db, ['--birth-name', 'Parcours', '--route', 'continuing',
		'--registrant', 'company', '--origin', 'SL', '--funding', 'PDC', ...EMPLOYER_ARGS,
		'--tutor', 'Paul Durand']));
	await evaluateAll(srv.db, rid, TODAY);
	browser = await launchBrowser();
});

after(async () => {
	try {
		if (browser)
			await browser.close();
	} finally {
		await stopAndCheck(srv);
	}
});

test('plan, compose, convene, sit, decide, sign, download the minutes and the zip', async () => {
	problems.length = 0;
	let page = await newPage(browser, problems);
	await logIn(page, srv.base, 'centre');
	await submit(page, page.getByRole('navigation', { name: 'Navigation principale' })
		.getByRole('link', { name: 'Jurys' }));
	assert.equal(await heading(page), 'Jurys paritaires de délibération');

	// plan
	await page.getByLabel('Date de la séance').fill(JURY_DAY);
	await page.getByLabel('Lieu (« Fait à … »)').fill('Lyon');
	await page.getByLabel('Certifications examinées (une ou plusieurs)').selectOption(['RNCP28235']);
	await submit(page, page.getByRole('button', { name: 'Inscrire le jury au calendrier' }));
	assert.match(page.url(), /\/jurys\/\d+\?fait=plan$/);
	const jid = /\/jurys\/(\d+)/.exec(page.url())[1];
	assert.equal(await heading(page), `Jury paritaire de délibération n° ${jid} — ${FR_DAY}`);
	assert.match(await page.getByRole('status').first().innerText(), /Le jury est inscrit au calendrier/);

	// compose: the employer president, one union representative
	const addMember = async (fill) => {
		await fill();
		await submit(page, page.getByRole('button', { name: 'Ajouter le membre' }));
		assert.match(page.url(), /fait=membres/, await page.locator('main').innerText());
	};
	await addMember(async () => {
		await page.getByLabel('Prénom et nom').fill('Marie Patronne');
		await page.getByLabel('Rôle').selectOption('employer');
		await page.getByLabel('Président du jury').check();
		await page.getByLabel('Entreprise ou organisation (feuille d\'émargement)').fill('Forges de Lyon');
		await page.getByLabel('Compte de membre du jury (identifiant, facultatif)').fill('jury');
	});
	await addMember(async () => {
		await page.getByLabel('Prénom et nom').fill('Jean Syndic');
		await page.getByLabel('Rôle').selectOption('union');
		await page.getByLabel('Organisation syndicale mandante (représentants syndicaux)').selectOption('CGT');
		await page.getByLabel('Salarié d\'une entreprise de la branche (R-JUR-4)').check();
	});
	const members = page.locator('table', { has: page.locator('caption', { hasText: 'Membres et invités' }) });
	assert.equal(await members.locator('tbody tr').count(), 2);
	assert.match(await page.getByText(/employeur\(s\), .* salarié\(s\)/).innerText(), /1 employeur\(s\), 1 salarié\(s\)/);

	// requests, CPREFP, convocations
	for (const [button, notice] of [['Envoyer les demandes de désignation', 'demandes'],
		['Informer la CPREFP', 'cprefp'], ['Convoquer tous les membres', 'convocations']]) {
		await submit(page, page.getByRole('button', { name: button }));
		assert.match(page.url(), new RegExp(`fait=${notice}`), await page.locator('main').innerText());
	}
	assert.equal(await members.locator('tbody tr', { hasText: /^.*le \d\d\/\d\d\/\d{4}/ }).count(), 2);

	// the candidate
	await submit(page, page.locator('tr', { hasText: `n° ${rid}` }).getByRole('button', { name: /Présenter/ }));
	assert.match(page.url(), /fait=candidat/);
	assert.equal(await page.locator('section.block h3', { hasText: 'Candidat' }).count(), 1);
	assert.deepEqual(await unlabelledControls(page), []);
	assert.deepEqual(await duplicateIds(page), []);
	await page.screenshot({ path: path.join(OUT, 'jury-1-compose.png'), fullPage: true });
	await page.close();

	// the jury's day: the same database, the services' clock moved
	await stopAndCheck(srv, { keep: true });
	srv = await startServer({ reuse: srv, args: ['--clock', JURY_DAY] });
	page = await newPage(browser, problems);
	await logIn(page, srv.base, 'centre');
	await page.goto(srv.url(`/jurys/${jid}`));

	// attendance, opening, conformity
	for (const box of await page.getByRole('group', { name: /Membres présents/ }).getByRole('checkbox').all())
		await box.check();
	await submit(page, page.getByRole('button', { name: 'Ouvrir la séance' }));
	assert.match(page.url(), /fait=seance/, await page.locator('main').innerText());
	await submit(page, page.getByRole('button', { name: 'Conformité des évaluations vérifiée' }));
	assert.match(page.url(), /fait=conformite/, await page.locator('main').innerText());

	// the decision: A or NA only
	const verdicts = page.getByRole('group', { name: /Décision pour C-/ }).getByRole('radio');
	assert.equal(await verdicts.count(), 2);
	await page.getByLabel('A — Admis').check();
	await page.getByLabel('Voix pour').fill('2');
	await page.getByLabel('Voix contre').fill('0');
	await page.getByLabel('Vote du président').selectOption('for');
	await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' }));
	assert.match(page.url(), /fait=decision/, await page.locator('main').innerText());
	assert.match(await page.locator('section.block').first().innerText(), /Décision\s+A \(/);

	// the signature
	await submit(page, page.getByRole('button', { name: 'Signer le procès-verbal' }));
	assert.match(page.url(), /fait=signature/, await page.locator('main').innerText());
	assert.match(await page.locator('main').innerText(), /Procès-verbal signé le/);
	assert.equal(await page.getByRole('link', { name: /^Certificat MC/ }).count(), 1);
	await page.screenshot({ path: path.join(OUT, 'jury-2-signe.png'), fullPage: true });

	// the minutes, through the link
	const minutesHref = await page.getByRole('link', { name: 'Procès-verbal (PDF)' }).getAttribute('href');
	const minutes = await page.request.get(srv.url(minutesHref));
	assert.equal(minutes.status(), 200);
	assert.equal(minutes.headers()['content-type'], 'application/pdf');
	const pdf = path.join(srv.dir, 'pv.pdf');
	writeFileSync(pdf, await minutes.body());
	const text = await run('pdftotext', ['-layout', pdf, '-']);
	assert.match(text, /Procès-verbal/i);
	assert.match(text, /Parcours/i);   // signed: the candidate's name
	assert.match(text, /(^|\s)A(\s|$)/m);   // the decision « A »

	// the zip of every document
	const zipHref = await page.getByRole('link', { name: 'Tous les documents du jury (zip)' }).getAttribute('href');
	const zip = await page.request.get(srv.url(zipHref));
	assert.equal(zip.status(), 200, (await zip.body()).toString().slice(0, 400));
	assert.equal(zip.headers()['content-type'], 'application/zip');
	assert.match(zip.headers()['content-disposition'], /^attachment; filename="jury-\d+\.zip"$/);
	const zfile = path.join(srv.dir, 'jury.zip');
	writeFileSync(zfile, await zip.body());
	const listing = await run('unzip', ['-l', zfile]);
	assert.match(listing, /\.pdf/);
	assert.ok((listing.match(/\.pdf/g) || []).length >= 4, listing);
	assert.deepEqual(problems, []);
});
