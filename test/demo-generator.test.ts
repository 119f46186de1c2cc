// The demo firm generator against fresh stand-in databases: determinism, content the demo and
// the sync tests rely on, and the Optima conventions (zero values, sentinels, identities).
import test from 'ava';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadStandin } from '../src/standin/load.js';
import { optimaTables } from '../src/catalogue/tables.js';
import { seedDemoFirm, type DemoFirmOptions } from '../src/demo/generator.js';
import { copyText, deterministicUuid } from '../src/demo/copy.js';
import { dayOf, easterSunday, isoOf } from '../src/demo/dates.js';

interface Firm {
  company: postgres.Sql;
  config: postgres.Sql;
  counts: Record<string, number>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.EPS_TEST_ADMIN_URL ?? process.env.TEST_PG_URL;
  if (!url) throw new Error('Set TEST_PG_URL to a PostgreSQL server where the tests may create databases (or run `npm test`).');
  return url;
}

function dbUrl(db: string): string {
  const u = new URL(serverUrl());
  u.pathname = `/${db}`;
  return u.toString();
}

/** Two fresh databases with the stand-in schema (foreign keys included), seeded with a demo firm. */
async function seededFirm(opts: DemoFirmOptions): Promise<Firm> {
  const suffix = randomBytes(4).toString('hex');
  const names = { company: `t_demo_${suffix}_company`, config: `t_demo_${suffix}_config` };
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    for (const n of Object.values(names)) await admin.unsafe(`CREATE DATABASE ${n}`);
  } finally { await admin.end(); }
  const company = postgres(dbUrl(names.company), { max: 2, onnotice: () => {} });
  const config = postgres(dbUrl(names.config), { max: 2, onnotice: () => {} });
  const drop = async () => {
    await Promise.all([company.end(), config.end()]);
    const a = postgres(serverUrl(), { max: 1, onnotice: () => {} });
    try {
      for (const n of Object.values(names)) await a.unsafe(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    } finally { await a.end(); }
  };
  try {
    await loadStandin(company, 'company');
    await loadStandin(config, 'config');
    const counts = await seedDemoFirm({ company, config }, opts);
    return { company, config, counts, drop };
  } catch (e) {
    await drop();
    throw e;
  }
}

const SMALL = { employees: 20, years: 1, endDate: '2026-11-30' };
const firms: { a?: Firm; sameSeed?: Firm; otherSeed?: Firm } = {};
const firm = () => firms.a!;

test.before(async () => {
  [firms.a, firms.sameSeed, firms.otherSeed] = await Promise.all([
    seededFirm({ ...SMALL, seed: 42 }), seededFirm({ ...SMALL, seed: 42 }), seededFirm({ ...SMALL, seed: 43 }),
  ]);
});

test.after.always(async () => {
  await Promise.all(Object.values(firms).map((f) => f?.drop()));
});

const tablesOf = (database: 'company' | 'config') => Object.values(optimaTables).filter((t) => t.database === database);

