-- database: company
-- Per tracked table: rows in the ERP and changes not yet acknowledged by the cloud.
CREATE OR REPLACE FUNCTION CDN.EPS_TableStatus()
RETURNS TABLE (TableName varchar(64), RowCount bigint, PendingChanges integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  t CDN.EPS_TrackedTable%ROWTYPE;
  n bigint;
BEGIN
  FOR t IN SELECT * FROM CDN.EPS_TrackedTable ORDER BY TRT_Order LOOP
    EXECUTE format('SELECT count(*) FROM CDN.%I', lower(t.TRT_Name)) INTO n;
    TableName := t.TRT_Name;
    RowCount := n;
    PendingChanges := (SELECT count(*) FROM CDN.EPS_ChangeLog c WHERE c.CHL_TableId = t.TRT_Id AND c.CHL_Origin = 0);
    RETURN NEXT;
  END LOOP;
END
$$;
