// The demo firm as plain data: dictionaries, the department and centre trees, employees with
// their history records and absences, contracts, trips and qualifications. Everything is
// decided here, from the seed, before a single row is written; the per-day work time is left
// to worktime.ts, which recomputes it from (employee, day) whenever a table needs it.
import { Rng, hash32 } from './prng.js';
import {
  OPEN_END, addYears, dayFromParts, dayOf, polishHolidays, partsOf, ts, weekdayOf, yearOf,
} from './dates.js';
import {
  CITIES, CONTRACT_SUBJECTS, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, OCCASIONAL_LEAVE_REASONS, STREETS,
  SURNAMES, TRIP_DESTINATIONS, TRIP_PURPOSES, asciiOf, surnameFor, type City,
} from './dictionaries.js';

export interface FirmOptions {
  employees: number;
  years: number;
  seed: number;
  endDate: string;
}

export type WorkKind = 'office' | 'shift2' | 'shift3';

// ---------------------------------------------------------------- fixed dictionaries

export const ZONE = { work: 1, overtime: 2, break: 3, training: 4, privateExit: 5 } as const;

export const ZONES = [
  { id: ZONE.work, akronim: 'PRACA', nazwa: 'Czas pracy podstawowy', symbol: 'P', counts: 1, percent: 100 },
  { id: ZONE.overtime, akronim: 'NADGODZINY', nazwa: 'Nadgodziny', symbol: 'N', counts: 1, percent: 150 },
  { id: ZONE.break, akronim: 'PRZERWA', nazwa: 'Przerwa niewliczana do czasu pracy', symbol: 'PRZ', counts: 0, percent: 0 },
  { id: ZONE.training, akronim: 'SZKOLENIE', nazwa: 'Szkolenie wewnętrzne', symbol: 'S', counts: 1, percent: 100 },
  { id: ZONE.privateExit, akronim: 'WYJSCIE', nazwa: 'Wyjście prywatne', symbol: 'W', counts: 0, percent: 0 },
] as const;

export interface CalendarDef { id: number; akronim: string; nazwa: string; from: number; to: number }

/** Hours in minutes from midnight; the night shift ends the next day (from > to). */
export const CALENDARS: CalendarDef[] = [
  { id: 1, akronim: 'STANDARD', nazwa: 'Kalendarz standardowy (8:00–16:00)', from: 480, to: 960 },
  { id: 2, akronim: 'ZMIANA I', nazwa: 'Zmiana I (6:00–14:00)', from: 360, to: 840 },
  { id: 3, akronim: 'ZMIANA II', nazwa: 'Zmiana II (14:00–22:00)', from: 840, to: 1320 },
  { id: 4, akronim: 'ZMIANA III', nazwa: 'Zmiana III – nocna (22:00–6:00)', from: 1320, to: 360 },
];
const OFFICE_CALENDAR = 1;

/** Half the shop floor rotates through the shifts week by week (and so has a work plan); the
 * rest keep one shift, which their calendar describes. */
function schedule(rng: Rng, kind: WorkKind): { calendarId: number; rotating: boolean } {
  if (kind === 'office') return { calendarId: OFFICE_CALENDAR, rotating: false };
  if (rng.chance(0.5)) return { calendarId: 2, rotating: true };
  return { calendarId: kind === 'shift3' ? rng.weighted([[2, 45], [3, 35], [4, 20]] as const) : rng.weighted([[2, 60], [3, 40]] as const), rotating: false };
}

export const LIMIT = { vacation: 1, onDemand: 2, childCare: 3, forceMajeure: 4, carer: 5 } as const;

export const LIMITS = [
  { id: LIMIT.vacation, nazwa: 'Urlop wypoczynkowy', skrot: 'UW', days: 26, hourly: 0 },
  { id: LIMIT.onDemand, nazwa: 'Urlop na żądanie', skrot: 'UŻ', days: 4, hourly: 0 },
  { id: LIMIT.childCare, nazwa: 'Opieka nad dzieckiem (art.188 kp)', skrot: 'OP188', days: 2, hourly: 0 },
  { id: LIMIT.forceMajeure, nazwa: 'Zwolnienie z powodu siły wyższej', skrot: 'SW', days: 2, hourly: 1 },
  { id: LIMIT.carer, nazwa: 'Urlop opiekuńczy (art.173¹ kp)', skrot: 'UOP', days: 5, hourly: 0 },
] as const;

export const ABSENCE = {
  vacation: 1, onDemand: 2, occasional: 3, sick: 4, childCare: 5, forceMajeure: 6, carer: 7, unpaid: 8,
  unexcused: 9, maternity: 10,
} as const;

/** `category` is our own grouping written to TNB_Typ (1 leave, 2 illness, 3 other); Optima's codes are not public. */
export const ABSENCE_TYPES = [
  { id: ABSENCE.vacation, akronim: 'UW', nazwa: 'Urlop wypoczynkowy', limit: LIMIT.vacation, category: 1, paid: 1 },
  { id: ABSENCE.onDemand, akronim: 'UŻ', nazwa: 'Urlop na żądanie', limit: LIMIT.onDemand, category: 1, paid: 1 },
  { id: ABSENCE.occasional, akronim: 'UO', nazwa: 'Urlop okolicznościowy', limit: null, category: 1, paid: 1 },
  { id: ABSENCE.sick, akronim: 'ZL', nazwa: 'Zwolnienie lekarskie', limit: null, category: 2, paid: 0 },
  { id: ABSENCE.childCare, akronim: 'OP188', nazwa: 'Opieka nad dzieckiem (art.188 kp)', limit: LIMIT.childCare, category: 3, paid: 1 },
  { id: ABSENCE.forceMajeure, akronim: 'SW', nazwa: 'Zwolnienie z powodu siły wyższej', limit: LIMIT.forceMajeure, category: 3, paid: 1 },
  { id: ABSENCE.carer, akronim: 'UOP', nazwa: 'Urlop opiekuńczy (art.173¹ kp)', limit: LIMIT.carer, category: 1, paid: 0 },
  { id: ABSENCE.unpaid, akronim: 'UB', nazwa: 'Urlop bezpłatny', limit: null, category: 1, paid: 0 },
  { id: ABSENCE.unexcused, akronim: 'NN', nazwa: 'Nieobecność nieusprawiedliwiona', limit: null, category: 3, paid: 0 },
  { id: ABSENCE.maternity, akronim: 'UM', nazwa: 'Urlop macierzyński', limit: null, category: 1, paid: 0 },
] as const;

