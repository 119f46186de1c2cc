-- database: config
-- The operator (by Ope_Kod) and the workstation (by Sta_Nazwa) the service writes into the audit
-- columns of rows that come from e-Pracownik. No row for an unknown operator.
CREATE OR REPLACE FUNCTION CDN.EPS_ServiceIdentity(OperatorCode varchar(20), Station varchar(254))
RETURNS TABLE (OpeId integer, OpeKod varchar(20), OpeNazwisko varchar(50), StaId integer)
LANGUAGE sql STABLE AS $$
  SELECT o.Ope_OpeID, o.Ope_Kod, o.Ope_Nazwisko,
         (SELECT min(s.Sta_StaID) FROM CDN.StanowiskaKomp s WHERE s.Sta_Nazwa = EPS_ServiceIdentity.Station)
  FROM CDN.Operatorzy o
  WHERE o.Ope_Kod = OperatorCode
$$;
