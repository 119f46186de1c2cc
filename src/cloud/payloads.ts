// Job payloads, checked with zod where they enter the worker.
import { z } from 'zod';

export const BatchJob = z.object({ tenantId: z.number().int().positive(), batchGuid: z.string().uuid() });
export type BatchJob = z.infer<typeof BatchJob>;

export const TASKS = { applyBatch: 'hr__apply_batch', switchFull: 'hr__switch_full' } as const;
export const queueFor = (tenantId: number) => `tenant-${tenantId}`;
