// SIGINT/SIGTERM for commands that sync: the first asks the work to stop at its next safe point
// (between pages or batches; nothing is lost), a second one ends the process at once. Other
// handlers (the embedded server's) are set aside meanwhile, so they do not end it first.
import { EXIT } from '../errors.js';

export async function stoppableBySignals<T>(work: (signal: AbortSignal) => Promise<T>, say: (line: string) => void = (l) => console.error(l)): Promise<T> {
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      say(`${sig} again: stopping now; the unfinished batch is resumed by the next run`);
      process.exit(EXIT.failed);
    }
    say(`${sig}: stopping at the next safe point (send it again to stop at once)`);
    stop.abort();
  };
  const others = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const l of others.SIGINT) process.on('SIGINT', l as NodeJS.SignalsListener);
    for (const l of others.SIGTERM) process.on('SIGTERM', l as NodeJS.SignalsListener);
  }
}
