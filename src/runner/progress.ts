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
  const lastDone = new Map<string, number>();
  // On a terminal: the latest line of each table being worked on (of the whole sync when no table).
  const onScreen = new Map<string, string>();
  let last = -Infinity;
  return (e) => {
    const now = clock();
    const key = `${e.stage}|${e.table ?? ''}`;
    let start = startedAt.get(key);
    // A new step, or the same step again (the next batch of a differential sync): its own clock.
    const newStep = !start || e.done < (lastDone.get(key) ?? 0);
    if (!start || newStep) { start = { at: now, done: e.done }; startedAt.set(key, start); }
    lastDone.set(key, e.done);
    if (!newStep && now - last < 250 && e.total !== undefined && e.done < e.total) return;
    last = now;
    const secs = (now - start.at) / 1000;
    const rate = secs >= 0.05 ? (e.done - start.done) / secs : undefined;
    const left = e.total !== undefined && rate ? Math.max(0, (e.total - e.done) / rate) : undefined;
    const line = `${e.stage}${e.table ? ` ${e.table}` : ''}: ${e.done}${e.total !== undefined ? `/${e.total}` : ''} rows`
      + (rate !== undefined ? ` (${Math.round(rate)} rows/s${left !== undefined ? `, ${Math.ceil(left)} s left` : ''})` : '');
    if (!stream.isTTY) { stream.write(line + '\n'); return; }
    // On a terminal one line, rewritten: the tables being copied at once side by side.
    const lane = e.table ?? '';
    if (e.total !== undefined && e.done >= e.total) onScreen.delete(lane); else onScreen.set(lane, line);
    const shown = onScreen.size ? [...onScreen.values()].join('  |  ') : line;
    const width = (stream as { columns?: number }).columns ?? 200;
    stream.write(`\r\x1b[K${shown.length > width - 1 ? `${shown.slice(0, width - 2)}…` : shown}`);
  };
}

/** Progress and log lines on one stream: on a terminal a log line first clears the progress line. */
export function terminalOutput(stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr, clock: () => number = Date.now) {
  return {
    progress: stderrProgress(stream, clock),
    echo: (line: string) => { stream.write(`${stream.isTTY ? '\r\x1b[K' : ''}${line}\n`); },
  };
}

export const noProgress: ProgressSink = () => {};
