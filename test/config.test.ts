import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig } from '../src/config.js';
import { EpsError } from '../src/errors.js';

test('a config with a wrong URL and a missing field gets one error naming both fields', (t) => {
  const e = t.throws(() => parseConfig({ erp: { companyUrl: 'http://localhost/x' }, cloudUrl: 'postgres://u:p@h/db', tenant: { code: 'firma' } }), { instanceOf: EpsError });
  t.is(e!.code, 'EPS10');
  t.regex(e!.message, /2 problem/);
  t.regex(e!.message, /erp\.companyUrl: must be a URL starting with postgres/);
  t.regex(e!.message, /erp\.configUrl: missing/);
  t.regex(e!.hint!, /EPS_ERP_COMPANY_URL/);
});

test('the environment fills the config; DATABASE_URL names one server for all three databases', (t) => {
  const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db.local:5432/postgres', EPS_CONFIG: undefined } as NodeJS.ProcessEnv);
  t.is(new URL(c.erp.companyUrl).pathname, '/eps_erp_company');
  t.is(new URL(c.erp.configUrl).pathname, '/eps_erp_config');
  t.is(new URL(c.cloudUrl).pathname, '/eps_cloud');
  t.is(c.commandTimeoutSeconds.full, 7200);
});

test('an mssql:// ERP URL is accepted, a cloud URL must be PostgreSQL', (t) => {
  const ok = parseConfig({ erp: { companyUrl: 'mssql://sa:x@optima/CDN_Firma', configUrl: 'mssql://sa:x@optima/CDN_KNF_Konfiguracja' }, cloudUrl: 'postgres://u:p@h/c', tenant: { code: 'firma' } });
  t.is(new URL(ok.erp.companyUrl).protocol, 'mssql:');
  const e = t.throws(() => parseConfig({ erp: { companyUrl: 'mssql://a/b', configUrl: 'mssql://a/c' }, cloudUrl: 'mssql://a/d', tenant: { code: 'firma' } }), { instanceOf: EpsError });
  t.regex(e!.message, /cloudUrl: must be a PostgreSQL URL/);
});

test('a misspelt or unknown setting is a problem too, with the setting it probably meant', (t) => {
  const e = t.throws(() => parseConfig({
    erp: { companyUrl: 'postgres://u:p@h/a', confgUrl: 'postgres://u:p@h/b' }, cloudURL: 'postgres://u:p@h/c', pagesize: 500,
    tenant: { code: 'firma', colour: 'red' },
  }), { instanceOf: EpsError });
  t.is(e!.code, 'EPS10');
  t.regex(e!.message, /erp\.confgUrl: not a setting \(did you mean configUrl\?\)/);
  t.regex(e!.message, /cloudURL: not a setting \(did you mean cloudUrl\?\)/);
  t.regex(e!.message, /pagesize: not a setting \(did you mean pageSize\?\)/);
  t.regex(e!.message, /tenant\.colour: not a setting\n/);
  t.regex(e!.message, /erp\.configUrl: missing/);
});

test('a configuration file that is not a JSON object is refused with a clear error', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eps-config-'));
  try {
    for (const text of ['null', '[1, 2]', '"postgres://x"']) {
      writeFileSync(path.join(dir, 'eps.config.json'), text);
      const e = t.throws(() => loadConfig({ EPS_CONFIG: path.join(dir, 'eps.config.json') } as NodeJS.ProcessEnv), { instanceOf: EpsError });
      t.is(e!.code, 'EPS10');
      t.regex(e!.message, /must hold a JSON object/);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a real firm\'s ERP must name its tenant; only the demo setup (one DATABASE_URL server) falls back to the demo tenant', (t) => {
  const urls = { EPS_ERP_COMPANY_URL: 'mssql://sa:x@optima/CDN_Firma', EPS_ERP_CONFIG_URL: 'mssql://sa:x@optima/CDN_KNF_Konfiguracja', EPS_CLOUD_URL: 'postgres://u:p@cloud/epracownik' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eps-config-'));
  try {
    const none = path.join(dir, 'empty.json');
    writeFileSync(none, '{}');
    const noTenant = t.throws(() => loadConfig({ ...urls, EPS_CONFIG: none } as NodeJS.ProcessEnv), { instanceOf: EpsError });
    t.regex(noTenant!.message, /tenant\.code: missing \(the cloud keeps each firm under its own tenant code/);
    t.is(loadConfig({ ...urls, EPS_CONFIG: none, EPS_TENANT: 'firma-a' } as NodeJS.ProcessEnv).tenant.code, 'firma-a');
    t.is(loadConfig({ ...urls, EPS_CONFIG: none } as NodeJS.ProcessEnv, {}, { tenantNeeded: false }).cloudUrl, urls.EPS_CLOUD_URL, 'a worker needs no tenant');
    t.is(loadConfig({ DATABASE_URL: 'postgres://u:p@db/postgres', EPS_CONFIG: none } as NodeJS.ProcessEnv).tenant.code, 'demo');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
