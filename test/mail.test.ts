import test from 'ava';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import { world, quietLog, type World } from './_helpers/sync.js';
import { chooseAccount, drainOutbox, loadAccount, mailAfterSync, mailStatus, formatMailStatus, pullAndSend, pullNotifications } from '../src/mailer/index.js';
import { EpsError } from '../src/errors.js';

// One SMTP server per test, on 127.0.0.1; it records every message and the most sessions open at once.
interface Smtp {
  port: number;
  received: ParsedMail[];
  maxSessions: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function smtp(opts: { auth?: { user: string; pass: string }; reject?: (address: string) => boolean; tempFail?: (address: string) => boolean; port?: number } = {}): Promise<Smtp> {
  let server: SMTPServer | null = null;
  let active = 0;
  const s: Smtp = {
    port: opts.port ?? 0,
    received: [],
    maxSessions: 0,
    async start() {
      server = new SMTPServer({
        logger: false,
        disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
        authOptional: !opts.auth,
        allowInsecureAuth: true,
        size: 1024 * 1024,
        onConnect(_session, cb) { active++; s.maxSessions = Math.max(s.maxSessions, active); cb(); },
        onClose() { active--; },
        onAuth(auth, _session, cb) {
          if (auth.username === opts.auth?.user && auth.password === opts.auth?.pass) return cb(null, { user: auth.username });
          cb(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
        },
        onRcptTo(address, _session, cb) {
          if (opts.reject?.(address.address)) return cb(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
          if (opts.tempFail?.(address.address)) return cb(Object.assign(new Error(`Greylisted, try ${address.address} again later`), { responseCode: 451 }));
          cb();
        },
        onData(stream, _session, cb) {
          simpleParser(stream).then((m) => { s.received.push(m); cb(); }, (e: Error) => cb(e));
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(s.port, '127.0.0.1', () => resolve());
      });
      s.port = (server.server.address() as AddressInfo).port;
    },
    async stop() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    },
  };
  await s.start();
  return s;
}

/** Points the template's CDN.Bazy row at this clone, the demo account (MKE_MKEID 1) at the test server, and chooses it. */
async function mailWorld(server: Smtp, account: { user?: string; pass?: string } = {}): Promise<World> {
  const w = await world();
  await w.configDb`UPDATE CDN.Bazy SET Baz_Dostep = ${`SERVER=localhost;DATABASE=${w.names.company}`} WHERE Baz_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
  await w.configDb`UPDATE CDN.MailKontaEMail SET MKE_SMTP = '127.0.0.1', MKE_SMTPPort = ${server.port}, MKE_SMTPSSL = 0,
    MKE_SMTPUwierzytelnianie = ${account.user ? 1 : 0}, MKE_Uzytkownik = ${account.user ?? 'kadry@demofirma.pl'}, MKE_Haslo = ${account.pass ?? ''}
    WHERE MKE_MKEID = 1`;
  await chooseAccount(w.services, 1);
  return w;
}

async function notify(w: World, kind: string, to: string, name: string, data: Record<string, unknown>): Promise<string> {
  const [r] = await w.cloudSql`SELECT eps.notify(${w.services.tenantId}::integer, ${kind}, ${to}, ${name}, ${w.cloudSql.json(data as never)}::jsonb)::text AS id`;
  return r.id as string;
}

async function notifyMany(w: World, n: number, to: (i: number) => string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await notify(w, 'upgrade_finished', to(i), `Odbiorca ${i}`, { version: `2026.${i}` }));
  return ids;
}

const attempts = (w: World) => w.configDb<{ state: string; attempts: number; error: string | null; status: number }[]>`
  SELECT a.MAT_State AS state, a.MAT_Attempts AS attempts, a.MAT_LastError AS error, m.MWD_Status AS status
  FROM CDN.EPS_MailAttempt a JOIN CDN.MailWiadomosci m ON m.MWD_MWDID = a.MAT_MWDID ORDER BY a.MAT_MWDID`;
const toAddress = (m: ParsedMail) => (m.to as AddressObject).value[0]!.address;

test.serial('each kind of notification arrives once after the differential sync, to the right recipient, with a Polish subject and body', async (t) => {
  const server = await smtp();
  const w = await mailWorld(server);
  try {
    await w.sync(); // the first sync is full: no mail after it
    const ids = {
      absence_submitted: await notify(w, 'absence_submitted', 'kierownik@demofirma.pl', 'Grzegorz Brzęczyszczykiewicz',
        { employee: 'Łucja Żółkiewska', absence_type: 'Urlop wypoczynkowy', date_from: '2026-12-21', date_to: '2026-12-23', note: 'Wyjazd świąteczny' }),
      absence_decided: await notify(w, 'absence_decided', 'lucja.zolkiewska@demofirma.pl', 'Łucja Żółkiewska',
        { decision: 'approved', absence_type: 'Urlop wypoczynkowy', date_from: '2026-12-21', date_to: '2026-12-23', decided_by: 'Grzegorz Brzęczyszczykiewicz' }),
      conflict_lost: await notify(w, 'conflict_lost', 'lucja.zolkiewska@demofirma.pl', 'Łucja Żółkiewska',
        { entry: 'Praca zdalna', date_from: '2026-12-02' }),
      service_started: await notify(w, 'service_started', 'zamowienia@demofirma.pl', '', { login: 'admin@demofirma.pl', password: 'Tymczasowe-Hasło1', firm: 'Demo Firma Sp. z o.o.' }),
      upgrade_finished: await notify(w, 'upgrade_finished', 'zamowienia@demofirma.pl', '', { version: '2026.1' }),
    };
    t.is(server.received.length, 0, 'nothing is sent before the differential sync');
    const r = await w.sync();
    t.is(r.kind, 'diff');
    t.is(server.received.length, 5);
    const byId = new Map(server.received.map((m) => [m.messageId, m]));
    const expect: Record<keyof typeof ids, { to: string; subject: string; text: string[] }> = {
      absence_submitted: { to: 'kierownik@demofirma.pl', subject: 'Nowy wniosek o nieobecność: Łucja Żółkiewska (Urlop wypoczynkowy, 21.12.2026 – 23.12.2026)', text: ['Dzień dobry, Grzegorz Brzęczyszczykiewicz,', 'czeka na Twoją decyzję', 'Uwagi: Wyjazd świąteczny'] },
      absence_decided: { to: 'lucja.zolkiewska@demofirma.pl', subject: 'Wniosek o nieobecność zaakceptowany: Urlop wypoczynkowy, 21.12.2026 – 23.12.2026', text: ['Twój wniosek o nieobecność', 'Decyzję podjął(a): Grzegorz Brzęczyszczykiewicz'] },
      conflict_lost: { to: 'lucja.zolkiewska@demofirma.pl', subject: 'Zmiana w e-Pracowniku nie została zapisana: Praca zdalna', text: ['„Praca zdalna” (02.12.2026)', 'pierwszeństwo'] },
      service_started: { to: 'zamowienia@demofirma.pl', subject: 'Comarch ERP e-Pracownik został uruchomiony', text: ['Login administratora: admin@demofirma.pl', 'Hasło tymczasowe: Tymczasowe-Hasło1', 'Dzień dobry,'] },
      upgrade_finished: { to: 'zamowienia@demofirma.pl', subject: 'Aktualizacja Comarch ERP e-Pracownik zakończona', text: ['do wersji 2026.1', 'dostęp do aplikacji został przywrócony'] },
    };
    for (const [kind, id] of Object.entries(ids) as [keyof typeof ids, string][]) {
      const m = byId.get(`<${id}@eps>`);
      if (!m) { t.fail(`${kind}: no message with Message-ID <${id}@eps>`); continue; }
      t.is(toAddress(m), expect[kind].to, kind);
      t.is(m.subject, expect[kind].subject, kind);
      for (const s of expect[kind].text) t.true(m.text!.includes(s), `${kind}: text lacks "${s}"`);
      t.true(m.text!.includes('https://test.epracownik.local/'), `${kind}: link to the portal`);
      t.true(String(m.html).includes('<a href="https://test.epracownik.local/">'), `${kind}: HTML link`);
      t.is((m.from as AddressObject).value[0]!.address, 'kadry@demofirma.pl');
      const rawSubject = m.headerLines.find((h) => h.key === 'subject')!.line;
      if (/[^\x00-\x7f]/.test(expect[kind].subject)) t.regex(rawSubject, /=\?UTF-8\?[BQ]\?/i, `${kind}: the subject header is RFC 2047 encoded`);
    }
    // The Polish diacritics survive in the HTML part too, escaped where they must be.
    t.true(String(byId.get(`<${ids.conflict_lost}@eps>`)!.html).includes('Wpis „Praca zdalna”'));

    await w.sync();
    t.is(server.received.length, 5, 'a second differential sync sends nothing again');
    const st = await mailStatus(w.services);
    t.like(st, { queued: 0, sent: 5, failed: 0, waitingInCloud: 0 });
    t.deepEqual((await attempts(w)).map((a) => [a.state, a.status]), Array(5).fill(['sent', 2]));
    const [outbox] = await w.configDb`SELECT count(*)::int AS n, count(DISTINCT MWD_NumerNr)::int AS nr, min(MWD_BazaGUID::text) = (SELECT Baz_GUID::text FROM CDN.Bazy WHERE Baz_BazID = 1) AS firm
      FROM CDN.MailWiadomosci WHERE MWD_NumerString = 'EPS/@numer'`;
    t.like(outbox, { n: 5, nr: 5, firm: true });
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('a repeated pull (a crash before the cloud was marked) queues nothing twice; a notification without its data is refused', async (t) => {
  const server = await smtp();
  const w = await mailWorld(server);
  try {
    await notifyMany(w, 3, (i) => `osoba${i}@demofirma.pl`);
    const deps = { erp: w.services.erp, cloud: w.cloudSql, tenantId: w.services.tenantId, station: 'test' };
    t.deepEqual(await pullNotifications(deps, 1), { pulled: 3, alreadyQueued: 0 });
    await w.cloudSql`UPDATE eps.notifications SET pulled_at = NULL`;
    t.deepEqual(await pullNotifications(deps, 1), { pulled: 0, alreadyQueued: 3 });
    const [n] = await w.configDb`SELECT count(*)::int AS n FROM CDN.MailWiadomosci`;
    t.is(n.n, 3);
    const e = await t.throwsAsync(notify(w, 'absence_submitted', 'kierownik@demofirma.pl', 'Kierownik', { employee: 'Jan Nowak' }));
    t.is((e as { code?: string }).code, 'EPC20');
    t.regex(e!.message, /absence_type, date_from/);
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('server down: the mail stays queued with the error, and goes out after the next differential sync once the server is back', async (t) => {
  const server = await smtp();
  const w = await mailWorld(server);
  try {
    await w.sync();
    await server.stop();
    const ids = await notifyMany(w, 3, (i) => `osoba${i}@demofirma.pl`);
    await w.sync();
    const down = await attempts(w);
    t.is(down.length, 3, 'pulled into the outbox');
    t.true(down.every((a) => a.state === 'queued' && a.status === 1));
    t.true(down.some((a) => a.attempts === 1 && /ECONNECTION|ECONNREFUSED/.test(a.error ?? '')), JSON.stringify(down));
    const st = await mailStatus(w.services);
    t.like(st, { queued: 3, sent: 0, failed: 0 });
    t.regex(formatMailStatus(st), /queued .*1 attempt\(s\), next/);

    await server.start(); // the same port
    await w.sync();
    const tried = (await attempts(w)).filter((a) => a.attempts > 0).length;
    t.is(server.received.length, 3 - tried, 'a message that failed waits for its backoff; the untried ones go at once');
    await w.configDb`UPDATE CDN.EPS_MailAttempt SET MAT_NextAttempt = localtimestamp - interval '1 second' WHERE MAT_State = 'queued'`; // the backoff has passed
    await w.sync();
    t.deepEqual(server.received.map((m) => m.messageId).sort(), ids.map((id) => `<${id}@eps>`).sort());
    t.true((await attempts(w)).every((a) => a.state === 'sent' && a.error === null));
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('a 4xx reply is transient: the message stays queued with the reply and its attempt count, and goes out once the server takes it', async (t) => {
  let greylisting = true;
  const server = await smtp({ tempFail: (a) => greylisting && a === 'osoba1@demofirma.pl' });
  const w = await mailWorld(server);
  try {
    await w.sync();
    const ids = await notifyMany(w, 3, (i) => `osoba${i}@demofirma.pl`);
    await w.sync();
    t.is(server.received.length, 2, 'the others are not held up');
    const after = await attempts(w);
    const waiting = after.filter((a) => a.state === 'queued');
    t.is(waiting.length, 1);
    t.is(waiting[0]!.attempts, 1);
    t.regex(waiting[0]!.error ?? '', /451.*Greylisted/);
    t.is(after.filter((a) => a.state === 'failed').length, 0, 'a 4xx never fails a message for good');

    greylisting = false;
    await w.configDb`UPDATE CDN.EPS_MailAttempt SET MAT_NextAttempt = localtimestamp - interval '1 second' WHERE MAT_State = 'queued'`; // the backoff has passed
    await w.sync();
    t.deepEqual(server.received.map((m) => m.messageId).sort(), ids.map((id) => `<${id}@eps>`).sort(), 'each once, the retry with its own Message-ID');
    t.true((await attempts(w)).every((a) => a.state === 'sent'));
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('wrong password: a clear error naming the account, the password never in it or in the log, and nothing lost', async (t) => {
  const server = await smtp({ auth: { user: 'kadry@demofirma.pl', pass: 'Prawidłowe-Hasło' } });
  const w = await mailWorld(server, { user: 'kadry@demofirma.pl', pass: 'Złe-Hasło-123' });
  try {
    await notifyMany(w, 4, (i) => `osoba${i}@demofirma.pl`);
    const e = await t.throwsAsync(pullAndSend(w.services));
    t.true(e instanceof EpsError);
    t.is((e as EpsError).code, 'EPS20');
    t.regex(e!.message, /"Kadry – Demo Firma" \(CDN\.MailKontaEMail 1, user kadry@demofirma\.pl at 127\.0\.0\.1:\d+\)/);
    t.false((e as EpsError).toString().includes('Złe-Hasło-123'));
    t.is(server.received.length, 0);
    t.true((await attempts(w)).every((a) => a.state === 'queued' && a.attempts === 0), 'an authentication error costs no attempt');

    await w.sync(); // full
    const r = await w.sync(); // diff: the mail error is logged, the sync succeeds
    const log = readFileSync(r.logFile, 'utf8');
    t.regex(log, /ERROR .*mail not sent: EPS20/);
    t.false(log.includes('Złe-Hasło-123'));

    await w.configDb`UPDATE CDN.MailKontaEMail SET MKE_Haslo = 'Prawidłowe-Hasło' WHERE MKE_MKEID = 1`;
    await w.sync();
    t.is(server.received.length, 4);
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('one bad recipient among 50: 49 are delivered and 1 is failed, with the reason', async (t) => {
  const server = await smtp({ reject: (a) => a === 'nieistnieje@demofirma.pl' });
  const w = await mailWorld(server);
  try {
    await notifyMany(w, 50, (i) => (i === 17 ? 'nieistnieje@demofirma.pl' : `osoba${i}@demofirma.pl`));
    const { drain } = await pullAndSend(w.services);
    t.like(drain, { sent: 49, failed: 1, retrying: 0 });
    t.is(server.received.length, 49);
    t.false(server.received.some((m) => toAddress(m) === 'nieistnieje@demofirma.pl'));
    const st = await mailStatus(w.services);
    t.like(st, { queued: 0, sent: 49, failed: 1 });
    t.is(st.problems.length, 1);
    t.like(st.problems[0], { State: 'failed', Attempts: 1 });
    t.regex(st.problems[0]!.LastError ?? '', /550/);
    t.regex(formatMailStatus(st), /failed .*nieistnieje@demofirma\.pl[\s\S]*550/);
    const [m] = await w.configDb`SELECT MWD_Status AS status FROM CDN.MailWiadomosci WHERE MWD_Adresaci LIKE '%nieistnieje%'`;
    t.is(m.status, 0, 'back to drafts: no mailer retries it');
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('a crash after the server accepted a message and before it was marked sent: the retry carries the same Message-ID', async (t) => {
  const server = await smtp();
  const w = await mailWorld(server);
  try {
    const [id] = await notifyMany(w, 1, () => 'osoba@demofirma.pl');
    const crash = new Error('simulated crash');
    const account = await loadAccount(w.services.erp);
    await pullNotifications({ erp: w.services.erp, cloud: w.cloudSql, tenantId: w.services.tenantId, station: 'test' }, account.id);
    await t.throwsAsync(drainOutbox(w.services.erp, account, { afterAccepted: () => { throw crash; } }), { is: crash });
    t.is(server.received.length, 1);
    t.like((await attempts(w))[0], { state: 'queued', status: 1 });

    await mailAfterSync(w.services, quietLog);
    t.is(server.received.length, 2, 'delivered twice: the one window of at-least-once delivery');
    t.deepEqual(server.received.map((m) => m.messageId), [`<${id}@eps>`, `<${id}@eps>`]);
    t.like((await attempts(w))[0], { state: 'sent', status: 2 });
  } finally {
    await w.close();
    await server.stop();
  }
});

test.serial('1,000 queued messages drain with at most `concurrency` SMTP sessions at once', async (t) => {
  const server = await smtp();
  const w = await mailWorld(server);
  try {
    await w.cloudSql`SELECT eps.notify(${w.services.tenantId}::integer, 'upgrade_finished', 'osoba' || g || '@demofirma.pl', 'Osoba ' || g, jsonb_build_object('version', '2026.' || g))
      FROM generate_series(1, 1000) g`;
    const t0 = Date.now();
    const { pull, drain } = await pullAndSend(w.services, { concurrency: 3 });
    const ms = Date.now() - t0;
    t.is(pull.pulled, 1000);
    t.like(drain, { sent: 1000, failed: 0, retrying: 0, skipped: 0 });
    t.is(new Set(server.received.map((m) => m.messageId)).size, 1000);
    t.true(server.maxSessions <= 3, `at most 3 sessions at once, saw ${server.maxSessions}`);
    t.log(`1,000 messages pulled and sent in ${ms} ms (${Math.round(1000 / (ms / 1000))} messages/s), ${server.maxSessions} sessions at most`);
  } finally {
    await w.close();
    await server.stop();
  }
});
