// Test helper: an SMTP sink on 127.0.0.1 that accepts every message and
// keeps it (node's net module only, no dependency).
//
//   const sink = await startSmtpSink({ dir });   // dir optional: one .eml per message
//   ... send to sink.url (smtp://127.0.0.1:PORT) ...
//   const [m] = await sink.waitFor(1);           // { from, rcpt, data, file }
//   const msg = parseMessage(m.data);            // headers, parts, attachments
//   await sink.stop();
//
// Options: rejectRcpt (a RegExp: RCPT TO matching it gets 550),
// maxBytes (a message larger gets 552; default 32 MiB).
// It speaks EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET,
// NOOP and QUIT; no STARTTLS and no AUTH are offered. Also runnable by
// hand: node tests/http/smtp_sink.mjs [--port P] [--dir DIR]
import { createServer } from 'node:net';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LINE_MAX = 4096;   // command lines (RFC 5321 says 512; be lenient)

export function startSmtpSink({ dir = null, rejectRcpt = null, maxBytes = 32 << 20, port = 0 } = {}) {
	const messages = [];
	const waiters = [];
	const sockets = new Set();
	if (dir)
		mkdirSync(dir, { recursive: true });

	const received = (m) => {
		messages.push(m);
		for (const w of [...waiters])
			if (messages.length >= w.n) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(messages.slice());
			}
	};

	const server = createServer((sock) => {
		sockets.add(sock);
		sock.on('close', () => sockets.delete(sock));
		sock.on('error', () => { /* client went away */ });
		let buf = Buffer.alloc(0);
		let state = 'command';   // or 'data'
		let helo = false;
		let from = null;
		let rcpt = [];
		let data = [];
		let dataBytes = 0;
		let tooBig = false;
		const reply = (s) => sock.write(s + '\r\n');
		const reset = () => { from = null; rcpt = []; data = []; dataBytes = 0; tooBig = false; };
		reply('220 sink.cqpm.test ESMTP ready');

		const command = (line) => {
			const m = /^([A-Za-z]+)(?:\s+(.*))?$/.exec(line);
			const verb = m ? m[1].toUpperCase() : '';
			const arg = m && m[2] ? m[2] : '';
			switch (verb) {
			case 'EHLO':
				helo = true; reset();
				reply('250-sink.cqpm.test');
				reply('250-8BITMIME');
				reply(`250 SIZE ${maxBytes}`);
				return;
			case 'HELO':
				helo = true; reset();
				reply('250 sink.cqpm.test');
				return;
			case 'MAIL': {
				const a = /^FROM:\s*<([^>]*)>/i.exec(arg);
				if (!helo) return reply('503 EHLO first');
				if (!a) return reply('501 Syntax: MAIL FROM:<address>');
				reset();
				from = a[1];
				return reply('250 OK');
			}
			case 'RCPT': {
				const a = /^TO:\s*<([^>]+)>/i.exec(arg);
				if (from === null) return reply('503 MAIL first');
				if (!a) return reply('501 Syntax: RCPT TO:<address>');
				if (rejectRcpt && rejectRcpt.test(a[1])) return reply('550 No such user');
				rcpt.push(a[1]);
				return reply('250 OK');
			}
			case 'DATA':
				if (!rcpt.length) return reply('503 RCPT first');
				state = 'data';
				return reply('354 End data with <CR><LF>.<CR><LF>');
			case 'RSET': reset(); return reply('250 OK');
			case 'NOOP': return reply('250 OK');
			case 'QUIT': reply('221 Bye'); sock.end(); return;
			default: return reply('502 Command not implemented');
			}
		};

		const dataLine = (line) => {   // line: Buffer without CRLF
			if (line.length === 1 && line[0] === 0x2e) {   // "."
				state = 'command';
				if (tooBig) { reset(); return reply('552 Message too big'); }
				const text = Buffer.concat(data).toString('latin1');
				const m = { from, rcpt, data: text, file: null };
				if (dir) {
					m.file = path.join(dir, `${String(messages.length + 1).padStart(4, '0')}.eml`);
					writeFileSync(m.file, text, 'latin1');
				}
				reset();
				reply('250 OK queued');
				received(m);
				return;
			}
			const l = line[0] === 0x2e ? line.subarray(1) : line;   // dot-unstuffing
			dataBytes += l.length + 2;
			if (dataBytes > maxBytes) { tooBig = true; data = []; return; }
			data.push(l, Buffer.from('\r\n'));
		};

		sock.on('data', (chunk) => {
			buf = Buffer.concat([buf, chunk]);
			for (;;) {
				const i = buf.indexOf('\r\n');
				if (i < 0) {
					if (state === 'command' && buf.length > LINE_MAX) {
						reply('500 Line too long');
						sock.destroy();
					}
					return;
				}
				const line = buf.subarray(0, i);
				buf = buf.subarray(i + 2);
				if (state === 'data')
					dataLine(line);
				else if (line.length > LINE_MAX)
					reply('500 Line too long');
				else
					command(line.toString('latin1'));
			}
		});
	});

	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const p = server.address().port;
			resolve({
				port: p,
				url: `smtp://127.0.0.1:${p}`,
				messages,
				waitFor(n) {
					if (messages.length >= n)
						return Promise.resolve(messages.slice());
					return new Promise((res) => waiters.push({ n, resolve: res }));
				},
				stop() {
					for (const s of sockets) s.destroy();
					return new Promise((res) => server.close(() => res()));
				},
			});
		});
	});
}

