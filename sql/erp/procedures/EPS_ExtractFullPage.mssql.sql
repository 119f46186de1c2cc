-- database: company
-- One keyset page of a tracked table for the full sync: the rows with a key above @AfterKey,
-- at most @PageSize of them, in key order, as a JSON array of objects (one per row).
-- PRA_HasloDoWydrukow (the printouts' password) never leaves the firm.
CREATE OR ALTER PROCEDURE CDN.EPS_ExtractFullPage
  @TableName varchar(64),
  @AfterKey int,
  @PageSize int
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Table sysname, @Key sysname, @Sql nvarchar(max);
  DECLARE @RowsJson nvarchar(max), @LastKey int, @RowCount int;
  SELECT @Table = TRT_Name, @Key = TRT_KeyColumn FROM CDN.EPS_TrackedTable WHERE TRT_Name = @TableName;
  IF @Table IS NULL
    THROW 50001, N'EPS01: This is not a table the e-Pracownik sync copies. Run eps install to bring the list of tracked tables up to date.', 1;
  SET @Sql = N'SELECT TOP (@PageSize) * INTO #page FROM CDN.' + QUOTENAME(@Table)
    + N' WHERE ' + QUOTENAME(@Key) + N' > @AfterKey ORDER BY ' + QUOTENAME(@Key) + N';'
    + N' IF COL_LENGTH(''tempdb..#page'', ''PRA_HasloDoWydrukow'') IS NOT NULL ALTER TABLE #page DROP COLUMN PRA_HasloDoWydrukow;'
    + N' SELECT @RowsJson = (SELECT * FROM #page ORDER BY ' + QUOTENAME(@Key) + N' FOR JSON PATH, INCLUDE_NULL_VALUES),'
    + N' @LastKey = (SELECT MAX(' + QUOTENAME(@Key) + N') FROM #page),'
    + N' @RowCount = (SELECT COUNT(*) FROM #page);';
  EXEC sp_executesql @Sql,
    N'@AfterKey int, @PageSize int, @RowsJson nvarchar(max) OUTPUT, @LastKey int OUTPUT, @RowCount int OUTPUT',
    @AfterKey = @AfterKey, @PageSize = @PageSize, @RowsJson = @RowsJson OUTPUT, @LastKey = @LastKey OUTPUT, @RowCount = @RowCount OUTPUT;
  SELECT COALESCE(@RowsJson, N'[]') AS RowsJson, @LastKey AS LastKey, @RowCount AS [RowCount];
END
