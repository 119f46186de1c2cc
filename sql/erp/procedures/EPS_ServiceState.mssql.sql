-- database: company
-- What the runner needs to decide the next sync: the installed version, when the last full
-- sync was acknowledged, the batch still waiting for its acknowledgement (if any) and how many
-- changes wait to be claimed.
CREATE OR ALTER PROCEDURE CDN.EPS_ServiceState
AS
BEGIN
  SET NOCOUNT ON;
  SELECT
    (SELECT CAST(Fir_Wartosc AS int) FROM CDN.Firma WHERE Fir_Numer = 9100) AS InstalledVersion,
    (SELECT MAX(BAT_Acknowledged) FROM CDN.EPS_Batch WHERE BAT_Kind = 'F' AND BAT_Status = 'A') AS LastFullSync,
    w.BAT_Id AS WaitingBatchId, LOWER(CONVERT(varchar(36), w.BAT_Guid)) AS WaitingBatchGuid, w.BAT_Kind AS WaitingBatchKind,
    (SELECT COUNT(*) FROM CDN.EPS_ChangeLog WHERE CHL_BatchId IS NULL AND CHL_Origin = 0) AS PendingChanges
  FROM (SELECT 1 AS one) AS o
  OUTER APPLY (SELECT TOP (1) BAT_Id, BAT_Guid, BAT_Kind FROM CDN.EPS_Batch WHERE BAT_Status = 'C' ORDER BY BAT_Id) AS w;
END
