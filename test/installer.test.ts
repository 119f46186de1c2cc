import test from 'ava';
import { world } from './_helpers/sync.js';
import { install } from '../src/erp/installer.js';
import { PgErpAdapter } from '../src/erp/pg-adapter.js';
import { EpsError } from '../src/errors.js';
import { FIRMA, INSTALLER_VERSION } from '../src/erp/procedures.js';
import { TEST_TENANT } from './_helpers/templates.js';
import { trackedTables } from '../src/catalogue/tables.js';

test('install adds the service rows to CDN.Firma, the tracked tables and a capture trigger on every HR-scope table', async (t) => {
  const w = await world({ company: 'bareCompany', worker: false });
  try {
    const r = await install(w.services.erp, w.config);
    t.is(r.previousVersion, null);
    const rows = await w.company`SELECT Fir_Numer AS n, Fir_Wartosc AS v FROM CDN.Firma WHERE Fir_Numer BETWEEN 9100 AND 9199 ORDER BY 1`;
    t.deepEqual(rows.map((x) => [x.n, x.v]), [[FIRMA.version, String(INSTALLER_VERSION)], [FIRMA.tenantCode, TEST_TENANT.code], [FIRMA.domain, TEST_TENANT.domain],
      [FIRMA.serviceOperator, JSON.stringify({ opeId: 2, opeKod: 'EPRACOWNIK', opeNazwisko: 'Operator e-Pracownik', staId: null })]]);
    const trig = await w.company`SELECT DISTINCT event_object_table AS t FROM information_schema.triggers WHERE trigger_name LIKE 'eps_capture_%'`;
    t.is(trig.length, trackedTables.length);
    const [{ n }] = await w.company`SELECT count(*)::int AS n FROM CDN.EPS_TrackedTable`;
    t.is(n, trackedTables.length);
    const [cfg] = await w.configDb`SELECT to_regclass('cdn.eps_syncrun') IS NOT NULL AS ok`;
    t.true(cfg.ok);
  } finally { await w.close(); }
});

test('install is idempotent and safe to run twice at once', async (t) => {
  const w = await world({ company: 'bareCompany', worker: false });
  const other = new PgErpAdapter(w.config.erp.companyUrl, w.config.erp.configUrl);
  try {
    const [a, b] = await Promise.all([install(w.services.erp, w.config), install(other, w.config)]);
    // whichever takes the lock first installs; the other finds that version already there
    t.deepEqual([a.previousVersion ?? 0, b.previousVersion ?? 0].sort(), [0, INSTALLER_VERSION]);
    const again = await install(w.services.erp, w.config);
    t.is(again.previousVersion, INSTALLER_VERSION);
    const [{ n }] = await w.company`SELECT count(*)::int AS n FROM CDN.Firma WHERE Fir_Numer = ${FIRMA.version}`;
    t.is(n, 1);
  } finally { await other.close(); await w.close(); }
});

test('install refuses to run against a newer installed version', async (t) => {
  const w = await world({ worker: false });
  try {
    await w.company`UPDATE CDN.Firma SET Fir_Wartosc = '99' WHERE Fir_Numer = ${FIRMA.version}`;
    const e = await t.throwsAsync(install(w.services.erp, w.config), { instanceOf: EpsError });
    t.is(e!.code, 'EPS03');
    t.regex(e!.message, /version 99, newer than this installer/);
  } finally { await w.close(); }
});

test('an ERP database without the installer gets a clear error telling the user to run eps install', async (t) => {
  const w = await world({ company: 'bareCompany', worker: false });
  try {
    const e = await t.throwsAsync(w.services.erp.call('EPS_ServiceState', {}), { instanceOf: EpsError });
    t.is(e!.code, 'EPS04');
    t.regex(e!.hint!, /eps install/);
  } finally { await w.close(); }
});

test('a database that cannot be reached, or that is not Optima, gets an error naming it and the setting to fix, without the password', async (t) => {
  const w = await world({ company: 'bareCompany', worker: false });
  try {
    const refused = new PgErpAdapter('postgres://kadry:Tajne-Haslo@127.0.0.1:1/CDN_Firma', w.config.erp.configUrl);
    const wrongPassword = new PgErpAdapter(w.config.erp.companyUrl.replace(/:[^:@/]*@/, ':Zle-Haslo@'), w.config.erp.configUrl);
    const notOptima = new PgErpAdapter(w.config.cloudUrl, w.config.erp.configUrl);
    try {
      const e1 = await t.throwsAsync(refused.call('EPS_ServiceState', {}), { instanceOf: EpsError });
      t.is(e1!.code, 'EPS11');
      t.regex(e1!.message, /the ERP company database at 127\.0\.0\.1:1\/CDN_Firma: connect ECONNREFUSED/);
      t.regex(e1!.hint!, /erp\.companyUrl \(EPS_ERP_COMPANY_URL\)/);
      t.false(e1!.toString().includes('Tajne-Haslo'));
      const e2 = await t.throwsAsync(wrongPassword.call('EPS_ServiceState', {}), { instanceOf: EpsError });
      t.is(e2!.code, 'EPS11');
      t.regex(e2!.message, /login was refused/);
      t.false(e2!.toString().includes('Zle-Haslo'));
      const e3 = await t.throwsAsync(notOptima.call('EPS_ServiceState', {}), { instanceOf: EpsError });
      t.is(e3!.code, 'EPS06');
      t.regex(e3!.message, /not an Optima database/);
    } finally { await Promise.all([refused.close(), wrongPassword.close(), notOptima.close()]); }
  } finally { await w.close(); }
});

test('install refuses a database that is not an Optima company database', async (t) => {
  const w = await world({ company: 'bareCompany', worker: false });
  try {
    const bogus = new PgErpAdapter(w.config.cloudUrl, w.config.erp.configUrl);
    try {
      const e = await t.throwsAsync(install(bogus, w.config), { instanceOf: EpsError });
      t.is(e!.code, 'EPS06');
    } finally { await bogus.close(); }
  } finally { await w.close(); }
});
