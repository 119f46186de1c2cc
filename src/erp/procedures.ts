// The contract of every ERP procedure: its database, parameters (in order) and result row.
// Both adapters (SQL Server, PostgreSQL) call procedures through this table and check every
// row with the same zod schema. sql/erp/procedures/<Name>.{mssql,pg}.sql implement it.
import { z } from 'zod';

export type ParamType = 'int' | 'bigint' | 'varchar' | 'nvarchar';
export type ErpDatabase = 'company' | 'config';

const bigintish = z.union([z.number(), z.string(), z.bigint()]).transform((v) => Number(v));
const intish = z.union([z.number(), z.string()]).transform((v) => Number(v));
const nullableDate = z.date().nullable();

export const BatchRow = z.object({
  BatchId: bigintish,
  BatchGuid: z.string().transform((s) => s.toLowerCase()),
  BatchKind: z.enum(['D', 'F']),
  Changes: intish,
  Resumed: intish,
});

/** Who holds a lease (EPS_ServiceLease) after an acquire or renew; Acquired = 1 when the caller does. */
export const LeaseRow = z.object({ Acquired: intish, HolderStation: z.string().nullable(), HolderSince: nullableDate, ExpiresAt: nullableDate });

export const procedures = {
  EPS_ClaimDelta: { db: 'company', params: [['MaxChanges', 'int']], row: BatchRow },
  EPS_BeginFullSync: { db: 'company', params: [], row: BatchRow },
  EPS_AckBatch: { db: 'company', params: [['BatchId', 'bigint']], row: z.object({ Acknowledged: intish }) },
  EPS_BatchTables: { db: 'company', params: [['BatchId', 'bigint']], row: z.object({ TableName: z.string(), Changes: intish }) },
  EPS_ExtractFullPage: {
    db: 'company', params: [['TableName', 'varchar'], ['AfterKey', 'int'], ['PageSize', 'int']],
    row: z.object({ RowsJson: z.string(), LastKey: intish.nullable(), RowCount: intish }),
  },
  EPS_ExtractDelta: {
    db: 'company', params: [['BatchId', 'bigint'], ['TableName', 'varchar']],
    row: z.object({ UpsertsJson: z.string(), DeletesJson: z.string(), Upserts: intish, Deletes: intish }),
  },
  EPS_TableStatus: { db: 'company', params: [], row: z.object({ TableName: z.string(), RowCount: bigintish, PendingChanges: intish }) },
  EPS_ServiceState: {
    db: 'company', params: [],
    row: z.object({
      InstalledVersion: intish.nullable(), LastFullSync: nullableDate, WaitingBatchId: bigintish.nullable(),
      WaitingBatchGuid: z.string().nullable(), WaitingBatchKind: z.enum(['D', 'F']).nullable(), PendingChanges: intish,
    }),
  },
  EPS_SetSetting: { db: 'company', params: [['Numer', 'int'], ['Opis', 'nvarchar'], ['Wartosc', 'nvarchar']], row: z.object({ Changed: intish }) },
  EPS_Settings: { db: 'company', params: [], row: z.object({ Numer: intish, Opis: z.string(), Wartosc: z.string() }) },
  EPS_RunStarted: {
    db: 'config', params: [['DatabaseName', 'varchar'], ['Kind', 'varchar'], ['Station', 'nvarchar'], ['LogFile', 'nvarchar']],
    row: z.object({ RunId: intish }),
  },
  EPS_RunFinished: {
    db: 'config', params: [['RunId', 'int'], ['Status', 'varchar'], ['RowsToCloud', 'int'], ['ErrorText', 'nvarchar']],
    row: z.object({ Updated: intish }),
  },
  EPS_LastRuns: {
    db: 'config', params: [['DatabaseName', 'varchar'], ['MaxRuns', 'int']],
    row: z.object({
      RunId: intish, Kind: z.string(), Station: z.string(), Started: z.date(), Finished: nullableDate,
      Status: z.string(), RowsToCloud: intish, ErrorText: z.string().nullable(), LogFile: z.string().nullable(),
    }),
  },
  EPS_AcquireLease: { db: 'config', params: [['Station', 'nvarchar'], ['Purpose', 'varchar'], ['TtlSeconds', 'int']], row: LeaseRow },
  EPS_RenewLease: { db: 'config', params: [['Station', 'nvarchar'], ['Purpose', 'varchar'], ['TtlSeconds', 'int']], row: LeaseRow },
  EPS_ReleaseLease: { db: 'config', params: [['Station', 'nvarchar'], ['Purpose', 'varchar']], row: z.object({ Released: intish }) },
  EPS_Schedule: {
    db: 'config', params: [['DatabaseName', 'varchar']],
    row: z.object({ Kind: z.enum(['DaneKadrowe', 'DaneBinarne']), Enabled: intish, EveryMinutes: intish.nullable(), FromMinute: intish.nullable(), ToMinute: intish.nullable() }),
  },
  EPS_WriteSoaLog: {
    db: 'config',
    params: [['DatabaseName', 'varchar'], ['Level', 'nvarchar'], ['Logger', 'nvarchar'], ['Message', 'nvarchar'], ['ExceptionText', 'nvarchar'],
      ['Session', 'varchar'], ['Station', 'nvarchar'], ['Thread', 'nvarchar']],
    row: z.object({ SlogId: intish }),
  },
  // Mail (issue 5): Optima's outbox CDN.MailWiadomosci + our delivery records CDN.EPS_MailAttempt.
  EPS_EnqueueMail: {
    db: 'config',
    params: [['DatabaseName', 'varchar'], ['AccountId', 'int'], ['MessageId', 'varchar'], ['Kind', 'varchar'], ['ToAddress', 'nvarchar'],
      ['ToName', 'nvarchar'], ['Subject', 'nvarchar'], ['BodyText', 'nvarchar'], ['BodyHtml', 'nvarchar']],
    row: z.object({ MwdId: intish, Inserted: intish }),
  },
  EPS_OutboxBatch: {
    db: 'config', params: [['DatabaseName', 'varchar'], ['MaxAttempts', 'int'], ['MaxMessages', 'int']],
    row: z.object({
      MwdId: intish, MessageId: z.string().transform((s) => s.toLowerCase()), Kind: z.string(), Recipients: z.string(), Subject: z.string(),
      BodyText: z.string(), BodyHtml: z.string(), Attempts: intish,
    }),
  },
  EPS_MarkMailSent: { db: 'config', params: [['MwdId', 'int']], row: z.object({ Updated: intish }) },
  EPS_MarkMailFailed: {
    db: 'config', params: [['MwdId', 'int'], ['Permanent', 'int'], ['ErrorText', 'nvarchar'], ['RetryAfterSeconds', 'int'], ['MaxAttempts', 'int']],
    row: z.object({ State: z.enum(['queued', 'sent', 'failed']), Attempts: intish }),
  },
  EPS_MailAccount: {
    db: 'config', params: [['AccountId', 'int']],
    row: z.object({
      MkeId: intish, Name: z.string(), Server: z.string(), Port: intish, Ssl: intish, Authenticate: intish, UserName: z.string(),
      Password: z.string(), FromAddress: z.string(), FromName: z.string(), Inactive: intish,
    }),
  },
  EPS_MailStatus: {
    db: 'config', params: [['DatabaseName', 'varchar']],
    row: z.object({ State: z.enum(['queued', 'sent', 'failed']), Messages: intish, Oldest: nullableDate, Newest: nullableDate }),
  },
  EPS_MailProblems: {
    db: 'config', params: [['DatabaseName', 'varchar'], ['MaxRows', 'int']],
    row: z.object({
      MwdId: intish, MessageId: z.string().transform((s) => s.toLowerCase()), Kind: z.string(), Recipients: z.string(), Subject: z.string(),
      State: z.enum(['queued', 'sent', 'failed']), Attempts: intish, LastError: z.string().nullable(), LastAttempt: nullableDate, NextAttempt: nullableDate,
    }),
  },
  EPS_Leases: {
    db: 'config', params: [['DatabaseName', 'varchar']],
    row: z.object({ Purpose: z.string(), Station: z.string(), Since: z.date(), Expires: z.date(), Active: intish }),
  },
  EPS_ApplyCloudEdits: {
    db: 'company', params: [['EditsJson', 'nvarchar']],
    row: z.object({
      EditId: bigintish, Outcome: z.enum(['applied', 'rejected', 'lost_conflict']), ErpTable: z.string().nullable(),
      ErpId: intish.nullable(), Reason: z.string().nullable(), RowsJson: z.string(),
    }),
  },
  EPS_ServiceIdentity: {
    db: 'config', params: [['OperatorCode', 'varchar'], ['Station', 'nvarchar']],
    row: z.object({ OpeId: intish, OpeKod: z.string(), OpeNazwisko: z.string(), StaId: intish.nullable() }),
  },
} as const satisfies Record<string, { db: ErpDatabase; params: readonly (readonly [string, ParamType])[]; row: z.ZodType }>;

export type ProcedureName = keyof typeof procedures;
export type ProcedureRow<P extends ProcedureName> = z.output<(typeof procedures)[P]['row']>;
export type ProcedureArgs<P extends ProcedureName> = { [K in (typeof procedures)[P]['params'][number][0]]: string | number | null };

/** The service's rows in CDN.Firma (docs/firma-rows.md). */
export const FIRMA = {
  version: 9100,
  tenantCode: 9101,
  domain: 9102,
  orderEmail: 9103,
  /** the service operator and station written into OpeZal/OpeMod/StaZal/StaMod: {"opeId","opeKod","opeNazwisko","staId"} */
  serviceOperator: 9104,
  /** '1' = the next scheduled HR sync is a full one (set by `eps schedule --full`, cleared after it) */
  fullRequested: 9106,
  mailAccount: 9105,
} as const;

/** Bumped whenever sql/erp changes; the installer refuses to run against a newer one. */
export const INSTALLER_VERSION = 1;