/** DaneKadMod kinds: 1 position, 3 reason for termination and 6 training are seen in real
 * queries against Optima; 2 for functions is our assumption. */
export const DKM_KIND = { position: 1, function: 2, terminationReason: 3, training: 6 } as const;

interface DivisionDef {
  kod: string; nazwa: string; kind: WorkKind; weight: number; projects: boolean; tripsPerYear: number;
  teams: [kod: string, nazwa: string][]; positions: string[]; manager: string;
}

const DIVISIONS: DivisionDef[] = [
  { kod: 'ZARZAD', nazwa: 'Zarząd', kind: 'office', weight: 1, projects: false, tripsPerYear: 4,
    teams: [['SEKRETARIAT', 'Sekretariat zarządu']], positions: ['Asystentka zarządu', 'Pełnomocnik ds. jakości'],
    manager: 'Prezes zarządu' },
  { kod: 'KADRY', nazwa: 'Kadry i płace', kind: 'office', weight: 1.5, projects: false, tripsPerYear: 0.3,
    teams: [['KADRY_PLACE', 'Dział kadr i płac']], positions: ['Specjalista ds. kadr i płac', 'Referent ds. kadr'],
    manager: 'Kierownik działu kadr' },
  { kod: 'FINANSE', nazwa: 'Finanse i księgowość', kind: 'office', weight: 2.5, projects: false, tripsPerYear: 0.3,
    teams: [['KSIEGOWOSC', 'Księgowość'], ['KONTROLING', 'Kontroling']],
    positions: ['Księgowa', 'Specjalista ds. kontrolingu', 'Specjalista ds. rozrachunków'], manager: 'Główna księgowa' },
  { kod: 'PRODUKCJA', nazwa: 'Produkcja', kind: 'shift3', weight: 45, projects: false, tripsPerYear: 0.1,
    teams: [['MONTAZ', 'Montaż'], ['SPAWALNIA', 'Spawalnia'], ['LAKIERNIA', 'Lakiernia'],
      ['UTRZYMANIE_RUCHU', 'Utrzymanie ruchu'], ['KONTROLA_JAKOSCI', 'Kontrola jakości']],
    positions: ['Operator maszyn CNC', 'Monter', 'Spawacz', 'Lakiernik', 'Mechanik utrzymania ruchu', 'Elektryk',
      'Kontroler jakości', 'Brygadzista'], manager: 'Kierownik zmiany' },
  { kod: 'LOGISTYKA', nazwa: 'Logistyka', kind: 'shift2', weight: 18, projects: false, tripsPerYear: 0.2,
    teams: [['MAGAZYN', 'Magazyn wyrobów gotowych'], ['ZAOPATRZENIE', 'Zaopatrzenie'], ['TRANSPORT', 'Transport wewnętrzny']],
    positions: ['Magazynier', 'Operator wózka widłowego', 'Zaopatrzeniowiec', 'Kierowca'], manager: 'Kierownik magazynu' },
  { kod: 'SPRZEDAZ', nazwa: 'Sprzedaż', kind: 'office', weight: 9, projects: true, tripsPerYear: 5,
    teams: [['SPRZEDAZ_KRAJ', 'Sprzedaż krajowa'], ['EKSPORT', 'Eksport'], ['OBSLUGA_KLIENTA', 'Obsługa klienta']],
    positions: ['Przedstawiciel handlowy', 'Specjalista ds. eksportu', 'Konsultant obsługi klienta'],
    manager: 'Kierownik sprzedaży' },
  { kod: 'IT', nazwa: 'Dział IT', kind: 'office', weight: 6, projects: true, tripsPerYear: 1,
    teams: [['IT_ROZWOJ', 'Rozwój oprogramowania'], ['IT_WSPARCIE', 'Wsparcie techniczne']],
    positions: ['Programista', 'Starszy programista', 'Administrator systemów', 'Specjalista ds. wsparcia IT'],
    manager: 'Kierownik działu IT' },
];

const FUNCTIONS = ['Społeczny inspektor pracy', 'Koordynator ds. BHP', 'Ratownik przedsiębiorstwa', 'Członek komisji socjalnej'];
const TERMINATION_REASONS = [
  'Rozwiązanie umowy za porozumieniem stron', 'Wypowiedzenie umowy przez pracownika',
  'Wypowiedzenie umowy przez pracodawcę', 'Upływ czasu, na który umowa była zawarta',
];

interface TrainingDef { nazwa: string; validYears: number; teams: string[] | 'all' | 'random' }
const TRAININGS: TrainingDef[] = [
  { nazwa: 'Szkolenie okresowe BHP', validYears: 3, teams: 'all' },
  { nazwa: 'Uprawnienia SEP E do 1 kV', validYears: 5, teams: ['UTRZYMANIE_RUCHU'] },
  { nazwa: 'Uprawnienia UDT – wózki jezdniowe podnośnikowe', validYears: 5, teams: ['MAGAZYN', 'TRANSPORT'] },
  { nazwa: 'Certyfikat spawacza metodą TIG (141)', validYears: 2, teams: ['SPAWALNIA'] },
  { nazwa: 'Prawo jazdy kat. C+E z kwalifikacją wstępną', validYears: 5, teams: ['TRANSPORT'] },
  { nazwa: 'Certyfikat ISTQB Foundation Level', validYears: 10, teams: ['IT_ROZWOJ'] },
  { nazwa: 'Szkolenie z pierwszej pomocy przedmedycznej', validYears: 3, teams: 'random' },
  { nazwa: 'Język niemiecki – poziom B2', validYears: 10, teams: ['EKSPORT'] },
];

const PROJECT_NAMES = [
  'Wdrożenie systemu MES', 'Modernizacja linii montażowej', 'Aplikacja mobilna dla klientów',
  'Ekspansja na rynek niemiecki', 'Certyfikacja ISO 9001:2015', 'Migracja do chmury',
  'Nowa hala magazynowa w Łodzi', 'Portal dla dystrybutorów', 'Elektroniczny obieg dokumentów',
  'Automatyzacja lakierni', 'Program lojalnościowy „Złoty Klient”', 'Integracja z systemem WMS',
];

// ---------------------------------------------------------------- model types

