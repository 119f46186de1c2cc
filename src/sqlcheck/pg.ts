// Extracts the same facts as tsql.ts from a PostgreSQL twin by light text analysis: statements
// are split outside comments, strings and dollar-quoted bodies; only their headers are read.
import { readFileSync } from 'node:fs';
import { databaseHeader, type Column, type Param, type SqlError, type SqlFacts, type SqlObject } from './facts.js';

const NAME = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?`;
const ROUTINE = new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\s+(${NAME})\s*\(`, 'i');
const TABLE = new RegExp(
  String.raw`^CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(TEMP\s+|TEMPORARY\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${NAME})\s*\(`,
  'i',
);
const TRIGGER = new RegExp(
  String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+${NAME}\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+(.+?)\s+ON\s+(${NAME})\b.*\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(${NAME})\s*\(`,
  'is',
);
const TABLE_CONSTRAINT = /^(?:CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE)\b/i;
const COLUMN_CONSTRAINT = /\s+(?:NOT|NULL|DEFAULT|GENERATED|PRIMARY|REFERENCES|CHECK|UNIQUE|CONSTRAINT|COLLATE)\b/i;

interface Statement {
  text: string; // comments removed, dollar-quoted bodies emptied
  line: number;
}

export function parsePgFile(path: string, label = path): SqlFacts {
  return parsePg(readFileSync(path, 'utf8'), label);
}

export function parsePg(text: string, file = '<inline>'): SqlFacts {
  const objects: SqlObject[] = [];
  const errors: SqlError[] = [];
  for (const { text: sql, line } of splitStatements(text)) {
    const routine = ROUTINE.exec(sql);
    if (routine) {
      const [head, keyword, name] = routine as unknown as [string, string, string];
      const args = balanced(sql, head.length - 1);
      const returns = sql.slice(head.length - 1 + args.length + 2).trim();
      const params = splitList(args).map(param);
      const isTrigger = /^RETURNS\s+trigger\b/i.test(returns);
      const table = /^RETURNS\s+TABLE\s*\(/i.exec(returns);
      const outColumns = params.filter((p) => p.mode === 'OUT' || p.mode === 'INOUT').map(({ name, type }) => ({ name, type }));
      objects.push({
        kind: isTrigger ? 'trigger' : keyword.toUpperCase() === 'PROCEDURE' ? 'procedure' : 'function',
        ...schemaAndName(name),
        line,
        params: params.filter((p) => p.mode !== 'OUT').map(({ name, type }) => ({ name, type })),
        columns: table ? splitList(balanced(returns, table[0].length - 1)).map(column) : outColumns,
      });
      continue;
    }
    const table = TABLE.exec(sql);
    if (table && !table[1]) {
      const [head, , name] = table as unknown as [string, string, string];
      const columns = splitList(balanced(sql, head.length - 1))
        .filter((element) => !TABLE_CONSTRAINT.test(element))
        .map((element) => column(element.split(COLUMN_CONSTRAINT)[0]!));
      objects.push({ kind: 'table', ...schemaAndName(name), line, params: [], columns });
      continue;
    }
    const trigger = TRIGGER.exec(sql);
    if (trigger) {
      const [, events, table, fn] = trigger as unknown as [string, string, string, string];
      const target = objects.find((o) => o.kind === 'trigger' && sameName(o, fn));
      if (!target) {
        errors.push({ file, line, column: 1, message: `the trigger executes ${fn}(), which this file does not define as RETURNS trigger` });
        continue;
      }
      const on = unquoteName(table);
      if (target.on !== undefined && target.on.toLowerCase() !== on.toLowerCase()) {
        errors.push({ file, line, column: 1, message: `${fn}() is attached to both ${target.on} and ${on}` });
      }
      target.on = on;
      target.events = [...(target.events ?? []), ...events.split(/\s+OR\s+/i).map((e) => e.trim().split(/\s+/)[0]!.toUpperCase())];
    }
  }
  return { file, database: databaseHeader(text), objects, errors };
}

// Walks the text once, keeping track of comments, strings, quoted identifiers and dollar quotes.
function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let current = '';
  let line = 1;
  let startLine = 0;
  const emit = (s: string): void => {
    if (!startLine && /\S/.test(s)) startLine = line;
    current += s;
  };
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i, i + 2);
    let end: number;
    if (rest === '--') {
      end = text.indexOf('\n', i);
      end = end < 0 ? text.length : end;
      emit(' ');
    } else if (rest === '/*') {
      end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
      emit(' ');
    } else if (text[i] === "'" || text[i] === '"') {
      end = i + 1;
      while (end < text.length && !(text[end] === text[i] && text[end + 1] !== text[i])) end += text[end] === text[i] ? 2 : 1;
      end = Math.min(end + 1, text.length);
      emit(text.slice(i, end));
    } else if (text[i] === '$' && /^\$(?:[A-Za-z_]\w*)?\$/.test(text.slice(i))) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(text.slice(i))![0];
      end = text.indexOf(tag, i + tag.length);
      end = end < 0 ? text.length : end + tag.length;
      emit('$$'); // the body is PL/pgSQL or SQL, checked by running it, not here
    } else if (text[i] === ';') {
      end = i + 1;
      if (current.trim()) statements.push({ text: current.trim(), line: startLine });
      current = '';
      startLine = 0;
    } else {
      end = i + 1;
      emit(text[i]!);
    }
    for (let j = i; j < end; j++) if (text[j] === '\n') line++;
    i = end;
  }
  if (current.trim()) statements.push({ text: current.trim(), line: startLine });
  return statements;
}

// The text between the parenthesis at `open` and its match.
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

// Splits on commas outside parentheses and strings.
function splitList(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      items.push(list.slice(start, i));
      start = i + 1;
    }
  }
  items.push(list.slice(start));
  return items.map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

function param(arg: string): Param & { mode: string } {
  const mode = /^(IN|OUT|INOUT|VARIADIC)\s/i.exec(arg)?.[1]?.toUpperCase() ?? 'IN';
  const declaration = arg.replace(/^(IN|OUT|INOUT|VARIADIC)\s/i, '').replace(/\s*(?:\bDEFAULT\b|=).*$/is, '');
  const { name, type } = column(declaration);
  return { name: name ?? '', type: type ?? '', mode };
}

function column(declaration: string): Column {
  const m = /^("[^"]+"|\S+)\s+(.+)$/s.exec(declaration.trim());
  return m ? { name: unquote(m[1]!), type: m[2]!.trim() } : { name: null, type: declaration.trim() };
}

function schemaAndName(qualified: string): { schema?: string; name: string } {
  const parts = qualified.split('.').map(unquote);
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
}

function sameName(o: SqlObject, qualified: string): boolean {
  const { schema, name } = schemaAndName(qualified);
  return o.name.toLowerCase() === name.toLowerCase() && (schema ?? o.schema ?? '').toLowerCase() === (o.schema ?? '').toLowerCase();
}

function unquoteName(qualified: string): string {
  return qualified.split('.').map(unquote).join('.');
}

function unquote(id: string): string {
  return id.startsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id;
}
