-- database: config
-- Records how a sync run ended: status 'ok' or 'failed', rows sent to the cloud, the error.
CREATE OR REPLACE FUNCTION CDN.EPS_RunFinished(RunId integer, Status varchar(10), RowsToCloud integer, ErrorText varchar(4000))
RETURNS TABLE (Updated integer)
LANGUAGE sql AS $$
  WITH u AS (
    UPDATE CDN.EPS_SyncRun
    SET RUN_Finished = localtimestamp(3), RUN_Status = Status, RUN_RowsToCloud = RowsToCloud, RUN_Error = ErrorText
    WHERE RUN_Id = RunId
    RETURNING 1)
  SELECT count(*)::integer FROM u
$$;