export interface Period {
  /** first and last day of work time (the last is "today" of the demo) */
  start: number; end: number;
  /** the work plan reaches a month past the end */
  planEnd: number;
  /** absences and limits cover whole calendar years; calendars cover those years and the plan */
  historyStart: number; calStart: number; calEnd: number;
  /** getdate() of the demo: the morning after the last day */
  now: string;
}

export interface Department {
  id: number; kod: string; nazwa: string; parentId: number | null; level: number; leaf: boolean;
  path: string; symbol: string; division: DivisionDef; team: string | null; centreId: number;
}

export interface Centre { id: number; kod: string; nazwa: string; parentId: number | null; level: number; leaf: boolean; path: string }

export interface DkmEntry { id: number; kind: number; nazwa: string; blueCollar: boolean }

export interface Project { id: number; kod: string; nazwa: string; parentId: number | null; level: number; opened: number; closed: number | null }

export interface EtatRecord {
  od: number; do: number; dept: Department; kind: WorkKind;
  /** office staff and fixed-shift workers follow this calendar; rotating crews follow a plan */
  calendarId: number; rotating: boolean; positionId: number;
  functionId: number | null; surname: string; salary: number; etatL: number; etatM: number;
  terminationReasonId: number | null; contractType: string; createdAt: number;
}

export interface Absence {
  typeId: number; od: number; do: number; fullDay: boolean; minutes: number; workingDays: number;
  calendarDays: number; onDemand: boolean; note: string; substituteId: number | null;
  sickSeries: string; sickNumber: string; viaEPracownik: boolean; enteredAt: number;
}

export interface Employee {
  praId: number; kod: string; female: boolean; firstName: string; secondName: string;
  birthSurname: string; birthDay: number; pesel: string; email: string; phone: string; room: string;
  city: City; street: string; houseNo: string; idCard: string; motherName: string; fatherName: string;
  motherMaidenName: string;
  hire: number; leave: number | null; records: EtatRecord[]; shiftOffset: number; hasChildren: boolean;
  monthlySummary: boolean; absences: Absence[];
  /** per day from period.historyStart: 0 present, 1 absent all day, 2 absent part of the day */
  dayStatus: Uint8Array; partMinutes: Uint16Array;
  superiorName: string;
}

export interface Manager { centreId: number; praId: number; od: number; do: number | null }

export interface Limit {
  praId: number; limitId: number; year: number; od: number; do: number; validFrom: number;
  dueDays: number; carriedDays: number; usedMinutes: number; usedDays: number; closed: boolean;
}

export interface Contract {
  praId: number; deptId: number; od: number; do: number; signed: number; kind: 'Umowa zlecenia' | 'Umowa o dzieło';
  subject: string; amount: number; hourlyRate: number; numberString: string; number: number;
}

export interface Trip {
  praId: number; od: number; do: number; documentDay: number; settledDay: number | null; city: string;
  abroad: boolean; currency: string; rate: number; amountForeign: number; amountPln: number;
  purpose: string; numberString: string; number: number;
}

export interface Qualification { praId: number; dkmId: number; nazwa: string; od: number; do: number; expires: number }

export interface Firm {
  seed: number; period: Period; holidays: Map<number, string>;
  departments: Department[]; centres: Centre[]; dkm: DkmEntry[]; projects: Project[];
  employees: Employee[]; managers: Manager[]; limits: Limit[]; contracts: Contract[]; trips: Trip[];
  qualifications: Qualification[];
  isWorkingDay(day: number): boolean;
  dayType(day: number): 1 | 2 | 3;
}

// ---------------------------------------------------------------- building

export function buildFirm(opts: FirmOptions): Firm {
  if (!Number.isInteger(opts.employees) || opts.employees < 1) throw new Error('employees must be a positive integer');
  if (!Number.isInteger(opts.years) || opts.years < 1) throw new Error('years must be a positive integer');
  if (!Number.isSafeInteger(opts.seed)) throw new Error('seed must be an integer');
  const end = dayOf(opts.endDate);
  const start = addYears(end, -opts.years) + 1;
  const planEnd = end + 31;
  const historyStart = dayFromParts(yearOf(start), 1, 1);
  const calEnd = dayFromParts(yearOf(planEnd), 12, 31);
  const period: Period = { start, end, planEnd, historyStart, calStart: historyStart, calEnd, now: ts(end + 1, 8 * 60) };

  const holidays = new Map<number, string>();
  for (let y = yearOf(period.calStart); y <= yearOf(period.calEnd); y++) {
    for (const [d, name] of polishHolidays(y)) holidays.set(d, name);
  }
  const isWorkingDay = (day: number) => weekdayOf(day) < 5 && !holidays.has(day);
  const dayType = (day: number): 1 | 2 | 3 => (holidays.has(day) ? 3 : weekdayOf(day) >= 5 ? 2 : 1);

  const rng = new Rng(opts.seed, 1);
  const { departments, centres } = buildStructure(opts.employees);
  const dkm = buildDkm();
  const projects = buildProjects(rng, opts.employees, period);
  const firm: Firm = {
    seed: opts.seed, period, holidays, departments, centres, dkm, projects, employees: [], managers: [],
    limits: [], contracts: [], trips: [], qualifications: [], isWorkingDay, dayType,
  };
  firm.employees = buildEmployees(firm, opts);
  firm.managers = buildManagers(firm, new Rng(opts.seed, 2));
  for (const e of firm.employees) buildAbsences(firm, e, new Rng(opts.seed, 202, e.praId));
  ensureVariety(firm);
  firm.limits = firm.employees.flatMap((e) => limitsOf(firm, e));
  firm.contracts = buildContracts(firm, opts.seed);
  firm.trips = buildTrips(firm, opts.seed);
  firm.qualifications = firm.employees.flatMap((e) => qualificationsOf(firm, e, new Rng(opts.seed, 505, e.praId)));
  return firm;
}

