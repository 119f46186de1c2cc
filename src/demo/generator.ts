// The deterministic demo firm: fills an empty stand-in ERP (company and configuration
// databases) with a Polish firm's HR data. The same seed and options give the same rows, byte
// for byte; the work-time tables, most of the volume, are streamed with COPY.
import { EpsError } from '../errors.js';
import type postgres from 'postgres';
import { optimaTables } from '../catalogue/tables.js';
import { pgTable, syncIdentity, writeRows, type CopyContext, type Db, type Row } from './copy.js';
import { EMPTY_DAY, OPEN_END, dayFromParts, duration, monthEnd, monthStart, timeOfDay, ts, yearOf } from './dates.js';
import { unit } from './prng.js';
import {
  ABSENCE, ABSENCE_TYPES, CALENDARS, LIMITS, ZONE, ZONES, buildFirm, currentRecord,
  type Employee, type Firm,
} from './firm.js';
import { nightMinutes, planRanges, rangeMinutes, workRanges, type Range } from './worktime.js';

export interface DemoFirmOptions {
  employees: number;
  years: number;
  seed: number;
  /** last day of recorded work time, ISO date; default '2026-11-30' */
  endDate?: string;
  /** database name written into CDN.Bazy.Baz_Dostep and CDN.SystemCDN; default 'eps_erp_company' */
  companyDatabase?: string;
  /** configuration database name written into CDN.SystemCDN (SYS_ID 1002); default 'eps_erp_config' */
  configDatabase?: string;
  /** rows written so far: every 100,000 rows of a big table, and once when each table is done */
  onProgress?: (table: string, rows: number) => void;
}

/** Company tables in load order: every table after the ones its foreign keys point at. */
const COMPANY_TABLES = [
  'Firma', 'SystemCDN', 'DaneKadMod', 'DefinicjeStref', 'DefProjekty', 'LimitNieobec', 'TypNieobec',
  'Kalendarze', 'KalendDni', 'KalendDniGodz', 'Dzialy', 'Centra', 'PracKod', 'Pracidx', 'PracEtaty',
  'CentraKierownicy', 'PracLimit', 'PracNieobec', 'PracPlanDni', 'PracPlanDniGodz', 'PracPracaDni',
  'PracPracaDniGodz', 'PracZestaw', 'PracZestawElem', 'Umowy', 'DlgNag', 'Uprawnienia',
] as const;
const CONFIG_TABLES = ['Bazy', 'Operatorzy', 'StanowiskaKomp', 'Sync', 'MailKontaEMail'] as const;

type CompanyTable = (typeof COMPANY_TABLES)[number];
type ConfigTable = (typeof CONFIG_TABLES)[number];

/**
 * Generates the demo firm into empty stand-in databases and returns the rows written per table
 * (Optima table names, e.g. { PracKod: 1000, ... }). Both databases are written in one
 * transaction each; the company's commits only after the configuration's did.
 */
export async function seedDemoFirm(
  db: { company: postgres.Sql; config: postgres.Sql },
  opts: DemoFirmOptions,
): Promise<Record<string, number>> {
  const firm = buildFirm({ employees: opts.employees, years: opts.years, seed: opts.seed, endDate: opts.endDate ?? '2026-11-30' });
  const names = { company: opts.companyDatabase ?? 'eps_erp_company', config: opts.configDatabase ?? 'eps_erp_config' };
  const ctx: CopyContext = { seed: opts.seed, now: firm.period.now, onProgress: opts.onProgress };
  const counts: Record<string, number> = {};
  const company = companyRows(firm, names);
  const config = configRows(firm, names);

  await db.company.begin(async (tx) => {
    await refuseIfNotEmpty(tx, COMPANY_TABLES);
    for (const table of COMPANY_TABLES) {
      counts[table] = await writeRows(tx, table, company[table](), ctx);
      await syncIdentity(tx, table);
    }
    await db.config.begin(async (configTx) => {
      await refuseIfNotEmpty(configTx, CONFIG_TABLES);
      for (const table of CONFIG_TABLES) {
        counts[table] = await writeRows(configTx, table, config[table](), ctx);
        await syncIdentity(configTx, table);
      }
    });
  });
  // Fresh statistics, so the first sync does not plan its queries against empty tables.
  for (const table of COMPANY_TABLES) await db.company`ANALYZE ${db.company(pgTable(table))}`;
  return counts;
}

