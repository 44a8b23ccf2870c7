// The jury paritaire de délibération through the JSON API, the server's
// clock moved along the path (serve --clock): unions, planning (R-JUR-1:
// 14 days refused, 15 accepted), composition (R-JUR-3, R-JUR-4, R-JUR-6,
// R-JUR-7), designation requests and convocations (R-JUR-1, R-JUR-9: 14
// days before refused, 15 accepted), the CPREFP (R-JUR-8), the candidates
// (R-JUR-2), the sitting (parity R-JUR-5), conformity and decisions
// (R-JUR-11: only "A" or "NA"), the signature, certificates (R-CER-1,
// R-CER-2) and their public verification (identical answers for unknown
// and malformed numbers, 429 after the burst), corrections, documents,
// the GTP (R-GTP-1, R-GTP-2); each role's rights, hostile input, and the
// anonymity of the candidates before the signature (R-JUR-10).
import assert from 'node:assert/strict';
import http from 'node:http';
import { test, before, after, startServer, stopAndCheck, apiLogin, Client, hiddenCsrf, addCentre, addUser } from './server.mjs';
import { TODAY, P, N, J, addDays, ok, refused, prepare, planAndCompose, evaluatedCandidate, PNG } from './jury_flow.mjs';

let srv, admin, centre, jury, presid, evaluator, body, other, anon;
let jid, m, cands, certs;
const NAMES = ['Martin', 'Leroy', 'Léa', 'MARTIN', 'LEROY'];

async function logins() {
	admin = await apiLogin(srv.base, 'admin');
	centre = await apiLogin(srv.base, 'centre');
	jury = await apiLogin(srv.base, 'jury');
	presid = await apiLogin(srv.base, 'presid', 'un-long-secret');
	evaluator = await apiLogin(srv.base, 'evaluateur');
	body = await apiLogin(srv.base, 'organisme');
	other = await apiLogin(srv.base, 'centreautre', 'un-long-secret');
	anon = new Client(srv.base);
	anon.csrf = hiddenCsrf((await anon.get('/connexion')).text);
}

/* Moves the server's clock to day (a restart on the same database). */
async function clock(dayIso) {
	srv = await srv.restart(dayIso ? { clock: dayIso } : {});
	await logins();
}

/* No candidate's name anywhere in the text. */
function anonymous(text, what) {
	for (const n of NAMES)
		assert.ok(!text.includes(n), `${what}: « ${n} » appears before the signature:\n${text}`);
}

/* A GET from another local address (127.0.0.x): the limiter counts per
** address. Resolves { status, headers, text }. */
function getFrom(addr, p) {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port: srv.port, path: p, localAddress: addr,
			method: 'GET' }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (s) => { text += s; });
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
		});
		req.on('error', reject);
		req.end();
	});
}

before(async () => {
	srv = await startServer({ clock: P });
	admin = await prepare(srv);
	await addCentre(admin, 'AUTRE-JURY', 'Autre centre');
	await addUser(admin, { login: 'centreautre', name: 'Autre', role: 'centre', centre: 'AUTRE-JURY', password: 'un-long-secret' });
	cands = [await evaluatedCandidate(srv.db, 'Martin'), await evaluatedCandidate(srv.db, 'Leroy', ['C3'])];
	await logins();
});
after(async () => { await stopAndCheck(srv); });

test('unions: listed for everyone logged in, kept by the national administrator only', async () => {
	const list = ok(await centre.get('/api/v1/unions')).items;
	// the demo's representative unions, and those the test put
	const rep = Object.fromEntries(list.map((u) => [u.code, u.representative]));
	assert.deepEqual(rep, { 'CFDT': true, 'CFE-CGC': true, 'CGT': true, 'CGT-FO': true, 'FO': false });
	assert.equal(list.find((u) => u.code === 'CGT').email, 'cgt@syndicat.test');
	assert.deepEqual(list.map((u) => u.code), [...list.map((u) => u.code)].sort());
	assert.equal((await anon.get('/api/v1/unions')).status, 401);
	refused(await centre.post('/api/v1/unions', { csrf: true, json: { code: 'CFTC', name: 'CFTC' } }), 403);
	refused(await admin.post('/api/v1/unions', { csrf: true, json: { code: 'cgt fo', name: 'X' } }), 400, undefined, 'code');
	refused(await admin.post('/api/v1/unions', { csrf: true, json: { code: 'CFTC', name: 'x'.repeat(5000) } }), 400, undefined, 'name');
	refused(await admin.post('/api/v1/unions', { csrf: true, json: { code: 'CFTC', name: 'CFTC', representative: 'oui' } }), 400, undefined, 'representative');
});

