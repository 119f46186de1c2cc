// `npm start`: the main job end to end on the embedded default. Seeds a demo firm on the first
// run, installs, runs the first full sync, makes a handful of ERP edits, runs a differential
// sync, and prints ERP and cloud side by side. Exit 0 only if every table is equal.
import type postgres from 'postgres';
import { connectPg } from '../erp/pg-adapter.js';
import { install } from '../erp/installer.js';
import { seedDemoFirm } from '../demo/generator.js';
import { addEmployee } from '../standin/rows.js';
import { compareErpAndCloud, formatComparison } from '../verify/checksum.js';
import { openEnvironment } from './environment.js';
import { openServices, runSync } from './app.js';
import { noProgress, terminalOutput } from './progress.js';
import { trackedTables } from '../catalogue/tables.js';

export async function demoEdits(company: postgres.Sql): Promise<string[]> {
  const done: string[] = [];
  const [model] = await company`SELECT PRA_PraId AS id FROM CDN.PracKod WHERE PRA_Archiwalny = 0 ORDER BY PRA_PraId LIMIT 1`;
  const [{ n }] = await company`SELECT count(*)::int AS n FROM CDN.PracKod`;
  const kod = `N${String(n + 1).padStart(5, '0')}`;
  await addEmployee(company, model.id, { kod, imie: 'Jan', nazwisko: 'Nowak', from: '2026-12-01' });
  done.push(`new employee Jan Nowak (${kod})`);
  const [h] = await company`UPDATE CDN.PracEtaty SET PRE_ETAMiejsce = 'Kraków, ul. Łąkowa 7', PRE_TS_Mod = localtimestamp(3)
    WHERE PRE_PreId = (SELECT min(PRE_PreId) FROM CDN.PracEtaty) RETURNING PRE_PreId AS id`;
  if (h) done.push(`history record ${h.id} changed (place of work)`);
  const [a] = await company`DELETE FROM CDN.PracNieobec WHERE PNB_PnbId = (SELECT max(PNB_PnbId) FROM CDN.PracNieobec) RETURNING PNB_PnbId AS id`;
  if (a) done.push(`absence ${a.id} deleted`);
  return done;
}

export async function demo(opts: { employees: number; years: number; seed: number }): Promise<number> {
  const env = await openEnvironment({ standin: true });
  // Live progress only on a terminal (one line, cleared before each of our lines); the run logs keep the detail.
  const terminal = process.stderr.isTTY ? terminalOutput() : null;
  const progress = terminal?.progress ?? noProgress;
  const say = (s: string) => {
    if (terminal) process.stderr.write('\r\x1b[K'); // the progress line, not our output, is cleared
    process.stdout.write(`${s}\n`);
  };
  try {
    const { config } = env;
    const company = connectPg(config.erp.companyUrl);
    const configDb = connectPg(config.erp.configUrl);
    try {
      const [{ n }] = await company`SELECT count(*)::int AS n FROM CDN.PracKod`;
      if (n === 0) {
        say(`Generating a demo firm: ${opts.employees} employees, ${opts.years} year(s), seed ${opts.seed}...`);
        const counts = await seedDemoFirm({ company, config: configDb }, opts);
        const hr = trackedTables.reduce((sum, t) => sum + (counts[t.name] ?? 0), 0);
        say(`  ${Object.values(counts).reduce((a, b) => a + b, 0)} rows, ${hr} of them in the ${trackedTables.length} HR tables the sync copies`);
      } else {
        say(`Demo firm already there (${n} employees); seeding skipped.`);
      }
      say('Installing the service objects (eps install)...');
      const services = await openServices(config, { worker: true });
      try {
        const r = await install(services.erp, config);
        say(`  version ${r.version} (${r.files} objects; was ${r.previousVersion ?? 'not installed'})`);
        const full = await runSync(services, { full: true, progress });
        say(`Full sync: ${full.rowsToCloud} rows. Log: ${full.logFile}`);
        for (const e of await demoEdits(company)) say(`ERP edit: ${e}`);
        const diff = await runSync(services, { progress });
        say(`Differential sync: ${diff.rowsToCloud} row changes in ${diff.batches} batch(es). Log: ${diff.logFile}`);
        const cmp = await compareErpAndCloud(company, services.cloud.sql, services.tenantId);
        say('');
        say(formatComparison(cmp));
        const bad = cmp.filter((c) => !c.equal);
        say(bad.length ? `\n${bad.length} table(s) differ.` : `\nAll ${cmp.length} tables are equal in the ERP and the cloud.`);
        return bad.length ? 1 : 0;
      } finally {
        await services.close();
      }
    } finally {
      await Promise.all([company.end(), configDb.end()]);
    }
  } finally {
    await env.close();
  }
}
