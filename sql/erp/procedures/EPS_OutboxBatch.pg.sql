-- database: config
-- The firm's messages the mailer should send now: queued by the service (CDN.EPS_MailAttempt),
-- still "to send" in Optima's outbox (MWD_Status 1), below the attempt limit, next attempt due.
-- Messages Optima's users put in the outbox themselves are not touched.
CREATE OR REPLACE FUNCTION CDN.EPS_OutboxBatch(DatabaseName varchar(254), MaxAttempts integer, MaxMessages integer)
RETURNS TABLE (MwdId integer, MessageId varchar(36), Kind varchar(40), Recipients text, Subject varchar(500),
               BodyText text, BodyHtml text, Attempts integer)
LANGUAGE sql STABLE AS $$
  SELECT w.MWD_MWDID, a.MAT_MessageId::varchar(36), a.MAT_Kind, w.MWD_Adresaci, w.MWD_Temat, w.MWD_Tresc, w.MWD_TrescHTML, a.MAT_Attempts
  FROM CDN.EPS_MailAttempt a
  JOIN CDN.MailWiadomosci w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE a.MAT_State = 'queued' AND a.MAT_Attempts < MaxAttempts AND a.MAT_NextAttempt <= localtimestamp(3)
    AND w.MWD_Status = 1
    AND w.MWD_BazaGUID = (SELECT Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName
                          ORDER BY Baz_Nieaktywna, Baz_BazID LIMIT 1)
  ORDER BY a.MAT_NextAttempt, w.MWD_MWDID
  LIMIT MaxMessages
$$;
