// `eps status`: last runs, the waiting batch, pending changes and row counts on both sides.
import type { Services } from './app.js';

export async function status(s: Services) {
  const [state] = await s.erp.call('EPS_ServiceState', {});
  const tables = await s.erp.call('EPS_TableStatus', {});
  const cloudCounts = await s.cloud.rowCounts(s.tenantId);
  const runs = await s.erp.call('EPS_LastRuns', { DatabaseName: s.erp.companyDatabase, MaxRuns: 10 });
  const [rejected] = await s.cloud.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eps.rejected_rows WHERE tenant_id = ${s.tenantId}`;
  return { state, tables: tables.map((t) => ({ ...t, CloudRows: cloudCounts.get(t.TableName) ?? 0 })), runs, rejectedRows: rejected.n, tenant: s.config.tenant.code };
}

export function formatStatus(st: Awaited<ReturnType<typeof status>>): string {
  const out: string[] = [];
  out.push(`Tenant ${st.tenant}; installed version ${st.state.InstalledVersion ?? 'none'}; last full sync ${st.state.LastFullSync?.toISOString() ?? 'never'}`);
  out.push(`Changes waiting to be sent: ${st.state.PendingChanges}${st.state.WaitingBatchId ? `; batch ${st.state.WaitingBatchId} (${st.state.WaitingBatchKind}) waits for the cloud's acknowledgement` : ''}`);
  if (st.rejectedRows) out.push(`Rows the cloud rejected (eps.rejected_rows): ${st.rejectedRows}`);
  out.push('', `${'table'.padEnd(18)} ${'ERP rows'.padStart(9)} ${'cloud rows'.padStart(10)} ${'pending'.padStart(8)}`);
  for (const t of st.tables) out.push(`${t.TableName.padEnd(18)} ${String(t.RowCount).padStart(9)} ${String(t.CloudRows).padStart(10)} ${String(t.PendingChanges).padStart(8)}`);
  out.push('', 'Last runs:');
  for (const r of st.runs) out.push(`  #${r.RunId} ${r.Kind.padEnd(5)} ${r.Started.toISOString()} ${r.Status.padEnd(7)} ${r.RowsToCloud} rows${r.ErrorText ? ` — ${r.ErrorText}` : ''}`);
  return out.join('\n');
}