async function refuseIfNotEmpty(sql: Db, tables: readonly string[]): Promise<void> {
  const filled: string[] = [];
  for (const t of tables) {
    const [row] = await sql`SELECT EXISTS (SELECT 1 FROM ${sql(pgTable(t))}) AS filled`;
    if (row?.filled) filled.push(`CDN.${t}`);
  }
  if (filled.length) {
    throw new EpsError('EPS17', `The demo firm is generated only into empty stand-in tables, but ${filled.join(', ')} already hold rows.`,
      'Seed before eps install, into fresh databases (with the embedded default: delete its data folder, see README.md).');
  }
}

// ---------------------------------------------------------------- audit columns

interface Operator { id: number; kod: string; nazwisko: string }
const ADMIN: Operator = { id: 1, kod: 'ADMIN', nazwisko: 'Administrator' };
const EPRACOWNIK: Operator = { id: 2, kod: 'EPRACOWNIK', nazwisko: 'Operator e-Pracownik' };

const auditNames = new Map<string, Record<string, string | undefined>>();

/** The audit columns of a table (their spelling varies: PNB_OpeZalId, DLN_OpeZalID, OPE_OpeZalId). */
function audit(table: string, created: string, modified = created, op: Operator = ADMIN, modOp: Operator = op): Row {
  let names = auditNames.get(table);
  if (!names) {
    const t = optimaTables[table]!;
    const prefix = t.key.slice(0, t.key.indexOf('_')).toLowerCase();
    const find = (suffix: string) => t.columns.find((c) => c.name.toLowerCase() === `${prefix}_${suffix}`.toLowerCase())?.name;
    names = Object.fromEntries(['TS_Zal', 'TS_Mod', 'OpeZalId', 'OpeZalKod', 'OpeZalNazwisko', 'OpeModId', 'OpeModKod', 'OpeModNazwisko']
      .map((s) => [s, find(s)]));
    auditNames.set(table, names);
  }
  const row: Row = {};
  const set = (k: string, v: string | number) => { const n = names![k]; if (n) row[n] = v; };
  set('TS_Zal', created); set('TS_Mod', modified);
  set('OpeZalId', op.id); set('OpeZalKod', op.kod); set('OpeZalNazwisko', op.nazwisko);
  set('OpeModId', modOp.id); set('OpeModKod', modOp.kod); set('OpeModNazwisko', modOp.nazwisko);
  return row;
}

const money = (n: number) => n.toFixed(2);
const day = (d: number) => ts(d);
/** Set-up of the firm in Optima, before any of its data. */
const SETUP = ts(dayFromParts(2015, 1, 2), 9 * 60);

// ---------------------------------------------------------------- company rows

type Rows = () => Iterable<Row>;

