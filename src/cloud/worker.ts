// The cloud worker: graphile-worker tasks that apply what the runner sent. Many workers on
// many machines may share one cloud database; one tenant's jobs share a queue, so they run
// one at a time. A worker that dies mid-job leaves its job locked: live workers unlock the
// jobs of workers whose heartbeat stopped.
import { EventEmitter } from 'node:events';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
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
  // Our own emitter, so that no worker is created before we listen.
  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  events.on('worker:create', ({ worker }) => { workerIds.push(worker.workerId); });
  events.on('job:error', ({ job, error }) => opts.log?.(`job ${job.task_identifier} failed (attempt ${job.attempts}): ${(error as Error)?.message}`));
  const runner: Runner = await run({
    events,
    connectionString: url,
    concurrency: opts.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 500,
    taskList,
    logger: silentLogger(),
  });
  const beat = async () => {
    try {
      for (const id of workerIds) {
        await sql`INSERT INTO eps.workers (worker_id) VALUES (${id}) ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`;
      }
      // A job locked for a while by a worker with no fresh heartbeat (it died, perhaps before its
      // first heartbeat) is given back to the queue.
      const dead = await sql<{ worker_id: string }[]>`
        SELECT DISTINCT j.locked_by AS worker_id FROM graphile_worker.jobs j
        WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - ${DEAD_AFTER_MS / 1000} * interval '1 second'
          AND NOT EXISTS (SELECT 1 FROM eps.workers w WHERE w.worker_id = j.locked_by
                          AND w.heartbeat_at >= now() - ${DEAD_AFTER_MS / 1000} * interval '1 second')`;
      await sql`DELETE FROM eps.workers WHERE heartbeat_at < now() - ${(10 * DEAD_AFTER_MS) / 1000} * interval '1 second'`;
      if (dead.length) {
        await sql`SELECT graphile_worker.force_unlock_workers(${dead.map((d) => d.worker_id)}::text[])`;
        opts.log?.(`unlocked the jobs of ${dead.length} stopped worker(s)`);
      }
    } catch (e) {
      opts.log?.(`worker heartbeat failed: ${(e as Error).message}`);
    }
  };
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
