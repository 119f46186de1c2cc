// `eps install`: adds the service's objects to the firm's company database and to the
// configuration database. Versioned, idempotent, safe to run twice at once (a lock, then the
// version check), and it refuses to run against a newer installed version.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackedTables } from '../catalogue/tables.js';
import { EpsError } from '../errors.js';
import type { Config } from '../config.js';
import type { ErpAdapter } from './adapter.js';
import { FIRMA, INSTALLER_VERSION, type ErpDatabase } from './procedures.js';

export const SQL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sql');
const KINDS = ['tables', 'procedures', 'triggers'] as const;

export interface ErpObjectFile { file: string; kind: (typeof KINDS)[number]; database: ErpDatabase; text: string }

export function erpObjectFiles(dialect: 'pg' | 'mssql'): ErpObjectFile[] {
  const out: ErpObjectFile[] = [];
  for (const kind of KINDS) {
    const dir = path.join(SQL_ROOT, 'erp', kind);
    for (const name of readdirSync(dir).filter((f) => f.endsWith(`.${dialect}.sql`)).sort()) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const m = /^-- database: (company|config)\s*$/m.exec(text.split('\n')[0]);
      if (!m) throw new Error(`${kind}/${name} does not start with "-- database: company|config"`);
      out.push({ file: `sql/erp/${kind}/${name}`, kind, database: m[1] as ErpDatabase, text });
    }
  }
  return out;
}

export interface InstallReport { previousVersion: number | null; version: number; files: number }

export async function install(erp: ErpAdapter, config: Pick<Config, 'tenant' | 'station'>, log: (line: string) => void = () => {}): Promise<InstallReport> {
  const files = erpObjectFiles(erp.dialect);
  let previousVersion: number | null = null;
  const optimaCheck = erp.dialect === 'pg'
    ? `SELECT CASE WHEN to_regclass('cdn.firma') IS NULL OR to_regclass('cdn.prackod') IS NULL THEN 0 ELSE 1 END AS ok`
    : `SELECT CASE WHEN OBJECT_ID(N'CDN.Firma') IS NULL OR OBJECT_ID(N'CDN.PracKod') IS NULL THEN 0 ELSE 1 END AS ok`;
  const bazyCheck = erp.dialect === 'pg'
    ? `SELECT CASE WHEN to_regclass('cdn.bazy') IS NULL THEN 0 ELSE 1 END AS ok`
    : `SELECT CASE WHEN OBJECT_ID(N'CDN.Bazy') IS NULL THEN 0 ELSE 1 END AS ok`;

  await erp.install('company', async (run, query) => {
    if (Number((await query(optimaCheck))[0].ok) !== 1) {
      throw new EpsError('EPS06', `The company database ${erp.companyDatabase} has no CDN.Firma or CDN.PracKod: it is not a Comarch ERP Optima company database.`,
        'Check erp.companyUrl in the configuration.');
    }
    const v = await query(`SELECT Fir_Wartosc AS v FROM CDN.Firma WHERE Fir_Numer = ${FIRMA.version}`);
    previousVersion = v.length ? Number(v[0].v) : null;
    if (previousVersion !== null && previousVersion > INSTALLER_VERSION) {
      throw new EpsError('EPS03', `The ERP database has e-Pracownik service objects of version ${previousVersion}, newer than this installer (${INSTALLER_VERSION}).`,
        'Install the newer version of eps; an older installer never downgrades.');
    }
    for (const f of files.filter((x) => x.database === 'company')) {
      log(`company: ${f.file}`);
      await run(f.text, f.file);
    }
    const values = trackedTables.map((t) => `(${t.id}, '${t.name}', '${t.key}', ${t.id})`).join(',\n');
    await run(`DELETE FROM CDN.EPS_TrackedTable;\nINSERT INTO CDN.EPS_TrackedTable (TRT_Id, TRT_Name, TRT_KeyColumn, TRT_Order) VALUES\n${values};`, 'tracked tables');
    await run(erp.dialect === 'pg'
      ? `SELECT * FROM CDN.EPS_SetSetting(${FIRMA.version}, 'e-Pracownik: wersja obiektów synchronizacji', '${INSTALLER_VERSION}')`
      : `EXEC CDN.EPS_SetSetting ${FIRMA.version}, N'e-Pracownik: wersja obiektów synchronizacji', N'${INSTALLER_VERSION}'`, 'version');
  });

  await erp.install('config', async (run, query) => {
    if (Number((await query(bazyCheck))[0].ok) !== 1) {
      throw new EpsError('EPS06', 'The configuration database has no CDN.Bazy: it is not a Comarch ERP Optima configuration database.',
        'Check erp.configUrl in the configuration.');
    }
    for (const f of files.filter((x) => x.database === 'config')) {
      log(`config: ${f.file}`);
      await run(f.text, f.file);
    }
  });

  await erp.call('EPS_SetSetting', { Numer: FIRMA.tenantCode, Opis: 'e-Pracownik: kod dzierżawy w chmurze', Wartosc: config.tenant.code });
  await erp.call('EPS_SetSetting', { Numer: FIRMA.domain, Opis: 'e-Pracownik: adres świadczenia usługi', Wartosc: config.tenant.domain });
  if (config.tenant.orderEmail) {
    await erp.call('EPS_SetSetting', { Numer: FIRMA.orderEmail, Opis: 'e-Pracownik: adres e-mail zamówienia', Wartosc: config.tenant.orderEmail });
  }
  const [who] = await erp.call('EPS_ServiceIdentity', { OperatorCode: config.tenant.serviceOperator, Station: config.station });
  if (who) {
    await erp.call('EPS_SetSetting', {
      Numer: FIRMA.serviceOperator, Opis: 'e-Pracownik: operator i stanowisko zapisów z e-Pracownika',
      Wartosc: JSON.stringify({ opeId: who.OpeId, opeKod: who.OpeKod, opeNazwisko: who.OpeNazwisko, staId: who.StaId }),
    });
  } else {
    log(`operator ${config.tenant.serviceOperator} is not in CDN.Operatorzy: rows from e-Pracownik will carry the code EPRACOWNIK and no operator id`);
  }
  return { previousVersion, version: INSTALLER_VERSION, files: files.length };
}
