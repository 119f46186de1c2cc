-- database: config
-- The service's side of each message it put into Optima's outbox (CDN.MailWiadomosci, one row
-- per MWD_MWDID): the notification's kind, delivery state ('queued', 'sent', 'failed'), attempts,
-- the last error and when to try again. Kept apart so Optima's own table is not altered.
-- MAT_MessageId = MWD_IDWiadomosci = the cloud notification's message id; unique, so the same
-- notification is never queued twice.
IF OBJECT_ID(N'CDN.EPS_MailAttempt', N'U') IS NULL
BEGIN
  CREATE TABLE CDN.EPS_MailAttempt (
    MAT_MWDID int NOT NULL,
    MAT_MessageId uniqueidentifier NOT NULL,
    MAT_Kind varchar(40) NOT NULL,
    MAT_State varchar(10) NOT NULL,
    MAT_Attempts int NOT NULL CONSTRAINT EPS_MAT_Attempts_Default DEFAULT (0),
    MAT_Queued datetime NOT NULL,
    MAT_NextAttempt datetime NOT NULL,
    MAT_LastAttempt datetime NULL,
    MAT_LastError nvarchar(2000) NULL,
    MAT_Sent datetime NULL,
    CONSTRAINT EPS_MAT_Primary PRIMARY KEY CLUSTERED (MAT_MWDID)
  );
  CREATE UNIQUE INDEX EPS_MAT_MessageId ON CDN.EPS_MailAttempt (MAT_MessageId);
  CREATE INDEX EPS_MAT_Due ON CDN.EPS_MailAttempt (MAT_State, MAT_NextAttempt);
END
