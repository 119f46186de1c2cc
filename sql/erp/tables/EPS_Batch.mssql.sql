-- database: company
-- A batch of changes on its way to the cloud. BAT_Guid names it in the cloud, so a batch sent
-- twice (runner restarted before the acknowledgement) is recognised there and applied once.
-- BAT_Kind: 'D' differential, 'F' full. BAT_Status: 'C' claimed, 'A' acknowledged.
IF OBJECT_ID(N'CDN.EPS_Batch', N'U') IS NULL
CREATE TABLE CDN.EPS_Batch (
  BAT_Id bigint IDENTITY(1,1) NOT NULL,
  BAT_Guid uniqueidentifier NOT NULL CONSTRAINT EPS_BAT_Guid_Default DEFAULT (NEWID()),
  BAT_Kind char(1) NOT NULL,
  BAT_Status char(1) NOT NULL,
  BAT_Changes int NOT NULL CONSTRAINT EPS_BAT_Changes_Default DEFAULT (0),
  BAT_Claimed datetime NOT NULL CONSTRAINT EPS_BAT_Claimed_Default DEFAULT (GETDATE()),
  BAT_Acknowledged datetime NULL,
  CONSTRAINT EPS_BAT_Primary PRIMARY KEY CLUSTERED (BAT_Id)
);