test('centre documents: the national number is the administrator\'s, PNG images only', async () => {
	refused(await centre.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true, json: { number: 2 } }), 403, 'R-CER-2');
	ok(await centre.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true, json: { city: 'Lyon', signature: PNG } }));
	refused(await centre.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true,
		json: { letterhead: Buffer.from('GIF89a not a png').toString('base64') } }), 400, undefined, 'letterhead');
	refused(await centre.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true, json: { signature: '%%%' } }), 400, undefined, 'signature');
	refused(await other.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true, json: { city: 'Paris' } }), 404);
	// an image over 2 Mio: refused, the body itself being allowed
	const big = Buffer.alloc(2 * 1024 * 1024 + 1);
	Buffer.from(PNG, 'base64').copy(big);
	refused(await admin.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true,
		json: { letterhead: big.toString('base64') } }), 400, undefined, 'letterhead');
	const huge = await admin.req('PUT', '/api/v1/centres/UIMM-DEMO/documents', { csrf: true,
		json: { letterhead: 'A'.repeat(7 << 20) } });
	assert.equal(huge.status, 413);
});

test('planning: at least 15 days ahead (R-JUR-1), refusals name the field', async () => {
	const plan = (extra) => centre.post('/api/v1/juries', { csrf: true,
		json: { date: addDays(P, 15), place: 'UIMM Lyon', certifications: ['RNCP28235'], ...extra } });
	refused(await plan({ date: addDays(P, 14) }), 422, 'R-JUR-1');
	refused(await plan({ date: '2026-02-30' }), 400, undefined, 'date');
	refused(await plan({ certifications: [] }), 400, undefined, 'certifications');
	refused(await plan({ certifications: 'RNCP28235' }), 400, undefined, 'certifications');
	refused(await plan({ certifications: [42] }), 400, undefined, 'certifications');
	refused(await plan({ place: '' }), 400, undefined, 'place');
	refused(await plan({ place: 'x'.repeat(2000) }), 400, undefined, 'place');
	for (const c of [jury, evaluator, body])
		refused(await c.post('/api/v1/juries', { csrf: true,
			json: { date: addDays(P, 15), place: 'UIMM Lyon', certifications: ['RNCP28235'] } }), 403);
	assert.equal((await anon.post('/api/v1/juries', { csrf: true, json: {} })).status, 401);
	const d = ok(await plan(), 201);
	assert.equal(d.date, addDays(P, 15));
	assert.equal(d.state, 'planned');
	assert.equal(d.notice_deadline, P);
	// the calendar, by centre and dates
	const cal = ok(await centre.get(`/api/v1/juries?from=${P}&to=${addDays(P, 20)}`)).items;
	assert.ok(cal.some((j) => j.id === d.id && j.centre.code === 'UIMM-DEMO'));
	assert.deepEqual(ok(await other.get('/api/v1/juries')).items, []);
	refused(await centre.get('/api/v1/juries?from=hier'), 400, undefined, 'from');
});

