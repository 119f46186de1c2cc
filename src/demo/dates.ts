// Dates as Optima counts them: whole days since 1899-12-30 (day 0, Optima's "empty" date),
// and times of day / durations as minutes added to that day. Plain integers keep the
// generator's day loops cheap; strings are made only when a row is written.

const MS_PER_DAY = 86_400_000;
const BASE_MS = Date.UTC(1899, 11, 30);
const isoCache = new Map<number, string>();

/** 1899-12-30: Optima's empty date, and day 0 of times of day and durations. */
export const EMPTY_DAY = 0;
/** 2999-12-31: Optima's open end. */
export const OPEN_END = dayFromParts(2999, 12, 31);


export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`expected an ISO date (YYYY-MM-DD), got "${iso}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.round((ms - BASE_MS) / MS_PER_DAY);
  if (isoOf(day) !== iso) throw new Error(`"${iso}" is not a calendar date`);
  return day;
}

export function dayFromParts(year: number, month: number, dayOfMonth: number): number {
  return Math.round((Date.UTC(year, month - 1, dayOfMonth) - BASE_MS) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(BASE_MS + day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 200_000) isoCache.set(day, s);
  }
  return s;
}

export function partsOf(day: number): { year: number; month: number; day: number } {
  const d = new Date(BASE_MS + day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function yearOf(day: number): number {
  return partsOf(day).year;
}

/** 0 = Monday … 6 = Sunday (day 0, 1899-12-30, was a Saturday). */
export function weekdayOf(day: number): number {
  return (((day + 5) % 7) + 7) % 7;
}

/** Index of the Monday-to-Sunday week the day falls in. */
export function weekIndexOf(day: number): number {
  return Math.floor((day - 2) / 7);
}

export function monthStart(day: number): number {
  const p = partsOf(day);
  return dayFromParts(p.year, p.month, 1);
}

export function monthEnd(day: number): number {
  const p = partsOf(day);
  return dayFromParts(p.month === 12 ? p.year + 1 : p.year, p.month === 12 ? 1 : p.month + 1, 1) - 1;
}

export function addYears(day: number, years: number): number {
  const p = partsOf(day);
  const target = dayFromParts(p.year + years, p.month, p.day);
  // 29 February onto a common year: Date.UTC rolls over to 1 March; step back to 28 February.
  return partsOf(target).day === p.day ? target : target - 1;
}

const HHMM: string[] = Array.from({ length: 1440 }, (_, m) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`);

/** timestamp(3) text for a day and minutes into it (minutes may exceed a day). */
export function ts(day: number, minutes = 0): string {
  const d = day + Math.floor(minutes / 1440);
  return `${isoOf(d)} ${HHMM[((minutes % 1440) + 1440) % 1440]}`;
}

/** A time of day as Optima stores it: 08:00 → '1899-12-30 08:00:00'. */
export function timeOfDay(minutes: number): string {
  return ts(EMPTY_DAY, ((minutes % 1440) + 1440) % 1440);
}

/** A duration as Optima stores it: 4 h → '1899-12-30 04:00:00', 40 h → '1900-01-01 16:00:00'. */
export function duration(minutes: number): string {
  return ts(EMPTY_DAY, minutes);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromParts(year, month, dayOfMonth);
}

/** Statutory public holidays in Poland (ustawa o dniach wolnych od pracy), by day number. */
export function polishHolidays(year: number): Map<number, string> {
  const easter = easterSunday(year);
  const on = (month: number, d: number) => dayFromParts(year, month, d);
  const list: [number, string][] = [
    [on(1, 1), 'Nowy Rok'],
    [on(1, 6), 'Święto Trzech Króli'],
    [easter, 'Wielkanoc'],
    [easter + 1, 'Poniedziałek Wielkanocny'],
    [on(5, 1), 'Święto Pracy'],
    [on(5, 3), 'Święto Konstytucji 3 Maja'],
    [easter + 49, 'Zielone Świątki'],
    [easter + 60, 'Boże Ciało'],
    [on(8, 15), 'Wniebowzięcie Najświętszej Maryi Panny'],
    [on(11, 1), 'Wszystkich Świętych'],
    [on(11, 11), 'Narodowe Święto Niepodległości'],
    [on(12, 25), 'Boże Narodzenie (pierwszy dzień)'],
    [on(12, 26), 'Boże Narodzenie (drugi dzień)'],
  ];
  // Wigilia has been a public holiday since 2025 (amendment of 2024).
  if (year >= 2025) list.push([on(12, 24), 'Wigilia Bożego Narodzenia']);
  return new Map(list);
}