function buildStructure(employees: number): { departments: Department[]; centres: Centre[] } {
  // Centres follow the departments down to divisions, and to teams only on the shop floor, so
  // a centre's id is not simply its department's id.
  const centres: Centre[] = [];
  const addCentre = (kod: string, nazwa: string, parent: Centre | null, leaf: boolean): Centre => {
    const c: Centre = {
      id: centres.length + 1, kod, nazwa, parentId: parent?.id ?? null, level: parent ? parent.level + 1 : 0, leaf,
      path: parent ? `${parent.path}/${nazwa}` : nazwa,
    };
    centres.push(c);
    return c;
  };
  const rootCentre = addCentre('CENTRALA', 'Centrala – Demo Firma', null, false);

  const departments: Department[] = [];
  const addDept = (kod: string, nazwa: string, parent: Department | null, division: DivisionDef, team: string | null, centreId: number): Department => {
    const d: Department = {
      id: departments.length + 1, kod, nazwa, parentId: parent?.id ?? null, level: parent ? parent.level + 1 : 0,
      leaf: true, path: parent ? `${parent.path}/${nazwa}` : nazwa, symbol: kod.replace(/_/g, '').slice(0, 5),
      division, team, centreId,
    };
    if (parent) parent.leaf = false;
    departments.push(d);
    return d;
  };
  const root = addDept('FIRMA', 'Demo Firma Sp. z o.o.', null, DIVISIONS[0]!, null, rootCentre.id);
  // Montage grows in lines with the firm, so a large firm has a deeper tree.
  const montageLines = Math.max(1, Math.round(employees / 250));
  for (const div of DIVISIONS) {
    const shopFloor = div.kind !== 'office';
    const divCentre = addCentre(`C_${div.kod}`, `Pion: ${div.nazwa}`, rootCentre, !shopFloor);
    const divDept = addDept(div.kod, div.nazwa, root, div, null, divCentre.id);
    for (const [kod, nazwa] of div.teams) {
      const teamCentre = shopFloor ? addCentre(`C_${kod}`, nazwa, divCentre, true) : divCentre;
      const team = addDept(kod, nazwa, divDept, div, kod, teamCentre.id);
      if (kod === 'MONTAZ' && montageLines > 1) {
        for (let l = 1; l <= montageLines; l++) addDept(`MONTAZ_L${l}`, `Montaż – linia ${l}`, team, div, kod, teamCentre.id);
      }
    }
  }
  return { departments, centres };
}

function buildDkm(): DkmEntry[] {
  const out: DkmEntry[] = [];
  const add = (kind: number, nazwa: string, blueCollar = false) => {
    if (!out.some((d) => d.kind === kind && d.nazwa === nazwa)) out.push({ id: out.length + 1, kind, nazwa, blueCollar });
  };
  add(DKM_KIND.position, 'Prezes zarządu');
  for (const div of DIVISIONS) {
    for (const p of div.positions) add(DKM_KIND.position, p, div.kind !== 'office');
    add(DKM_KIND.position, div.manager, div.kind !== 'office');
  }
  for (const f of FUNCTIONS) add(DKM_KIND.function, f);
  for (const r of TERMINATION_REASONS) add(DKM_KIND.terminationReason, r);
  for (const t of TRAININGS) add(DKM_KIND.training, t.nazwa);
  return out;
}

function dkmId(firm: { dkm: DkmEntry[] }, kind: number, nazwa: string): number {
  const d = firm.dkm.find((x) => x.kind === kind && x.nazwa === nazwa);
  if (!d) throw new Error(`no DaneKadMod entry ${kind}/${nazwa}`);
  return d.id;
}

function buildProjects(rng: Rng, employees: number, period: Period): Project[] {
  const projects: Project[] = [{ id: 1, kod: 'OGOLNE', nazwa: 'Koszty ogólne', parentId: null, level: 0, opened: dayOf('2010-01-04'), closed: null }];
  const count = Math.max(4, Math.ceil(employees / 40));
  const span = period.end - period.start;
  for (let i = 0; i < count; i++) {
    const opened = period.start - 180 + rng.int(0, Math.max(1, span));
    const closed = rng.chance(0.4) ? opened + rng.int(120, 540) : null;
    const year = yearOf(opened);
    const base = PROJECT_NAMES[i % PROJECT_NAMES.length]!;
    const round = Math.floor(i / PROJECT_NAMES.length);
    projects.push({
      id: projects.length + 1, kod: `PRJ/${year}/${String(i + 1).padStart(3, '0')}`,
      nazwa: round ? `${base} – etap ${round + 1}` : base, parentId: 1, level: 1, opened,
      closed: closed !== null && closed < period.end ? closed : null,
    });
  }
  return projects;
}

function firstWorkingDayFrom(firm: Pick<Firm, 'isWorkingDay'>, day: number): number {
  let d = day;
  while (!firm.isWorkingDay(d)) d++;
  return d;
}

function pesel(birth: number, female: boolean, serial: number): string {
  const { year, month, day } = partsOf(birth);
  const m = month + (year >= 2000 ? 20 : 0);
  const digits = [
    Math.floor((year % 100) / 10), year % 10, Math.floor(m / 10), m % 10, Math.floor(day / 10), day % 10,
    Math.floor(serial / 100) % 10, Math.floor(serial / 10) % 10, serial % 10,
  ];
  digits.push(female ? (serial % 5) * 2 : (serial % 5) * 2 + 1);
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = digits.reduce((s, d, i) => s + d * weights[i]!, 0);
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('');
}

/** Gross monthly pay in PLN; the 2026 minimum wage is 4806. */
function salaryFor(rng: Rng, kind: WorkKind): number {
  return Math.round((kind === 'office' ? rng.int(6500, 14000) : rng.int(4900, 7800)) / 50) * 50;
}

function teamsWeighted(firm: Firm): [Department, number][] {
  const leaves = firm.departments.filter((d) => d.leaf && d.team !== null);
  return leaves.map((d) => [d, d.division.weight / leaves.filter((x) => x.division === d.division).length]);
}

