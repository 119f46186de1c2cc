// One employee's plan and actual work on one day, as a pure function of (seed, employee, day).
// The big tables are written in several passes (headers, then hour ranges, then monthly
// summaries); recomputing a day is cheaper than holding a million of them in memory.
import { unit } from './prng.js';
import { weekIndexOf } from './dates.js';
import { CALENDARS, ZONE, recordOn, type EtatRecord, type Employee, type Firm } from './firm.js';

/** [from, to, zone, department, project]; minutes from midnight, to < from runs past midnight. */
export type Range = [from: number, to: number, zone: number, dzlId: number, prjId: number];

const NO_PROJECT = 1; // DefProjekty 1, "Koszty ogólne": the column is NOT NULL

const SALT = { start: 1, shape: 2, extra: 3, project: 4, shiftJitter: 5 } as const;

function shiftCalendar(e: Employee, r: EtatRecord, day: number) {
  if (!r.rotating) return CALENDARS[r.calendarId - 1]!;
  const cycle = r.kind === 'shift3' ? 3 : 2;
  return CALENDARS[1 + ((weekIndexOf(day) + e.shiftOffset) % cycle)]!;
}

function projectOf(firm: Firm, e: Employee, r: EtatRecord, day: number): number {
  if (!r.dept.division.projects) return NO_PROJECT;
  // Project staff move between the projects open at the time, one per quarter.
  const open = firm.projects.filter((p) => p.id !== NO_PROJECT && p.opened <= day && (p.closed === null || p.closed >= day));
  if (!open.length) return NO_PROJECT;
  const quarter = Math.floor(day / 91);
  return open[Math.floor(unit(firm.seed, e.praId, quarter, SALT.project) * open.length)]!.id;
}

function status(firm: Firm, e: Employee, day: number): { absent: boolean; partMinutes: number } {
  const i = day - firm.period.historyStart;
  if (i < 0 || i >= e.dayStatus.length) return { absent: false, partMinutes: 0 };
  return { absent: e.dayStatus[i] === 1, partMinutes: e.dayStatus[i] === 2 ? e.partMinutes[i]! : 0 };
}

function employed(e: Employee, day: number): boolean {
  return day >= e.hire && (e.leave === null || day <= e.leave);
}

/** The planned hours of a rotating shift worker; everyone else follows their calendar. */
export function planRanges(firm: Firm, e: Employee, day: number): Range[] | null {
  if (day < firm.period.start || day > firm.period.planEnd || !employed(e, day) || !firm.isWorkingDay(day)) return null;
  const r = recordOn(e, day);
  if (!r || !r.rotating) return null;
  const cal = shiftCalendar(e, r, day);
  return [[cal.from, cal.to, ZONE.work, r.dept.id, NO_PROJECT]];
}

/** What the employee actually worked, or null on days off and full-day absences. */
export function workRanges(firm: Firm, e: Employee, day: number): Range[] | null {
  if (day < firm.period.start || day > firm.period.end || !employed(e, day) || !firm.isWorkingDay(day)) return null;
  const r = recordOn(e, day);
  if (!r) return null;
  const { absent, partMinutes } = status(firm, e, day);
  if (absent) return null;
  const seed = firm.seed;
  const dzl = r.dept.id;
  const prj = projectOf(firm, e, r, day);
  const u = (salt: number) => unit(seed, e.praId, day, salt);

  if (r.kind !== 'office') {
    const cal = shiftCalendar(e, r, day);
    const jitter = u(SALT.shiftJitter) < 0.4 ? Math.floor(u(SALT.start) * 11) - 5 : 0;
    let from = cal.from + jitter;
    let to = cal.to + Math.floor(u(SALT.extra) * 11) - 5;
    if (partMinutes) {
      // Leaving early keeps a night shift's end on the morning after.
      if (cal.from > cal.to) to = cal.to - partMinutes;
      else from = cal.from + partMinutes;
    }
    const ranges: Range[] = [[wrap(from), wrap(to), ZONE.work, dzl, prj]];
    if (!partMinutes && u(SALT.shape) < 0.06) ranges.push([wrap(to), wrap(to + 120), ZONE.overtime, dzl, prj]);
    return ranges;
  }

  const start = 480 + (u(SALT.start) < 0.35 ? Math.floor(u(SALT.extra) * 25) - 12 : 0);
  if (partMinutes) return [[start + partMinutes, start + 480, ZONE.work, dzl, prj]];
  const shape = u(SALT.shape);
  if (shape < 0.01) return [[start, start + 480, ZONE.training, dzl, NO_PROJECT]];
  if (shape < 0.07) return [[start, start + 240, ZONE.work, dzl, prj], [start + 300, start + 540, ZONE.work, dzl, prj]];
  if (shape < 0.09) {
    return [[start, start + 180, ZONE.work, dzl, prj], [start + 180, start + 240, ZONE.privateExit, dzl, prj],
      [start + 240, start + 540, ZONE.work, dzl, prj]];
  }
  if (shape < 0.17) {
    const extra = 60 + 30 * Math.floor(u(SALT.extra) * 3);
    return [[start, start + 480, ZONE.work, dzl, prj], [start + 480, start + 480 + extra, ZONE.overtime, dzl, prj]];
  }
  return [[start, start + 480, ZONE.work, dzl, prj]];
}

function wrap(minutes: number): number {
  return ((minutes % 1440) + 1440) % 1440;
}

export function rangeMinutes([from, to]: Range): number {
  return to > from ? to - from : to + 1440 - from;
}

/** Minutes of the range in the night hours 22:00–06:00. */
export function nightMinutes(range: Range): number {
  const from = range[0];
  const to = from + rangeMinutes(range);
  const overlap = (a: number, b: number) => Math.max(0, Math.min(to, b) - Math.max(from, a));
  return overlap(0, 360) + overlap(1320, 1800) + overlap(2760, 2880);
}
