// Each test file clones its own databases from the templates built by test/run.ts.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { parseConfig, type Config } from '../../src/config.js';
import { PgErpAdapter } from '../../src/erp/pg-adapter.js';
import { Cloud } from '../../src/cloud/cloud.js';
import { TEMPLATES, TEST_TENANT, dbUrl } from './templates.js';
import os from 'node:os';
import path from 'node:path';

export function adminUrl(): string {
  const url = process.env.EPS_TEST_ADMIN_URL;
  if (!url) throw new Error('Run the tests with `npm test` (it starts PostgreSQL and builds the template databases).');
  return url;
}

/** Where test files put their temporary files: one folder per `npm test`, removed when it ends. */
export function scratchDir(): string {
  return process.env.EPS_TEST_SCRATCH ?? os.tmpdir();
}

export interface TestDbs {
  config: Config;
  company: postgres.Sql;
  configDb: postgres.Sql;
  cloudSql: postgres.Sql;
  names: { company: string; config: string; cloud: string };
  drop(): Promise<void>;
}

export async function cloneDatabases(opts: { company?: 'company' | 'bareCompany' } = {}): Promise<TestDbs> {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  const suffix = randomBytes(4).toString('hex');
  const names = { company: `t_${suffix}_company`, config: `t_${suffix}_config`, cloud: `t_${suffix}_cloud` };
  try {
    await admin.unsafe(`CREATE DATABASE ${names.company} TEMPLATE ${TEMPLATES[opts.company ?? 'company']}`);
    await admin.unsafe(`CREATE DATABASE ${names.config} TEMPLATE ${TEMPLATES.config}`);
    await admin.unsafe(`CREATE DATABASE ${names.cloud} TEMPLATE ${TEMPLATES.cloud}`);
  } finally { await admin.end(); }
  const config = parseConfig({
    erp: { companyUrl: dbUrl(adminUrl(), names.company), configUrl: dbUrl(adminUrl(), names.config) },
    cloudUrl: dbUrl(adminUrl(), names.cloud),
    tenant: TEST_TENANT,
    logDir: path.join(scratchDir(), `logs-${suffix}`),
    pageSize: 500,
    commandTimeoutSeconds: { full: 120, diff: 60 },
  });
  const company = postgres(config.erp.companyUrl, { max: 4, onnotice: () => {} });
  const configDb = postgres(config.erp.configUrl, { max: 2, onnotice: () => {} });
  const cloudSql = postgres(config.cloudUrl, { max: 4, onnotice: () => {} });
  return {
    config, company, configDb, cloudSql, names,
    async drop() {
      await Promise.all([company.end(), configDb.end(), cloudSql.end()]);
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        for (const n of Object.values(names)) await a.unsafe(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      } finally { await a.end(); }
    },
  };
}

export { PgErpAdapter, Cloud };
