-- database: config
-- Records how a sync run ended: status 'ok' or 'failed', rows sent to the cloud, the error.
CREATE OR ALTER PROCEDURE CDN.EPS_RunFinished
  @RunId int,
  @Status varchar(10),
  @RowsToCloud int,
  @ErrorText nvarchar(4000)
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE CDN.EPS_SyncRun
  SET RUN_Finished = GETDATE(), RUN_Status = @Status, RUN_RowsToCloud = @RowsToCloud, RUN_Error = @ErrorText
  WHERE RUN_Id = @RunId;
  SELECT @@ROWCOUNT AS Updated;
END
