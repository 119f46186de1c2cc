// Parses a T-SQL file with the full SQL Server grammar of antlr4ts-sql and extracts the objects
// it declares: procedures (parameters, result set), functions, tables (columns) and DML triggers.
import { readFileSync } from 'node:fs';
import {
  CharStreams,
  CommonToken,
  CommonTokenStream,
  Interval,
  ParseTreeWalker,
  TSQLGrammar as G,
  TSqlLexer,
  type ANTLRErrorListener,
  type CharStream,
  type ParserRuleContext,
  type ParseTree,
  type TSqlParserListener,
} from 'antlr4ts-sql';
import { databaseHeader, type Column, type Param, type SqlError, type SqlFacts, type SqlObject } from './facts.js';

// The grammar spells keywords in upper case, so the lexer must see upper-cased characters.
// antlr4ts-sql ships a CaseChangingStream for this, but its getText() passes the wrong arguments
// to the wrapped stream, which leaves every token without text; hence this small replacement.
class UpperCaseCharStream implements CharStream {
  constructor(private readonly inner: CharStream) {}
  get index(): number { return this.inner.index; }
  get size(): number { return this.inner.size; }
  get sourceName(): string { return this.inner.sourceName; }
  LA(i: number): number {
    const c = this.inner.LA(i);
    return c <= 0 ? c : String.fromCodePoint(c).toUpperCase().codePointAt(0)!;
  }
  consume(): void { this.inner.consume(); }
  mark(): number { return this.inner.mark(); }
  release(marker: number): void { this.inner.release(marker); }
  seek(index: number): void { this.inner.seek(index); }
  getText(interval: Interval): string { return this.inner.getText(interval); }
}

export function parseTsqlFile(path: string, label = path): SqlFacts {
  return parseTsql(readFileSync(path, 'utf8'), label);
}

