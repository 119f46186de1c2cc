// The eps command line as a user runs it: a child process, with the environment naming a test world's databases.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestDbs } from './db.js';

/** EPS_* variables pointing the command line at a test world's databases (and never at an embedded server). */
export function cliEnv(w: Pick<TestDbs, 'config'>, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env, DATABASE_URL: '', EPS_CLOUD_URL: w.config.cloudUrl, EPS_ERP_COMPANY_URL: w.config.erp.companyUrl,
    EPS_ERP_CONFIG_URL: w.config.erp.configUrl, EPS_LOG_DIR: w.config.logDir, EPS_TENANT: w.config.tenant.code, ...more,
  };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv, stdio: 'ignore' | 'pipe' = 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.resolve('src/runner/cli.ts'), ...args], { env, stdio: ['ignore', stdio, stdio] });
}

/** Runs an eps command to its end: its exit code, stdout and stderr. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawnCli(args, env);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => { out += d; });
    child.stderr!.on('data', (d) => { err += d; });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
