-- database: company
-- Every cloud edit the sync has handled, keyed by the cloud's edit id: the outcome, and the ERP
-- row it became. A cloud edit sent again (the runner stopped before the cloud heard the
-- outcome) is recognised here and answered with the earlier outcome, never applied twice.
-- It is also the ERP's id map: the row of a cloud entity (CED_Kind, CED_EntityId) is the
-- CED_ErpId of its latest applied edit, so a later change or cancellation reaches that row.
-- CED_Outcome: 'applied', 'rejected', 'lost_conflict' (the ERP had data for the same day).
IF OBJECT_ID(N'CDN.EPS_CloudEdit', N'U') IS NULL
CREATE TABLE CDN.EPS_CloudEdit (
  CED_EditId bigint NOT NULL,
  CED_Kind varchar(10) NOT NULL,
  CED_EntityId bigint NOT NULL,
  CED_PraId int NOT NULL,
  CED_Outcome varchar(13) NOT NULL,
  CED_ErpTable varchar(64) NULL,
  CED_ErpId int NULL,
  CED_Reason nvarchar(400) NULL,
  CED_Applied datetime NOT NULL CONSTRAINT EPS_CED_Applied_Default DEFAULT (GETDATE()),
  CONSTRAINT EPS_CED_Primary PRIMARY KEY CLUSTERED (CED_EditId),
  INDEX EPS_CED_Entity NONCLUSTERED (CED_Kind, CED_EntityId),
  INDEX EPS_CED_ErpRow NONCLUSTERED (CED_ErpTable, CED_ErpId)
);
