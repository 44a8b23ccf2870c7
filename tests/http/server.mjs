// Test helper: a real cqpm server on a fresh demo database.
//
//   const srv = await startServer();   // init --demo, serve on 127.0.0.1:PORT
//   ... fetch(srv.url('/certifications')) ...
//   await srv.stop();                   // SIGTERM, wait, remove the temp dir
//
// The binary is $CQPM_BIN (default build/src/cli/cqpm), relative paths being
// taken from the repository root. Also: a small HTTP client with a cookie
// jar (Client), login helpers for the API and for the login form, and the
// setup the candidate's path repeats (centres, accounts, habilitated
// bodies, registered candidates).
import * as nodeTest from 'node:test';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(ROOT, process.env.CQPM_BIN || 'build/src/cli/cqpm');
export const PASSWORD = 'demonstration';
export const DEMO_CENTRE = 'UIMM-DEMO';
// One demo account per role (svc_setup.c).
export const DEMO = {
	admin: 'admin',
	centre: 'centre',
	evaluator: 'evaluateur',
	jury: 'jury',
	training_body: 'organisme',
};

const START_TIMEOUT_MS = 30000;   // sanitizer builds start slowly
const STOP_TIMEOUT_MS = 15000;
const TEST_TIMEOUT_MS = 120000;   // no test may hang the suite
const HOOK_TIMEOUT_MS = 60000;
const REQUEST_TIMEOUT_MS = 30000;

// node:test's test/before/after with a time limit.
export const test = (name, fn) => nodeTest.test(name, { timeout: TEST_TIMEOUT_MS }, fn);
export const before = (fn) => nodeTest.before(fn, { timeout: HOOK_TIMEOUT_MS });
export const after = (fn) => nodeTest.after(fn, { timeout: HOOK_TIMEOUT_MS });

// Servers still running when the test process exits (a test that timed
// out, an interrupted run): killed, their temp dirs removed.
const live = new Set();
process.on('exit', () => {
	for (const { child, dir } of live) {
		try { child.kill('SIGKILL'); } catch { /* already gone */ }
		try { rmSync(dir, { recursive: true, force: true }); } catch { /* ignore */ }
	}
});

function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/* Runs the CLI to completion; resolves { code, stdout, stderr }. */
export function runCli(args, { input } = {}) {
	return new Promise((resolve) => {
		const child = execFile(BIN, args, { cwd: ROOT, maxBuffer: 64 << 20 },
			(err, stdout, stderr) => resolve({
				code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
				stdout, stderr,
			}));
		if (input !== undefined)
			child.stdin.end(input);
	});
}

/* Sanitizer reports in a process's error output, or null. */
export function sanitizerReport(stderr) {
	const m = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/.exec(stderr);
	return m ? stderr : null;
}

/* opts: { clock: 'YYYY-MM-DD' (serve --clock: the server's today),
** args: more options of serve (e.g. ['--smtp', url]),
** reuse: a server stopped with stop({ keep: true }), whose database (and
** temp dir) this one serves again }. The server's restart(opts) stops it
** and starts it again on the same database (with another clock, say),
** resolving the new server. */
export async function startServer(opts = {}) {
	const dir = opts.reuse ? opts.reuse.dir : mkdtempSync(path.join(tmpdir(), 'cqpm-test-'));
	const db = path.join(dir, 'cqpm.db');
	if (!opts.reuse) {
		const init = await runCli(['--db', db, 'init', '--demo']);
		if (init.code !== 0) {
			rmSync(dir, { recursive: true, force: true });
			throw new Error(`cqpm init --demo failed (${init.code}):\n${init.stderr}`);
		}
	}
	return listen(dir, db, opts);
}

async function listen(dir, db, opts) {
	let lastError;
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		try {
			return await launch(dir, db, port, opts);
		} catch (e) {
			lastError = e;   // the port may have been taken meanwhile
		}
	}
	rmSync(dir, { recursive: true, force: true });
	throw lastError;
}