function buildEmployees(firm: Firm, opts: FirmOptions): Employee[] {
  const { period } = firm;
  const weighted = teamsWeighted(firm);
  const usedEmails = new Set<string>();
  const out: Employee[] = [];
  for (let i = 0; i < opts.employees; i++) {
    const rng = new Rng(opts.seed, 101, i);
    const praId = i + 1;
    const ceo = i === 0;
    const female = !ceo && rng.chance(0.45);
    const firstName = ceo ? 'Grzegorz' : rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const secondName = rng.chance(0.6) ? rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES) : '';
    const birthSurname = ceo ? 'Brzęczyszczykiewicz' : surnameFor(rng.pick(SURNAMES), female);
    // Employee 1 is the CEO and employee 2 works rotating shifts in montage, so that even a
    // tiny firm has an office calendar, a work plan and night shifts.
    const dept = ceo ? firm.departments.find((d) => d.kod === 'SEKRETARIAT')!
      : i === 1 ? firm.departments.find((d) => d.leaf && d.team === 'MONTAZ')! : rng.weighted(weighted);

    let hire: number;
    if (ceo) hire = dayOf('2008-03-03');
    else if (rng.chance(0.12)) hire = period.start + rng.int(0, Math.max(0, period.end - 45 - period.start));
    else hire = period.start - rng.int(20, 365 * 15);
    hire = firstWorkingDayFrom(firm, hire);
    const birthDay = hire - rng.int(19 * 365, 50 * 365);
    let leave: number | null = null;
    const activeFrom = Math.max(hire, period.start);
    if (!ceo && rng.chance(0.07) && period.end - 30 - (activeFrom + 30) > 0) leave = rng.int(activeFrom + 30, period.end - 30);

    const kind = dept.division.kind;
    const positions = dept.division.positions;
    const first: EtatRecord = {
      od: hire, do: OPEN_END, dept, kind, ...(i === 1 ? { calendarId: 2, rotating: true } : schedule(rng, kind)),
      positionId: dkmId(firm, DKM_KIND.position, ceo ? 'Prezes zarządu' : rng.pick(positions)),
      functionId: !ceo && rng.chance(0.05) ? dkmId(firm, DKM_KIND.function, rng.pick(FUNCTIONS)) : null,
      surname: birthSurname, salary: ceo ? 28000 : salaryFor(rng, kind), etatL: 1, etatM: rng.chance(0.06) ? 2 : 1,
      terminationReasonId: null,
      contractType: rng.chance(0.8) ? 'Umowa na czas nieokreślony' : 'Umowa na czas określony',
      createdAt: hire - rng.int(1, 10),
    };
    const records = [first];
    if (!ceo) addHistory(firm, rng, records, hire, leave, female, weighted);
    if (leave !== null) {
      const last = records[records.length - 1]!;
      last.terminationReasonId = dkmId(firm, DKM_KIND.terminationReason, rng.pick(TERMINATION_REASONS));
    }

    const city = rng.chance(0.55) ? CITIES[0]! : rng.pick(CITIES);
    let email = `${asciiOf(firstName)}.${asciiOf(birthSurname)}`.toLowerCase().replace(/[^a-z.]/g, '');
    for (let n = 2; usedEmails.has(email); n++) email = `${asciiOf(firstName)}.${asciiOf(birthSurname)}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    usedEmails.add(email);
    const historyLength = period.end - period.historyStart + 1;
    out.push({
      praId, kod: `P${String(praId).padStart(4, '0')}`, female, firstName, secondName, birthSurname, birthDay,
      pesel: pesel(birthDay, female, rng.int(0, 999)), email: `${email}@demofirma.pl`,
      phone: `${rng.pick(['501', '602', '693', '724', '795', '888'])} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
      room: kind === 'office' ? `${rng.int(1, 3)}.${String(rng.int(1, 40)).padStart(2, '0')}` : '',
      city, street: rng.pick(STREETS), houseNo: String(rng.int(1, 120)) + (rng.chance(0.15) ? rng.pick(['a', 'b', 'c']) : ''),
      idCard: `${String.fromCharCode(65 + rng.int(0, 25), 65 + rng.int(0, 25), 65 + rng.int(0, 25))}${rng.int(100000, 999999)}`,
      motherName: rng.pick(FEMALE_FIRST_NAMES), fatherName: rng.pick(MALE_FIRST_NAMES),
      motherMaidenName: surnameFor(rng.pick(SURNAMES), true),
      hire, leave, records, shiftOffset: rng.int(0, 2), hasChildren: rng.chance(0.4),
      monthlySummary: kind !== 'office' || rng.chance(0.15), absences: [],
      dayStatus: new Uint8Array(historyLength), partMinutes: new Uint16Array(historyLength), superiorName: '',
    });
  }
  return out;
}

/** Splits an employee's history into 1–4 records: transfers, promotions, raises, a new surname. */
function addHistory(firm: Firm, rng: Rng, records: EtatRecord[], hire: number, leave: number | null, female: boolean, weighted: [Department, number][]): void {
  const changes = rng.weighted([[0, 60], [1, 25], [2, 10], [3, 5]] as const);
  const lo = Math.max(hire + 60, firm.period.start - 2 * 365);
  const hi = (leave ?? firm.period.end) - 10;
  if (changes === 0 || hi - lo < 30 * changes) return;
  const days = new Set<number>();
  while (days.size < changes) days.add(firstWorkingDayFrom(firm, rng.int(lo, hi)));
  let married = false;
  for (const day of [...days].sort((a, b) => a - b)) {
    const prev = records[records.length - 1]!;
    if (day <= prev.od) continue;
    const next: EtatRecord = { ...prev, od: day, do: OPEN_END, createdAt: day - rng.int(0, 14) };
    const change = rng.weighted([['transfer', 35], ['promotion', 25], ['raise', 25], ['surname', 15]] as const);
    if (change === 'surname' && female && !married) {
      next.surname = surnameFor(rng.pick(SURNAMES), true);
      married = true;
    } else if (change === 'transfer') {
      const sameDivision = firm.departments.filter((d) => d.leaf && d.division === prev.dept.division && d !== prev.dept);
      next.dept = sameDivision.length && rng.chance(0.7) ? rng.pick(sameDivision) : rng.weighted(weighted);
      next.kind = next.dept.division.kind;
      if (next.kind !== prev.kind) Object.assign(next, schedule(rng, next.kind));
      if (next.dept.division !== prev.dept.division) {
        next.positionId = dkmId(firm, DKM_KIND.position, rng.pick(next.dept.division.positions));
      }
    } else if (change === 'promotion') {
      next.positionId = dkmId(firm, DKM_KIND.position, rng.pick(prev.dept.division.positions));
      next.salary = Math.round((prev.salary * (1.08 + rng.next() * 0.12)) / 50) * 50;
      next.contractType = 'Umowa na czas nieokreślony';
    } else {
      next.salary = Math.round((prev.salary * (1.03 + rng.next() * 0.07)) / 50) * 50;
      if (prev.etatM === 2 && rng.chance(0.5)) next.etatM = 1;
    }
    prev.do = day - 1;
    records.push(next);
  }
}

