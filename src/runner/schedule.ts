// The sync schedule Optima keeps in CDN.Sync (Konfiguracja > Firma > e-Pracownik > Harmonogram
// synchronizacji): per sync kind an on/off flag, an interval ("co") and a window ("od"–"do").
// Pure: the clock is an argument.
//
// Rules
// - Slots are local wall-clock times in the firm's time zone: Od, Od+Co, Od+2·Co, … up to and
//   including Do. Od > Do means the window crosses midnight (22:00–02:00); Od = Do means the
//   whole day starting at Od (Optima's "From = To is 24 h"). A missing Od is 00:00, a missing
//   Do is the end of the day.
// - A slot whose local time does not exist (the hour skipped on the last Sunday of March) runs
//   at the first instant after the gap, 03:00 in Europe/Warsaw; slots that land on the same
//   instant run once. A slot whose local time exists twice (the hour repeated on the last Sunday
//   of October) runs at its first occurrence only.
// - Runs don't stack: the next run is the first slot after the last run's start. A slot missed
//   while a run was still going (or the service was down) is made up once, at once, but only
//   while its window is still open; otherwise the next slot is waited for.
import { EpsError } from '../errors.js';

export const INTERVALS_MINUTES = [15, 30, 60, 120, 180, 240, 360, 480, 720] as const;
export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

/** The sync kinds Optima's schedule knows, by their CDN.Sync column stem (Snc_EPracownik<Kind>). */
export type ScheduleKind = 'DaneKadrowe' | 'DaneBinarne';

/** One kind's CDN.Sync columns; Od/Do as minutes after 1899-12-30 00:00 (EPS_Schedule converts). */
export interface ScheduleColumns { Enabled: number; EveryMinutes: number | null; FromMinute: number | null; ToMinute: number | null }

export interface Schedule {
  kind: ScheduleKind;
  enabled: boolean;
  everyMinutes: number;
  /** Minute of the day the window opens, 0–1439. */
  fromMinute: number;
  /** Length of the window in minutes from fromMinute (inclusive end), 0–1439; a full day is 1439+. */
  windowMinutes: number;
}

const DAY = 1440;

export function parseSchedule(kind: ScheduleKind, c: ScheduleColumns): Schedule {
  const enabled = Number(c.Enabled) !== 0;
  const every = c.EveryMinutes === null ? null : Number(c.EveryMinutes);
  if (enabled && (every === null || !(INTERVALS_MINUTES as readonly number[]).includes(every))) {
    throw new EpsError('EPS10', `The schedule of the ${kind} sync (CDN.Sync.Snc_EPracownik${kind}Co) has an interval of ${every ?? 'nothing'} minutes; Optima offers ${INTERVALS_MINUTES.join(', ')}.`,
      'Choose the interval again in Konfiguracja > Firma > Ogólne > e-Pracownik w modelu usługowym > Harmonogram synchronizacji.');
  }
  const minute = (v: number | null, name: string, dflt: number) => {
    if (v === null) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > DAY) {
      throw new EpsError('EPS10', `The schedule of the ${kind} sync (CDN.Sync.Snc_EPracownik${kind}${name}) is not a time of day.`,
        'Set the hours again in the Harmonogram synchronizacji tab.');
    }
    return n;
  };
  const from = minute(c.FromMinute, 'Od', 0) % DAY;
  const to = minute(c.ToMinute, 'Do', DAY);
  const toOfDay = to % DAY;
  const whole = c.ToMinute === null || toOfDay === from;
  const windowMinutes = whole ? DAY - 1 : (toOfDay - from + DAY) % DAY;
  return { kind, enabled, everyMinutes: every ?? 60, fromMinute: from, windowMinutes };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new EpsError('EPS10', `"${timeZone}" is not a time zone this system knows.`, 'Use an IANA name such as Europe/Warsaw.');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock fields of an instant, as if they were UTC (ms since epoch). */
function wallMs(instantMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

const offsetMs = (instantMs: number, tz: string) => wallMs(instantMs - (instantMs % 1000), tz) - (instantMs - (instantMs % 1000));

/**
 * The instant of a local wall-clock time (given as if it were UTC): the first occurrence if the
 * time is repeated, the first instant after the gap if it does not exist.
 */
export function zonedInstant(wall: number, timeZone: string): number {
  const offsets = [...new Set([offsetMs(wall - 86_400_000, timeZone), offsetMs(wall + 86_400_000, timeZone), offsetMs(wall, timeZone)])];
  const valid = offsets.map((o) => wall - o).filter((t) => wallMs(t, timeZone) === wall);
  if (valid.length) return Math.min(...valid);
  // In a gap: the transition lies between the two candidate instants; find it to the second.
  let [lo, hi] = [Math.min(...offsets.map((o) => wall - o)), Math.max(...offsets.map((o) => wall - o))];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(mid, timeZone) > wall) hi = mid; else lo = mid;
  }
  return hi;
}

export interface Slot { at: Date; windowEnd: Date }

/** The slots of the windows opening on the local days around an instant, in time order, deduplicated. */
export function slotsAround(s: Schedule, instant: Date, timeZone = DEFAULT_TIME_ZONE): Slot[] {
  const wall = wallMs(instant.getTime(), timeZone);
  const today = Math.floor(wall / 86_400_000) * 86_400_000;
  const out = new Map<number, Slot>();
  for (let d = -2; d <= 2; d++) {
    const dayStart = today + d * 86_400_000 + s.fromMinute * 60_000;
    const windowEnd = new Date(zonedInstant(dayStart + s.windowMinutes * 60_000, timeZone));
    for (let m = 0; m <= s.windowMinutes; m += s.everyMinutes) {
      const at = zonedInstant(dayStart + m * 60_000, timeZone);
      if (!out.has(at)) out.set(at, { at: new Date(at), windowEnd });
    }
  }
  return [...out.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * When the next run should start: `now` if a slot was missed and its window is still open,
 * else the first slot after `now`. Null when the schedule is off.
 */
export function nextRun(s: Schedule, opts: { now: Date; lastStart?: Date | null; timeZone?: string }): Date | null {
  if (!s.enabled) return null;
  const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const now = opts.now.getTime();
  const last = opts.lastStart?.getTime() ?? -Infinity;
  const slots = slotsAround(s, opts.now, tz);
  const due = slots.filter((x) => x.at.getTime() <= now).at(-1);
  if (due && due.at.getTime() > last && now <= due.windowEnd.getTime()) return new Date(now);
  const next = slots.find((x) => x.at.getTime() > now && x.at.getTime() > last);
  return next ? next.at : null;
}

/** "every 60 min, 08:00–16:00" for logs and `eps status`. */
export function describeSchedule(s: Schedule): string {
  if (!s.enabled) return 'off';
  const hm = (m: number) => `${String(Math.floor((m % DAY) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const window = s.windowMinutes >= DAY - 1 ? `all day from ${hm(s.fromMinute)}` : `${hm(s.fromMinute)}–${hm(s.fromMinute + s.windowMinutes)}`;
  return `every ${s.everyMinutes} min, ${window}`;
}
