-- database: company
-- One keyset page of a tracked table for the full sync: the rows with a key above AfterKey,
-- at most PageSize of them, in key order, as a JSON array of objects (one per row).
-- PRA_HasloDoWydrukow (the printouts' password) never leaves the firm.
CREATE OR REPLACE FUNCTION CDN.EPS_ExtractFullPage(TableName varchar(64), AfterKey integer, PageSize integer)
RETURNS TABLE (RowsJson text, LastKey integer, RowCount integer)
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
    'SELECT coalesce(json_agg(%3$s ORDER BY p.%1$I)::text, ''[]''), max(p.%1$I), count(*)::integer
     FROM (SELECT * FROM CDN.%2$I WHERE %1$I > $1 ORDER BY %1$I LIMIT $2) p',
    lower(t.TRT_KeyColumn), lower(t.TRT_Name),
    CASE WHEN t.TRT_Name = 'PracKod' THEN 'to_jsonb(p) - ''pra_haslodowydrukow''' ELSE 'p' END)
  USING AfterKey, PageSize;
END
$$;
