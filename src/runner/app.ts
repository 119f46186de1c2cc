// Wires a configuration to the ERP adapter, the cloud and the run log, and runs one sync.
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { connectErp } from '../erp/connect.js';
import type { ErpAdapter } from '../erp/adapter.js';
import { Cloud } from '../cloud/cloud.js';
import type { CloudWorker } from '../cloud/worker.js';
import { createLogger, ensureLogDir, runLogFile, type Logger } from './log.js';
import { syncHr, type SyncResult } from './sync.js';
import type { ProgressSink } from './progress.js';
import { mailAfterSync } from '../mailer/index.js';
import { connectionError } from '../errors.js';

export interface Services { config: Config; erp: ErpAdapter; cloud: Cloud; tenantId: number; worker: CloudWorker | null; close(): Promise<void> }

export async function openServices(config: Config, opts: { worker?: boolean; migrate?: boolean } = {}): Promise<Services> {
  // Heavy modules (migrations, the worker) are loaded only by the commands that use them.
  const cloudUnreachable = (e: unknown) => { throw connectionError(e, 'cloud', config.cloudUrl); };
  if (opts.migrate ?? true) await (await import('../cloud/migrate.js')).migrateCloud(config.cloudUrl).catch(cloudUnreachable);
  const erp = await connectErp(config);
  const cloud = new Cloud(config.cloudUrl);
  const tenantId = await cloud.ensureTenant(config.tenant).catch(async (e) => { await Promise.all([erp.close(), cloud.close()]); return cloudUnreachable(e); });
  const worker = opts.worker
    ? await (await import('../cloud/worker.js')).startWorker(config.cloudUrl).catch(async (e) => { await Promise.all([erp.close(), cloud.close()]); throw e; })
    : null;
  return {
    config, erp, cloud, tenantId, worker,
    async close() {
      await worker?.stop();
      await Promise.all([erp.close(), cloud.close()]);
    },
  };
}

export interface RunOptions { full?: boolean; progress?: ProgressSink; echo?: (line: string) => void; signal?: AbortSignal }

/** One sync run with its own log file and a row in the configuration database's run log. */
export async function runSync(s: Services, opts: RunOptions = {}): Promise<SyncResult & { logFile: string; runId: number }> {
  const kind = opts.full ? 'full' : 'auto';
  ensureLogDir(s.config.logDir); // before the run is recorded: a wrong log folder is a configuration error, not a failed run
  const logFile = runLogFile(s.config.logDir, kind);
  const [{ RunId }] = await s.erp.call('EPS_RunStarted', { DatabaseName: s.erp.companyDatabase, Kind: kind, Station: s.config.station || hostname(), LogFile: logFile });
  const log: Logger = createLogger({ file: logFile, scope: `runner(${kind} hr){run ${RunId}}`, echo: opts.echo });
  log.info(`sync of ${s.erp.companyDatabase} to tenant ${s.config.tenant.code} started on ${s.config.station}`);
  try {
    const r = await syncHr({ config: s.config, erp: s.erp, cloud: s.cloud, tenantId: s.tenantId, log, progress: opts.progress, signal: opts.signal }, { full: opts.full });
    await s.erp.call('EPS_RunFinished', { RunId, Status: 'ok', RowsToCloud: r.rowsToCloud, ErrorText: null });
    log.info(`finished: ${r.kind}, ${r.rowsToCloud} rows to the cloud`);
    // The seed: mail goes out after each differential sync. mailAfterSync logs and never throws.
    if (r.kind === 'diff') await mailAfterSync(s, log);
    return { ...r, logFile, runId: RunId };
  } catch (e) {
    const msg = String(e instanceof Error && 'code' in e && String((e as { code?: string }).code).startsWith('EP') ? e.toString() : (e as Error)?.message ?? e);
    log.error(`failed: ${msg}`);
    await s.erp.call('EPS_RunFinished', { RunId, Status: 'failed', RowsToCloud: 0, ErrorText: msg.slice(0, 4000) }).catch(() => {});
    throw e;
  }
}
