import test from 'ava';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatError } from '../src/sqlcheck/facts.js';
import { parsePg, parsePgFile } from '../src/sqlcheck/pg.js';
import { parseTsql, parseTsqlFile } from '../src/sqlcheck/tsql.js';
import { compareTwins, findTwinFiles, missingTwin } from '../src/sqlcheck/twins.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const erp = join(repo, 'sql/erp');
const label = (path: string): string => relative(repo, path);
const twins = findTwinFiles(erp);

test('finds the ERP SQL files', (t) => {
  for (const dir of ['tables', 'procedures', 'triggers']) {
    t.true(twins.some((f) => f.name.startsWith(`${dir}/`)), `nothing found in sql/erp/${dir}`);
  }
});

for (const { name, mssql } of twins) {
  if (!mssql) continue;
  test(`T-SQL parses: ${name}.mssql.sql`, (t) => {
    const facts = parseTsqlFile(mssql, label(mssql));
    t.deepEqual(facts.errors.map(formatError), []);
    t.not(facts.objects.length, 0, 'declares no table, routine or trigger');
  });
}

for (const files of twins) {
  test(`twins match: ${files.name}`, (t) => {
    const missing = missingTwin(files);
    if (missing) return t.fail(missing);
    t.deepEqual(compareTwins(parseTsqlFile(files.mssql!, label(files.mssql!)), parsePgFile(files.pg!, label(files.pg!))), []);
  });
}

const tsqlProcedure = (params: string, body: string, database = 'company'): string =>
  `-- database: ${database}\nCREATE OR ALTER PROCEDURE CDN.EPS_Test\n${params}\nAS\nBEGIN\n  SET NOCOUNT ON;\n  ${body}\nEND\n`;
const pgFunction = (params: string, returns: string, database = 'company'): string =>
  `-- database: ${database}\nCREATE OR REPLACE FUNCTION CDN.EPS_Test(${params})\nRETURNS TABLE (${returns})\nLANGUAGE sql AS $$ SELECT 1, 'x' $$;\n`;
const compare = (tsql: string, pg: string): string[] => compareTwins(parseTsql(tsql, 'EPS_Test.mssql.sql'), parsePg(pg, 'EPS_Test.pg.sql'));

test('matching twins give no problem', (t) => {
  t.deepEqual(
    compare(tsqlProcedure('@BatchId bigint, @Name nvarchar(64)', 'SELECT 1 AS Id, N\'x\' AS Label;'), pgFunction('BatchId bigint, Name varchar(64)', 'Id integer, Label text')),
    [],
  );
});

test('a T-SQL syntax error is reported with file, line and column', (t) => {
  const facts = parseTsql(tsqlProcedure('@BatchId bigint', 'SELECT BAT_Id AS Id FROM WHERE BAT_Id = @BatchId;'), 'Broken.mssql.sql');
  t.not(facts.errors.length, 0);
  t.is(facts.errors[0]!.line, 7);
  t.regex(formatError(facts.errors[0]!), /^Broken\.mssql\.sql:7:\d+: \S/);
});

test('a reserved word as a column alias is a syntax error; bracketed it is not', (t) => {
  const [first] = parseTsql(tsqlProcedure('', 'SELECT 1 AS RowCount;'), 'Reserved.mssql.sql').errors;
  t.is(first && formatError(first), "Reserved.mssql.sql:7:15: no viable alternative at 'RowCount'");
  t.deepEqual(parseTsql(tsqlProcedure('', 'SELECT 1 AS [RowCount];')).errors, []);
});

test('T-SQL keywords are case-insensitive and names keep their spelling', (t) => {
  const facts = parseTsql('create or alter procedure cdn.eps_lower @batchId int as begin select @batchId as batchId; end');
  t.deepEqual(facts.errors, []);
  t.like(facts.objects[0], { kind: 'procedure', schema: 'cdn', name: 'eps_lower', params: [{ name: 'batchId', type: 'int' }], columns: [{ name: 'batchId' }] });
});

test('the result set is the last statement-level SELECT that returns rows', (t) => {
  const body = [
    'DECLARE @x int, @Sql nvarchar(max) = N\'SELECT 1 AS Dynamic\';',
    'SELECT 0 AS NotLast;',
    'SELECT @x = COUNT(*) FROM CDN.EPS_Batch;',
    'IF @x > 0 BEGIN SELECT BAT_Id, BAT_Guid AS Guid, COUNT(*) FROM CDN.EPS_Batch GROUP BY BAT_Id, BAT_Guid; END',
    'IF EXISTS (SELECT 1 AS InExists FROM CDN.EPS_Batch) SET @x = 1;',
    'INSERT INTO CDN.EPS_Batch (BAT_Kind, BAT_Status) SELECT \'D\' AS InInsert, \'C\';',
    'SELECT BAT_Id AS IntoTemp INTO #t FROM CDN.EPS_Batch;',
    'EXEC sp_executesql @Sql;',
    'SELECT @x = (SELECT 1 AS InSubquery);',
  ].join('\n  ');
  const facts = parseTsql(tsqlProcedure('', body));
  t.deepEqual(facts.errors, []);
  t.deepEqual(facts.objects[0]?.columns, [{ name: 'BAT_Id' }, { name: 'Guid' }, { name: null }]);
  t.deepEqual(parseTsql(tsqlProcedure('', 'UPDATE CDN.EPS_Batch SET BAT_Status = \'A\';')).objects[0]?.columns, []);
});