test('composition: one voter per union (R-JUR-4), the invited never vote (R-JUR-6), one president (R-JUR-7)', async () => {
	({ jid, m } = await planAndCompose(centre));
	const add = (b) => centre.post(`/api/v1/juries/${jid}/members`, { csrf: true, json: b });
	refused(await add({ name: 'Jean PETIT', role: 'union', union: 'CGT', votes: true, branch_employee: true }), 422, 'R-JUR-4');
	refused(await add({ name: 'Jean PETIT', role: 'union', union: 'FO', votes: true, branch_employee: true }), 422, 'R-JUR-4');
	refused(await add({ name: 'Jean PETIT', role: 'tutor', votes: true }), 422, 'R-JUR-6');
	refused(await add({ name: 'Jean PETIT', role: 'employer', votes: true, president: true }), 422, 'R-JUR-7');
	refused(await add({ name: 'Jean PETIT', role: 'chef' }), 400, undefined, 'role');
	refused(await add({ name: 'Jean PETIT', role: 'employer', votes: 'yes' }), 400, undefined, 'votes');
	refused(await add({ name: 'Jean PETIT', role: 'employer', login: 'centre' }), 404, undefined, 'login');
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.equal(doc.members.length, 5);
	assert.equal(doc.president.id, m.president);
	assert.deepEqual(doc.members.map((x) => [x.side, x.votes]),
		[['employer', true], ['employer', true], ['employee', true], ['employee', true], ['invited', false]]);
	// a member added then removed
	const extra = ok(await add({ name: 'Jean PETIT', role: 'evaluator' }), 201).member_id;
	ok(await centre.req('DELETE', `/api/v1/juries/${jid}/members/${extra}`, { csrf: true }));
	refused(await centre.req('DELETE', `/api/v1/juries/${jid}/members/${extra}`, { csrf: true }), 404);
	assert.equal((await centre.req('DELETE', `/api/v1/juries/${jid}/members/abc`, { csrf: true })).status, 404);
	refused(await jury.post(`/api/v1/juries/${jid}/members`, { csrf: true, json: { name: 'X Y', role: 'tutor' } }), 403);
	refused(await other.post(`/api/v1/juries/${jid}/members`, { csrf: true, json: { name: 'X Y', role: 'tutor' } }), 404);
});

test('requests, CPREFP and convocations on P; the candidates', async () => {
	// every representative union but the CGT, asked now
	for (const u of ['CFDT', 'CFE-CGC', 'CGT-FO'])
		ok(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: u } }));
	refused(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: 'CFDT', sent_on: addDays(P, 1) } }), 400, undefined, 'sent_on');
	refused(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: 'FO' } }), 422, 'R-JUR-4', 'union');
	let doc = ok(await centre.post(`/api/v1/juries/${jid}/cprefp`, { csrf: true }));
	assert.equal(doc.cprefp.due, false);
	assert.equal(doc.cprefp.sent_on, P);
	for (const k of ['president', 'employer', 'cfdt']) {
		const rep = ok(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true, json: { member: m[k] } }));
		assert.deepEqual(rep, { convened: 1, mailed: 0, mail_failed: 0 });
	}
	// the candidates the centre may present
	const el = ok(await centre.get(`/api/v1/juries/${jid}/eligible`)).items;
	for (const c of cands)
		assert.ok(el.some((x) => x.registration_id === c.rid && x.eligible), JSON.stringify(el));
	refused(await jury.get(`/api/v1/juries/${jid}/eligible`), 403);
	for (const c of cands)
		ok(await centre.post(`/api/v1/juries/${jid}/candidates`, { csrf: true, json: { registration: c.rid } }));
	refused(await centre.post(`/api/v1/juries/${jid}/candidates`, { csrf: true, json: { registration: 'x' } }), 400, undefined, 'registration');
	doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.equal(doc.candidates.length, 2);
	assert.equal(doc.anonymous, false);
});

test('the jury member reads the juries he sits on, never a name before the signature (R-JUR-10)', async () => {
	const list = await jury.get('/api/v1/juries');
	assert.deepEqual(ok(list).items.map((j) => j.id), [jid]);
	const doc = await jury.get(`/api/v1/juries/${jid}`);
	assert.equal(ok(doc).anonymous, true);
	anonymous(doc.text, 'GET /juries/{id}');
	for (const k of doc.json.candidates) {
		assert.equal(k.identity, undefined);
		assert.equal(k.registration_id, undefined);
	}
	refused(await jury.get(`/api/v1/juries/${jid}/candidates/${cands[0].rid}`), 404);
	refused(await jury.get(`/api/v1/juries/${jid}/documents/letter?arg=${cands[0].rid}`), 403);
	refused(await jury.get(`/api/v1/juries/${jid}/documents.zip`), 403);
	// a training body or an evaluator has no access to the juries
	refused(await body.get('/api/v1/juries'), 403);
	refused(await evaluator.get(`/api/v1/juries/${jid}`), 403);
});

