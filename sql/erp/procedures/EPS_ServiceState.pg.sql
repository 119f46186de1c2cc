-- database: company
-- What the runner needs to decide the next sync: the installed version, when the last full
-- sync was acknowledged, the batch still waiting for its acknowledgement (if any) and how many
-- changes wait to be claimed.
CREATE OR REPLACE FUNCTION CDN.EPS_ServiceState()
RETURNS TABLE (InstalledVersion integer, LastFullSync timestamp(3), WaitingBatchId bigint,
               WaitingBatchGuid uuid, WaitingBatchKind char(1), PendingChanges integer)
LANGUAGE sql STABLE AS $$
  SELECT
    (SELECT Fir_Wartosc::integer FROM CDN.Firma WHERE Fir_Numer = 9100),
    (SELECT max(BAT_Acknowledged) FROM CDN.EPS_Batch WHERE BAT_Kind = 'F' AND BAT_Status = 'A'),
    w.BAT_Id, w.BAT_Guid, w.BAT_Kind,
    (SELECT count(*)::integer FROM CDN.EPS_ChangeLog WHERE CHL_BatchId IS NULL AND CHL_Origin = 0)
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (SELECT * FROM CDN.EPS_Batch WHERE BAT_Status = 'C' ORDER BY BAT_Id LIMIT 1) w ON true
$$;
