import test from 'ava';
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
