// The candidate's path in a real browser (headless Chromium through
// playwright-core), as centre staff and as an evaluator would go through
// it: the registration form with a refused field then corrected, and the
// refusal of a closed route (R-INS-3); the evaluation dossier (R-EVA-1,
// R-EVA-2), the commission (R-EVA-5), the results entered by the centre
// and by the evaluator in his own session, the company's opinion (R-EVA-3),
// the synthesis with the blocks' states and the derived status (R-EVA-6)
// and its PDF; then a VAE: the admissibility file, the decisions and their
// communication (R-VAE-1, R-VAE-2), the livret 2 uploaded on the documents
// page, the validation commission refused before it and recorded after
// (R-VAE-3). Every page with a form is checked for unlabelled controls and
// ids given twice. Screenshots and the PDFs go to tests/out/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, before, after, startServer, stopAndCheck, DEMO_CENTRE, PASSWORD } from '../http/server.mjs';
import { OUT, launchBrowser, newPage, navLinks, navLabels, unlabelledControls, duplicateIds, heading,
	submit } from './helpers.mjs';

const CERT = 'RNCP28235';
const CERT_TITLE = "Coordonnateur(trice) du développement des ressources humaines de l'entreprise";
const COMPANY_SIRET = '73282932000074';
const BAD_SIRET = '73282932000075';   // the Luhn key is wrong

/* Today, in a year, as the server's local dates; and as pages show them. */
const iso = (d) => d.toLocaleDateString('sv-SE');
const TODAY = iso(new Date());
const NEXT_YEAR = iso(new Date(Date.now() + 365 * 86400000));
const ALL8 = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];
const CENTRE_NAME = 'Chargée de certification, centre de démonstration';
const EVALUATOR_NAME = "Évaluateur de la commission d'évaluation";
const fr = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

let srv, browser, tmp;
const problems = [];   // console errors, failed requests, HTTP errors of sub-resources

before(async () => {
	srv = await startServer();
	tmp = mkdtempSync(path.join(tmpdir(), 'cqpm-browser-'));
	browser = await launchBrowser();
});

after(async () => {
	try {
		if (browser)
			await browser.close();
	} finally {
		if (tmp)
			rmSync(tmp, { recursive: true, force: true });
		await stopAndCheck(srv);
	}
});

const url = (p) => srv.url(p);
const shot = (page, name) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
const trim = (a) => a.map((s) => s.replace(/\s+/g, ' ').trim());

/* The page has no form control without a label, and no id twice. */
async function labelled(page) {
	assert.deepEqual(await unlabelledControls(page), [], `unlabelled controls on ${page.url()}`);
	assert.deepEqual(await duplicateIds(page), [], `ids given twice on ${page.url()}`);
}

/* The control labelled exactly label (or matching a regular expression). */
const field = (scope, label) => scope.getByLabel(label, { exact: typeof label === 'string' });

/* The text of the notice (role status) and of the alerts of the page. */
const notice = (page) => page.locator('p.notice[role=status]');
const alerts = async (page) => trim(await page.getByRole('alert').allInnerTexts());

/* "Term" → "definition" of the <dl class="facts"> lists of scope. */
async function facts(scope) {
	return scope.locator('dl.facts').evaluateAll((dls) => {
		const out = {};
		for (const dl of dls)
			for (const dt of dl.querySelectorAll('dt')) {
				const dd = dt.nextElementSibling;
				if (dd && dd.tagName === 'DD')
					out[dt.innerText.trim()] = dd.innerText.replace(/\s+/g, ' ').trim();
			}
		return out;
	});
}

/* The cells of the body rows of a table, as shown. */
async function cells(table) {
	return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) =>
		[...r.querySelectorAll('th, td')].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

/* The text of a PDF (pdftotext), its blanks and apostrophes made plain;
** the PDF is kept in the output directory as name.pdf. */
async function pdfText(bytes, name) {
	const file = path.join(OUT, `${name}.pdf`);
	writeFileSync(file, bytes);
	assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	const text = await new Promise((resolve, reject) => execFile('pdftotext', ['-enc', 'UTF-8', file, '-'],
		(err, stdout) => (err ? reject(err) : resolve(stdout))));
	return text.replace(/[\u2019]/g, "'").replace(/\s+/g, ' ');
}

/* The label of the option chosen in a select. */
const selected = async (select) => (await select.locator('option:checked').innerText()).trim();

