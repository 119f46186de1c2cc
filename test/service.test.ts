import test from 'ava';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { scratchDir } from './_helpers/db.js';
import { world, type World } from './_helpers/sync.js';
import { cliEnv, runCli } from './_helpers/cli.js';
import { addEmployee } from '../src/standin/rows.js';
import { ensureLogDir } from '../src/runner/log.js';
import { EpsError } from '../src/errors.js';
import { acquireLease, onDemandSync, runService, LeaseHeldError, RotatingFile, type Clock, type ServiceEvent, type ServiceOptions } from '../src/runner/service.js';

const TZ = 'Europe/Warsaw';
const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, timeStyle: 'short' }).format(d);

/** A clock whose sleep jumps ahead at once, running the actions planned on the way. */
class FakeClock implements Clock {
  private t: number;
  private actions: { at: number; fn: () => unknown }[] = [];
  constructor(iso: string) { this.t = Date.parse(iso); }
  at(iso: string, fn: () => unknown) {
    this.actions.push({ at: Date.parse(iso), fn });
    this.actions.sort((a, b) => a.at - b.at);
  }
  now() { return new Date(this.t); }
  async sleep(ms: number, signal: AbortSignal) {
    const target = this.t + ms;
    while (this.actions.length && this.actions[0].at <= target && !signal.aborted) {
      const a = this.actions.shift()!;
      this.t = Math.max(this.t, a.at);
      await a.fn();
    }
    if (!signal.aborted) this.t = target;
    await new Promise((r) => setImmediate(r));
  }
}

