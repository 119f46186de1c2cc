import test from 'ava';
import path from 'node:path';
import { scratchDir } from './_helpers/db.js';
import { world, type World } from './_helpers/sync.js';
import { cliEnv, spawnCli } from './_helpers/cli.js';
import { runService, FULL_REQUEST_DESCRIPTION, type Clock, type ServiceEvent } from '../src/runner/service.js';
import { status, formatStatus } from '../src/runner/status.js';
import { FIRMA } from '../src/erp/procedures.js';

class JumpClock implements Clock {
  constructor(private t: number, private stopAt: number, private stop: AbortController) {}
  now() { return new Date(this.t); }
  async sleep(ms: number) {
    this.t += ms;
    if (this.t >= this.stopAt) this.stop.abort();
    await new Promise((r) => setImmediate(r));
  }
}

async function pointBazyAt(w: World, every = 60, from = '08:00', to = '16:00') {
  await w.configDb`UPDATE CDN.Bazy SET Baz_Dostep = ${`SERVER=localhost;DATABASE=${w.names.company}`} WHERE Baz_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
  await w.configDb`UPDATE CDN.Sync SET Snc_EPracownikDaneKadrowe = 1, Snc_EPracownikDaneKadroweCo = ${every},
    Snc_EPracownikDaneKadroweOd = ${`1899-12-30 ${from}`}, Snc_EPracownikDaneKadroweDo = ${`1899-12-30 ${to}`}
    WHERE Snc_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
}

test('setting full sync in the schedule makes the next task a full one, and then it is back to differential', async (t) => {
  const w = await world();
  try {
    await pointBazyAt(w);
    await w.sync(); // the first, full one
    await w.services.erp.call('EPS_SetSetting', { Numer: FIRMA.fullRequested, Opis: FULL_REQUEST_DESCRIPTION, Wartosc: '1' });
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    const clock = new JumpClock(Date.parse('2026-12-03T09:00:00Z'), Date.parse('2026-12-03T10:30:00Z'), stop);
    await runService(w.services, { clock, signal: stop.signal, timeZone: 'Europe/Warsaw', holder: 'KADRY-1 (pid 1)',
      logFile: { path: path.join(scratchDir(), `service-${w.names.company}.log`) }, onEvent: (e) => { events.push(e); } });
    const kinds = events.flatMap((e) => (e.type === 'sync-finished' ? [e.result.kind] : []));
    t.deepEqual(kinds, ['full', 'diff']);
    const settings = await w.services.erp.call('EPS_Settings', {});
    t.is(settings.find((r) => r.Numer === FIRMA.fullRequested)?.Wartosc, '0');
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('eps status shows the schedule, the next planned run, the running task, the lease holder and the last runs', async (t) => {
  const w = await world();
  try {
    await pointBazyAt(w, 60, '08:00', '16:00');
    await w.sync();
    await w.services.erp.call('EPS_AcquireLease', { Station: 'KADRY-7 (pid 42)', Purpose: `service:${w.services.erp.companyDatabase}`, TtlSeconds: 600 });
    const st = await status(w.services, { now: new Date('2026-12-04T06:10:00Z'), timeZone: 'Europe/Warsaw' });
    const text = formatStatus(st);
    t.regex(text, /Service \(eps run\): running on KADRY-7 \(pid 42\)/);
    t.regex(text, /Schedule, HR data: .*; next run 2026-12-04 08:00:00/);
    t.regex(text, /Schedule, binary data: .*\(not synced by this version\)/);
    t.regex(text, /Running now: nothing/);
    t.regex(text, /#\d+ auto .* ok/);
    t.regex(text, /PracNieobec\s+\d+\s+\d+\s+0/);
  } finally { await w.close(); }
});

test('SIGTERM mid-sync stops eps run cleanly; after a restart the ERP and the cloud are equal, with no duplicates', async (t) => {
  const w = await world({ worker: true });
  const blocker = await w.cloudSql.reserve();
  try {
    const now = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
    await pointBazyAt(w, 15, now, now); // From = To: the whole day
    await w.company`UPDATE CDN.PracPracaDniGodz SET PGR_Uwagi = 'przed' `;
    // Hold the cloud's batch list: the service's first task, a full sync, has claimed its batch
    // in the ERP and waits for the cloud to open the copy, so SIGTERM surely comes mid-sync.
    await blocker`BEGIN`;
    await blocker`LOCK TABLE eps.batches IN SHARE MODE`;
    const child = spawnCli(['run'], cliEnv(w, { EPS_STATION: 'KADRY-SIGTERM' }));
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let waiting = false;
    for (let i = 0; i < 600 && !waiting; i++) {
      const [r] = await w.cloudSql`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%begin_full%' AND datname = current_database()`;
      waiting = r.n > 0;
      if (!waiting) await new Promise((res) => setTimeout(res, 50));
    }
    t.true(waiting, `the service is in the middle of a full sync\n${stderr}`);
    child.kill('SIGTERM');
    for (let i = 0; i < 200 && !/SIGTERM: stopping/.test(stderr); i++) await new Promise((res) => setTimeout(res, 25));
    await blocker`ROLLBACK`;
    const code = await exited;
    t.is(code, 0, stderr);
    t.regex(stderr, /SIGTERM: stopping at the next safe point/);
    const [run] = await w.configDb`SELECT RUN_Status AS status, RUN_Error AS error FROM CDN.EPS_SyncRun WHERE RUN_Station = 'KADRY-SIGTERM' ORDER BY RUN_Id`;
    t.not(run.status, 'ok', 'the full sync did not finish');
    t.regex(String(run.error), /EPS15/);
    const leases = await w.services.erp.call('EPS_Leases', { DatabaseName: w.services.erp.companyDatabase });
    t.deepEqual(leases.filter((l) => l.Active === 1).map((l) => l.Purpose), [], 'leases given back');
    const r = await w.sync(); // the restart
    t.is(r.kind, 'full', 'the interrupted full copy is made again');
    await w.assertEqual(t); // row counts and checksums per table: a row twice would show
  } finally {
    blocker.release();
    await w.close();
  }
});
