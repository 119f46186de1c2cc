// Sends the firm's queued notifications from Optima's outbox through the chosen SMTP account,
// with at most `concurrency` SMTP connections and messages in flight.
//
// Outcomes per message:
// - accepted by the server: CDN.EPS_MarkMailSent (MWD_Status 2 + MWD_Wyslano);
// - transient (connection refused or lost, timeout, a 4xx reply): stays queued with one more
//   attempt, the last error and the next attempt after a backoff; after `maxAttempts` it fails;
// - permanent (a 5xx reply, a rejected recipient): failed at once, the others go on;
// - the server refuses the login: nothing is marked, EpsError EPS20 names the account to fix.
// When the server cannot be reached at all, the messages not yet tried are left as they are
// (still due) instead of each collecting a failed attempt.
//
// Delivery is at least once. The one window in which a crash sends a message twice: after the
// SMTP server accepted it (250 after DATA) and before CDN.EPS_MarkMailSent committed. The retry
// carries the same Message-ID (<message id@eps>, the notification's uuid), so the recipient's
// mail system can recognise the duplicate.

import type { ErpAdapter } from '../erp/adapter.js';
import type { ProcedureRow } from '../erp/procedures.js';
import { EpsError } from '../errors.js';
import type { MailAccount } from './account.js';

export type OutboxMessage = ProcedureRow<'EPS_OutboxBatch'>;

export interface DrainOptions {
  concurrency?: number;
  maxAttempts?: number;
  /** Seconds until the next attempt after `attempts` failed ones (default 60 s doubling, at most 1 h). */
  backoffSeconds?: (attempts: number) => number;
  batchSize?: number;
  /** Test hook: runs after the server accepted a message and before it is marked sent. */
  afterAccepted?: (m: OutboxMessage) => void | Promise<void>;
  log?: { info(m: string): void; warn(m: string): void; debug(m: string): void };
}

export interface DrainResult { sent: number; failed: number; retrying: number; skipped: number; failures: { mwdId: number; error: string; permanent: boolean }[] }

export const MAIL_DEFAULTS = { concurrency: 4, maxAttempts: 10, batchSize: 500 } as const;
export const defaultBackoff = (attempts: number): number => Math.min(60 * 2 ** attempts, 3600);

export function messageIdHeader(messageId: string): string {
  return `<${messageId.toLowerCase()}@eps>`;
}

type Failure = { kind: 'auth' | 'permanent' | 'transient' | 'unreachable'; text: string };

export function classify(e: unknown): Failure {
  const err = e as { code?: string; responseCode?: number; response?: string; message?: string };
  const text = (err.response || err.message || String(e)).replace(/\s+/g, ' ').trim();
  const code = err.responseCode;
  if (err.code === 'EAUTH' || code === 535 || code === 534) return { kind: 'auth', text };
  if (typeof code === 'number' && code >= 500) return { kind: 'permanent', text };
  if (typeof code === 'number' && code >= 400) return { kind: 'transient', text };
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'ETLS'].includes(err.code ?? '')) return { kind: 'unreachable', text: `${err.code}: ${text}` };
  return { kind: 'transient', text };
}

/** A p-limit-style gate: at most n functions run at once. */
export function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try { return await f(); } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export async function drainOutbox(erp: ErpAdapter, account: MailAccount, opts: DrainOptions = {}): Promise<DrainResult> {
  const concurrency = Math.max(1, opts.concurrency ?? MAIL_DEFAULTS.concurrency);
  const maxAttempts = opts.maxAttempts ?? MAIL_DEFAULTS.maxAttempts;
  const backoff = opts.backoffSeconds ?? defaultBackoff;
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0, skipped: 0, failures: [] };
  const { default: nodemailer } = await import('nodemailer'); // loaded only when there is mail to send
  const transport = nodemailer.createTransport(account.transportOptions(concurrency));
  const gate = limiter(concurrency);
  const seen = new Set<number>();
  let stop: Failure | null = null;

  const fail = async (m: OutboxMessage, f: Failure) => {
    const permanent = f.kind === 'permanent';
    const error = account.redact(f.text).slice(0, 2000);
    const [r] = await erp.call('EPS_MarkMailFailed', {
      MwdId: m.MwdId, Permanent: permanent ? 1 : 0, ErrorText: error, RetryAfterSeconds: Math.round(backoff(m.Attempts)), MaxAttempts: maxAttempts,
    });
    if (r?.State === 'failed') result.failed++;
    else result.retrying++;
    result.failures.push({ mwdId: m.MwdId, error, permanent: r?.State === 'failed' });
    opts.log?.debug(`message ${m.MwdId} (${m.Kind}) not sent (${r?.State ?? 'unchanged'}): ${error}`);
  };

  const sendOne = async (m: OutboxMessage) => {
    if (stop) { result.skipped++; return; }
    try {
      await transport.sendMail({
        from: account.from,
        to: m.Recipients,
        subject: m.Subject,
        text: m.BodyText,
        html: m.BodyHtml,
        messageId: messageIdHeader(m.MessageId),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-EPS-Kind': m.Kind },
      });
    } catch (e) {
      const f = classify(e);
      if (f.kind === 'auth') { stop ??= f; result.skipped++; return; }
      if (f.kind === 'unreachable') stop ??= f;
      await fail(m, f);
      return;
    }
    await opts.afterAccepted?.(m);
    await erp.call('EPS_MarkMailSent', { MwdId: m.MwdId });
    result.sent++;
  };

  try {
    while (!stop) {
      const batch = (await erp.call('EPS_OutboxBatch', {
        DatabaseName: erp.companyDatabase, MaxAttempts: maxAttempts, MaxMessages: opts.batchSize ?? MAIL_DEFAULTS.batchSize,
      })).filter((m) => !seen.has(m.MwdId));
      if (batch.length === 0) break;
      for (const m of batch) seen.add(m.MwdId);
      const settled = await Promise.allSettled(batch.map((m) => gate(() => sendOne(m))));
      const crashed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (crashed) throw crashed.reason;
    }
  } finally {
    transport.close();
  }

  const halted = stop as Failure | null; // set inside sendOne
  if (halted?.kind === 'auth') {
    throw new EpsError('EPS20', `The SMTP server refused the login of the e-mail account ${account.label}: ${account.redact(halted.text)}.`,
      `Correct the user name and password of the account "${account.name}" in Comarch ERP Optima (Konta e-mail). No message was lost: they are sent at the next sync.`);
  }
  if (halted) opts.log?.warn(`the SMTP server of the account ${account.label} cannot be reached (${account.redact(halted.text)}); ${result.skipped} messages wait for the next sync`);
  return result;
}