/* On the VAE page, records that the decision was communicated by means
** (the date left as proposed, today). */
async function communicate(page, kid, rid, means) {
	assert.equal(await field(page, 'Date de la communication au candidat').inputValue(), TODAY);
	await field(page, 'Moyen').selectOption({ label: means });
	await submit(page, page.getByRole('button', { name: 'Enregistrer la communication' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/vae?inscription=${rid}&fait=communication#communication`), page.url());
	assert.equal(await notice(page).innerText(), 'La communication de la décision au candidat est enregistrée.');
	assert.equal((await facts(page))['Communiquée au candidat'], `le ${fr(TODAY)} (${means})`);
	assert.equal(await page.getByText(/^La décision a été communiquée au candidat le /).innerText(),
		`La décision a été communiquée au candidat le ${fr(TODAY)} (${means}).`);
}

/* The phases of the VAE page, as listed. */
const phases = async (page) => trim(await page.getByRole('heading', { name: 'Phases du parcours' })
	.locator('xpath=following-sibling::ol[1]/li').allInnerTexts());

/* The derived status and the blocks' states of the evaluations' page. */
const derived = async (page) => /^État dérivé des résultats \(R-EVA-6\) : (.*)\.$/.exec(
	(await page.getByText(/^État dérivé des résultats/).innerText()).trim())[1];
const blockStates = async (page) => (await page.getByText(/^Bloc RNCP\w+ — /).allInnerTexts())
	.map((t) => t.replace(/^.* : /, '').trim());

/*
** On the evaluations' page, records the result of competence code with
** modality, the date left as proposed (today), and checks what the page
** then says of it. Returns the facts line of the competence.
*/
async function record(page, kid, code, result, modality) {
	const section = page.locator(`#competence-${code}`);
	await field(section, result).check();
	await field(section, 'Modalité utilisée (convenue au dossier)').selectOption({ label: modality });
	await field(section, 'Critères observés').fill(`Critères de ${code} : méthode, rigueur`);
	await field(section, 'Appréciation écrite').fill(`Appréciation de ${code}.`);
	assert.equal(await field(section, "Date de l'évaluation").inputValue(), TODAY);
	await submit(page, section.getByRole('button', { name: `Enregistrer le résultat de ${code}` }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/evaluations?fait=resultat#competence-${code}`), page.url());
	assert.equal(await notice(page).innerText(), 'Le résultat est enregistré.');
	// the form shows what is recorded
	assert.ok(await field(section, result).isChecked());
	assert.equal(await field(section, 'Critères observés').inputValue(), `Critères de ${code} : méthode, rigueur`);
	const line = (await section.locator('p').first().innerText()).trim();
	assert.ok(line.startsWith(`${result} — ${modality}, le ${fr(TODAY)}, par `), line);
	return line;
}

/* A logged-in page of its own browser context (its own session). */
async function session(login) {
	const page = await newPage(browser, problems);
	await page.goto(url('/certifications'));
	assert.deepEqual(await navLabels(page), ['Catalogue', 'Se connecter']);
	await Promise.all([page.waitForURL(/\/connexion$/), navLinks(page).filter({ hasText: 'Se connecter' }).click()]);
	assert.equal(await heading(page), 'Connexion');
	await labelled(page);
	await field(page, 'Identifiant').fill(login);
	await field(page, 'Mot de passe').fill(PASSWORD);
	await Promise.all([
		page.waitForURL(/\/certifications$/),
		page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click(),
	]);
	const labels = await navLabels(page);
	assert.ok(labels.includes('Candidats'), `navigation of ${login}: ${labels}`);
	assert.ok(labels.includes(login), `navigation of ${login}: ${labels}`);
	return page;
}

/* From the navigation to the candidates' list; returns the number of
** registrations it says it found. */
async function openCandidates(page) {
	await Promise.all([page.waitForURL(/\/candidats$/), navLinks(page).filter({ hasText: 'Candidats' }).click()]);
	assert.equal(await heading(page), 'Candidats');
	await labelled(page);
	const m = /^(\d+) inscriptions? trouvées?\.( Exporter la liste \(CSV\))?$/.exec(
		(await page.locator('#resultats').innerText()).trim());
	assert.ok(m, await page.locator('#resultats').innerText());
	return Number(m[1]);
}

/* Fills the candidate's part of the registration form. */
async function fillPerson(page, p) {
	await field(page, 'Nom de naissance').fill(p.birthName);
	await field(page, 'Prénoms (dans l\'ordre de l\'état civil)').fill(p.firstNames);
	await field(page, 'Sexe').selectOption(p.sex);
	await field(page, 'Date de naissance').fill(p.birthDate);
	await field(page, 'Commune de naissance').fill(p.birthTown);
	await field(page, /^Département de naissance/).fill(p.birthDepartment);
	await field(page, /^Code INSEE de la commune de naissance/).fill(p.birthInsee);
	await field(page, 'Courriel').fill(p.email);
}

test('registration and evaluation: form with a refused field, dossier, commission, results by the centre and the evaluator, opinion, synthesis and its PDF; a closed route refused', async () => {
	problems.length = 0;
	const page = await session('centre');
	const before = await openCandidates(page);

	// the registration form
	await Promise.all([page.waitForURL(/\/candidats\/nouveau$/),
		page.getByRole('link', { name: 'Inscrire un candidat' }).click()]);
	assert.equal(await heading(page), 'Inscrire un candidat');
	assert.equal(await page.title(), 'Inscrire un candidat — cqpm');
	await labelled(page);
	assert.equal(await field(page, 'Pays de naissance').inputValue(), 'France');
	assert.equal(await field(page, "Date de l'inscription").inputValue(), TODAY);
	const person = { birthName: 'Garnier', firstNames: 'Élise Marie', sex: 'F', birthDate: '1994-06-21',
		birthTown: 'Lyon', birthDepartment: '69', birthInsee: '69123', email: 'elise.garnier@exemple.fr' };
	await fillPerson(page, person);
	await field(page, 'Certification').selectOption(CERT);
	await field(page, "Voie d'accès à la certification").selectOption('continuing');
	await field(page, 'Inscription faite par').selectOption('company');
	await field(page, 'Origine (annexe 14)').selectOption('SL');
	await field(page, 'Dispositif de financement').selectOption('PDC');
	await field(page, 'Raison sociale').fill('Forges de Lyon');
	await field(page, 'SIRET').fill(BAD_SIRET);
	await field(page, /^Code NAF/).fill('25.62B');
	await field(page, 'Secteur').selectOption('M');
	await field(page, "Adresse de l'entreprise").fill('12 rue des Forges, 69007 Lyon');
	await field(page, 'Tuteur (nom et prénom)').fill('Paul Durand');
	await submit(page, page.getByRole('button', { name: 'Inscrire le candidat' }));

	// refused: the message beside the SIRET, every typed value kept
	assert.equal(await page.title(), 'Erreur — Inscrire un candidat — cqpm');
	const siret = field(page, 'SIRET');
	assert.equal(await siret.getAttribute('aria-invalid'), 'true');
	assert.equal(await siret.getAttribute('aria-describedby'), 'err-company_siret');
	const siretError = (await page.locator('#err-company_siret').innerText()).trim();
	assert.equal(siretError, "SIRET de l'entreprise : le numéro SIRET est invalide (clé de contrôle erronée).");
	assert.deepEqual(await alerts(page), [
		"L'inscription n'est pas enregistrée : SIRET de l'entreprise : le numéro SIRET est invalide (clé de contrôle erronée).",
		siretError]);
	assert.equal(await siret.inputValue(), BAD_SIRET);
	assert.equal(await field(page, 'Nom de naissance').inputValue(), person.birthName);
	assert.equal(await field(page, 'Prénoms (dans l\'ordre de l\'état civil)').inputValue(), person.firstNames);
	assert.equal(await field(page, 'Sexe').inputValue(), 'F');
	assert.equal(await field(page, 'Date de naissance').inputValue(), person.birthDate);
	assert.equal(await field(page, /^Code INSEE/).inputValue(), person.birthInsee);
	assert.equal(await field(page, 'Certification').inputValue(), CERT);
	assert.equal(await field(page, "Voie d'accès à la certification").inputValue(), 'continuing');
	assert.equal(await field(page, 'Inscription faite par').inputValue(), 'company');
	assert.equal(await field(page, 'Dispositif de financement').inputValue(), 'PDC');
	assert.equal(await field(page, 'Raison sociale').inputValue(), 'Forges de Lyon');
	assert.equal(await field(page, /^Code NAF/).inputValue(), '25.62B');
	assert.equal(await field(page, 'Tuteur (nom et prénom)').inputValue(), 'Paul Durand');
	await labelled(page);
	await shot(page, 'candidat-1-inscription-refusee');

	// corrected: registered, the candidate's page
	await siret.fill(COMPANY_SIRET);
	await submit(page, page.getByRole('button', { name: 'Inscrire le candidat' }));
	const m = /\/candidats\/(\d+)\?fait=inscription$/.exec(page.url());
	assert.ok(m, page.url());
	const kid = Number(m[1]);
	const name = 'Garnier Élise Marie';
	assert.equal(await heading(page), name);
	assert.equal(await page.title(), `${name} — cqpm`);
	assert.equal(await notice(page).innerText(), 'Le candidat est inscrit.');
	assert.equal(await page.getByText(/^Candidat n° /).innerText(), `Candidat n° ${kid} — centre ${DEMO_CENTRE} — En cours`);
	const shown = await facts(page);
	const rid = Number(/^Inscription n° (\d+)$/.exec(await page.getByRole('heading', { name: /^Inscription n° / }).innerText())[1]);
	for (const [k, v] of Object.entries({
		'Nom de naissance': 'Garnier', 'Prénoms': 'Élise Marie', 'Sexe': 'Femme',
		'Date de naissance': '21/06/1994', 'Lieu de naissance': 'Lyon (69), France — code INSEE 69123',
		'Courriel': 'elise.garnier@exemple.fr',
		'Certification': `${CERT} (CQPM) — ${CERT_TITLE}`, 'Centre de certification': DEMO_CENTRE,
		"Voie d'accès": 'Après un parcours de formation continue', 'Inscription faite par': 'Entreprise',
		'Origine': 'Salarié', 'Financement': 'Plan de développement des compétences',
		'Entreprise': `Forges de Lyon — SIRET ${COMPANY_SIRET} — NAF 25.62B — secteur M 12 rue des Forges, 69007 Lyon`,
		'Tuteur': 'Paul Durand', 'Inscrit le': fr(TODAY), "État de l'inscription": 'Inscription en cours',
		"Avis de l'entreprise (R-EVA-3)": 'requis', 'Résultat': 'En cours',
	}))
		assert.equal(shown[k], v, k);
	const blocks = await cells(page.getByRole('table', { name: 'Blocs de compétences' }));
	assert.deepEqual(blocks.map((r) => [r[0], r[2], r[3]]), [
		[`${CERT}BC01`, 'C1, C2, C3', 'En cours'], [`${CERT}BC02`, 'C4, C5, C6', 'En cours'],
		[`${CERT}BC03`, 'C7', 'En cours'], [`${CERT}BC04`, 'C8', 'En cours']]);
	const results = await cells(page.getByRole('table', { name: 'Compétences et résultats des évaluations' }));
	assert.deepEqual(results.map((r) => r[0]), ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
	assert.ok(results.every((r) => r[3] === 'Non évaluée'));
	await labelled(page);
	await shot(page, 'candidat-2-inscrit');

	// the evaluation dossier: not yet agreed
	const journey = page.getByRole('navigation', { name: 'Parcours du candidat' });
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/dossier$`)),
		journey.getByRole('link', { name: "Dossier d'évaluation" }).click()]);
	assert.equal(await heading(page), "Dossier d'évaluation");
	await labelled(page);
	assert.equal(await page.getByText(/^Le dossier d'évaluation n'est pas encore convenu/).innerText(),
		"Le dossier d'évaluation n'est pas encore convenu : aucun résultat ne peut être enregistré avant (R-EVA-2).");
	assert.equal(await page.getByText(/^Les modalités sont convenues par/).innerText(),
		"Les modalités sont convenues par : Le centre et l'entreprise (R-EVA-2). Pour chaque compétence, choisissez parmi les modalités que prévoit le référentiel.");
	assert.equal(await page.getByText(/^La commission d'évaluation compte/).innerText(),
		"La commission d'évaluation compte 0 membre : elle doit en réunir plusieurs (R-EVA-5).");
	assert.ok(await page.getByText("Aucun évaluateur n'est encore affecté.").isVisible());
	const competence = (c) => page.getByRole('group', { name: new RegExp(`^${c} — `) });
	const REAL = 'Évaluation en situation professionnelle réelle';
	const PROJECT = 'Présentation de projets ou activités réalisés en milieu professionnel';
	const RECONSTITUTED = "Évaluation à partir d'une situation professionnelle reconstituée";
	for (const c of ALL8) {
		assert.deepEqual(trim(await competence(c).locator('label').allInnerTexts()), [REAL, PROJECT, RECONSTITUTED], c);
		if (c !== 'C8')
			await field(competence(c), REAL).check();
	}
	await field(competence('C1'), PROJECT).check();
	await field(competence('C3'), RECONSTITUTED).check();
	await field(page, 'Lieux des évaluations (entreprises, organisme de formation habilité, autre lieu adapté)')
		.fill("Atelier de l'entreprise\nSalle de réunion du centre");
	await field(page, "Début de la période d'évaluation").fill(TODAY);
	await field(page, "Fin de la période d'évaluation").fill(NEXT_YEAR);
	assert.equal(await field(page, "Date de l'accord").inputValue(), TODAY);
	await field(page, 'Signataire pour le centre').fill('Claire Lenoir');
	await field(page, "Signataire pour l'entreprise").fill('Paul Durand');
	// C8 forgotten: refused in its own group, the other choices kept (R-EVA-2)
	await submit(page, page.getByRole('button', { name: 'Convenir du dossier' }));
	assert.equal(await page.title(), `Erreur — Dossier d'évaluation — ${name} — cqpm`);
	assert.equal(await competence('C8').getAttribute('aria-invalid'), 'true');
	assert.deepEqual(await alerts(page), [
		"Le dossier doit fixer au moins une modalité d'évaluation pour la compétence C8. (règle R-EVA-2)"]);
	assert.equal(await competence('C8').getByRole('alert').getAttribute('id'), 'err-modalities.C8');
	assert.ok(await field(competence('C1'), PROJECT).isChecked());
	assert.ok(await field(competence('C3'), RECONSTITUTED).isChecked());
	assert.ok(!await field(competence('C2'), PROJECT).isChecked());
	assert.equal(await field(page, 'Signataire pour le centre').inputValue(), 'Claire Lenoir');
	assert.equal(await field(page, "Fin de la période d'évaluation").inputValue(), NEXT_YEAR);
	await labelled(page);
	// agreed
	await field(competence('C8'), REAL).check();
	await submit(page, page.getByRole('button', { name: 'Convenir du dossier' }));
	assert.match(page.url(), new RegExp(`/candidats/${kid}/dossier\\?fait=dossier$`));
	assert.equal(await notice(page).innerText(), "Le dossier d'évaluation est convenu.");
	const agreed = await facts(page);
	assert.deepEqual(agreed, { 'Convenu par': "Le centre et l'entreprise", 'Le': fr(TODAY),
		'Lieux des évaluations': "Atelier de l'entreprise Salle de réunion du centre",
		'Période': `du ${fr(TODAY)} au ${fr(NEXT_YEAR)}`, 'Signataire pour le centre': 'Claire Lenoir',
		"Signataire pour l'entreprise": 'Paul Durand' });
	const chosen = await page.getByRole('table', { name: "Modalités d'évaluation convenues (R-EVA-2)" })
		.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th').textContent,
			[...r.querySelectorAll('li')].map((li) => li.textContent)]));
	assert.deepEqual(chosen, [['C1', [REAL, PROJECT]], ['C2', [REAL]], ['C3', [REAL, RECONSTITUTED]],
		['C4', [REAL]], ['C5', [REAL]], ['C6', [REAL]], ['C7', [REAL]], ['C8', [REAL]]]);
	// the form of a new dossier starts from the agreed one
	assert.ok(await page.getByRole('heading', { name: "Convenir d'un nouveau dossier" }).isVisible());
	assert.ok(await field(competence('C3'), RECONSTITUTED).isChecked());
	assert.equal(await field(page, "Signataire pour l'entreprise").inputValue(), 'Paul Durand');
	await labelled(page);

	// the commission: the demo evaluator
	const evaluatorChoice = field(page, `Évaluateur du centre ${DEMO_CENTRE}`);
	assert.deepEqual(trim(await evaluatorChoice.locator('option').allInnerTexts()),
		["Évaluateur de la commission d'évaluation (evaluateur)"]);
	await evaluatorChoice.selectOption('evaluateur');
	await submit(page, page.getByRole('button', { name: 'Affecter à la commission' }));
	assert.match(page.url(), new RegExp(`/candidats/${kid}/dossier\\?fait=membre$`));
	assert.equal(await notice(page).innerText(), "L'évaluateur est affecté à la commission d'évaluation.");
	const members = page.getByRole('heading', { name: "Commission d'évaluation" }).locator('xpath=following-sibling::table[1]');
	assert.deepEqual(await cells(members), [["Évaluateur de la commission d'évaluation", 'evaluateur', fr(TODAY), 'Retirer evaluateur']]);
	assert.equal(await page.getByText(/^La commission d'évaluation compte/).innerText(),
		"La commission d'évaluation compte 1 membre : elle doit en réunir plusieurs (R-EVA-5).");
	assert.equal(await page.getByText(/^Aucun autre évaluateur du centre/).innerText(),
		`Aucun autre évaluateur du centre ${DEMO_CENTRE} ne peut être affecté.`);
	await labelled(page);
	await shot(page, 'candidat-3-dossier');

	// the results entered by the centre
	const tabs = page.getByRole('navigation', { name: 'Évaluation du candidat' });
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/evaluations$`)),
		tabs.getByRole('link', { name: 'Évaluations', exact: true }).click()]);
	assert.equal(await heading(page), 'Évaluations');
	await labelled(page);
	assert.equal(await derived(page), 'En cours');
	assert.deepEqual(await blockStates(page), ['En cours', 'En cours', 'En cours', 'En cours']);
	assert.deepEqual(trim(await field(page.locator('#competence-C1'), 'Modalité utilisée (convenue au dossier)')
		.locator('option').allInnerTexts()), [REAL, PROJECT]);
	await record(page, kid, 'C1', 'Acquise', PROJECT);
	for (const c of ['C2', 'C4', 'C5', 'C6'])
		await record(page, kid, c, 'Acquise', REAL);
	assert.equal(await derived(page), 'En cours');
	assert.deepEqual(await blockStates(page), ['En cours', 'Acquis', 'En cours', 'En cours']);

	// the evaluator, in his own session: only this candidate in his list
	const ev = await session('evaluateur');
	assert.equal(await openCandidates(ev), 1);
	assert.equal(await ev.getByRole('link', { name: 'Inscrire un candidat' }).count(), 0);
	const listed = await cells(ev.getByRole('table', { name: 'Inscriptions' }));
	assert.deepEqual(listed, [[String(kid), 'Garnier', 'Élise Marie', '21/06/1994',
		`${CERT} Coordonnateur(trice) du développement des ressources…`, 'Certification entière',
		'Après un parcours de formation continue', fr(TODAY), 'Inscription en cours']]);
	await Promise.all([ev.waitForURL(new RegExp(`/candidats/${kid}$`)),
		ev.getByRole('table', { name: 'Inscriptions' }).getByRole('link', { name: String(kid), exact: true }).click()]);
	assert.equal(await heading(ev), name);
	await labelled(ev);
	await Promise.all([ev.waitForURL(new RegExp(`/candidats/${kid}/evaluations$`)),
		ev.getByRole('navigation', { name: 'Parcours du candidat' }).getByRole('link', { name: 'Évaluations', exact: true }).click()]);
	await labelled(ev);
	// what the centre recorded is there
	assert.equal((await ev.locator('#competence-C1 p').first().innerText()).trim(),
		`Acquise — ${PROJECT}, le ${fr(TODAY)}, par ${CENTRE_NAME}`);
	assert.equal(await record(ev, kid, 'C3', 'Non acquise', RECONSTITUTED),
		`Non acquise — ${RECONSTITUTED}, le ${fr(TODAY)}, par ${EVALUATOR_NAME}`);
	for (const c of ['C7', 'C8'])
		await record(ev, kid, c, 'Acquise', REAL);
	assert.equal(await derived(ev), 'Non acquis');
	await shot(ev, 'candidat-4-evaluateur');
	// he does not agree dossiers nor form commissions
	await Promise.all([ev.waitForURL(new RegExp(`/candidats/${kid}/dossier$`)),
		ev.getByRole('navigation', { name: 'Évaluation du candidat' }).getByRole('link', { name: "Dossier d'évaluation" }).click()]);
	assert.equal(await ev.getByRole('button').filter({ hasText: /Convenir|Affecter|Retirer/ }).count(), 0);
	assert.equal((await facts(ev))['Signataire pour le centre'], 'Claire Lenoir');
	await ev.context().close();

	// the centre sees his results
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/evaluations$`)),
		tabs.getByRole('link', { name: 'Évaluations', exact: true }).click()]);
	assert.equal(await notice(page).count(), 0);
	assert.equal(await derived(page), 'Non acquis');
	assert.deepEqual(await blockStates(page), ['Non acquis', 'Acquis', 'Acquis', 'Acquis']);
	assert.equal((await page.locator('#competence-C3 p').first().innerText()).trim(),
		`Non acquise — ${RECONSTITUTED}, le ${fr(TODAY)}, par ${EVALUATOR_NAME}`);

	// the company's opinion
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/avis$`)),
		tabs.getByRole('link', { name: "Avis de l'entreprise" }).click()]);
	assert.equal(await heading(page), "Avis de l'entreprise");
	await labelled(page);
	assert.ok(await page.getByText("L'avis de l'entreprise n'est pas encore enregistré.").isVisible());
	// proposed: the tutor of the registration, today
	assert.equal(await field(page, "Auteur de l'avis").inputValue(), 'Paul Durand');
	assert.equal(await field(page, "Qualité de l'auteur").inputValue(), 'tutor');
	assert.equal(await field(page, "Date de l'avis").inputValue(), TODAY);
	await field(page, 'Favorable').check();
	await field(page, 'Commentaire').fill('Très impliquée dans les projets RH.\nÀ suivre sur la veille juridique.');
	await submit(page, page.getByRole('button', { name: "Enregistrer l'avis" }));
	assert.match(page.url(), new RegExp(`/candidats/${kid}/avis\\?fait=avis$`));
	assert.equal(await notice(page).innerText(), "L'avis de l'entreprise est enregistré.");
	const opinion = { 'Avis': 'Favorable', 'Donné par': 'Paul Durand (Tuteur)', 'Le': fr(TODAY),
		'Commentaire': 'Très impliquée dans les projets RH. À suivre sur la veille juridique.' };
	assert.deepEqual(await facts(page), opinion);
	assert.ok(await page.getByRole('heading', { name: "Remplacer l'avis" }).isVisible());
	assert.ok(await field(page, 'Favorable').isChecked());
	await labelled(page);

	// the synthesis
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/synthese$`)),
		tabs.getByRole('link', { name: 'Synthèse des évaluations' }).click()]);
	assert.equal(await heading(page), 'Synthèse des évaluations');
	await labelled(page);
	const synthesis = await facts(page);
	for (const [k, v] of Object.entries({
		'Certification': `${CERT} — ${CERT_TITLE}`,
		'Nature': 'Certificat de qualification paritaire de la métallurgie',
		'Candidat': `${name}, née le 21/06/1994 à Lyon`,
		'Inscription': `n° ${rid} du ${fr(TODAY)}, centre ${DEMO_CENTRE} (Inscription en cours)`,
		"Voie d'accès": 'Après un parcours de formation continue', 'Inscrit par': 'Entreprise',
		'Entreprise': 'Forges de Lyon',
		"Dossier d'évaluation": `convenu le ${fr(TODAY)} (Le centre et l'entreprise) ; évaluations du ${fr(TODAY)} au ${fr(NEXT_YEAR)}`,
		"Commission d'évaluation": EVALUATOR_NAME,
		'Statut dérivé (R-EVA-6)': 'Non acquis', 'Évaluations': 'complètes', ...opinion,
	}))
		assert.equal(synthesis[k], v, k);
	const sections = page.locator('section.block');
	assert.equal(await sections.count(), 4);
	const expected = [
		[`${CERT}BC01`, 'Non acquis', [['C1', 'Acquise'], ['C2', 'Acquise'], ['C3', 'Non acquise']]],
		[`${CERT}BC02`, 'Acquis', [['C4', 'Acquise'], ['C5', 'Acquise'], ['C6', 'Acquise']]],
		[`${CERT}BC03`, 'Acquis', [['C7', 'Acquise']]],
		[`${CERT}BC04`, 'Acquis', [['C8', 'Acquise']]],
	];
	for (let i = 0; i < 4; i++) {
		const [code, state, comps] = expected[i];
		const section = sections.nth(i);
		assert.match(await section.getByRole('heading', { level: 2 }).innerText(), new RegExp(`^Bloc ${code} — `));
		assert.equal((await section.getByText(/^État : /).innerText()).trim(), `État : ${state}`);
		const rows = await cells(section.getByRole('table'));
		assert.deepEqual(rows.map((r) => [r[0].split(' — ')[0], r[1]]), comps, code);
		for (const r of rows)
			assert.equal(r[3], fr(TODAY));
	}
	// the not acquired competence stands out
	assert.equal(await sections.nth(0).locator('span.no').innerText(), 'Non acquise');
	await shot(page, 'candidat-5-synthese');

	// its PDF, with the session of the page
	const link = page.getByRole('link', { name: 'Télécharger la synthèse (PDF)' });
	assert.equal(await link.getAttribute('href'), `/candidats/${kid}/synthese.pdf`);
	const pdf = await page.request.get(url(await link.getAttribute('href')));
	assert.equal(pdf.status(), 200);
	assert.equal(pdf.headers()['content-type'], 'application/pdf');
	assert.equal(pdf.headers()['content-disposition'], `inline; filename="synthese-${kid}.pdf"`);
	const text = await pdfText(await pdf.body(), 'candidat-synthese');
	for (const s of ['Nom de naissance Garnier Prénoms Élise Marie', `${CERT} — ${CERT_TITLE}`,
		'Bloc RNCP28235BC01 — L\'identification de la problématique RH et la proposition de solutions État du bloc : Non acquis.',
		'État du bloc : Acquis.', 'Avis Favorable Émis par Paul Durand, Tuteur',
		'Compétences acquises : 7 sur 8 ; blocs acquis : 3 sur 4.', 'Statut au vu des évaluations : Non acquis'])
		assert.ok(text.includes(s), `the PDF says "${s}": ${text}`);

	// a route closed on the fiche: refused (R-INS-3), nothing registered
	assert.equal(await openCandidates(page), before + 1);
	await Promise.all([page.waitForURL(/\/candidats\/nouveau$/),
		page.getByRole('link', { name: 'Inscrire un candidat' }).click()]);
	await fillPerson(page, { birthName: 'Roux', firstNames: 'Hugo', sex: 'M', birthDate: '1988-03-02',
		birthTown: 'Marseille', birthDepartment: '13', birthInsee: '13055', email: 'hugo.roux@exemple.fr' });
	await field(page, 'Certification').selectOption('RNCP28242');
	await field(page, "Voie d'accès à la certification").selectOption('individual');
	await field(page, 'Inscription faite par').selectOption('candidate');
	await field(page, 'Origine (annexe 14)').selectOption('DE');
	await field(page, 'Dispositif de financement').selectOption('CPF');
	await submit(page, page.getByRole('button', { name: 'Inscrire le candidat' }));
	assert.equal(await page.title(), 'Erreur — Inscrire un candidat — cqpm');
	const closed = "La certification RNCP28242 n'est pas ouverte à la voie « Par candidature individuelle ».";
	assert.deepEqual(await alerts(page), [`Inscription refusée (règle R-INS-3) : ${closed}`, `${closed} (règle R-INS-3)`]);
	const route = field(page, "Voie d'accès à la certification");
	assert.equal(await route.getAttribute('aria-invalid'), 'true');
	assert.equal(await route.getAttribute('aria-describedby'), 'err-route');
	assert.equal(await route.inputValue(), 'individual');
	assert.equal(await field(page, 'Certification').inputValue(), 'RNCP28242');
	assert.equal(await field(page, 'Nom de naissance').inputValue(), 'Roux');
	await labelled(page);
	await shot(page, 'candidat-6-voie-fermee');
	assert.equal(await openCandidates(page), before + 1);
	await page.context().close();
	assert.deepEqual(problems, []);
});