function buildManagers(firm: Firm, rng: Rng): Manager[] {
  const managers: Manager[] = [];
  const active = firm.employees.filter((e) => e.leave === null);
  const currentCentre = (e: Employee) => e.records[e.records.length - 1]!.dept.centreId;
  const inSubtree = (centreId: number, root: number): boolean => {
    for (let c: number | null = centreId; c !== null; c = firm.centres[c - 1]!.parentId) if (c === root) return true;
    return false;
  };
  const since = dayOf('2015-01-02');
  for (const centre of firm.centres) {
    const candidates = centre.parentId === null
      ? active.filter((e) => e.praId === 1)
      : active.filter((e) => e.praId !== 1 && inSubtree(currentCentre(e), centre.id)).sort((a, b) => a.hire - b.hire || a.praId - b.praId);
    const current = candidates[0];
    if (!current) continue;
    const previous = candidates[1];
    if (previous && rng.chance(0.3)) {
      const change = rng.int(firm.period.start, firm.period.end - 30);
      managers.push({ centreId: centre.id, praId: previous.praId, od: Math.max(since, previous.hire), do: change - 1 });
      managers.push({ centreId: centre.id, praId: current.praId, od: change, do: null });
    } else {
      managers.push({ centreId: centre.id, praId: current.praId, od: Math.max(since, current.hire), do: null });
    }
  }
  const name = (e: Employee) => `${e.firstName} ${e.records[e.records.length - 1]!.surname}`;
  for (const e of firm.employees) {
    let boss: Manager | undefined;
    for (let c: number | null = currentCentre(e); c !== null && !boss; c = firm.centres[c - 1]!.parentId) {
      boss = managers.find((m) => m.centreId === c && m.do === null && m.praId !== e.praId);
    }
    e.superiorName = boss && e.praId !== 1 ? name(firm.employees[boss.praId - 1]!) : '';
  }
  return managers;
}

// ---------------------------------------------------------------- absences

/** Annual leave due in a year: 20 days, or 26 after ten years of service (approximated by age),
 * prorated by the months employed in that year. */
function vacationDue(e: Employee, year: number): number {
  const full = year - partsOf(e.birthDay).year >= 28 ? 26 : 20;
  const from = Math.max(e.hire, dayFromParts(year, 1, 1));
  const to = Math.min(e.leave ?? dayFromParts(year, 12, 31), dayFromParts(year, 12, 31));
  if (to < from) return 0;
  const months = partsOf(to).month - partsOf(from).month + 1;
  return Math.ceil((full * months) / 12);
}

function buildAbsences(firm: Firm, e: Employee, rng: Rng): void {
  const { period } = firm;
  const base = period.historyStart;
  const status = e.dayStatus;
  const free = (d: number) => status[d - base] === 0;
  const mark = (from: number, to: number, value: number) => { for (let d = from; d <= to; d++) status[d - base] = value; };

  const add = (typeId: number, od: number, to: number, extra: Partial<Absence> = {}) => {
    const viaEPracownik = (typeId === ABSENCE.vacation || typeId === ABSENCE.onDemand || typeId === ABSENCE.childCare) && rng.chance(0.25);
    const enteredAt = typeId === ABSENCE.sick ? od + rng.int(0, 3) : typeId === ABSENCE.onDemand ? od : od - rng.int(2, 30);
    e.absences.push({
      typeId, od, do: to, fullDay: true, minutes: 0, workingDays: countWorkingDays(firm, od, to), calendarDays: to - od + 1,
      onDemand: typeId === ABSENCE.onDemand, note: '', substituteId: null, sickSeries: '', sickNumber: '',
      viaEPracownik, enteredAt: Math.min(enteredAt, period.end), ...extra,
    });
  };

  /** A run of `workingDays` working days (weekends inside it included) on free days in [a, b]. */
  const placeWorking = (a: number, b: number, workingDays: number): [number, number] | null => {
    for (let attempt = 0; attempt < 25; attempt++) {
      const s = rng.int(a, b);
      if (!firm.isWorkingDay(s) || !free(s)) continue;
      let n = 0;
      let d = s;
      for (; d <= b && free(d); d++) if (firm.isWorkingDay(d) && ++n === workingDays) break;
      if (n === workingDays) return [s, d];
    }
    return null;
  };
  const placeCalendar = (a: number, b: number, days: number): [number, number] | null => {
    for (let attempt = 0; attempt < 25; attempt++) {
      const s = rng.int(a, b);
      const t = Math.min(b, s + days - 1);
      let ok = true;
      for (let d = s; d <= t && ok; d++) ok = free(d);
      if (ok) return [s, t];
    }
    return null;
  };

  const colleagues = (od: number) => firm.employees.filter((x) => x !== e && x.hire <= od && (x.leave ?? OPEN_END) >= od
    && x.records[x.records.length - 1]!.dept.division === e.records[e.records.length - 1]!.dept.division);

  for (let year = yearOf(period.historyStart); year <= yearOf(period.end); year++) {
    const a = Math.max(e.hire, dayFromParts(year, 1, 1));
    const b = Math.min(e.leave ?? period.end, period.end, dayFromParts(year, 12, 31));
    if (b - a < 5) continue;
    const share = (b - a + 1) / 365;

    if (e.female && year - partsOf(e.birthDay).year < 40 && rng.chance(0.015) && b - a > 150) {
      const s = rng.int(a, b - 140);
      if (placeCalendar(s, s, 1)) {
        mark(s, s + 139, 1);
        add(ABSENCE.maternity, s, s + 139);
      }
    }
    const sickSpells = rng.chance(0.45 * share) ? rng.int(1, 3) : 0;
    for (let k = 0; k < sickSpells; k++) {
      const len = rng.weighted([[2, 20], [3, 25], [5, 25], [7, 15], [14, 10], [30, 5]] as const);
      const p = placeCalendar(a, b, len);
      if (!p) continue;
      mark(p[0], p[1], 1);
      add(ABSENCE.sick, p[0], p[1], { sickSeries: rng.pick(['ZY', 'ZX', 'ZZ']), sickNumber: String(rng.int(1000000, 9999999)) });
    }

    const due = vacationDue(e, year);
    const yearFraction = year === yearOf(period.end) ? (period.end - dayFromParts(year, 1, 1) + 1) / 365 : 1;
    let vacationLeft = Math.round(due * yearFraction * (0.7 + rng.next() * 0.3));
    const onDemand = Math.min(rng.weighted([[0, 55], [1, 25], [2, 15], [4, 5]] as const), vacationLeft);
    for (let k = 0; k < onDemand; k++) {
      const p = placeWorking(a, b, 1);
      if (!p) continue;
      mark(p[0], p[1], 1);
      add(ABSENCE.onDemand, p[0], p[1]);
      vacationLeft--;
    }
    // The summer fortnight first, then shorter leaves through the year.
    const julyFirst = dayFromParts(year, 7, 1);
    const augustEnd = dayFromParts(year, 8, 31);
    for (let attempt = 0; vacationLeft > 0 && attempt < 30; attempt++) {
      const summer = attempt === 0 && a <= augustEnd - 14 && b >= julyFirst + 14;
      const len = Math.min(vacationLeft, summer ? rng.int(5, 10) : rng.weighted([[1, 30], [2, 20], [3, 15], [5, 25], [8, 10]] as const));
      const p = summer ? placeWorking(Math.max(a, julyFirst), Math.min(b, augustEnd), len) : placeWorking(a, b, len);
      if (!p) continue;
      mark(p[0], p[1], 1);
      const team = len >= 3 && rng.chance(0.5) ? colleagues(p[0]) : [];
      add(ABSENCE.vacation, p[0], p[1], { substituteId: team.length ? rng.pick(team).praId : null });
      vacationLeft -= len;
    }

    const single = (typeId: number, p: number, days: number, note = '') => {
      if (!rng.chance(p * share)) return;
      const q = placeWorking(a, b, days);
      if (!q) return;
      mark(q[0], q[1], 1);
      add(typeId, q[0], q[1], { note });
    };
    single(ABSENCE.occasional, 0.12, rng.int(1, 2), rng.pick(OCCASIONAL_LEAVE_REASONS));
    const careBefore = e.absences.length;
    if (e.hasChildren) single(ABSENCE.childCare, 0.5, 1);
    // Childcare (art. 188) is 2 days or 16 hours a year; part days below must fit in what is left.
    let careMinutesLeft = e.absences.length > careBefore ? 480 : 960;
    single(ABSENCE.carer, 0.04, rng.int(1, 3), 'Opieka nad chorym rodzicem');
    single(ABSENCE.unpaid, 0.03, rng.int(1, 5), 'Na wniosek pracownika');
    single(ABSENCE.unexcused, 0.01, 1);

    // Part-day absences: a few hours of force majeure or childcare, the rest of the day worked.
    const partDays = rng.weighted([[0, 35], [1, 35], [2, 20], [3, 10]] as const);
    for (let k = 0; k < partDays; k++) {
      const q = placeWorking(a, b, 1);
      if (!q) continue;
      const minutes = rng.int(1, 4) * 60;
      status[q[0] - base] = 2;
      e.partMinutes[q[0] - base] = minutes;
      const care = e.hasChildren && rng.chance(0.5) && minutes <= careMinutesLeft;
      if (care) careMinutesLeft -= minutes;
      const typeId = care ? ABSENCE.childCare : ABSENCE.forceMajeure;
      add(typeId, q[0], q[0], { fullDay: false, minutes, workingDays: 0, note: typeId === ABSENCE.forceMajeure ? 'Pilne sprawy rodzinne' : '' });
    }
  }
  e.absences.sort((x, y) => x.od - y.od || x.typeId - y.typeId);
}

