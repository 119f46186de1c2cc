// npm run bench: speed and memory of the sync, each figure as a ratio against a reference
// measured in the same run on the same server. Prints a table and writes bench/results/latest.json.
// Not a test: nothing here asserts a time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { pipeline } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startEmbedded, type EmbeddedServer } from '../src/infra/embedded.js';
import { loadStandin } from '../src/standin/load.js';
import { seedDemoFirm } from '../src/demo/generator.js';
import { parseConfig } from '../src/config.js';
import { migrateCloud } from '../src/cloud/migrate.js';
import { openServices, runSync, type Services } from '../src/runner/app.js';
import { install } from '../src/erp/installer.js';
import { trackedTables, optimaTables } from '../src/catalogue/tables.js';
import { compareErpAndCloud } from '../src/verify/checksum.js';
import { mailThroughput } from './mail.js';
import { inboundThroughput } from './inbound.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 1000);
const YEARS = Number(process.env.BENCH_YEARS ?? 2);
const say = (s: string) => process.stderr.write(s + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (f: () => Promise<unknown>) => { const t = process.hrtime.bigint(); await f(); return Number(process.hrtime.bigint() - t) / 1e6; };

function url(admin: string, db: string) { const u = new URL(admin); u.pathname = `/${db}`; return u.toString(); }

async function firm(admin: string, prefix: string, employees: number, years: number): Promise<Services> {
  const a = postgres(admin, { max: 1, onnotice: () => {} });
  for (const d of ['company', 'config', 'cloud']) {
    await a.unsafe(`DROP DATABASE IF EXISTS ${prefix}_${d} WITH (FORCE)`);
    await a.unsafe(`CREATE DATABASE ${prefix}_${d}`);
  }
  await a.end();
  const config = parseConfig({
    erp: { companyUrl: url(admin, `${prefix}_company`), configUrl: url(admin, `${prefix}_config`) },
    cloudUrl: url(admin, `${prefix}_cloud`), tenant: { code: prefix.replace(/_/g, '-') }, logDir: path.join(os.tmpdir(), 'eps-bench-logs'),
  });
  const company = postgres(config.erp.companyUrl, { max: 2, onnotice: () => {} });
  const cfg = postgres(config.erp.configUrl, { max: 2, onnotice: () => {} });
  await loadStandin(company, 'company');
  await loadStandin(cfg, 'config');
  const t0 = Date.now();
  const counts = await seedDemoFirm({ company, config: cfg }, { employees, years, seed: 1 });
  say(`  ${prefix}: ${Object.values(counts).reduce((x, y) => x + y, 0)} rows generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await company`VACUUM ANALYZE`;
  await company.end();
  await cfg.end();
  await migrateCloud(config.cloudUrl);
  const s = await openServices(config, { worker: true, migrate: false });
  await install(s.erp, config);
  return s;
}

async function rawPipe(s: Services): Promise<number> {
  // The reference: each table's rows piped as COPY text from the ERP into a plain table of the
  // same columns in the cloud database (pg + pg-copy-streams, the usual Node COPY pipe).
  const erp = new pg.Client({ connectionString: s.config.erp.companyUrl });
  const cloud = new pg.Client({ connectionString: s.config.cloudUrl });
  await erp.connect();
  await cloud.connect();
  await cloud.query('DROP SCHEMA IF EXISTS bench_raw CASCADE; CREATE SCHEMA bench_raw');
  for (const t of trackedTables) {
    const o = optimaTables[t.name];
    const cols = o.columns.map((c) => `${c.name} ${c.type.replace(/^(n?varchar)\(max\)$/, 'text').replace(/^nvarchar/, 'varchar').replace(/^tinyint$/, 'smallint').replace(/^int$/, 'integer').replace(/^datetime$/, 'timestamp(3)').replace(/^decimal/, 'numeric').replace(/^uniqueidentifier$/, 'uuid')}`);
    await cloud.query(`CREATE TABLE bench_raw.${t.name} (${cols.join(', ')}, PRIMARY KEY (${o.key}))`);
  }
  const ms = await time(async () => {
    for (const t of trackedTables) {
      const from = erp.query(copyTo(`COPY (SELECT * FROM CDN.${t.name}) TO STDOUT`));
      const to = cloud.query(copyFrom(`COPY bench_raw.${t.name} FROM STDIN`));
      await pipeline(from, to);
    }
  });
  await cloud.query('DROP SCHEMA bench_raw CASCADE');
  await Promise.all([erp.end(), cloud.end()]);
  return ms;
}

async function oneRowDiff(s: Services, rounds: number): Promise<number> {
  const erp = postgres(s.config.erp.companyUrl, { max: 1, onnotice: () => {} });
  const [{ id }] = await erp`SELECT min(PNB_PnbId) AS id FROM CDN.PracNieobec`;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await erp`UPDATE CDN.PracNieobec SET PNB_Opis = ${`bench ${i}`} WHERE PNB_PnbId = ${id}`;
    times.push(await time(() => runSync(s)));
  }
  await erp.end();
  return median(times);
}

async function triggerCost(s: Services): Promise<{ withTriggers: number; without: number }> {
  const erp = postgres(s.config.erp.companyUrl, { max: 1, onnotice: () => {} });
  const [{ ppr }] = await erp`SELECT min(PPR_PprId) AS ppr FROM CDN.PracPracaDni`;
  const insert = () => erp`INSERT INTO CDN.PracPracaDniGodz (PGR_DoGodziny, PGR_DzlId, PGR_Lp, PGR_OdGodziny, PGR_OdbNadg, PGR_PprId, PGR_PrjId, PGR_Strefa, PGR_Uwagi)
    SELECT '1899-12-30 16:00', 1, 100 + g % 5, '1899-12-30 08:00', 0, ${ppr}, 1, 1, 'bench' FROM generate_series(1, 100000) g`;
  const cleanup = async () => {
    await erp`ALTER TABLE CDN.PracPracaDniGodz DISABLE TRIGGER USER`;
    await erp`DELETE FROM CDN.PracPracaDniGodz WHERE PGR_Uwagi = 'bench'`;
    await erp`ALTER TABLE CDN.PracPracaDniGodz ENABLE TRIGGER USER`;
    await erp`DELETE FROM CDN.EPS_ChangeLog WHERE CHL_BatchId IS NULL`;
    await erp`VACUUM CDN.PracPracaDniGodz`;
    await erp`VACUUM CDN.EPS_ChangeLog`;
  };
  const w: number[] = [];
  const wo: number[] = [];
  for (let i = 0; i < 5; i++) {
    await erp`CHECKPOINT`;
    w.push(await time(insert));
    await cleanup();
    await erp`ALTER TABLE CDN.PracPracaDniGodz DISABLE TRIGGER USER`;
    await erp`CHECKPOINT`;
    wo.push(await time(insert));
    await erp`ALTER TABLE CDN.PracPracaDniGodz ENABLE TRIGGER USER`;
    await cleanup();
  }
  await erp.end();
  return { withTriggers: median(w), without: median(wo) };
}

/** Peak resident memory (VmHWM) of a child process running the command, in MB. */
async function childPeakRss(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/runner/cli.ts'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let peakKb = 0;
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch { /* exited */ }
  };
  const timer = setInterval(sample, 10);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`eps ${args.join(' ')} failed (${code}):\n${stderr}`);
  return peakKb / 1024;
}

async function runnerPeakRss(s: Services): Promise<{ peakMb: number; idleMb: number }> {
  const env = { ...process.env, DATABASE_URL: '', EPS_ERP_COMPANY_URL: s.config.erp.companyUrl, EPS_ERP_CONFIG_URL: s.config.erp.configUrl,
    EPS_CLOUD_URL: s.config.cloudUrl, EPS_TENANT: s.config.tenant.code, EPS_LOG_DIR: s.config.logDir };
  const idleMb = await childPeakRss(['--help'], env);
  const peakMb = await childPeakRss(['sync', '--full'], env); // batches applied by this process's worker
  return { peakMb, idleMb };
}

let server: EmbeddedServer | null = null;
let admin = process.env.DATABASE_URL;
try {
  if (!admin) {
    server = await startEmbedded({ dataDir: path.join(os.tmpdir(), `eps-bench-${process.pid}`), persistent: false });
    admin = server.url('postgres');
  }
  say(`Generating firms (${EMPLOYEES} employees × ${YEARS} years, and a small one)...`);
  const big = await firm(admin, 'bench_big', EMPLOYEES, YEARS);
  const small = await firm(admin, 'bench_small', 8, 1);
  const erpRows = (await big.erp.call('EPS_TableStatus', {})).reduce((a, r) => a + r.RowCount, 0);
  const smallRows = (await small.erp.call('EPS_TableStatus', {})).reduce((a, r) => a + r.RowCount, 0);

  say('1. raw COPY pipe vs full sync (each three times, alternating; medians)...');
  const raws: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < 3; i++) {
    raws.push(await rawPipe(big));
    fulls.push(await time(() => runSync(big, { full: true })));
  }
  const raw = median(raws);
  const fullMs = median(fulls);
  say('4. the runner on its own (eps sync --full in a child process): peak RSS...');
  const { peakMb, idleMb } = await runnerPeakRss(big);
  const equal = (await compareErpAndCloud(postgres(big.config.erp.companyUrl, { max: 1, onnotice: () => {} }), big.cloud.sql, big.tenantId)).every((c) => c.equal);

  say('2. one-row differential sync, small firm vs big firm...');
  await runSync(small, { full: true });
  const diffSmall = await oneRowDiff(small, 15);
  const diffBig = await oneRowDiff(big, 15);

  say('3. bulk insert of 100k work-time rows with and without the capture triggers...');
  const trig = await triggerCost(big);

  say('4. mail: 1,000 notifications through the ERP outbox vs a plain nodemailer loop...');
  const mail = await mailThroughput(small);
  say('5. inbound: 10,000 portal absences applied to the ERP vs the same rows inserted directly...');
  const inbound = await inboundThroughput(big);
  const results: { figure: string; rows: number; ours_ms: number; reference_ms: number; ratio: number; target: number | null }[] = [
    { figure: 'full sync vs raw COPY pipe', rows: erpRows, ours_ms: Math.round(fullMs), reference_ms: Math.round(raw), ratio: fullMs / raw, target: 3 },
    { figure: `1-row diff sync: ${erpRows} vs ${smallRows} rows`, rows: erpRows, ours_ms: Math.round(diffBig), reference_ms: Math.round(diffSmall), ratio: diffBig / diffSmall, target: 1.5 },
    { figure: '100k inserts with vs without triggers', rows: 100000, ours_ms: Math.round(trig.withTriggers), reference_ms: Math.round(trig.without), ratio: trig.withTriggers / trig.without, target: 1.5 },
    { figure: 'runner peak RSS during full sync (MB)', rows: erpRows, ours_ms: Math.round(peakMb), reference_ms: Math.round(idleMb), ratio: peakMb, target: 300 },
    { figure: `mail: ${mail.messages} msgs outbox vs raw nodemailer`, rows: mail.messages, ours_ms: Math.round(mail.oursMs), reference_ms: Math.round(mail.rawMs), ratio: mail.oursMs / mail.rawMs, target: 5 },
    { figure: `inbound: ${inbound.edits} cloud edits vs direct ERP inserts`, rows: inbound.edits, ours_ms: Math.round(inbound.oursMs), reference_ms: Math.round(inbound.referenceMs), ratio: inbound.oursMs / inbound.referenceMs, target: null },
  ];
  const lines = results.map((r) => `${r.figure.padEnd(48)} ${String(r.ours_ms).padStart(9)} ${String(r.reference_ms).padStart(9)} ${r.ratio.toFixed(2).padStart(8)} ${(r.target === null ? '—' : '≤ ' + r.target).padStart(7)} ${r.target === null ? 'reported' : r.ratio <= r.target ? 'met' : 'MISSED'}`);
  console.log(`${'figure'.padEnd(48)} ${'ours'.padStart(9)} ${'reference'.padStart(9)} ${'ratio'.padStart(8)} ${'target'.padStart(7)}`);
  console.log(lines.join('\n'));
  console.log(`(mail: ${Math.round(mail.messages / (mail.oursMs / 1000))} messages/s through pull + outbox + SMTP, of which the pull into the outbox ${Math.round(mail.pullMs)} ms; raw nodemailer ${Math.round(mail.messages / (mail.rawMs / 1000))} messages/s)`);
  console.log(`(inbound: ${Math.round(inbound.edits / (inbound.oursMs / 1000))} edits/s applied by the runner (${inbound.applied} applied); direct ERP inserts ${Math.round(inbound.edits / (inbound.referenceMs / 1000))} rows/s)`);
  console.log(`(times in ms; RSS row: ours = the runner's peak MB (VmHWM) during a full sync, reference = the same command's peak for eps --help, ratio = peak MB; full copy verified equal: ${equal})`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify({ when: new Date().toISOString(), employees: EMPLOYEES, years: YEARS, equal, results }, null, 2));
  await big.close();
  await small.close();
} finally {
  await server?.stop();
}
