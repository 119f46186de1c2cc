import test from 'ava';
import postgres from 'postgres';
import { world, quietLog, type World } from './_helpers/sync.js';
import { cloneRow } from '../src/standin/rows.js';
import { pushCloudEdits } from '../src/runner/inbound.js';
import { FIRMA } from '../src/erp/procedures.js';
import { status, formatStatus } from '../src/runner/status.js';

const VACATION = 1;
const SPECIAL_LEAVE = 3; // urlop okolicznościowy

/** A synced world with the service operator set, and an active employee who has a manager. */
async function setUp() {
  const w = await world();
  await w.services.erp.call('EPS_SetSetting', {
    Numer: FIRMA.serviceOperator, Opis: 'e-Pracownik: operator i stanowisko usługi',
    Wartosc: JSON.stringify({ opeId: 2, opeKod: 'EPRACOWNIK', opeNazwisko: 'Operator e-Pracownik', staId: 1 }),
  });
  await w.sync();
  const tenant = w.services.tenantId;
  const rows = await w.cloudSql`
    SELECT k.pra_praid AS pra, (SELECT min(m) FROM eps.managers_of(${tenant}, k.pra_praid) m) AS manager
    FROM hr.prackod k WHERE k.tenant_id = ${tenant} AND k.pra_archiwalny = 0 ORDER BY k.pra_praid`;
  const withManager = rows.filter((r) => r.manager !== null);
  if (withManager.length < 2) throw new Error('the template firm has too few employees with a manager');
  return { w, tenant, emp: withManager[0]!.pra as number, manager: withManager[0]!.manager as number, other: withManager[1]!.pra as number };
}

