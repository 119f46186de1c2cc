// What the checkers extract from one SQL file, whichever dialect it is written in.

export type ObjectKind = 'procedure' | 'function' | 'table' | 'trigger';

export interface Param {
  name: string; // without the T-SQL '@'
  type: string; // as written, e.g. 'nvarchar(254)'
}

export interface Column {
  name: string | null; // null: an expression without an alias
  type?: string; // known for table columns and PG result columns, not for T-SQL result sets
}

export interface SqlObject {
  kind: ObjectKind;
  schema?: string;
  name: string;
  line: number;
  params: Param[];
  // A routine's result set (empty: none) or a table's columns.
  columns: Column[];
  // Triggers only: the watched table and the operations (INSERT, UPDATE, DELETE).
  on?: string;
  events?: string[];
}

export interface SqlError {
  file: string;
  line: number;
  column: number; // 1-based
  message: string;
}

export interface SqlFacts {
  file: string;
  database?: string; // from the first line, `-- database: company`
  objects: SqlObject[];
  errors: SqlError[];
}

export function formatError(e: SqlError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

export function databaseHeader(text: string): string | undefined {
  return /^--\s*database:\s*(\S+)\s*$/.exec(text.split(/\r?\n/, 1)[0] ?? '')?.[1];
}

export function qualifiedName(o: SqlObject): string {
  return o.schema ? `${o.schema}.${o.name}` : o.name;
}
