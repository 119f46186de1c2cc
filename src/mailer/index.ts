// Mail notifications (docs/mail.md): after each differential sync the runner pulls the cloud's
// new notifications into Optima's outbox and drains the outbox through the chosen SMTP account.
import { hostname } from 'node:os';
import type { Services } from '../runner/app.js';
import type { Logger } from '../runner/log.js';
import { FIRMA } from '../erp/procedures.js';
import { EpsError } from '../errors.js';
import { chosenAccountId, loadAccount } from './account.js';
import { pullNotifications, type PullResult } from './pull.js';
import { drainOutbox, type DrainOptions, type DrainResult } from './drain.js';

export { loadAccount, chosenAccountId } from './account.js';
export { pullNotifications } from './pull.js';
export { drainOutbox, messageIdHeader, MAIL_DEFAULTS, type DrainOptions, type DrainResult } from './drain.js';

/** Pulls new notifications into the outbox, then sends what is due. Throws EpsError EPS20/EPS21. */
export async function pullAndSend(s: Services, opts: DrainOptions = {}): Promise<{ pull: PullResult; drain: DrainResult }> {
  const account = await loadAccount(s.erp);
  const pull = await pullNotifications({ erp: s.erp, cloud: s.cloud.sql, tenantId: s.tenantId, station: s.config.station || hostname() }, account.id);
  const drain = await drainOutbox(s.erp, account, opts);
  return { pull, drain };
}

/** The hook after a differential sync: a mail problem is logged and never fails the sync. */
export async function mailAfterSync(s: Services, log: Logger, opts: DrainOptions = {}): Promise<void> {
  const mlog = log.scope('mailer');
  try {
    if (await chosenAccountId(s.erp) === null) {
      const [w] = await s.cloud.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eps.notifications WHERE tenant_id = ${s.tenantId} AND pulled_at IS NULL`;
      if (w.n > 0) mlog.warn(`${w.n} notifications wait in the cloud, but no e-mail account is chosen (CDN.Firma ${FIRMA.mailAccount}): run eps mail account <MKE_MKEID>`);
      return;
    }
    const { pull, drain } = await pullAndSend(s, { ...opts, log: mlog });
    if (pull.pulled || drain.sent || drain.failed || drain.retrying || drain.skipped) {
      mlog.info(`${pull.pulled} notifications into the outbox; sent ${drain.sent}, failed ${drain.failed}, retrying later ${drain.retrying + drain.skipped}`);
    }
    for (const f of drain.failures.filter((x) => x.permanent)) mlog.warn(`message ${f.mwdId} failed for good: ${f.error}`);
  } catch (e) {
    mlog.error(`mail not sent: ${e instanceof EpsError ? e.toString() : (e as Error)?.message ?? String(e)}`);
  }
}

export async function mailStatus(s: Services, maxProblems = 20) {
  const states = await s.erp.call('EPS_MailStatus', { DatabaseName: s.erp.companyDatabase });
  const problems = await s.erp.call('EPS_MailProblems', { DatabaseName: s.erp.companyDatabase, MaxRows: maxProblems });
  const [waiting] = await s.cloud.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM eps.notifications WHERE tenant_id = ${s.tenantId} AND pulled_at IS NULL`;
  let account: string;
  try { account = (await loadAccount(s.erp)).label; } catch (e) { account = `none usable — ${(e as Error).message}${e instanceof EpsError && e.hint ? ` ${e.hint}` : ''}`; }
  const count = (state: string) => states.find((r) => r.State === state)?.Messages ?? 0;
  return { account, waitingInCloud: waiting.n, queued: count('queued'), sent: count('sent'), failed: count('failed'), problems };
}

export function formatMailStatus(st: Awaited<ReturnType<typeof mailStatus>>): string {
  const out = [
    `Mail account: ${st.account}`,
    `Notifications waiting in the cloud: ${st.waitingInCloud}`,
    `Outbox: ${st.queued} queued, ${st.sent} sent, ${st.failed} failed`,
  ];
  if (st.problems.length) {
    out.push('', 'Failed, or queued after a failed attempt (newest first):');
    for (const p of st.problems) {
      out.push(`  #${p.MwdId} ${p.State.padEnd(6)} ${p.Kind} to ${p.Recipients}, ${p.Attempts} attempt(s)${p.State === 'queued' && p.NextAttempt ? `, next ${p.NextAttempt.toISOString()}` : ''}`);
      out.push(`      ${p.LastError ?? ''}`);
    }
  }
  return out.join('\n');
}

/** `eps mail account <id>`: chooses the CDN.MailKontaEMail account the service sends through. */
export async function chooseAccount(s: Services, id: number): Promise<string> {
  const [a] = await s.erp.call('EPS_MailAccount', { AccountId: id });
  if (!a) throw new EpsError('EPS21', `There is no e-mail account ${id} in CDN.MailKontaEMail.`, 'Give the MKE_MKEID of an account defined in Comarch ERP Optima (Konta e-mail).');
  await s.erp.call('EPS_SetSetting', { Numer: FIRMA.mailAccount, Opis: 'e-Pracownik: konto e-mail powiadomień (MKE_MKEID)', Wartosc: String(id) });
  return `"${a.Name}" (${a.FromAddress}, ${a.Server}:${a.Port})`;
}
