-- database: config
-- The SMTP server accepted the message: Optima's outbox row becomes sent (MWD_Status 2 with
-- MWD_Wyslano), the delivery record 'sent'. Marking a message twice changes nothing.
CREATE OR ALTER PROCEDURE CDN.EPS_MarkMailSent
  @MwdId int
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @Now datetime = GETDATE(), @Updated int;
  BEGIN TRANSACTION;
  UPDATE CDN.EPS_MailAttempt
  SET MAT_State = 'sent', MAT_Attempts = MAT_Attempts + 1, MAT_LastAttempt = @Now, MAT_Sent = @Now, MAT_LastError = NULL
  WHERE MAT_MWDID = @MwdId AND MAT_State = 'queued';
  SET @Updated = @@ROWCOUNT;
  IF @Updated > 0
    UPDATE CDN.MailWiadomosci SET MWD_Status = 2, MWD_Wyslano = @Now WHERE MWD_MWDID = @MwdId;
  COMMIT TRANSACTION;
  SELECT @Updated AS Updated;
END
