// The main journey in a real browser (headless Chromium through
// playwright-core): search the catalogue, open a certification, log in as
// the national administrator, create a centre, log out. Also keyboard use
// and form labels. Screenshots go to tests/out/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, PASSWORD } from '../http/server.mjs';
import { OUT, launchPersistent, watch, navLinks as navLinksOf, navLabels as navLabelsOf,
	unlabelledControls as unlabelledOf, duplicateIds, logIn } from './helpers.mjs';

let srv, context, page, profile;
const problems = [];   // console errors, failed requests, HTTP errors of sub-resources

before(async () => {
	srv = await startServer();
	profile = mkdtempSync(path.join(tmpdir(), 'cqpm-chromium-'));
	context = await launchPersistent(profile);
	page = watch(context.pages()[0] || await context.newPage(), problems);
});

after(async () => {
	try {
		if (context)
			await context.close();
	} finally {
		if (profile)
			rmSync(profile, { recursive: true, force: true });
		await stopAndCheck(srv);
	}
});

const url = (p) => srv.url(p);
const navLinks = () => navLinksOf(page);
const navLabels = () => navLabelsOf(page);
const unlabelledControls = () => unlabelledOf(page);

test('search, certification page, admin login, centre creation, logout', async () => {
	problems.length = 0;
	// the catalogue
	const res = await page.goto(url('/certifications'));
	assert.equal(res.status(), 200);
	assert.equal(await page.title(), 'Catalogue des certifications — cqpm');
	assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Catalogue des certifications');
	assert.equal(await page.locator('#resultats').innerText(), '4 certifications trouvées.');
	// the style sheet is applied (CSP allows 'self' styles): blue header
	const headerBg = await page.locator('header.site').evaluate((el) => getComputedStyle(el).backgroundColor);
	assert.equal(headerBg, 'rgb(0, 70, 140)');

	// search with the form
	await page.getByLabel('Rechercher').fill('ressources humaines');
	await Promise.all([
		page.waitForURL(/\/certifications\?q=ressources\+humaines/),
		page.getByRole('button', { name: 'Rechercher' }).click(),
	]);
	assert.equal(await page.locator('#resultats').innerText(), '3 certifications trouvées.');
	assert.equal(await page.getByLabel('Rechercher').inputValue(), 'ressources humaines');
	const rows = page.locator('table tbody tr');
	assert.equal(await rows.count(), 3);
	const codes = (await page.locator('table tbody tr td:first-child').allInnerTexts()).sort();
	assert.deepEqual(codes, ['PROJET-CHARGE-RH', 'RNCP28235', 'RNCP28236']);
	await page.screenshot({ path: path.join(OUT, 'journey-1-recherche.png'), fullPage: true });

	// open RNCP28235
	await Promise.all([
		page.waitForURL(/\/certifications\/RNCP28235$/),
		page.getByRole('link', { name: /développement des ressources humaines/ }).click(),
	]);
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(),
		"Coordonnateur(trice) du développement des ressources humaines de l'entreprise");
	assert.ok(await page.getByRole('heading', { name: 'Blocs de compétences' }).isVisible());
	const blocks = page.locator('section.block');
	assert.equal(await blocks.count(), 4);
	for (let i = 0; i < 4; i++)
		assert.ok(await blocks.nth(i).isVisible());
	assert.equal(await page.locator('#RNCP28235BC02 h3').innerText(), 'Bloc 2 — La mise en œuvre des solutions');
	// the fiche gives the competences' titles only: a compact list per block
	assert.equal(await page.locator('div.competence').count(), 0);
	assert.equal(await page.locator('ul.competences li').count(), 8);
	// its registration ended in 2022
	assert.equal(await page.locator('p.draft[role=note]').first().innerText(),
		"Enregistrement au RNCP échu depuis le 21/04/2022 : la fiche ne dit pas s'il a été renouvelé.");
	// the access routes table
	const routesTitle = page.getByRole('heading', { name: "Voies d'accès (R-INS-3)" });
	assert.ok(await routesTitle.isVisible());
	const routes = page.locator('h2:has-text("Voies d\'accès") + table');
	assert.ok(await routes.isVisible());
	assert.deepEqual((await routes.locator('thead th').allInnerTexts()).map((s) => s.trim()),
		["Voie d'accès", 'Ouverte', 'Composition du jury']);
	assert.equal(await routes.locator('tbody tr').count(), 6);
	const vae = routes.locator('tbody tr', { hasText: 'Par expérience (VAE)' });
	assert.equal((await vae.locator('td').first().innerText()).trim(), 'Oui');
	const individual = routes.locator('tbody tr', { hasText: 'Par candidature individuelle' });
	assert.equal((await individual.locator('td').first().innerText()).trim(), 'Non renseigné');
	await routesTitle.scrollIntoViewIfNeeded();
	await page.screenshot({ path: path.join(OUT, 'journey-2-certification.png') });

	// log in as the national administrator
	assert.deepEqual(await navLabels(), ['Catalogue', 'Se connecter']);
	await Promise.all([page.waitForURL(/\/connexion$/), navLinks().filter({ hasText: 'Se connecter' }).click()]);
	await page.getByLabel('Identifiant').fill('admin');
	await page.getByLabel('Mot de passe').fill(PASSWORD);
	await Promise.all([
		page.waitForURL(/\/certifications$/),
		page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click(),
	]);
	const labels = await navLabels();
	for (const l of ['Catalogue', 'Centres', 'Comptes', "Journal d'audit", 'admin'])
		assert.ok(labels.includes(l), `navigation shows ${l}: ${labels}`);
	assert.ok(!labels.includes('Se connecter'));
	assert.ok(await page.getByRole('button', { name: 'Se déconnecter' }).isVisible());
	const cookies = await context.cookies(url('/'));
	const session = cookies.find((c) => c.name === 'cqpm_session');
	assert.ok(session, 'session cookie');
	assert.equal(session.httpOnly, true);
	assert.equal(session.sameSite, 'Strict');
	// HttpOnly: scripts of the page cannot read it
	assert.equal(await page.evaluate(() => document.cookie), '');

	// create a centre through the form
	await Promise.all([page.waitForURL(/\/admin\/centres$/), navLinks().filter({ hasText: 'Centres' }).click()]);
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Centres de certification');
	await page.getByLabel('Code (majuscules, chiffres, tirets)').fill('CENTRE-NAVIGATEUR');
	await page.getByLabel('Nom').fill('Centre créé depuis le navigateur');
	await page.getByLabel('Région').fill('Grand Est');
	await page.getByLabel('Adresse').fill('3 place de la Gare, 67000 Strasbourg');
	await page.getByLabel('Courriel').fill('navigateur@exemple.fr');
	await Promise.all([
		page.waitForResponse((r) => r.url() === url('/admin/centres') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Ajouter le centre' }).click(),
	]);
	await page.waitForURL(/\/admin\/centres$/);
	const row = page.locator('table tbody tr', { hasText: 'CENTRE-NAVIGATEUR' });
	assert.equal(await row.count(), 1);
	assert.deepEqual((await row.locator('td').allInnerTexts()).map((s) => s.trim()), [
		'CENTRE-NAVIGATEUR', 'Centre créé depuis le navigateur', 'Grand Est',
		'3 place de la Gare, 67000 Strasbourg', 'navigateur@exemple.fr']);
	assert.equal(await page.locator('table tbody tr').count(), 2);   // with UIMM-DEMO
	await page.screenshot({ path: path.join(OUT, 'journey-3-centres.png'), fullPage: true });

	// log out
	await Promise.all([
		page.waitForURL(/\/certifications$/),
		page.getByRole('button', { name: 'Se déconnecter' }).click(),
	]);
	assert.deepEqual(await navLabels(), ['Catalogue', 'Se connecter']);
	assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 0);
	assert.equal((await context.cookies(url('/'))).find((c) => c.name === 'cqpm_session'), undefined);
	// the admin pages send back to the login form
	await page.goto(url('/admin/centres'));
	assert.match(page.url(), /\/connexion\?next=%2Fadmin%2Fcentres$/);
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Connexion');

	assert.deepEqual(problems, []);
});

