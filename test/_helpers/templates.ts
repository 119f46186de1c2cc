import postgres from 'postgres';
import { loadStandin } from '../../src/standin/load.js';
import { migrateCloud } from '../../src/cloud/migrate.js';
import { PgErpAdapter } from '../../src/erp/pg-adapter.js';
import { install } from '../../src/erp/installer.js';
import { seedDemoFirm } from '../../src/demo/generator.js';

export const TEMPLATES = {
  company: 'eps_tpl_company', config: 'eps_tpl_config', cloud: 'eps_tpl_cloud', bareCompany: 'eps_tpl_bare_company',
} as const;
export const TEST_TENANT = { code: 'test', name: 'Firma testowa', domain: 'test.epracownik.local', serviceOperator: 'EPRACOWNIK' };
export const TEMPLATE_FIRM = { employees: 12, years: 1, seed: 7, endDate: '2026-11-30' };

export function dbUrl(adminUrl: string, db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function buildTemplates(adminUrl: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const db of Object.values(TEMPLATES)) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${db}`);
    }
  } finally { await admin.end(); }
  const company = postgres(dbUrl(adminUrl, TEMPLATES.company), { max: 2, onnotice: () => {} });
  const bare = postgres(dbUrl(adminUrl, TEMPLATES.bareCompany), { max: 1, onnotice: () => {} });
  const config = postgres(dbUrl(adminUrl, TEMPLATES.config), { max: 2, onnotice: () => {} });
  try {
    await loadStandin(company, 'company');
    await loadStandin(bare, 'company');
    await loadStandin(config, 'config');
    await seedDemoFirm({ company, config }, TEMPLATE_FIRM);
  } finally { await Promise.all([company.end(), bare.end(), config.end()]); }
  const erp = new PgErpAdapter(dbUrl(adminUrl, TEMPLATES.company), dbUrl(adminUrl, TEMPLATES.config));
  try { await install(erp, { tenant: TEST_TENANT, station: 'TEST' }); } finally { await erp.close(); }
  await migrateCloud(dbUrl(adminUrl, TEMPLATES.cloud));
}
