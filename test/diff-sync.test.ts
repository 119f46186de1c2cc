import test from 'ava';
import { world } from './_helpers/sync.js';
import { copyRow, updatableColumn } from './_helpers/edits.js';
import { trackedTables } from '../src/catalogue/tables.js';
import { addEmployee } from '../src/standin/rows.js';
import { startWorker } from '../src/cloud/worker.js';

test('differential sync carries an insert, an update and a delete on every tracked table', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const added = new Map<string, number>();
    for (const [i, tt] of trackedTables.entries()) added.set(tt.name, await copyRow(w.company, tt, i + 1));
    let r = await w.sync();
    t.is(r.kind, 'diff');
    t.is(r.rowsToCloud, trackedTables.length, 'one insert per table');
    await w.assertEqual(t);

    for (const [i, tt] of trackedTables.entries()) {
      const col = updatableColumn(tt);
      await w.company.unsafe(`UPDATE CDN.${tt.name} SET ${col.name} = $1 WHERE ${tt.key} = $2`, [col.value(i + 7) as never, added.get(tt.name)!]);
    }
    r = await w.sync();
    t.is(r.rowsToCloud, trackedTables.length, 'one update per table');
    await w.assertEqual(t);

    for (const tt of [...trackedTables].reverse()) {
      await w.company.unsafe(`DELETE FROM CDN.${tt.name} WHERE ${tt.key} = $1`, [added.get(tt.name)!]);
    }
    r = await w.sync();
    t.is(r.rowsToCloud, trackedTables.length, 'one delete per table');
    await w.assertEqual(t);
    for (const tt of trackedTables) {
      const [c] = await w.cloudSql.unsafe(`SELECT count(*)::int AS n FROM hr.${tt.cloudTable} WHERE ${tt.cloudKey} = $1`, [added.get(tt.name)!]);
      t.is(c.n, 0, `${tt.name} row deleted in the cloud`);
    }
  } finally { await w.close(); }
});

test('NULL → value → NULL is delivered both times', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const [p] = await w.company`SELECT min(PNB_PnbId) AS id FROM CDN.PracNieobec`;
    const cloudValue = async () => (await w.cloudSql`SELECT pnb_zwolnwystawione::text AS v, pnb_kodnieobecnosci AS k FROM hr.pracnieobec WHERE pnb_pnbid = ${p.id}`)[0];
    await w.company`UPDATE CDN.PracNieobec SET PNB_ZwolnWystawione = NULL, PNB_KodNieobecnosci = NULL WHERE PNB_PnbId = ${p.id}`;
    await w.sync();
    t.deepEqual({ ...(await cloudValue()) }, { v: null, k: null });
    await w.company`UPDATE CDN.PracNieobec SET PNB_ZwolnWystawione = '2026-03-04', PNB_KodNieobecnosci = 'A' WHERE PNB_PnbId = ${p.id}`;
    await w.sync();
    t.deepEqual({ ...(await cloudValue()) }, { v: '2026-03-04', k: 'A' });
    await w.company`UPDATE CDN.PracNieobec SET PNB_ZwolnWystawione = NULL, PNB_KodNieobecnosci = NULL WHERE PNB_PnbId = ${p.id}`;
    const r = await w.sync();
    t.is(r.rowsToCloud, 1);
    t.deepEqual({ ...(await cloudValue()) }, { v: null, k: null });
  } finally { await w.close(); }
});

test('an update that changes nothing sends nothing', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const [{ n: before }] = await w.company`SELECT count(*)::int AS n FROM CDN.EPS_ChangeLog`;
    await w.company`UPDATE CDN.PracEtaty SET PRE_Nazwisko = PRE_Nazwisko`;
    await w.company`UPDATE CDN.PracPracaDniGodz SET PGR_OdGodziny = PGR_OdGodziny, PGR_Uwagi = PGR_Uwagi`;
    const [{ n: after }] = await w.company`SELECT count(*)::int AS n FROM CDN.EPS_ChangeLog`;
    t.is(after, before);
    const r = await w.sync();
    t.is(r.batches, 0);
    t.is(r.rowsToCloud, 0);
  } finally { await w.close(); }
});

