-- database: company
-- Claims every committed, unclaimed change (at most @MaxChanges) into a new differential batch.
-- If a batch is still waiting for its acknowledgement (the runner stopped before EPS_AckBatch),
-- that batch is returned again instead, with Resumed = 1. No row: nothing to send.
-- READPAST skips change rows of transactions that have not committed yet: a later batch takes them.
-- Changes the sync itself made on behalf of the cloud (origin 1) are never sent back: they are
-- dropped here rather than claimed, so they make no empty batches.
CREATE OR ALTER PROCEDURE CDN.EPS_ClaimDelta
  @MaxChanges int
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @BatchId bigint, @Resumed smallint = 1, @Claimed int;
  BEGIN TRANSACTION;
  EXEC sp_getapplock @Resource = N'CDN.EPS_Batch', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  SELECT TOP (1) @BatchId = BAT_Id FROM CDN.EPS_Batch WHERE BAT_Status = 'C' ORDER BY BAT_Id;
  IF @BatchId IS NULL
  BEGIN
    SET @Resumed = 0;
    DELETE FROM CDN.EPS_ChangeLog WITH (READPAST, ROWLOCK) WHERE CHL_BatchId IS NULL AND CHL_Origin = 1;
    INSERT INTO CDN.EPS_Batch (BAT_Kind, BAT_Status) VALUES ('D', 'C');
    SET @BatchId = SCOPE_IDENTITY();
    WITH pending AS (
      SELECT TOP (@MaxChanges) CHL_BatchId
      FROM CDN.EPS_ChangeLog WITH (READPAST, ROWLOCK, UPDLOCK)
      WHERE CHL_BatchId IS NULL
      ORDER BY CHL_Id)
    UPDATE pending SET CHL_BatchId = @BatchId;
    SET @Claimed = @@ROWCOUNT;
    IF @Claimed = 0
    BEGIN
      DELETE FROM CDN.EPS_Batch WHERE BAT_Id = @BatchId;
      SET @BatchId = NULL;
    END
    ELSE
      UPDATE CDN.EPS_Batch SET BAT_Changes = @Claimed WHERE BAT_Id = @BatchId;
  END
  COMMIT TRANSACTION;
  SELECT BAT_Id AS BatchId, BAT_Guid AS BatchGuid, BAT_Kind AS BatchKind, BAT_Changes AS Changes, @Resumed AS Resumed
  FROM CDN.EPS_Batch
  WHERE BAT_Id = @BatchId;
END
