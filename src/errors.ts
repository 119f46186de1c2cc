// Every error the tool raises on purpose has a stable code. SQL raises the same codes
// (PostgreSQL: SQLSTATE; SQL Server: error number 50000 + n), mapped here; never by message text.
// The list is documented in docs/errors.md.
export const ERROR_CODES = {
  EPS01: 'not a tracked table',
  EPS02: 'unknown batch',
  EPS03: 'installed version is newer than this installer',
  EPS04: 'the e-Pracownik service is not installed in the ERP database',
  EPS05: 'Firma row outside the service range',
  EPS06: 'not an Optima database',
  EPS10: 'invalid configuration',
  EPS11: 'database unreachable',
  EPS12: 'cloud did not apply a batch in time',
  EPS13: 'cloud failed to apply a batch',
  EPS14: 'unexpected procedure result',
  EPS15: 'sync stopped before it finished',
  EPS16: 'cloud database not migrated',
  EPS17: 'demo firm only into empty databases',
  EPS20: 'the SMTP server refused the mail account\'s login',
  EPS21: 'no usable mail account chosen for the service',
  EPS22: 'firm database not listed in CDN.Bazy',
  EPC01: 'batch unknown to the cloud',
  EPC02: 'full copy not completely loaded',
  EPC20: 'notification cannot be rendered',
  EPC30: 'employee unknown or archived',
  EPC31: 'absence type unknown',
  EPC32: 'date range reversed',
  EPC33: 'hours out of range',
  EPC34: 'overlaps own entries',
  EPC35: 'not allowed for this person',
  EPC36: 'request not in a state that allows this',
  EPC37: 'read-only structure',
  EPC38: 'invalid contact data',
  EPC39: 'text the ERP cannot store',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class EpsError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EpsError';
  }
  toString(): string {
    return `${this.code}: ${this.message}${this.hint ? `\n  ${this.hint}` : ''}`;
  }
}

/** Exit codes a scheduler can act on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3, notInstalled: 4, newerVersion: 5, busy: 75 } as const;

export function exitCodeFor(e: unknown): number {
  const own = (e as { exitCode?: unknown })?.exitCode;
  if (typeof own === 'number') return own;
  if (e instanceof EpsError) {
    if (e.code === 'EPS10') return EXIT.config;
    if (e.code === 'EPS04' || e.code === 'EPS06') return EXIT.notInstalled;
    if (e.code === 'EPS03') return EXIT.newerVersion;
  }
  return EXIT.failed;
}

/** Maps a driver error raised by our own SQL to an EpsError; anything else is returned as is. */
export function fromSqlError(e: unknown): unknown {
  const err = e as { code?: string; number?: number; message?: string; hint?: string; originalError?: { info?: { number?: number } } };
  if (typeof err?.code === 'string' && /^EP[SC]\d\d$/.test(err.code) && err.code in ERROR_CODES) {
    return new EpsError(err.code as ErrorCode, err.message ?? '', err.hint, { cause: e });
  }
  const number = err?.number ?? err?.originalError?.info?.number;
  if (typeof number === 'number' && number > 50000 && number < 50100) {
    const code = `EPS${String(number - 50000).padStart(2, '0')}`;
    if (code in ERROR_CODES) {
      const [msg, ...hint] = (err.message ?? '').replace(/^EPS\d\d: /, '').split('. ');
      return new EpsError(code as ErrorCode, msg + '.', hint.join('. ') || undefined, { cause: e });
    }
  }
  return e;
}

export type DatabaseRole = 'company' | 'config' | 'cloud' | 'server';
export const DATABASE_ROLE: Record<DatabaseRole, { what: string; setting: string }> = {
  company: { what: 'the ERP company database', setting: 'erp.companyUrl (EPS_ERP_COMPANY_URL)' },
  config: { what: 'the ERP configuration database', setting: 'erp.configUrl (EPS_ERP_CONFIG_URL)' },
  cloud: { what: 'the cloud database', setting: 'cloudUrl (EPS_CLOUD_URL)' },
  server: { what: 'the PostgreSQL server', setting: 'DATABASE_URL' },
};
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET',
  'CONNECT_TIMEOUT', 'ESOCKET', 'ETIMEOUT', 'ELOGIN', 'EINSTLOOKUP', '28P01', '28000', '3D000']);

/** A driver's failure to connect, as EPS11 naming the database, its address (no password) and the setting to check. */
export function connectionError(e: unknown, role: DatabaseRole, url: string): unknown {
  const err = e as { code?: string; message?: string };
  if (!err || typeof err.code !== 'string' || !UNREACHABLE.has(err.code)) return e;
  let where = url;
  try { const u = new URL(url); where = `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`; } catch { /* shown as given */ }
  const r = DATABASE_ROLE[role];
  const why = err.code === '28P01' || err.code === '28000' || err.code === 'ELOGIN' ? 'the login was refused (user or password)'
    : err.code === '3D000' ? 'no such database' : (err.message ?? err.code).replace(/\s+/g, ' ');
  return new EpsError('EPS11', `Cannot connect to ${r.what} at ${where}: ${why}.`, `Check ${r.setting}, and that the server runs and lets this machine in.`, { cause: e });
}
