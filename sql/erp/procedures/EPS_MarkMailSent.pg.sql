-- database: config
-- The SMTP server accepted the message: Optima's outbox row becomes sent (MWD_Status 2 with
-- MWD_Wyslano), the delivery record 'sent'. Marking a message twice changes nothing.
CREATE OR REPLACE FUNCTION CDN.EPS_MarkMailSent(MwdId integer)
RETURNS TABLE (Updated integer)
LANGUAGE sql AS $$
  WITH a AS (
    UPDATE CDN.EPS_MailAttempt
    SET MAT_State = 'sent', MAT_Attempts = MAT_Attempts + 1, MAT_LastAttempt = localtimestamp(3), MAT_Sent = localtimestamp(3), MAT_LastError = NULL
    WHERE MAT_MWDID = MwdId AND MAT_State = 'queued'
    RETURNING MAT_MWDID
  ), w AS (
    UPDATE CDN.MailWiadomosci SET MWD_Status = 2, MWD_Wyslano = localtimestamp(3)
    WHERE MWD_MWDID IN (SELECT MAT_MWDID FROM a)
    RETURNING MWD_MWDID
  )
  SELECT count(*)::integer FROM a
$$;
