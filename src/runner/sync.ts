// One HR sync of a firm's database: full (the cloud copy replaced) or differential (the net
// changes since the last acknowledged batch). The ERP is touched only through our procedures,
// the cloud through staging and graphile-worker jobs; a batch's changes are forgotten in the
// ERP only after the cloud has committed it.
import type { Config } from '../config.js';
import type { ErpAdapter } from '../erp/adapter.js';
import type { Cloud, DeltaTable } from '../cloud/cloud.js';
import { trackedTables } from '../catalogue/tables.js';
import type { Logger } from './log.js';
import { noProgress, type ProgressSink } from './progress.js';
import { pushCloudEdits } from './inbound.js';
import { EpsError } from '../errors.js';

function stopIfAsked(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) {
    throw new EpsError('EPS15', `The sync was stopped during ${what}.`,
      'Nothing is lost: the cloud keeps its previous copy until a full copy is complete, and the next sync makes the full copy again.');
  }
}

export interface SyncDeps {
  config: Config; erp: ErpAdapter; cloud: Cloud; tenantId: number; log: Logger; progress?: ProgressSink;
  /** Aborting stops the sync at the next safe point: between pages of a full copy, between batches. */
  signal?: AbortSignal;
  /** Test hook: called after the cloud committed a differential batch and before the ERP forgets it. */
  afterCloudCommit?: (batchId: number) => Promise<void> | void;
}
export interface SyncResult { kind: 'full' | 'diff'; batches: number; rowsToCloud: number; rowsRejected: number; reason: string }

/** Values per full-sync page: wide tables (PracEtaty has 361 columns) get fewer rows, so a page stays a few MB. */
const PAGE_VALUES = 100_000;

type Batch = { BatchId: number; BatchGuid: string; BatchKind: 'D' | 'F'; Changes: number; Resumed: number };

export async function syncHr(deps: SyncDeps, opts: { full?: boolean } = {}): Promise<SyncResult> {
  const { erp, cloud, tenantId, log } = deps;
  const [state] = await erp.call('EPS_ServiceState', {});
  let fullReason = opts.full ? 'requested' : state.LastFullSync === null ? 'first sync' : '';

  if (state.WaitingBatchGuid && state.WaitingBatchId !== null) {
    const s = await cloud.batchStatus(tenantId, state.WaitingBatchGuid);
    if (s?.status === 'applied') {
      log.info(`batch ${state.WaitingBatchId} was applied by the cloud before the last run stopped: acknowledging it`);
      await erp.call('EPS_AckBatch', { BatchId: state.WaitingBatchId });
    } else if (state.WaitingBatchKind === 'F' && !fullReason) {
      fullReason = 'the last full sync did not finish';
    }
  }
  if (fullReason) return fullSync(deps, fullReason);
  return diffSync(deps);
}

async function fullSync(deps: SyncDeps, reason: string): Promise<SyncResult> {
  const { erp, cloud, tenantId, log, config } = deps;
  const progress = deps.progress ?? noProgress;
  log.info(`full sync (${reason})`);
  const counts = new Map((await erp.call('EPS_TableStatus', {})).map((r) => [r.TableName, r.RowCount]));
  await pushCloudEdits(deps); // cloud edits not yet in the ERP go there before the copy is replaced
  const [batch] = await erp.call('EPS_BeginFullSync', {});
  log.info(`batch ${batch.BatchId} (${batch.BatchGuid}): ${batch.Changes} earlier changes superseded by the full copy`);
  await cloud.beginFull(tenantId, batch.BatchGuid);
  let rows = 0;
  let rejected = 0;
  const timeout = config.commandTimeoutSeconds.full;
  const copyTable = async (t: (typeof trackedTables)[number]) => {
    const total = counts.get(t.name) ?? 0;
    let done = 0;
    const started = Date.now();
    const pageSize = Math.max(100, Math.min(config.pageSize, Math.round(PAGE_VALUES / t.columns.length)));
    const read = (after: number) => erp.call('EPS_ExtractFullPage', { TableName: t.name, AfterKey: after, PageSize: pageSize }, { timeoutSeconds: timeout });
    // Read the next page from the ERP while the cloud stores the current one.
    progress({ stage: 'reading the ERP', table: t.name, done, total });
    let next = read(0);
    for (;;) {
      const [page] = await next;
      if (!page || page.RowCount === 0 || page.LastKey === null) break;
      stopIfAsked(deps.signal, `the full copy (${t.name})`);
      next = read(page.LastKey);
      const r = await cloud.stagePage(tenantId, batch.BatchGuid, t.name, page.RowsJson);
      done += r.staged;
      rejected += r.rejected;
      if (r.rejected) log.warn(`${t.name}: ${r.rejected} row(s) could not be stored in the cloud; see eps.rejected_rows`);
      progress({ stage: 'sending', table: t.name, done, total });
    }
    rows += done;
    log.info(`${t.name}: ${done} rows staged in ${Date.now() - started} ms`);
  };
  // Tables are copied in parallel lanes, biggest first, so the ERP's and the cloud's work overlap.
  const queue = [...trackedTables].sort((a, b) => (counts.get(b.name) ?? 0) - (counts.get(a.name) ?? 0));
  await Promise.all(Array.from({ length: config.fullSyncLanes }, async () => {
    try {
      for (let t = queue.shift(); t; t = queue.shift()) await copyTable(t);
    } catch (e) {
      queue.length = 0; // the other lanes stop after their current table
      throw e;
    }
  }));
  await cloud.finishFull(tenantId, batch.BatchGuid);
  progress({ stage: 'saving in the cloud', done: 0, total: rows });
  await cloud.waitApplied(tenantId, batch.BatchGuid, timeout * 1000);
  progress({ stage: 'saving in the cloud', done: rows, total: rows });
  await erp.call('EPS_AckBatch', { BatchId: batch.BatchId });
  log.info(`full sync done: ${rows} rows in the cloud${rejected ? `, ${rejected} rejected` : ''}`);
  return { kind: 'full', batches: 1, rowsToCloud: rows, rowsRejected: rejected, reason };
}

