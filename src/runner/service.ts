// `eps run`: the service the seed calls Serwis Operacji Automatycznych. It holds the service
// lease (one `eps run` per firm database, anywhere), reads the schedule from CDN.Sync before
// every wait (a change applies without a restart), sleeps until the next planned run and syncs
// under the sync lock, which an on-demand `eps sync` takes too. Every event goes to a rotated
// service log file and to CDN.SoaLogs. Failures are logged and retried with backoff.
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { EpsError, EXIT } from '../errors.js';
import type { ErpAdapter } from '../erp/adapter.js';
import { FIRMA, type ProcedureRow } from '../erp/procedures.js';
import { runSync, type RunOptions, type Services } from './app.js';
import { createLogger, ensureLogDir, type Logger } from './log.js';
import { stoppableBySignals } from './signals.js';
import { DEFAULT_TIME_ZONE, describeSchedule, nextRun, parseSchedule, type Schedule, type ScheduleKind } from './schedule.js';
import type { SyncResult } from './sync.js';

// ---------------------------------------------------------------- leases

export const leasePurpose = {
  service: (database: string) => `service:${database}`,
  sync: (database: string) => `sync:${database}`,
};

/** Who holds a lease: the station and the process, so two runs on one machine are told apart. */
export function holderName(station: string, pid = process.pid): string {
  return `${station} (pid ${pid})`;
}

type LeaseRow = ProcedureRow<'EPS_AcquireLease'>;

// The database's wall-clock time (GETDATE / localtimestamp) as the driver handed it over.
const stamp = (d: Date | null) => {
  if (!d) return '?';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** Another process holds the lease: a scheduler reads exit code 75 as "try again later". */
export class LeaseHeldError extends Error {
  readonly exitCode = EXIT.busy;
  constructor(readonly what: 'service' | 'sync', readonly holder: string | null, readonly since: Date | null, readonly expires: Date | null = null) {
    const clock = `by the configuration database's clock${expires ? `; unless renewed, it lapses at ${stamp(expires)}` : ''}`;
    super(what === 'service'
      ? `The e-Pracownik service already runs on ${holder} (since ${stamp(since)} ${clock}); set it up on one computer only. It may start here when that one stops or its lease lapses.`
      : `Another sync of this database is running on ${holder} (since ${stamp(since)} ${clock}); try again when it has finished.`);
    this.name = 'LeaseHeldError';
  }
}

/** The holder is a process on this station that no longer exists (killed outright): its lease may be taken at once. */
function deadHolderHere(holder: string | null, station: string): boolean {
  const m = holder ? /^(.*) \(pid (\d+)\)$/.exec(holder) : null;
  if (!m || m[1] !== station || Number(m[2]) === process.pid) return false;
  try { process.kill(Number(m[2]), 0); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ESRCH'; }
}

export interface Lease { readonly purpose: string; readonly holder: string; renew(): Promise<LeaseRow>; release(): Promise<void> }

export async function acquireLease(erp: ErpAdapter, what: 'service' | 'sync', holder: string, ttlSeconds: number): Promise<Lease> {
  const purpose = leasePurpose[what](erp.companyDatabase);
  let [row] = await erp.call('EPS_AcquireLease', { Station: holder, Purpose: purpose, TtlSeconds: ttlSeconds });
  const station = /^(.*) \(pid \d+\)$/.exec(holder)?.[1] ?? holder;
  if (row && row.Acquired !== 1 && deadHolderHere(row.HolderStation, station)) {
    // Only the dead holder's own lease is given back (EPS_ReleaseLease matches the station), so a race can at worst fail.
    await erp.call('EPS_ReleaseLease', { Station: row.HolderStation, Purpose: purpose });
    [row] = await erp.call('EPS_AcquireLease', { Station: holder, Purpose: purpose, TtlSeconds: ttlSeconds });
  }
  if (!row || row.Acquired !== 1) throw new LeaseHeldError(what, row?.HolderStation ?? null, row?.HolderSince ?? null, row?.ExpiresAt ?? null);
  return {
    purpose, holder,
    async renew() {
      const [r] = await erp.call('EPS_RenewLease', { Station: holder, Purpose: purpose, TtlSeconds: ttlSeconds });
      return r;
    },
    async release() { await erp.call('EPS_ReleaseLease', { Station: holder, Purpose: purpose }); },
  };
}

/** Keeps a lease alive while `work` runs (renewed every third of its TTL), then gives it back. */
export async function withLease<T>(erp: ErpAdapter, what: 'service' | 'sync', holder: string, ttlSeconds: number, work: () => Promise<T>): Promise<T> {
  const lease = await acquireLease(erp, what, holder, ttlSeconds);
  const timer = setInterval(() => { lease.renew().catch(() => {}); }, Math.max(1000, (ttlSeconds * 1000) / 3));
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await lease.release().catch(() => {});
  }
}

export const DEFAULT_LEASE_TTL_SECONDS = 120;

/** `eps sync` by hand: refused (LeaseHeldError, exit 75) while the service or another user syncs. */
export async function onDemandSync(s: Services, opts: RunOptions & { holder?: string; ttlSeconds?: number } = {}) {
  const holder = opts.holder ?? holderName(s.config.station);
  return withLease(s.erp, 'sync', holder, opts.ttlSeconds ?? DEFAULT_LEASE_TTL_SECONDS, () => runSync(s, opts));
}

// ---------------------------------------------------------------- the service log

/** An append-only file that is renamed to .1, .2, … when it grows past maxBytes; keeps `keep` old ones. */
export class RotatingFile {
  private size: number;
  constructor(readonly file: string, readonly maxBytes = 10 * 1024 * 1024, readonly keep = 5) {
    ensureLogDir(path.dirname(file));
    this.size = existsSync(file) ? statSync(file).size : 0;
  }
  write(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.file, line + '\n');
    this.size += bytes;
  }
  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    if (this.keep > 0) renameSync(this.file, `${this.file}.1`); else rmSync(this.file, { force: true });
    this.size = 0;
  }
}

