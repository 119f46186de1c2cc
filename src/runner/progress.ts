// Live progress on stderr: stage, table, rows done of total, rate and time left.
// The stages are the seed's: reading the ERP, preparing, sending, saving in the cloud.
export type Stage = 'reading the ERP' | 'preparing' | 'sending' | 'saving in the cloud' | 'acknowledging';

export interface ProgressEvent { stage: Stage; table?: string; done: number; total?: number }
export type ProgressSink = (e: ProgressEvent) => void;

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  let started = Date.now();
  let step = '';
  let last = 0;
  return (e) => {
    const now = Date.now();
    const key = `${e.stage}|${e.table ?? ''}`;
    if (key !== step) { step = key; started = now; }
    if (now - last < 250 && e.total !== undefined && e.done < e.total) return;
    last = now;
    const secs = Math.max((now - started) / 1000, 0.001);
    const rate = e.done / secs;
    const left = e.total && rate > 0 ? Math.max(0, (e.total - e.done) / rate) : undefined;
    const line = `${e.stage}${e.table ? ` ${e.table}` : ''}: ${e.done}${e.total !== undefined ? `/${e.total}` : ''} rows`
      + ` (${Math.round(rate)} rows/s${left !== undefined ? `, ${Math.ceil(left)} s left` : ''})`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
    else stream.write(line + '\n');
  };
}

export const noProgress: ProgressSink = () => {};
