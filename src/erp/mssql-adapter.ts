// The ERP adapter for SQL Server, what real customers run. URL form:
// mssql://user:password@host:1433/CDN_Firma?encrypt=true&trustServerCertificate=true&instanceName=OPTIMA
import sql from 'mssql';
import { procedures, type ErpDatabase, type ParamType, type ProcedureArgs, type ProcedureName } from './procedures.js';
import { notInstalled, parseRows, fromSqlError, type ErpAdapter } from './adapter.js';
import { connectionError } from '../errors.js';

const TYPE: Record<ParamType, () => sql.ISqlType | sql.ISqlTypeFactoryWithNoParams> = {
  int: () => sql.Int,
  bigint: () => sql.BigInt,
  varchar: () => sql.VarChar(sql.MAX),
  nvarchar: () => sql.NVarChar(sql.MAX),
};

export function mssqlConfig(url: string, requestTimeoutMs: number): sql.config {
  const u = new URL(url);
  const q = u.searchParams;
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    requestTimeout: requestTimeoutMs,
    pool: { max: 4 },
    options: {
      encrypt: q.get('encrypt') !== 'false',
      trustServerCertificate: q.get('trustServerCertificate') === 'true',
      instanceName: q.get('instanceName') ?? undefined,
      appName: 'eps',
      // Optima's datetime columns hold local time (GETDATE()), as the PostgreSQL stand-in's timestamps do.
      useUTC: false,
    },
  };
}

// Our SQL Server procedures return JSON with Optima's column names (PNB_PnbId); the cloud
// contract uses them in lower case, as PostgreSQL returns them.
export function lowerJsonKeys(json: string): string {
  return JSON.stringify(JSON.parse(json, function (this: unknown, _k, v) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
    }
    return v;
  }));
}

export class MssqlErpAdapter implements ErpAdapter {
  readonly dialect = 'mssql' as const;
  readonly companyDatabase: string;
  private pools: Record<ErpDatabase, sql.ConnectionPool>;
  private connected: Partial<Record<ErpDatabase, Promise<sql.ConnectionPool>>> = {};
  private readonly urls: Record<ErpDatabase, string>;

  constructor(companyUrl: string, configUrl: string, private readonly requestTimeoutMs = 7_200_000) {
    this.urls = { company: companyUrl, config: configUrl };
    this.pools = {
      company: new sql.ConnectionPool(mssqlConfig(companyUrl, requestTimeoutMs)),
      config: new sql.ConnectionPool(mssqlConfig(configUrl, requestTimeoutMs)),
    };
    this.companyDatabase = decodeURIComponent(new URL(companyUrl).pathname.slice(1));
  }

  /**
   * After a timed-out or cancelled call the connection may still hold the procedure's open
   * transaction (EPS_ApplyCloudEdits runs with XACT_ABORT OFF for its savepoints) and its session
   * context: the whole pool is closed, so the server rolls back, and a new one is made.
   */
  private async resetPool(db: ErpDatabase, failed: sql.ConnectionPool) {
    if (this.pools[db] !== failed) return; // another call has reset it already
    const old = this.pools[db];
    this.pools[db] = new sql.ConnectionPool(mssqlConfig(this.urls[db], this.requestTimeoutMs));
    delete this.connected[db];
    await old.close().catch(() => {});
  }

  private pool(db: ErpDatabase) {
    return (this.connected[db] ??= this.pools[db].connect().catch((e) => {
      delete this.connected[db]; // the next call tries again
      throw connectionError(e, db, this.urls[db]);
    }));
  }

  async call<P extends ProcedureName>(name: P, args: ProcedureArgs<P>, opts: { timeoutSeconds?: number } = {}) {
    const def = procedures[name];
    const pool = await this.pool(def.db);
    // mssql 12 takes a per-request timeout as the Request's second argument (not in its typings).
    const RequestWithOverrides = sql.Request as unknown as new (pool: sql.ConnectionPool, overrides: { requestTimeout?: number }) => sql.Request;
    const req = new RequestWithOverrides(pool, opts.timeoutSeconds ? { requestTimeout: opts.timeoutSeconds * 1000 } : {});
    for (const [p, t] of def.params as readonly (readonly [string, ParamType])[]) {
      req.input(p, TYPE[t](), (args as Record<string, unknown>)[p] ?? null);
    }
    try {
      const res = await req.execute(`CDN.${name}`);
      const rows = (res.recordset ?? []) as Record<string, unknown>[];
      for (const r of rows) {
        for (const k of ['RowsJson', 'UpsertsJson', 'DeletesJson']) if (typeof r[k] === 'string') r[k] = lowerJsonKeys(r[k] as string);
      }
      return parseRows(name, rows);
    } catch (e) {
      if ((e as { number?: number }).number === 2812) throw notInstalled(name, e);
      if (['ETIMEOUT', 'ECANCEL', 'ESOCKET', 'ECONNCLOSED'].includes((e as { code?: string }).code ?? '')) await this.resetPool(def.db, pool);
      // Connecting was mapped by pool(); a call that ran too long is a timeout, not a wrong address.
      throw fromSqlError(e);
    }
  }

  async install(db: ErpDatabase, work: Parameters<ErpAdapter['install']>[1]) {
    const pool = await this.pool(db);
    const tx = new sql.Transaction(pool);
    await tx.begin(sql.ISOLATION_LEVEL.SERIALIZABLE);
    try {
      await new sql.Request(tx).query(`EXEC sp_getapplock @Resource = N'eps install', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 600000`);
      await work(
        async (script, file) => {
          try { await new sql.Request(tx).batch(script); } catch (e) { throw Object.assign(fromSqlError(e) as Error, { file }); }
        },
        async (text) => (await new sql.Request(tx).query(text)).recordset as Record<string, unknown>[],
      );
      await tx.commit();
    } catch (e) {
      await tx.rollback().catch(() => {});
      throw connectionError(e, db, this.urls[db]);
    }
  }

  async close() {
    await Promise.all(Object.values(this.pools).map((p) => p.close().catch(() => {})));
  }
}
