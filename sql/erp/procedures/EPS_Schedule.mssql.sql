-- database: config
-- The e-Pracownik sync schedule of a firm's database, from Optima's CDN.Sync: one row per sync
-- kind. Od/Do are times of day stored as datetime counted from 1899-12-30; they are returned as
-- minutes since then (08:00 = 480; 1440 = midnight at the end of the day).
CREATE OR ALTER PROCEDURE CDN.EPS_Schedule
  @DatabaseName varchar(254)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Zero datetime = CONVERT(datetime, '18991230', 112);
  DECLARE @BazId int = (SELECT TOP (1) Baz_BazID FROM CDN.Bazy
                        WHERE Baz_Nazwa = @DatabaseName OR Baz_NazwaBazy = @DatabaseName
                        ORDER BY Baz_Nieaktywna, Baz_BazID);
  SELECT k.Kind AS Kind, k.Enabled AS Enabled, k.EveryMinutes AS EveryMinutes,
         DATEDIFF(MINUTE, @Zero, k.WindowFrom) AS FromMinute, DATEDIFF(MINUTE, @Zero, k.WindowTo) AS ToMinute
  FROM CDN.Sync AS s
  CROSS APPLY (VALUES
    (CAST('DaneKadrowe' AS varchar(20)), CAST(s.Snc_EPracownikDaneKadrowe AS int), s.Snc_EPracownikDaneKadroweCo, s.Snc_EPracownikDaneKadroweOd, s.Snc_EPracownikDaneKadroweDo),
    (CAST('DaneBinarne' AS varchar(20)), CAST(s.Snc_EPracownikDaneBinarne AS int), s.Snc_EPracownikDaneBinarneCo, s.Snc_EPracownikDaneBinarneOd, s.Snc_EPracownikDaneBinarneDo)
  ) AS k (Kind, Enabled, EveryMinutes, WindowFrom, WindowTo)
  WHERE s.Snc_BazID = @BazId;
END
