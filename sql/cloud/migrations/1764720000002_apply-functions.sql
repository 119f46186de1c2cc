-- Up Migration
-- Applying what the runner sent. Errors raised here: EPC01 unknown batch, EPC02 batch not ready.

-- Every tenant has one partition of each HR copy table: hr.<table>_t<tenant id>.
CREATE FUNCTION eps.ensure_partitions(p_tenant integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t eps.tracked_tables%ROWTYPE;
BEGIN
  FOR t IN SELECT * FROM eps.tracked_tables ORDER BY ord LOOP
    IF to_regclass(format('hr.%I', t.cloud_table || '_t' || p_tenant)) IS NULL THEN
      EXECUTE format('CREATE TABLE hr.%I PARTITION OF hr.%I FOR VALUES IN (%s)', t.cloud_table || '_t' || p_tenant, t.cloud_table, p_tenant);
    END IF;
  END LOOP;
END
$$;

-- Starts loading a full copy: empty staging tables hr_stage.<table>_t<tenant>, shaped like the
-- tenant's partitions, that eps.switch_full later swaps in.
CREATE FUNCTION eps.begin_full(p_tenant integer, p_batch uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t eps.tracked_tables%ROWTYPE;
  stage text;
BEGIN
  INSERT INTO eps.batches (tenant_id, batch_guid, kind, status) VALUES (p_tenant, p_batch, 'F', 'loading')
  ON CONFLICT (tenant_id, batch_guid) DO UPDATE SET status = 'loading', rows_applied = 0, rows_rejected = 0
  WHERE eps.batches.status <> 'applied';
  FOR t IN SELECT * FROM eps.tracked_tables ORDER BY ord LOOP
    stage := t.cloud_table || '_t' || p_tenant;
    EXECUTE format('DROP TABLE IF EXISTS hr_stage.%I', stage);
    EXECUTE format('CREATE TABLE hr_stage.%I (LIKE hr.%I INCLUDING DEFAULTS, CHECK (tenant_id = %s))', stage, t.cloud_table, p_tenant);
  END LOOP;
END
$$;

-- Puts one page of a full copy into staging. A row that cannot be stored is kept in
-- eps.rejected_rows with the reason, and the rest of the page goes on.
CREATE FUNCTION eps.stage_page(p_tenant integer, p_batch uuid, p_table text, p_rows json)
RETURNS TABLE (staged integer, rejected integer)
LANGUAGE plpgsql AS $$
DECLARE
  t eps.tracked_tables%ROWTYPE;
  insert_sql text;
  n integer;
  ok integer := 0;
  bad integer := 0;
  r json;
BEGIN
  SELECT * INTO STRICT t FROM eps.tracked_tables WHERE name = p_table;
  IF NOT EXISTS (SELECT 1 FROM eps.batches WHERE tenant_id = p_tenant AND batch_guid = p_batch AND status = 'loading') THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC02', MESSAGE = format('Full copy %s of tenant %s is not being loaded.', p_batch, p_tenant),
      HINT = 'Run the full sync again.';
  END IF;
  insert_sql := format('WITH s AS (INSERT INTO hr_stage.%I SELECT * FROM hr.%I($1, $2) RETURNING 1) SELECT count(*)::integer FROM s',
    t.cloud_table || '_t' || p_tenant, 'map_' || t.cloud_table);
  BEGIN
    EXECUTE insert_sql INTO n USING p_tenant, p_rows;
    ok := n;
  EXCEPTION WHEN OTHERS THEN
    FOR r IN SELECT value FROM json_array_elements(p_rows) LOOP
      BEGIN
        EXECUTE insert_sql INTO n USING p_tenant, json_build_array(r);
        ok := ok + n;
      EXCEPTION WHEN OTHERS THEN
        INSERT INTO eps.rejected_rows (tenant_id, batch_guid, table_name, row_key, row_data, sqlstate, reason)
        VALUES (p_tenant, p_batch, t.name, (r ->> t.cloud_key)::integer, r::jsonb, SQLSTATE, SQLERRM);
        bad := bad + 1;
      END;
    END LOOP;
  END;
  UPDATE eps.batches SET rows_applied = rows_applied + ok, rows_rejected = rows_rejected + bad
  WHERE tenant_id = p_tenant AND batch_guid = p_batch;
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

-- Replaces the tenant's HR copy with the staged full copy, all tables in one transaction, so
-- the portal never sees a half-loaded copy: each staged table gets its key index and becomes
-- the tenant's partition in place of the old one (no second copy of the rows).
CREATE FUNCTION eps.switch_full(p_tenant integer, p_batch uuid)
RETURNS TABLE (status text, rows_applied integer, rows_rejected integer)
LANGUAGE plpgsql AS $$
DECLARE
  b eps.batches%ROWTYPE;
  t eps.tracked_tables%ROWTYPE;
  part text;
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
    part := t.cloud_table || '_t' || p_tenant;
    IF to_regclass(format('hr_stage.%I', part)) IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC02', MESSAGE = format('Full copy %s of tenant %s has no staged %s.', p_batch, p_tenant, t.name),
        HINT = 'Run the full sync again.';
    END IF;
    EXECUTE format('ALTER TABLE hr_stage.%I ADD PRIMARY KEY (tenant_id, %I)', part, t.cloud_key);
  END LOOP;
  FOR t IN SELECT * FROM eps.tracked_tables ORDER BY ord LOOP
    part := t.cloud_table || '_t' || p_tenant;
    IF to_regclass(format('hr.%I', part)) IS NOT NULL THEN
      EXECUTE format('ALTER TABLE hr.%I DETACH PARTITION hr.%I', t.cloud_table, part);
      EXECUTE format('DROP TABLE hr.%I', part);
    END IF;
    EXECUTE format('ALTER TABLE hr_stage.%I SET SCHEMA hr', part);
    EXECUTE format('ALTER TABLE hr.%I ATTACH PARTITION hr.%I FOR VALUES IN (%s)', t.cloud_table, part, p_tenant);
  END LOOP;
  UPDATE eps.batches SET status = 'applied', applied_at = now()
  WHERE tenant_id = p_tenant AND batch_guid = p_batch;
  UPDATE eps.tenants SET last_full_sync_at = now(), last_sync_at = now() WHERE id = p_tenant;
  RETURN QUERY SELECT 'applied'::text, b.rows_applied, b.rows_rejected;
END
$$;

-- Down Migration
DROP FUNCTION eps.switch_full(integer, uuid);
DROP FUNCTION eps.apply_batch(integer, uuid);
DROP FUNCTION eps.stage_page(integer, uuid, text, json);
DROP FUNCTION eps.begin_full(integer, uuid);
DROP FUNCTION eps.ensure_partitions(integer);
