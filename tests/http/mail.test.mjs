// Outgoing mail (src/service/mail.c) against the SMTP sink: envelope and
// headers (From, To, Cc, RFC 2047 subject), the text in quoted-printable,
// the PDF attachment in base64 coming back byte for byte; refusals that
// send nothing (header injection, not a PDF), a recipient the server
// refuses, a server that is not there; and the mail options of cqpm serve.
// The sender is build/tests/unit/mail_send (next to $CQPM_BIN's build).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { test, before, after, BIN, runCli, sanitizerReport } from './server.mjs';
import { startSmtpSink, parseMessage } from './smtp_sink.mjs';

const SENDER = path.resolve(path.dirname(BIN), '..', '..', 'tests', 'unit', 'mail_send');
const FROM = 'jury@uimm-demo.fr';
let dir, sink, pdfPath, pdfBytes;

function send(args, env = {}) {
	return new Promise((resolve) => {
		const e = { ...process.env, ...env };
		for (const k of ['CQPM_SMTP_URL', 'CQPM_SMTP_FROM', 'CQPM_SMTP_USER', 'CQPM_SMTP_PASSWORD'])
			if (!(k in env)) delete e[k];
		execFile(SENDER, args, { env: e, timeout: 60000 }, (err, stdout, stderr) => {
			assert.equal(sanitizerReport(stderr), null, stderr);
			resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr });
		});
	});
}

