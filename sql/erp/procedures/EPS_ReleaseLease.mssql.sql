-- database: config
-- Gives a lease back; only its holder can. Released = 0 when the caller did not hold it.
CREATE OR ALTER PROCEDURE CDN.EPS_ReleaseLease
  @Station nvarchar(254),
  @Purpose varchar(300)
AS
BEGIN
  SET NOCOUNT ON;
  DELETE FROM CDN.EPS_ServiceLease WHERE LEA_Purpose = @Purpose AND LEA_Station = @Station;
  SELECT @@ROWCOUNT AS Released;
END
