import test from 'ava';
import path from 'node:path';
import postgres from 'postgres';
import { adminUrl, scratchDir } from './_helpers/db.js';
import { runCli } from './_helpers/cli.js';
import { EMBEDDED_DATABASES } from '../src/config.js';

test.serial('npm start (eps demo): seeds a firm, installs, full sync, ERP edits, differential sync, and exits 0 with every table equal; a second run skips the seeding', async (t) => {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  const env = { ...process.env, DATABASE_URL: adminUrl(), EPS_LOG_DIR: path.join(scratchDir(), 'demo-logs'), EPS_CONFIG: undefined };
  try {
    const first = await runCli(['demo', '--employees', '15', '--years', '1', '--seed', '3'], env);
    t.is(first.code, 0, first.err);
    t.regex(first.out, /Generating a demo firm: 15 employees, 1 year\(s\), seed 3/);
    t.regex(first.out, /Full sync: \d+ rows\. Log: .*-full\.log/);
    t.regex(first.out, /ERP edit: new employee Jan Nowak/);
    t.regex(first.out, /Differential sync: 5 row changes in 1 batch\(es\)/);
    t.regex(first.out, /All 25 tables are equal in the ERP and the cloud\./);
    const second = await runCli(['demo'], env);
    t.is(second.code, 0, second.err);
    t.regex(second.out, /Demo firm already there \(16 employees\); seeding skipped\./);
    t.regex(second.out, /All 25 tables are equal/);
  } finally {
    for (const db of Object.values(EMBEDDED_DATABASES)) await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
});

test.serial('eps commands started at the same moment on a fresh server make its databases and schemas one after the other', async (t) => {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  const env = { ...process.env, DATABASE_URL: adminUrl(), EPS_LOG_DIR: path.join(scratchDir(), 'race-logs'), EPS_CONFIG: undefined };
  try {
    for (const db of Object.values(EMBEDDED_DATABASES)) await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    const runs = await Promise.all([runCli(['install'], env), runCli(['install'], env), runCli(['install'], env)]);
    for (const r of runs) {
      t.is(r.code, 0, r.err);
      t.regex(r.out, /Installed version \d+/);
    }
    const status = await runCli(['status'], env);
    t.is(status.code, 0, status.err);
    t.regex(status.out, /installed version \d+; last full sync never/);
    const [{ n }] = await admin`SELECT count(*)::int AS n FROM pg_database WHERE datname = ANY(${Object.values(EMBEDDED_DATABASES)})`;
    t.is(n, 3);
  } finally {
    for (const db of Object.values(EMBEDDED_DATABASES)) await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
});
