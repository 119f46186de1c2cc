// Cloud edits into the ERP: pull what employees and managers entered in e-Pracownik, apply it
// with CDN.EPS_ApplyCloudEdits (one ERP transaction per batch, origin 'cloud'), and report the
// outcomes back. The ERP records every handled edit (CDN.EPS_CloudEdit), so an edit pulled again
// after a crash between the ERP commit and the report gets its earlier outcome, not a second row.
// Applied edits' ERP rows come back with the outcome and go into the HR copy with it (the
// capture skips changes the sync made on behalf of the cloud); lost conflicts go into
// eps.conflicts, and the employee is notified when eps.notify exists.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ErpAdapter } from '../erp/adapter.js';
import type { Cloud } from '../cloud/cloud.js';
import type { Logger } from './log.js';
import { noProgress, type ProgressSink } from './progress.js';

export interface InboundDeps { erp: ErpAdapter; cloud: Cloud; tenantId: number; log: Logger; progress?: ProgressSink }
export interface InboundResult { pulled: number; applied: number; rejected: number; lostConflict: number }

const PulledEdit = z.object({
  id: z.union([z.string(), z.number()]).transform(Number),
  kind: z.enum(['absence', 'work_time', 'trip', 'contact']),
  op: z.enum(['upsert', 'delete']),
  entity_id: z.union([z.string(), z.number()]).transform(Number),
  pra_id: z.number().int(),
  payload: z.record(z.string(), z.unknown()),
});

/** Test hook: called after the ERP committed a batch and before the cloud hears of it. */
export type AfterErpCommit = (pullId: string) => Promise<void> | void;

export async function pushCloudEdits(deps: InboundDeps, opts: { maxEdits?: number; afterErpCommit?: AfterErpCommit } = {}): Promise<InboundResult> {
  const { erp, cloud, tenantId, log } = deps;
  const total: InboundResult = { pulled: 0, applied: 0, rejected: 0, lostConflict: 0 };
  const max = opts.maxEdits ?? 1000;
  const progress = deps.progress ?? noProgress;
  for (;;) {
    const pullId = randomUUID();
    const rows = await cloud.sql`SELECT * FROM eps.pull_edits(${tenantId}::integer, ${pullId}::uuid, ${max}::integer)`;
    if (rows.length === 0) break;
    progress({ stage: 'reading the cloud', done: total.pulled + rows.length });
    progress({ stage: 'saving in the ERP', done: total.pulled, total: total.pulled + rows.length });
    const edits = rows.map((r) => PulledEdit.parse(r));
    const editsJson = JSON.stringify(edits.map((e) => ({ id: e.id, kind: e.kind, op: e.op, entity: e.entity_id, praid: e.pra_id, payload: e.payload })));
    const results = await erp.call('EPS_ApplyCloudEdits', { EditsJson: editsJson });
    await opts.afterErpCommit?.(pullId);
    const outcomes = results.map((r) => ({
      editId: r.EditId, outcome: r.Outcome, erpTable: r.ErpTable, erpId: r.ErpId, reason: r.Reason, rows: JSON.parse(r.RowsJson) as unknown,
    }));
    await cloud.sql`SELECT eps.report_edits(${tenantId}::integer, ${JSON.stringify(outcomes)}::text::jsonb)`;
    total.pulled += edits.length;
    progress({ stage: 'saving in the ERP', done: total.pulled, total: total.pulled });
    for (const r of results) {
      if (r.Outcome === 'applied') total.applied++;
      else if (r.Outcome === 'rejected') total.rejected++;
      else total.lostConflict++;
      if (r.Outcome !== 'applied') log.info(`  cloud edit ${r.EditId}: ${r.Outcome}: ${r.Reason ?? ''}`);
    }
    if (edits.length < max) break;
  }
  if (total.pulled) {
    log.info(`cloud edits into the ERP: ${total.applied} applied, ${total.rejected} rejected, ${total.lostConflict} lost to ERP data (see eps.conflicts)`);
  }
  return total;
}
