-- database: config
-- Extends a lease the caller holds, even if it has expired as long as nobody took it. Acquired = 0
-- means another station holds it now: the caller must stop what the lease protects.
CREATE OR REPLACE FUNCTION CDN.EPS_RenewLease(Station varchar(254), Purpose varchar(300), TtlSeconds integer)
RETURNS TABLE (Acquired integer, HolderStation varchar(254), HolderSince timestamp(3), ExpiresAt timestamp(3))
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  UPDATE CDN.EPS_ServiceLease
  SET LEA_Renewed = localtimestamp(3), LEA_Expires = localtimestamp(3) + EPS_RenewLease.TtlSeconds * interval '1 second'
  WHERE LEA_Purpose = EPS_RenewLease.Purpose AND LEA_Station = EPS_RenewLease.Station;
  RETURN QUERY
    SELECT CASE WHEN l.LEA_Station = EPS_RenewLease.Station THEN 1 ELSE 0 END, l.LEA_Station, l.LEA_Since, l.LEA_Expires
    FROM (SELECT 1) one
    LEFT JOIN CDN.EPS_ServiceLease l ON l.LEA_Purpose = EPS_RenewLease.Purpose;
END
$$;
