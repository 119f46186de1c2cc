-- database: config
-- Gives a lease back; only its holder can. Released = 0 when the caller did not hold it.
CREATE OR REPLACE FUNCTION CDN.EPS_ReleaseLease(Station varchar(254), Purpose varchar(300))
RETURNS TABLE (Released integer)
LANGUAGE sql AS $$
  WITH d AS (
    DELETE FROM CDN.EPS_ServiceLease
    WHERE LEA_Purpose = EPS_ReleaseLease.Purpose AND LEA_Station = EPS_ReleaseLease.Station
    RETURNING 1
  )
  SELECT count(*)::integer FROM d
$$;
