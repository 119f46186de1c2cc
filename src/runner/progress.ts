// Live progress on stderr: stage, table, rows done of total, rate and time left.
// The stages are the seed's: reading the ERP, preparing, sending, saving in the cloud, and back:
// reading the cloud, saving in the ERP.
export type Stage = 'reading the ERP' | 'preparing' | 'sending' | 'saving in the cloud' | 'acknowledging'
  | 'reading the cloud' | 'saving in the ERP';

export interface ProgressEvent { stage: Stage; table?: string; done: number; total?: number }
export type ProgressSink = (e: ProgressEvent) => void;

export function stderrProgress(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, clock: () => number = Date.now): ProgressSink {
  // Per stage and table: a full sync copies two tables at once, each with its own rate.
  const startedAt = new Map<string, { at: number; done: number }>();
  let last = -Infinity;
  return (e) => {
    const now = clock();
    const key = `${e.stage}|${e.table ?? ''}`;
    let start = startedAt.get(key);
    const newStep = !start;
    if (!start) { start = { at: now, done: e.done }; startedAt.set(key, start); }
    if (!newStep && now - last < 250 && e.total !== undefined && e.done < e.total) return;
    last = now;
    const secs = (now - start.at) / 1000;
    const rate = secs >= 0.05 ? (e.done - start.done) / secs : undefined;
    const left = e.total !== undefined && rate ? Math.max(0, (e.total - e.done) / rate) : undefined;
    const line = `${e.stage}${e.table ? ` ${e.table}` : ''}: ${e.done}${e.total !== undefined ? `/${e.total}` : ''} rows`
      + (rate !== undefined ? ` (${Math.round(rate)} rows/s${left !== undefined ? `, ${Math.ceil(left)} s left` : ''})` : '');
    if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
    else stream.write(line + '\n');
  };
}

export const noProgress: ProgressSink = () => {};