test('differing parameter names are reported', (t) => {
  t.deepEqual(compare(tsqlProcedure('@BatchId bigint', 'SELECT 1 AS Id;'), pgFunction('Batch bigint', 'Id integer')), [
    'procedure CDN.EPS_Test, parameter 1: @BatchId in T-SQL, Batch in PG',
  ]);
  t.deepEqual(compare(tsqlProcedure('@A int, @B int', 'SELECT 1 AS Id;'), pgFunction('B integer, A integer', 'Id integer')), [
    'procedure CDN.EPS_Test, parameter 1: @A in T-SQL, B in PG',
    'procedure CDN.EPS_Test, parameter 2: @B in T-SQL, A in PG',
  ]);
  t.deepEqual(compare(tsqlProcedure('@batchid bigint', 'SELECT 1 AS Id;'), pgFunction('BatchId bigint', 'Id integer')), [
    'procedure CDN.EPS_Test, parameter 1: @batchid in T-SQL, BatchId in PG (the names differ in case)',
  ]);
});

test('differing result columns are reported', (t) => {
  t.deepEqual(compare(tsqlProcedure('', 'SELECT 1 AS Id, 2 AS Changes;'), pgFunction('', 'Id integer, Changed integer')), [
    'procedure CDN.EPS_Test, result column 2: Changes in T-SQL, Changed in PG',
  ]);
  t.deepEqual(compare(tsqlProcedure('', 'SELECT 1 AS Id, COUNT(*) FROM CDN.EPS_Batch;'), pgFunction('', 'Id integer')), [
    'procedure CDN.EPS_Test, result column 2: (no name) in T-SQL, none in PG',
  ]);
});

test('incompatible types, headers and objects are reported', (t) => {
  t.deepEqual(compare(tsqlProcedure('@Id int', 'SELECT 1 AS Id;'), pgFunction('Id text', 'Id integer')), [
    'procedure CDN.EPS_Test, parameter @Id: T-SQL type int needs integer in PG, not text',
  ]);
  t.deepEqual(compare(tsqlProcedure('@Name varchar(64)', 'SELECT 1 AS Id;'), pgFunction('Name varchar(65)', 'Id integer')), [
    'procedure CDN.EPS_Test, parameter @Name: T-SQL type varchar(64) needs varchar(64) or text in PG, not varchar(65)',
  ]);
  t.deepEqual(compare(tsqlProcedure('', 'SELECT 1 AS Id;', 'config'), pgFunction('', 'Id integer')), [
    'the files are for different databases: config in T-SQL, company in PG',
  ]);
  const table = (sql: string): string => `-- database: company\n${sql}\n`;
  t.deepEqual(
    compare(
      table('IF OBJECT_ID(N\'CDN.EPS_T\', N\'U\') IS NULL CREATE TABLE CDN.EPS_T (T_Id int IDENTITY(1,1) NOT NULL, T_Flag tinyint NOT NULL);'),
      table('CREATE TABLE IF NOT EXISTS CDN.EPS_T (T_Id integer GENERATED BY DEFAULT AS IDENTITY, T_Flag boolean NOT NULL);'),
    ),
    ['table CDN.EPS_T, column T_Flag: T-SQL type tinyint needs smallint in PG, not boolean'],
  );
  t.deepEqual(compare(table('IF OBJECT_ID(N\'CDN.EPS_T\') IS NULL CREATE TABLE CDN.EPS_T (T_Id int NOT NULL);'), table('CREATE TABLE IF NOT EXISTS CDN.EPS_U (T_Id integer NOT NULL);')), [
    'table CDN.EPS_T is declared in T-SQL only',
    'table CDN.EPS_U is declared in PG only',
  ]);
});

test('trigger twins must watch the same table for the same operations', (t) => {
  const tsql = `-- database: company\nCREATE OR ALTER TRIGGER CDN.EPS_Capture_T ON CDN.T AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; END\n`;
  const pg = (events: string[]): string =>
    `-- database: company\nCREATE OR REPLACE FUNCTION CDN.EPS_Capture_T() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;\n` +
    events.map((e) => `CREATE OR REPLACE TRIGGER EPS_Capture_T_${e} AFTER ${e} ON CDN.T FOR EACH STATEMENT EXECUTE FUNCTION CDN.EPS_Capture_T();\n`).join('');
  t.deepEqual(compare(tsql, pg(['INSERT', 'UPDATE', 'DELETE'])), []);
  t.deepEqual(compare(tsql, pg(['INSERT', 'DELETE'])), [
    'trigger CDN.EPS_Capture_T fires on DELETE, INSERT, UPDATE in T-SQL, on DELETE, INSERT in PG',
  ]);
});

test('a file without its twin is reported', (t) => {
  t.is(missingTwin({ name: 'procedures/EPS_X', mssql: 'x.mssql.sql' }), 'procedures/EPS_X.mssql.sql has no PostgreSQL twin procedures/EPS_X.pg.sql');
  t.is(missingTwin({ name: 'procedures/EPS_X', pg: 'x.pg.sql' }), 'procedures/EPS_X.pg.sql has no T-SQL twin procedures/EPS_X.mssql.sql');
});
