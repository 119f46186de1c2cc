// Logs a DBA can read: one line per event, with time, level and scope, e.g.
// 2026-12-03 12:00:01.042 INFO  [runner(diff hr){run 42}] batch 17: 3 tables, 12 changes
// Never passwords, never personal data at info level.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { EpsError } from '../errors.js';

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface Logger {
  readonly file: string | null;
  scope(scope: string): Logger;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
}

function stamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function redact(text: string): string {
  return text.replace(/(\w+:\/\/[^:/\s]+:)[^@\s]+@/g, '$1***@').replace(/(password=)[^;\s]+/gi, '$1***');
}

/**
 * Makes a log folder one level at a time: Node's recursive mkdir never returns on some file
 * systems (a folder under /proc, say), and a wrong EPS_LOG_DIR must be an error, not a hang.
 */
export function ensureLogDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  try {
    for (const d of missing) mkdirSync(d);
  } catch (e) {
    throw new EpsError('EPS10', `The log folder ${dir} cannot be made: ${(e as Error).message}.`,
      'Set logDir in eps.config.json or EPS_LOG_DIR to a folder this user can write.', { cause: e });
  }
}

export function createLogger(opts: { file?: string | null; scope: string; echo?: (line: string) => void }): Logger {
  const file = opts.file ?? null;
  if (file) ensureLogDir(path.dirname(file));
  const write = (scope: string, level: Level, msg: string) => {
    const line = `${stamp()} ${level.padEnd(5)} [${scope}] ${redact(msg)}`;
    if (file) appendFileSync(file, line + '\n');
    if (level !== 'DEBUG') opts.echo?.(line);
  };
  const make = (scope: string): Logger => ({
    file,
    scope: (s) => make(s),
    info: (m) => write(scope, 'INFO', m),
    warn: (m) => write(scope, 'WARN', m),
    error: (m) => write(scope, 'ERROR', m),
    debug: (m) => write(scope, 'DEBUG', m),
  });
  return make(opts.scope);
}

export function runLogFile(logDir: string, kind: string, when = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const name = `sync-${when.getFullYear()}${p(when.getMonth() + 1)}${p(when.getDate())}-${p(when.getHours())}${p(when.getMinutes())}${p(when.getSeconds())}-${process.pid}-${kind}.log`;
  return path.join(logDir, name);
}