function companyRows(firm: Firm, names: { company: string; config: string }): Record<CompanyTable, Rows> {
  const { period, employees } = firm;
  const emp = (praId: number) => employees[praId - 1]!;

  return {
    *Firma() {
      // Fir_Numer values for the firm's stamp are ours: Optima's are not public. The service
      // keeps its own rows in 9100-9199, clear of these.
      const params: [number, string, string][] = [
        [1, 'Nazwa firmy', 'Demo Firma Sp. z o.o.'], [2, 'NIP', '7822860012'], [3, 'REGON', '634567890'],
        [4, 'Ulica', 'ul. Przemysłowa 12'], [5, 'Kod pocztowy', '61-579'], [6, 'Miejscowość', 'Poznań'],
        [7, 'Województwo', 'wielkopolskie'], [8, 'Telefon', '61 123 45 67'], [9, 'E-mail', 'kadry@demofirma.pl'],
      ];
      for (const [i, [numer, opis, wartosc]] of params.entries()) yield { Fir_FirID: i + 1, Fir_Numer: numer, Fir_Opis: opis, Fir_Wartosc: wartosc };
    },

    *SystemCDN() {
      yield { SYS_ID: 1001, SYS_Wartosc: 'localhost' };
      yield { SYS_ID: 1002, SYS_Wartosc: names.config };
    },

    *DaneKadMod() {
      for (const d of firm.dkm) yield { DKM_DkmId: d.id, DKM_Rodzaj: d.kind, DKM_Nazwa: d.nazwa, DKM_Robotnicze: d.blueCollar ? 1 : 0 };
    },

    *DefinicjeStref() {
      for (const z of ZONES) {
        yield {
          DST_DstId: z.id, DST_Akronim: z.akronim, DST_Nazwa: z.nazwa, DST_Symbol: z.symbol, DST_Standardowy: 1,
          DST_UwzglCzasPracy: z.counts, DST_ProcentWynZas: money(z.percent), ...audit('DefinicjeStref', SETUP),
        };
      }
    },

    *DefProjekty() {
      for (const p of firm.projects) {
        yield {
          PRJ_PrjId: p.id, PRJ_Kod: p.kod, PRJ_Nazwa: p.nazwa, PRJ_ParentId: p.parentId, PRJ_Poziom: p.level, PRJ_Lp: p.id,
          PRJ_Symbol: p.kod.slice(0, 20), PRJ_Wezel: p.parentId ? `Koszty ogólne/${p.nazwa}`.slice(0, 255) : p.nazwa,
          PRJ_DataOtw: day(p.opened), PRJ_DataZam: p.closed === null ? null : day(p.closed), PRJ_Nieaktywny: p.closed === null ? 0 : 1,
          ...audit('DefProjekty', ts(p.opened - 3, 10 * 60), p.closed === null ? ts(p.opened - 3, 10 * 60) : ts(p.closed, 15 * 60)),
        };
      }
    },

    *LimitNieobec() {
      for (const l of LIMITS) {
        yield {
          LNB_LnbId: l.id, LNB_Nazwa: l.nazwa, LNB_Skrot: l.skrot, LNB_LiczbaDni: l.days, LNB_Godzinowy: l.hourly,
          LNB_Standardowy: 1, LNB_ZalezyOdStaz: l.id === 1 ? 1 : 0, LNB_LiczPropDoEtatu: 1, LNB_LiczPropDoZatr: l.id === 1 ? 1 : 0,
          LNB_KumNieWykorz: l.id === 1 ? 1 : 0, ...audit('LimitNieobec', SETUP),
        };
      }
    },

    *TypNieobec() {
      for (const t of ABSENCE_TYPES) {
        yield {
          TNB_TnbId: t.id, TNB_Akronim: t.akronim, TNB_Nazwa: t.nazwa, TNB_LnbId: t.limit, TNB_Typ: t.category,
          TNB_Standardowy: 1, TNB_Planowany: t.id === ABSENCE.vacation ? 1 : 0, TNB_PomnCzasPracy: 1,
          TNB_PomnLimitUrlopu: t.limit === 1 || t.id === ABSENCE.onDemand ? 1 : 0, TNB_PomniejszWynagr: t.paid ? 0 : 1,
          TNB_RozliczDni: 1, TNB_PomnStazPracy: t.id === ABSENCE.unpaid ? 1 : 0, ...audit('TypNieobec', SETUP),
        };
      }
    },

    *Kalendarze() {
      for (const c of CALENDARS) {
        yield {
          KAL_KalId: c.id, KAL_Akronim: c.akronim, KAL_Nazwa: c.nazwa.slice(0, 40), KAL_Opis: c.nazwa,
          KAL_NormaDobowa: duration(480), KAL_NormaTygodniowa: duration(40 * 60), KAL_NormaKalendarz: 1,
          KAL_NocOd: timeOfDay(22 * 60), KAL_NocDo: timeOfDay(6 * 60), KAL_NocProcent: money(20),
          KAL_Procent50: money(50), KAL_Procent100: money(100), KAL_UwzglStandSwieta: 1, ...audit('Kalendarze', SETUP),
        };
      }
    },

    *KalendDni() {
      let id = 0;
      for (const c of CALENDARS) {
        for (let d = period.calStart; d <= period.calEnd; d++) {
          const created = ts(dayFromParts(yearOf(d) - 1, 12, 15), 10 * 60);
          yield { KAD_KadId: ++id, KAD_KalId: c.id, KAD_Data: day(d), KAD_TypDnia: firm.dayType(d), ...audit('KalendDni', created) };
        }
      }
    },

    *KalendDniGodz() {
      let kadId = 0;
      let id = 0;
      for (const c of CALENDARS) {
        for (let d = period.calStart; d <= period.calEnd; d++) {
          kadId++;
          if (firm.dayType(d) !== 1) continue;
          yield { KDG_KdgId: ++id, KDG_KadId: kadId, KDG_Lp: 1, KDG_OdGodziny: timeOfDay(c.from), KDG_DoGodziny: timeOfDay(c.to), KDG_Strefa: ZONE.work };
        }
      }
    },

    *Dzialy() {
      for (const d of firm.departments) {
        yield {
          DZL_DzlId: d.id, DZL_Kod: d.kod, DZL_Nazwa: d.nazwa, DZL_ParentId: d.parentId, DZL_Poziom: d.level,
          DZL_Lisc: d.leaf ? 1 : 0, DZL_AdresWezla: d.path, DZL_Symbol: d.symbol, ...audit('Dzialy', SETUP),
        };
      }
    },

    *Centra() {
      for (const c of firm.centres) {
        yield {
          CNT_CntId: c.id, CNT_Kod: c.kod, CNT_Nazwa: c.nazwa, CNT_ParentId: c.parentId, CNT_Poziom: c.level,
          CNT_Lisc: c.leaf ? 1 : 0, CNT_AdresWezla: c.path, ...audit('Centra', SETUP),
        };
      }
    },

    *PracKod() {
      for (const e of employees) {
        const access = e.leave === null;
        yield {
          PRA_PraId: e.praId, PRA_Kod: e.kod, PRA_Archiwalny: e.leave === null ? 0 : 1, PRA_EPDostep: access ? 1 : 0,
          PRA_EPDostepOkresOd: access ? day(Math.max(e.hire, period.start)) : null, PRA_EPDostepOkresDo: access ? day(OPEN_END) : null,
          PRA_EPEmail: access ? e.email : '', PRA_EPTelefon: e.phone, PRA_EPNrPokoju: e.room,
        };
      }
    },

    *Pracidx() {
      for (const e of employees) {
        const r = currentRecord(e);
        const centre = firm.centres[r.dept.centreId - 1]!;
        yield {
          PRI_PriId: e.praId, PRI_PraId: e.praId, PRI_Typ: 1, PRI_Kod: e.kod, PRI_Imie1: e.firstName, PRI_Nazwisko: r.surname,
          PRI_Pesel: e.pesel, PRI_DzlId: r.dept.id, PRI_CntId: centre.id, PRI_AdresDzialu: r.dept.path, PRI_AdresCentrum: centre.path,
          PRI_Archiwalny: e.leave === null ? 0 : 1, PRI_DataOd: day(r.od), PRI_DataDo: day(r.do),
        };
      }
    },

    *PracEtaty() {
      let id = 0;
      for (const e of employees) {
        for (const r of e.records) {
          const last = r === currentRecord(e);
          yield {
            PRE_PreId: ++id, PRE_PraId: e.praId, PRE_Kod: e.kod, PRE_DataOd: day(r.od), PRE_DataDo: day(r.do),
            PRE_Imie1: e.firstName, PRE_Imie2: e.secondName, PRE_Nazwisko: r.surname, PRE_NazwRodowe: e.birthSurname,
            PRE_NazwRodoweM: e.motherMaidenName, PRE_ImieMatki: e.motherName, PRE_ImieOjca: e.fatherName,
            PRE_Pesel: e.pesel, PRE_DataUr: day(e.birthDay), PRE_MiejsceUr: e.city.name, PRE_Plec: e.female ? 'K' : 'M',
            PRE_Obywatelstwo: 'polskie', PRE_ObywatelKodKraju: 'PL', PRE_DowOsobisty: e.idCard, PRE_RodzajDokumentu: 1,
            PRE_StanCywilny: r.surname !== e.birthSurname ? 'zamężna' : '',
            PRE_MLDKraj: 'Polska', PRE_MLDKodKraju: 'PL', PRE_MLDWojewodztwo: e.city.voivodeship, PRE_MLDPowiat: e.city.county,
            PRE_MLDGmina: e.city.name, PRE_MLDMiasto: e.city.name, PRE_MLDPoczta: e.city.name, PRE_MLDKodPocztowy: e.city.postcode,
            PRE_MLDUlica: e.street, PRE_MLDNrDomu: e.houseNo, PRE_HDKEmail: e.email, PRE_HDKTelefon1: e.phone,
            PRE_TelefonSms: e.phone.replace(/ /g, ''),
            PRE_DzlId: r.dept.id, PRE_CntId: r.dept.centreId, PRE_KalId: r.calendarId, PRE_AdresDzialu: r.dept.path,
            PRE_AdresCentrum: firm.centres[r.dept.centreId - 1]!.path,
            PRE_ETADkmIdStanowisko: r.positionId, PRE_ETADkmIdFunkcja: r.functionId,
            PRE_ETADkmIdWypowPowod: last ? r.terminationReasonId : null,
            PRE_ETAEtatL: r.etatL, PRE_ETAEtatM: r.etatM, PRE_ETAStawka: money(r.salary), PRE_ETARodzajUmowy: r.contractType,
            PRE_ETADataZawarcia: day(e.hire - 7), PRE_ETADataRozpocz: day(e.hire), PRE_ETANormaDobowa: duration(480),
            PRE_ETAMiejsce: 'Poznań, ul. Przemysłowa 12', PRE_ZatrudnionyOd: day(e.hire),
            PRE_ZatrudnionyDo: day(e.leave ?? OPEN_END), PRE_Przelozony: e.superiorName, PRE_NrwAktach: `${yearOf(e.hire)}/${e.praId}`,
            PRE_NazwaSkrocona: `${r.surname} ${e.firstName}`.slice(0, 70),
            ...audit('PracEtaty', ts(r.createdAt, 10 * 60 + (e.praId % 300)), ts(Math.max(r.createdAt, r.do === OPEN_END ? r.createdAt : r.do + 1), 11 * 60)),
          };
        }
      }
    },

    *CentraKierownicy() {
      for (const [i, m] of firm.managers.entries()) {
        yield {
          CNK_CnkId: i + 1, CNK_CntId: m.centreId, CNK_PraId: m.praId, CNK_Kod: emp(m.praId).kod, CNK_Rodzaj: 0,
          CNK_OkresOd: day(m.od), CNK_OkresDo: day(m.do ?? OPEN_END),
          ...audit('CentraKierownicy', ts(m.od, 9 * 60), ts(m.do === null ? m.od : m.do + 1, 9 * 60)),
        };
      }
    },

    *PracLimit() {
      for (const [i, l] of firm.limits.entries()) {
        const def = LIMITS.find((x) => x.id === l.limitId)!;
        const dueMinutes = l.dueDays * 480;
        const total = l.dueDays + l.carriedDays;
        const created = ts(Math.max(l.validFrom, l.od) - 1, 7 * 60);
        yield {
          PLN_PlnId: i + 1, PLN_PraId: l.praId, PLN_LnbId: l.limitId, PLN_Nazwa: def.nazwa, PLN_Rok: l.year,
          PLN_OkresOd: day(l.od), PLN_OkresDo: day(l.do), PLN_WaznyOd: day(l.validFrom),
          PLN_NalezneF: l.dueDays, PLN_NalezneCzas: duration(dueMinutes),
          PLN_PrzeniesienieF: l.carriedDays, PLN_PrzeniesienieCzas: duration(l.carriedDays * 480),
          PLN_NalezneLacznieF: total, PLN_NalezneLacznieCzas: duration(total * 480),
          PLN_WykorzystaneF: l.usedDays.toFixed(4), PLN_WykorzystaneCzas: duration(l.usedMinutes),
          PLN_PozostaloF: (total - l.usedDays).toFixed(4), PLN_PozostaloCzas: duration(Math.max(0, total * 480 - l.usedMinutes)),
          PLN_Zakonczony: l.closed ? 1 : 0, ...audit('PracLimit', created, l.closed ? ts(l.do + 1, 7 * 60) : firm.period.now),
        };
      }
    },

    *PracNieobec() {
      let id = 0;
      for (const e of employees) {
        for (const a of e.absences) {
          const op = a.viaEPracownik ? EPRACOWNIK : ADMIN;
          const settled = a.do < monthStart(period.end);
          yield {
            PNB_PnbId: ++id, PNB_PraId: e.praId, PNB_TnbId: a.typeId, PNB_OkresOd: day(a.od), PNB_OkresDo: day(a.do),
            PNB_Calodzienna: a.fullDay ? 1 : 0, PNB_Godz: a.fullDay ? null : duration(a.minutes), PNB_Tryb: 0,
            PNB_DniPracy: a.workingDays, PNB_DniKalend: a.calendarDays, PNB_UrlopNaZadanie: a.onDemand ? 1 : 0,
            PNB_Opis: a.note, PNB_Zastepca: a.substituteId, PNB_Seria: a.sickSeries, PNB_Numer: a.sickNumber,
            PNB_ZwolnWystawione: a.typeId === ABSENCE.sick ? day(a.od) : null,
            PNB_ZwolnDostarczone: a.typeId === ABSENCE.sick ? day(Math.min(a.od + 3, period.end)) : null,
            PNB_Rozliczona: settled ? 1 : 0, PNB_RozliczData: settled ? day(monthEnd(a.do)) : null, PNB_WymiarL: 1, PNB_WymiarM: 1,
            // A request from e-Pracownik is approved (modified) in the ERP by the HR operator.
            ...audit('PracNieobec', ts(a.enteredAt, 9 * 60 + (id % 240)), ts(a.enteredAt, 12 * 60 + (id % 240)), op, ADMIN),
          };
        }
      }
    },

    *PracPlanDni() {
      let id = 0;
      for (const [e, d] of days(firm, period.planEnd)) {
        if (!planRanges(firm, e, d)) continue;
        const created = ts(monthStart(d) - 7, 10 * 60);
        yield { PPL_PplId: ++id, PPL_PraId: e.praId, PPL_Data: day(d), PPL_TypDnia: firm.dayType(d), ...audit('PracPlanDni', created) };
      }
    },

    *PracPlanDniGodz() {
      let header = 0;
      let id = 0;
      for (const [e, d] of days(firm, period.planEnd)) {
        const ranges = planRanges(firm, e, d);
        if (!ranges) continue;
        header++;
        for (const [i, r] of ranges.entries()) {
          yield {
            PGL_PglId: ++id, PGL_PplId: header, PGL_Lp: i + 1, PGL_OdGodziny: timeOfDay(r[0]), PGL_DoGodziny: timeOfDay(r[1]),
            PGL_Strefa: r[2], PGL_DzlId: r[3], PGL_PrjId: r[4],
          };
        }
      }
    },

    *PracPracaDni() {
      let id = 0;
      for (const [e, d] of days(firm, period.end)) {
        if (!workRanges(firm, e, d)) continue;
        // Recorded the morning after, as a time clock import would.
        const created = ts(d + 1, 6 * 60 + Math.floor(unit(firm.seed, e.praId, d, 9) * 60));
        yield { PPR_PprId: ++id, PPR_PraId: e.praId, PPR_Data: day(d), ...audit('PracPracaDni', created) };
      }
    },

    *PracPracaDniGodz() {
      let header = 0;
      let id = 0;
      for (const [e, d] of days(firm, period.end)) {
        const ranges = workRanges(firm, e, d);
        if (!ranges) continue;
        header++;
        for (const [i, r] of ranges.entries()) {
          yield {
            PGR_PgrId: ++id, PGR_PprId: header, PGR_Lp: i + 1, PGR_OdGodziny: timeOfDay(r[0]), PGR_DoGodziny: timeOfDay(r[1]),
            PGR_Strefa: r[2], PGR_DzlId: r[3], PGR_PrjId: r[4],
            PGR_Uwagi: r[2] === ZONE.overtime ? 'Nadgodziny na polecenie przełożonego' : '',
          };
        }
      }
    },

    *PracZestaw() {
      for (const s of summaries(firm)) {
        yield {
          PZE_PzeId: s.id, PZE_PraId: s.praId, PZE_OkresOd: day(s.od), PZE_OkresDo: day(s.do), PZE_Czas: duration(s.total.work),
          PZE_CzasNoc: duration(s.total.night), PZE_Nadgodziny50: duration(s.total.overtime), PZE_Nadgodziny100: duration(0),
          PZE_NadgodzinySW: duration(0), PZE_CzasSW: duration(0), PZE_CzasWolne: duration(0), PZE_Ilosc: s.total.days,
          PZE_Tryb: 0, ...audit('PracZestaw', ts(s.do + 1, 8 * 60)),
        };
      }
    },

    *PracZestawElem() {
      let id = 0;
      for (const s of summaries(firm)) {
        for (const el of s.elements) {
          yield {
            PZD_PzdId: ++id, PZD_PzeId: s.id, PZD_DstId: el.zone, PZD_DzlId: el.dzlId, PZD_PrjId: el.prjId,
            PZD_Czas: duration(el.work), PZD_CzasNoc: duration(el.night), PZD_Nadgodziny50: duration(el.overtime),
            PZD_Nadgodziny100: duration(0), PZD_NadgodzinySW: duration(0), PZD_CzasSW: duration(0), PZD_CzasWolne: duration(0),
            PZD_Ilosc: el.days,
          };
        }
      }
    },

    *Umowy() {
      for (const [i, c] of firm.contracts.entries()) {
        const dzielo = c.kind === 'Umowa o dzieło';
        yield {
          UMW_UmwId: i + 1, UMW_PraId: c.praId, UMW_DzlId: c.deptId, UMW_NumerString: c.numberString, UMW_NumerNr: c.number,
          UMW_Rodzaj: c.kind, UMW_Tytul: c.kind, UMW_Opis: c.subject, UMW_Symbol: 'UCP',
          UMW_DataDok: day(c.signed), UMW_DataZawarcia: day(c.signed), UMW_DataOd: day(c.od), UMW_DataDo: day(c.do),
          UMW_Wartosc: money(c.amount), UMW_Brutto: money(c.amount), UMW_StawkaGodz: money(c.hourlyRate),
          UMW_KosztyProc: money(dzielo ? 50 : 20), UMW_StawkaPodatku: money(12), UMW_Waluta: 'PLN', UMW_WgBrutto: 1,
          UMW_JestZUS: dzielo ? 0 : 1, UMW_JestEmerytal: dzielo ? 0 : 1, UMW_JestRentowe: dzielo ? 0 : 1,
          UMW_UwzglMin: dzielo ? 0 : 1,
          ...audit('Umowy', ts(c.signed, 11 * 60)),
        };
      }
    },

    *DlgNag() {
      for (const [i, t] of firm.trips.entries()) {
        const created = ts(t.documentDay, 10 * 60);
        yield {
          DLN_DLNId: i + 1, DLN_PodmiotId: t.praId, DLN_PodmiotTyp: 3, DLN_NumerString: t.numberString, DLN_NumerNr: t.number,
          DLN_DataDok: day(t.documentDay), DLN_DataOd: day(t.od), DLN_DataDo: day(t.do),
          DLN_DataRozliczenia: day(t.settledDay ?? EMPTY_DAY), DLN_MiejsceDocelowe: t.city, DLN_Opis: `${t.purpose} – ${t.city}`,
          DLN_Zagraniczna: t.abroad ? 1 : 0, DLN_Waluta: t.currency, DLN_KursL: t.rate.toFixed(4), DLN_KursM: 1,
          DLN_KwotaWal: money(t.abroad ? t.amountForeign : t.amountPln), DLN_KwotaSys: money(t.amountPln),
          DLN_Status: t.settledDay === null ? 0 : 1, DLN_PolecenieWyjazduData: created,
          DLN_ZatwierdzenieData: t.settledDay === null ? null : ts(t.settledDay, 12 * 60),
          ...audit('DlgNag', created, t.settledDay === null ? created : ts(t.settledDay, 12 * 60)),
        };
      }
    },

    *Uprawnienia() {
      for (const [i, q] of firm.qualifications.entries()) {
        yield {
          UPR_UprId: i + 1, UPR_PraId: q.praId, UPR_DkmId: q.dkmId, UPR_Rodzaj: 1, UPR_Nazwa: q.nazwa,
          UPR_KursOd: day(q.od), UPR_KursDo: day(q.do), UPR_KursTermin: day(q.expires), UPR_Przypomnienie: 1,
          UPR_Nieaktywne: 0, ...audit('Uprawnienia', ts(q.do + 1, 13 * 60)),
        };
      }
    },
  };
}

