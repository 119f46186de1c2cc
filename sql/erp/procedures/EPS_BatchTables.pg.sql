-- database: company
-- The tracked tables that have changes in a batch, parents first.
CREATE OR REPLACE FUNCTION CDN.EPS_BatchTables(BatchId bigint)
RETURNS TABLE (TableName varchar(64), Changes integer)
LANGUAGE sql STABLE AS $$
  SELECT t.TRT_Name, count(*)::integer
  FROM CDN.EPS_ChangeLog c
  JOIN CDN.EPS_TrackedTable t ON t.TRT_Id = c.CHL_TableId
  WHERE c.CHL_BatchId = EPS_BatchTables.BatchId
  GROUP BY t.TRT_Name, t.TRT_Order
  ORDER BY t.TRT_Order
$$;
