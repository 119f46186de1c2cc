-- database: company
-- Starts a full sync: every committed change so far, claimed or not, goes into a new full batch,
-- because the full copy supersedes it. Batches still waiting are marked superseded ('S').
-- Changes made while the full copy is read are left for the next differential sync.
CREATE OR REPLACE FUNCTION CDN.EPS_BeginFullSync()
RETURNS TABLE (BatchId bigint, BatchGuid uuid, BatchKind char(1), Changes integer, Resumed smallint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  b CDN.EPS_Batch%ROWTYPE;
  claimed integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('CDN.EPS_Batch'));
  UPDATE CDN.EPS_Batch SET BAT_Status = 'S' WHERE BAT_Status = 'C';
  INSERT INTO CDN.EPS_Batch (BAT_Kind, BAT_Status) VALUES ('F', 'C') RETURNING * INTO b;
  UPDATE CDN.EPS_ChangeLog SET CHL_BatchId = b.BAT_Id
  WHERE CHL_Id IN (
    SELECT CHL_Id FROM CDN.EPS_ChangeLog
    WHERE CHL_BatchId IS NULL OR CHL_BatchId IN (SELECT BAT_Id FROM CDN.EPS_Batch WHERE BAT_Status = 'S')
    FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS claimed = ROW_COUNT;
  UPDATE CDN.EPS_Batch SET BAT_Changes = claimed WHERE BAT_Id = b.BAT_Id;
  RETURN QUERY SELECT b.BAT_Id, b.BAT_Guid, b.BAT_Kind, claimed, 0::smallint;
END
$$;
