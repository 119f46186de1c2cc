-- database: company
-- Starts a full sync: every committed change so far, claimed or not, goes into a new full batch,
-- because the full copy supersedes it. Batches still waiting are marked superseded ('S').
-- Changes made while the full copy is read are left for the next differential sync.
CREATE OR ALTER PROCEDURE CDN.EPS_BeginFullSync
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @BatchId bigint, @Claimed int;
  BEGIN TRANSACTION;
  EXEC sp_getapplock @Resource = N'CDN.EPS_Batch', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  UPDATE CDN.EPS_Batch SET BAT_Status = 'S' WHERE BAT_Status = 'C';
  INSERT INTO CDN.EPS_Batch (BAT_Kind, BAT_Status) VALUES ('F', 'C');
  SET @BatchId = SCOPE_IDENTITY();
  UPDATE c SET CHL_BatchId = @BatchId
  FROM CDN.EPS_ChangeLog AS c WITH (READPAST, ROWLOCK, UPDLOCK)
  WHERE c.CHL_BatchId IS NULL
     OR c.CHL_BatchId IN (SELECT BAT_Id FROM CDN.EPS_Batch WHERE BAT_Status = 'S');
  SET @Claimed = @@ROWCOUNT;
  UPDATE CDN.EPS_Batch SET BAT_Changes = @Claimed WHERE BAT_Id = @BatchId;
  COMMIT TRANSACTION;
  SELECT BAT_Id AS BatchId, BAT_Guid AS BatchGuid, BAT_Kind AS BatchKind, BAT_Changes AS Changes, CAST(0 AS smallint) AS Resumed
  FROM CDN.EPS_Batch
  WHERE BAT_Id = @BatchId;
END
