-- database: config
-- One event of the service into Optima's SOA log (CDN.SoaLogs), where a DBA already looks.
CREATE OR ALTER PROCEDURE CDN.EPS_WriteSoaLog
  @DatabaseName varchar(254),
  @Level nvarchar(50),
  @Logger nvarchar(1024),
  @Message nvarchar(max),
  @ExceptionText nvarchar(max),
  @Session varchar(36),
  @Station nvarchar(512),
  @Thread nvarchar(255)
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO CDN.SoaLogs (SloG_DatabaseGuid, SloG_DatabaseName, SloG_Date, SloG_Exception, SloG_Level, SloG_Logger,
                           SloG_Message, SloG_ServiceName, SloG_Session, SloG_Thread, SloG_User)
  VALUES ((SELECT TOP (1) LOWER(CONVERT(varchar(36), Baz_GUID)) FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
           ORDER BY Baz_Nieaktywna, Baz_BazID),
          LEFT(@DatabaseName, 30), GETDATE(), @ExceptionText, @Level, @Logger, @Message, N'e-Pracownik (eps run)',
          TRY_CONVERT(uniqueidentifier, @Session), @Thread, @Station);
  SELECT CAST(SCOPE_IDENTITY() AS int) AS SlogId;
END