/** Every (employee, day) pair from the start of the period while employed, in a fixed order. */
function* days(firm: Firm, last: number): Generator<[Employee, number]> {
  for (const e of firm.employees) {
    const to = Math.min(last, e.leave ?? last);
    for (let d = Math.max(firm.period.start, e.hire); d <= to; d++) yield [e, d];
  }
}

interface Totals { work: number; night: number; overtime: number; days: number }
interface Summary {
  id: number; praId: number; od: number; do: number; total: Totals;
  elements: (Totals & { zone: number; dzlId: number; prjId: number })[];
}

const summaryCache = new WeakMap<Firm, Summary[]>();

/** Monthly work-time summaries of the employees who have them, for months closed by the end date. */
function summaries(firm: Firm): Summary[] {
  const cached = summaryCache.get(firm);
  if (cached) return cached;
  const out: Summary[] = [];
  const counted = new Set<number>(ZONES.filter((z) => z.counts).map((z) => z.id));
  for (const e of firm.employees) {
    if (!e.monthlySummary) continue;
    for (let m = monthStart(Math.max(firm.period.start, e.hire)); m <= firm.period.end; m = monthEnd(m) + 1) {
      const od = m;
      const to = monthEnd(m);
      if (to > firm.period.end || (e.leave !== null && e.leave < od)) continue;
      const total: Totals = { work: 0, night: 0, overtime: 0, days: 0 };
      const elements = new Map<string, Summary['elements'][number]>();
      for (let d = od; d <= to; d++) {
        const ranges = workRanges(firm, e, d);
        if (!ranges) continue;
        total.days++;
        const seen = new Set<string>();
        for (const r of ranges) {
          const key = `${r[2]}/${r[3]}/${r[4]}`;
          let el = elements.get(key);
          if (!el) elements.set(key, el = { zone: r[2], dzlId: r[3], prjId: r[4], work: 0, night: 0, overtime: 0, days: 0 });
          add(el, r, counted);
          if (!seen.has(key)) { el.days++; seen.add(key); }
          add(total, r, counted);
        }
      }
      if (total.days === 0) continue;
      out.push({ id: out.length + 1, praId: e.praId, od, do: to, total, elements: [...elements.values()] });
    }
  }
  summaryCache.set(firm, out);
  return out;
}

