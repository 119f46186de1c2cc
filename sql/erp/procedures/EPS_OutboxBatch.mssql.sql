-- database: config
-- The firm's messages the mailer should send now: queued by the service (CDN.EPS_MailAttempt),
-- still "to send" in Optima's outbox (MWD_Status 1), below the attempt limit, next attempt due.
-- Messages Optima's users put in the outbox themselves are not touched.
CREATE OR ALTER PROCEDURE CDN.EPS_OutboxBatch
  @DatabaseName varchar(254),
  @MaxAttempts int,
  @MaxMessages int
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Guid uniqueidentifier = (SELECT TOP (1) Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
                                    ORDER BY Baz_Nieaktywna, Baz_BazID);
  SELECT TOP (@MaxMessages) w.MWD_MWDID AS MwdId, LOWER(CONVERT(varchar(36), a.MAT_MessageId)) AS MessageId, a.MAT_Kind AS Kind,
         w.MWD_Adresaci AS Recipients, w.MWD_Temat AS Subject, w.MWD_Tresc AS BodyText, w.MWD_TrescHTML AS BodyHtml, a.MAT_Attempts AS Attempts
  FROM CDN.EPS_MailAttempt AS a
  JOIN CDN.MailWiadomosci AS w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE a.MAT_State = 'queued' AND a.MAT_Attempts < @MaxAttempts AND a.MAT_NextAttempt <= GETDATE()
    AND w.MWD_Status = 1 AND w.MWD_BazaGUID = @Guid
  ORDER BY a.MAT_NextAttempt, w.MWD_MWDID;
END