export function parseTsql(text: string, file = '<inline>'): SqlFacts {
  const errors: SqlError[] = [];
  const collectErrors: ANTLRErrorListener<unknown> = {
    // The first error is the one to read: the later ones come from the parser's recovery.
    syntaxError: (_recognizer, symbol, line, charPositionInLine, msg) => {
      errors.push({ file, line, column: charPositionInLine + 1, message: readable(msg, symbol) });
    },
  };
  const chars = CharStreams.fromString(text, file);
  const lexer = new TSqlLexer(new UpperCaseCharStream(chars));
  lexer.removeErrorListeners();
  lexer.addErrorListener(collectErrors);
  const parser = new G.TSqlParser(new CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(collectErrors);
  const tree = parser.tsql_file();

  const collector = new ObjectCollector((ctx) =>
    chars.getText(Interval.of(ctx.start.startIndex, (ctx.stop ?? ctx.start).stopIndex)),
  );
  // The cast: TypeScript rejects a class sharing no member with the all-optional ParseTreeListener.
  ParseTreeWalker.DEFAULT.walk(collector as TSqlParserListener, tree);
  return { file, database: databaseHeader(text), objects: collector.objects, errors };
}

function readable(msg: string, symbol: unknown): string {
  // ANTLR quotes the whole statement so far, with the whitespace dropped: name the token instead.
  if (msg.startsWith('no viable alternative') && symbol instanceof CommonToken) {
    return `no viable alternative at '${symbol.text}'`;
  }
  // ANTLR lists every token it would have accepted, often several hundred of them.
  const at = msg.indexOf('expecting {');
  if (at < 0) return msg;
  const count = msg.slice(at).split(', ').length;
  return count <= 8 ? msg : `${msg.slice(0, at)}expecting one of ${count} tokens`;
}

class ObjectCollector implements TSqlParserListener {
  readonly objects: SqlObject[] = [];
  private routineDepth = 0; // a CREATE TABLE inside a routine body is a temporary table

  constructor(private readonly source: (ctx: ParserRuleContext) => string) {}

  enterCreate_or_alter_procedure(ctx: G.Create_or_alter_procedureContext): void {
    this.routineDepth++;
    const name = ctx.func_proc_name_schema();
    this.objects.push({
      kind: 'procedure',
      ...schemaAndName(name._schema, name._procedure),
      line: ctx.start.line,
      params: ctx.procedure_param().map((p) => this.param(p)),
      columns: resultSet(ctx.sql_clauses()),
    });
  }
  exitCreate_or_alter_procedure(): void { this.routineDepth--; }

  enterCreate_or_alter_function(ctx: G.Create_or_alter_functionContext): void {
    this.routineDepth++;
    const name = ctx.func_proc_name_schema();
    const inline = ctx.func_body_returns_select()?.select_statement_standalone();
    const table = ctx.func_body_returns_table()?.table_type_definition();
    this.objects.push({
      kind: 'function',
      ...schemaAndName(name._schema, name._procedure),
      line: ctx.start.line,
      params: ctx.procedure_param().map((p) => this.param(p)),
      columns: inline ? (selectColumns(inline) ?? []) : table ? this.columnDefinitions(table.column_def_table_constraints()) : [],
    });
  }
  exitCreate_or_alter_function(): void { this.routineDepth--; }

  enterCreate_or_alter_dml_trigger(ctx: G.Create_or_alter_dml_triggerContext): void {
    this.routineDepth++;
    const name = ctx.simple_name();
    const table = ctx.table_name();
    this.objects.push({
      kind: 'trigger',
      ...schemaAndName(name._schema, name._name),
      line: ctx.start.line,
      params: [],
      columns: [],
      on: [table._schema, table._table].filter(isPresent).map(identifier).join('.'),
      events: ctx.dml_trigger_operation().map((op) => op.text.toUpperCase()),
    });
  }
  exitCreate_or_alter_dml_trigger(): void { this.routineDepth--; }

  enterCreate_table(ctx: G.Create_tableContext): void {
    const table = ctx.table_name();
    if (this.routineDepth > 0) return;
    this.objects.push({
      kind: 'table',
      ...schemaAndName(table._schema, table._table),
      line: ctx.start.line,
      params: [],
      columns: this.columnDefinitions(ctx.column_def_table_constraints()),
    });
  }

  private param(p: G.Procedure_paramContext): Param {
    const typeSchema = p._type_schema as G.IdContext | undefined;
    return {
      name: p.LOCAL_ID().text.replace(/^@/, ''),
      type: (typeSchema ? `${identifier(typeSchema)}.` : '') + this.typeText(p.data_type()),
    };
  }

  // The grammar reads a column's IDENTITY(seed, increment) as part of its data type.
  private typeText(type: G.Data_typeContext): string {
    const text = this.source(type);
    const identity = type.IDENTITY();
    return identity ? text.slice(0, identity.symbol.startIndex - type.start.startIndex).trimEnd() : text;
  }

  private columnDefinitions(defs: G.Column_def_table_constraintsContext): Column[] {
    return defs.column_def_table_constraint().flatMap((d) => {
      const col = d.column_definition();
      if (!col) return []; // a table constraint
      const type = col.data_type();
      return [{ name: identifier(col.id(0)), ...(type ? { type: this.typeText(type) } : {}) }];
    });
  }
}

// The result set of a procedure is its last statement-level SELECT that sends rows to the client:
// not an assignment (SELECT @x = ...), not SELECT ... INTO. Subqueries, INSERT ... SELECT and
// cursor queries are not dml_clause statements, and dynamic SQL is only a string to the parser.
function resultSet(body: G.Sql_clausesContext[]): Column[] {
  let last: Column[] = [];
  for (const clause of body) {
    for (const dml of findAll(clause, G.Dml_clauseContext)) {
      const select = dml.select_statement_standalone();
      const columns = select && selectColumns(select);
      if (columns) last = columns;
    }
  }
  return last;
}

function selectColumns(select: G.Select_statement_standaloneContext): Column[] | undefined {
  const spec = firstSpecification(select.select_statement().query_expression());
  if (spec.INTO()) return undefined;
  const elems = spec.select_list().select_list_elem();
  if (elems.some((e) => e.LOCAL_ID() && (e.EQUAL() || e.assignment_operator()))) return undefined;
  return elems.map((e) => ({ name: columnName(e) }));
}

// With UNION / EXCEPT / INTERSECT the first query names the columns.
function firstSpecification(q: G.Query_expressionContext): G.Query_specificationContext {
  return q.query_specification() ?? firstSpecification(q.query_expression()!);
}

function columnName(e: G.Select_list_elemContext): string | null {
  if (e.asterisk()) return '*';
  const column = e.column_elem();
  if (column) {
    const alias = column.as_column_alias()?.column_alias();
    if (alias) return aliasText(alias);
    const name = column.full_column_name()?._column_name as G.IdContext | undefined;
    return name ? identifier(name) : null;
  }
  const expr = e.expression_elem();
  const alias = expr?.column_alias() ?? expr?.as_column_alias()?.column_alias() ?? e.udt_elem()?.as_column_alias()?.column_alias();
  return alias ? aliasText(alias) : null;
}

function aliasText(alias: G.Column_aliasContext): string {
  const id = alias.id();
  return id ? identifier(id) : alias.text.replace(/^N?'|'$/g, '').replace(/''/g, "'");
}

function schemaAndName(schema: G.IdContext | undefined, name: G.IdContext): { schema?: string; name: string } {
  return schema ? { schema: identifier(schema), name: identifier(name) } : { name: identifier(name) };
}

// [Name] and "Name" are the same identifier as Name.
function identifier(id: G.IdContext): string {
  const t = id.text;
  if (t.startsWith('[')) return t.slice(1, -1).replace(/]]/g, ']');
  if (t.startsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  return t;
}

function isPresent<T>(x: T | undefined): x is T {
  return x !== undefined;
}

function findAll<T extends ParseTree>(tree: ParseTree, type: abstract new (...args: never[]) => T): T[] {
  const found: T[] = [];
  const visit = (node: ParseTree): void => {
    if (node instanceof type) found.push(node);
    for (let i = 0; i < node.childCount; i++) visit(node.getChild(i));
  };
  visit(tree);
  return found;
}
