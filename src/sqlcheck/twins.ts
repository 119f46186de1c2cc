// Compares each T-SQL file under sql/erp with its PostgreSQL twin: same objects, same parameter
// and column names in the same order, compatible types, same `-- database:` header.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatError, qualifiedName, type Column, type ObjectKind, type Param, type SqlFacts, type SqlObject } from './facts.js';

export interface TwinFiles {
  name: string; // path below the root without the dialect suffix, e.g. 'procedures/EPS_AckBatch'
  mssql?: string;
  pg?: string;
}

const SUFFIXES = { mssql: '.mssql.sql', pg: '.pg.sql' } as const;
const DATABASES = ['company', 'config'];

export function findTwinFiles(root: string): TwinFiles[] {
  const byName = new Map<string, TwinFiles>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = entry.split('\\').join('/');
    for (const [dialect, suffix] of Object.entries(SUFFIXES) as ['mssql' | 'pg', string][]) {
      if (!path.endsWith(suffix)) continue;
      const name = path.slice(0, -suffix.length);
      const twins = byName.get(name) ?? { name };
      twins[dialect] = join(root, path);
      byName.set(name, twins);
    }
  }
  return [...byName.values()];
}

export function missingTwin(files: TwinFiles): string | undefined {
  if (!files.pg) return `${files.name}${SUFFIXES.mssql} has no PostgreSQL twin ${files.name}${SUFFIXES.pg}`;
  if (!files.mssql) return `${files.name}${SUFFIXES.pg} has no T-SQL twin ${files.name}${SUFFIXES.mssql}`;
  return undefined;
}

// Every difference found, as sentences; empty when the twins agree.
export function compareTwins(tsql: SqlFacts, pg: SqlFacts): string[] {
  if (tsql.errors.length > 0) return [`${tsql.file} has syntax errors, so it cannot be compared: ${formatError(tsql.errors[0]!)}`];
  const problems = pg.errors.map(formatError);
  for (const facts of [tsql, pg]) {
    if (!facts.database || !DATABASES.includes(facts.database)) {
      problems.push(`${facts.file} must start with a "-- database: ${DATABASES.join('|')}" line`);
    }
  }
  if (tsql.database && pg.database && tsql.database !== pg.database) {
    problems.push(`the files are for different databases: ${tsql.database} in T-SQL, ${pg.database} in PG`);
  }
  const pgObjects = new Map(pg.objects.map((o) => [objectKey(o), o]));
  for (const t of tsql.objects) {
    const p = pgObjects.get(objectKey(t));
    pgObjects.delete(objectKey(t));
    if (!p) problems.push(`${t.kind} ${qualifiedName(t)} is declared in T-SQL only`);
    else problems.push(...compareObjects(t, p));
  }
  for (const p of pgObjects.values()) problems.push(`${p.kind} ${qualifiedName(p)} is declared in PG only`);
  if (tsql.objects.length === 0 && pg.objects.length === 0) problems.push('neither file declares a table, routine or trigger');
  return problems;
}

// A T-SQL procedure is written as a PG function.
function objectKey(o: SqlObject): string {
  const family: Record<ObjectKind, string> = { procedure: 'routine', function: 'routine', table: 'table', trigger: 'trigger' };
  return `${family[o.kind]} ${qualifiedName(o).toLowerCase()}`;
}

function compareObjects(t: SqlObject, p: SqlObject): string[] {
  const what = `${t.kind} ${qualifiedName(t)}`;
  const problems = [
    ...compareLists(`${what}, parameter`, t.params.map(fromParam('@')), p.params.map(fromParam(''))),
    ...compareLists(`${what}, ${t.kind === 'table' ? 'column' : 'result column'}`, t.columns.map(fromColumn), p.columns.map(fromColumn)),
  ];
  if (t.kind === 'trigger') {
    if ((t.on ?? '').toLowerCase() !== (p.on ?? '').toLowerCase()) {
      problems.push(`${what} watches ${t.on ?? 'no table'} in T-SQL, ${p.on ?? 'no table'} in PG`);
    }
    const events = (o: SqlObject): string => [...new Set(o.events)].sort().join(', ');
    if (events(t) !== events(p)) problems.push(`${what} fires on ${events(t)} in T-SQL, on ${events(p)} in PG`);
  }
  return problems;
}

