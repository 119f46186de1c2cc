// Mail throughput for npm run bench: 1,000 notifications through our pipeline (cloud -> ERP
// outbox -> SMTP with CDN.EPS_MarkMailSent per message) against a local smtp-server, and as the
// reference the same 1,000 messages sent by a plain nodemailer loop (same pool size, no outbox).
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import type { Services } from '../src/runner/app.js';
import { chooseAccount, pullAndSend } from '../src/mailer/index.js';
import { limiter } from '../src/mailer/drain.js';

const MESSAGES = 1000;
const CONCURRENCY = 4;

export async function mailThroughput(s: Services): Promise<{ messages: number; oursMs: number; pullMs: number; rawMs: number }> {
  let received = 0;
  const server = new SMTPServer({
    logger: false, disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true,
    onData(stream, _session, cb) { stream.on('data', () => {}); stream.on('end', () => { received++; cb(); }); },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const config = postgres(s.config.erp.configUrl, { max: 1, onnotice: () => {} });
  try {
    await config`UPDATE CDN.Bazy SET Baz_Dostep = ${`SERVER=localhost;DATABASE=${s.erp.companyDatabase}`} WHERE Baz_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
    await config`UPDATE CDN.MailKontaEMail SET MKE_SMTP = '127.0.0.1', MKE_SMTPPort = ${port}, MKE_SMTPSSL = 0, MKE_SMTPUwierzytelnianie = 0 WHERE MKE_MKEID = 1`;
    await chooseAccount(s, 1);
    await s.cloud.sql`SELECT eps.notify(${s.tenantId}::integer, 'upgrade_finished', 'osoba' || g || '@demofirma.pl', 'Osoba ' || g, jsonb_build_object('version', '2026.' || g))
      FROM generate_series(1, ${MESSAGES}) g`;
    const messages = await s.cloud.sql<{ message_id: string; recipient_address: string; subject: string; body_text: string; body_html: string }[]>`
      SELECT message_id::text, recipient_address, subject, body_text, body_html FROM eps.notifications WHERE tenant_id = ${s.tenantId} AND pulled_at IS NULL ORDER BY id`;

    let t = process.hrtime.bigint();
    const r = await pullAndSend(s, { concurrency: CONCURRENCY });
    const oursMs = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.drain.sent !== MESSAGES) throw new Error(`bench: only ${r.drain.sent} of ${MESSAGES} messages were sent`);
    // The pull alone, measured again on a second set, tells how the time splits.
    await s.cloud.sql`UPDATE eps.notifications SET pulled_at = NULL WHERE tenant_id = ${s.tenantId}`;
    await config`DELETE FROM CDN.EPS_MailAttempt`;
    t = process.hrtime.bigint();
    const { pullNotifications } = await import('../src/mailer/pull.js');
    await pullNotifications({ erp: s.erp, cloud: s.cloud.sql, tenantId: s.tenantId, station: 'bench' }, 1);
    const pullMs = Number(process.hrtime.bigint() - t) / 1e6;

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: CONCURRENCY, maxMessages: Infinity, ignoreTLS: true });
    const gate = limiter(CONCURRENCY);
    t = process.hrtime.bigint();
    await Promise.all(messages.map((m) => gate(() => transport.sendMail({
      from: 'kadry@demofirma.pl', to: m.recipient_address, subject: m.subject, text: m.body_text, html: m.body_html, messageId: `<${m.message_id}@eps>`,
    }))));
    const rawMs = Number(process.hrtime.bigint() - t) / 1e6;
    transport.close();
    if (received !== 2 * MESSAGES) throw new Error(`bench: the SMTP server received ${received} messages, expected ${2 * MESSAGES}`);
    return { messages: MESSAGES, oursMs, pullMs, rawMs };
  } finally {
    await config.end();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
