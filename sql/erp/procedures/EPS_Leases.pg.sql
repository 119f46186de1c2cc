-- database: config
-- Who holds the service lease and the sync lock of a firm's database, for `eps status`.
-- Active = 0 when the lease has expired (its holder stopped renewing it).
CREATE OR REPLACE FUNCTION CDN.EPS_Leases(DatabaseName varchar(254))
RETURNS TABLE (Purpose varchar(300), Station varchar(254), Since timestamp(3), Expires timestamp(3), Active integer)
LANGUAGE sql STABLE AS $$
  SELECT LEA_Purpose, LEA_Station, LEA_Since, LEA_Expires, CASE WHEN LEA_Expires > localtimestamp(3) THEN 1 ELSE 0 END
  FROM CDN.EPS_ServiceLease
  WHERE LEA_Purpose IN ('service:' || DatabaseName, 'sync:' || DatabaseName)
  ORDER BY LEA_Purpose
$$;