async function diffSync(deps: SyncDeps): Promise<SyncResult> {
  const { erp, log, config } = deps;
  const progress = deps.progress ?? noProgress;
  let batches = 0;
  let rows = 0;
  let rejected = 0;
  while (!deps.signal?.aborted) {
    const [batch] = await erp.call('EPS_ClaimDelta', { MaxChanges: config.maxBatchChanges }) as Batch[];
    if (!batch) break;
    if (batch.BatchKind === 'F') break; // a full batch waiting: syncHr decides; never resent as a delta
    const r = await sendDelta(deps, batch, progress);
    batches++;
    rows += r.rowsApplied;
    rejected += r.rowsRejected;
  }
  if (!deps.signal?.aborted) await pushCloudEdits(deps);
  log.info(batches ? `differential sync done: ${batches} batch(es), ${rows} row changes in the cloud` : 'differential sync: nothing changed');
  return { kind: 'diff', batches, rowsToCloud: rows, rowsRejected: rejected, reason: 'schedule' };
}

async function sendDelta(deps: SyncDeps, batch: Batch, progress: ProgressSink) {
  const { erp, cloud, tenantId, log, config } = deps;
  log.info(`batch ${batch.BatchId}${batch.Resumed ? ' (resumed)' : ''}: ${batch.Changes} change(s)`);
  const tables: DeltaTable[] = [];
  progress({ stage: 'reading the ERP', done: 0, total: batch.Changes });
  for (const t of await erp.call('EPS_BatchTables', { BatchId: batch.BatchId })) {
    const [d] = await erp.call('EPS_ExtractDelta', { BatchId: batch.BatchId, TableName: t.TableName }, { timeoutSeconds: config.commandTimeoutSeconds.diff });
    const deletes = (JSON.parse(d.DeletesJson) as { k: number }[]).map((x) => x.k);
    if (d.Upserts || deletes.length) tables.push({ table: t.TableName, upsertsJson: d.UpsertsJson, deletes });
    log.info(`  ${t.TableName}: ${d.Upserts} upsert(s), ${d.Deletes} delete(s)`);
  }
  progress({ stage: 'sending', done: batch.Changes, total: batch.Changes });
  const sent = await cloud.submitDelta(tenantId, batch.BatchGuid, tables);
  if (sent === 'applied') log.info(`batch ${batch.BatchId} had already been applied by the cloud`);
  progress({ stage: 'saving in the cloud', done: 0, total: batch.Changes });
  const r = await cloud.waitApplied(tenantId, batch.BatchGuid, config.commandTimeoutSeconds.diff * 1000);
  progress({ stage: 'saving in the cloud', done: batch.Changes, total: batch.Changes });
  if (r.rowsRejected) log.warn(`batch ${batch.BatchId}: ${r.rowsRejected} row(s) rejected by the cloud; see eps.rejected_rows`);
  await deps.afterCloudCommit?.(batch.BatchId);
  progress({ stage: 'acknowledging', done: batch.Changes, total: batch.Changes });
  await erp.call('EPS_AckBatch', { BatchId: batch.BatchId });
  return r;
}