test('keyboard: the skip link comes first, the search field is reached with Tab and submits with Enter', async () => {
	problems.length = 0;
	await page.goto(url('/certifications'));
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Aller au contenu');
	// the skip link becomes visible when focused
	const box = await page.locator('a.skip').boundingBox();
	assert.ok(box && box.x >= 0 && box.y >= 0, 'skip link on screen when focused');
	let presses = 1;
	while (presses < 15 && await page.evaluate(() => document.activeElement.id) !== 'q') {
		await page.keyboard.press('Tab');
		presses++;
	}
	assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'search field reached');
	assert.ok(presses <= 6, `search field after ${presses} Tab presses`);
	// a visible focus indicator
	const outline = await page.locator('#q').evaluate((el) => getComputedStyle(el).outlineStyle);
	assert.equal(outline, 'solid');
	await page.keyboard.type('qualite');
	await Promise.all([page.waitForURL(/q=qualite/), page.keyboard.press('Enter')]);
	assert.equal(await page.locator('#resultats').innerText(), '1 certification trouvée.');
	// the result link is reachable by keyboard too
	const link = page.getByRole('link', { name: /système qualité/ });
	await link.focus();
	await Promise.all([page.waitForURL(/\/certifications\/RNCP28242$/), page.keyboard.press('Enter')]);
	assert.deepEqual(problems, []);
});