test('on J − 14 a request or a convocation is late; on J − 15 it is on time (R-JUR-1, R-JUR-9)', async () => {
	await clock(N);
	refused(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: 'CGT' } }), 422, 'R-JUR-1');
	ok(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: 'CGT', sent_on: addDays(J, -15) } }));
	refused(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true, json: { member: m.cgt } }), 422, 'R-JUR-9');
	const rep = ok(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true,
		json: { member: m.cgt, sent_on: addDays(J, -15) } }));
	assert.equal(rep.convened, 1);
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.ok(doc.members.filter((x) => x.votes).every((x) => x.convened), JSON.stringify(doc.members));
	assert.ok(doc.unions.every((u) => u.on_time), JSON.stringify(doc.unions));
	// moving the jury now is refused: the new date is not 15 days ahead
	refused(await centre.post(`/api/v1/juries/${jid}/move`, { csrf: true, json: { date: addDays(N, 13) } }), 422, 'R-JUR-9');
});

test('the sitting: parity of the voters present (R-JUR-5), conformity, then the decisions (R-JUR-11)', async () => {
	await clock(J);
	const all = Object.values(m);
	refused(await centre.post(`/api/v1/juries/${jid}/sitting`, { csrf: true,
		json: { present: all.filter((x) => x !== m.cfdt) } }), 422, 'R-JUR-5');
	refused(await centre.post(`/api/v1/juries/${jid}/sitting`, { csrf: true, json: { present: 'tous' } }), 400, undefined, 'present');
	refused(await centre.post(`/api/v1/juries/${jid}/sitting`, { csrf: true,
		json: { present: Array.from({ length: 1000 }, (_, i) => i + 1) } }), 400, undefined, 'present');
	refused(await jury.post(`/api/v1/juries/${jid}/sitting`, { csrf: true, json: { present: all } }), 403);
	let doc = ok(await centre.post(`/api/v1/juries/${jid}/sitting`, { csrf: true, json: { present: all } }));
	assert.equal(doc.state, 'sitting');
	assert.equal(doc.parity.ok, true);
	const [c1, c2] = doc.candidates.map((k) => k.code);
	assert.match(c1, /^C-\d{3}$/);
	const dec = (v, extra) => ({ verdict: v, votes_for: 4, votes_against: 0, abstentions: 0,
		president_ballot: 'for', comment: '', ...extra });
	refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('A') }), 422, 'R-JUR-11');
	// the conformity is recorded by the centre (the president's account decides and signs)
	refused(await presid.post(`/api/v1/juries/${jid}/conformity`, { csrf: true }), 403);
	ok(await centre.post(`/api/v1/juries/${jid}/conformity`, { csrf: true }));
	for (const v of ['a', 'Admis', '', 'ADMIS', 'N/A'])
		refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec(v) }), 422, 'R-JUR-11');
	refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('A', { votes_for: 'quatre' }) }), 400, undefined, 'votes_for');
	refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('A', { votes_for: 1e12 }) }), 400, undefined, 'votes_for');
	refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('NA') }), 422, 'R-JUR-11');
	// only the president's account, among the jury's
	refused(await jury.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('A') }), 403);
	doc = ok(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c1}`, { csrf: true, json: dec('A') }));
	anonymous(JSON.stringify(doc), 'the president\'s answer');
	ok(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${c2}`, { csrf: true,
		json: dec('NA', { votes_for: 1, votes_against: 3, president_ballot: 'against' }) }));
	// the path's ref: letters, digits and hyphens
	for (const ref of ['..%2F..%2Fetc%2Fpasswd', 'C-001%2F..', 'C-001%20', 'x'.repeat(40), '%E2%80%AE'])
		assert.equal((await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${ref}`, { csrf: true, json: dec('A') })).status, 404, ref);
	assert.equal((await presid.req('PUT', `/api/v1/juries/${jid}/decisions/../../1`, { csrf: true, json: dec('A') })).status, 404);
	// not UTF-8: refused before any handler
	assert.equal((await presid.req('PUT', `/api/v1/juries/${jid}/decisions/%C0%AE%C0%AE`, { csrf: true, json: dec('A') })).status, 400);
	// still anonymous for every jury account, the candidate files included
	for (const c of [jury, presid]) {
		const d = await c.get(`/api/v1/juries/${jid}`);
		anonymous(d.text, 'sitting');
		for (const code of [c1, c2])
			anonymous(ok(await c.get(`/api/v1/juries/${jid}/candidates/${code}`)) && (await c.get(`/api/v1/juries/${jid}/candidates/${code}`)).text, 'candidate file');
		anonymous((await c.get('/api/v1/juries')).text, 'calendar');
	}
});

test('the signature: decisions final, certificates numbered (R-CER-2), names shown', async () => {
	refused(await jury.post(`/api/v1/juries/${jid}/signature`, { csrf: true }), 403);
	const doc = ok(await presid.post(`/api/v1/juries/${jid}/signature`, { csrf: true }));
	assert.equal(doc.state, 'signed');
	assert.equal(doc.signed_on, J);
	const k1 = doc.candidates.find((k) => k.decision === 'A');
	const k2 = doc.candidates.find((k) => k.decision === 'NA');
	assert.equal(k1.decision_state, 'final');
	certs = k1.certificates;
	assert.ok(certs.length >= 1, JSON.stringify(k1));
	assert.match(certs[0].number, /^MC\d+/);
	assert.equal(k2.decision_state, 'final');
	assert.equal(k2.letter.kind !== undefined, true);
	refused(await presid.req('PUT', `/api/v1/juries/${jid}/decisions/${k1.code}`, { csrf: true,
		json: { verdict: 'NA', votes_for: 0, votes_against: 4, abstentions: 0, president_ballot: 'against' } }), 422);
	const staff = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.ok(staff.candidates.some((k) => k.identity && /Martin/i.test(k.identity.name)), JSON.stringify(staff.candidates[0].identity));
});

test('certificates: read by the centre, a duplicate certified conform (R-CER-1), listed per candidate', async () => {
	const n = certs[0].number;
	const c = ok(await centre.get(`/api/v1/certificates/${encodeURIComponent(n)}`));
	assert.equal(c.number, n);
	assert.match(c.holder.name, /Martin/i);
	assert.equal(c.state, 'issued');
	for (const x of [jury, evaluator, body])
		assert.ok([403, 404].includes((await x.get(`/api/v1/certificates/${encodeURIComponent(n)}`)).status));
	refused(await other.get(`/api/v1/certificates/${encodeURIComponent(n)}`), 404);
	assert.equal((await anon.get(`/api/v1/certificates/${encodeURIComponent(n)}`)).status, 401);
	const d = ok(await centre.post(`/api/v1/certificates/${encodeURIComponent(n)}/duplicate`, { csrf: true }));
	assert.equal(d.number, n);
	assert.equal(d.duplicates, 1);
	assert.match(d.duplicate_mention, /[Dd]uplicata/);
	const pdf = await centre.get(`/api/v1/certificates/${encodeURIComponent(n)}/pdf?duplicate=1`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers.get('content-type'), 'application/pdf');
	assert.ok(pdf.text.startsWith('%PDF-'));
	const list = ok(await centre.get(`/api/v1/candidates/${cands[0].kid}/certificates`)).items;
	assert.ok(list.some((x) => x.number === n));
	refused(await centre.get('/api/v1/certificates/MC0000'), 404);
});

test('public verification: the same answer for unknown and malformed numbers, no cache, noindex, 429 after the burst', async () => {
	const n = certs[0].number;
	// from its own address: 5 at once allowed
	const a = '127.0.0.2';
	const valid = await getFrom(a, `/api/v1/verify/${encodeURIComponent(n)}`);
	assert.equal(valid.status, 200, valid.text);
	const v = JSON.parse(valid.text);
	assert.equal(v.valid, true);
	assert.match(v.holder, /Martin/i);
	assert.equal(v.jury_date, J);
	assert.deepEqual(Object.keys(v).sort(), ['centre', 'certification', 'display', 'holder', 'jury_date', 'kind_label', 'number', 'state', 'valid'].sort());
	const unknown = await getFrom(a, `/api/v1/verify/${n.slice(0, -2)}99`);
	const malformed = await getFrom(a, '/api/v1/verify/..%2F..%2Fetc%2Fpasswd');
	assert.equal(unknown.status, malformed.status);
	assert.equal(unknown.text, malformed.text);
	assert.deepEqual(JSON.parse(unknown.text), { valid: false });
	for (const r of [valid, unknown, malformed]) {
		assert.equal(r.headers['cache-control'], 'no-store');
		assert.match(r.headers['x-robots-tag'], /noindex/);
		assert.equal(r.headers['set-cookie'], undefined);
	}
	// the pages, from another address
	const b = '127.0.0.3';
	const form = await getFrom(b, '/verifier');
	assert.equal(form.status, 200);
	assert.match(form.text, /Vérifier un certificat/);
	assert.match(form.headers['x-robots-tag'], /noindex/);
	const pv = await getFrom(b, `/verifier/${encodeURIComponent(n)}`);
	assert.match(pv.text, /Ce certificat est authentique/);
	assert.match(pv.text, /Martin/i);
	const pu = await getFrom(b, '/verifier/MC2099999999999');
	const pm = await getFrom(b, '/verifier/%3Cscript%3E');
	assert.equal(pu.status, pm.status);
	assert.equal(pu.text, pm.text);
	assert.match(pu.text, /Aucun certificat valide ne porte ce numéro/);
	assert.ok(!pm.text.includes('<script>'));
	const pq = await getFrom(b, '/verifier?numero=' + encodeURIComponent('n\'importe quoi'));
	assert.equal(pq.text, pu.text);
	const pv2 = await getFrom(b, `/verifier?numero=${encodeURIComponent(n)}`);
	assert.equal(pv2.text, pv.text);
	// the sixth at once from b: 429, in French, with Retry-After
	const over = await getFrom(b, `/verifier/${encodeURIComponent(n)}`);
	assert.equal(over.status, 429);
	assert.match(over.text, /Trop de vérifications/);
	assert.match(over.headers['retry-after'], /^[1-9]\d*$/);
	const apiOver = await getFrom(b, `/api/v1/verify/${encodeURIComponent(n)}`);
	assert.equal(apiOver.status, 429);
	assert.equal(JSON.parse(apiOver.text).error.code, 'throttled');
	// another address is not slowed by b
	assert.equal((await getFrom('127.0.0.4', '/api/v1/verify/x')).status, 200);
});

test('a correction after the signature: a new final decision, the old one kept, certificates issued', async () => {
	const doc0 = ok(await centre.get(`/api/v1/juries/${jid}`));
	const k2 = doc0.candidates.find((k) => k.decision === 'NA');
	const body0 = { verdict: 'A', votes_for: 4, votes_against: 0, abstentions: 0, president_ballot: 'for' };
	refused(await centre.post(`/api/v1/juries/${jid}/corrections/${k2.code}`, { csrf: true, json: body0 }), 422, 'R-JUR-11');
	refused(await jury.post(`/api/v1/juries/${jid}/corrections/${k2.code}`, { csrf: true, json: { ...body0, motive: 'Erreur' } }), 403);
	const doc = ok(await centre.post(`/api/v1/juries/${jid}/corrections/${k2.code}`, { csrf: true,
		json: { ...body0, motive: 'Erreur de report : la compétence C3 était acquise.' } }));
	const k = doc.candidates.find((x) => x.code === k2.code);
	assert.equal(k.decision, 'A');
	assert.equal(k.revision, 1);
	assert.equal(k.history.length, 2);
	assert.ok(k.history.some((h) => h.state === 'superseded' && h.verdict === 'NA'));
});

test('documents: each PDF, and the zip of them all', async () => {
	for (const kind of ['minutes', 'attendance', 'gtp_letter', 'cprefp']) {
		const r = await centre.get(`/api/v1/juries/${jid}/documents/${kind}`);
		assert.equal(r.status, 200, kind + r.text.slice(0, 200));
		assert.equal(r.headers.get('content-type'), 'application/pdf');
		assert.ok(r.text.startsWith('%PDF-'));
	}
	const conv = await centre.get(`/api/v1/juries/${jid}/documents/convocation?arg=${m.cgt}`);
	assert.equal(conv.status, 200);
	refused(await centre.get(`/api/v1/juries/${jid}/documents/passwd`), 404);
	refused(await centre.get(`/api/v1/juries/${jid}/documents/letter?arg=${'x'.repeat(100)}`), 400, undefined, 'arg');
	const res = await fetch(srv.url(`/api/v1/juries/${jid}/documents.zip`), { headers: { Cookie: centre.cookieHeader() } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'application/zip');
	const zip = Buffer.from(await res.arrayBuffer());
	assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
	assert.ok(zip.includes(Buffer.from('PK\x05\x06', 'latin1')), 'end of central directory');
	refused(await other.get(`/api/v1/juries/${jid}/documents.zip`), 404);
});

test('GTP: records sent (R-GTP-1), a corrective action and its follow-up, withdrawal and attribution (R-GTP-2)', async () => {
	await clock(addDays(J, 5));
	let list = ok(await centre.get('/api/v1/gtp')).items;
	assert.ok(list.some((x) => x.jury_id === jid), JSON.stringify(list));
	refused(await centre.get('/api/v1/gtp?status=perdu'), 400, undefined, 'status');
	refused(await jury.post(`/api/v1/juries/${jid}/gtp/transmission`, { csrf: true }), 403);
	let doc = ok(await centre.post(`/api/v1/juries/${jid}/gtp/transmission`, { csrf: true, json: { sent_on: addDays(J, 3) } }));
	assert.equal(doc.gtp.sent_on, addDays(J, 3));
	refused(await centre.post(`/api/v1/juries/${jid}/gtp/corrective`, { csrf: true, json: { text: 'Compléter' } }), 403);
	const r = await admin.post(`/api/v1/juries/${jid}/gtp/corrective`, { csrf: true, json: { text: 'Procès-verbal incomplet : signatures manquantes.' } });
	const aid = ok(r, 201).corrective_id;
	assert.ok(aid > 0);
	refused(await admin.post(`/api/v1/gtp/corrective/${aid}/follow-up`, { csrf: true, json: { state: 'peut-être' } }), 400, undefined, 'state');
	ok(await admin.post(`/api/v1/gtp/corrective/${aid}/follow-up`, { csrf: true, json: { state: 'not_applied', note: 'Aucune réponse du centre.' } }));
	refused(await centre.post('/api/v1/centres/UIMM-DEMO/capacity', { csrf: true, json: { restore: false, date: addDays(J, 5) } }), 403);
	ok(await admin.post('/api/v1/centres/UIMM-DEMO/capacity', { csrf: true, json: { restore: false, date: addDays(J, 5), motive: 'Action corrective non appliquée.' } }));
	// this jury had the capacity: the GTP does not attribute in its place
	refused(await admin.post(`/api/v1/juries/${jid}/gtp/attribution`, { csrf: true, json: {} }), 422, 'R-GTP-2');
	// a jury held while the capacity is withdrawn awards nothing; the GTP
	// attributes, and the certificates are issued then
	const J2 = addDays(J, 25);
	const k = await evaluatedCandidate(srv.db, 'Girard');
	const two = await planAndCompose(centre, J2);
	ok(await centre.post(`/api/v1/juries/${two.jid}/requests`, { csrf: true, json: {} }));
	ok(await centre.post(`/api/v1/juries/${two.jid}/convocations`, { csrf: true, json: {} }));
	ok(await centre.post(`/api/v1/juries/${two.jid}/candidates`, { csrf: true, json: { registration: k.rid } }));
	await clock(J2);
	ok(await centre.post(`/api/v1/juries/${two.jid}/sitting`, { csrf: true, json: { present: Object.values(two.m), conformity: true } }));
	ok(await presid.req('PUT', `/api/v1/juries/${two.jid}/decisions/C-001`, { csrf: true, json: {
		verdict: 'A', votes_for: 4, votes_against: 0, abstentions: 0, president_ballot: 'for' } }));
	let d2 = ok(await presid.post(`/api/v1/juries/${two.jid}/signature`, { csrf: true }));
	assert.deepEqual(d2.candidates[0].certificates.filter((c) => c.state === 'issued'), []);
	refused(await centre.post(`/api/v1/juries/${two.jid}/gtp/attribution`, { csrf: true, json: {} }), 403);
	refused(await admin.post(`/api/v1/juries/${two.jid}/gtp/attribution`, { csrf: true, json: {} }), 422, 'R-GTP-1');
	ok(await centre.post(`/api/v1/juries/${two.jid}/gtp/transmission`, { csrf: true }));
	d2 = ok(await admin.post(`/api/v1/juries/${two.jid}/gtp/attribution`, { csrf: true, json: {} }));
	assert.ok(d2.candidates[0].certificates.some((c) => c.state === 'issued'), JSON.stringify(d2.candidates[0].certificates));
	assert.equal(d2.gtp.award_route, 'gtp');
	ok(await admin.post('/api/v1/centres/UIMM-DEMO/capacity', { csrf: true, json: { restore: true, date: J2 } }));
	list = ok(await admin.get('/api/v1/gtp')).items;
	assert.ok(list.some((x) => x.jury_id === jid) && list.some((x) => x.jury_id === two.jid));
});

test('every role\'s rights on the jury\'s addresses', async () => {
	const reads = [`/api/v1/juries/${jid}`, `/api/v1/juries/${jid}/eligible`, '/api/v1/gtp', '/api/v1/juries'];
	for (const p of reads)
		assert.equal((await anon.get(p)).status, 401, p);
	for (const c of [evaluator, body]) {
		assert.ok([403, 404].includes((await c.get(`/api/v1/juries/${jid}`)).status));
		assert.equal((await c.post(`/api/v1/juries/${jid}/signature`, { csrf: true })).status, 403);
	}
	assert.equal((await other.get(`/api/v1/juries/${jid}`)).status, 404);
	assert.equal(ok(await admin.get(`/api/v1/juries/${jid}`)).id, jid);
	// CSRF on every write
	const r = await centre.post(`/api/v1/juries/${jid}/cprefp`, { json: {} });
	assert.equal(r.status, 403);
	assert.equal(r.json.error.code, 'csrf');
});

test('hostile input: bad JSON, bodies too big, wrong types, unknown addresses', async () => {
	let r = await centre.post('/api/v1/juries', { csrf: true, body: '{"date":', headers: { 'Content-Type': 'application/json' } });
	refused(r, 400);
	assert.equal(r.json.error.code, 'invalid_json');
	r = await centre.post('/api/v1/juries', { csrf: true, body: '[1,2]', headers: { 'Content-Type': 'application/json' } });
	assert.equal(r.status, 400);
	r = await centre.post('/api/v1/juries', { csrf: true, form: { date: TODAY } });
	assert.equal(r.status, 415);
	r = await centre.post('/api/v1/juries', { csrf: true, json: { date: TODAY, place: 'x'.repeat(2 << 20), certifications: ['RNCP28235'] } });
	assert.equal(r.status, 413);
	r = await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: 'C'.repeat(100) } });
	refused(r, 400, undefined, 'union');
	r = await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: { union: ['CGT'] } });
	refused(r, 400, undefined, 'union');
	for (const p of [`/api/v1/juries/${jid}/frobnicate`, `/api/v1/juries/${jid}/candidates/a/b`, '/api/v1/juries/99999999/eligible',
		'/api/v1/juries/-1', '/api/v1/juries/1e3'])
		assert.equal((await centre.get(p)).status, 404, p);
	assert.equal((await centre.req('PATCH', `/api/v1/juries/${jid}/move`, { csrf: true, json: {} })).status, 405);
});
