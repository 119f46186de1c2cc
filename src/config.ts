// Configuration: an optional JSON file plus the environment, validated once at start-up by zod,
// listing every problem at once. With no connection string at all, the embedded default is used.
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { EpsError } from './errors.js';

const dbUrl = z.string().trim().refine((u) => {
  try {
    const p = new URL(u).protocol;
    return p === 'postgres:' || p === 'postgresql:' || p === 'mssql:' || p === 'sqlserver:';
  } catch { return false; }
}, { message: 'must be a URL starting with postgres://, postgresql:// or mssql:// (e.g. postgres://user:password@host:5432/database)' });

const cloudUrl = z.string().trim().refine((u) => {
  try { return ['postgres:', 'postgresql:'].includes(new URL(u).protocol); } catch { return false; }
}, { message: 'must be a PostgreSQL URL (postgres://user:password@host:5432/database)' });

export const ConfigSchema = z.strictObject({
  erp: z.strictObject({
    companyUrl: dbUrl,
    configUrl: dbUrl,
  }),
  cloudUrl,
  tenant: z.strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters'),
    name: z.string().default(''),
    domain: z.string().default(''),
    orderEmail: z.string().email().optional(),
    /** Ope_Kod of the operator recorded on rows that come from e-Pracownik (the order form's choice). */
    serviceOperator: z.string().max(20).default('EPRACOWNIK'),
  }),
  station: z.string().min(1).default(os.hostname()),
  logDir: z.string().default(path.join(process.cwd(), '.eps', 'logs')),
  pageSize: z.number().int().min(100).max(100_000).default(5000),
  maxBatchChanges: z.number().int().min(1).default(50_000),
  /** Tables copied at once during a full sync. */
  fullSyncLanes: z.number().int().min(1).max(8).default(2),
  commandTimeoutSeconds: z.strictObject({
    full: z.number().int().positive().default(7200),
    diff: z.number().int().positive().default(600),
  }).default({ full: 7200, diff: 600 }),
});
/** `embedded` is not a setting: it is true when the databases are the embedded default's. */
export type Config = z.infer<typeof ConfigSchema> & { embedded: boolean };

export const EMBEDDED_DATABASES = { company: 'eps_erp_company', config: 'eps_erp_config', cloud: 'eps_cloud' } as const;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Reads the config file (EPS_CONFIG or ./eps.config.json) and the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}, opts: { tenantNeeded?: boolean } = {}): Config {
  const file = env.EPS_CONFIG ?? path.join(process.cwd(), 'eps.config.json');
  let fromFile: Record<string, any> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new EpsError('EPS10', `The configuration file ${file} is not valid JSON: ${(e as Error).message}.`, 'Fix the file or remove it.');
    }
    if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile)) {
      throw new EpsError('EPS10', `The configuration file ${file} must hold a JSON object ({ "erp": { … }, "cloudUrl": … }).`, 'See the Configuration section of README.md.');
    }
  } else if (env.EPS_CONFIG) {
    throw new EpsError('EPS10', `The configuration file ${file} named by EPS_CONFIG does not exist.`, 'Fix EPS_CONFIG or create the file.');
  }
  const raw: Record<string, any> = { ...fromFile, ...overrides };
  raw.erp = { ...(fromFile.erp ?? {}) };
  // The demo tenant only where the databases are the demo's (embedded or one DATABASE_URL server):
  // a real firm's ERP must name its tenant, or two firms would share the cloud copy 'demo'.
  const realErp = Boolean(env.EPS_ERP_COMPANY_URL || env.EPS_ERP_CONFIG_URL || fromFile.erp);
  const demoTenant = { code: 'demo', name: 'Firma demonstracyjna', domain: 'demo.epracownik.local' };
  raw.tenant = { ...(realErp && opts.tenantNeeded !== false ? {} : demoTenant), ...(fromFile.tenant ?? {}) };
  if (env.DATABASE_URL) {
    if (!cloudUrl.safeParse(env.DATABASE_URL).success) {
      throw new EpsError('EPS10', `DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), got "${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}".`,
        'Fix or unset DATABASE_URL.');
    }
    raw.erp.companyUrl ??= withDatabase(env.DATABASE_URL, EMBEDDED_DATABASES.company);
    raw.erp.configUrl ??= withDatabase(env.DATABASE_URL, EMBEDDED_DATABASES.config);
    raw.cloudUrl ??= withDatabase(env.DATABASE_URL, EMBEDDED_DATABASES.cloud);
  }
  if (env.EPS_ERP_COMPANY_URL) raw.erp.companyUrl = env.EPS_ERP_COMPANY_URL;
  if (env.EPS_ERP_CONFIG_URL) raw.erp.configUrl = env.EPS_ERP_CONFIG_URL;
  if (env.EPS_CLOUD_URL) raw.cloudUrl = env.EPS_CLOUD_URL;
  if (env.EPS_TENANT) raw.tenant.code = env.EPS_TENANT;
  if (env.EPS_LOG_DIR) raw.logDir = env.EPS_LOG_DIR;
  if (env.EPS_STATION) raw.station = env.EPS_STATION;
  return parseConfig(raw);
}

export function parseConfig(raw: unknown): Config {
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.flatMap((i) => {
      const at = i.path.join('.');
      if (i.code === 'unrecognized_keys') {
        return i.keys.map((k) => `  - ${at ? `${at}.` : ''}${k}: not a setting${suggest(k, knownKeys(at))}`);
      }
      const missing = /received (undefined|null)$/.test(i.message);
      if (missing && at === 'tenant.code') return ['  - tenant.code: missing (the cloud keeps each firm under its own tenant code: set tenant.code or EPS_TENANT)'];
      return [`  - ${at || '(root)'}: ${missing ? 'missing' : i.message}`];
    });
    throw new EpsError('EPS10', `The configuration has ${lines.length} problem(s):\n${lines.join('\n')}`,
      'Set them in eps.config.json or the environment (EPS_ERP_COMPANY_URL, EPS_ERP_CONFIG_URL, EPS_CLOUD_URL or DATABASE_URL, EPS_TENANT, EPS_LOG_DIR, EPS_STATION); see README.md.');
  }
  return { ...r.data, embedded: false };
}

function knownKeys(at: string): string[] {
  let shape: z.ZodType = ConfigSchema;
  for (const part of at ? at.split('.') : []) {
    let inner: unknown = shape;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap();
    shape = (inner as z.ZodObject).shape[part] as z.ZodType;
  }
  while (shape instanceof z.ZodDefault || shape instanceof z.ZodOptional) shape = shape.unwrap() as z.ZodType;
  return shape instanceof z.ZodObject ? Object.keys(shape.shape) : [];
}

/** ' (did you mean cloudUrl?)' for a key that differs from a real one only in case or by a letter or two. */
function suggest(key: string, known: string[]): string {
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length]![b.length]!;
  };
  const best = known.map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? ` (did you mean ${best.k}?)` : '';
}

/** True when nothing names a database: the embedded default applies. */
export function wantsEmbedded(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DATABASE_URL || env.EPS_ERP_COMPANY_URL || env.EPS_CLOUD_URL || env.EPS_ERP_CONFIG_URL) return false;
  const file = env.EPS_CONFIG ?? path.join(process.cwd(), 'eps.config.json');
  if (!existsSync(file)) return !env.EPS_CONFIG; // a missing EPS_CONFIG file is an error loadConfig reports
  try {
    // A file with other settings only (pageSize, logDir, …) still means the embedded databases.
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    return !!parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('erp' in parsed) && !('cloudUrl' in parsed);
  } catch {
    return false; // loadConfig reports the broken file
  }
}
