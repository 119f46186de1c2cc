// The cloud worker: graphile-worker tasks that apply what the runner sent. Many workers on
// many machines may share one cloud database; one tenant's jobs share a queue, so they run
// one at a time. A worker that dies mid-job leaves its job locked: live workers unlock the
// jobs of workers whose heartbeat stopped.
import { run, type Runner, type TaskList } from 'graphile-worker';
import postgres from 'postgres';
import { BatchJob, TASKS } from './payloads.js';
import { silentLogger } from './migrate.js';

export const HEARTBEAT_MS = 2_000;
export const DEAD_AFTER_MS = 10_000;

export const taskList: TaskList = {
  [TASKS.applyBatch]: async (payload, helpers) => {
    const job = BatchJob.parse(payload);
    await helpers.withPgClient((c) => c.query('SELECT * FROM eps.apply_batch($1::integer, $2::uuid)', [job.tenantId, job.batchGuid]));
  },
  [TASKS.switchFull]: async (payload, helpers) => {
    const job = BatchJob.parse(payload);
    await helpers.withPgClient((c) => c.query('SELECT * FROM eps.switch_full($1::integer, $2::uuid)', [job.tenantId, job.batchGuid]));
  },
};

export interface CloudWorker { stop(): Promise<void>; workerIds: string[] }

export async function startWorker(url: string, opts: { concurrency?: number; log?: (line: string) => void } = {}): Promise<CloudWorker> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const workerIds: string[] = [];
  const runner: Runner = await run({
    connectionString: url,
    concurrency: opts.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 500,
    taskList,
    logger: silentLogger(),
  });
  runner.events.on('worker:create', ({ worker }) => { workerIds.push(worker.workerId); });
  runner.events.on('job:error', ({ job, error }) => opts.log?.(`job ${job.task_identifier} failed (attempt ${job.attempts}): ${(error as Error)?.message}`));
  const beat = async () => {
    try {
      for (const id of workerIds) {
        await sql`INSERT INTO eps.workers (worker_id) VALUES (${id}) ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`;
      }
      const dead = await sql<{ worker_id: string }[]>`
        DELETE FROM eps.workers WHERE heartbeat_at < now() - ${DEAD_AFTER_MS / 1000} * interval '1 second' RETURNING worker_id`;
      if (dead.length) {
        await sql`SELECT graphile_worker.force_unlock_workers(${dead.map((d) => d.worker_id)}::text[])`;
        opts.log?.(`unlocked the jobs of ${dead.length} stopped worker(s)`);
      }
    } catch (e) {
      opts.log?.(`worker heartbeat failed: ${(e as Error).message}`);
    }
  };
  await new Promise((r) => setTimeout(r, 50));
  await beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  return {
    workerIds,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await sql`DELETE FROM eps.workers WHERE worker_id = ANY(${workerIds}::text[])`.catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}
