-- database: config
-- Who holds the service lease and the sync lock of a firm's database, for `eps status`.
-- Active = 0 when the lease has expired (its holder stopped renewing it).
CREATE OR ALTER PROCEDURE CDN.EPS_Leases
  @DatabaseName varchar(254)
AS
BEGIN
  SET NOCOUNT ON;
  SELECT LEA_Purpose AS Purpose, LEA_Station AS Station, LEA_Since AS Since, LEA_Expires AS Expires,
         CASE WHEN LEA_Expires > GETDATE() THEN 1 ELSE 0 END AS Active
  FROM CDN.EPS_ServiceLease
  WHERE LEA_Purpose IN ('service:' + @DatabaseName, 'sync:' + @DatabaseName)
  ORDER BY LEA_Purpose;
END