type SoaLevel = 'INFO' | 'WARN' | 'ERROR';

/** The service's logger: the rotated file, stderr (echo), and a row in CDN.SoaLogs per event. */
function serviceLogger(s: Services, opts: { file: RotatingFile; holder: string; echo?: (line: string) => void }) {
  const session = randomUUID();
  let pending: Promise<void> = Promise.resolve();
  let soaBroken = false;
  const toFile = createLogger({ file: null, scope: 'service', echo: (line) => { opts.file.write(line); opts.echo?.(line); } });
  const soa = (level: SoaLevel, scope: string, msg: string, exception?: string) => {
    pending = pending.then(() => s.erp.call('EPS_WriteSoaLog', {
      DatabaseName: s.erp.companyDatabase, Level: level, Logger: `eps.${scope}`, Message: msg, ExceptionText: exception ?? null,
      Session: session, Station: s.config.station, Thread: `pid ${process.pid}`,
    })).then(() => { soaBroken = false; }, () => {
      if (!soaBroken) toFile.warn('cannot write to CDN.SoaLogs now; events go to the log file only until it works again');
      soaBroken = true;
    });
  };
  const make = (scope: string): Logger & { errorWith(msg: string, e: unknown): void } => {
    const inner = toFile.scope(scope);
    return {
      file: opts.file.file,
      scope: (x) => make(x),
      info: (m) => { inner.info(m); soa('INFO', scope, m); },
      warn: (m) => { inner.warn(m); soa('WARN', scope, m); },
      error: (m) => { inner.error(m); soa('ERROR', scope, m); },
      debug: (m) => inner.debug(m),
      errorWith: (m, e) => { inner.error(`${m}: ${describeError(e)}`); soa('ERROR', scope, m, describeError(e)); },
    };
  };
  return { log: make('service'), flush: () => pending };
}

function describeError(e: unknown): string {
  if (e instanceof EpsError) return e.toString();
  return (e as Error)?.message ?? String(e);
}

// ---------------------------------------------------------------- the loop

export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) => new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  }),
};

export type ServiceEvent =
  | { type: 'started'; at: Date }
  | { type: 'planned'; kind: ScheduleKind; at: Date | null }
  | { type: 'sync-started'; kind: ScheduleKind; at: Date }
  | { type: 'sync-finished'; kind: ScheduleKind; at: Date; result: SyncResult & { logFile: string; runId: number } }
  | { type: 'sync-failed'; kind: ScheduleKind; at: Date; error: unknown }
  | { type: 'stopped'; at: Date };

