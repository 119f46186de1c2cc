-- database: config
-- Takes a lease if it is free, expired or already ours (then it is renewed); returns who holds
-- it now. Acquired = 1 when that is the caller. One statement: the row lock of the upsert
-- decides between two stations asking at once.
CREATE OR REPLACE FUNCTION CDN.EPS_AcquireLease(Station varchar(254), Purpose varchar(300), TtlSeconds integer)
RETURNS TABLE (Acquired integer, HolderStation varchar(254), HolderSince timestamp(3), ExpiresAt timestamp(3))
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO CDN.EPS_ServiceLease AS l (LEA_Purpose, LEA_Station, LEA_Since, LEA_Renewed, LEA_Expires)
  VALUES (EPS_AcquireLease.Purpose, EPS_AcquireLease.Station, localtimestamp(3), localtimestamp(3),
          localtimestamp(3) + EPS_AcquireLease.TtlSeconds * interval '1 second')
  ON CONFLICT (LEA_Purpose) DO UPDATE
    SET LEA_Since = CASE WHEN l.LEA_Station = EXCLUDED.LEA_Station THEN l.LEA_Since ELSE EXCLUDED.LEA_Since END,
        LEA_Station = EXCLUDED.LEA_Station, LEA_Renewed = EXCLUDED.LEA_Renewed, LEA_Expires = EXCLUDED.LEA_Expires
    WHERE l.LEA_Station = EXCLUDED.LEA_Station OR l.LEA_Expires <= localtimestamp(3);
  RETURN QUERY
    SELECT CASE WHEN LEA_Station = EPS_AcquireLease.Station THEN 1 ELSE 0 END, LEA_Station, LEA_Since, LEA_Expires
    FROM CDN.EPS_ServiceLease WHERE LEA_Purpose = EPS_AcquireLease.Purpose;
END
$$;
