-- database: company
-- Per tracked table: rows in the ERP and changes not yet acknowledged by the cloud.
CREATE OR ALTER PROCEDURE CDN.EPS_TableStatus
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Id smallint, @Table sysname, @Sql nvarchar(max), @n bigint;
  DECLARE @Result TABLE (TableId smallint NOT NULL, TableName varchar(64) NOT NULL, TableOrder smallint NOT NULL, RowCnt bigint NOT NULL);
  DECLARE tables CURSOR LOCAL FAST_FORWARD FOR SELECT TRT_Id, TRT_Name FROM CDN.EPS_TrackedTable;
  OPEN tables;
  FETCH NEXT FROM tables INTO @Id, @Table;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @Sql = N'SELECT @n = COUNT_BIG(*) FROM CDN.' + QUOTENAME(@Table) + N';';
    EXEC sp_executesql @Sql, N'@n bigint OUTPUT', @n = @n OUTPUT;
    INSERT INTO @Result (TableId, TableName, TableOrder, RowCnt)
    SELECT @Id, @Table, TRT_Order, @n FROM CDN.EPS_TrackedTable WHERE TRT_Id = @Id;
    FETCH NEXT FROM tables INTO @Id, @Table;
  END
  CLOSE tables;
  DEALLOCATE tables;
  SELECT r.TableName AS TableName, r.RowCnt AS [RowCount],
         (SELECT COUNT(*) FROM CDN.EPS_ChangeLog AS c WHERE c.CHL_TableId = r.TableId AND c.CHL_Origin = 0) AS PendingChanges
  FROM @Result AS r
  ORDER BY r.TableOrder;
END
