-- database: company
-- The service's rows in CDN.Firma (Fir_Numer 9100-9199, see docs/firma-rows.md).
CREATE OR ALTER PROCEDURE CDN.EPS_Settings
AS
BEGIN
  SET NOCOUNT ON;
  SELECT Fir_Numer AS Numer, Fir_Opis AS Opis, Fir_Wartosc AS Wartosc
  FROM CDN.Firma
  WHERE Fir_Numer BETWEEN 9100 AND 9199
  ORDER BY Fir_Numer;
END