test('every form input has a label, and no id is given twice, on every page with a form', async () => {
	problems.length = 0;
	const anon = ['/certifications', '/connexion', '/certifications?q=%3Cb%3E'];
	for (const p of anon) {
		await page.goto(url(p));
		assert.deepEqual(await unlabelledControls(), [], p);
		assert.deepEqual(await duplicateIds(page), [], p);   // a label's "for" names the first
	}
	// and the administration forms
	await logIn(page, srv.base, 'admin');
	for (const p of ['/admin/centres', '/admin/comptes', '/admin/audit', '/certifications']) {
		await page.goto(url(p));
		const n = await page.locator('input:not([type=hidden]), select').count();
		assert.ok(n > 0, `${p} has a form`);
		assert.deepEqual(await unlabelledControls(), [], p);
		assert.deepEqual(await duplicateIds(page), [], p);   // a label's "for" names the first
	}
	// a refused form marks the field and says why
	await page.goto(url('/admin/centres'));
	await page.getByLabel('Code (majuscules, chiffres, tirets)').fill('CENTRE-NAVIGATEUR-2');
	await page.getByLabel('Nom').fill('Doublon');
	await page.getByLabel('Courriel').evaluate((el) => { el.type = 'text'; });
	await page.getByLabel('Courriel').fill('pas une adresse');
	await Promise.all([
		page.waitForResponse((r) => r.url() === url('/admin/centres') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Ajouter le centre' }).click(),
	]);
	assert.equal(await page.getByLabel('Courriel').getAttribute('aria-invalid'), 'true');
	assert.equal(await page.getByRole('alert').first().innerText(), 'courriel : adresse électronique invalide.');
	assert.equal(await page.getByLabel('Nom').inputValue(), 'Doublon');
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await page.waitForURL(/\/certifications$/);
	assert.deepEqual(problems, []);
});

/* WCAG contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a, b) {
	const lum = (c) => {
		const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
			v /= 255;
			return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

test('the focus ring stands out (3:1 at least) on the white page and on the blue header', async () => {
	problems.length = 0;
	await page.goto(url('/certifications'));
	const header = await page.locator('header.site').evaluate((el) => getComputedStyle(el).backgroundColor);
	const main = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
	assert.equal(main, 'rgb(255, 255, 255)');
	await page.locator('#q').focus();
	const q = await page.locator('#q').evaluate((el) => getComputedStyle(el).outlineColor);
	assert.ok(contrast(q, main) >= 3, `search field ring ${q}: ${contrast(q, main).toFixed(2)}:1 on white`);
	const catalogue = navLinks().filter({ hasText: 'Catalogue' });
	await catalogue.focus();
	const n = await catalogue.evaluate((el) => getComputedStyle(el).outlineColor);
	assert.equal(await catalogue.evaluate((el) => getComputedStyle(el).outlineStyle), 'solid');
	assert.ok(contrast(n, header) >= 3, `header link ring ${n}: ${contrast(n, header).toFixed(2)}:1 on ${header}`);
	await page.screenshot({ path: path.join(OUT, 'focus-entete.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
	assert.deepEqual(problems, []);
});

test('draft referential and accounts page: screenshots, the account form in use', async () => {
	problems.length = 0;
	// the draft: each competence a card with its modalities, the block's same list not repeated
	await page.goto(url('/certifications/PROJET-CHARGE-RH'));
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Chargé de Ressources Humaines');
	const block = page.locator('section#bloc-1');
	assert.equal(await block.locator('div.competence').count(), 2);
	assert.equal(await block.getByText("Modalités d'évaluation possibles :").count(), 2);
	assert.equal(await block.locator('summary').innerText(), 'Liste des compétences (texte du référentiel)');
	await page.screenshot({ path: path.join(OUT, 'presentation-1-projet.png'), fullPage: true });

	await logIn(page, srv.base, 'admin');
	await page.goto(url('/admin/comptes'));
	assert.equal(await page.getByLabel('Rôle').inputValue(), '');
	assert.equal(await page.getByLabel('Centre', { exact: true }).inputValue(), '');
	assert.deepEqual(await page.getByLabel('Centre', { exact: true }).locator('option').allInnerTexts(),
		['Aucun (compte national)', 'Centre créé depuis le navigateur (CENTRE-NAVIGATEUR)',
			'UIMM territoriale de démonstration — centre de certification (UIMM-DEMO)']);
	assert.equal(await page.getByRole('button', { name: 'Désactiver le compte jury' }).count(), 1);
	await page.screenshot({ path: path.join(OUT, 'presentation-2-comptes.png'), fullPage: true });

	// no role chosen: refused, the message read with the list
	await page.getByLabel('Identifiant', { exact: true }).fill('marie');
	await page.getByLabel('Nom', { exact: true }).fill('Marie Curie');
	await page.getByLabel('Centre', { exact: true }).selectOption('UIMM-DEMO');
	await page.getByLabel(/Mot de passe/).fill('un-mot-de-passe-long');
	await Promise.all([
		page.waitForResponse((r) => r.url() === url('/admin/comptes') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Créer le compte' }).click(),
	]);
	const role = page.getByLabel('Rôle');
	assert.equal(await role.getAttribute('aria-invalid'), 'true');
	const described = await role.getAttribute('aria-describedby');
	assert.equal(described, 'err-role');
	assert.match(await page.locator('#err-role').innerText(), /^rôle : /);
	assert.equal(await page.getByLabel('Centre', { exact: true }).inputValue(), 'UIMM-DEMO');
	await page.screenshot({ path: path.join(OUT, 'presentation-3-comptes-erreur.png'), fullPage: true });

	// with a role, created
	await role.selectOption('jury');
	await page.getByLabel(/Mot de passe/).fill('un-mot-de-passe-long');
	await Promise.all([
		page.waitForURL(/\/admin\/comptes$/),
		page.getByRole('button', { name: 'Créer le compte' }).click(),
	]);
	const row = page.locator('table tbody tr', { hasText: 'marie' });
	assert.equal(await row.count(), 1);
	assert.equal(await page.getByRole('button', { name: 'Désactiver le compte marie' }).count(), 1);

	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await page.waitForURL(/\/certifications$/);
	assert.deepEqual(problems, []);
});