async function launch(dir, db, port, opts = {}) {
	const extra = [...(opts.clock ? ['--clock', opts.clock] : []), ...(opts.args || [])];
	const child = spawn(BIN, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet', ...extra],
		{ cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
	const entry = { child, dir };
	live.add(entry);
	let stderr = '';
	let exited = null;
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (s) => { stderr += s; });
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => { exited = { code, signal }; live.delete(entry); resolve(exited); });
		child.on('error', (err) => { exited = { code: -1, signal: null, err }; live.delete(entry); resolve(exited); });
	});
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (exited)
			throw new Error(`cqpm serve exited at start (${JSON.stringify(exited)}):\n${stderr}`);
		try {
			const res = await fetch(`${base}/static/cqpm.css`, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (res.status === 200)
				break;
		} catch { /* not listening yet */ }
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			await exit;
			throw new Error(`cqpm serve did not answer within ${START_TIMEOUT_MS} ms:\n${stderr}`);
		}
		await delay(20);
	}

	let stopped = null, halted = null;
	const halt = () => {
		halted ??= (async () => {
			if (!exited) {
				child.kill('SIGTERM');
				const t = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
				await exit;
				clearTimeout(t);
			}
			return { ...exited, stderr };
		})();
		return halted;
	};
	return {
		base, port, dir, db, pid: child.pid,
		url: (p) => base + p,
		stderr: () => stderr,
		running: () => !exited,
		/* Stops the server (SIGTERM, then SIGKILL after a delay) and removes
		** the temp dir, unless keep (startServer({ reuse }) serves it again).
		** Resolves { code, signal, stderr }. */
		stop({ keep = false } = {}) {
			stopped ??= (async () => {
				const r = await halt();
				if (keep)
					live.add({ child, dir });   /* removed at exit if nobody does */
				else
					rmSync(dir, { recursive: true, force: true });
				return r;
			})();
			return stopped;
		},
		/* Stops it (it must end cleanly, as stopAndCheck says) and serves
		** the same database again with opts; resolves the new server. */
		async restart(newOpts = {}) {
			const wasRunning = !exited;
			const r = await halt();
			const report = sanitizerReport(r.stderr);
			if (!wasRunning || r.code !== 0 || report)
				throw new Error(`cqpm serve did not end cleanly (code ${r.code}, signal ${r.signal}):\n${r.stderr}`);
			return listen(dir, db, newOpts);
		},
	};
}

/* For the test files' after() hooks: the server must still be running,
** stop cleanly with status 0 and print no sanitizer report; throws
** otherwise, which fails the test file. */
export async function stopAndCheck(srv, { keep = false } = {}) {
	if (!srv)
		return;
	const wasRunning = srv.running();
	const r = await srv.stop({ keep });
	const report = sanitizerReport(r.stderr);
	if (!wasRunning || r.code !== 0 || report)
		throw new Error(`cqpm serve did not end cleanly (running until the end: ${wasRunning}, ` +
			`code ${r.code}, signal ${r.signal}):\n${r.stderr}`);
}

