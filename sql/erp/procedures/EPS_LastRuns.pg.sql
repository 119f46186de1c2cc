-- database: config
-- The latest sync runs of a firm's database, newest first.
CREATE OR REPLACE FUNCTION CDN.EPS_LastRuns(DatabaseName varchar(254), MaxRuns integer)
RETURNS TABLE (RunId integer, Kind varchar(10), Station varchar(254), Started timestamp(3), Finished timestamp(3),
               Status varchar(10), RowsToCloud integer, ErrorText varchar(4000), LogFile varchar(1024))
LANGUAGE sql STABLE AS $$
  SELECT RUN_Id, RUN_Kind, RUN_Station, RUN_Started, RUN_Finished, RUN_Status, RUN_RowsToCloud, RUN_Error, RUN_LogFile
  FROM CDN.EPS_SyncRun
  WHERE RUN_Database = DatabaseName
  ORDER BY RUN_Id DESC
  LIMIT MaxRuns
$$;