function countWorkingDays(firm: Pick<Firm, 'isWorkingDay'>, from: number, to: number): number {
  let n = 0;
  for (let d = from; d <= to; d++) if (firm.isWorkingDay(d)) n++;
  return n;
}

/** Makes sure even a tiny firm shows each case the demo and the tests rely on. */
function ensureVariety(firm: Firm): void {
  const { employees, period } = firm;
  if (employees.length < 3) return;
  if (!employees.some((e) => e.leave !== null)) {
    const e = employees[employees.length - 1]!;
    const from = Math.max(e.hire, period.start);
    if (period.end - 30 - from > 30) {
      e.leave = from + Math.floor((period.end - 30 - from) / 2);
      const last = e.records[e.records.length - 1]!;
      last.terminationReasonId = dkmId(firm, DKM_KIND.terminationReason, TERMINATION_REASONS[0]!);
      const leave = e.leave;
      e.absences = e.absences.filter((a) => a.od <= leave);
      for (const a of e.absences.filter((x) => x.do > leave)) {
        a.do = leave;
        a.workingDays = countWorkingDays(firm, a.od, a.do);
        a.calendarDays = a.do - a.od + 1;
      }
      const cut = e.leave - period.historyStart + 1;
      e.dayStatus.fill(0, cut);
      e.partMinutes.fill(0, cut);
      firm.managers = firm.managers.filter((m) => m.praId !== e.praId);
    }
  }
  if (!employees.some((e) => e.absences.some((a) => !a.fullDay))) {
    const e = employees[1]!;
    for (let d = Math.max(e.hire, period.start); d <= Math.min(e.leave ?? period.end, period.end); d++) {
      const i = d - period.historyStart;
      if (!firm.isWorkingDay(d) || e.dayStatus[i] !== 0) continue;
      e.dayStatus[i] = 2;
      e.partMinutes[i] = 120;
      e.absences.push({
        typeId: ABSENCE.forceMajeure, od: d, do: d, fullDay: false, minutes: 120, workingDays: 0, calendarDays: 1,
        onDemand: false, note: 'Pilne sprawy rodzinne', substituteId: null, sickSeries: '', sickNumber: '', viaEPracownik: false, enteredAt: d,
      });
      e.absences.sort((x, y) => x.od - y.od || x.typeId - y.typeId);
      break;
    }
  }
  if (!employees.some((e) => e.records.length > 1)) {
    const e = employees[1]!;
    const last = e.records[e.records.length - 1]!;
    const day = firstWorkingDayFrom(firm, Math.max(last.od + 30, period.start + Math.floor((period.end - period.start) / 2)));
    if (day < (e.leave ?? period.end)) {
      e.records.push({ ...last, od: day, do: OPEN_END, salary: last.salary + 500, createdAt: day - 3 });
      last.do = day - 1;
      last.terminationReasonId = null;
    }
  }
}

