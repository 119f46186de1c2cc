// The runner's view of the cloud database: it registers the tenant, stages full copies,
// sends differential batches with their jobs, and waits for the worker to apply them.
import postgres from 'postgres';
import { EpsError } from '../errors.js';
import { trackedTables } from '../catalogue/tables.js';
import { TASKS, queueFor } from './payloads.js';

export type BatchStatus = 'loading' | 'queued' | 'applied' | 'failed';

export interface DeltaTable { table: string; upsertsJson: string; deletes: number[] }

export class Cloud {
  readonly sql: postgres.Sql;
  constructor(url: string, max = 4) {
    this.sql = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'eps-runner' }, idle_timeout: 30 });
  }

  async ensureTenant(t: { code: string; name: string; domain: string; orderEmail?: string }): Promise<number> {
    const [{ ready }] = await this.sql<{ ready: boolean }[]>`SELECT to_regclass('eps.tenants') IS NOT NULL AND to_regclass('graphile_worker.jobs') IS NOT NULL AS ready`;
    if (!ready) {
      throw new EpsError('EPS16', 'The cloud database has no e-Pracownik schema yet.', 'Run `eps install` (or start `eps worker`): both bring the cloud database up to date.');
    }
    // One transaction: the tenant's row stays locked until its partitions exist, so processes
    // starting at once do not both create them.
    return this.sql.begin(async (tx) => {
      const [row] = await tx<{ id: number }[]>`
        INSERT INTO eps.tenants (code, name, domain, order_email) VALUES (${t.code}, ${t.name}, ${t.domain}, ${t.orderEmail ?? null})
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, domain = excluded.domain,
          order_email = coalesce(excluded.order_email, eps.tenants.order_email)
        RETURNING id`;
      await tx`SELECT eps.ensure_partitions(${row!.id}::integer)`;
      return row!.id;
    });
  }

  async batchStatus(tenantId: number, guid: string): Promise<{ status: BatchStatus; error: string | null; rowsApplied: number; rowsRejected: number } | null> {
    const [row] = await this.sql<{ status: BatchStatus; error: string | null; rows_applied: number; rows_rejected: number }[]>`
      SELECT status, error, rows_applied, rows_rejected FROM eps.batches WHERE tenant_id = ${tenantId} AND batch_guid = ${guid}`;
    return row ? { status: row.status, error: row.error, rowsApplied: row.rows_applied, rowsRejected: row.rows_rejected } : null;
  }

  async beginFull(tenantId: number, guid: string): Promise<void> {
    await this.sql`SELECT eps.begin_full(${tenantId}::integer, ${guid}::uuid)`;
  }

  /** Stores one page (a JSON array of ERP rows, passed through as text: the cloud parses it once). */
  async stagePage(tenantId: number, guid: string, table: string, rowsJson: string): Promise<{ staged: number; rejected: number }> {
    const [row] = await this.sql<{ staged: number; rejected: number }[]>`
      SELECT * FROM eps.stage_page(${tenantId}::integer, ${guid}::uuid, ${table}::text, ${rowsJson}::text::json)`;
    return row;
  }

  async finishFull(tenantId: number, guid: string): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`UPDATE eps.batches SET status = 'queued' WHERE tenant_id = ${tenantId} AND batch_guid = ${guid} AND status = 'loading'`;
      await tx`SELECT graphile_worker.add_job(${TASKS.switchFull}, ${tx.json({ tenantId, batchGuid: guid })}::json,
                 queue_name => ${queueFor(tenantId)}, job_key => ${`full-${guid}`}, max_attempts => 5)`;
    });
  }

  /** Sends a differential batch and queues its job, unless the cloud has already applied it. */
  async submitDelta(tenantId: number, guid: string, tables: DeltaTable[]): Promise<'queued' | 'applied'> {
    return this.sql.begin(async (tx) => {
      const [existing] = await tx<{ status: BatchStatus }[]>`
        SELECT status FROM eps.batches WHERE tenant_id = ${tenantId} AND batch_guid = ${guid} FOR UPDATE`;
      if (existing?.status === 'applied') return 'applied' as const;
      await tx`INSERT INTO eps.batches (tenant_id, batch_guid, kind, status) VALUES (${tenantId}, ${guid}, 'D', 'queued')
               ON CONFLICT (tenant_id, batch_guid) DO UPDATE SET status = 'queued', error = NULL`;
      await tx`DELETE FROM eps.batch_tables WHERE tenant_id = ${tenantId} AND batch_guid = ${guid}`;
      for (const t of tables) {
        await tx`INSERT INTO eps.batch_tables (tenant_id, batch_guid, table_name, upserts, deletes)
                 VALUES (${tenantId}, ${guid}, ${t.table}, ${t.upsertsJson}::text::jsonb, ${t.deletes}::integer[])`;
      }
      await tx`SELECT graphile_worker.add_job(${TASKS.applyBatch}, ${tx.json({ tenantId, batchGuid: guid })}::json,
                 queue_name => ${queueFor(tenantId)}, job_key => ${`batch-${guid}`}, max_attempts => 5)`;
      return 'queued' as const;
    });
  }

  async waitApplied(tenantId: number, guid: string, timeoutMs: number): Promise<{ rowsApplied: number; rowsRejected: number }> {
    const deadline = Date.now() + timeoutMs;
    let delay = 20;
    for (;;) {
      const s = await this.batchStatus(tenantId, guid);
      if (s?.status === 'applied') return s;
      if (s?.status === 'failed') throw new EpsError('EPS13', `The cloud could not apply batch ${guid}: ${s.error}.`, 'See eps status; the batch is retried at the next sync.');
      if (Date.now() > deadline) {
        const [job] = await this.sql<{ attempts: number; last_error: string | null }[]>`
          SELECT attempts, last_error FROM graphile_worker.jobs WHERE key IN (${`batch-${guid}`}, ${`full-${guid}`})`;
        throw new EpsError('EPS12', `The cloud did not apply batch ${guid} within ${Math.round(timeoutMs / 1000)} s${job?.last_error ? ` (last error: ${job.last_error})` : ' (is a worker running?)'}.`,
          'Start a worker (eps worker) or check the cloud database; the next sync sends the batch again.');
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  async rowCounts(tenantId: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const t of trackedTables) {
      const [r] = await this.sql.unsafe(`SELECT count(*)::bigint AS n FROM hr.${t.cloudTable} WHERE tenant_id = $1`, [tenantId]);
      out.set(t.name, Number(r.n));
    }
    return out;
  }

  async close() { await this.sql.end({ timeout: 5 }); }
}
