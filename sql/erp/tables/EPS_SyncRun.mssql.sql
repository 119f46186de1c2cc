-- database: config
-- One row per sync run of a firm's database: what ran, when, how it ended. `eps status` reads it.
IF OBJECT_ID(N'CDN.EPS_SyncRun', N'U') IS NULL
BEGIN
  CREATE TABLE CDN.EPS_SyncRun (
    RUN_Id int IDENTITY(1,1) NOT NULL,
    RUN_BazId int NULL,
    RUN_Database varchar(254) NOT NULL,
    RUN_Kind varchar(10) NOT NULL,
    RUN_Station nvarchar(254) NOT NULL,
    RUN_Started datetime NOT NULL,
    RUN_Finished datetime NULL,
    RUN_Status varchar(10) NOT NULL,
    RUN_RowsToCloud int NOT NULL CONSTRAINT EPS_RUN_Rows_Default DEFAULT (0),
    RUN_Error nvarchar(4000) NULL,
    RUN_LogFile nvarchar(1024) NULL,
    CONSTRAINT EPS_RUN_Primary PRIMARY KEY CLUSTERED (RUN_Id)
  );
  CREATE INDEX EPS_RUN_Database ON CDN.EPS_SyncRun (RUN_Database, RUN_Started);
END
