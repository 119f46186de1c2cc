-- database: company
-- Claims every committed, unclaimed change (at most MaxChanges) into a new differential batch.
-- If a batch is still waiting for its acknowledgement (the runner stopped before EPS_AckBatch),
-- that batch is returned again instead, with Resumed = 1. No row: nothing to send.
-- Changes the sync itself made on behalf of the cloud (origin 1) are never sent back: they are
-- dropped here rather than claimed, so they make no empty batches.
CREATE OR REPLACE FUNCTION CDN.EPS_ClaimDelta(MaxChanges integer)
RETURNS TABLE (BatchId bigint, BatchGuid uuid, BatchKind char(1), Changes integer, Resumed smallint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  b CDN.EPS_Batch%ROWTYPE;
  claimed integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('CDN.EPS_Batch'));
  SELECT * INTO b FROM CDN.EPS_Batch WHERE BAT_Status = 'C' ORDER BY BAT_Id LIMIT 1;
  IF FOUND THEN
    RETURN QUERY SELECT b.BAT_Id, b.BAT_Guid, b.BAT_Kind, b.BAT_Changes, 1::smallint;
    RETURN;
  END IF;
  DELETE FROM CDN.EPS_ChangeLog WHERE CHL_BatchId IS NULL AND CHL_Origin = 1;
  INSERT INTO CDN.EPS_Batch (BAT_Kind, BAT_Status) VALUES ('D', 'C') RETURNING * INTO b;
  UPDATE CDN.EPS_ChangeLog SET CHL_BatchId = b.BAT_Id
  WHERE CHL_Id IN (
    SELECT CHL_Id FROM CDN.EPS_ChangeLog WHERE CHL_BatchId IS NULL
    ORDER BY CHL_Id LIMIT MaxChanges FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS claimed = ROW_COUNT;
  IF claimed = 0 THEN
    DELETE FROM CDN.EPS_Batch WHERE BAT_Id = b.BAT_Id;
    RETURN;
  END IF;
  UPDATE CDN.EPS_Batch SET BAT_Changes = claimed WHERE BAT_Id = b.BAT_Id;
  RETURN QUERY SELECT b.BAT_Id, b.BAT_Guid, b.BAT_Kind, claimed, 0::smallint;
END
$$;
