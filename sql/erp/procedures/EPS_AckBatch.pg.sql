-- database: company
-- The cloud has committed the batch: forget its changes. Acknowledging twice changes nothing.
CREATE OR REPLACE FUNCTION CDN.EPS_AckBatch(BatchId bigint)
RETURNS TABLE (Acknowledged integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  b CDN.EPS_Batch%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('CDN.EPS_Batch'));
  SELECT * INTO b FROM CDN.EPS_Batch WHERE BAT_Id = EPS_AckBatch.BatchId;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPS02',
      MESSAGE = format('Batch %s does not exist in this ERP database.', EPS_AckBatch.BatchId),
      HINT = 'The batch was claimed in another database: check the connection strings in the configuration.';
  END IF;
  IF b.BAT_Status <> 'C' THEN
    RETURN QUERY SELECT 0;
    RETURN;
  END IF;
  DELETE FROM CDN.EPS_ChangeLog WHERE CHL_BatchId = b.BAT_Id;
  UPDATE CDN.EPS_Batch SET BAT_Status = 'A', BAT_Acknowledged = localtimestamp(3) WHERE BAT_Id = b.BAT_Id;
  RETURN QUERY SELECT 1;
END
$$;
