-- database: config
-- Extends a lease the caller holds, even if it has expired as long as nobody took it. Acquired = 0
-- means another station holds it now: the caller must stop what the lease protects.
CREATE OR ALTER PROCEDURE CDN.EPS_RenewLease
  @Station nvarchar(254),
  @Purpose varchar(300),
  @TtlSeconds int
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Now datetime = GETDATE();
  UPDATE CDN.EPS_ServiceLease
  SET LEA_Renewed = @Now, LEA_Expires = DATEADD(SECOND, @TtlSeconds, @Now)
  WHERE LEA_Purpose = @Purpose AND LEA_Station = @Station;
  SELECT CASE WHEN l.LEA_Station = @Station THEN 1 ELSE 0 END AS Acquired, l.LEA_Station AS HolderStation,
         l.LEA_Since AS HolderSince, l.LEA_Expires AS ExpiresAt
  FROM (SELECT 1 AS one) AS o
  LEFT JOIN CDN.EPS_ServiceLease AS l ON l.LEA_Purpose = @Purpose;
END