function add(t: Totals, r: Range, counted: Set<number>): void {
  if (!counted.has(r[2])) return;
  const minutes = rangeMinutes(r);
  t.work += minutes;
  t.night += nightMinutes(r);
  if (r[2] === ZONE.overtime) t.overtime += minutes;
}

// ---------------------------------------------------------------- configuration rows

function configRows(firm: Firm, names: { company: string; config: string }): Record<ConfigTable, Rows> {
  const created = SETUP;
  return {
    *Bazy() {
      yield {
        Baz_BazID: 1, Baz_Nazwa: 'DEMO_FIRMA', Baz_Dostep: `SERVER=localhost;DATABASE=${names.company}`,
        Baz_Opis: 'Demo Firma Sp. z o.o. – baza demonstracyjna', Baz_NIP: '7822860012', Baz_Nieaktywna: 0,
      };
    },
    *Operatorzy() {
      yield { Ope_OpeID: ADMIN.id, Ope_Kod: ADMIN.kod, Ope_Nazwisko: ADMIN.nazwisko, Ope_Administrator: 1, ...audit('Operatorzy', created) };
      yield {
        Ope_OpeID: EPRACOWNIK.id, Ope_Kod: EPRACOWNIK.kod, Ope_Nazwisko: EPRACOWNIK.nazwisko, Ope_Administrator: 0,
        Ope_Opis: 'Operator zapisujący dane wprowadzone w Comarch ERP e-Pracownik', ...audit('Operatorzy', created),
      };
    },
    *StanowiskaKomp() {
      yield { Sta_StaID: 1, Sta_Nazwa: 'SERWER-KADRY' };
    },
    *Sync() {
      yield {
        Snc_SncID: 1, Snc_BazID: 1, Snc_EPracownikDaneKadrowe: 1, Snc_EPracownikDaneKadroweCo: 60,
        Snc_EPracownikDaneKadroweOd: timeOfDay(8 * 60), Snc_EPracownikDaneKadroweDo: timeOfDay(16 * 60),
        Snc_EPracownikDaneBinarne: 0, ...audit('Sync', created, firm.period.now),
      };
    },
    *MailKontaEMail() {
      yield {
        MKE_MKEID: 1, MKE_Nazwa: 'Kadry – Demo Firma', MKE_EMail: 'kadry@demofirma.pl', MKE_OpisOd: 'Dział Kadr – Demo Firma',
        MKE_Uzytkownik: 'kadry@demofirma.pl', MKE_SMTP: 'localhost', MKE_SMTPPort: 25, MKE_SMTPSSL: 0, MKE_SMTPUwierzytelnianie: 0,
        MKE_OpeID: ADMIN.id,
      };
    },
  };
}
