import test from 'ava';
import { world } from './_helpers/sync.js';
import { cliEnv, spawnCli } from './_helpers/cli.js';
import { startWorker } from '../src/cloud/worker.js';
import { syncHr } from '../src/runner/sync.js';
import { createLogger } from '../src/runner/log.js';
import { cloneRow } from '../src/standin/rows.js';

const log = createLogger({ scope: 'test' });

test('the runner killed between the cloud commit and the acknowledgement: the next sync acknowledges, no duplicates', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const [first] = await w.company`SELECT min(PNB_PnbId) AS id FROM CDN.PracNieobec`;
    await w.company`UPDATE CDN.PracNieobec SET PNB_Opis = 'po awarii' WHERE PNB_PnbId = ${first.id}`;
    const added = await cloneRow(w.company, 'PracNieobec', Number(first.id), { PNB_OkresOd: '2031-05-05', PNB_OkresDo: '2031-05-05' });
    await w.company`DELETE FROM CDN.PracNieobec WHERE PNB_PnbId = (SELECT max(PNB_PnbId) FROM CDN.PracNieobec WHERE PNB_PnbId <> ${added})`;
    const deps = { config: w.config, erp: w.services.erp, cloud: w.services.cloud, tenantId: w.services.tenantId, log };
    let committed: number | null = null;
    const killed = await t.throwsAsync(syncHr({ ...deps, afterCloudCommit: (id) => { committed = id; throw new Error('the runner died'); } }));
    t.is(killed?.message, 'the runner died');
    t.not(committed, null, 'the cloud had committed the batch');
    const [waiting] = await w.services.erp.call('EPS_ServiceState', {});
    t.is(waiting.WaitingBatchId, committed, 'the ERP still waits for the acknowledgement');
    const [{ inCloud }] = await w.cloudSql`SELECT count(*)::int AS "inCloud" FROM hr.pracnieobec WHERE pnb_pnbid = ${added}`;
    t.is(inCloud, 1, 'the new absence is in the cloud');

    // restart
    const r = await syncHr(deps);
    t.is(r.batches, 0, 'the batch is not sent again');
    const [state] = await w.services.erp.call('EPS_ServiceState', {});
    t.is(state.WaitingBatchId, null);
    const [{ n }] = await w.company`SELECT count(*)::int AS n FROM CDN.EPS_ChangeLog`;
    t.is(n, 0);
    const [{ jobs }] = await w.cloudSql`SELECT count(*)::int AS jobs FROM graphile_worker.jobs`;
    t.is(jobs, 0);
    await w.assertEqual(t); // row counts and checksums per table: a row twice would show
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
    const child = spawnCli(['worker', '--concurrency', '1'], cliEnv(w), 'ignore');
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
      await w.assertEqual(t); // row counts and checksums per table: a row twice would show
    } finally { await w2.stop(); }
  } finally { await w.close(); }
});
