// Compares the ERP (PostgreSQL stand-in) with the cloud copy table by table: row count and an
// order-independent checksum of every row after the type mapping. The ERP side applies the
// mapping of docs/type-mapping.md here, written independently of the cloud's mapping functions.
import type postgres from 'postgres';
import { trackedTables, type TrackedColumn, type TrackedTable } from '../catalogue/tables.js';

function erpExpr(c: TrackedColumn): string {
  const v = c.erpName;
  switch (c.meaning) {
    case 'date': return `to_char(CASE WHEN ${v} = '1899-12-30' OR ${v} >= '2999-12-31' THEN NULL ELSE ${v} END, 'YYYY-MM-DD')`;
    case 'timestamp': return `to_char(CASE WHEN ${v} = '1899-12-30' OR ${v} >= '2999-12-31' THEN NULL ELSE ${v} END, 'YYYY-MM-DD HH24:MI:SS.MS')`;
    case 'time': return `to_char(${v}, 'HH24:MI:SS.MS')`;
    case 'duration': return `extract(epoch FROM ${v} - timestamp '1899-12-30')::numeric(20,3)::text`;
    default: return `${v}::text`;
  }
}

function cloudExpr(c: TrackedColumn): string {
  const v = c.cloudName;
  switch (c.meaning) {
    case 'date': return `to_char(${v}, 'YYYY-MM-DD')`;
    case 'timestamp': return `to_char(${v}, 'YYYY-MM-DD HH24:MI:SS.MS')`;
    case 'time': return `to_char(${v}, 'HH24:MI:SS.MS')`;
    case 'duration': return `extract(epoch FROM ${v})::numeric(20,3)::text`;
    default: return `${v}::text`;
  }
}

const rowText = (exprs: string[]) => exprs.map((e) => `coalesce(${e}, '\\N')`).join(` || '|' || `);

export interface TableComparison { table: string; erpRows: number; cloudRows: number; erpChecksum: string; cloudChecksum: string; equal: boolean }

async function one(erp: postgres.Sql, cloud: postgres.Sql, tenantId: number, t: TrackedTable): Promise<TableComparison> {
  const [e] = await erp.unsafe(`SELECT count(*)::bigint AS n, coalesce(sum(hashtextextended(${rowText(t.columns.map(erpExpr))}, 7)::numeric), 0)::text AS h FROM CDN.${t.name}`);
  const [c] = await cloud.unsafe(`SELECT count(*)::bigint AS n, coalesce(sum(hashtextextended(${rowText(t.columns.map(cloudExpr))}, 7)::numeric), 0)::text AS h FROM hr.${t.cloudTable} WHERE tenant_id = $1`, [tenantId]);
  return {
    table: t.name, erpRows: Number(e.n), cloudRows: Number(c.n), erpChecksum: e.h, cloudChecksum: c.h,
    equal: Number(e.n) === Number(c.n) && e.h === c.h,
  };
}

export async function compareErpAndCloud(erp: postgres.Sql, cloud: postgres.Sql, tenantId: number, tables = trackedTables): Promise<TableComparison[]> {
  return Promise.all(tables.map((t) => one(erp, cloud, tenantId, t)));
}

export function formatComparison(rows: TableComparison[]): string {
  const w = Math.max(...rows.map((r) => r.table.length));
  const head = `${'table'.padEnd(w)}  ${'ERP rows'.padStart(9)}  ${'cloud rows'.padStart(10)}  ${'ERP checksum'.padStart(22)}  ${'cloud checksum'.padStart(22)}  same`;
  return [head, ...rows.map((r) => `${r.table.padEnd(w)}  ${String(r.erpRows).padStart(9)}  ${String(r.cloudRows).padStart(10)}  ${r.erpChecksum.slice(-22).padStart(22)}  ${r.cloudChecksum.slice(-22).padStart(22)}  ${r.equal ? 'yes' : 'NO'}`)].join('\n');
}