/* HTTP client with a cookie jar; never follows redirects. */
export class Client {
	constructor(base) {
		this.base = base;
		this.cookies = new Map();
		this.csrf = null;   // session CSRF token once logged in
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/* opts: { json, form, body, headers, csrf (true: this.csrf, or a string) } */
	async req(method, p, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		let body = opts.body;
		if (opts.json !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = typeof opts.json === 'string' ? opts.json : JSON.stringify(opts.json);
		} else if (opts.form !== undefined) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(opts.form).toString();
		}
		if (opts.csrf)
			headers['X-CSRF-Token'] = opts.csrf === true ? this.csrf : opts.csrf;
		if (this.cookies.size && !('Cookie' in headers))
			headers.Cookie = this.cookieHeader();
		const res = await fetch(this.base + p, { method, headers, body, redirect: 'manual',
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
		const text = await res.text();
		const setCookies = res.headers.getSetCookie();
		for (const sc of setCookies) {
			const [pair] = sc.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
			if (value === '' || /;\s*Max-Age=0(;|$)/i.test(sc))
				this.cookies.delete(name);
			else
				this.cookies.set(name, value);
		}
		let json;
		if ((res.headers.get('content-type') || '').startsWith('application/json')) {
			try { json = JSON.parse(text); } catch { json = undefined; }
		}
		return { status: res.status, headers: res.headers, text, json, setCookies };
	}

	get(p, opts) { return this.req('GET', p, opts); }
	post(p, opts) { return this.req('POST', p, opts); }
}

/* The hidden CSRF field of the first form of a page. */
export function hiddenCsrf(html) {
	const m = /<input type="hidden" name="csrf" value="([0-9a-f]*)">/.exec(html);
	return m ? m[1] : null;
}

/* Logs in through the API; returns the client (this.csrf set). */
export async function apiLogin(base, login, password = PASSWORD) {
	const c = new Client(base);
	const r = await c.post('/api/v1/session', { json: { login, password } });
	if (r.status !== 200)
		throw new Error(`API login ${login}: ${r.status} ${r.text}`);
	c.csrf = r.json.csrf;
	c.me = r.json;
	return c;
}

/* Logs in through the form (GET /connexion for the cqpm_pre cookie, then
** POST); returns the client with this.csrf from the next page's form. */
export async function formLogin(base, login, password = PASSWORD) {
	const c = new Client(base);
	const page = await c.get('/connexion');
	const r = await c.post('/connexion', { form: { csrf: hiddenCsrf(page.text), next: '', login, password } });
	if (r.status !== 303)
		throw new Error(`form login ${login}: ${r.status}`);
	const after = await c.get('/compte');
	c.csrf = hiddenCsrf(after.text);
	return c;
}

/* The candidates' path --------------------------------------------------- */

/* A SIRET with a valid Luhn key from 13 digits. */
export function siret(prefix13) {
	for (let k = 0; k < 10; k++) {
		const s = prefix13 + k;
		let sum = 0;
		for (let i = 0; i < 14; i++) {
			let d = Number(s[13 - i]);
			if (i % 2) { d *= 2; if (d > 9) d -= 9; }
			sum += d;
		}
		if (sum % 10 === 0)
			return s;
	}
	throw new Error('no key');
}

/* The 12 indicators of a habilitation's instruction, all met (API). */
export const ALL_MET = Array.from({ length: 6 }, () => ['met', 'met']);

/* Records a certification centre through the API as client (the national
** administrator); throws unless it is created. */
export async function addCentre(client, code, name) {
	const r = await client.post('/api/v1/centres', { csrf: true, json: { code, name } });
	if (r.status !== 201)
		throw new Error(`centre ${code}: ${r.status} ${r.text}`);
}

/* Records an account ({login, name, role, centre, password}) through the
** API as client; throws unless it is created. */
export async function addUser(client, account) {
	const r = await client.post('/api/v1/users', { csrf: true, json: account });
	if (r.status !== 201)
		throw new Error(`user ${account.login}: ${r.status} ${r.text}`);
}

/* Runs the CLI on database db; throws when it fails or a sanitizer
** reports. */
async function cliOk(db, args) {
	const r = await runCli(['--db', db, ...args]);
	if (r.code !== 0 || sanitizerReport(r.stderr))
		throw new Error(`cqpm ${args.join(' ')} (${r.code}):\n${r.stderr}`);
	return r;
}

/* The tests' employer, as options of `cqpm candidate register`. */
export const EMPLOYER_ARGS = ['--company-name', 'Forges de Lyon', '--company-siret', '73282932000074',
	'--company-naf', '25.62B', '--sector', 'M'];

/* Registers a candidate with `cqpm candidate register` on database db: a
** woman born in Lyon on 6 May 1990, named Léa, for RNCP28235 at the demo
** centre, unless args (given after these, so they win) say otherwise.
** Resolves { kid, rid }; throws when the command fails. */
export async function registerCandidate(db, args) {
	const r = await cliOk(db, ['--json', 'candidate', 'register', '--centre', DEMO_CENTRE,
		'--certification', 'RNCP28235', '--first-names', 'Léa', '--sex', 'F',
		'--birth-date', '1990-05-06', '--birth-town', 'Lyon', '--birth-insee', '69123',
		'--birth-department', '69', ...args]);
	const j = JSON.parse(r.stdout);
	return { kid: j.candidate, rid: j.registration };
}

/* Records training body siret and its habilitation by centre through the
** CLI: every indicator met, granted on date; with account, ties that
** account to the body (R-HAB-2). Throws when a command fails. */
export async function habilitateBody(db, s, name, { centre = DEMO_CENTRE, date = '2021-01-01', account } = {}) {
	await cliOk(db, ['org', 'add', '--siret', s, '--name', name]);
	await cliOk(db, ['org', 'habilitate', s, '--centre', centre, '--date', date,
		'--findings', 'mmmmmmmmmmmm', '--decision', 'granted']);
	if (account)
		await cliOk(db, ['org', 'link', s, account]);
}

/* Every competence of RNCP28235 (C1..C8) evaluated acquired on date for
** registration rid of a company's employee (registerCandidate with
** EMPLOYER_ARGS and a tutor), with the company's favourable opinion: the
** candidate can then go before a jury. Throws when a command fails. */
export async function evaluateAll(db, rid, date, competences = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']) {
	await cliOk(db, ['evaluation', 'plan', String(rid), '--places', 'Atelier', '--from', date,
		'--to', date, '--agreed-on', date, '--centre-signatory', 'Claire Lenoir',
		'--company-signatory', 'Paul Durand',
		'--modalities', competences.map((c) => `${c}=real_situation`).join(';')]);
	for (const c of competences)
		await cliOk(db, ['evaluation', 'record', String(rid), '--competence', c, '--result', 'acquired',
			'--modality', 'real_situation', '--criteria', 'Critères du référentiel',
			'--appraisal', 'Maîtrisé', '--date', date]);
	await cliOk(db, ['evaluation', 'opinion', String(rid), '--opinion', 'favourable', '--author',
		'Paul Durand', '--role', 'tutor', '--date', date]);
}