interface Item {
  name: string | null;
  shown: string; // the name as written in its dialect
  type?: string;
}

const fromParam = (prefix: string) => (p: Param): Item => ({ name: p.name, shown: prefix + p.name, type: p.type });
const fromColumn = (c: Column): Item => ({ name: c.name, shown: c.name ?? '(no name)', ...(c.type ? { type: c.type } : {}) });

// Names must be spelled the same (the TypeScript reads result columns by name); types must match
// through PG_TWIN_TYPES where both sides declare one.
function compareLists(what: string, tsql: Item[], pg: Item[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < Math.max(tsql.length, pg.length); i++) {
    const t = tsql[i];
    const p = pg[i];
    if (!t || !p) {
      problems.push(`${what} ${i + 1}: ${t ? t.shown : 'none'} in T-SQL, ${p ? p.shown : 'none'} in PG`);
    } else if (t.name === null || t.name !== p.name) {
      const caseOnly = t.name !== null && p.name !== null && t.name.toLowerCase() === p.name.toLowerCase();
      problems.push(`${what} ${i + 1}: ${t.shown} in T-SQL, ${p.shown} in PG${caseOnly ? ' (the names differ in case)' : ''}`);
    } else if (t.type !== undefined && p.type !== undefined) {
      const problem = typeProblem(t.type, p.type);
      if (problem) problems.push(`${what} ${t.shown}: ${problem}`);
    }
  }
  return problems;
}

// T-SQL type → the types its PG twin may declare; `n`, `p`, `s` are the T-SQL length, precision, scale.
const PG_TWIN_TYPES: Record<string, (args: string[]) => string[]> = {
  int: () => ['integer'],
  bigint: () => ['bigint'],
  smallint: () => ['smallint'],
  tinyint: () => ['smallint'],
  bit: () => ['boolean'],
  uniqueidentifier: () => ['uuid'],
  datetime: () => ['timestamp(3)', 'timestamp'],
  date: () => ['date'],
  varchar: ([n = '1']) => (n === 'max' ? ['text'] : [`varchar(${n})`, 'text']),
  nvarchar: ([n = '1']) => (n === 'max' ? ['text'] : [`varchar(${n})`, 'text']),
  sysname: () => ['varchar(128)', 'text'],
  char: ([n = '1']) => [`char(${n})`],
  nchar: ([n = '1']) => [`char(${n})`],
  decimal: ([p = '18', s = '0']) => [`numeric(${p},${s})`],
  numeric: ([p = '18', s = '0']) => [`numeric(${p},${s})`],
  varbinary: ([n = '1']) => (n === 'max' ? ['bytea'] : []),
};

// Spellings PostgreSQL accepts for the same type.
const PG_ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  'character varying': 'varchar',
  character: 'char',
  decimal: 'numeric',
};

export function typeProblem(tsqlType: string, pgType: string): string | undefined {
  const t = splitType(tsqlType);
  const p = splitType(pgType.replace(/\s+without time zone$/i, ''));
  const pgNormal = (PG_ALIASES[p.base] ?? p.base) + (p.args.length ? `(${p.args.join(',')})` : '');
  const rule = PG_TWIN_TYPES[t.base];
  if (!rule) {
    const tsqlNormal = t.base + (t.args.length ? `(${t.args.join(',')})` : '');
    return tsqlNormal === pgNormal
      ? undefined
      : `T-SQL type ${tsqlType} has no PG twin type in PG_TWIN_TYPES (src/sqlcheck/twins.ts), and PG declares ${pgType}`;
  }
  const allowed = rule(t.args);
  return allowed.includes(pgNormal) ? undefined : `T-SQL type ${tsqlType} needs ${allowed.join(' or ') || 'a mapping'} in PG, not ${pgType}`;
}

function splitType(type: string): { base: string; args: string[] } {
  const m = /^([^(]*?)\s*(?:\((.*)\))?$/.exec(type.trim().toLowerCase().replace(/\s+/g, ' '))!;
  return { base: m[1]!, args: m[2] ? m[2].split(',').map((a) => a.trim()) : [] };
}
