import test from 'ava';
import { nextRun, parseSchedule, describeSchedule, type Schedule } from '../src/runner/schedule.js';
import { EpsError } from '../src/errors.js';

const TZ = 'Europe/Warsaw';
const hr = (every: number | null, from: string | null, to: string | null, enabled = 1): Schedule => {
  const m = (s: string | null) => (s === null ? null : Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));
  return parseSchedule('DaneKadrowe', { Enabled: enabled, EveryMinutes: every, FromMinute: m(from), ToMinute: m(to) });
};

/** Local wall-clock time in Warsaw of an instant, "YYYY-MM-DD HH:MM". */
const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' }).format(d);

/** Drives the calculator like the service does: each run starts when planned and takes `runMinutes`. */
function plannedRuns(s: Schedule, fromIso: string, toIso: string, runMinutes = 1): Date[] {
  const runs: Date[] = [];
  let now = new Date(fromIso);
  let lastStart: Date | null = now; // the service ran just before the simulated period
  for (;;) {
    const next = nextRun(s, { now, lastStart, timeZone: TZ });
    if (!next || next.getTime() > new Date(toIso).getTime()) return runs;
    runs.push(next);
    lastStart = next;
    now = new Date(next.getTime() + runMinutes * 60_000);
  }
}

test('window 8:00–16:00 every hour: runs at 8, 9, …, 16 and never outside', (t) => {
  const runs = plannedRuns(hr(60, '08:00', '16:00'), '2026-12-02T23:00:00Z', '2026-12-04T23:00:00Z');
  t.deepEqual(runs.map(local), [3, 4].flatMap((d) => [8, 9, 10, 11, 12, 13, 14, 15, 16].map((h) => `2026-12-0${d} ${String(h).padStart(2, '0')}:00`)));
});

test('every 15 minutes', (t) => {
  const runs = plannedRuns(hr(15, '08:00', '09:00'), '2026-06-10T00:00:00Z', '2026-06-10T22:00:00Z');
  t.deepEqual(runs.map(local), ['08:00', '08:15', '08:30', '08:45', '09:00'].map((h) => `2026-06-10 ${h}`));
});

test('a window crossing midnight', (t) => {
  const runs = plannedRuns(hr(120, '22:00', '02:00'), '2026-12-03T12:00:00Z', '2026-12-04T12:00:00Z');
  t.deepEqual(runs.map(local), ['2026-12-03 22:00', '2026-12-04 00:00', '2026-12-04 02:00']);
  t.is(describeSchedule(hr(120, '22:00', '02:00')), 'every 120 min, 22:00–02:00');
});

test('last Sunday of March in Europe/Warsaw: the skipped 02:00 runs once, at 03:00', (t) => {
  const runs = plannedRuns(hr(60, '00:00', '05:00'), '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z');
  t.deepEqual(runs.map((d) => d.toISOString()), ['2026-03-28T23:00:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z', '2026-03-29T03:00:00.000Z']);
  t.deepEqual(runs.map(local).map((s) => s.slice(11)), ['00:00', '01:00', '03:00', '04:00', '05:00']);
  const quarter = plannedRuns(hr(15, '01:30', '03:15'), '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z');
  t.deepEqual(quarter.map(local).map((s) => s.slice(11)), ['01:30', '01:45', '03:00', '03:15']);
});

test('last Sunday of October in Europe/Warsaw: the repeated 02:00 runs once', (t) => {
  const runs = plannedRuns(hr(60, '00:00', '05:00'), '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z');
  t.deepEqual(runs.map((d) => d.toISOString()), [
    '2026-10-24T22:00:00.000Z', '2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', // 00, 01, 02 CEST
    '2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T04:00:00.000Z', // 03, 04, 05 CET
  ]);
});

test('a run longer than its interval is not started twice; a missed slot is made up once while the window is open', (t) => {
  const s = hr(60, '08:00', '16:00');
  // the 10:00 run takes 80 minutes: at 11:20 the 11:00 slot was missed, so it starts at once
  const at1120 = nextRun(s, { now: new Date('2026-12-03T10:20:00Z'), lastStart: new Date('2026-12-03T09:00:00Z'), timeZone: TZ });
  t.is(at1120?.toISOString(), '2026-12-03T10:20:00.000Z');
  // a run that took 3 hours: the missed slots become one run, not three
  const runs = plannedRuns(s, '2026-12-03T06:59:00Z', '2026-12-03T15:30:00Z', 180);
  t.deepEqual(runs.map(local).map((x) => x.slice(11)), ['08:00', '11:00', '14:00']);
  // a run still going at the window's end: no make-up outside the window
  t.is(local(nextRun(s, { now: new Date('2026-12-03T15:20:00Z'), lastStart: new Date('2026-12-03T14:00:00Z'), timeZone: TZ })!), '2026-12-04 08:00');
});

test('the first run after the service starts is at once inside the window, else at the window opening', (t) => {
  const s = hr(60, '08:00', '16:00');
  t.is(nextRun(s, { now: new Date('2026-12-03T09:30:00Z'), lastStart: null, timeZone: TZ })?.toISOString(), '2026-12-03T09:30:00.000Z');
  t.is(local(nextRun(s, { now: new Date('2026-12-03T19:30:00Z'), lastStart: null, timeZone: TZ })!), '2026-12-04 08:00');
});

test('turning the schedule off: no next run', (t) => {
  t.is(nextRun(hr(60, '08:00', '16:00', 0), { now: new Date('2026-12-03T09:00:00Z'), timeZone: TZ }), null);
  t.is(nextRun(hr(null, null, null, 0), { now: new Date('2026-12-03T09:00:00Z'), timeZone: TZ }), null);
});

test('an interval Optima does not offer is a clear error', (t) => {
  const e = t.throws(() => hr(45, '08:00', '16:00'), { instanceOf: EpsError });
  t.is(e?.code, 'EPS10');
  t.regex(e!.message, /interval of 45 minutes.*15, 30, 60, 120, 180, 240, 360, 480, 720/);
  t.throws(() => nextRun(hr(60, '08:00', '16:00'), { now: new Date(), timeZone: 'Mars/Olympus' }), { instanceOf: EpsError });
});

test('Od = Do means the whole day; no hours means the whole day from midnight', (t) => {
  const runs = plannedRuns(hr(360, '03:00', '03:00'), '2026-12-03T00:00:00Z', '2026-12-04T00:00:00Z');
  t.deepEqual(runs.map(local).map((x) => x.slice(11)), ['03:00', '09:00', '15:00', '21:00']);
  const allDay = plannedRuns(hr(720, null, null), '2026-12-02T23:30:00Z', '2026-12-03T23:30:00Z');
  t.deepEqual(allDay.map(local).map((x) => x.slice(11)), ['12:00', '00:00']);
});
