import test from 'ava';
import { stderrProgress } from '../src/runner/progress.js';

function recorder() {
  const lines: string[] = [];
  let now = 0;
  const sink = stderrProgress({ isTTY: false, write: (s: string | Uint8Array) => { lines.push(String(s).trimEnd()); return true; } }, () => now);
  return { lines, sink, advance: (ms: number) => { now += ms; } };
}

test('progress names the stage and table, rows done of total, the rate and the time left', (t) => {
  const p = recorder();
  p.sink({ stage: 'saving in the cloud', table: 'PracPracaDni', done: 0, total: 30_000 });
  p.advance(1000);
  p.sink({ stage: 'saving in the cloud', table: 'PracPracaDni', done: 10_000, total: 30_000 });
  t.deepEqual(p.lines, [
    'saving in the cloud PracPracaDni: 0/30000 rows',
    'saving in the cloud PracPracaDni: 10000/30000 rows (10000 rows/s, 2 s left)',
  ]);
});

test('two tables copied at once each keep their own rate', (t) => {
  const p = recorder();
  p.sink({ stage: 'saving in the cloud', table: 'A', done: 0, total: 1000 });
  p.sink({ stage: 'saving in the cloud', table: 'B', done: 0, total: 1000 });
  p.advance(1000);
  p.sink({ stage: 'saving in the cloud', table: 'A', done: 100, total: 1000 });
  p.advance(1000);
  p.sink({ stage: 'saving in the cloud', table: 'B', done: 400, total: 1000 });
  t.is(p.lines.at(-2), 'saving in the cloud A: 100/1000 rows (100 rows/s, 9 s left)');
  t.is(p.lines.at(-1), 'saving in the cloud B: 400/1000 rows (200 rows/s, 3 s left)');
});

test('updates come at most four times a second, but the last row of a step always shows', (t) => {
  const p = recorder();
  p.sink({ stage: 'sending', done: 0, total: 10 });
  p.advance(100);
  p.sink({ stage: 'sending', done: 5, total: 10 });
  p.sink({ stage: 'sending', done: 10, total: 10 });
  t.deepEqual(p.lines, ['sending: 0/10 rows', 'sending: 10/10 rows (100 rows/s, 0 s left)']);
});

test('on a terminal one line shows the tables being worked on side by side; a finished table leaves it, whatever its stage', (t) => {
  const writes: string[] = [];
  let now = 0;
  const sink = stderrProgress({ isTTY: true, write: (s: string | Uint8Array) => { writes.push(String(s)); return true; } }, () => now);
  sink({ stage: 'reading the ERP', table: 'A', done: 0, total: 100 });
  sink({ stage: 'reading the ERP', table: 'B', done: 0, total: 50 });
  now += 1000;
  sink({ stage: 'sending', table: 'A', done: 40, total: 100 });
  t.is(writes.at(-1), '\r\x1b[Ksending A: 40/100 rows  |  reading the ERP B: 0/50 rows');
  now += 1000;
  sink({ stage: 'sending', table: 'B', done: 50, total: 50 });
  now += 1000;
  sink({ stage: 'sending', table: 'A', done: 70, total: 100 });
  t.is(writes.at(-1), '\r\x1b[Ksending A: 70/100 rows (15 rows/s, 2 s left)', 'B is done and gone; A\'s rate counts from when it began sending');
});

test('the same step again (the next batch) starts its own clock', (t) => {
  const lines: string[] = [];
  let now = 0;
  const sink = stderrProgress({ isTTY: false, write: (s: string | Uint8Array) => { lines.push(String(s).trimEnd()); return true; } }, () => now);
  sink({ stage: 'saving in the cloud', done: 0, total: 10 });
  now += 1000;
  sink({ stage: 'saving in the cloud', done: 10, total: 10 });
  now += 60_000;
  sink({ stage: 'saving in the cloud', done: 0, total: 4 });
  now += 1000;
  sink({ stage: 'saving in the cloud', done: 4, total: 4 });
  t.is(lines.at(-1), 'saving in the cloud: 4/4 rows (4 rows/s, 0 s left)');
});