export interface ServiceOptions {
  timeZone?: string;
  clock?: Clock;
  /** Stops the loop after the current sync. */
  signal?: AbortSignal;
  holder?: string;
  leaseTtlSeconds?: number;
  /** How often the schedule is read again while waiting. */
  recheckMs?: number;
  backoff?: { firstMs: number; maxMs: number };
  logFile?: { path?: string; maxBytes?: number; keep?: number };
  echo?: (line: string) => void;
  /** Awaited on every event, inside the sync lock for 'sync-started' (tests drive the loop with it). */
  onEvent?: (e: ServiceEvent) => void | Promise<void>;
}

/** The kinds the service syncs. Binary data ('DaneBinarne') joins when its sync exists. */
const SYNC_KINDS: Partial<Record<ScheduleKind, { label: string; run: (s: Services, log: Logger, signal: AbortSignal) => ReturnType<typeof runSync> }>> = {
  DaneKadrowe: { label: 'HR data', run: scheduledHrSync },
};

/** A scheduled HR sync: full when `eps schedule --full` asked for it (then back to differential). */
async function scheduledHrSync(s: Services, log: Logger, signal: AbortSignal) {
  const settings = await s.erp.call('EPS_Settings', {});
  const full = settings.some((r) => r.Numer === FIRMA.fullRequested && r.Wartosc === '1');
  if (full) log.info('full sync requested in the schedule');
  const result = await runSync(s, { full, signal });
  if (full) await s.erp.call('EPS_SetSetting', { Numer: FIRMA.fullRequested, Opis: FULL_REQUEST_DESCRIPTION, Wartosc: '0' });
  return result;
}

export const FULL_REQUEST_DESCRIPTION = 'e-Pracownik: następna synchronizacja kadrowa pełna (1/0)';

/** Errors that no retry can fix: the service stops with their exit code. */
function isFatal(e: unknown): boolean {
  return e instanceof EpsError && (e.code === 'EPS03' || e.code === 'EPS04' || e.code === 'EPS06');
}

/**
 * Runs until `signal` aborts. Throws LeaseHeldError (exit 75) when another station runs the
 * service, or loses the lease to another station; EpsError for an installation problem.
 */
