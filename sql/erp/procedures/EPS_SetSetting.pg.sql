-- database: company
-- Writes one of the service's rows in CDN.Firma (Fir_Numer 9100-9199, see docs/firma-rows.md).
CREATE OR REPLACE FUNCTION CDN.EPS_SetSetting(Numer integer, Opis varchar(254), Wartosc varchar(1200))
RETURNS TABLE (Changed integer)
LANGUAGE plpgsql AS $$
BEGIN
  IF Numer NOT BETWEEN 9100 AND 9199 THEN
    RAISE EXCEPTION USING ERRCODE = 'EPS05',
      MESSAGE = format('Fir_Numer %s is outside the e-Pracownik service range 9100-9199.', Numer),
      HINT = 'The service writes only its own rows of CDN.Firma.';
  END IF;
  UPDATE CDN.Firma SET Fir_Opis = Opis, Fir_Wartosc = Wartosc
  WHERE Fir_Numer = Numer AND (Fir_Wartosc IS DISTINCT FROM Wartosc OR Fir_Opis IS DISTINCT FROM Opis);
  IF FOUND THEN RETURN QUERY SELECT 1; RETURN; END IF;
  INSERT INTO CDN.Firma (Fir_Numer, Fir_Opis, Fir_Wartosc) VALUES (Numer, Opis, Wartosc)
  ON CONFLICT (Fir_Numer) DO NOTHING;
  RETURN QUERY SELECT CASE WHEN FOUND THEN 1 ELSE 0 END;
END
$$;
