-- database: company
-- The net change of one table in a batch: for every key changed in the ERP, the row as it is
-- now (an upsert), or the key alone if the row is gone (a delete). Keys changed only by the
-- sync itself on behalf of the cloud (origin 1) are not sent back. PRA_HasloDoWydrukow (the
-- printouts' password) never leaves the firm.
-- DeletesJson is an array of objects {"k": key} (FOR JSON PATH; STRING_AGG needs SQL Server 2017).
CREATE OR ALTER PROCEDURE CDN.EPS_ExtractDelta
  @BatchId bigint,
  @TableName varchar(64)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Table sysname, @Key sysname, @TableId smallint, @Sql nvarchar(max);
  DECLARE @UpsertsJson nvarchar(max), @DeletesJson nvarchar(max), @Upserts int, @Deletes int;
  SELECT @Table = TRT_Name, @Key = TRT_KeyColumn, @TableId = TRT_Id FROM CDN.EPS_TrackedTable WHERE TRT_Name = @TableName;
  IF @Table IS NULL
    THROW 50001, N'EPS01: This is not a table the e-Pracownik sync copies. Run eps install to bring the list of tracked tables up to date.', 1;
  SET @Sql = N'SELECT CHL_Key AS k INTO #keys FROM CDN.EPS_ChangeLog'
    + N' WHERE CHL_BatchId = @BatchId AND CHL_TableId = @TableId GROUP BY CHL_Key HAVING MIN(CHL_Origin) = 0;'
    + N' SELECT x.* INTO #rows FROM CDN.' + QUOTENAME(@Table) + N' AS x JOIN #keys ON x.' + QUOTENAME(@Key) + N' = #keys.k;'
    + N' IF COL_LENGTH(''tempdb..#rows'', ''PRA_HasloDoWydrukow'') IS NOT NULL ALTER TABLE #rows DROP COLUMN PRA_HasloDoWydrukow;'
    + N' SELECT @UpsertsJson = (SELECT * FROM #rows ORDER BY ' + QUOTENAME(@Key) + N' FOR JSON PATH, INCLUDE_NULL_VALUES),'
    + N' @Upserts = (SELECT COUNT(*) FROM #rows);'
    + N' SELECT k INTO #gone FROM #keys WHERE NOT EXISTS (SELECT 1 FROM CDN.' + QUOTENAME(@Table) + N' AS x WHERE x.' + QUOTENAME(@Key) + N' = #keys.k);'
    + N' SELECT @DeletesJson = (SELECT k FROM #gone ORDER BY k FOR JSON PATH), @Deletes = (SELECT COUNT(*) FROM #gone);';
  EXEC sp_executesql @Sql,
    N'@BatchId bigint, @TableId smallint, @UpsertsJson nvarchar(max) OUTPUT, @DeletesJson nvarchar(max) OUTPUT, @Upserts int OUTPUT, @Deletes int OUTPUT',
    @BatchId = @BatchId, @TableId = @TableId, @UpsertsJson = @UpsertsJson OUTPUT, @DeletesJson = @DeletesJson OUTPUT,
    @Upserts = @Upserts OUTPUT, @Deletes = @Deletes OUTPUT;
  SELECT COALESCE(@UpsertsJson, N'[]') AS UpsertsJson, COALESCE(@DeletesJson, N'[]') AS DeletesJson,
         @Upserts AS Upserts, @Deletes AS Deletes;
END
