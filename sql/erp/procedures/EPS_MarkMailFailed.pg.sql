-- database: config
-- A delivery attempt failed. Transient (Permanent = 0): the message stays queued, with one more
-- attempt, the error and the next attempt RetryAfterSeconds from now; at MaxAttempts it fails for
-- good. Permanent (a rejected recipient, a 5xx reply): 'failed', and Optima's outbox row goes back
-- to drafts (MWD_Status 0) so no mailer retries it. Returns the state the message is left in.
CREATE OR REPLACE FUNCTION CDN.EPS_MarkMailFailed(MwdId integer, Permanent integer, ErrorText varchar(2000), RetryAfterSeconds integer, MaxAttempts integer)
RETURNS TABLE (State varchar(10), Attempts integer)
LANGUAGE sql AS $$
  WITH a AS (
    UPDATE CDN.EPS_MailAttempt
    SET MAT_Attempts = MAT_Attempts + 1,
        MAT_State = CASE WHEN Permanent = 1 OR MAT_Attempts + 1 >= MaxAttempts THEN 'failed' ELSE 'queued' END,
        MAT_LastAttempt = localtimestamp(3),
        MAT_NextAttempt = localtimestamp(3) + RetryAfterSeconds * interval '1 second',
        MAT_LastError = left(ErrorText, 2000)
    WHERE MAT_MWDID = MwdId AND MAT_State = 'queued'
    RETURNING MAT_MWDID, MAT_State, MAT_Attempts
  ), w AS (
    UPDATE CDN.MailWiadomosci SET MWD_Status = 0
    WHERE MWD_MWDID IN (SELECT MAT_MWDID FROM a WHERE MAT_State = 'failed')
    RETURNING MWD_MWDID
  )
  SELECT MAT_State, MAT_Attempts FROM a
$$;