before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqpm-mail-'));
	sink = await startSmtpSink({ dir: path.join(dir, 'eml'), rejectRcpt: /^inconnu@/ });
	// a small PDF with every byte value, so that base64 is really exercised
	const bin = Buffer.alloc(256);
	for (let i = 0; i < 256; i++) bin[i] = i;
	pdfBytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), bin, Buffer.from('\n%%EOF\n')]);
	pdfPath = path.join(dir, 'convocation.pdf');
	fs.writeFileSync(pdfPath, pdfBytes);
});
after(async () => {
	await sink.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

test('a convocation with a PDF and a copy to the union (R-JUR-9) reaches the sink', async () => {
	const subject = 'Convocation au jury paritaire de délibération du 15 mars 2025 — CQPM « Opérateur régleur »';
	const body = 'Madame, Monsieur,\nVous êtes convoqué(e) au jury paritaire de délibération.\n' +
		'.ligne commençant par un point\nVeuillez agréer nos salutations distinguées.\n';
	const before = sink.messages.length;
	const r = await send([sink.url, FROM, 'membre@exemple.fr', 'cfdt@syndicat.fr', subject, body,
		'convocation-jury.pdf', pdfPath]);
	assert.equal(r.code, 0, r.stderr);
	const all = await sink.waitFor(before + 1);
	const m = all[before];
	assert.equal(m.from, FROM);
	assert.deepEqual(m.rcpt, ['membre@exemple.fr', 'cfdt@syndicat.fr']);
	assert.ok(fs.existsSync(m.file), 'an .eml file per message');
	assert.equal(fs.readFileSync(m.file, 'latin1'), m.data);

	const msg = parseMessage(m.data);
	assert.deepEqual(msg.headers.from, [FROM]);
	assert.deepEqual(msg.headers.to, ['membre@exemple.fr']);
	assert.deepEqual(msg.headers.cc, ['cfdt@syndicat.fr']);
	assert.equal(msg.headers.bcc, undefined);
	assert.match(msg.headers['message-id'][0], /^<[0-9a-f]{32}@uimm-demo\.fr>$/);
	assert.match(msg.headers.date[0], /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
	assert.match(msg.headers['mime-version'][0], /1\.0/);
	// the subject: RFC 2047 encoded words only, ASCII on the wire, each ≤ 75
	assert.match(msg.head, /^Subject: =\?UTF-8\?B\?/m);
	assert.ok(/^[\x00-\x7f]*$/.test(msg.head), 'headers are ASCII');
	for (const w of msg.head.match(/=\?UTF-8\?B\?[^?]*\?=/g))
		assert.ok(w.length <= 75, w);
	assert.equal(msg.subject, subject);

	assert.equal(msg.parts.length, 2);
	const [text, att] = msg.parts;
	assert.match(text.type, /^text\/plain; charset=UTF-8/i);
	assert.equal(text.headers['content-transfer-encoding'][0].toLowerCase(), 'quoted-printable');
	assert.equal(text.content.toString('utf8'), body.replace(/\n/g, '\r\n'));
	assert.match(att.type, /^application\/pdf/);
	assert.match(att.disposition, /^attachment/);
	assert.equal(att.filename, 'convocation-jury.pdf');
	assert.equal(att.headers['content-transfer-encoding'][0].toLowerCase(), 'base64');
	assert.ok(att.raw.split('\r\n').every((l) => l.length <= 76), 'base64 lines of 76 at most');
	assert.ok(att.content.equals(pdfBytes), 'the PDF comes back byte for byte');
});

test('without copy nor attachment: To only, one text part', async () => {
	const before = sink.messages.length;
	const r = await send([sink.url, FROM, 'candidat@exemple.fr', '-', 'Résultat', 'Admis.\n']);
	assert.equal(r.code, 0, r.stderr);
	const m = (await sink.waitFor(before + 1))[before];
	assert.deepEqual(m.rcpt, ['candidat@exemple.fr']);
	const msg = parseMessage(m.data);
	assert.equal(msg.headers.cc, undefined);
	assert.equal(msg.subject, 'Résultat');
	assert.equal(msg.parts.filter((p) => p.filename).length, 0);
	assert.equal(msg.parts[0].content.toString('utf8'), 'Admis.\r\n');
});

test('the configuration may come from CQPM_SMTP_URL and CQPM_SMTP_FROM', async () => {
	const before = sink.messages.length;
	const r = await send(['-', '-', 'candidat@exemple.fr', '-', 'Objet', 'Texte'],
		{ CQPM_SMTP_URL: sink.url, CQPM_SMTP_FROM: 'centre@uimm-demo.fr' });
	assert.equal(r.code, 0, r.stderr);
	const m = (await sink.waitFor(before + 1))[before];
	assert.equal(m.from, 'centre@uimm-demo.fr');
});

test('header injection and bad attachments are refused, nothing is sent', async () => {
	const before = sink.messages.length;
	const cases = [
		[['candidat@exemple.fr\r\nBcc: espion@exemple.fr', '-', 'Objet', 'x'], /Destinataire du message/],
		[['candidat@exemple.fr', 'cfdt@syndicat.fr\nBcc: espion@exemple.fr', 'Objet', 'x'], /Copie du message/],
		[['candidat@exemple.fr', '-', 'Objet\r\nBcc: espion@exemple.fr', 'x'], /Objet du message/],
		[['candidat@exemple.fr', '-', 'Objet', 'x', 'a"b.pdf', pdfPath], /Pièce jointe 1 : nom refusé/],
	];
	const notPdf = path.join(dir, 'page.html');
	fs.writeFileSync(notPdf, '<html></html>');
	cases.push([['candidat@exemple.fr', '-', 'Objet', 'x', 'page.pdf', notPdf], /n'est pas un PDF/]);
	for (const [args, re] of cases) {
		const r = await send([sink.url, FROM, ...args]);
		assert.equal(r.code, 1, args.join(' '));
		assert.match(r.stderr, re);
	}
	// a later message arrives alone: none of the refused ones went out
	const ok = await send([sink.url, FROM, 'temoin@exemple.fr', '-', 'Témoin', 'x']);
	assert.equal(ok.code, 0, ok.stderr);
	const all = await sink.waitFor(before + 1);
	assert.equal(all.length, before + 1);
	assert.deepEqual(all[before].rcpt, ['temoin@exemple.fr']);
});

test('a refused recipient and an absent server give a French message', async () => {
	const before = sink.messages.length;
	let r = await send([sink.url, FROM, 'inconnu@exemple.fr', '-', 'Objet', 'x']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^Message non envoyé : .*550/);
	assert.equal(sink.messages.length, before);

	const port = await new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
	r = await send([`smtp://127.0.0.1:${port}`, FROM, 'candidat@exemple.fr', '-', 'Objet', 'x']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /^Message non envoyé : le serveur de messagerie ne répond pas\./);
});

test('cqpm serve refuses a bad mail configuration before listening', async () => {
	const db = path.join(dir, 'serve.db');
	let r = await runCli(['--db', db, 'init']);
	assert.equal(r.code, 0, r.stderr);
	r = await runCli(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--smtp', 'ftp://mail.exemple.fr']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /Serveur de messagerie \(--smtp, CQPM_SMTP_URL\) : une adresse smtp:\/\//);
	r = await runCli(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--smtp', sink.url]);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /sans adresse d'expéditeur : indiquez --smtp-from/);
	r = await runCli(['--db', db, 'serve', '--listen', '127.0.0.1:1', '--smtp', sink.url,
		'--smtp-from', 'Jury <jury@uimm.fr>']);
	assert.equal(r.code, 1);
	assert.match(r.stderr, /Adresse d'expéditeur .* n'est pas une adresse électronique valable/);
	r = await runCli(['--db', db, 'serve', '--help']);
	assert.equal(r.code, 0);
	assert.match(r.stdout, /--smtp smtp:\/\/HÔTE:PORT\] \[--smtp-from ADRESSE\]/);
});
