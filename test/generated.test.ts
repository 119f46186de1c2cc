import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { trackedTables } from '../src/catalogue/tables.js';
import { pgTrigger, mssqlTrigger } from '../scripts/gen-erp-triggers.js';

test('the capture triggers in sql/erp/triggers are what the catalogue generates (run scripts/gen-erp-triggers.ts)', (t) => {
  for (const tt of trackedTables) {
    t.is(readFileSync(`sql/erp/triggers/EPS_Capture_${tt.name}.pg.sql`, 'utf8'), pgTrigger(tt), `${tt.name} (pg)`);
    t.is(readFileSync(`sql/erp/triggers/EPS_Capture_${tt.name}.mssql.sql`, 'utf8'), mssqlTrigger(tt), `${tt.name} (mssql)`);
  }
  t.is(readdirSync('sql/erp/triggers').length, trackedTables.length * 2, 'no trigger file for an untracked table');
});

test('the T-SQL triggers compare every synchronised column, so an update that changes nothing records nothing', (t) => {
  const tt = trackedTables.find((x) => x.name === 'PracEtaty')!;
  const text = mssqlTrigger(tt);
  for (const c of tt.columns) {
    if (/char/.test(c.erpType)) t.true(text.includes(`CAST(i.${c.erpName} AS varbinary(max))`), `${c.erpName}: text compared as bytes (case, accents, trailing blanks count)`);
    else t.true(text.includes(`i.${c.erpName},`) || text.includes(`i.${c.erpName}\n`) || text.includes(`i.${c.erpName})`), c.erpName);
  }
  t.false(text.includes('PRA_HasloDoWydrukow'));
});
