-- database: config
-- The e-Pracownik sync schedule of a firm's database, from Optima's CDN.Sync: one row per sync
-- kind. Od/Do are times of day stored as datetime counted from 1899-12-30; they are returned as
-- minutes since then (08:00 = 480; 1440 = midnight at the end of the day).
CREATE OR REPLACE FUNCTION CDN.EPS_Schedule(DatabaseName varchar(254))
RETURNS TABLE (Kind varchar(20), Enabled integer, EveryMinutes integer, FromMinute integer, ToMinute integer)
LANGUAGE sql STABLE AS $$
  WITH s AS (
    SELECT y.*
    FROM CDN.Sync y
    JOIN CDN.Bazy b ON b.Baz_BazID = y.Snc_BazID
    WHERE b.Baz_Nazwa = DatabaseName OR b.Baz_NazwaBazy = DatabaseName
    ORDER BY b.Baz_Nieaktywna, b.Baz_BazID
    LIMIT 1
  )
  SELECT k.Kind::varchar(20), k.Enabled::integer, k.EveryMinutes,
         (EXTRACT(EPOCH FROM (k.WindowFrom - timestamp '1899-12-30')) / 60)::integer,
         (EXTRACT(EPOCH FROM (k.WindowTo - timestamp '1899-12-30')) / 60)::integer
  FROM s
  CROSS JOIN LATERAL (VALUES
    ('DaneKadrowe', s.Snc_EPracownikDaneKadrowe, s.Snc_EPracownikDaneKadroweCo, s.Snc_EPracownikDaneKadroweOd, s.Snc_EPracownikDaneKadroweDo),
    ('DaneBinarne', s.Snc_EPracownikDaneBinarne, s.Snc_EPracownikDaneBinarneCo, s.Snc_EPracownikDaneBinarneOd, s.Snc_EPracownikDaneBinarneDo)
  ) AS k (Kind, Enabled, EveryMinutes, WindowFrom, WindowTo)
$$;
