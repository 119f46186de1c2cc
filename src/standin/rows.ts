// Small helpers to edit the stand-in ERP the way Optima would: used by the demo and tests.
import type postgres from 'postgres';
import { optimaTables } from '../catalogue/tables.js';

/**
 * Inserts a copy of an existing row of CDN.<table> with some columns changed, letting the
 * identity give the new key. Returns the new key. Column names are Optima's (any case).
 */
export async function cloneRow(sql: postgres.Sql | postgres.TransactionSql, table: string, fromKey: number, overrides: Record<string, unknown>): Promise<number> {
  const t = optimaTables[table];
  if (!t) throw new Error(`CDN.${table} is not in the stand-in`);
  const over = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const cols = t.columns.filter((c) => c.name !== t.key && !c.computed);
  const values: unknown[] = [];
  const select = cols.map((c) => {
    if (!over.has(c.name.toLowerCase())) return c.name;
    values.push(over.get(c.name.toLowerCase()));
    return `$${values.length}`;
  });
  values.push(fromKey);
  const [row] = await sql.unsafe(
    `INSERT INTO CDN.${table} (${cols.map((c) => c.name).join(', ')}) SELECT ${select.join(', ')} FROM CDN.${table} WHERE ${t.key} = $${values.length} RETURNING ${t.key} AS key`,
    values as never[]);
  if (!row) throw new Error(`CDN.${table} has no row ${fromKey} to copy`);
  return Number(row.key);
}

/** Adds an employee (PracKod, Pracidx, PracEtaty) modelled on an existing one. */
export async function addEmployee(sql: postgres.Sql, model: number, e: { kod: string; imie: string; nazwisko: string; from: string }): Promise<number> {
  return sql.begin(async (tx) => {
    const praId = await cloneRow(tx, 'PracKod', model, { PRA_Kod: e.kod, PRA_Archiwalny: 0, PRA_ImportRowId: null });
    const [pri] = await tx`SELECT PRI_PriId AS id FROM CDN.Pracidx WHERE PRI_PraId = ${model} ORDER BY PRI_PriId LIMIT 1`;
    if (pri) await cloneRow(tx, 'Pracidx', pri.id, { PRI_PraId: praId, PRI_Kod: e.kod, PRI_Imie1: e.imie, PRI_Nazwisko: e.nazwisko, PRI_Archiwalny: 0, PRI_ImportRowId: null });
    const [pre] = await tx`SELECT PRE_PreId AS id FROM CDN.PracEtaty WHERE PRE_PraId = ${model} ORDER BY PRE_DataOd DESC LIMIT 1`;
    if (pre) {
      await cloneRow(tx, 'PracEtaty', pre.id, {
        PRE_PraId: praId, PRE_Kod: e.kod, PRE_Imie1: e.imie, PRE_Nazwisko: e.nazwisko, PRE_DataOd: e.from,
        PRE_DataDo: '2999-12-31', PRE_ImportRowId: null, PRE_ZatrudnionyOd: e.from, PRE_ZatrudnionyDo: '2999-12-31',
      });
    }
    return praId;
  });
}
