// `eps status`: the schedule and the next planned run of each kind, the running task, who holds
// the service lease, the waiting batch, pending changes, row counts on both sides, last runs.
import type { Services } from './app.js';
import { FIRMA } from '../erp/procedures.js';
import { DEFAULT_TIME_ZONE, describeSchedule, nextRun, parseSchedule } from './schedule.js';
import { mailStatus } from '../mailer/index.js';

const KIND_LABEL = { DaneKadrowe: 'HR data', DaneBinarne: 'binary data' } as const;

export async function status(s: Services, opts: { now?: Date; timeZone?: string } = {}) {
  const now = opts.now ?? new Date();
  const timeZone = opts.timeZone ?? process.env.EPS_TIME_ZONE ?? DEFAULT_TIME_ZONE;
  const [state] = await s.erp.call('EPS_ServiceState', {});
  const tables = await s.erp.call('EPS_TableStatus', {});
  const cloudCounts = await s.cloud.rowCounts(s.tenantId);
  const runs = await s.erp.call('EPS_LastRuns', { DatabaseName: s.erp.companyDatabase, MaxRuns: 10 });
  const leases = await s.erp.call('EPS_Leases', { DatabaseName: s.erp.companyDatabase });
  const settings = await s.erp.call('EPS_Settings', {});
  const [rejected] = await s.cloud.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eps.rejected_rows WHERE tenant_id = ${s.tenantId}`;
  const conflicts = await s.cloud.sql<{ pra_id: number; kind: string; outcome: string; day_from: Date | null; day_to: Date | null; reason: string; created_at: Date }[]>`
    SELECT pra_id, kind, outcome, day_from, day_to, reason, created_at FROM eps.conflicts WHERE tenant_id = ${s.tenantId} ORDER BY id DESC LIMIT 10`;
  const [{ n: conflictCount }] = await s.cloud.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eps.conflicts WHERE tenant_id = ${s.tenantId}`;
  const mail = await mailStatus(s, 0);
  const lastStart = runs.find((r) => r.Kind !== 'full')?.Started ?? null;
  const schedules = (await s.erp.call('EPS_Schedule', { DatabaseName: s.erp.companyDatabase })).map((row) => {
    try {
      const sc = parseSchedule(row.Kind, row);
      const registered = row.Kind === 'DaneKadrowe';
      return { kind: KIND_LABEL[row.Kind], described: describeSchedule(sc), next: registered ? nextRun(sc, { now, lastStart, timeZone }) : null, registered };
    } catch (e) {
      return { kind: KIND_LABEL[row.Kind], described: `invalid: ${(e as Error).message}`, next: null, registered: false };
    }
  });
  const service = leases.find((l) => l.Purpose.startsWith('service:') && l.Active === 1) ?? null;
  const syncLock = leases.find((l) => l.Purpose.startsWith('sync:') && l.Active === 1) ?? null;
  const running = syncLock ? runs.find((r) => r.Status === 'running') ?? null : null;
  return {
    tenant: s.config.tenant.code, timeZone, state, schedules, service, syncLock, running, runs, conflicts, conflictCount, mail,
    fullRequested: settings.some((r) => r.Numer === FIRMA.fullRequested && r.Wartosc === '1'),
    tables: tables.map((t) => ({ ...t, CloudRows: cloudCounts.get(t.TableName) ?? 0 })), rejectedRows: rejected.n,
  };
}

const local = (d: Date, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(d);

/** The schedule lines of eps status and eps schedule. */
export function formatSchedules(st: Pick<Awaited<ReturnType<typeof status>>, 'schedules' | 'fullRequested' | 'timeZone'>): string[] {
  const out = st.schedules.map((sc) => `Schedule, ${sc.kind}: ${sc.described}${sc.registered ? `; next run ${sc.next ? local(sc.next, st.timeZone) : 'none planned'}` : ' (not synced by this version)'}`);
  if (!st.schedules.length) out.push('Schedule: none, CDN.Sync has no row for this database (set the e-Pracownik schedule in Optima); the service does not sync it.');
  if (st.fullRequested) out.push('The next scheduled HR sync is a full one (eps schedule --full).');
  return out;
}

export function formatStatus(st: Awaited<ReturnType<typeof status>>): string {
  const out: string[] = [];
  const tz = st.timeZone;
  out.push(`Tenant ${st.tenant}; installed version ${st.state.InstalledVersion ?? 'none'}; last full sync ${st.state.LastFullSync ? local(st.state.LastFullSync, tz) : 'never'} (times in ${tz})`);
  out.push(`Service (eps run): ${st.service ? `running on ${st.service.Station} since ${local(st.service.Since, tz)}` : 'not running'}`);
  out.push(...formatSchedules(st));
  out.push(`Running now: ${st.running ? `run #${st.running.RunId} (${st.running.Kind}) on ${st.syncLock?.Station}, started ${local(st.running.Started, tz)}` : st.syncLock ? `a sync on ${st.syncLock.Station}` : 'nothing'}`);
  const waiting = !st.state.WaitingBatchId ? ''
    : st.state.WaitingBatchKind === 'F' && !st.running ? `; the full copy of batch ${st.state.WaitingBatchId} was not acknowledged: the next sync acknowledges it if the cloud has it, else copies in full again`
    : `; batch ${st.state.WaitingBatchId} (${st.state.WaitingBatchKind === 'F' ? 'full' : 'differential'}) waits for the cloud's acknowledgement`;
  out.push(`Changes waiting to be sent: ${st.state.PendingChanges}${waiting}`);
  if (st.rejectedRows) out.push(`Rows the cloud rejected (eps.rejected_rows): ${st.rejectedRows}`);
  out.push(`Mail: ${st.mail.queued} queued, ${st.mail.sent} sent, ${st.mail.failed} failed; ${st.mail.waitingInCloud} waiting in the cloud (eps mail status for details)`);
  if (st.conflictCount) {
    out.push('', `Cloud entries that lost to the ERP or were rejected: ${st.conflictCount} (newest first):`);
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '?');
    for (const c of st.conflicts) out.push(`  employee ${c.pra_id}, ${c.kind} ${day(c.day_from)}${c.day_to && +c.day_to !== +(c.day_from ?? 0) ? `..${day(c.day_to)}` : ''}: ${c.outcome === 'lost_conflict' ? 'lost to the ERP' : 'rejected'} — ${c.reason}`);
  }
  out.push('', `${'table'.padEnd(18)} ${'ERP rows'.padStart(9)} ${'cloud rows'.padStart(10)} ${'pending'.padStart(8)}`);
  for (const t of st.tables) out.push(`${t.TableName.padEnd(18)} ${String(t.RowCount).padStart(9)} ${String(t.CloudRows).padStart(10)} ${String(t.PendingChanges).padStart(8)}`);
  out.push('', 'Last runs:');
  for (const r of st.runs) {
    // A run still marked running with nobody holding the sync lock ended with its process (killed, machine off).
    const ended = r.Status === 'running' && r.RunId !== st.running?.RunId;
    const error = ended ? 'its process ended before the run finished' : r.ErrorText?.split('\n')[0];
    out.push(`  #${r.RunId} ${r.Kind.padEnd(5)} ${local(r.Started, tz)} ${(ended ? 'ended' : r.Status).padEnd(7)} ${String(r.RowsToCloud).padStart(8)} rows${error ? ` — ${error}` : ''}${r.LogFile ? `  (${r.LogFile})` : ''}`);
  }
  return out.join('\n');
}
