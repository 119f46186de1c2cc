-- database: config
-- The operator (by Ope_Kod) and the workstation (by Sta_Nazwa) the service writes into the audit
-- columns of rows that come from e-Pracownik. No row for an unknown operator.
CREATE OR ALTER PROCEDURE CDN.EPS_ServiceIdentity
  @OperatorCode varchar(20),
  @Station nvarchar(254)
AS
BEGIN
  SET NOCOUNT ON;
  SELECT o.Ope_OpeID AS OpeId, o.Ope_Kod AS OpeKod, o.Ope_Nazwisko AS OpeNazwisko,
         (SELECT MIN(s.Sta_StaID) FROM CDN.StanowiskaKomp AS s WHERE s.Sta_Nazwa = @Station) AS StaId
  FROM CDN.Operatorzy AS o
  WHERE o.Ope_Kod = @OperatorCode;
END
