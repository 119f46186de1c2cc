-- database: config
-- The firm's notifications that failed, or are queued after a failed attempt, newest first,
-- with the last error (`eps mail status`).
CREATE OR REPLACE FUNCTION CDN.EPS_MailProblems(DatabaseName varchar(254), MaxRows integer)
RETURNS TABLE (MwdId integer, MessageId varchar(36), Kind varchar(40), Recipients text, Subject varchar(500), State varchar(10),
               Attempts integer, LastError varchar(2000), LastAttempt timestamp(3), NextAttempt timestamp(3))
LANGUAGE sql STABLE AS $$
  SELECT w.MWD_MWDID, a.MAT_MessageId::varchar(36), a.MAT_Kind, w.MWD_Adresaci, w.MWD_Temat, a.MAT_State,
         a.MAT_Attempts, a.MAT_LastError, a.MAT_LastAttempt, a.MAT_NextAttempt
  FROM CDN.EPS_MailAttempt a
  JOIN CDN.MailWiadomosci w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE (a.MAT_State = 'failed' OR (a.MAT_State = 'queued' AND a.MAT_Attempts > 0))
    AND w.MWD_BazaGUID = (SELECT Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName
                          ORDER BY Baz_Nieaktywna, Baz_BazID LIMIT 1)
  ORDER BY a.MAT_LastAttempt DESC, w.MWD_MWDID DESC
  LIMIT MaxRows
$$;
