-- database: config
-- Puts one notification into Optima's outbox (CDN.MailWiadomosci) of a firm's database, through
-- the chosen account, and starts its delivery record (CDN.EPS_MailAttempt). Idempotent: the
-- notification's message id is MWD_IDWiadomosci and MAT_MessageId, and the same id twice inserts
-- once (Inserted = 0 the second time). MWD_Status 1 = "to send" (the outbox); the mailer sets
-- 2 = sent, and 0 = back to drafts when delivery failed for good (docs/mail.md; Optima's own
-- status values are not confirmed). Numbers: MWD_NumerString 'EPS/@numer', MWD_NumerNr the next
-- free number, under a lock so two runners never collide on the unique (NumerString, NumerNr).
CREATE OR ALTER PROCEDURE CDN.EPS_EnqueueMail
  @DatabaseName varchar(254),
  @AccountId int,
  @MessageId varchar(36),
  @Kind varchar(40),
  @ToAddress nvarchar(254),
  @ToName nvarchar(254),
  @Subject nvarchar(500),
  @BodyText nvarchar(max),
  @BodyHtml nvarchar(max)
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @Msg uniqueidentifier = CONVERT(uniqueidentifier, @MessageId);
  DECLARE @MwdId int, @Inserted int = 0, @Guid uniqueidentifier, @OpeId int, @From nvarchar(200), @Nr int, @Now datetime = GETDATE();
  BEGIN TRANSACTION;
  EXEC sp_getapplock @Resource = N'CDN.EPS_EnqueueMail', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  SELECT @MwdId = MAT_MWDID FROM CDN.EPS_MailAttempt WHERE MAT_MessageId = @Msg;
  IF @MwdId IS NULL
  BEGIN
    SELECT TOP (1) @Guid = Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
    ORDER BY Baz_Nieaktywna, Baz_BazID;
    IF @Guid IS NULL
      THROW 50022, N'EPS22: The firm database is not listed in CDN.Bazy of the configuration database, so its mail cannot be queued. Check erp.configUrl, or add the database in Comarch ERP Optima (Lista baz danych).', 1;
    IF NOT EXISTS (SELECT 1 FROM CDN.MailKontaEMail WHERE MKE_MKEID = @AccountId)
      THROW 50021, N'EPS21: The e-mail account chosen for e-Pracownik (CDN.Firma 9105) does not exist in CDN.MailKontaEMail. Choose an existing account with eps mail account <MKE_MKEID>.', 1;
    SELECT @OpeId = MKE_OpeID,
           @From = LEFT(CASE WHEN MKE_OpisOd = N'' THEN MKE_EMail ELSE N'"' + REPLACE(MKE_OpisOd, N'"', N'') + N'" <' + MKE_EMail + N'>' END, 200)
    FROM CDN.MailKontaEMail WHERE MKE_MKEID = @AccountId;
    SELECT @Nr = ISNULL(MAX(MWD_NumerNr), 0) + 1 FROM CDN.MailWiadomosci WHERE MWD_NumerString = N'EPS/@numer';
    INSERT INTO CDN.MailWiadomosci (MWD_Adresaci, MWD_Archiwum, MWD_BazaGUID, MWD_DataDok, MWD_DDfID, MWD_DoWiadomosci, MWD_Format,
      MWD_IDWiadomosci, MWD_ImapTylkoNaglowek, MWD_MKEID, MWD_NumerNr, MWD_NumerString, MWD_Od, MWD_OpeID, MWD_Potwierdzenie,
      MWD_SourceMessageID, MWD_Status, MWD_Temat, MWD_Tresc, MWD_TrescHTML, MWD_TypWiadomosci, MWD_UkrytyDW, MWD_Watek, MWD_Windykacja)
    VALUES (CASE WHEN ISNULL(@ToName, N'') = N'' THEN @ToAddress ELSE N'"' + REPLACE(@ToName, N'"', N'') + N'" <' + @ToAddress + N'>' END,
      0, @Guid, @Now, 0, N'', 1, @Msg, 0, @AccountId, @Nr, N'EPS/@numer', @From, @OpeId, 0,
      N'<' + LOWER(CONVERT(varchar(36), @Msg)) + N'@eps>', 1, LEFT(@Subject, 500), @BodyText, @BodyHtml, 0, N'', N'', 0);
    SET @MwdId = CAST(SCOPE_IDENTITY() AS int);
    INSERT INTO CDN.EPS_MailAttempt (MAT_MWDID, MAT_MessageId, MAT_Kind, MAT_State, MAT_Attempts, MAT_Queued, MAT_NextAttempt)
    VALUES (@MwdId, @Msg, @Kind, 'queued', 0, @Now, @Now);
    SET @Inserted = 1;
  END
  COMMIT TRANSACTION;
  SELECT @MwdId AS MwdId, @Inserted AS Inserted;
END
