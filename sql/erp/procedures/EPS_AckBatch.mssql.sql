-- database: company
-- The cloud has committed the batch: forget its changes. Acknowledging twice changes nothing.
CREATE OR ALTER PROCEDURE CDN.EPS_AckBatch
  @BatchId bigint
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @Status char(1), @Acknowledged int = 0;
  BEGIN TRANSACTION;
  EXEC sp_getapplock @Resource = N'CDN.EPS_Batch', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  SELECT @Status = BAT_Status FROM CDN.EPS_Batch WHERE BAT_Id = @BatchId;
  IF @Status IS NULL
  BEGIN
    ROLLBACK TRANSACTION;
    THROW 50002, N'EPS02: The batch does not exist in this ERP database. Check the connection strings in the configuration.', 1;
  END
  IF @Status = 'C'
  BEGIN
    DELETE FROM CDN.EPS_ChangeLog WHERE CHL_BatchId = @BatchId;
    UPDATE CDN.EPS_Batch SET BAT_Status = 'A', BAT_Acknowledged = GETDATE() WHERE BAT_Id = @BatchId;
    SET @Acknowledged = 1;
  END
  COMMIT TRANSACTION;
  SELECT @Acknowledged AS Acknowledged;
END
