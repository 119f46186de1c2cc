-- database: company
-- Writes one of the service's rows in CDN.Firma (Fir_Numer 9100-9199, see docs/firma-rows.md).
CREATE OR ALTER PROCEDURE CDN.EPS_SetSetting
  @Numer int,
  @Opis nvarchar(254),
  @Wartosc nvarchar(1200)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Changed int = 0;
  IF @Numer NOT BETWEEN 9100 AND 9199
    THROW 50005, N'EPS05: This Fir_Numer is outside the e-Pracownik service range 9100-9199. The service writes only its own rows of CDN.Firma.', 1;
  -- compared as bytes: under Optima's case- and accent-insensitive collation '<>' would call 'abc' and
  -- 'ABC ' equal and keep the old value (PostgreSQL compares exactly); NULL is a change, as IS DISTINCT FROM
  UPDATE CDN.Firma SET Fir_Opis = @Opis, Fir_Wartosc = @Wartosc
  WHERE Fir_Numer = @Numer
    AND (@Wartosc IS NULL OR @Opis IS NULL
         OR CAST(Fir_Wartosc AS varbinary(max)) <> CAST(@Wartosc AS varbinary(max))
         OR CAST(Fir_Opis AS varbinary(max)) <> CAST(@Opis AS varbinary(max)));
  SET @Changed = @@ROWCOUNT;
  IF @Changed = 0 AND NOT EXISTS (SELECT 1 FROM CDN.Firma WHERE Fir_Numer = @Numer)
  BEGIN
    INSERT INTO CDN.Firma (Fir_Numer, Fir_Opis, Fir_Wartosc) VALUES (@Numer, @Opis, @Wartosc);
    SET @Changed = 1;
  END
  SELECT @Changed AS Changed;
END
