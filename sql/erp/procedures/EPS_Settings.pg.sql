-- database: company
-- The service's rows in CDN.Firma (Fir_Numer 9100-9199, see docs/firma-rows.md).
CREATE OR REPLACE FUNCTION CDN.EPS_Settings()
RETURNS TABLE (Numer integer, Opis varchar(254), Wartosc varchar(1200))
LANGUAGE sql STABLE AS $$
  SELECT Fir_Numer, Fir_Opis, Fir_Wartosc FROM CDN.Firma WHERE Fir_Numer BETWEEN 9100 AND 9199 ORDER BY Fir_Numer
$$;
