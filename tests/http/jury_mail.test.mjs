// Convocations by mail (R-JUR-9): with `serve --smtp` pointing at a sink,
// the convocation of each voting member who has an address leaves with its
// PDF, the mandating union getting a copy; a member without an address is
// convened all the same, on paper; a refused recipient is reported, and
// nothing recorded is lost.
import assert from 'node:assert/strict';
import { test, before, after, startServer, stopAndCheck, apiLogin } from './server.mjs';
import { startSmtpSink, parseMessage } from './smtp_sink.mjs';
import { P, ok, prepare, planAndCompose } from './jury_flow.mjs';

let sink, srv, centre;

before(async () => {
	sink = await startSmtpSink({ rejectRcpt: /refuse@/ });
	srv = await startServer({ clock: P, args: ['--smtp', sink.url, '--smtp-from', 'jury@uimm.test'] });
	await prepare(srv);
	centre = await apiLogin(srv.base, 'centre');
});
after(async () => {
	await stopAndCheck(srv);
	await sink.stop();
});

test('the convocations are mailed with their PDF, a copy to the mandating union', async () => {
	const { jid } = await planAndCompose(centre);
	ok(await centre.post(`/api/v1/juries/${jid}/requests`, { csrf: true, json: {} }));
	const rep = ok(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true, json: {} }));
	// four voting members convened; two have an address (the union members)
	assert.deepEqual(rep, { convened: 4, mailed: 2, mail_failed: 0 });
	const msgs = await sink.waitFor(2);
	const cgt = msgs.find((x) => x.rcpt.includes('paul.roux@cgt.test'));
	assert.ok(cgt, JSON.stringify(msgs.map((x) => x.rcpt)));
	assert.ok(cgt.rcpt.includes('cgt@syndicat.test'), 'the union\'s copy');
	assert.equal(cgt.from, 'jury@uimm.test');
	const parsed = parseMessage(cgt.data);
	assert.match(parsed.subject, /[Cc]onvocation/);
	const pdf = parsed.parts.find((p) => p.type.startsWith('application/pdf'));
	assert.ok(pdf, 'a PDF attached');
	assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.ok(doc.members.filter((x) => x.votes).every((x) => x.convened));
});

test('a recipient the mail server refuses is reported; the convocation stays recorded', async () => {
	const { jid } = await planAndCompose(centre);
	ok(await centre.post(`/api/v1/juries/${jid}/members`, { csrf: true, json: {
		name: 'Anne REFUS', role: 'employer', votes: true, email: 'refuse@entreprise.test' } }), 201);
	// parity needs one more employee voter only at the sitting; the
	// convocation of the employer with a refused address:
	const doc0 = ok(await centre.get(`/api/v1/juries/${jid}`));
	const anne = doc0.members.find((x) => x.name === 'Anne REFUS').id;
	const rep = ok(await centre.post(`/api/v1/juries/${jid}/convocations`, { csrf: true, json: { member: anne } }));
	assert.deepEqual(rep, { convened: 1, mailed: 0, mail_failed: 1 });
	const doc = ok(await centre.get(`/api/v1/juries/${jid}`));
	assert.equal(doc.members.find((x) => x.id === anne).convened, true);
});