test('deleting a parent and its children in one transaction works', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const [d] = await w.company`SELECT PPR_PprId AS id FROM CDN.PracPracaDni WHERE EXISTS (SELECT 1 FROM CDN.PracPracaDniGodz WHERE PGR_PprId = PPR_PprId) LIMIT 1`;
    const [z] = await w.company`SELECT PZE_PzeId AS id FROM CDN.PracZestaw WHERE EXISTS (SELECT 1 FROM CDN.PracZestawElem WHERE PZD_PzeId = PZE_PzeId) LIMIT 1`;
    await w.company.begin(async (tx) => {
      await tx`DELETE FROM CDN.PracPracaDniGodz WHERE PGR_PprId = ${d.id}`;
      await tx`DELETE FROM CDN.PracPracaDni WHERE PPR_PprId = ${d.id}`;
      await tx`DELETE FROM CDN.PracZestawElem WHERE PZD_PzeId = ${z.id}`;
      await tx`DELETE FROM CDN.PracZestaw WHERE PZE_PzeId = ${z.id}`;
    });
    await w.sync();
    const [c] = await w.cloudSql`SELECT (SELECT count(*) FROM hr.pracpracadnigodz WHERE pgr_pprid = ${d.id})::int AS children,
      (SELECT count(*) FROM hr.pracpracadni WHERE ppr_pprid = ${d.id})::int AS parent`;
    t.deepEqual({ ...c }, { children: 0, parent: 0 });
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('inserting a child before its parent in one transaction works', async (t) => {
  const w = await world();
  try {
    await w.sync();
    // KalendDniGodz has no declared foreign key to KalendDni in Optima, so Optima can write the hours first.
    await w.company.begin(async (tx) => {
      const [{ id }] = await tx`SELECT max(KAD_KadId) + 1000 AS id FROM CDN.KalendDni`;
      const [g] = await tx`SELECT KDG_KdgId AS k FROM CDN.KalendDniGodz LIMIT 1`;
      const [day] = await tx`SELECT KAD_KadId AS k, KAD_KalId AS kal FROM CDN.KalendDni LIMIT 1`;
      await tx`INSERT INTO CDN.KalendDniGodz (KDG_DoGodziny, KDG_DzlId, KDG_KadId, KDG_Lp, KDG_OdGodziny, KDG_PrjId, KDG_Strefa)
               SELECT KDG_DoGodziny, KDG_DzlId, ${id}, KDG_Lp, KDG_OdGodziny, KDG_PrjId, KDG_Strefa FROM CDN.KalendDniGodz WHERE KDG_KdgId = ${g.k}`;
      await tx`INSERT INTO CDN.KalendDni (KAD_KadId, KAD_Data, KAD_KalId, KAD_OdwId, KAD_OpeModKod, KAD_OpeModNazwisko, KAD_OpeZalKod, KAD_OpeZalNazwisko, KAD_TS_Mod, KAD_TS_Zal, KAD_TypDnia)
               VALUES (${id}, '2091-05-05', ${day.kal}, NULL, '', '', '', '', localtimestamp, localtimestamp, 1)`;
    });
    await w.sync();
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('a change committed by a transaction still open when the batch was claimed is delivered by the next sync', async (t) => {
  const w = await world();
  try {
    await w.sync();
    const open = await w.company.reserve();
    try {
      await open`BEGIN`;
      const [p] = await open`UPDATE CDN.PracNieobec SET PNB_Opis = 'zapisane później' WHERE PNB_PnbId = (SELECT min(PNB_PnbId) FROM CDN.PracNieobec) RETURNING PNB_PnbId AS id`;
      // meanwhile another change commits and a sync runs
      await w.company`UPDATE CDN.Dzialy SET DZL_Nazwa = 'Dział wcześniejszy' WHERE DZL_DzlId = (SELECT min(DZL_DzlId) FROM CDN.Dzialy)`;
      const first = await w.sync();
      t.is(first.rowsToCloud, 1);
      await open`COMMIT`;
      const [before] = await w.cloudSql`SELECT pnb_opis FROM hr.pracnieobec WHERE pnb_pnbid = ${p.id}`;
      t.not(before.pnb_opis, 'zapisane później');
      const second = await w.sync();
      t.is(second.rowsToCloud, 1);
      const [after] = await w.cloudSql`SELECT pnb_opis FROM hr.pracnieobec WHERE pnb_pnbid = ${p.id}`;
      t.is(after.pnb_opis, 'zapisane później');
      await w.assertEqual(t);
    } finally { open.release(); }
  } finally { await w.close(); }
});

test('seed example: full sync at 10:00; Jan Nowak added at 11:30 is not in the cloud until the 12:00 differential sync, and is there after it', async (t) => {
  const w = await world();
  try {
    const full = await w.sync(); // 10:00
    t.is(full.kind, 'full');
    const [model] = await w.company`SELECT min(PRA_PraId) AS id FROM CDN.PracKod WHERE PRA_Archiwalny = 0`;
    const praId = await addEmployee(w.company, model.id, { kod: 'JNOWAK', imie: 'Jan', nazwisko: 'Nowak', from: '2026-12-03' }); // 11:30
    const inCloud = async () => (await w.cloudSql`SELECT count(*)::int AS n FROM hr.pracetaty WHERE pre_praid = ${praId} AND pre_imie1 = 'Jan' AND pre_nazwisko = 'Nowak'`)[0].n;
    t.is(await inCloud(), 0, 'not in e-Pracownik before the next sync');
    const diff = await w.sync(); // 12:00
    t.is(diff.kind, 'diff');
    t.is(await inCloud(), 1, 'in e-Pracownik after the 12:00 sync');
    await w.assertEqual(t);
  } finally { await w.close(); }
});

test('one tenant\'s batches are applied one at a time, in the order they were sent, however many workers run', async (t) => {
  const w = await world({ worker: false });
  const workers = [await startWorker(w.config.cloudUrl)];
  try {
    await w.sync();
    await workers.pop()!.stop();
    // Every apply of a department row is logged with the wall clock before and after a pause.
    await w.cloudSql.unsafe(`
      CREATE TABLE public.apply_log (batch text, phase text, at timestamptz DEFAULT clock_timestamp());
      CREATE FUNCTION public.log_apply() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        INSERT INTO public.apply_log (batch, phase) VALUES (NEW.dzl_nazwa, 'start');
        PERFORM pg_sleep(0.2);
        INSERT INTO public.apply_log (batch, phase) VALUES (NEW.dzl_nazwa, 'end');
        RETURN NEW;
      END $f$;
      CREATE TRIGGER log_apply AFTER INSERT OR UPDATE ON hr.dzialy FOR EACH ROW EXECUTE FUNCTION public.log_apply();`);
    const departments = await w.company`SELECT DZL_DzlId AS id FROM CDN.Dzialy ORDER BY DZL_DzlId LIMIT 4`;
    const guids: string[] = [];
    for (const [i, d] of departments.entries()) {
      // a runner sends a batch; the next one goes before the cloud has applied it
      await w.company`UPDATE CDN.Dzialy SET DZL_Nazwa = ${`batch ${i + 1}`} WHERE DZL_DzlId = ${d.id}`;
      const [batch] = await w.services.erp.call('EPS_ClaimDelta', { MaxChanges: 1000 });
      const [delta] = await w.services.erp.call('EPS_ExtractDelta', { BatchId: batch.BatchId, TableName: 'Dzialy' });
      await w.services.cloud.submitDelta(w.services.tenantId, batch.BatchGuid, [{ table: 'Dzialy', upsertsJson: delta.UpsertsJson, deletes: [] }]);
      await w.services.erp.call('EPS_AckBatch', { BatchId: batch.BatchId });
      guids.push(batch.BatchGuid);
    }
    workers.push(await startWorker(w.config.cloudUrl, { concurrency: 4 }), await startWorker(w.config.cloudUrl, { concurrency: 4 }));
    for (const g of guids) await w.services.cloud.waitApplied(w.services.tenantId, g, 60_000);
    const log = await w.cloudSql<{ batch: string; phase: string }[]>`SELECT batch, phase FROM public.apply_log ORDER BY at`;
    t.deepEqual(log.map((l) => `${l.batch} ${l.phase}`), departments.flatMap((_, i) => [`batch ${i + 1} start`, `batch ${i + 1} end`]),
      'each batch starts after the one before it has ended');
    await w.assertEqual(t);
  } finally {
    for (const x of workers) await x.stop();
    await w.close();
  }
});
