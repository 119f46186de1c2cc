-- database: company
-- The tracked tables that have changes in a batch, parents first.
CREATE OR ALTER PROCEDURE CDN.EPS_BatchTables
  @BatchId bigint
AS
BEGIN
  SET NOCOUNT ON;
  SELECT t.TRT_Name AS TableName, COUNT(*) AS Changes
  FROM CDN.EPS_ChangeLog AS c
  JOIN CDN.EPS_TrackedTable AS t ON t.TRT_Id = c.CHL_TableId
  WHERE c.CHL_BatchId = @BatchId
  GROUP BY t.TRT_Name, t.TRT_Order
  ORDER BY t.TRT_Order;
END
