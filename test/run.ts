// `npm test`: starts PostgreSQL (embedded, unless DATABASE_URL names a server), builds the
// template databases once (stand-in ERP with a small demo firm and the service installed;
// a bare stand-in; a migrated cloud), then runs ava. Each test file clones its own databases.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { startEmbedded, type EmbeddedServer } from '../src/infra/embedded.js';
import { buildTemplates } from './_helpers/templates.js';

let server: EmbeddedServer | null = null;
let adminUrl = process.env.DATABASE_URL;
const dataDir = path.join(os.tmpdir(), `eps-test-${process.pid}`);
// The test files' own temporary files (run logs, service logs) go into one folder, removed at the end.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'eps-test-files-'));
try {
  if (!adminUrl) {
    process.stderr.write('Starting an embedded PostgreSQL for the tests...\n');
    server = await startEmbedded({ dataDir, persistent: false });
    adminUrl = server.url('postgres');
  }
  const t0 = Date.now();
  await buildTemplates(adminUrl);
  process.stderr.write(`Template databases ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/ava/entrypoints/cli.mjs'), ...process.argv.slice(2)], {
      stdio: 'inherit', env: { ...process.env, EPS_TEST_ADMIN_URL: adminUrl, EPS_TEST_SCRATCH: scratch },
    });
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
  });
  process.exitCode = code;
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
// ava's exit code is the suite's; nothing left open may keep the process alive after it
process.exit(process.exitCode ?? 1);
