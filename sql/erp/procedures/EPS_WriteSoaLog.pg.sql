-- database: config
-- One event of the service into Optima's SOA log (CDN.SoaLogs), where a DBA already looks.
CREATE OR REPLACE FUNCTION CDN.EPS_WriteSoaLog(DatabaseName varchar(254), Level varchar(50), Logger varchar(1024),
  Message text, ExceptionText text, Session varchar(36), Station varchar(512), Thread varchar(255))
RETURNS TABLE (SlogId integer)
LANGUAGE sql AS $$
  INSERT INTO CDN.SoaLogs (SloG_DatabaseGuid, SloG_DatabaseName, SloG_Date, SloG_Exception, SloG_Level, SloG_Logger,
                           SloG_Message, SloG_ServiceName, SloG_Session, SloG_Thread, SloG_User)
  VALUES ((SELECT Baz_GUID::varchar(36) FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName
           ORDER BY Baz_Nieaktywna, Baz_BazID LIMIT 1),
          left(DatabaseName, 30), localtimestamp(3), ExceptionText, Level, Logger, Message, 'e-Pracownik (eps run)',
          Session::uuid, Thread, Station)
  RETURNING SloG_SlogId
$$;
