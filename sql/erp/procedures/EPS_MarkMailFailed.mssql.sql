-- database: config
-- A delivery attempt failed. Transient (Permanent = 0): the message stays queued, with one more
-- attempt, the error and the next attempt RetryAfterSeconds from now; at MaxAttempts it fails for
-- good. Permanent (a rejected recipient, a 5xx reply): 'failed', and Optima's outbox row goes back
-- to drafts (MWD_Status 0) so no mailer retries it. Returns the state the message is left in.
CREATE OR ALTER PROCEDURE CDN.EPS_MarkMailFailed
  @MwdId int,
  @Permanent int,
  @ErrorText nvarchar(2000),
  @RetryAfterSeconds int,
  @MaxAttempts int
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @Now datetime = GETDATE(), @Updated int;
  BEGIN TRANSACTION;
  UPDATE CDN.EPS_MailAttempt
  SET MAT_Attempts = MAT_Attempts + 1,
      MAT_State = CASE WHEN @Permanent = 1 OR MAT_Attempts + 1 >= @MaxAttempts THEN 'failed' ELSE 'queued' END,
      MAT_LastAttempt = @Now,
      MAT_NextAttempt = DATEADD(SECOND, @RetryAfterSeconds, @Now),
      MAT_LastError = LEFT(@ErrorText, 2000)
  WHERE MAT_MWDID = @MwdId AND MAT_State = 'queued';
  SET @Updated = @@ROWCOUNT;
  -- only when this call failed the message for good (a message failed earlier is left alone)
  IF @Updated > 0
    UPDATE w SET MWD_Status = 0
    FROM CDN.MailWiadomosci AS w
    JOIN CDN.EPS_MailAttempt AS a ON a.MAT_MWDID = w.MWD_MWDID
    WHERE w.MWD_MWDID = @MwdId AND a.MAT_State = 'failed';
  COMMIT TRANSACTION;
  SELECT MAT_State AS State, MAT_Attempts AS Attempts FROM CDN.EPS_MailAttempt WHERE MAT_MWDID = @MwdId AND @Updated > 0;
END