export async function runService(s: Services, opts: ServiceOptions = {}): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const signal = opts.signal ?? new AbortController().signal;
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const ttl = opts.leaseTtlSeconds ?? DEFAULT_LEASE_TTL_SECONDS;
  const holder = opts.holder ?? holderName(s.config.station);
  const recheckMs = opts.recheckMs ?? 60_000;
  const backoff = opts.backoff ?? { firstMs: 5_000, maxMs: 300_000 };
  const emit = async (e: ServiceEvent) => { await opts.onEvent?.(e); };

  const lease = await acquireLease(s.erp, 'service', holder, ttl);
  const file = new RotatingFile(opts.logFile?.path ?? path.join(s.config.logDir, 'eps-service.log'), opts.logFile?.maxBytes, opts.logFile?.keep);
  const { log, flush } = serviceLogger(s, { file, holder, echo: opts.echo });
  let lost: LeaseRow | null = null;
  const renewal = setInterval(() => {
    lease.renew().then((r) => { if (r.Acquired !== 1) lost = r; }, () => {});
  }, Math.max(1000, (ttl * 1000) / 3));
  renewal.unref();

  // planned: the run last announced in the log (undefined: none yet, so even 'nothing planned' is logged once).
  const state = new Map<ScheduleKind, { lastStart: Date | null; planned: number | null | undefined; described: string; failures: number }>();
  let failures = 0;
  try {
    log.info(`service started on ${holder} for database ${s.erp.companyDatabase}, tenant ${s.config.tenant.code}, time zone ${tz}`);
    await emit({ type: 'started', at: clock.now() });
    while (!signal.aborted) {
      if (lost) throw new LeaseHeldError('service', (lost as LeaseRow).HolderStation, (lost as LeaseRow).HolderSince);
      let wakeAt = clock.now().getTime() + recheckMs;
      try {
        const schedules = await readSchedules(s);
        failures = 0;
        for (const [kind, def] of Object.entries(SYNC_KINDS) as [ScheduleKind, NonNullable<(typeof SYNC_KINDS)[ScheduleKind]>][]) {
          const st = state.get(kind) ?? { lastStart: null, planned: undefined, described: '', failures: 0 };
          state.set(kind, st);
          const schedule = schedules.get(kind);
          const described = schedule ? describeSchedule(schedule) : 'no row in CDN.Sync for this database: off';
          if (described !== st.described) { log.info(`${def.label} sync schedule: ${described}`); st.described = described; }
          const now = clock.now();
          const next = schedule ? nextRun(schedule, { now, lastStart: st.lastStart, timeZone: tz }) : null;
          if ((next?.getTime() ?? null) !== st.planned) {
            st.planned = next?.getTime() ?? null;
            log.info(next ? `${def.label} sync queued for ${formatLocal(next, tz)} (${tz})` : `${def.label} sync: nothing planned`);
            await emit({ type: 'planned', kind, at: next });
          }
          if (next && next.getTime() <= now.getTime()) {
            const retryAt = await runKind(kind, def, st);
            if (retryAt !== null) wakeAt = Math.min(wakeAt, retryAt);
            if (signal.aborted) break;
            continue;
          }
          if (next) wakeAt = Math.min(wakeAt, next.getTime());
        }
      } catch (e) {
        if (isFatal(e) || e instanceof LeaseHeldError) throw e;
        failures++;
        const delay = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (failures - 1));
        log.errorWith(`cannot read the schedule (attempt ${failures}); next try in ${Math.round(delay / 1000)} s`, e);
        wakeAt = clock.now().getTime() + delay;
      }
      if (signal.aborted) break;
      const ms = wakeAt - clock.now().getTime();
      if (ms > 0) await clock.sleep(ms, signal);
    }
  } catch (e) {
    if (e instanceof LeaseHeldError) log.error(`stopping: ${e.message}`);
    else log.errorWith('stopping on an error no retry can fix', e);
    throw e;
  } finally {
    clearInterval(renewal);
    log.info('service stopped');
    await emit({ type: 'stopped', at: clock.now() });
    await flush();
    if (!lost) await lease.release().catch(() => {});
  }

  /** One scheduled run; returns when to try again after a failure, or null. */
  async function runKind(kind: ScheduleKind, def: NonNullable<(typeof SYNC_KINDS)[ScheduleKind]>, st: { lastStart: Date | null; planned: number | null | undefined; failures: number }): Promise<number | null> {
    const started = clock.now();
    const previous = st.lastStart;
    st.lastStart = started;
    st.planned = undefined;
    try {
      const result = await withLease(s.erp, 'sync', holder, ttl, async () => {
        log.info(`${def.label} sync started`);
        await emit({ type: 'sync-started', kind, at: started });
        return def.run(s, log, signal);
      });
      st.failures = 0;
      log.info(`${def.label} sync finished: ${result.kind === 'full' ? `full (${result.reason})` : 'differential'}, ${result.batches} batch(es), ${result.rowsToCloud} rows to the cloud${result.rowsRejected ? `, ${result.rowsRejected} rejected` : ''}; run ${result.runId}, log ${result.logFile}`);
      await emit({ type: 'sync-finished', kind, at: clock.now(), result });
      return null;
    } catch (e) {
      if (isFatal(e)) throw e;
      if (signal.aborted && e instanceof EpsError && e.code === 'EPS15') {
        log.info(`${def.label} sync stopped at a safe point; the next run goes on from the last acknowledged batch`);
        return null;
      }
      // Not done: the slot stays due, so the next try comes after the backoff, inside its window.
      st.lastStart = previous;
      st.failures++;
      const delay = e instanceof LeaseHeldError ? Math.min(backoff.maxMs, 30_000) : Math.min(backoff.maxMs, backoff.firstMs * 2 ** (st.failures - 1));
      if (e instanceof LeaseHeldError) log.warn(`${def.label} sync waits: ${e.message}`);
      else log.errorWith(`${def.label} sync failed (attempt ${st.failures}); next try in ${Math.round(delay / 1000)} s`, e);
      await emit({ type: 'sync-failed', kind, at: clock.now(), error: e });
      return clock.now().getTime() + delay;
    }
  }
}

async function readSchedules(s: Services): Promise<Map<ScheduleKind, Schedule>> {
  const rows = await s.erp.call('EPS_Schedule', { DatabaseName: s.erp.companyDatabase });
  return new Map(rows.map((r) => [r.Kind, parseSchedule(r.Kind, r)]));
}

function formatLocal(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

/** `eps run` from the command line: SIGINT/SIGTERM stop at the next safe point (between pages or batches); a second one at once. */
export async function runServiceCommand(s: Services, opts: { timeZone?: string } = {}): Promise<number> {
  try {
    await stoppableBySignals((signal) => runService(s, { signal, timeZone: opts.timeZone ?? process.env.EPS_TIME_ZONE, echo: (l) => console.error(l) }));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof LeaseHeldError) { console.error(e.message); return e.exitCode; }
    throw e;
  }
}
