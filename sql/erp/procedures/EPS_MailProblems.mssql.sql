-- database: config
-- The firm's notifications that failed, or are queued after a failed attempt, newest first,
-- with the last error (`eps mail status`).
CREATE OR ALTER PROCEDURE CDN.EPS_MailProblems
  @DatabaseName varchar(254),
  @MaxRows int
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Guid uniqueidentifier = (SELECT TOP (1) Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
                                    ORDER BY Baz_Nieaktywna, Baz_BazID);
  SELECT TOP (@MaxRows) w.MWD_MWDID AS MwdId, LOWER(CONVERT(varchar(36), a.MAT_MessageId)) AS MessageId, a.MAT_Kind AS Kind,
         w.MWD_Adresaci AS Recipients, w.MWD_Temat AS Subject, a.MAT_State AS State, a.MAT_Attempts AS Attempts,
         a.MAT_LastError AS LastError, a.MAT_LastAttempt AS LastAttempt, a.MAT_NextAttempt AS NextAttempt
  FROM CDN.EPS_MailAttempt AS a
  JOIN CDN.MailWiadomosci AS w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE (a.MAT_State = 'failed' OR (a.MAT_State = 'queued' AND a.MAT_Attempts > 0)) AND w.MWD_BazaGUID = @Guid
  ORDER BY a.MAT_LastAttempt DESC, w.MWD_MWDID DESC;
END
