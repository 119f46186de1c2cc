-- database: config
-- The e-Pracownik sync schedule of a firm's database, from Optima's CDN.Sync: one row per sync
-- kind. Od/Do are times of day stored as datetime counted from 1899-12-30; they are returned as
-- minutes since then (08:00 = 480; 1440 = midnight at the end of the day), rounded to the nearest
-- minute (23:59:59.997 = 1440), as the PostgreSQL twin rounds.
CREATE OR ALTER PROCEDURE CDN.EPS_Schedule
  @DatabaseName varchar(254)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Zero datetime = CONVERT(datetime, '18991230', 112);
  SELECT k.Kind AS Kind, k.Enabled AS Enabled, k.EveryMinutes AS EveryMinutes,
         DATEDIFF(MINUTE, @Zero, k.WindowFrom)
           + CASE WHEN DATEPART(SECOND, k.WindowFrom) * 1000 + DATEPART(MILLISECOND, k.WindowFrom) >= 30000 THEN 1 ELSE 0 END AS FromMinute,
         DATEDIFF(MINUTE, @Zero, k.WindowTo)
           + CASE WHEN DATEPART(SECOND, k.WindowTo) * 1000 + DATEPART(MILLISECOND, k.WindowTo) >= 30000 THEN 1 ELSE 0 END AS ToMinute
  FROM (SELECT TOP (1) y.*
        FROM CDN.Sync AS y
        JOIN CDN.Bazy AS b ON b.Baz_BazID = y.Snc_BazID
        WHERE b.Baz_Nazwa = @DatabaseName OR b.Baz_NazwaBazy = @DatabaseName
        ORDER BY b.Baz_Nieaktywna, b.Baz_BazID) AS s
  CROSS APPLY (VALUES
    (CAST('DaneKadrowe' AS varchar(20)), CAST(s.Snc_EPracownikDaneKadrowe AS int), s.Snc_EPracownikDaneKadroweCo, s.Snc_EPracownikDaneKadroweOd, s.Snc_EPracownikDaneKadroweDo),
    (CAST('DaneBinarne' AS varchar(20)), CAST(s.Snc_EPracownikDaneBinarne AS int), s.Snc_EPracownikDaneBinarneCo, s.Snc_EPracownikDaneBinarneOd, s.Snc_EPracownikDaneBinarneDo)
  ) AS k (Kind, Enabled, EveryMinutes, WindowFrom, WindowTo);
END
