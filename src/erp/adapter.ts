// An ERP adapter calls our procedures in the firm's company and configuration databases.
// Two implementations with one contract (src/erp/procedures.ts): SQL Server via `mssql`,
// PostgreSQL (the stand-in) via `postgres`. The URL's scheme chooses.
import { EpsError, fromSqlError } from '../errors.js';
import { procedures, type ErpDatabase, type ProcedureArgs, type ProcedureName, type ProcedureRow } from './procedures.js';

export interface ErpAdapter {
  readonly dialect: 'pg' | 'mssql';
  /** The company database's name, as the configuration database knows it. */
  readonly companyDatabase: string;
  call<P extends ProcedureName>(name: P, args: ProcedureArgs<P>, opts?: { timeoutSeconds?: number }): Promise<ProcedureRow<P>[]>;
  /** Runs install scripts (one file = one batch) in one transaction holding the install lock. */
  install(db: ErpDatabase, work: (run: (script: string, file: string) => Promise<void>, query: (sqlText: string) => Promise<Record<string, unknown>[]>) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export function parseRows<P extends ProcedureName>(name: P, rows: Record<string, unknown>[]): ProcedureRow<P>[] {
  const schema = procedures[name].row;
  const keys = Object.keys(schema.shape);
  return rows.map((raw) => {
    const byLower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
    const row = Object.fromEntries(keys.map((k) => [k, byLower.get(k.toLowerCase())]));
    const r = schema.safeParse(row);
    if (!r.success) {
      throw new EpsError('EPS14', `CDN.${name} returned a row that does not match its contract: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
        'The procedures in the ERP database are from another version: run eps install.');
    }
    return r.data as ProcedureRow<P>;
  });
}

export function notInstalled(name: string, cause: unknown): EpsError {
  return new EpsError('EPS04', `The e-Pracownik service objects are not installed in the ERP database (CDN.${name} is missing).`,
    'Run `eps install` to install them.', { cause });
}

export { fromSqlError };
