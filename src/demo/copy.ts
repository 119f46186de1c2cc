// Loads rows into the stand-in ERP, shaped by the column catalogue: COPY ... FROM STDIN for the
// big tables, a multi-row INSERT for the small ones. Rows name columns exactly as Optima does
// (PNB_OkresOd); a column a row leaves out gets what SQL Server would give an INSERT that omits
// it: the column's default if it has one, else NULL if it may be NULL, else Optima's zero value
// (0, '', 1899-12-30, a deterministic uuid).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type postgres from 'postgres';
import { optimaTables, type OptimaColumn, type OptimaTable } from '../catalogue/tables.js';

export type Db = postgres.Sql | postgres.TransactionSql;
export type Value = string | number | boolean | null;
export type Row = Record<string, Value | undefined>;

export interface CopyContext {
  seed: number;
  /** text of the timestamp that stands for "now" (SQL Server's getdate()) */
  now: string;
  onProgress?: (table: string, rows: number) => void;
}

/** Up to this many rows a table is inserted: each COPY costs two ~40 ms round trips with
 * postgres.js, which leaves Nagle's algorithm on, so COPY pays off only for big tables. */
const INSERT_UP_TO = 2000;
const MAX_PARAMETERS = 60_000;
const FLUSH_AT = 256 * 1024;
const PROGRESS_EVERY = 100_000;

/** COPY text format: backslash escapes for the characters the format gives meaning to. */
export function copyText(value: Value | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to the database`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
}

/** A uuid that looks random but is fixed by the seed and the cell it fills. */
export function deterministicUuid(seed: number, ...where: (string | number)[]): string {
  const h = createHash('md5').update(`${seed}|${where.join('|')}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Fill = (rowIndex: number) => Value;

function baseType(c: OptimaColumn): string {
  return c.type.replace(/\(.*$/, '');
}

/** What an omitted column receives, decided from the catalogue entry alone. */
function fillFor(table: OptimaTable, c: OptimaColumn, ctx: CopyContext): Fill {
  const type = baseType(c);
  const uuid: Fill = (i) => deterministicUuid(ctx.seed, table.name, c.name, i);
  if (c.default !== null) {
    const d = c.default.replace(/^\(+|\)+$/g, '').replace(/\($/, '');
    if (d === 'getdate') return () => ctx.now;
    if (d === 'newid') return uuid;
    if (!/^-?[\d.]+$/.test(d)) throw new Error(`CDN.${table.name}.${c.name}: unknown default ${c.default}`);
    if (type === 'datetime') {
      // SQL Server reads an integer datetime default as days since 1900-01-01.
      const text = new Date(Date.UTC(1900, 0, 1 + Number(d))).toISOString().slice(0, 10) + ' 00:00:00';
      return () => text;
    }
    if (type === 'bit') return () => Number(d) !== 0;
    return () => Number(d);
  }
  if (c.nullable) return () => null;
  switch (type) {
    case 'int': case 'tinyint': case 'smallint': case 'bigint': case 'decimal': return () => 0;
    case 'varchar': case 'nvarchar': return () => '';
    case 'datetime': return () => '1899-12-30 00:00:00';
    case 'bit': return () => false;
    case 'uniqueidentifier': return uuid;
    default: throw new Error(`CDN.${table.name}.${c.name}: no zero value for type ${c.type}`);
  }
}

function catalogueTable(name: string): OptimaTable {
  const t = optimaTables[name];
  if (!t) throw new Error(`CDN.${name} is not in the Optima column catalogue`);
  return t;
}

/** The stand-in's name of a catalogue table: unquoted DDL folds it to lower case. */
export function pgTable(name: string): string {
  return `cdn.${catalogueTable(name).name.toLowerCase()}`;
}

/**
 * Every non-computed catalogue column is written, so the result does not depend on the
 * stand-in's own defaults (some are now() and gen_random_uuid()).
 */
function shapeOf(tableName: string, ctx: CopyContext) {
  const table = catalogueTable(tableName);
  const columns = table.columns.filter((c) => !c.computed);
  const names = columns.map((c) => c.name);
  const known = new Set(names);
  const computed = new Set(table.columns.filter((c) => c.computed).map((c) => c.name));
  const fills = columns.map((c) => fillFor(table, c, ctx));
  const values = (row: Row, index: number): Value[] => {
    for (const key in row) {
      if (!known.has(key)) {
        throw new Error(computed.has(key)
          ? `CDN.${tableName}.${key} is computed by the database; leave it out of the row`
          : `CDN.${tableName} has no column ${key} (column names are matched exactly, as in Optima)`);
      }
    }
    return names.map((n, i) => {
      const v = row[n];
      return v === undefined ? fills[i]!(index) : v;
    });
  };
  return { pgNames: names.map((n) => n.toLowerCase()), values };
}

/** Writes `rows` into CDN.<table> and returns how many went in. */
export async function writeRows(sql: Db, tableName: string, rows: Iterable<Row>, ctx: CopyContext): Promise<number> {
  const shape = shapeOf(tableName, ctx);
  const it = rows[Symbol.iterator]();
  const head: Value[][] = [];
  let next = it.next();
  while (!next.done && head.length < INSERT_UP_TO) {
    head.push(shape.values(next.value, head.length));
    next = it.next();
  }
  const count = next.done ? await insertRows(sql, tableName, shape.pgNames, head) : await copyRows(sql, tableName, shape, head, next, it, ctx);
  ctx.onProgress?.(tableName, count);
  return count;
}

async function insertRows(sql: Db, tableName: string, columns: string[], rows: Value[][]): Promise<number> {
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += batch) {
    const objects = rows.slice(i, i + batch).map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]])));
    await sql`INSERT INTO ${sql(pgTable(tableName))} ${sql(objects, columns)}`;
  }
  return rows.length;
}

