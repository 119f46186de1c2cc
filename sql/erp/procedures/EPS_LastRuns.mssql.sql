-- database: config
-- The latest sync runs of a firm's database, newest first.
CREATE OR ALTER PROCEDURE CDN.EPS_LastRuns
  @DatabaseName varchar(254),
  @MaxRuns int
AS
BEGIN
  SET NOCOUNT ON;
  SELECT TOP (@MaxRuns) RUN_Id AS RunId, RUN_Kind AS Kind, RUN_Station AS Station, RUN_Started AS Started,
         RUN_Finished AS Finished, RUN_Status AS Status, RUN_RowsToCloud AS RowsToCloud, RUN_Error AS ErrorText,
         RUN_LogFile AS LogFile
  FROM CDN.EPS_SyncRun
  WHERE RUN_Database = @DatabaseName
  ORDER BY RUN_Id DESC;
END
