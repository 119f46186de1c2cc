-- database: config
-- Takes a lease if it is free, expired or already ours (then it is renewed); returns who holds
-- it now. Acquired = 1 when that is the caller. An application lock serialises two stations
-- asking at once.
CREATE OR ALTER PROCEDURE CDN.EPS_AcquireLease
  @Station nvarchar(254),
  @Purpose varchar(300),
  @TtlSeconds int
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @Now datetime = GETDATE();
  BEGIN TRANSACTION;
  EXEC sp_getapplock @Resource = N'CDN.EPS_ServiceLease', @LockMode = N'Exclusive', @LockOwner = N'Transaction';
  UPDATE CDN.EPS_ServiceLease
  SET LEA_Since = CASE WHEN LEA_Station = @Station THEN LEA_Since ELSE @Now END,
      LEA_Station = @Station, LEA_Renewed = @Now, LEA_Expires = DATEADD(SECOND, @TtlSeconds, @Now)
  WHERE LEA_Purpose = @Purpose AND (LEA_Station = @Station OR LEA_Expires <= @Now);
  IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM CDN.EPS_ServiceLease WHERE LEA_Purpose = @Purpose)
    INSERT INTO CDN.EPS_ServiceLease (LEA_Purpose, LEA_Station, LEA_Since, LEA_Renewed, LEA_Expires)
    VALUES (@Purpose, @Station, @Now, @Now, DATEADD(SECOND, @TtlSeconds, @Now));
  SELECT CASE WHEN LEA_Station = @Station THEN 1 ELSE 0 END AS Acquired, LEA_Station AS HolderStation,
         LEA_Since AS HolderSince, LEA_Expires AS ExpiresAt
  FROM CDN.EPS_ServiceLease WHERE LEA_Purpose = @Purpose;
  COMMIT TRANSACTION;
END
