import test from 'ava';
import { world } from './_helpers/sync.js';
import { trackedTables } from '../src/catalogue/tables.js';
import { runSync } from '../src/runner/app.js';
import type { ProgressEvent } from '../src/runner/progress.js';

test('the first sync ever is full, and it copies every HR-scope table exactly (count and checksum after the type mapping)', async (t) => {
  const w = await world();
  try {
    const r = await w.sync();
    t.is(r.kind, 'full');
    t.is(r.reason, 'first sync');
    t.true(r.rowsToCloud > 1000);
    await w.assertEqual(t);
    const counts = await w.services.cloud.rowCounts(w.services.tenantId);
    t.deepEqual(trackedTables.filter((x) => (counts.get(x.name) ?? 0) === 0).map((x) => x.name), [], 'every table has rows in the template firm');
  } finally { await w.close(); }
});

test('the type mapping: dates as date, hours as time, durations as interval, open end and empty as NULL', async (t) => {
  const w = await world();
  try {
    const [e] = await w.company`SELECT PNB_PnbId AS id FROM CDN.PracNieobec ORDER BY PNB_PnbId LIMIT 1`;
    await w.company`UPDATE CDN.PracNieobec SET PNB_OkresOd = '2026-02-09', PNB_OkresDo = '2999-12-31', PNB_Calodzienna = 0,
      PNB_Godz = '1899-12-30 04:30', PNB_ZwolnWystawione = '1899-12-30' WHERE PNB_PnbId = ${e.id}`;
    const [pgr] = await w.company`SELECT PGR_PgrId AS id FROM CDN.PracPracaDniGodz ORDER BY PGR_PgrId LIMIT 1`;
    await w.company`UPDATE CDN.PracPracaDniGodz SET PGR_OdGodziny = '1899-12-30 22:00', PGR_DoGodziny = '1899-12-30 06:00' WHERE PGR_PgrId = ${pgr.id}`;
    await w.sync(true);
    const [c] = await w.cloudSql`SELECT pnb_okresod::text AS od, pnb_okresdo AS do, pnb_godz::text AS godz, pnb_zwolnwystawione AS zw,
      pg_typeof(pnb_okresod)::text AS t1, pg_typeof(pnb_godz)::text AS t2 FROM hr.pracnieobec WHERE pnb_pnbid = ${e.id}`;
    t.deepEqual(c, { od: '2026-02-09', do: null, godz: '04:30:00', zw: null, t1: 'date', t2: 'interval' });
    const [g] = await w.cloudSql`SELECT pgr_odgodziny::text AS od, pgr_dogodziny::text AS do, pg_typeof(pgr_odgodziny)::text AS t FROM hr.pracpracadnigodz WHERE pgr_pgrid = ${pgr.id}`;
    t.deepEqual(g, { od: '22:00:00', do: '06:00:00', t: 'time without time zone' });
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('Polish text in varchar and nvarchar columns arrives unchanged', async (t) => {
  const w = await world();
  try {
    const nv = 'Zażółć gęślą jaźń – Łukasz Brzęczyszczykiewicz';
    const v = 'Łódź, ul. Źródlana';
    const [p] = await w.company`UPDATE CDN.PracEtaty SET PRE_Nazwisko = ${nv.slice(0, 40)}, PRE_KategoriaOpis = ${v}
      WHERE PRE_PreId = (SELECT min(PRE_PreId) FROM CDN.PracEtaty) RETURNING PRE_PreId AS id`;
    const [d] = await w.company`UPDATE CDN.Dzialy SET DZL_Kod = 'DZIAŁ-ŻÓŁTY', DZL_Nazwa = ${nv} WHERE DZL_DzlId = (SELECT max(DZL_DzlId) FROM CDN.Dzialy) RETURNING DZL_DzlId AS id`;
    await w.sync();
    await w.sync();
    const [c] = await w.cloudSql`SELECT pre_nazwisko, pre_kategoriaopis FROM hr.pracetaty WHERE pre_preid = ${p.id}`;
    t.is(c.pre_nazwisko, nv.slice(0, 40));
    t.is(c.pre_kategoriaopis, v);
    const [cd] = await w.cloudSql`SELECT dzl_kod, dzl_nazwa FROM hr.dzialy WHERE dzl_dzlid = ${d.id}`;
    t.deepEqual({ ...cd }, { dzl_kod: 'DZIAŁ-ŻÓŁTY', dzl_nazwa: nv });
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a full sync replaces the cloud copy: rows that disappeared from the ERP are gone from the cloud', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const [x] = await w.cloudSql`SELECT count(*)::int AS n FROM hr.pracnieobec`;
    // rows the ERP never had (e.g. left over from an earlier life of the tenant) vanish
    await w.cloudSql`UPDATE hr.pracnieobec SET pnb_opis = 'cloud only edit'`;
    await w.cloudSql`DELETE FROM hr.dzialy WHERE dzl_dzlid = (SELECT max(dzl_dzlid) FROM hr.dzialy)`;
    const r = await w.sync(true);
    t.is(r.kind, 'full');
    t.true(x.n > 0);
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a full and a differential sync report the seed\'s stages, per table, up to every row', async (t) => {
  const w = await world();
  try {
    const events: ProgressEvent[] = [];
    const r = await runSync(w.services, { progress: (e) => events.push(e) });
    t.is(r.kind, 'full');
    const stages = [...new Set(events.map((e) => e.stage))];
    t.deepEqual(stages, ['reading the ERP', 'sending', 'saving in the cloud'], 'no cloud edits to take in first');
    const sentPerTable = new Map(events.filter((e) => e.stage === 'sending').map((e) => [e.table!, e]));
    t.is(sentPerTable.size, trackedTables.length, 'every table reports its rows');
    for (const [table, last] of sentPerTable) t.is(last.done as number | undefined, last.total, `${table}: all rows of the total were sent`);
    t.is(events.at(-1)!.done, r.rowsToCloud);

    await w.company`UPDATE CDN.PracKod SET PRA_EPTelefon = '600 100 200' WHERE PRA_PraId = (SELECT min(PRA_PraId) FROM CDN.PracKod)`;
    const tenant = w.services.tenantId;
    const [other] = await w.cloudSql`SELECT max(pra_praid) AS id FROM hr.prackod WHERE tenant_id = ${tenant} AND pra_archiwalny = 0`;
    await w.cloudSql`SELECT eps.set_contact(${tenant}, ${other.id}, 'nowy@firma.pl', '', '')`;
    const diffEvents: ProgressEvent[] = [];
    await runSync(w.services, { progress: (e) => diffEvents.push(e) });
    t.deepEqual([...new Set(diffEvents.map((e) => e.stage))],
      ['reading the ERP', 'sending', 'saving in the cloud', 'acknowledging', 'reading the cloud', 'saving in the ERP']);
  } finally { await w.close(); }
});

test('the printouts\' password (PRA_HasloDoWydrukow) never leaves the firm, in a full page or a delta', async (t) => {
  const w = await world();
  try {
    await w.company`UPDATE CDN.PracKod SET PRA_HasloDoWydrukow = 'tajne-hasło-42'`;
    const [page] = await w.services.erp.call('EPS_ExtractFullPage', { TableName: 'PracKod', AfterKey: 0, PageSize: 10_000 });
    t.true(page.RowCount > 0);
    t.false(/haslodowydrukow|tajne-hasło/i.test(page.RowsJson));
    t.true(/pra_epemail/i.test(page.RowsJson), 'the other columns are there');

    await w.company`UPDATE CDN.PracKod SET PRA_EPTelefon = '600 100 200', PRA_HasloDoWydrukow = 'inne-hasło-43' WHERE PRA_PraId = (SELECT min(PRA_PraId) FROM CDN.PracKod)`;
    const [batch] = await w.services.erp.call('EPS_ClaimDelta', { MaxChanges: 1000 });
    const [delta] = await w.services.erp.call('EPS_ExtractDelta', { BatchId: batch.BatchId, TableName: 'PracKod' });
    t.is(delta.Upserts, 1);
    t.false(/haslodowydrukow|hasło/i.test(delta.UpsertsJson));
    t.regex(delta.UpsertsJson, /600 100 200/);
  } finally { await w.close(); }
});
