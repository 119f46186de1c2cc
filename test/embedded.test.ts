import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

// Under the system temp dir, not the test scratch folder: as root the server's own user must reach it.
const dataDir = path.join(os.tmpdir(), `eps-embedded-test-${process.pid}`);
const cleanup = () => { for (const f of ['', '.clients', '.lock', '.log']) rmSync(dataDir + f, { recursive: true, force: true }); };

interface Client { child: ChildProcess; lines: string[]; next(prefix: string): Promise<string> }
function client(): Client {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/_helpers/embedded-client.ts'), dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (d) => { buffered += d; const parts = buffered.split('\n'); buffered = parts.pop()!; lines.push(...parts); });
  return {
    child, lines,
    async next(prefix) {
      for (let i = 0; i < 1200; i++) {
        const hit = lines.find((l) => l.startsWith(prefix));
        if (hit) { lines.splice(lines.indexOf(hit), 1); return hit; }
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no "${prefix}" line from the client (exit ${child.exitCode}); got ${JSON.stringify(lines)}`);
    },
  };
}
const stopClient = async (c: Client) => { c.child.stdin!.write('stop\n'); await c.next('stopped'); };
const serverPid = () => (existsSync(path.join(dataDir, 'postmaster.pid')) ? Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) : null);
const alive = (pid: number | null) => { if (!pid) return false; try { process.kill(pid, 0); return true; } catch { return false; } };
const query = async (port: number) => {
  const sql = postgres(`postgres://postgres:eps@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try { return (await sql`SELECT 1 AS one`)[0]!.one as number; } finally { await sql.end(); }
};

test.after.always(cleanup);

test('eps processes on one data folder share its server; the last one to finish stops it, and one killed outright leaves an orphan the next adopts', async (t) => {
  cleanup();
  const a = client();
  const portA = Number((await a.next('ready')).split(' ')[1]);
  const b = client();
  const portB = Number((await b.next('ready')).split(' ')[1]);
  t.is(portB, portA, 'the second process uses the running server');
  const pid = serverPid();
  t.true(alive(pid));

  await stopClient(a);
  t.is(await query(portB), 1, 'the first one to finish leaves the server to the other');
  await stopClient(b);
  t.false(alive(pid), 'the last one stops it');

  const c = client();
  const portC = Number((await c.next('ready')).split(' ')[1]);
  const orphan = serverPid();
  c.child.kill('SIGKILL');
  await new Promise((r) => c.child.once('exit', r));
  t.true(alive(orphan), 'a process killed outright cannot stop its server');
  const d = client();
  t.is(Number((await d.next('ready')).split(' ')[1]), portC, 'the next process adopts the orphan');
  await stopClient(d);
  t.false(alive(orphan), 'and stops it as the last user');
});