/** The template's CDN.Bazy row names the template database; point it at this test's clone and set the HR schedule. */
async function schedule(w: World, opts: { enabled?: number; every?: number; from?: string; to?: string } = {}) {
  await w.configDb`UPDATE CDN.Bazy SET Baz_Dostep = ${`SERVER=localhost;DATABASE=${w.names.company}`} WHERE Baz_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
  const n = await w.configDb`UPDATE CDN.Sync SET Snc_EPracownikDaneKadrowe = ${opts.enabled ?? 1}, Snc_EPracownikDaneKadroweCo = ${opts.every ?? 60},
    Snc_EPracownikDaneKadroweOd = ${`1899-12-30 ${opts.from ?? '08:00'}`}, Snc_EPracownikDaneKadroweDo = ${`1899-12-30 ${opts.to ?? '16:00'}`}
    WHERE Snc_BazID = (SELECT min(Baz_BazID) FROM CDN.Bazy)`;
  if (n.count !== 1) throw new Error('the template configuration database has no CDN.Sync row for its firm');
}

function serviceOptions(w: World, clock: Clock, stop: AbortController, events: ServiceEvent[], more: Partial<ServiceOptions> = {}): ServiceOptions {
  return {
    clock, signal: stop.signal, timeZone: TZ, holder: 'SERWER-KADRY (pid 1)',
    logFile: { path: path.join(scratchDir(), `service-${w.names.company}.log`) },
    onEvent: async (e) => { events.push(e); },
    ...more,
  };
}

const syncs = (events: ServiceEvent[]) => events.flatMap((e) => (e.type === 'sync-finished' ? [[local(e.at), e.result.kind]] : []));
const failures = (events: ServiceEvent[]) => events.flatMap((e) => (e.type === 'sync-failed' ? [String((e.error as Error)?.message ?? e.error)] : []));

test('seed example: the service syncs in full at 10:00, then hourly; Jan Nowak added at 11:30 is in the cloud after the 12:00 run', async (t) => {
  const w = await world();
  try {
    await schedule(w, { every: 60, from: '08:00', to: '16:00' });
    const [model] = await w.company`SELECT min(PRA_PraId) AS id FROM CDN.PracKod WHERE PRA_Archiwalny = 0`;
    let praId = 0;
    const inCloud = async () => (await w.cloudSql`SELECT count(*)::int AS n FROM hr.pracetaty WHERE pre_praid = ${praId} AND pre_imie1 = 'Jan' AND pre_nazwisko = 'Nowak'`)[0].n;
    const clock = new FakeClock('2026-12-03T09:00:00Z'); // 10:00 in Warsaw
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    clock.at('2026-12-03T10:30:00Z', async () => { praId = await addEmployee(w.company, model.id, { kod: 'JNOWAK', imie: 'Jan', nazwisko: 'Nowak', from: '2026-12-03' }); });
    clock.at('2026-12-03T10:59:00Z', async () => { t.is(await inCloud(), 0, 'not in e-Pracownik before the 12:00 run'); });
    clock.at('2026-12-03T11:30:00Z', () => stop.abort());
    const opts = serviceOptions(w, clock, stop, events);
    await runService(w.services, opts);
    t.deepEqual(failures(events), []);
    t.deepEqual(syncs(events), [['10:00', 'full'], ['11:00', 'diff'], ['12:00', 'diff']]);
    t.is(await inCloud(), 1, 'in e-Pracownik after the 12:00 run');
    await w.assertEqual(t);

    const file = readFileSync(opts.logFile!.path!, 'utf8');
    t.regex(file, /service started on SERWER-KADRY \(pid 1\)/);
    t.regex(file, /HR data sync queued for 2026-12-03 11:00:00/);
    t.regex(file, /HR data sync finished: full \(first sync\)/);
    t.regex(file, /service stopped/);
    const soa = await w.configDb`SELECT SloG_Level AS level, SloG_Message AS message, SloG_DatabaseName AS db FROM CDN.SoaLogs ORDER BY SloG_SlogId`;
    t.true(soa.some((r) => /^HR data sync finished: differential/.test(r.message)), 'events are in CDN.SoaLogs');
    t.true(soa.every((r) => r.db === w.names.company.slice(0, 30)));
    const [lease] = await w.configDb`SELECT count(*)::int AS n FROM CDN.EPS_ServiceLease`;
    t.is(lease.n, 0, 'leases given back on stop');
  } finally { await w.close(); }
});

test('a second service is refused with the name of the station that holds the lease', async (t) => {
  const w = await world();
  try {
    await schedule(w);
    await acquireLease(w.services.erp, 'service', 'KADRY-1 (pid 10)', 60);
    const stop = new AbortController();
    const e = await t.throwsAsync(runService(w.services, serviceOptions(w, new FakeClock('2026-12-03T09:00:00Z'), stop, [], { holder: 'KADRY-2 (pid 20)' })), { instanceOf: LeaseHeldError });
    t.is(e?.exitCode, 75);
    t.regex(e!.message, /already runs on KADRY-1 \(pid 10\) \(since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by the configuration database's clock; unless renewed, it lapses at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)/);
  } finally { await w.close(); }
});

test('a lease held by a process of this station that no longer exists (killed outright) is taken at once; a live one is not', async (t) => {
  const w = await world();
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!; // a pid that has just ended
    await acquireLease(w.services.erp, 'sync', `KADRY-1 (pid ${dead})`, 600);
    const mine = await acquireLease(w.services.erp, 'sync', `KADRY-1 (pid ${process.pid})`, 600).catch((e) => e);
    t.false(mine instanceof Error, String(mine));
    await (mine as { release(): Promise<void> }).release();
    await acquireLease(w.services.erp, 'sync', 'KADRY-1 (pid 1)', 600); // pid 1 lives
    const refused = await t.throwsAsync(acquireLease(w.services.erp, 'sync', `KADRY-1 (pid ${process.pid})`, 600), { instanceOf: LeaseHeldError });
    t.regex(refused!.message, /KADRY-1 \(pid 1\)/);
    const otherStation = await t.throwsAsync(acquireLease(w.services.erp, 'sync', `KADRY-2 (pid ${process.pid})`, 600), { instanceOf: LeaseHeldError });
    t.regex(otherStation!.message, /KADRY-1 \(pid 1\)/, 'another station cannot tell whether the holder lives: it waits for the lease to lapse');
  } finally { await w.close(); }
});

test('a dead holder\'s lease expires and another station takes over; the old holder cannot renew it', async (t) => {
  const w = await world();
  try {
    await schedule(w, { enabled: 0 });
    const dead = await acquireLease(w.services.erp, 'service', 'KADRY-1 (pid 10)', 1);
    await new Promise((r) => setTimeout(r, 1500));
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    let holder = '';
    await runService(w.services, serviceOptions(w, new FakeClock('2026-12-03T09:00:00Z'), stop, events, {
      holder: 'KADRY-2 (pid 20)',
      onEvent: async (e) => {
        events.push(e);
        if (e.type === 'planned') {
          holder = (await w.configDb`SELECT LEA_Station AS s FROM CDN.EPS_ServiceLease WHERE LEA_Purpose LIKE 'service:%'`)[0].s;
          const renewed = await dead.renew();
          t.is(renewed.Acquired, 0);
          t.is(renewed.HolderStation, 'KADRY-2 (pid 20)');
          stop.abort();
        }
      },
    }));
    t.is(holder, 'KADRY-2 (pid 20)');
    t.deepEqual(events.filter((e) => e.type === 'planned').map((e) => e.type === 'planned' && e.at), [null], 'schedule off: nothing planned');
  } finally { await w.close(); }
});

test('an on-demand sync while a scheduled one runs is refused (exit 75) and works once it has finished', async (t) => {
  const w = await world();
  try {
    await schedule(w);
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    let refused: LeaseHeldError | undefined;
    await runService(w.services, serviceOptions(w, new FakeClock('2026-12-03T09:00:00Z'), stop, events, {
      onEvent: async (e) => {
        events.push(e);
        if (e.type === 'sync-started') {
          refused = await t.throwsAsync(onDemandSync(w.services, { holder: 'KADRY-PC (pid 5)' }), { instanceOf: LeaseHeldError });
          stop.abort();
        }
      },
    }));
    t.is(refused?.exitCode, 75);
    t.regex(refused!.message, /Another sync of this database is running on SERWER-KADRY \(pid 1\)/);
    t.deepEqual(syncs(events), [], 'the scheduled sync stopped at its next safe point, as asked');
    const r = await onDemandSync(w.services, { holder: 'KADRY-PC (pid 5)' });
    t.is(r.kind, 'full', 'the interrupted full sync is done again');
  } finally { await w.close(); }
});

test('a scheduled run that meets an on-demand sync waits for it and then runs; the schedule is not blocked for good', async (t) => {
  const w = await world();
  try {
    await schedule(w, { every: 60, from: '08:00', to: '16:00' });
    const onDemand = await acquireLease(w.services.erp, 'sync', 'KADRY-PC (pid 7)', 600); // a user's eps sync is running
    const clock = new FakeClock('2026-12-03T08:59:00Z'); // 09:59 in Warsaw
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    clock.at('2026-12-03T09:02:00Z', () => onDemand.release()); // the user's sync ends at 10:02
    clock.at('2026-12-03T09:30:00Z', () => stop.abort());
    await runService(w.services, serviceOptions(w, clock, stop, events));
    const waits = failures(events);
    t.true(waits.length >= 1, 'the 10:00 run met the on-demand sync');
    t.true(waits.every((m) => /Another sync of this database is running on KADRY-PC \(pid 7\)/.test(m)), waits.join('\n'));
    const finished = events.flatMap((e) => (e.type === 'sync-finished' ? [e] : []));
    t.is(finished.length, 1, 'one run, not one per retry');
    t.true(finished[0]!.at.getTime() >= Date.parse('2026-12-03T09:02:00Z') && finished[0]!.at.getTime() < Date.parse('2026-12-03T09:04:00Z'),
      `it ran soon after the on-demand sync ended, at ${finished[0]!.at.toISOString()}`);
    t.is(finished[0]!.result.kind, 'full');
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('eps sync from the command line exits 75 while another sync runs, naming it, and 0 once it is done', async (t) => {
  const w = await world();
  try {
    const cli = () => runCli(['sync', '--with-worker'], cliEnv(w, { EPS_STATION: 'KADRY-CLI' }));
    const other = await acquireLease(w.services.erp, 'sync', 'SERWER-KADRY (pid 9)', 600);
    const refused = await cli();
    t.is(refused.code, 75, refused.err);
    t.regex(refused.err, /Another sync of this database is running on SERWER-KADRY \(pid 9\)/);
    await other.release();
    const ok = await cli();
    t.is(ok.code, 0, ok.err);
    t.regex(ok.out, /Full sync done: \d+ rows to the cloud, 0 rejected\. Log: \S+\.log/);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a schedule change takes effect without a restart: turned off at 11:30, no run at 12:00', async (t) => {
  const w = await world();
  try {
    await schedule(w, { every: 30, from: '10:00', to: '11:00' });
    const clock = new FakeClock('2026-12-03T08:30:00Z'); // 09:30, before the window
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    clock.at('2026-12-03T10:10:00Z', () => schedule(w, { every: 60, from: '08:00', to: '16:00' }));
    clock.at('2026-12-03T10:30:00Z', () => schedule(w, { enabled: 0 }));
    clock.at('2026-12-03T12:00:00Z', () => stop.abort());
    await runService(w.services, serviceOptions(w, clock, stop, events));
    t.deepEqual(failures(events), []);
    t.deepEqual(syncs(events), [['10:00', 'full'], ['10:30', 'diff'], ['11:00', 'diff']]);
    const planned = events.flatMap((e) => (e.type === 'planned' ? [e.at && local(e.at)] : []));
    t.deepEqual(planned.slice(-2), ['12:00', null], 'hourly from 11:10 planned 12:00; off from 11:30');
  } finally { await w.close(); }
});

test('an ERP outage during a scheduled sync is logged and retried with backoff; the service keeps running', async (t) => {
  const w = await world();
  try {
    await schedule(w);
    const clock = new FakeClock('2026-12-03T09:00:00Z');
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    let outages = 0;
    const erp = w.services.erp;
    const flaky = Object.assign(Object.create(Object.getPrototypeOf(erp)), erp, {
      call: ((name, args, o) => {
        if (name === 'EPS_ServiceState' && clock.now().getTime() >= Date.parse('2026-12-03T10:00:00Z') && outages < 2) {
          outages++;
          return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ECONNREFUSED' }));
        }
        return erp.call(name, args, o);
      }) as typeof erp.call,
    });
    clock.at('2026-12-03T10:30:00Z', () => stop.abort());
    await runService({ ...w.services, erp: flaky }, serviceOptions(w, clock, stop, events, { backoff: { firstMs: 5_000, maxMs: 60_000 } }));
    t.is(failures(events).length, 2);
    t.regex(failures(events)[0], /ECONNREFUSED/);
    t.deepEqual(syncs(events), [['10:00', 'full'], ['11:00', 'diff']], 'the 11:00 run retried after 5 s and 10 s');
    const finished = events.flatMap((e) => (e.type === 'sync-finished' ? [e] : []));
    t.is(finished[1].at.toISOString(), '2026-12-03T10:00:15.000Z');
    const soa = await w.configDb`SELECT SloG_Level AS level, SloG_Exception AS exception FROM CDN.SoaLogs WHERE SloG_Level = 'ERROR'`;
    t.is(soa.length, 2);
    t.regex(soa[0].exception, /ECONNREFUSED/);
  } finally { await w.close(); }
});

test('a cloud outage in the middle of a differential sync is logged and retried with backoff; nothing is lost', async (t) => {
  const w = await world();
  try {
    await schedule(w);
    const clock = new FakeClock('2026-12-03T09:00:00Z'); // 10:00 in Warsaw
    const stop = new AbortController();
    const events: ServiceEvent[] = [];
    const [model] = await w.company`SELECT min(PRA_PraId) AS id FROM CDN.PracKod WHERE PRA_Archiwalny = 0`;
    let praId = 0;
    clock.at('2026-12-03T09:30:00Z', async () => { praId = await addEmployee(w.company, model.id, { kod: 'ANOWAK', imie: 'Anna', nazwisko: 'Nowak', from: '2026-12-03' }); });
    clock.at('2026-12-03T10:30:00Z', () => stop.abort());
    let outages = 0;
    const cloud = w.services.cloud;
    const flaky = Object.assign(Object.create(Object.getPrototypeOf(cloud)), cloud, {
      submitDelta: ((...args: Parameters<typeof cloud.submitDelta>) => {
        if (outages < 2) {
          outages++;
          return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
        }
        return cloud.submitDelta(...args);
      }) as typeof cloud.submitDelta,
    });
    await runService({ ...w.services, cloud: flaky }, serviceOptions(w, clock, stop, events, { backoff: { firstMs: 5_000, maxMs: 60_000 } }));
    t.is(failures(events).length, 2);
    t.regex(failures(events)[0]!, /ECONNREFUSED/);
    t.deepEqual(syncs(events), [['10:00', 'full'], ['11:00', 'diff']], 'the 11:00 run was retried after 5 s and 10 s, and then went through');
    const [{ n }] = await w.cloudSql`SELECT count(*)::int AS n FROM hr.prackod WHERE pra_praid = ${praId}`;
    t.is(n, 1, 'the employee added at 10:30 is in the cloud');
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('the service log file is rotated at its size limit, keeping the given number of old files', (t) => {
  const file = path.join(scratchDir(), `rotate-${process.pid}-${Date.now()}.log`);
  const f = new RotatingFile(file, 100, 2);
  for (let i = 0; i < 10; i++) f.write(`line ${i} ${'x'.repeat(40)}`);
  t.deepEqual([file, `${file}.1`, `${file}.2`].map((x) => existsSync(x)), [true, true, true]);
  t.false(existsSync(`${file}.3`));
  t.regex(readFileSync(file, 'utf8'), /line 9/);
  t.regex(readFileSync(`${file}.1`, 'utf8'), /line 7/);
  t.true(statSync(file).size <= 100);
});

test('a log folder that cannot be made is a configuration error naming it, not a hang (a recursive mkdir under /proc never returns)', (t) => {
  const made = path.join(scratchDir(), `logs-${process.pid}`, 'a', 'b');
  ensureLogDir(made);
  t.true(existsSync(made));
  for (const bad of ['/proc/eps-nope/logs', path.join(made, 'x\0y')]) {
    const e = t.throws(() => ensureLogDir(bad), { instanceOf: EpsError });
    t.is(e!.code, 'EPS10');
    t.regex(e!.hint!, /EPS_LOG_DIR/);
  }
});