async function copyRows(
  sql: Db, tableName: string, shape: ReturnType<typeof shapeOf>, head: Value[][],
  first: IteratorResult<Row>, rest: Iterator<Row>, ctx: CopyContext,
): Promise<number> {
  const query = sql`COPY ${sql(pgTable(tableName))} (${sql(shape.pgNames)}) FROM STDIN`;
  const stream = await query.writable();
  const rejected = serverRejection(query);
  const line = (values: Value[]) => values.map(copyText).join('\t') + '\n';
  let buffer = head.map(line).join('');
  let count = head.length;
  try {
    for (let r = first; !r.done; r = rest.next()) {
      buffer += line(shape.values(r.value, count));
      count++;
      if (buffer.length >= FLUSH_AT) {
        if (!stream.write(buffer)) await once(stream, 'drain');
        buffer = '';
      }
      if (count % PROGRESS_EVERY === 0) ctx.onProgress?.(tableName, count);
    }
  } catch (err) {
    stream.on('error', () => {}); // the error is rethrown below; destroy() only tells the server
    stream.destroy(err as Error);
    throw err;
  }
  stream.end(buffer);
  await Promise.race([finished(stream), rejected]);
  return count;
}

/**
 * postgres.js 3.4.9 never finishes the writable when the server rejects a COPY after the last
 * row was sent (a foreign key or unique violation found at the end; porsager/postgres#1173):
 * the error reaches only the query object, which has already resolved to the stream. Catch it there.
 */
function serverRejection(query: object): Promise<never> {
  const q = query as { reject: (err: unknown) => void };
  const original = q.reject;
  const rejected = new Promise<never>((_, reject) => {
    q.reject = (err) => {
      original(err);
      reject(err);
    };
  });
  rejected.catch(() => {}); // errors while streaming also surface through the stream itself
  return rejected;
}

/** Moves the identity sequence past the explicit ids written, so later inserts do not collide. */
export async function syncIdentity(sql: Db, tableName: string): Promise<void> {
  const table = catalogueTable(tableName);
  const key = table.key.toLowerCase();
  await sql`
    SELECT setval(pg_get_serial_sequence(${pgTable(tableName)}, ${key}), max(${sql(key)}))
    FROM ${sql(pgTable(tableName))}
    HAVING max(${sql(key)}) IS NOT NULL`;
}