// --- a small MIME reader for the tests -------------------------------------

function splitHead(text) {
	const i = text.indexOf('\r\n\r\n');
	const head = i < 0 ? text : text.slice(0, i);
	const body = i < 0 ? '' : text.slice(i + 4);
	const headers = {};
	for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
		const m = /^([^:\s]+):\s*(.*)$/.exec(line);
		if (m) {
			const k = m[1].toLowerCase();
			(headers[k] ||= []).push(m[2]);
		}
	}
	return { headers, raw: head, body };
}

// RFC 2047 decoding of a header value (B and Q encodings, UTF-8).
export function decodeWords(v) {
	return v.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=(\s+(?==\?))?/gi, (_, enc, t) => {
		if (enc.toUpperCase() === 'B')
			return Buffer.from(t, 'base64').toString('latin1');
		return t.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (x, h) => String.fromCharCode(parseInt(h, 16)));
	}).replace(/[\x80-\xff]+/g, (s) => Buffer.from(s, 'latin1').toString('utf8'));
}

function decodeBody(part) {
	const enc = (part.headers['content-transfer-encoding'] || [''])[0].toLowerCase();
	if (enc === 'base64')
		return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
	if (enc === 'quoted-printable')
		return Buffer.from(part.body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi,
			(x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
	return Buffer.from(part.body, 'latin1');
}

// The message as { headers (lower-case names → raw values), subject
// (decoded), parts: [{ headers, type, filename, content: Buffer, raw }] }.
export function parseMessage(text) {
	const top = splitHead(text);
	const type = (top.headers['content-type'] || ['text/plain'])[0];
	const b = /boundary="?([^";]+)"?/i.exec(type);
	const parts = [];
	if (b) {
		const chunks = top.body.split(`--${b[1]}`);
		for (const c of chunks.slice(1)) {
			if (c.startsWith('--'))
				break;
			const p = splitHead(c.replace(/^\r\n/, '').replace(/\r\n$/, ''));
			const disp = (p.headers['content-disposition'] || [''])[0];
			const fn = /filename="?([^";]+)"?/i.exec(disp);
			parts.push({ headers: p.headers, raw: p.body,
				type: (p.headers['content-type'] || ['text/plain'])[0],
				disposition: disp, filename: fn ? fn[1] : null, content: decodeBody(p) });
		}
	} else {
		parts.push({ headers: top.headers, raw: top.body, type, disposition: '', filename: null,
			content: decodeBody(top) });
	}
	const subject = top.headers.subject ? decodeWords(top.headers.subject[0]) : null;
	return { headers: top.headers, head: top.raw, subject, parts };
}

// Run by hand: prints where messages go, Ctrl-C to stop.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : null; };
	const sink = await startSmtpSink({ dir: opt('--dir') || 'smtp-sink', port: Number(opt('--port') || 2525) });
	console.log(`smtp sink on ${sink.url}, messages in ${opt('--dir') || 'smtp-sink'}/`);
}
