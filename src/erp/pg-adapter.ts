// The ERP adapter for PostgreSQL: the stand-in Optima used by tests and the embedded default.
import postgres from 'postgres';
import { procedures, type ErpDatabase, type ParamType, type ProcedureArgs, type ProcedureName } from './procedures.js';
import { notInstalled, parseRows, fromSqlError, type ErpAdapter } from './adapter.js';
import { connectionError, DATABASE_ROLE, EpsError } from '../errors.js';

const CAST: Record<ParamType, string> = { int: 'integer', bigint: 'bigint', varchar: 'varchar', nvarchar: 'varchar' };

export function connectPg(url: string, max = 4): postgres.Sql {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'eps' }, idle_timeout: 30 });
}

export class PgErpAdapter implements ErpAdapter {
  readonly dialect = 'pg' as const;
  readonly companyDatabase: string;
  readonly company: postgres.Sql;
  readonly config: postgres.Sql;

  constructor(private readonly companyUrl: string, private readonly configUrl: string) {
    this.company = connectPg(companyUrl);
    this.config = connectPg(configUrl, 2);
    this.companyDatabase = decodeURIComponent(new URL(companyUrl).pathname.slice(1));
  }

  async call<P extends ProcedureName>(name: P, args: ProcedureArgs<P>, opts: { timeoutSeconds?: number } = {}) {
    const def = procedures[name];
    const params = def.params as readonly (readonly [string, ParamType])[];
    const values = params.map(([p]) => (args as Record<string, unknown>)[p] ?? null);
    const list = params.map(([p, t], i) => `${p} => $${i + 1}::${CAST[t]}`).join(', ');
    const sql = def.db === 'company' ? this.company : this.config;
    try {
      const rows = await sql.begin(async (tx) => {
        if (opts.timeoutSeconds) await tx.unsafe(`SET LOCAL statement_timeout = ${Math.floor(opts.timeoutSeconds * 1000)}`);
        return tx.unsafe(`SELECT * FROM CDN.${name}(${list})`, values as never[]);
      });
      return parseRows(name, rows as unknown as Record<string, unknown>[]);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '42883' || code === '42P01') throw notInstalled(name, e);
      if (code === '3F000') {
        const role = DATABASE_ROLE[def.db];
        throw new EpsError('EPS06', `${role.what[0]!.toUpperCase()}${role.what.slice(1)} has no CDN schema: it is not an Optima database.`,
          `Check ${role.setting}.`, { cause: e });
      }
      throw fromSqlError(connectionError(e, def.db, def.db === 'company' ? this.companyUrl : this.configUrl));
    }
  }

  async install(db: ErpDatabase, work: Parameters<ErpAdapter['install']>[1]) {
    const sql = db === 'company' ? this.company : this.config;
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtext('eps install'))`;
      await work(
        async (script, file) => {
          try { await tx.unsafe(script); } catch (e) { throw Object.assign(fromSqlError(e) as Error, { file }); }
        },
        async (text) => (await tx.unsafe(text)) as unknown as Record<string, unknown>[],
      );
    }).catch((e) => { throw connectionError(e, db, db === 'company' ? this.companyUrl : this.configUrl); });
  }

  async close() {
    await Promise.all([this.company.end({ timeout: 5 }), this.config.end({ timeout: 5 })]);
  }
}
