-- database: config
-- Records the start of a sync run of a firm's database; returns the run's id.
CREATE OR REPLACE FUNCTION CDN.EPS_RunStarted(DatabaseName varchar(254), Kind varchar(10), Station varchar(254), LogFile varchar(1024))
RETURNS TABLE (RunId integer)
LANGUAGE sql AS $$
  INSERT INTO CDN.EPS_SyncRun (RUN_BazId, RUN_Database, RUN_Kind, RUN_Station, RUN_Started, RUN_Status, RUN_LogFile)
  VALUES ((SELECT max(Baz_BazID) FROM CDN.Bazy WHERE Baz_Nazwa = DatabaseName OR Baz_NazwaBazy = DatabaseName),
          DatabaseName, Kind, Station, localtimestamp(3), 'running', LogFile)
  RETURNING RUN_Id
$$;
