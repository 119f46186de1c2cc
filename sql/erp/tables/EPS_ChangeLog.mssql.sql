-- database: company
-- One row per changed key, written by the capture triggers. Rows are claimed into a batch
-- (CHL_BatchId) by EPS_ClaimDelta and deleted by EPS_AckBatch once the cloud has committed
-- the batch. A row written by a transaction that commits late is simply claimed by a later
-- batch: nothing is skipped, whatever the commit order.
-- CHL_Origin: 0 = a change made in the ERP, 1 = a change the sync applied on behalf of the cloud.
IF OBJECT_ID(N'CDN.EPS_ChangeLog', N'U') IS NULL
CREATE TABLE CDN.EPS_ChangeLog (
  CHL_Id bigint IDENTITY(1,1) NOT NULL,
  CHL_TableId smallint NOT NULL,
  CHL_Key int NOT NULL,
  CHL_Op char(1) NOT NULL,
  CHL_Origin tinyint NOT NULL,
  CHL_BatchId bigint NULL,
  CHL_TS datetime NOT NULL CONSTRAINT EPS_CHL_TS_Default DEFAULT (GETDATE()),
  CONSTRAINT EPS_CHL_Primary PRIMARY KEY CLUSTERED (CHL_Id)
);
