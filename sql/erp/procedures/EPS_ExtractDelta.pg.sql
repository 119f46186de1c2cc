-- database: company
-- The net change of one table in a batch: for every key changed in the ERP, the row as it is
-- now (an upsert), or the key alone if the row is gone (a delete). Keys changed only by the
-- sync itself on behalf of the cloud (origin 1) are not sent back. PRA_HasloDoWydrukow (the
-- printouts' password) never leaves the firm.
-- DeletesJson is an array of objects {"k": key}, as FOR JSON PATH gives it on SQL Server.
CREATE OR REPLACE FUNCTION CDN.EPS_ExtractDelta(BatchId bigint, TableName varchar(64))
RETURNS TABLE (UpsertsJson text, DeletesJson text, Upserts integer, Deletes integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  t CDN.EPS_TrackedTable%ROWTYPE;
BEGIN
  SELECT * INTO t FROM CDN.EPS_TrackedTable WHERE TRT_Name = TableName;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPS01',
      MESSAGE = format('%s is not a table the e-Pracownik sync copies.', TableName),
      HINT = 'Run eps install to bring the list of tracked tables up to date.';
  END IF;
  RETURN QUERY EXECUTE format(
    'WITH k AS (
       SELECT CHL_Key AS key FROM CDN.EPS_ChangeLog
       WHERE CHL_BatchId = $1 AND CHL_TableId = $2
       GROUP BY CHL_Key HAVING min(CHL_Origin) = 0),
     r AS (SELECT x.* FROM CDN.%2$I x JOIN k ON x.%1$I = k.key),
     d AS (SELECT k.key AS k FROM k WHERE NOT EXISTS (SELECT 1 FROM CDN.%2$I x WHERE x.%1$I = k.key))
     SELECT coalesce((SELECT json_agg(%3$s ORDER BY r.%1$I) FROM r)::text, ''[]''),
            coalesce((SELECT json_agg(d ORDER BY d.k) FROM d)::text, ''[]''),
            (SELECT count(*) FROM r)::integer,
            (SELECT count(*) FROM d)::integer',
    lower(t.TRT_KeyColumn), lower(t.TRT_Name),
    CASE WHEN t.TRT_Name = 'PracKod' THEN 'to_jsonb(r) - ''pra_haslodowydrukow''' ELSE 'r' END)
  USING BatchId, t.TRT_Id;
END
$$;
