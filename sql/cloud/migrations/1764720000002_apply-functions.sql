-- Up Migration
-- Applying what the runner sent. Errors raised here: EPC01 unknown batch, EPC02 batch not ready.

-- Puts one page of a full copy into staging. A row that cannot be stored is kept in
-- eps.rejected_rows with the reason, and the rest of the page goes on.
CREATE FUNCTION eps.stage_page(p_tenant integer, p_batch uuid, p_table text, p_rows jsonb)
RETURNS TABLE (staged integer, rejected integer)
LANGUAGE plpgsql AS $$
DECLARE
  t eps.tracked_tables%ROWTYPE;
  n integer;
  ok integer := 0;
  bad integer := 0;
  r jsonb;
BEGIN
  SELECT * INTO STRICT t FROM eps.tracked_tables WHERE name = p_table;
  BEGIN
    EXECUTE format('SELECT hr.%I($1, $2, $3)', 'stage_' || t.cloud_table) INTO n USING p_tenant, p_batch, p_rows;
    ok := n;
  EXCEPTION WHEN OTHERS THEN
    FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
      BEGIN
        EXECUTE format('SELECT hr.%I($1, $2, $3)', 'stage_' || t.cloud_table) INTO n USING p_tenant, p_batch, jsonb_build_array(r);
        ok := ok + n;
      EXCEPTION WHEN OTHERS THEN
        INSERT INTO eps.rejected_rows (tenant_id, batch_guid, table_name, row_key, row_data, sqlstate, reason)
        VALUES (p_tenant, p_batch, t.name, (r ->> t.cloud_key)::integer, r, SQLSTATE, SQLERRM);
        bad := bad + 1;
      END;
    END LOOP;
  END;
  IF bad > 0 THEN
    UPDATE eps.batches SET rows_rejected = rows_rejected + bad WHERE tenant_id = p_tenant AND batch_guid = p_batch;
  END IF;
  RETURN QUERY SELECT ok, bad;
END
$$;

-- Applies a differential batch in one transaction: upserts parents first, deletes children first.
-- Applying an applied batch again changes nothing.
CREATE FUNCTION eps.apply_batch(p_tenant integer, p_batch uuid)
RETURNS TABLE (status text, rows_applied integer, rows_rejected integer)
LANGUAGE plpgsql AS $$
DECLARE
  b eps.batches%ROWTYPE;
  t record;
  r jsonb;
  n integer;
  ok integer := 0;
  bad integer := 0;
BEGIN
  SELECT * INTO b FROM eps.batches WHERE tenant_id = p_tenant AND batch_guid = p_batch FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC01', MESSAGE = format('Batch %s of tenant %s is unknown to the cloud.', p_batch, p_tenant),
      HINT = 'The runner sends the batch before queueing it; run the sync again.';
  END IF;
  IF b.status = 'applied' THEN
    RETURN QUERY SELECT b.status, b.rows_applied, b.rows_rejected;
    RETURN;
  END IF;
  FOR t IN
    SELECT tt.name, tt.cloud_table, tt.cloud_key, bt.upserts
    FROM eps.batch_tables bt JOIN eps.tracked_tables tt ON tt.name = bt.table_name
    WHERE bt.tenant_id = p_tenant AND bt.batch_guid = p_batch AND jsonb_array_length(bt.upserts) > 0
    ORDER BY tt.ord
  LOOP
    BEGIN
      EXECUTE format('SELECT hr.%I($1, $2)', 'upsert_' || t.cloud_table) INTO n USING p_tenant, t.upserts;
      ok := ok + n;
    EXCEPTION WHEN OTHERS THEN
      FOR r IN SELECT value FROM jsonb_array_elements(t.upserts) LOOP
        BEGIN
          EXECUTE format('SELECT hr.%I($1, $2)', 'upsert_' || t.cloud_table) INTO n USING p_tenant, jsonb_build_array(r);
          ok := ok + n;
        EXCEPTION WHEN OTHERS THEN
          INSERT INTO eps.rejected_rows (tenant_id, batch_guid, table_name, row_key, row_data, sqlstate, reason)
          VALUES (p_tenant, p_batch, t.name, (r ->> t.cloud_key)::integer, r, SQLSTATE, SQLERRM);
          bad := bad + 1;
        END;
      END LOOP;
    END;
  END LOOP;
  FOR t IN
    SELECT tt.cloud_table, bt.deletes
    FROM eps.batch_tables bt JOIN eps.tracked_tables tt ON tt.name = bt.table_name
    WHERE bt.tenant_id = p_tenant AND bt.batch_guid = p_batch AND cardinality(bt.deletes) > 0
    ORDER BY tt.ord DESC
  LOOP
    EXECUTE format('SELECT hr.%I($1, $2)', 'delete_' || t.cloud_table) INTO n USING p_tenant, t.deletes;
    ok := ok + n;
  END LOOP;
  UPDATE eps.batches SET status = 'applied', rows_applied = ok, rows_rejected = bad, applied_at = now(), error = NULL
  WHERE tenant_id = p_tenant AND batch_guid = p_batch;
  DELETE FROM eps.batch_tables WHERE tenant_id = p_tenant AND batch_guid = p_batch;
  UPDATE eps.tenants SET last_sync_at = now() WHERE id = p_tenant;
  RETURN QUERY SELECT 'applied'::text, ok, bad;
END
$$;

-- Replaces the tenant's HR copy with the staged full copy, all tables in one transaction,
-- so the portal never sees a half-loaded copy.
CREATE FUNCTION eps.switch_full(p_tenant integer, p_batch uuid)
RETURNS TABLE (status text, rows_applied integer, rows_rejected integer)
LANGUAGE plpgsql AS $$
DECLARE
  b eps.batches%ROWTYPE;
  t eps.tracked_tables%ROWTYPE;
  n integer;
  ok integer := 0;
BEGIN
  SELECT * INTO b FROM eps.batches WHERE tenant_id = p_tenant AND batch_guid = p_batch FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC01', MESSAGE = format('Full copy %s of tenant %s is unknown to the cloud.', p_batch, p_tenant),
      HINT = 'Run the full sync again.';
  END IF;
  IF b.status = 'applied' THEN
    RETURN QUERY SELECT b.status, b.rows_applied, b.rows_rejected;
    RETURN;
  END IF;
  IF b.status <> 'queued' THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC02', MESSAGE = format('Full copy %s of tenant %s is not completely loaded (status %s).', p_batch, p_tenant, b.status),
      HINT = 'Run the full sync again.';
  END IF;
  FOR t IN SELECT * FROM eps.tracked_tables ORDER BY ord LOOP
    EXECUTE format('SELECT hr.%I($1, $2)', 'switch_' || t.cloud_table) INTO n USING p_tenant, p_batch;
    ok := ok + n;
    EXECUTE format('DELETE FROM hr_stage.%I WHERE batch_guid = $1', t.cloud_table) USING p_batch;
  END LOOP;
  UPDATE eps.batches SET status = 'applied', rows_applied = ok, applied_at = now()
  WHERE tenant_id = p_tenant AND batch_guid = p_batch;
  UPDATE eps.tenants SET last_full_sync_at = now(), last_sync_at = now() WHERE id = p_tenant;
  RETURN QUERY SELECT 'applied'::text, ok, b.rows_rejected;
END
$$;

-- Down Migration
DROP FUNCTION eps.switch_full(integer, uuid);
DROP FUNCTION eps.apply_batch(integer, uuid);
DROP FUNCTION eps.stage_page(integer, uuid, text, jsonb);
