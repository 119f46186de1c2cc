// Brings the cloud database up to date: our migrations (node-pg-migrate, sql/cloud/migrations)
// and graphile-worker's own schema.
import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { runMigrations } from 'graphile-worker';
import { SQL_ROOT } from '../erp/installer.js';
import { withAdvisoryLock } from '../infra/advisory-lock.js';

export async function migrateCloud(url: string, log: (line: string) => void = () => {}): Promise<void> {
  // graphile-worker's own migrations create their schema without waiting for each other: one at a time.
  await withAdvisoryLock(url, 'eps cloud migrations', () => migrateCloudLocked(url, log));
}

async function migrateCloudLocked(url: string, log: (line: string) => void): Promise<void> {
  await runner({
    databaseUrl: url,
    dir: path.join(SQL_ROOT, 'cloud', 'migrations'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    migrationsSchema: 'public',
    checkOrder: true,
    singleTransaction: true,
    // Several eps processes may start at once (eps worker beside eps status): the later ones wait.
    advisoryLockMode: 'wait',
    log: (msg: string) => log(msg),
    verbose: false,
  });
  await runMigrations({ connectionString: url, logger: silentLogger() });
}

export async function migrateCloudDown(url: string): Promise<void> {
  await runner({
    databaseUrl: url,
    dir: path.join(SQL_ROOT, 'cloud', 'migrations'),
    direction: 'down',
    count: Infinity,
    migrationsTable: 'pgmigrations',
    migrationsSchema: 'public',
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log: () => {},
  });
}

import { Logger } from 'graphile-worker';
export function silentLogger(): Logger {
  return new Logger(() => () => {});
}
