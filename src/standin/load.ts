// Loads the stand-in Optima schema (sql/optima-standin) into empty PostgreSQL databases.
// Tests and the embedded default only: a real Optima already has its tables.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';
import { SQL_ROOT } from '../erp/installer.js';

export async function loadStandin(sql: postgres.Sql, database: 'company' | 'config'): Promise<void> {
  const dir = path.join(SQL_ROOT, 'optima-standin', database);
  await sql.begin(async (tx) => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) {
      await tx.unsafe(readFileSync(path.join(dir, f), 'utf8'));
    }
  });
}

export async function hasStandin(sql: postgres.Sql, database: 'company' | 'config'): Promise<boolean> {
  const probe = database === 'company' ? 'cdn.prackod' : 'cdn.bazy';
  const [r] = await sql`SELECT to_regclass(${probe}) IS NOT NULL AS ok`;
  return r.ok as boolean;
}
