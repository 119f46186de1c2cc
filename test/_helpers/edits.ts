// Generic edits of any tracked table, for tests that must cover every table.
import type postgres from 'postgres';
import { optimaTables, type TrackedTable } from '../../src/catalogue/tables.js';
import { cloneRow } from '../../src/standin/rows.js';

/** Overrides that keep the table's unique indexes unique for the n-th copy of a row. */
export function uniqueOverrides(table: string, n: number): Record<string, unknown> {
  const t = optimaTables[table];
  const out: Record<string, unknown> = {};
  const byName = new Map(t.columns.map((c) => [c.name.toLowerCase(), c]));
  const fkCols = new Set(t.foreignKeys.map((f) => f.column.toLowerCase()));
  for (const idx of t.indexes.filter((i) => i.unique && !i.columns.some((c) => c.toLowerCase() === t.key.toLowerCase()))) {
    const cols = idx.columns.map((c) => byName.get(c.toLowerCase())!);
    const computed = cols.find((c) => c.computed);
    if (computed) { out[computed.name.replace('NumerPelny', 'NumerNr')] = 900000 + n; continue; }
    const text = cols.find((c) => /char/.test(c.type));
    if (text) {
      const len = Number(/\((\d+)\)/.exec(text.type)?.[1] ?? 20);
      out[text.name] = `T${n}${table}`.slice(0, Math.max(2, len));
      if (len < 4) out[text.name] = `${n}`.padStart(len, '9').slice(-len);
      continue;
    }
    const date = cols.find((c) => c.type === 'datetime');
    if (date) { out[date.name] = new Date(Date.UTC(2090, 0, 1 + n)).toISOString().slice(0, 10); continue; }
    const int = cols.find((c) => c.type === 'int' && !fkCols.has(c.name.toLowerCase()));
    if (int) out[int.name] = 900000 + n;
  }
  return out;
}

export async function anyKey(sql: postgres.Sql, t: TrackedTable): Promise<number> {
  const [r] = await sql.unsafe(`SELECT min(${t.key}) AS k FROM CDN.${t.name}`);
  if (r.k === null) throw new Error(`the template firm has no rows in ${t.name}`);
  return Number(r.k);
}

export async function copyRow(sql: postgres.Sql, t: TrackedTable, n: number): Promise<number> {
  return cloneRow(sql, t.name, await anyKey(sql, t), uniqueOverrides(t.name, n));
}

/** A column an update can change without touching keys, links or unique indexes. */
export function updatableColumn(t: TrackedTable): { name: string; value: (n: number) => unknown } {
  const o = optimaTables[t.name];
  const inIndex = new Set(o.indexes.flatMap((i) => i.columns.map((c) => c.toLowerCase())));
  const fk = new Set(o.foreignKeys.map((f) => f.column.toLowerCase()));
  const candidates = o.columns.filter((c) => c.name !== o.key && !c.computed && !inIndex.has(c.name.toLowerCase()) && !fk.has(c.name.toLowerCase())
    && !/Id$/i.test(c.name) && t.columns.some((x) => x.erpName === c.name));
  const text = candidates.find((c) => /nvarchar\((\d+)\)/.test(c.type) && Number(/\((\d+)\)/.exec(c.type)![1]) >= 10);
  if (text) return { name: text.name, value: (n) => `Zmiana ${n} żółć` };
  const num = candidates.find((c) => c.type === 'int' || c.type === 'smallint' || c.type === 'tinyint');
  if (num) return { name: num.name, value: (n) => n % 200 };
  const dt = candidates.find((c) => c.type === 'datetime');
  if (dt) return { name: dt.name, value: (n) => `2030-01-${String(1 + (n % 28)).padStart(2, '0')}` };
  throw new Error(`no updatable column in ${t.name}`);
}
