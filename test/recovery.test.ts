import test from 'ava';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { world } from './_helpers/sync.js';
import { startWorker } from '../src/cloud/worker.js';
import { syncHr } from '../src/runner/sync.js';
import { createLogger } from '../src/runner/log.js';

const log = createLogger({ scope: 'test' });

test('the runner killed between the cloud commit and the acknowledgement: the next sync acknowledges, no duplicates', async (t) => {
  const w = await world();
  try {
    await w.sync();
    await w.company`UPDATE CDN.PracNieobec SET PNB_Opis = 'po awarii' WHERE PNB_PnbId = (SELECT min(PNB_PnbId) FROM CDN.PracNieobec)`;
    const before = await w.services.cloud.rowCounts(w.services.tenantId);
    // what a runner does, up to the cloud commit, then it "dies"
    const [batch] = await w.services.erp.call('EPS_ClaimDelta', { MaxChanges: 1000 });
    const tables = [];
    for (const bt of await w.services.erp.call('EPS_BatchTables', { BatchId: batch.BatchId })) {
      const [d] = await w.services.erp.call('EPS_ExtractDelta', { BatchId: batch.BatchId, TableName: bt.TableName });
      tables.push({ table: bt.TableName, upsertsJson: d.UpsertsJson, deletes: [] as number[] });
    }
    await w.services.cloud.submitDelta(w.services.tenantId, batch.BatchGuid, tables);
    await w.services.cloud.waitApplied(w.services.tenantId, batch.BatchGuid, 30_000);
    // restart
    const r = await syncHr({ config: w.config, erp: w.services.erp, cloud: w.services.cloud, tenantId: w.services.tenantId, log });
    t.is(r.batches, 0, 'the batch is not sent again');
    const [state] = await w.services.erp.call('EPS_ServiceState', {});
    t.is(state.WaitingBatchId, null);
    const [{ n }] = await w.company`SELECT count(*)::int AS n FROM CDN.EPS_ChangeLog`;
    t.is(n, 0);
    t.deepEqual(await w.services.cloud.rowCounts(w.services.tenantId), before);
    const [{ jobs }] = await w.cloudSql`SELECT count(*)::int AS jobs FROM graphile_worker.jobs`;
    t.is(jobs, 0);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('with no worker running the runner waits; once a worker starts, the batch is applied once', async (t) => {
  const w = await world({ worker: false });
  try {
    const worker = await startWorker(w.config.cloudUrl);
    await w.sync();
    await worker.stop();
    await w.company`UPDATE CDN.Dzialy SET DZL_Nazwa = 'Nowa nazwa' WHERE DZL_DzlId = (SELECT min(DZL_DzlId) FROM CDN.Dzialy)`;
    const first = w.sync().catch((e) => e);
    // no worker: the runner waits; we give up on it as if it died
    await new Promise((r) => setTimeout(r, 500));
    const w2 = await startWorker(w.config.cloudUrl);
    try {
      const err = await first;
      t.false(err instanceof Error, String(err));
      const again = await w.sync();
      t.is(again.batches, 0);
      await w.assertEqual(t);
    } finally { await w2.stop(); }
  } finally { await w.close(); }
});

test('a worker killed mid-batch leaves nothing half-applied; after a restart the cloud equals the ERP', async (t) => {
  const w = await world({ worker: false });
  try {
    const worker = await startWorker(w.config.cloudUrl);
    await w.sync();
    await worker.stop();
    await w.company`UPDATE CDN.PracPracaDniGodz SET PGR_Uwagi = 'zmiana ' || PGR_PgrId`;
    await w.company`UPDATE CDN.KalendDni SET KAD_OpeModKod = 'MOD'`;
    // Hold the tenant's row: the worker's apply_batch does all its upserts, then waits for this
    // lock at its last step, so it is surely in the middle of the batch when it is killed (NO KEY:
    // the runner's foreign-key checks on the tenant still pass).
    const blocker = await w.cloudSql.reserve();
    await blocker`BEGIN`;
    await blocker`SELECT id FROM eps.tenants WHERE id = ${w.services.tenantId} FOR NO KEY UPDATE`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/runner/cli.ts'), 'worker', '--concurrency', '1'], {
      env: { ...process.env, EPS_CLOUD_URL: w.config.cloudUrl, EPS_ERP_COMPANY_URL: w.config.erp.companyUrl, EPS_ERP_CONFIG_URL: w.config.erp.configUrl, DATABASE_URL: '' },
      stdio: 'ignore',
    });
    const sync = w.sync().catch((e) => e);
    let waiting = false;
    for (let i = 0; i < 600 && !waiting; i++) {
      const [j] = await w.cloudSql`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%apply_batch%' AND datname = current_database()`;
      waiting = j.n > 0;
      if (!waiting) await new Promise((r) => setTimeout(r, 25));
    }
    t.true(waiting, 'the child worker is in the middle of the batch');
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // the machine is gone: its connections drop, and the server rolls back what they had begun
    await w.cloudSql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE query LIKE '%apply_batch%' AND pid <> pg_backend_pid() AND datname = current_database()`;
    await blocker`ROLLBACK`;
    blocker.release();
    const [mid] = await w.cloudSql`SELECT count(*)::int AS n FROM hr.pracpracadnigodz WHERE pgr_uwagi LIKE 'zmiana %'`;
    t.is(mid.n, 0, 'nothing of the killed batch is in the cloud');
    const [job] = await w.cloudSql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_by IS NOT NULL`;
    t.is(job.n, 1, 'the dead worker still holds the job');
    const w2 = await startWorker(w.config.cloudUrl);
    t.true(w2.workerIds.length > 0, 'the new worker is known to the heartbeat');
    try {
      const r = await sync;
      t.false(r instanceof Error, String(r));
      await w.assertEqual(t);
      const [dups] = await w.cloudSql`SELECT count(*)::int AS n FROM (SELECT pgr_pgrid FROM hr.pracpracadnigodz GROUP BY tenant_id, pgr_pgrid HAVING count(*) > 1) d`;
      t.is(dups.n, 0);
    } finally { await w2.stop(); }
  } finally { await w.close(); }
});