async function approvedAbsence(w: World, tenant: number, emp: number, manager: number, from: string, to: string, type = VACATION) {
  const [{ id }] = await w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${type}, ${from}::date, ${to}::date) AS id`;
  await w.cloudSql`SELECT eps.decide_absence(${tenant}, ${id}::bigint, ${manager}, true)`;
  return Number(id);
}

const erpAbsences = async (w: World, emp: number, day: string) => (await w.company`
  SELECT PNB_PnbId AS id, PNB_TnbId AS tnb FROM CDN.PracNieobec WHERE PNB_PraId = ${emp} AND PNB_OkresOd <= ${day} AND PNB_OkresDo >= ${day} ORDER BY 1`)
  .map((r) => ({ id: Number(r.id), tnb: Number(r.tnb) }));
const cloudAbsences = async (w: World, tenant: number, emp: number, day: string) => (await w.cloudSql`
  SELECT pnb_pnbid AS id, pnb_tnbid AS tnb FROM hr.pracnieobec WHERE tenant_id = ${tenant} AND pnb_praid = ${emp} AND pnb_okresod <= ${day} AND pnb_okresdo >= ${day} ORDER BY 1`)
  .map((r) => ({ id: Number(r.id), tnb: Number(r.tnb) }));

async function erpPresence(w: World, emp: number, day: string): Promise<number> {
  const [model] = await w.company`SELECT PPR_PprId AS id FROM CDN.PracPracaDni WHERE EXISTS (SELECT 1 FROM CDN.PracPracaDniGodz WHERE PGR_PprId = PPR_PprId) LIMIT 1`;
  const ppr = await cloneRow(w.company, 'PracPracaDni', model.id, { PPR_PraId: emp, PPR_Data: day });
  const [g] = await w.company`SELECT min(PGR_PgrId) AS id FROM CDN.PracPracaDniGodz WHERE PGR_PprId = ${model.id}`;
  await cloneRow(w.company, 'PracPracaDniGodz', g.id, { PGR_PprId: ppr });
  return ppr;
}

async function erpAbsence(w: World, emp: number, day: string, type: number): Promise<number> {
  const [model] = await w.company`SELECT min(PNB_PnbId) AS id FROM CDN.PracNieobec`;
  return cloneRow(w.company, 'PracNieobec', model.id, { PNB_PraId: emp, PNB_TnbId: type, PNB_OkresOd: day, PNB_OkresDo: day, PNB_Calodzienna: 1, PNB_Godz: null });
}

test('seed example 1: ERP special leave on 9 Feb vs cloud e-absence: both sides have the special leave, the cloud entry is in the conflict log', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    const day = '2027-02-09';
    // both entered between two syncs: an e-absence in the portal, a special leave in the ERP
    const request = await approvedAbsence(w, tenant, emp, manager, day, day);
    const special = await erpAbsence(w, emp, day, SPECIAL_LEAVE);
    await w.company`UPDATE CDN.PracKod SET PRA_EPEmail = 'pracownik@demofirma.pl' WHERE PRA_PraId = ${emp}`;
    await w.sync();
    t.deepEqual(await erpAbsences(w, emp, day), [{ id: special, tnb: SPECIAL_LEAVE }]);
    t.deepEqual(await cloudAbsences(w, tenant, emp, day), [{ id: special, tnb: SPECIAL_LEAVE }]);
    const [edit] = await w.cloudSql`SELECT status, reason FROM eps.cloud_edits WHERE kind = 'absence' AND entity_id = ${request}`;
    t.is(edit.status, 'lost_conflict');
    const [c] = await w.cloudSql`SELECT pra_id, kind, outcome, day_from::text AS day, reason FROM eps.conflicts WHERE tenant_id = ${tenant}`;
    t.like({ ...c }, { pra_id: emp, kind: 'absence', outcome: 'lost_conflict', day });
    t.regex(c.reason, /Urlop okolicznościowy/);
    const told = await w.cloudSql`SELECT n.recipient_address AS address, n.subject, n.body_text AS body FROM eps.notifications n
      JOIN eps.conflicts c ON c.notification = n.message_id WHERE n.tenant_id = ${tenant} AND n.kind = 'conflict_lost'`;
    t.is(told.length, 1, 'the employee is told, once');
    t.is(told[0]!.address, 'pracownik@demofirma.pl');
    t.regex(told[0]!.body, /2027-02-09|9\.02\.2027|09\.02\.2027/);
    t.regex(formatStatus(await status(w.services)), new RegExp(`employee ${emp}, absence ${day}: lost to the ERP`));
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('seed example 2: ERP presence on 10 Feb vs cloud absence: both sides have the presence', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    const day = '2027-02-10';
    // both entered between two syncs: an absence in the portal, presence at work in the ERP
    await approvedAbsence(w, tenant, emp, manager, day, day);
    const ppr = await erpPresence(w, emp, day);
    await w.sync();
    t.deepEqual(await erpAbsences(w, emp, day), []);
    t.deepEqual(await cloudAbsences(w, tenant, emp, day), []);
    const [p] = await w.cloudSql`SELECT count(*)::int AS n FROM hr.pracpracadni WHERE tenant_id = ${tenant} AND ppr_pprid = ${ppr} AND ppr_data = ${day}`;
    t.is(p.n, 1, 'the presence is in the cloud');
    const [c] = await w.cloudSql`SELECT outcome, day_from::text AS day, reason FROM eps.conflicts WHERE tenant_id = ${tenant}`;
    t.like({ ...c }, { outcome: 'lost_conflict', day });
    t.regex(c.reason, /presence at work/);
    await w.assertEqual(t);

    for (let i = 0; i < 3; i++) {
      const r = await w.sync();
      t.is(r.rowsToCloud, 0, `sync ${i + 1}: nothing to the cloud`);
      t.is(r.batches, 0, `sync ${i + 1}: no batch`);
    }
    const [{ n }] = await w.cloudSql`SELECT count(*)::int AS n FROM eps.cloud_edits WHERE status IN ('pending', 'sent')`;
    t.is(n, 0, 'nothing waits to go to the ERP');
    const [{ m }] = await w.company`SELECT count(*)::int AS m FROM CDN.EPS_CloudEdit`;
    t.is(m, 1, 'nothing more applied in the ERP');
  } finally { await w.close(); }
});

test('a cloud absence edited and then cancelled after it reached the ERP: the same ERP row follows both times', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    const request = await approvedAbsence(w, tenant, emp, manager, '2027-03-01', '2027-03-03');
    await w.sync();
    const [m] = await w.cloudSql`SELECT erp_table, erp_id FROM eps.id_map WHERE kind = 'absence' AND entity_id = ${request}`;
    t.is(m.erp_table, 'PracNieobec');
    const [row] = await w.company`SELECT PNB_OkresOd::date::text AS od, PNB_OpeZalKod AS kod, PNB_OpeZalId AS ope, PNB_StaZalId AS sta FROM CDN.PracNieobec WHERE PNB_PnbId = ${m.erp_id}`;
    t.deepEqual({ ...row }, { od: '2027-03-01', kod: 'EPRACOWNIK', ope: 2, sta: 1 });
    await w.assertEqual(t);

    // No echo: the ERP row the sync wrote for the cloud is not sent back, and three quiet syncs
    // move nothing in either direction.
    const [{ applied }] = await w.company`SELECT count(*)::int AS applied FROM CDN.EPS_CloudEdit`;
    for (let i = 0; i < 3; i++) {
      const r = await w.sync();
      t.is(r.batches, 0, `quiet sync ${i + 1}: no batch to the cloud`);
      t.is(r.rowsToCloud, 0, `quiet sync ${i + 1}: no row to the cloud`);
    }
    const [{ after }] = await w.company`SELECT count(*)::int AS after FROM CDN.EPS_CloudEdit`;
    t.is(after, applied, 'nothing more applied in the ERP');
    const [{ waiting }] = await w.cloudSql`SELECT count(*)::int AS waiting FROM eps.cloud_edits WHERE status IN ('pending', 'sent')`;
    t.is(waiting, 0, 'nothing waits to go to the ERP');

    // someone in HR touched the row in Optima meanwhile (its OpeMod columns say so)
    await w.company`UPDATE CDN.PracNieobec SET PNB_OpeModKod = 'ADMIN', PNB_OpeModId = 1, PNB_StaModId = 5 WHERE PNB_PnbId = ${m.erp_id}`;
    await w.sync();
    await w.cloudSql`SELECT eps.change_absence(${tenant}, ${request}::bigint, ${emp}, ${VACATION}, '2027-03-08'::date, '2027-03-09'::date)`;
    await w.cloudSql`SELECT eps.decide_absence(${tenant}, ${request}::bigint, ${manager}, true)`;
    await w.sync();
    const rows = await w.company`SELECT PNB_PnbId AS id, PNB_OkresOd::date::text AS od FROM CDN.PracNieobec WHERE PNB_PraId = ${emp} AND PNB_OkresOd >= '2027-03-01'`;
    t.deepEqual(rows.map((r) => ({ id: Number(r.id), od: r.od })), [{ id: m.erp_id, od: '2027-03-08' }]);
    const [mod] = await w.company`SELECT PNB_OpeModKod AS kod, PNB_OpeModId AS ope, PNB_StaModId AS sta, PNB_OpeZalKod AS zal FROM CDN.PracNieobec WHERE PNB_PnbId = ${m.erp_id}`;
    t.deepEqual({ ...mod }, { kod: 'EPRACOWNIK', ope: 2, sta: 1, zal: 'EPRACOWNIK' }, 'the change is recorded as the service operator and station');
    await w.assertEqual(t);

    await w.cloudSql`SELECT eps.cancel_absence(${tenant}, ${request}::bigint, ${emp})`;
    await w.sync();
    const [{ n }] = await w.company`SELECT count(*)::int AS n FROM CDN.PracNieobec WHERE PNB_PnbId = ${m.erp_id}`;
    t.is(n, 0);
    const [{ c }] = await w.cloudSql`SELECT count(*)::int AS c FROM hr.pracnieobec WHERE tenant_id = ${tenant} AND pnb_pnbid = ${m.erp_id}`;
    t.is(c, 0);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('work time recorded by the manager in the portal lands in PracPracaDni and PracPracaDniGodz with its zone, department and project, as the service operator', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    const [zone] = await w.company`SELECT max(DST_DstId) AS id FROM CDN.DefinicjeStref`;
    const [dept] = await w.company`SELECT max(DZL_DzlId) AS id FROM CDN.Dzialy`;
    const [project] = await w.company`SELECT max(PRJ_PrjId) AS id FROM CDN.DefProjekty`;
    const day = '2027-10-05';
    await w.cloudSql`SELECT eps.record_work_time(${tenant}, ${emp}, ${day}::date, ${w.cloudSql.json([
      { from: '07:00', to: '11:00', zone: zone.id, dzl: dept.id, prj: project.id, note: 'Inwentaryzacja – magazyn' },
      { from: '22:00', to: '02:00', zone: zone.id, dzl: dept.id, prj: 0, note: '' },
    ])}, ${manager})`;
    await w.sync();
    const [ppr] = await w.company`SELECT PPR_PprId AS id, PPR_OpeZalKod AS ope, PPR_StaZalId AS sta FROM CDN.PracPracaDni WHERE PPR_PraId = ${emp} AND PPR_Data = ${day}`;
    t.like({ ...ppr }, { ope: 'EPRACOWNIK', sta: 1 });
    const ranges = await w.company`SELECT PGR_Lp AS lp, to_char(PGR_OdGodziny, 'HH24:MI') AS od, to_char(PGR_DoGodziny, 'HH24:MI') AS do,
      PGR_Strefa AS zone, PGR_DzlId AS dzl, PGR_PrjId AS prj, PGR_Uwagi AS note FROM CDN.PracPracaDniGodz WHERE PGR_PprId = ${ppr.id} ORDER BY PGR_Lp`;
    t.deepEqual(ranges.map((r) => ({ ...r })), [
      { lp: 1, od: '07:00', do: '11:00', zone: zone.id, dzl: dept.id, prj: project.id, note: 'Inwentaryzacja – magazyn' },
      { lp: 2, od: '22:00', do: '02:00', zone: zone.id, dzl: dept.id, prj: 0, note: '' },
    ]);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('20 concurrent business-trip submissions get E-DEL numbers 1..20 without gaps; the next year restarts at 1; they land in DlgNag', async (t) => {
  const { w, tenant, emp } = await setUp();
  const many = postgres(w.config.cloudUrl, { max: 20, onnotice: () => {} });
  try {
    const numbers = await Promise.all(Array.from({ length: 20 }, (_, i) => many`
      SELECT eps.submit_trip(${tenant}, ${emp}, ${`2027-04-${String(i + 1).padStart(2, '0')}`}::date, ${`2027-04-${String(i + 1).padStart(2, '0')}`}::date,
        'Kraków', 'Szkolenie', 'PLN', false, '2027-03-15'::date) AS nr`.then(([r]) => r.nr as string)));
    t.deepEqual(numbers.map((n) => Number(n.split('/')[2])).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    t.true(numbers.every((n) => n.startsWith('E-DEL/2027/')));
    const [next] = await many`SELECT eps.submit_trip(${tenant}, ${emp}, '2028-01-10', '2028-01-11', 'Gdańsk', 'Targi', 'PLN', false, '2028-01-05') AS nr`;
    t.is(next.nr, 'E-DEL/2028/1');
    await w.sync();
    const erp = await w.company`SELECT DLN_NumerPelny AS n FROM CDN.DlgNag WHERE DLN_NumerString LIKE 'E-DEL/%' ORDER BY DLN_NumerString, DLN_NumerNr`;
    t.is(erp.length, 21);
    t.true(erp.some((r) => r.n === 'E-DEL/2027/20'));
    await w.assertEqual(t);
  } finally { await many.end(); await w.close(); }
});

test('the cloud refuses changes of centres, centre managers and an employee\'s centre; the sync still brings them', async (t) => {
  const { w, tenant } = await setUp();
  try {
    const e1 = await t.throwsAsync(w.cloudSql`UPDATE hr.centra SET cnt_nazwa = 'Nowa nazwa' WHERE tenant_id = ${tenant}`);
    t.is((e1 as { code?: string }).code, 'EPC37');
    const e2 = await t.throwsAsync(w.cloudSql`DELETE FROM hr.centrakierownicy WHERE tenant_id = ${tenant}`);
    t.is((e2 as { code?: string }).code, 'EPC37');
    const e3 = await t.throwsAsync(w.cloudSql`UPDATE hr.pracetaty SET pre_cntid = NULL WHERE tenant_id = ${tenant}`);
    t.is((e3 as { code?: string }).code, 'EPC37');
    t.regex((e3 as Error).message, /centre is kept in the ERP/);
    await w.cloudSql`UPDATE hr.pracetaty SET pre_opis = pre_opis WHERE tenant_id = ${tenant}`; // other columns stay writable

    // The portal's own role cannot pass for the sync by setting its flag.
    const role = `portal_${w.names.cloud}`;
    await w.cloudSql.unsafe(`CREATE ROLE ${role}; GRANT USAGE ON SCHEMA hr, eps TO ${role}; GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA hr TO ${role}`);
    try {
      const e4 = await t.throwsAsync(w.cloudSql.begin(async (tx) => {
        await tx.unsafe(`SET LOCAL ROLE ${role}`);
        await tx`SET LOCAL eps.sync = 'on'`;
        await tx`UPDATE hr.centra SET cnt_nazwa = 'Przejęte' WHERE tenant_id = ${tenant}`;
      }));
      t.is((e4 as { code?: string }).code, 'EPC37', String(e4));
    } finally {
      await w.cloudSql.unsafe(`REVOKE ALL ON ALL TABLES IN SCHEMA hr FROM ${role}; REVOKE ALL ON SCHEMA hr, eps FROM ${role}; DROP ROLE ${role}`);
    }
    await w.company`UPDATE CDN.Centra SET CNT_Nazwa = 'Centrum po zmianie' WHERE CNT_CntId = (SELECT min(CNT_CntId) FROM CDN.Centra)`;
    await w.company`UPDATE CDN.PracEtaty SET PRE_CntId = (SELECT max(CNT_CntId) FROM CDN.Centra) WHERE PRE_PreId = (SELECT min(PRE_PreId) FROM CDN.PracEtaty)`;
    await w.sync();
    await w.assertEqual(t);
    await w.sync(true);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a crash between the ERP apply and the cloud acknowledgement gives no duplicate absence', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    const request = await approvedAbsence(w, tenant, emp, manager, '2027-05-04', '2027-05-05');
    const deps = { erp: w.services.erp, cloud: w.services.cloud, tenantId: tenant, log: quietLog };
    await t.throwsAsync(pushCloudEdits(deps, { afterErpCommit: () => { throw new Error('runner killed'); } }), { message: 'runner killed' });
    const [sent] = await w.cloudSql`SELECT status FROM eps.cloud_edits WHERE entity_id = ${request} AND kind = 'absence'`;
    t.is(sent.status, 'sent');
    t.is((await erpAbsences(w, emp, '2027-05-04')).length, 1);
    await w.sync();
    t.is((await erpAbsences(w, emp, '2027-05-04')).length, 1, 'applied once');
    const [done] = await w.cloudSql`SELECT status, erp_id FROM eps.cloud_edits WHERE entity_id = ${request} AND kind = 'absence'`;
    t.is(done.status, 'applied');
    t.deepEqual(await cloudAbsences(w, tenant, emp, '2027-05-04'), await erpAbsences(w, emp, '2027-05-04'));
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a full sync with unsent cloud edits loses none of them', async (t) => {
  const { w, tenant, emp, manager, other } = await setUp();
  try {
    await approvedAbsence(w, tenant, emp, manager, '2027-06-07', '2027-06-08');
    await w.cloudSql`SELECT eps.set_contact(${tenant}, ${other}, 'jan.kowalski@demofirma.pl', '+48 600 100 200', '12B')`;
    await w.cloudSql`INSERT INTO eps.cloud_edits (tenant_id, kind, entity_id, pra_id, payload)
      VALUES (${tenant}, 'absence', 999001, ${emp}, ${w.cloudSql.json({ tnbid: VACATION, datefrom: '2027-06-20', dateto: '2027-06-10', fullday: 1 })})`;
    const r = await w.sync(true);
    t.is(r.kind, 'full');
    const edits = await w.cloudSql`SELECT kind, status FROM eps.cloud_edits ORDER BY id`;
    t.deepEqual(edits.map((e) => `${e.kind}:${e.status}`), ['absence:applied', 'contact:applied', 'absence:rejected']);
    const [c] = await w.cloudSql`SELECT outcome, reason FROM eps.conflicts`;
    t.is(c.outcome, 'rejected');
    t.regex(c.reason, /ends .* before it starts/);
    t.is((await cloudAbsences(w, tenant, emp, '2027-06-07')).length, 1);
    const [k] = await w.cloudSql`SELECT pra_epemail, pra_eptelefon, pra_epnrpokoju FROM hr.prackod WHERE tenant_id = ${tenant} AND pra_praid = ${other}`;
    t.deepEqual({ ...k }, { pra_epemail: 'jan.kowalski@demofirma.pl', pra_eptelefon: '+48 600 100 200', pra_epnrpokoju: '12B' });
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('bad input from the cloud is rejected with a reason while the rest of the batch applies', async (t) => {
  const { w, tenant, emp, manager, other } = await setUp();
  try {
    const [arch] = await w.company`SELECT max(PRA_PraId) AS id FROM CDN.PracKod`;
    await w.company`UPDATE CDN.PracKod SET PRA_Archiwalny = 1 WHERE PRA_PraId = ${arch.id}`;
    const own = await approvedAbsence(w, tenant, emp, manager, '2027-07-05', '2027-07-09');
    await w.sync();
    const edit = (kind: string, pra: number, payload: Record<string, unknown>) => w.cloudSql`
      INSERT INTO eps.cloud_edits (tenant_id, kind, entity_id, pra_id, payload)
      VALUES (${tenant}, ${kind}, (SELECT coalesce(max(entity_id), 0) + 1000 FROM eps.cloud_edits), ${pra}, ${w.cloudSql.json(payload as never)}) RETURNING id`;
    const cases: [string, RegExp][] = [];
    const add = async (kind: string, pra: number, payload: Record<string, unknown>, reason: RegExp) => {
      const [r] = await edit(kind, pra, payload);
      cases.push([String(r.id), reason]);
    };
    await add('absence', other, { tnbid: 999, datefrom: '2027-08-02', dateto: '2027-08-02', fullday: 1 }, /Absence type 999 does not exist/);
    await add('absence', other, { tnbid: VACATION, datefrom: '2027-08-10', dateto: '2027-08-03', fullday: 1 }, /ends .* before it starts/);
    await add('absence', other, { tnbid: VACATION, datefrom: '2027-08-11', dateto: '2027-08-11', fullday: 0, hours: 25 }, /25 hours does not fit in a day/);
    await add('work_time', other, { day: '2027-08-12', ranges: [{ from: '00:00', to: '20:00' }, { from: '20:00', to: '23:00' }, { from: '23:00', to: '02:00' }] }, /more than 24 hours/);
    await add('work_time', other, { day: '2027-08-19', ranges: [{ from: '08:00' }] }, /not a range of hours \(HH:MM\)/);
    await add('work_time', other, { day: '2027-08-20', ranges: [{ from: '25:00', to: '26:00' }] }, /not a range of hours \(HH:MM\)/);
    await add('absence', Number(arch.id), { tnbid: VACATION, datefrom: '2027-08-13', dateto: '2027-08-13', fullday: 1 }, /archived/);
    await add('absence', emp, { tnbid: VACATION, datefrom: '2027-07-08', dateto: '2027-07-12', fullday: 1 }, /already have another absence from e-Pracownik/);
    await add('trip', other, { year: 2027, nr: 901, datefrom: '2027-08-16', dateto: '2027-08-17', destination: 'Kijów', purpose: 'Targi', currency: 'ГРН', isforeign: 1 }, /code page/);
    const [good] = await edit('work_time', other, { day: '2027-08-18', ranges: [{ from: '08:00', to: '12:00', zone: 1, dzl: 1, prj: 0, note: 'Przegląd maszyn – żółć' }, { from: '12:30', to: '16:30', zone: 1, dzl: 1, prj: 0, note: '' }] });
    await w.sync();
    for (const [id, reason] of cases) {
      const [e] = await w.cloudSql`SELECT status, reason FROM eps.cloud_edits WHERE id = ${id}`;
      t.is(e.status, 'rejected', `edit ${id}`);
      t.regex(e.reason ?? '', reason);
    }
    const [g] = await w.cloudSql`SELECT status, erp_id FROM eps.cloud_edits WHERE id = ${good.id}`;
    t.is(g.status, 'applied');
    const hours = await w.cloudSql`SELECT pgr_odgodziny::text AS f, pgr_uwagi AS u FROM hr.pracpracadnigodz WHERE tenant_id = ${tenant} AND pgr_pprid = ${g.erp_id} ORDER BY pgr_lp`;
    t.deepEqual(hours.map((h) => h.f), ['08:00:00', '12:30:00']);
    t.is(hours[0]!.u, 'Przegląd maszyn – żółć');
    const [{ n }] = await w.cloudSql`SELECT count(*)::int AS n FROM eps.conflicts WHERE outcome = 'rejected'`;
    t.is(n, cases.length);
    t.truthy(own);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('portal functions check their input and raise our codes', async (t) => {
  const { w, tenant, emp, manager, other } = await setUp();
  try {
    const code = async (q: Promise<unknown>) => ((await t.throwsAsync(q)) as { code?: string }).code;
    t.is(await code(w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, 999, '2027-09-01', '2027-09-01')`), 'EPC31');
    t.is(await code(w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${VACATION}, '2027-09-05', '2027-09-01')`), 'EPC32');
    t.is(await code(w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${VACATION}, '2027-09-01', '2027-09-01', false, 30)`), 'EPC33');
    const id = await approvedAbsence(w, tenant, emp, manager, '2027-09-01', '2027-09-03');
    t.is(await code(w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${VACATION}, '2027-09-03', '2027-09-04')`), 'EPC34');
    t.is(await code(w.cloudSql`SELECT eps.decide_absence(${tenant}, ${id}::bigint, ${manager}, true)`), 'EPC36');
    const [{ id: id2 }] = await w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${VACATION}, '2027-09-10', '2027-09-10') AS id`;
    t.is(await code(w.cloudSql`SELECT eps.decide_absence(${tenant}, ${id2}::bigint, ${emp}, true)`), 'EPC35');
    t.is(await code(w.cloudSql`SELECT eps.cancel_absence(${tenant}, ${id2}::bigint, ${other})`), 'EPC35');
    t.is(await code(w.cloudSql`SELECT eps.set_contact(${tenant}, ${emp}, 'not-an-address', '', '')`), 'EPC38');
    t.is(await code(w.cloudSql`SELECT eps.submit_trip(${tenant}, ${emp}, '2027-09-01', '2027-09-02', 'Kijów', 'Targi', 'ГРН')`), 'EPC39');
    t.is(await code(w.cloudSql`SELECT eps.record_work_time(${tenant}, ${emp}, '2027-09-01', ${w.cloudSql.json([{ from: '00:00', to: '23:00' }, { from: '23:00', to: '01:00' }])}, ${emp})`), 'EPC33');
  } finally { await w.close(); }
});

