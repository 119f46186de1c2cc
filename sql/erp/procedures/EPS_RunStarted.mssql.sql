-- database: config
-- Records the start of a sync run of a firm's database; returns the run's id.
CREATE OR ALTER PROCEDURE CDN.EPS_RunStarted
  @DatabaseName varchar(254),
  @Kind varchar(10),
  @Station nvarchar(254),
  @LogFile nvarchar(1024)
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO CDN.EPS_SyncRun (RUN_BazId, RUN_Database, RUN_Kind, RUN_Station, RUN_Started, RUN_Status, RUN_LogFile)
  VALUES ((SELECT MAX(Baz_BazID) FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName),
          @DatabaseName, @Kind, @Station, GETDATE(), 'running', @LogFile);
  SELECT CAST(SCOPE_IDENTITY() AS int) AS RunId;
END