async function checksums(f: Firm): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const db of ['company', 'config'] as const) {
    const sql = f[db];
    for (const t of tablesOf(db)) {
      const [r] = await sql.unsafe(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.${t.key.toLowerCase()}), '')) AS sum FROM cdn.${t.name.toLowerCase()} t`);
      out[t.name] = r!.sum as string;
    }
  }
  return out;
}

test('the same seed gives the same rows in every table, another seed other rows', async (t) => {
  const [a, same, other] = await Promise.all([checksums(firm()), checksums(firms.sameSeed!), checksums(firms.otherSeed!)]);
  t.deepEqual(same, a);
  for (const table of ['PracKod', 'PracEtaty', 'PracNieobec', 'PracPracaDni', 'PracPracaDniGodz', 'PracPlanDniGodz']) {
    t.not(other[table], a[table], `CDN.${table} should differ between seeds`);
  }
  t.is(other.KalendDni, a.KalendDni, 'the calendar does not depend on the seed');
});

test('a small firm fills every table but the service’s runtime ones, and the counts returned match', async (t) => {
  const runtime = new Set(['SoaLogs', 'MailWiadomosci']); // written by the sync service, not by Optima set-up
  for (const db of ['company', 'config'] as const) {
    for (const table of tablesOf(db)) {
      const [r] = await firm()[db].unsafe(`SELECT count(*)::int AS n FROM cdn.${table.name.toLowerCase()}`);
      if (runtime.has(table.name)) {
        t.is(r!.n, 0, `CDN.${table.name}`);
        continue;
      }
      t.true(r!.n > 0, `CDN.${table.name} is empty`);
      t.is(firm().counts[table.name], r!.n, `count returned for CDN.${table.name}`);
    }
  }
});

test('names are Polish, with diacritics; codes stay ASCII', async (t) => {
  const sql = firm().company;
  const [r] = await sql`
    SELECT count(*) FILTER (WHERE PRE_Imie1 || PRE_Nazwisko ~ '[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]')::int AS polish,
           count(*) FILTER (WHERE PRE_Kod !~ '^P[0-9]{4}$')::int AS odd_codes
    FROM CDN.PracEtaty`;
  t.true(r!.polish > 0);
  t.is(r!.odd_codes, 0);
  const [ceo] = await sql`SELECT PRI_Imie1 AS imie, PRI_Nazwisko AS nazwisko FROM CDN.Pracidx WHERE PRI_Kod = 'P0001'`;
  t.deepEqual({ ...ceo }, { imie: 'Grzegorz', nazwisko: 'Brzęczyszczykiewicz' });
  const [dept] = await sql`SELECT count(*)::int AS n FROM CDN.Dzialy WHERE DZL_Nazwa ~ '[ąćęłńóśźż]' AND DZL_Kod ~ '^[A-Z0-9_]+$'`;
  t.true(dept!.n > 0);
});

test('calendars mark Polish public holidays, Easter Monday and Corpus Christi included', async (t) => {
  t.is(isoOf(easterSunday(2024)), '2024-03-31');
  t.is(isoOf(easterSunday(2025)), '2025-04-20');
  t.is(isoOf(easterSunday(2026)), '2026-04-05');
  const rows = await firm().company`
    SELECT KAD_Data::date::text AS d, array_agg(DISTINCT KAD_TypDnia) AS types FROM CDN.KalendDni
    WHERE KAD_Data IN ('2026-11-11', '2026-04-06', '2026-06-04', '2026-01-06', '2026-11-14', '2026-11-12', '2025-12-24')
    GROUP BY 1 ORDER BY 1`;
  t.deepEqual(Object.fromEntries(rows.map((r) => [r.d, r.types])), {
    '2025-12-24': [3], '2026-01-06': [3], '2026-04-06': [3], '2026-06-04': [3], '2026-11-11': [3], '2026-11-12': [1], '2026-11-14': [2],
  });
  const [hours] = await firm().company`
    SELECT count(*) FILTER (WHERE KAD_TypDnia <> 1)::int AS on_free_days, count(*)::int AS n
    FROM CDN.KalendDniGodz JOIN CDN.KalendDni ON KAD_KadId = KDG_KadId`;
  t.is(hours!.on_free_days, 0);
  t.true(hours!.n > 0);
});

test('work time and plan have overnight shifts, split days and zones from the dictionary', async (t) => {
  const sql = firm().company;
  const [w] = await sql`
    SELECT count(*) FILTER (WHERE PGR_OdGodziny > PGR_DoGodziny)::int AS overnight,
           count(*) FILTER (WHERE PGR_OdGodziny::date <> '1899-12-30' OR PGR_DoGodziny::date <> '1899-12-30')::int AS not_times,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM CDN.DefinicjeStref WHERE DST_DstId = PGR_Strefa))::int AS unknown_zone,
           count(DISTINCT PGR_Strefa)::int AS zones
    FROM CDN.PracPracaDniGodz`;
  t.true(w!.overnight > 0);
  t.is(w!.not_times, 0);
  t.is(w!.unknown_zone, 0);
  t.true(w!.zones >= 2);
  const [split] = await sql`SELECT count(*)::int AS n FROM (SELECT PGR_PprId FROM CDN.PracPracaDniGodz GROUP BY 1 HAVING count(*) >= 2) x`;
  t.true(split!.n > 0);
  const [plan] = await sql`SELECT count(*) FILTER (WHERE PGL_OdGodziny > PGL_DoGodziny)::int AS overnight FROM CDN.PracPlanDniGodz`;
  t.true(plan!.overnight > 0);
  const [off] = await sql`
    SELECT count(*)::int AS n FROM CDN.PracPracaDni
    JOIN CDN.PracNieobec ON PNB_PraId = PPR_PraId AND PPR_Data BETWEEN PNB_OkresOd AND PNB_OkresDo AND PNB_Calodzienna = 1`;
  t.is(off!.n, 0, 'nobody works on a full-day absence');
});

test('absences: several types, full-day and part-day, basic mode', async (t) => {
  const [r] = await firm().company`
    SELECT count(DISTINCT PNB_TnbId)::int AS types,
           count(*) FILTER (WHERE PNB_Calodzienna = 0 AND PNB_Godz > '1899-12-30' AND PNB_OkresOd = PNB_OkresDo)::int AS part_day,
           count(*) FILTER (WHERE PNB_Calodzienna = 1)::int AS full_day,
           count(*) FILTER (WHERE PNB_Tryb <> 0)::int AS not_basic,
           count(*) FILTER (WHERE PNB_OkresDo < PNB_OkresOd)::int AS reversed
    FROM CDN.PracNieobec`;
  t.true(r!.types >= 4);
  t.true(r!.part_day > 0);
  t.true(r!.full_day > 0);
  t.is(r!.not_basic, 0);
  t.is(r!.reversed, 0);
  const [limits] = await firm().company`SELECT count(*) FILTER (WHERE PLN_PozostaloF < 0)::int AS overdrawn, count(*)::int AS n FROM CDN.PracLimit`;
  t.is(limits!.overdrawn, 0);
  t.true(limits!.n > 0);
});

test('employees: history records tile time up to the open end; some left and are archived', async (t) => {
  const sql = firm().company;
  const [gaps] = await sql`
    SELECT count(*)::int AS n FROM (
      SELECT PRE_DataDo, lead(PRE_DataOd) OVER (PARTITION BY PRE_PraId ORDER BY PRE_DataOd) AS next FROM CDN.PracEtaty) x
    WHERE (next IS NULL AND PRE_DataDo <> '2999-12-31') OR (next IS NOT NULL AND next <> PRE_DataDo + interval '1 day')`;
  t.is(gaps!.n, 0);
  const [hist] = await sql`SELECT count(*)::int AS n FROM (SELECT PRE_PraId FROM CDN.PracEtaty GROUP BY 1 HAVING count(*) >= 2) x`;
  t.true(hist!.n > 0);
  const [arch] = await sql`
    SELECT count(*)::int AS archived,
           count(*) FILTER (WHERE PRE_ZatrudnionyDo >= '2999-12-31' OR PRI_Archiwalny <> 1)::int AS inconsistent
    FROM CDN.PracKod JOIN CDN.PracEtaty ON PRE_PraId = PRA_PraId AND PRE_DataDo = '2999-12-31'
    JOIN CDN.Pracidx ON PRI_PraId = PRA_PraId AND PRI_Typ = 1
    WHERE PRA_Archiwalny = 1`;
  t.true(arch!.archived > 0);
  t.is(arch!.inconsistent, 0);
  const [late] = await sql`
    SELECT count(*)::int AS n FROM CDN.PracPracaDni JOIN CDN.PracEtaty ON PRE_PraId = PPR_PraId AND PRE_DataDo = '2999-12-31'
    WHERE PPR_Data > PRE_ZatrudnionyDo OR PPR_Data < PRE_ZatrudnionyOd`;
  t.is(late!.n, 0, 'no work outside employment');
  const [managers] = await sql`SELECT count(*) FILTER (WHERE CNK_Rodzaj = 0)::int AS n FROM CDN.CentraKierownicy`;
  t.true(managers!.n > 0);
});

test('the configuration database points at the firm and schedules the HR sync', async (t) => {
  const sql = firm().config;
  const [baza] = await sql`SELECT Baz_BazID AS id, Baz_Nazwa AS nazwa, Baz_NazwaBazy AS db, Baz_NazwaSerwera AS server FROM CDN.Bazy`;
  t.like({ ...baza }, { nazwa: 'DEMO_FIRMA', db: 'eps_erp_company', server: 'localhost' });
  const [sync] = await sql`
    SELECT Snc_BazID AS baz, Snc_EPracownikDaneKadrowe AS on, Snc_EPracownikDaneKadroweCo AS every,
           to_char(Snc_EPracownikDaneKadroweOd, 'YYYY-MM-DD HH24:MI') AS od, to_char(Snc_EPracownikDaneKadroweDo, 'YYYY-MM-DD HH24:MI') AS do
    FROM CDN.Sync`;
  t.deepEqual({ ...sync }, { baz: baza!.id, on: 1, every: 60, od: '1899-12-30 08:00', do: '1899-12-30 16:00' });
  const ops = await sql`SELECT Ope_Kod AS kod FROM CDN.Operatorzy ORDER BY Ope_OpeID`;
  t.deepEqual(ops.map((o) => o.kod), ['ADMIN', 'EPRACOWNIK']);
  const [mail] = await sql`SELECT MKE_SMTP AS smtp FROM CDN.MailKontaEMail`;
  t.is(mail!.smtp, 'localhost');
});

test('columns a row leaves out get Optima’s zero values, the defaults, or NULL', async (t) => {
  const [r] = await firm().company`
    SELECT bool_and(PRE_HDKURL = '') AS empty_text, bool_and(PRE_BnaId IS NULL) AS null_nullable,
           bool_and(PRE_PodmiotTyp = 3) AS nullable_default, bool_and(PRE_HDKGUSSymbolSystemuCzP = 10) AS default,
           bool_and(PRE_ABSChor35 = 0) AS zero, bool_and(PRE_IBANMikro = 1) AS default_one
    FROM CDN.PracEtaty`;
  t.deepEqual({ ...r }, { empty_text: true, null_nullable: true, nullable_default: true, default: true, zero: true, default_one: true });
  const [k] = await firm().company`SELECT bool_and(KAL_NocLimit = '1899-12-30') AS empty_date FROM CDN.Kalendarze`;
  t.true(k!.empty_date);
  const [baza] = await firm().config`SELECT Baz_GUID::text AS guid FROM CDN.Bazy`;
  t.regex(baza!.guid as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.is(deterministicUuid(42, 'Bazy', 'Baz_GUID', 0), baza!.guid);
});

test('foreign keys were in force while seeding, and identities continue after the seeded ids', async (t) => {
  const sql = firm().company;
  const [fks] = await sql`SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'cdn'::regnamespace`;
  t.true(fks!.n >= 30);
  for (const table of tablesOf('company')) {
    const key = table.key.toLowerCase();
    const [r] = await sql.unsafe(`SELECT (SELECT max(${key}) FROM cdn.${table.name.toLowerCase()}) AS max,
      pg_sequence_last_value(pg_get_serial_sequence('cdn.${table.name.toLowerCase()}', '${key}')) AS last`);
    t.is(Number(r!.last), Number(r!.max), `identity of CDN.${table.name}`);
  }
});

test('refuses to seed over an existing firm, and leaves it as it was', async (t) => {
  const f = firm();
  const before = await f.company`SELECT count(*)::int AS n FROM CDN.PracKod`;
  const err = await t.throwsAsync(seedDemoFirm({ company: f.company, config: f.config }, { ...SMALL, seed: 1 }));
  t.regex(err!.message, /CDN\.Firma.*already hold rows/);
  t.deepEqual(await f.company`SELECT count(*)::int AS n FROM CDN.PracKod`, before);
});

test('COPY text escapes backslashes, tabs and line breaks; NULL is \\N', (t) => {
  t.is(copyText('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
  t.is(copyText('Łódź'), 'Łódź');
  t.is(copyText(null), '\\N');
  t.is(copyText(12.5), '12.5');
  t.is(copyText(true), 't');
  t.is(dayOf('1899-12-30'), 0);
});
