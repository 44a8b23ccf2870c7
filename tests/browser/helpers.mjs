// Shared helpers of the browser tests: headless Chromium (Debian's, driven
// through playwright-core), the collector of what goes wrong in a page
// (console errors, failed sub-resources), the form-label check, the
// navigation and the login form.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, PASSWORD } from '../http/server.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const OUT = path.join(ROOT, 'tests', 'out');
export const VIEWPORT = { width: 1280, height: 900 };
export const TIMEOUT_MS = 15000;   // any single wait of a page

/* Options for chromium.launch() and chromium.launchPersistentContext(). */
export const LAUNCH = { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60000 };
/* Options of a browser context. */
export const CONTEXT = { viewport: VIEWPORT, locale: 'fr-FR' };

/* A headless Chromium (its contexts are separate sessions); the output
** directory of the screenshots exists. */
export async function launchBrowser() {
	mkdirSync(OUT, { recursive: true });
	return chromium.launch(LAUNCH);
}

/* Like launchBrowser, one persistent context on the profile directory. */
export async function launchPersistent(profile) {
	mkdirSync(OUT, { recursive: true });
	return chromium.launchPersistentContext(profile, { ...LAUNCH, ...CONTEXT });
}

/* A new page of context (a BrowserContext, or a Browser: then a context of
** its own), watched: what goes wrong is pushed on problems. */
export async function newPage(context, problems) {
	const isBrowser = typeof context.contexts === 'function';
	const page = await (isBrowser ? context.newPage(CONTEXT) : context.newPage());
	return watch(page, problems);
}

/*
** Pushes on problems the console errors, the page errors, the failed
** requests and the HTTP errors of sub-resources of page. "Failed to load
** resource" is left to the listeners of responses (it is also logged for
** the favicon, which cqpm does not have, and for documents refused on
** purpose). Returns the page.
*/
export function watch(page, problems) {
	page.setDefaultTimeout(TIMEOUT_MS);
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			problems.push(`console: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document' &&
		    !r.url().endsWith('/favicon.ico'))
			problems.push(`HTTP ${r.status()} for ${r.url()}`);
	});
	return page;
}

/* The links of the main navigation, and their texts. */
export const navLinks = (page) => page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link');

export async function navLabels(page) {
	return (await navLinks(page).allInnerTexts()).map((s) => s.trim());
}

/* Form controls (not hidden, not buttons) without a <label>. */
export function unlabelledControls(page) {
	return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
		.filter((el) => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
		.filter((el) => !el.labels || el.labels.length === 0 ||
			![...el.labels].some((l) => l.textContent.trim().length > 0))
		.map((el) => el.outerHTML));
}

/* The ids given to more than one element of the page (a label's "for"
** then names the first one only). */
export function duplicateIds(page) {
	return page.evaluate(() => {
		const seen = new Map();
		for (const el of document.querySelectorAll('[id]'))
			seen.set(el.id, (seen.get(el.id) || 0) + 1);
		return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
	});
}

/* The <h1> of the page, as shown. */
export async function heading(page) {
	return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/*
** Clicks what submits a form (or follows a link) and waits for the next
** document to be loaded: the page a POST redirects to, or the page it
** answers with (a refused form).
*/
export async function submit(page, locator) {
	await Promise.all([page.waitForEvent('load'), locator.click()]);
}

/* Logs in through the login form and waits for the catalogue, where the
** form leads. */
export async function logIn(page, base, login, password = PASSWORD) {
	await page.goto(base + '/connexion');
	await page.getByLabel('Identifiant').fill(login);
	await page.getByLabel('Mot de passe').fill(password);
	await Promise.all([
		page.waitForURL(/\/certifications$/),
		page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click(),
	]);
}
