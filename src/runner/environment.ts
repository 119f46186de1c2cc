// Where the databases come from: the configured connection strings, or (with none) the
// embedded PostgreSQL holding the stand-in ERP databases and the cloud database.
import postgres from 'postgres';
import { connectionError } from '../errors.js';
import { withAdvisoryLock } from '../infra/advisory-lock.js';
import { EMBEDDED_DATABASES, loadConfig, wantsEmbedded, type Config } from '../config.js';
import { defaultDataDir, startEmbedded, type EmbeddedServer } from '../infra/embedded.js';
import { hasStandin, loadStandin } from '../standin/load.js';

export interface Environment { config: Config; server: EmbeddedServer | null; createdStandin: boolean; close(): Promise<void> }

async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [r] = await admin`SELECT 1 AS ok FROM pg_database WHERE datname = ${name}`;
    if (r) return false;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '42P04' || code === '23505') return false; // another eps process created it a moment ago
    throw connectionError(e, 'server', adminUrl);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Opens the environment; with `standin`, empty ERP databases get the stand-in Optima schema. */
export async function openEnvironment(opts: { standin?: boolean; env?: NodeJS.ProcessEnv; tenantNeeded?: boolean } = {}): Promise<Environment> {
  const env = opts.env ?? process.env;
  let server: EmbeddedServer | null = null;
  let config: Config;
  let adminUrl: string | null = null;
  if (wantsEmbedded(env)) {
    server = await startEmbedded({ dataDir: env.EPS_EMBEDDED_DIR ?? defaultDataDir('embedded'), persistent: true });
    adminUrl = server.url('postgres');
    config = loadConfig({ ...env, DATABASE_URL: adminUrl }, {}, { tenantNeeded: opts.tenantNeeded });
    config = { ...config, embedded: true };
  } else {
    config = loadConfig(env, {}, { tenantNeeded: opts.tenantNeeded });
    if (env.DATABASE_URL) adminUrl = env.DATABASE_URL;
  }
  let createdStandin = false;
  if (adminUrl) {
    const admin = adminUrl;
    // Several eps processes may start at once on a fresh server: they make the databases and the stand-in one at a time.
    createdStandin = await withAdvisoryLock(admin, 'eps environment', async () => {
      for (const db of Object.values(EMBEDDED_DATABASES)) await ensureDatabase(admin, db);
      return opts.standin ? loadStandinWhereMissing(config) : false;
    }).catch((e) => { throw connectionError(e, 'server', admin); });
  }
  return { config, server, createdStandin, close: async () => { await server?.stop(); } };
}

async function loadStandinWhereMissing(config: Config): Promise<boolean> {
  let created = false;
  for (const [db, url] of [['company', config.erp.companyUrl], ['config', config.erp.configUrl]] as const) {
    if (!url.startsWith('postgres')) continue;
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      if (!(await hasStandin(sql, db))) { await loadStandin(sql, db); created = true; }
    } catch (e) {
      throw connectionError(e, db, url);
    } finally { await sql.end({ timeout: 5 }); }
  }
  return created;
}