function limitsOf(firm: Firm, e: Employee): Limit[] {
  const out: Limit[] = [];
  const { period } = firm;
  for (let year = yearOf(period.historyStart); year <= yearOf(period.end); year++) {
    const od = dayFromParts(year, 1, 1);
    const to = dayFromParts(year, 12, 31);
    if (e.hire > to || (e.leave !== null && e.leave < od)) continue;
    const validFrom = Math.max(od, e.hire);
    const inYear = e.absences.filter((a) => yearOf(a.od) === year);
    const used = (typeIds: number[]) => inYear.filter((a) => typeIds.includes(a.typeId))
      .reduce((s, a) => s + (a.fullDay ? a.workingDays * 480 : a.minutes), 0);
    const closed = year < yearOf(period.end);
    const carried = year > yearOf(e.hire) && hash32(firm.seed, e.praId, year) % 3 === 0 ? 1 + (hash32(firm.seed, e.praId, year, 1) % 6) : 0;
    const push = (limitId: number, dueDays: number, usedMinutes: number, carriedDays = 0) => out.push({
      praId: e.praId, limitId, year, od, do: to, validFrom, dueDays, carriedDays, usedMinutes, usedDays: usedMinutes / 480, closed,
    });
    push(LIMIT.vacation, vacationDue(e, year), used([ABSENCE.vacation, ABSENCE.onDemand]), carried);
    push(LIMIT.onDemand, 4, used([ABSENCE.onDemand]));
    if (e.hasChildren) push(LIMIT.childCare, 2, used([ABSENCE.childCare]));
    push(LIMIT.forceMajeure, 2, used([ABSENCE.forceMajeure]));
    if (inYear.some((a) => a.typeId === ABSENCE.carer)) push(LIMIT.carer, 5, used([ABSENCE.carer]));
  }
  return out;
}

// ---------------------------------------------------------------- contracts, trips, qualifications

function activeWindow(firm: Firm, e: Employee): [number, number] {
  return [Math.max(e.hire, firm.period.start), Math.min(e.leave ?? firm.period.end, firm.period.end)];
}

function buildContracts(firm: Firm, seed: number): Contract[] {
  const out: Contract[] = [];
  for (const e of firm.employees) {
    const rng = new Rng(seed, 303, e.praId);
    if (!rng.chance(0.07) && e.praId !== 2) continue;
    const [a, b] = activeWindow(firm, e);
    if (b - a < 40) continue;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const od = rng.int(a, b - 30);
      const dzielo = rng.chance(0.3);
      out.push({
        praId: e.praId, deptId: e.records[e.records.length - 1]!.dept.id, od, do: od + rng.int(14, 90), signed: od - rng.int(1, 10),
        kind: dzielo ? 'Umowa o dzieło' : 'Umowa zlecenia', subject: rng.pick(CONTRACT_SUBJECTS),
        amount: rng.int(12, 240) * 50, hourlyRate: dzielo ? 0 : 31.4 + rng.int(0, 40), numberString: '', number: 0,
      });
    }
  }
  numberByYear(out, (c) => c.signed, (c, year) => `UCP/@numer/${year}`);
  return out;
}

function buildTrips(firm: Firm, seed: number): Trip[] {
  const out: Trip[] = [];
  for (const e of firm.employees) {
    const rng = new Rng(seed, 404, e.praId);
    const [a, b] = activeWindow(firm, e);
    if (b - a < 10) continue;
    const rate = e.records[e.records.length - 1]!.dept.division.tripsPerYear;
    const count = Math.round(rate * ((b - a + 1) / 365) * (0.5 + rng.next()));
    for (let placed = 0, attempt = 0; placed < count && attempt < 5 * count; attempt++) {
      const od = rng.int(a, b - 5);
      if (!firm.isWorkingDay(od) || e.dayStatus[od - firm.period.historyStart] !== 0) continue;
      placed++;
      const to = od + rng.int(0, 3);
      const dest = rng.pick(TRIP_DESTINATIONS);
      const days = to - od + 1;
      const foreign = dest.abroad ? Math.round((days * 49 + rng.int(100, 900)) * 100) / 100 : 0;
      const rateToPln = dest.abroad ? dest.rate : 1;
      const settled = to + rng.int(2, 14);
      out.push({
        praId: e.praId, od, do: to, documentDay: od - rng.int(2, 10), settledDay: settled <= firm.period.end ? settled : null,
        city: dest.city, abroad: dest.abroad, currency: dest.abroad ? dest.currency : 'PLN', rate: rateToPln,
        amountForeign: foreign, amountPln: dest.abroad ? Math.round(foreign * rateToPln * 100) / 100 : days * 45 + rng.int(50, 600),
        purpose: rng.pick(TRIP_PURPOSES), numberString: '', number: 0,
      });
    }
  }
  numberByYear(out, (t) => t.documentDay, (t, year) => (t.abroad ? `DEL/Z/@numer/${year}` : `DEL/@numer/${year}`));
  return out;
}

/** Optima numbers documents per series: 'UCP/@numer/2025' with 1, 2, 3 … in date order. */
function numberByYear<T extends { praId: number; numberString: string; number: number }>(
  docs: T[], dateOf: (d: T) => number, series: (d: T, year: number) => string,
): void {
  docs.sort((x, y) => dateOf(x) - dateOf(y) || x.praId - y.praId);
  const next = new Map<string, number>();
  for (const d of docs) {
    d.numberString = series(d, yearOf(dateOf(d)));
    const n = (next.get(d.numberString) ?? 0) + 1;
    next.set(d.numberString, n);
    d.number = n;
  }
}

function qualificationsOf(firm: Firm, e: Employee, rng: Rng): Qualification[] {
  const out: Qualification[] = [];
  const teams = new Set(e.records.map((r) => r.dept.team));
  for (const t of TRAININGS) {
    const applies = t.teams === 'all' || (t.teams === 'random' ? rng.chance(0.1) : t.teams.some((x) => teams.has(x)));
    if (!applies) continue;
    // The latest course taken before the end of the period, renewed every validYears.
    let od = e.hire + rng.int(0, 20);
    while (addYears(od, t.validYears) < firm.period.end - rng.int(0, 200)) od = addYears(od, t.validYears) - rng.int(0, 30);
    if (od > firm.period.end) continue;
    const to = od + rng.int(0, 4);
    out.push({ praId: e.praId, dkmId: dkmId(firm, DKM_KIND.training, t.nazwa), nazwa: t.nazwa, od, do: to, expires: addYears(to, t.validYears) });
  }
  return out;
}

export function recordOn(e: Employee, day: number): EtatRecord | null {
  for (const r of e.records) if (day >= r.od && day <= r.do) return r;
  return null;
}

export function currentRecord(e: Employee): EtatRecord {
  return e.records[e.records.length - 1]!;
}
