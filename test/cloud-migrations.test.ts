import test from 'ava';
import postgres from 'postgres';
import { adminUrl } from './_helpers/db.js';
import { dbUrl } from './_helpers/templates.js';
import { migrateCloud, migrateCloudDown } from '../src/cloud/migrate.js';
import { trackedTables } from '../src/catalogue/tables.js';
import { Cloud } from '../src/cloud/cloud.js';
import { EpsError } from '../src/errors.js';

test('cloud migrations run up, all the way down, and up again; the HR copy has one table per tracked table with the catalogue columns', async (t) => {
  const name = `t_migr_${process.pid}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = dbUrl(adminUrl(), name);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const cloud = new Cloud(url);
    const e = await t.throwsAsync(cloud.ensureTenant({ code: 'firma', name: '', domain: '' }), { instanceOf: EpsError });
    t.is(e!.code, 'EPS16', 'a runner against a cloud database that was never migrated is told what to run');
    t.regex(e!.hint!, /eps install/);
    await cloud.close();
    await migrateCloud(url);
    await migrateCloudDown(url);
    const [gone] = await sql`SELECT to_regnamespace('hr') IS NULL AND to_regnamespace('eps') IS NULL AS ok`;
    t.true(gone.ok);
    await migrateCloud(url);
    for (const tt of trackedTables) {
      const cols = await sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'hr' AND table_name = ${tt.cloudTable} ORDER BY ordinal_position`;
      t.deepEqual(cols.map((c) => c.column_name), ['tenant_id', ...tt.columns.map((c) => c.cloudName)], tt.name);
    }
  } finally {
    await sql.end();
    await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
});