test('VAE: admissibility file, incomplete then admissible with their communication, commission refused before the livret 2, livret 2 uploaded, partial validation', async () => {
	problems.length = 0;
	const page = await session('centre');
	await openCandidates(page);
	await Promise.all([page.waitForURL(/\/candidats\/nouveau$/),
		page.getByRole('link', { name: 'Inscrire un candidat' }).click()]);
	await fillPerson(page, { birthName: 'Lefèvre', firstNames: 'Nadia', sex: 'F', birthDate: '1979-09-30',
		birthTown: 'Nantes', birthDepartment: '44', birthInsee: '44109', email: 'nadia.lefevre@exemple.fr' });
	await field(page, 'Certification').selectOption(CERT);
	await field(page, "Voie d'accès à la certification").selectOption('vae');
	await field(page, 'Type de VAE (voie VAE seulement)').selectOption('branch');
	await field(page, 'Inscription faite par').selectOption('candidate');
	await field(page, 'Origine (annexe 14)').selectOption('SL');
	await field(page, 'Dispositif de financement').selectOption('CPF');
	await submit(page, page.getByRole('button', { name: 'Inscrire le candidat' }));
	const m = /\/candidats\/(\d+)\?fait=inscription$/.exec(page.url());
	assert.ok(m, `${page.url()} ${await alerts(page)}`);
	const kid = Number(m[1]);
	const name = 'Lefèvre Nadia';
	assert.equal(await heading(page), name);
	const rid = Number(/^Inscription n° (\d+)$/.exec(await page.getByRole('heading', { name: /^Inscription n° / }).innerText())[1]);
	const registered = await facts(page);
	assert.equal(registered["Voie d'accès"], 'Par expérience (VAE)');
	assert.equal(registered['Type de VAE'], 'VAE de branche');
	assert.equal(registered['Inscription faite par'], 'Le candidat lui-même');
	assert.equal(registered["Avis de l'entreprise (R-EVA-3)"], 'non requis');
	const journey = page.getByRole('navigation', { name: 'Parcours du candidat' });
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/vae$`)),
		journey.getByRole('link', { name: "Validation des acquis de l'expérience" }).click()]);
	await labelled(page);
	assert.equal(await heading(page), `Validation des acquis de l'expérience — ${name}`);
	const vaeFacts = { 'Inscription': `n° ${rid} du ${fr(TODAY)} (Inscription en cours)`,
		'Certification visée': `${CERT} — ${CERT_TITLE}`, 'Centre de certification': DEMO_CENTRE,
		'Type de VAE': 'VAE de branche' };
	assert.deepEqual(await facts(page), { ...vaeFacts, 'Phase': 'Accueil, information-orientation' });
	assert.deepEqual(await phases(page), ['Accueil, information-orientation — phase en cours',
		'Instruction de la recevabilité — à venir', 'Certification — à venir']);
	assert.ok(await page.getByText("Le dossier de recevabilité n'a pas encore été reçu.").isVisible());
	assert.equal(await field(page, 'Date de réception du dossier').inputValue(), TODAY);

	// the admissibility file: one experience, one training
	const exp = page.getByRole('group', { name: 'Expérience 1', exact: true });
	await field(exp, 'Emploi ou fonction occupé').fill('Assistante ressources humaines');
	await field(exp, 'Employeur ou structure (nom et adresse)').fill('Chaudronnerie Atlantique, 44000 Nantes');
	await field(exp, 'Statut').selectOption({ label: 'Salarié' });
	await field(exp, 'Début de la période').fill('2015-03-01');
	await field(exp, 'Fin de la période (vide : en cours)').fill('2024-12-31');
	await field(exp, 'Durée').fill('118');
	await field(exp, 'Unité de durée').selectOption('months');
	await field(exp, 'Activités exercées').fill('Plan de développement des compétences, entretiens professionnels.');
	const training = page.getByRole('group', { name: 'Formation 1', exact: true });
	await field(training, 'Intitulé de la formation').fill('Gestion des compétences');
	await field(training, 'Organisme de formation').fill('AFPI Atlantique');
	await field(training, 'Année').fill('2019');
	await submit(page, page.getByRole('button', { name: 'Enregistrer le dossier de recevabilité' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/vae?inscription=${rid}&fait=dossier#dossier`), page.url());
	assert.equal(await notice(page).innerText(), 'Le dossier de recevabilité est enregistré.');
	assert.deepEqual(await facts(page), { ...vaeFacts, 'Phase': 'Instruction de la recevabilité',
		'État': 'Dossier de recevabilité reçu', 'Reçu le': fr(TODAY) });
	assert.deepEqual(await phases(page), ['Accueil, information-orientation — terminée',
		'Instruction de la recevabilité — phase en cours', 'Certification — à venir']);
	// the form shows the file as recorded, with new empty rows
	assert.equal(await field(exp, 'Emploi ou fonction occupé').inputValue(), 'Assistante ressources humaines');
	assert.equal(await selected(field(exp, 'Statut')), 'Salarié');
	assert.equal(await field(exp, 'Durée').inputValue(), '118');
	assert.equal(await selected(field(exp, 'Unité de durée')), 'mois');
	assert.equal(await field(training, 'Année').inputValue(), '2019');
	assert.equal(await page.getByRole('group', { name: /^Expérience \d+$/ }).count(), 6);
	await labelled(page);

	// incomplete without a motive: refused (R-VAE-1)
	await field(page, 'Décision').selectOption({ label: 'Dossier incomplet' });
	assert.equal(await field(page, 'Date de la décision').inputValue(), TODAY);
	await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' }));
	assert.match(await page.title(), /^Erreur — VAE — /);
	const motive = field(page, 'Motif (obligatoire si non recevable ou incomplet)');
	assert.deepEqual(await alerts(page), ["Rien n'a été enregistré : voir le formulaire « Décision de recevabilité ».",
		'Une décision de dossier incomplet doit indiquer ce qui manque au candidat. (règle R-VAE-1)']);
	assert.equal(await motive.getAttribute('aria-invalid'), 'true');
	assert.equal(await motive.getAttribute('aria-describedby'), 'err-motive');
	assert.equal((await facts(page))['État'], 'Dossier de recevabilité reçu');
	assert.equal(await field(page, 'Décision').inputValue(), 'incomplete');
	await labelled(page);
	// with it
	await motive.fill('Il manque les attestations des employeurs.');
	await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/vae?inscription=${rid}&fait=decision#communication`), page.url());
	assert.equal(await notice(page).innerText(),
		'La décision de recevabilité est enregistrée : enregistrez sa communication au candidat.');
	assert.deepEqual(await facts(page), { ...vaeFacts, 'Phase': 'Instruction de la recevabilité',
		'État': 'Dossier incomplet', 'Reçu le': fr(TODAY), 'Dernière décision le': fr(TODAY),
		'Motif': 'Il manque les attestations des employeurs.', 'Communiquée au candidat': 'pas encore' });
	assert.equal(await page.getByText(/^Décision : /).innerText(), 'Décision : Dossier incomplet.');
	assert.ok(await page.getByText("La décision n'a pas encore été communiquée au candidat : rien ne se poursuit avant.").isVisible());
	// the file may no longer be completed before the decision reaches the candidate
	assert.equal(await page.getByRole('button', { name: 'Enregistrer la complétude' }).count(), 0);
	await labelled(page);

	// communicated, then completed: a new decision awaited
	await communicate(page, kid, rid, 'Courriel');
	await submit(page, page.getByRole('button', { name: 'Enregistrer la complétude' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/vae?inscription=${rid}&fait=completude#recevabilite`), page.url());
	assert.equal(await notice(page).innerText(), 'Le dossier complété est enregistré ; il attend une nouvelle décision.');
	const completed = await facts(page);
	assert.equal(completed['État'], 'Dossier de recevabilité reçu');
	assert.equal(completed['Complété le'], fr(TODAY));
	assert.equal(completed['Motif'], undefined);
	assert.ok(await page.getByRole('button', { name: 'Enregistrer la décision' }).isVisible());
	await labelled(page);

	// admissible, communicated: the certification phase
	await field(page, 'Décision').selectOption({ label: 'Recevable' });
	await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' }));
	assert.equal(await notice(page).innerText(),
		'La décision de recevabilité est enregistrée : enregistrez sa communication au candidat.');
	assert.equal(await page.getByText(/^Décision : /).innerText(), 'Décision : Recevable.');
	assert.equal(await page.getByText(/^La commission de validation se réunit/).innerText(),
		'La commission de validation se réunit quand la décision de recevabilité a été communiquée au candidat et que le livret 2 est déposé.');
	await communicate(page, kid, rid, 'Courrier');
	assert.deepEqual(await facts(page), { ...vaeFacts, 'Phase': 'Certification', 'État': 'Recevable',
		'Reçu le': fr(TODAY), 'Complété le': fr(TODAY), 'Dernière décision le': fr(TODAY),
		'Communiquée au candidat': `le ${fr(TODAY)} (Courrier)` });
	assert.deepEqual(await phases(page), ['Accueil, information-orientation — terminée',
		'Instruction de la recevabilité — terminée', 'Certification — phase en cours']);
	// the file is no longer edited: shown as tables
	assert.equal(await page.getByRole('button', { name: 'Enregistrer le dossier de recevabilité' }).count(), 0);
	assert.deepEqual(await cells(page.getByRole('table', { name: 'Expériences' })), [['Assistante ressources humaines',
		'Chaudronnerie Atlantique, 44000 Nantes', 'Salarié', 'du 01/03/2015 au 31/12/2024', '118 mois',
		'Plan de développement des compétences, entretiens professionnels.']]);
	assert.deepEqual(await cells(page.getByRole('table', { name: 'Formations suivies' })),
		[['Gestion des compétences', 'AFPI Atlantique', '2019', '—']]);

	// no livret 2: no commission form; sent all the same, refused (R-VAE-3)
	assert.equal(await page.getByText(/^Livret 2 : /).innerText(), 'Livret 2 : non déposé — documents du candidat');
	assert.equal(await page.getByText(/^La commission de validation se réunit/).innerText(),
		'La commission de validation se réunit quand le livret 2 est déposé.');
	assert.equal(await page.getByRole('button', { name: 'Enregistrer la commission' }).count(), 0);
	await Promise.all([page.waitForEvent('load'), page.evaluate(({ action, fields }) => {
		const form = document.createElement('form');
		form.method = 'post';
		form.action = action;
		// the session's token, from the logout form
		fields.csrf = document.querySelector('input[name=csrf]').value;
		for (const [k, v] of Object.entries(fields)) {
			const input = document.createElement('input');
			input.type = 'hidden';
			input.name = k;
			input.value = v;
			form.append(input);
		}
		document.body.append(form);
		form.submit();
	}, { action: `/candidats/${kid}/vae/commission`, fields: { inscription: String(rid), chair_name: 'Jean Dupont',
		held_on: TODAY, conclusion: 'partial', validated: `${CERT}BC01` } })]);
	assert.match(await page.title(), /^Erreur — VAE — /);
	assert.deepEqual(await alerts(page), ["Rien n'a été enregistré. La commission de validation ne peut se réunir " +
		"qu'une fois le dossier de preuves (livret 2) produit par le candidat. (règle R-VAE-3)"]);
	assert.equal(await page.getByText(/^Livret 2 : /).innerText(), 'Livret 2 : non déposé — documents du candidat');
	assert.equal(await page.getByRole('heading', { name: 'Commission de validation' })
		.locator('xpath=following-sibling::dl[1]').count(), 0);
	await shot(page, 'vae-1-commission-refusee');

	// the livret 2, on the documents page
	const livret = Buffer.from('%PDF-1.4\n% livret 2 de Nadia Lefèvre\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
	const file = path.join(tmp, 'livret2-lefevre.pdf');
	writeFileSync(file, livret);
	const sha = createHash('sha256').update(livret).digest('hex');
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/documents$`)),
		page.getByRole('link', { name: 'documents du candidat' }).click()]);
	assert.equal(await heading(page), 'Documents de Nadia Lefèvre');
	assert.ok(await page.getByText("Aucun document n'est joint à ce dossier.").isVisible());
	await labelled(page);
	await field(page, 'Type de document').selectOption({ label: 'Livret 2 — dossier de preuves VAE' });
	assert.deepEqual(trim(await field(page, 'Inscription').locator('option').allInnerTexts()), [
		"Aucune : document du candidat (le livret 2 va à l'inscription en VAE)",
		`n° ${rid} — ${CERT}, Par expérience (VAE), du ${fr(TODAY)}`]);
	await field(page, 'Nom du document (facultatif : le nom du fichier sinon)').fill('Livret 2 — Nadia Lefèvre');
	await field(page, 'Fichier').setInputFiles(file);
	await submit(page, page.getByRole('button', { name: 'Déposer le document' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/documents?fait=depot`), page.url());
	assert.equal(await notice(page).innerText(), 'Le document est enregistré.');
	// listed with its size and its SHA-256, attached to the VAE registration
	const docs = page.getByRole('table', { name: '1 document' });
	const [row] = await cells(docs);
	assert.deepEqual([row[0], row[1], row[2], row[3], row[5], row[6]], ['Livret 2 — dossier de preuves VAE',
		'Livret 2 — Nadia Lefèvre.pdf', `${livret.length} octets`, `n° ${rid}`, 'centre', `${sha.slice(0, 12)}…`]);
	assert.match(row[4], new RegExp(`^${fr(TODAY)} à \\d\\d:\\d\\d$`));
	assert.equal(await docs.locator('code').getAttribute('title'), sha);
	await labelled(page);
	await shot(page, 'vae-2-documents');
	// downloaded, the same bytes
	const [download] = await Promise.all([page.waitForEvent('download'),
		docs.getByRole('link', { name: 'Livret 2 — Nadia Lefèvre.pdf' }).click()]);
	assert.equal(download.suggestedFilename(), 'Livret 2 — Nadia Lefèvre.pdf');
	assert.equal(createHash('sha256').update(readFileSync(await download.path())).digest('hex'), sha);

	// the validation commission: partial
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}$`)),
		page.getByRole('link', { name: `Dossier du candidat n° ${kid}` }).click()]);
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/vae$`)),
		page.getByRole('navigation', { name: 'Parcours du candidat' })
			.getByRole('link', { name: "Validation des acquis de l'expérience" }).click()]);
	assert.equal(await page.getByText(/^Livret 2 : /).innerText(), 'Livret 2 : déposé — documents du candidat');
	await labelled(page);
	// the certification's RNCP registration has ended: the commission
	// concludes per competence (R-LET-3)
	const units = page.getByRole('group', { name: 'Compétences validées par la commission' });
	assert.deepEqual(trim(await units.locator('label').allInnerTexts()).map((t) => t.split(' — ')[0]), ALL8);
	assert.equal(await page.getByText(/^Centre que représente le président/).innerText(),
		`Centre que représente le président : ${DEMO_CENTRE}`);
	assert.equal(await field(page, 'Date de la commission').inputValue(), TODAY);
	await field(page, 'Président (représentant du centre de certification)').fill('Jean Dupont');
	await field(page, 'Mise en situation professionnelle').check();
	await field(page, 'Entretien avec le candidat').check();
	const validated = ['C1', 'C2', 'C3', 'C7'];
	for (const c of validated)
		await units.getByLabel(new RegExp(`^${c} — `)).check();
	await field(page, 'Commentaire').fill('Blocs 1 et 3 validés ; la mise en œuvre des solutions reste à démontrer.');
	// a conclusion that is not what the units amount to: refused (R-VAE-3)
	await field(page, 'Conclusions au jury').selectOption({ label: 'Validation totale' });
	await submit(page, page.getByRole('button', { name: 'Enregistrer la commission' }));
	assert.match(await page.title(), /^Erreur — VAE — /);
	const conclusion = field(page, 'Conclusions au jury');
	assert.deepEqual(await alerts(page), ["Rien n'a été enregistré : voir le formulaire « Commission de validation ».",
		'La conclusion « Validation totale » ne correspond pas aux blocs ou compétences validés, qui donnent : ' +
		'« Validation partielle ». (règle R-VAE-3)']);
	assert.equal(await conclusion.getAttribute('aria-invalid'), 'true');
	for (const c of ALL8)
		assert.equal(await units.getByLabel(new RegExp(`^${c} — `)).isChecked(), validated.includes(c), c);
	assert.equal(await field(page, 'Président (représentant du centre de certification)').inputValue(), 'Jean Dupont');
	await labelled(page);
	// partial
	await conclusion.selectOption({ label: 'Validation partielle' });
	await submit(page, page.getByRole('button', { name: 'Enregistrer la commission' }));
	assert.ok(page.url().endsWith(`/candidats/${kid}/vae?inscription=${rid}&fait=commission#commission`), page.url());
	assert.equal(await notice(page).innerText(), 'La commission de validation est enregistrée.');
	const commission = { 'Réunie le': fr(TODAY), 'Présidée par': `Jean Dupont (centre ${DEMO_CENTRE})`,
		'Conclusions au jury': 'Validation partielle', 'Compétences validées': validated.join(', ') };
	const comment = 'Blocs 1 et 3 validés ; la mise en œuvre des solutions reste à démontrer.';
	assert.deepEqual(await facts(page), { ...vaeFacts, 'Phase': 'Certification', 'État': 'Recevable',
		'Reçu le': fr(TODAY), 'Complété le': fr(TODAY), 'Dernière décision le': fr(TODAY),
		'Communiquée au candidat': `le ${fr(TODAY)} (Courrier)`, ...commission,
		'Mise en situation professionnelle': 'Oui', 'Entretien': 'Oui', 'Commentaire': comment });
	// the form, to correct the record, starts from it
	assert.equal(await selected(field(page, 'Conclusions au jury')), 'Validation partielle');
	assert.ok(await units.getByLabel(/^C7 — /).isChecked());
	await labelled(page);
	await shot(page, 'vae-3-commission');

	// the synthesis
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}$`)),
		page.getByRole('link', { name: 'Dossier du candidat' }).click()]);
	await Promise.all([page.waitForURL(new RegExp(`/candidats/${kid}/synthese$`)),
		page.getByRole('navigation', { name: 'Parcours du candidat' })
			.getByRole('link', { name: 'Synthèse des évaluations' }).click()]);
	assert.equal(await heading(page), 'Synthèse des évaluations');
	await labelled(page);
	const synthesis = await facts(page);
	for (const [k, v] of Object.entries({
		"Voie d'accès": 'Par expérience (VAE)', 'Inscrit par': 'Le candidat lui-même',
		'Type de VAE': 'VAE de branche', 'Phase': 'Certification',
		'Recevabilité': `Recevable, décision du ${fr(TODAY)}`, ...commission,
		'Commentaire de la commission': comment,
	}))
		assert.equal(synthesis[k], v, k);
	assert.ok(await page.getByRole('heading', { name: "Validation des acquis de l'expérience" }).isVisible());
	assert.equal(await page.getByText(/^Non requis \(R-EVA-3\)/).innerText(),
		"Non requis (R-EVA-3) : L'avis de l'entreprise ne fait pas partie de l'évaluation d'une VAE : il ne peut pas être enregistré.");
	await shot(page, 'vae-4-synthese');
	const pdf = await page.request.get(url(await page.getByRole('link', { name: 'Télécharger la synthèse (PDF)' }).getAttribute('href')));
	assert.equal(pdf.status(), 200);
	assert.equal(pdf.headers()['content-type'], 'application/pdf');
	const text = await pdfText(await pdf.body(), 'vae-synthese');
	for (const s of ['Nom de naissance Lefèvre Prénoms Nadia', `${CERT} — ${CERT_TITLE}`,
		"Validation des acquis de l'expérience Type de VAE VAE de branche État du parcours Recevable",
		'Commission de validation Présidée par Jean Dupont', `Réunie le ${fr(TODAY)}`,
		'Conclusions Validation partielle Unités validées C1, C2, C3, C7', `Observations ${comment}`,
		'Pièces du dossier Pièce Date Livret 2 — Nadia Lefèvre.pdf'])
		assert.ok(text.includes(s), `the PDF says "${s}": ${text}`);
	await page.context().close();
	assert.deepEqual(problems, []);
});
