import type { ExecutionContext } from 'ava';
import { openServices, runSync, type Services } from '../../src/runner/app.js';
import { compareErpAndCloud, formatComparison } from '../../src/verify/checksum.js';
import { createLogger } from '../../src/runner/log.js';
import { cloneDatabases, type TestDbs } from './db.js';

export interface World extends TestDbs { services: Services; sync(full?: boolean): ReturnType<typeof runSync>; assertEqual(t: ExecutionContext): Promise<void>; close(): Promise<void> }

/** Fresh databases from the templates, the services wired, an in-process worker. */
export async function world(opts: { worker?: boolean; company?: 'company' | 'bareCompany' } = {}): Promise<World> {
  const dbs = await cloneDatabases({ company: opts.company });
  const services = await openServices(dbs.config, { worker: opts.worker ?? true, migrate: false });
  return {
    ...dbs,
    services,
    sync: (full?: boolean) => runSync(services, { full }),
    async assertEqual(t: ExecutionContext) {
      const cmp = await compareErpAndCloud(dbs.company, dbs.cloudSql, services.tenantId);
      const bad = cmp.filter((c) => !c.equal);
      t.deepEqual(bad.map((b) => b.table), [], `ERP and cloud differ:\n${formatComparison(cmp)}`);
    },
    async close() {
      await services.close();
      await dbs.drop();
    },
  };
}

export const quietLog = createLogger({ scope: 'test' });