test('an absence request tells the manager; the decision and a cancellation tell the employee (mail notifications in the same transaction)', async (t) => {
  const { w, tenant, emp, manager } = await setUp();
  try {
    await w.cloudSql`UPDATE hr.prackod SET pra_epemail = CASE pra_praid WHEN ${emp} THEN 'pracownik@firma.pl' WHEN ${manager} THEN 'kierownik@firma.pl' END
      WHERE tenant_id = ${tenant} AND pra_praid IN (${emp}, ${manager})`;
    const mails = async () => (await w.cloudSql`SELECT kind, recipient_address AS to_address, subject FROM eps.notifications WHERE tenant_id = ${tenant} ORDER BY id`)
      .map((r) => [r.kind, r.to_address, r.subject] as const);
    const [{ id }] = await w.cloudSql`SELECT eps.submit_absence(${tenant}, ${emp}, ${VACATION}, '2027-05-04'::date, '2027-05-05'::date) AS id`;
    let m = await mails();
    t.is(m.length, 1);
    t.deepEqual(m[0].slice(0, 2), ['absence_submitted', 'kierownik@firma.pl']);
    t.regex(m[0][2], /04\.05\.2027/);
    await w.cloudSql`SELECT eps.decide_absence(${tenant}, ${id}::bigint, ${manager}, true)`;
    await w.cloudSql`SELECT eps.cancel_absence(${tenant}, ${id}::bigint, ${emp})`;
    m = await mails();
    t.deepEqual(m.map((x) => x.slice(0, 2)), [['absence_submitted', 'kierownik@firma.pl'], ['absence_decided', 'pracownik@firma.pl'], ['absence_decided', 'pracownik@firma.pl']]);
    const [rejected] = await w.cloudSql`SELECT count(*)::int AS n FROM eps.absence_requests WHERE id = ${id} AND status = 'cancelled'`;
    t.is(rejected.n, 1);
  } finally { await w.close(); }
});
