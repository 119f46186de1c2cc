-- database: config
-- The service's side of each message it put into Optima's outbox (CDN.MailWiadomosci, one row
-- per MWD_MWDID): the notification's kind, delivery state ('queued', 'sent', 'failed'), attempts,
-- the last error and when to try again. Kept apart so Optima's own table is not altered.
-- MAT_MessageId = MWD_IDWiadomosci = the cloud notification's message id; unique, so the same
-- notification is never queued twice.
CREATE TABLE IF NOT EXISTS CDN.EPS_MailAttempt (
  MAT_MWDID integer NOT NULL,
  MAT_MessageId uuid NOT NULL,
  MAT_Kind varchar(40) NOT NULL,
  MAT_State varchar(10) NOT NULL,
  MAT_Attempts integer NOT NULL DEFAULT 0,
  MAT_Queued timestamp(3) NOT NULL,
  MAT_NextAttempt timestamp(3) NOT NULL,
  MAT_LastAttempt timestamp(3) NULL,
  MAT_LastError varchar(2000) NULL,
  MAT_Sent timestamp(3) NULL,
  CONSTRAINT EPS_MAT_Primary PRIMARY KEY (MAT_MWDID)
);
CREATE UNIQUE INDEX IF NOT EXISTS EPS_MAT_MessageId ON CDN.EPS_MailAttempt (MAT_MessageId);
CREATE INDEX IF NOT EXISTS EPS_MAT_Due ON CDN.EPS_MailAttempt (MAT_State, MAT_NextAttempt);
