-- database: config
-- How many of the firm's notifications are queued, sent and failed (`eps mail status`).
CREATE OR ALTER PROCEDURE CDN.EPS_MailStatus
  @DatabaseName varchar(254)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Guid uniqueidentifier = (SELECT TOP (1) Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
                                    ORDER BY Baz_Nieaktywna, Baz_BazID);
  SELECT a.MAT_State AS State, COUNT(*) AS Messages, MIN(a.MAT_Queued) AS Oldest, MAX(a.MAT_Queued) AS Newest
  FROM CDN.EPS_MailAttempt AS a
  JOIN CDN.MailWiadomosci AS w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE w.MWD_BazaGUID = @Guid
  GROUP BY a.MAT_State
  ORDER BY a.MAT_State;
END
