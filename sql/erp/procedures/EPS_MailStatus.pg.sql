-- database: config
-- How many of the firm's notifications are queued, sent and failed (`eps mail status`).
CREATE OR REPLACE FUNCTION CDN.EPS_MailStatus(DatabaseName varchar(254))
RETURNS TABLE (State varchar(10), Messages integer, Oldest timestamp(3), Newest timestamp(3))
LANGUAGE sql STABLE AS $$
  SELECT a.MAT_State, count(*)::integer, min(a.MAT_Queued), max(a.MAT_Queued)
  FROM CDN.EPS_MailAttempt a
  JOIN CDN.MailWiadomosci w ON w.MWD_MWDID = a.MAT_MWDID
  WHERE w.MWD_BazaGUID = (SELECT Baz_GUID FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName
                          ORDER BY Baz_Nieaktywna, Baz_BazID LIMIT 1)
  GROUP BY a.MAT_State
  ORDER BY a.MAT_State
$$;
