-- database: company
-- Applies a batch of cloud edits (what employees and managers entered in e-Pracownik) in one
-- ERP transaction, under origin 'cloud' so the capture does not send them back.
-- EditsJson: [{"id", "kind": absence|work_time|trip|contact, "op": upsert|delete, "entity",
-- "praid", "payload"}]. One result row per edit: 'applied' (ErpTable, ErpId and the ERP rows
-- as they are now in RowsJson, {"<table in lower case>": [rows]}), 'rejected' (bad input, the
-- reason) or 'lost_conflict' (the ERP has data for the same employee and day: the ERP wins).
-- An edit already handled (CDN.EPS_CloudEdit) gets its earlier outcome and is not applied again.
-- Rows are written as the service operator of CDN.Firma 9104 ({"opeId", "opeKod",
-- "opeNazwisko", "staId"}, docs/firma-rows.md). Each edit runs to a savepoint, so an edit the
-- ERP refuses is rolled back alone and the rest of the batch applies. An error that leaves no
-- savepoint to go back to (it dooms or ends the transaction: an error in one of Optima's triggers,
-- a failed conversion) rolls the batch back, and the batch starts again with that edit rejected.
-- Nothing in here converts input with CAST or OPENJSON ... WITH (time/int): TRY_CAST only.
CREATE OR ALTER PROCEDURE CDN.EPS_ApplyCloudEdits
  @EditsJson nvarchar(max)
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT OFF;
  DECLARE @Svc nvarchar(1200), @OpeId int, @OpeKod varchar(20), @OpeNazwisko nvarchar(50), @StaId int, @Now datetime = GETDATE();
  DECLARE @EditId bigint, @Kind varchar(10), @Op varchar(10), @Entity bigint, @PraId int, @P nvarchar(max);
  DECLARE @Out varchar(13), @Table varchar(64), @Id int, @Reason nvarchar(400), @Prev int, @Arch tinyint, @Found int;
  DECLARE @From datetime, @To datetime, @Day datetime, @D datetime, @Full bit, @Hours decimal(9,4), @Work int;
  DECLARE @Text nvarchar(max), @Text2 nvarchar(max), @Cur nvarchar(20), @Tnb int, @Tyu int, @Hit datetime, @HitId int, @Name nvarchar(254);
  DECLARE @TotalSec int, @RangeCount int, @BadRange int, @BadNumber int, @LongNote int, @Empty datetime = '18991230';
  DECLARE @Retry bit = 1;
  -- edits that doomed the transaction once: rejected when the batch starts again (a table variable outlives ROLLBACK)
  DECLARE @Refused TABLE (id bigint NOT NULL PRIMARY KEY, reason nvarchar(400) NULL);
  -- the hour ranges of a work_time edit, in seconds since midnight ('24:00' = 86400, as PostgreSQL reads it)
  DECLARE @Ranges TABLE (lp int NOT NULL, f int NULL, t int NULL, zone nvarchar(4000) NULL, dzl nvarchar(4000) NULL,
    prj nvarchar(4000) NULL, note nvarchar(max) NULL);

  SELECT @Svc = Fir_Wartosc FROM CDN.Firma WHERE Fir_Numer = 9104;
  IF ISJSON(@Svc) = 1
  BEGIN
    SET @OpeId = TRY_CAST(JSON_VALUE(@Svc, '$.opeId') AS int);
    SET @OpeKod = LEFT(JSON_VALUE(@Svc, '$.opeKod'), 20);
    SET @OpeNazwisko = LEFT(JSON_VALUE(@Svc, '$.opeNazwisko'), 50);
    SET @StaId = TRY_CAST(JSON_VALUE(@Svc, '$.staId') AS int);
  END
  SET @OpeKod = COALESCE(@OpeKod, 'EPRACOWNIK');
  SET @OpeNazwisko = COALESCE(@OpeNazwisko, N'e-Pracownik');

  CREATE TABLE #edits (id bigint NOT NULL PRIMARY KEY, kind varchar(10) NULL, op varchar(10) NULL, entity bigint NULL, praid int NULL, payload nvarchar(max) NULL);
  INSERT INTO #edits (id, kind, op, entity, praid, payload)
  SELECT j.id, j.kind, j.op, j.entity, j.praid, j.payload
  FROM OPENJSON(@EditsJson) WITH (id bigint '$.id', kind varchar(10) '$.kind', op varchar(10) '$.op', entity bigint '$.entity',
    praid int '$.praid', payload nvarchar(max) '$.payload' AS JSON) AS j;
  CREATE TABLE #results (EditId bigint NOT NULL, Outcome varchar(13) NOT NULL, ErpTable varchar(64) NULL, ErpId int NULL, Reason nvarchar(400) NULL);

  EXEC sp_set_session_context N'EPS_Origin', N'cloud';
  BEGIN TRY
   WHILE @Retry = 1
   BEGIN
    SET @Retry = 0;
    DELETE FROM #results;
    BEGIN TRANSACTION;
    SET @EditId = (SELECT MIN(id) FROM #edits);
    WHILE @EditId IS NOT NULL
    BEGIN
      SELECT @Kind = kind, @Op = op, @Entity = entity, @PraId = praid, @P = COALESCE(payload, N'{}') FROM #edits WHERE id = @EditId;
      SELECT @Out = NULL, @Table = NULL, @Id = NULL, @Reason = NULL, @Prev = NULL, @Arch = NULL;
      SELECT @Out = CED_Outcome, @Table = CED_ErpTable, @Id = CED_ErpId, @Reason = CED_Reason FROM CDN.EPS_CloudEdit WHERE CED_EditId = @EditId;
      IF @Out IS NULL
      BEGIN
        SET @Table = CASE @Kind WHEN 'absence' THEN 'PracNieobec' WHEN 'work_time' THEN 'PracPracaDni' WHEN 'trip' THEN 'DlgNag' WHEN 'contact' THEN 'PracKod' END;
        SELECT TOP (1) @Prev = CED_ErpId FROM CDN.EPS_CloudEdit
        WHERE CED_Kind = @Kind AND CED_EntityId = @Entity AND CED_Outcome = 'applied' AND CED_ErpId IS NOT NULL
        ORDER BY CED_EditId DESC;
        SAVE TRANSACTION EditStart;
        BEGIN TRY
          SELECT @Arch = PRA_Archiwalny FROM CDN.PracKod WHERE PRA_PraId = @PraId;
          SET @Found = @@ROWCOUNT;
          IF EXISTS (SELECT 1 FROM @Refused WHERE id = @EditId)
            SELECT @Out = 'rejected', @Reason = reason FROM @Refused WHERE id = @EditId;
          ELSE IF @Table IS NULL OR @Op IS NULL OR @Op NOT IN ('upsert', 'delete')
            SELECT @Out = 'rejected', @Reason = N'The ERP does not know the kind of entry ' + COALESCE(@Kind, '') + '/' + COALESCE(@Op, '') + '.';
          ELSE IF @Found = 0
            SELECT @Out = 'rejected', @Reason = N'Employee ' + COALESCE(CAST(@PraId AS nvarchar(20)), N'(none)') + N' does not exist in the ERP.';
          ELSE IF @Arch <> 0
            SELECT @Out = 'rejected', @Reason = N'Employee ' + CAST(@PraId AS nvarchar(20)) + N' is archived in the ERP.';

          -- ------------------------------------------------ absence
          IF @Out IS NULL AND @Kind = 'absence' AND @Op = 'delete'
          BEGIN
            IF @Prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.PracNieobec WHERE PNB_PnbId = @Prev)
            BEGIN
              DELETE FROM CDN.PracNieobec WHERE PNB_PnbId = @Prev;
              SET @Id = @Prev;
            END
            ELSE SET @Reason = N'The absence was not in the ERP: nothing to cancel.';
            SET @Out = 'applied';
          END
          ELSE IF @Out IS NULL AND @Kind = 'absence'
          BEGIN
            SET @Tnb = TRY_CAST(JSON_VALUE(@P, '$.tnbid') AS int);
            SET @From = TRY_CAST(JSON_VALUE(@P, '$.datefrom') AS date);
            SET @To = TRY_CAST(JSON_VALUE(@P, '$.dateto') AS date);
            SET @Full = CASE WHEN COALESCE(TRY_CAST(JSON_VALUE(@P, '$.fullday') AS int), 1) = 1 THEN 1 ELSE 0 END;
            SET @Hours = TRY_CAST(JSON_VALUE(@P, '$.hours') AS decimal(9,4));
            SET @Text = COALESCE(JSON_VALUE(@P, '$.comment'), N'');
            SET @Tyu = NULL;
            SELECT @Tyu = TNB_TyuId FROM CDN.TypNieobec WHERE TNB_TnbId = @Tnb;
            IF @@ROWCOUNT = 0
              SELECT @Out = 'rejected', @Reason = N'Absence type ' + COALESCE(CAST(@Tnb AS nvarchar(20)), N'(none)') + N' does not exist in the ERP.';
            ELSE IF @From IS NULL OR @To IS NULL OR @From > @To
              SELECT @Out = 'rejected', @Reason = N'The absence ends (' + COALESCE(CONVERT(nvarchar(10), @To, 23), N'?') + N') before it starts ('
                + COALESCE(CONVERT(nvarchar(10), @From, 23), N'?') + N').';
            ELSE IF @Full = 0 AND (@Hours IS NULL OR @Hours <= 0 OR @Hours > 24)
              SELECT @Out = 'rejected', @Reason = N'An absence of ' + COALESCE(CAST(CAST(@Hours AS float) AS nvarchar(20)), N'(none)')
                + N' hours does not fit in a day (more than 0, at most 24).';
            ELSE IF LEN(@Text) > 253
              SELECT @Out = 'rejected', @Reason = N'The comment is longer than the 253 characters the ERP can store.';
            IF @Out IS NULL
            BEGIN
              SELECT TOP (1) @Hit = CASE WHEN n.PNB_OkresOd > @From THEN n.PNB_OkresOd ELSE @From END, @HitId = n.PNB_PnbId, @Name = t.TNB_Nazwa
              FROM CDN.PracNieobec AS n LEFT JOIN CDN.TypNieobec AS t ON t.TNB_TnbId = n.PNB_TnbId
              WHERE n.PNB_PraId = @PraId AND n.PNB_OkresOd < DATEADD(day, 1, @To) AND n.PNB_OkresDo >= @From
                AND COALESCE(n.PNB_Tryb, 0) <> 1 AND (@Prev IS NULL OR n.PNB_PnbId <> @Prev)
              ORDER BY n.PNB_OkresOd;
              IF @@ROWCOUNT > 0
              BEGIN
                IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit WHERE CED_ErpTable = 'PracNieobec' AND CED_ErpId = @HitId AND CED_Outcome = 'applied')
                  SELECT @Out = 'rejected', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' you already have another absence from e-Pracownik.';
                ELSE
                  SELECT @Out = 'lost_conflict', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' the ERP has an absence ('
                    + COALESCE(@Name, N'absence') + N'); the ERP entry stands.';
              END
            END
            IF @Out IS NULL
            BEGIN
              SELECT TOP (1) @Hit = PPR_Data, @HitId = PPR_PprId FROM CDN.PracPracaDni
              WHERE PPR_PraId = @PraId AND PPR_Data >= @From AND PPR_Data < DATEADD(day, 1, @To) ORDER BY PPR_Data;
              IF @@ROWCOUNT > 0
              BEGIN
                IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit WHERE CED_ErpTable = 'PracPracaDni' AND CED_ErpId = @HitId AND CED_Outcome = 'applied')
                  SELECT @Out = 'rejected', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' you recorded work time in e-Pracownik.';
                ELSE
                  SELECT @Out = 'lost_conflict', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' the ERP has presence at work; the ERP entry stands.';
              END
            END
            IF @Out IS NULL
            BEGIN
              -- working days Monday to Friday (1900-01-01 was a Monday, whatever DATEFIRST says)
              SELECT @Work = 0, @D = @From;
              WHILE @D <= @To
              BEGIN
                IF DATEDIFF(day, '19000101', @D) % 7 < 5 SET @Work = @Work + 1;
                SET @D = DATEADD(day, 1, @D);
              END
              IF @Prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.PracNieobec WHERE PNB_PnbId = @Prev)
              BEGIN
                UPDATE CDN.PracNieobec SET PNB_TnbId = @Tnb, PNB_TyuId = COALESCE(@Tyu, 0), PNB_OkresOd = @From, PNB_OkresDo = @To,
                  PNB_Calodzienna = @Full,
                  PNB_Godz = CASE WHEN @Full = 1 THEN NULL ELSE DATEADD(minute, CAST(ROUND(@Hours * 60, 0) AS int), @Empty) END,
                  PNB_DniKalend = DATEDIFF(day, @From, @To) + 1, PNB_DniPracy = @Work, PNB_Opis = @Text, PNB_TS_Mod = @Now,
                  PNB_OpeModId = @OpeId, PNB_OpeModKod = @OpeKod, PNB_OpeModNazwisko = @OpeNazwisko, PNB_StaModId = @StaId
                WHERE PNB_PnbId = @Prev;
                SELECT @Out = 'applied', @Id = @Prev;
              END
              ELSE
              BEGIN
                INSERT INTO CDN.PracNieobec (PNB_Calodzienna, PNB_DniKalend, PNB_DniPracy, PNB_Dziecko, PNB_Godz, PNB_NaPodstPoprzNB,
                  PNB_Numer, PNB_OkresDo, PNB_OkresOd, PNB_OpeModId, PNB_OpeModKod, PNB_OpeModNazwisko, PNB_OpeZalId, PNB_OpeZalKod,
                  PNB_OpeZalNazwisko, PNB_Opis, PNB_PraId, PNB_PracaRodzic, PNB_Przyczyna, PNB_Rozliczona, PNB_Seria, PNB_StaModId,
                  PNB_StaZalId, PNB_TnbId, PNB_Tryb, PNB_TS_Mod, PNB_TS_Zal, PNB_TyuId, PNB_UrlopNaZadanie, PNB_WymiarL, PNB_WymiarM,
                  PNB_ZlecZasilekPIT, PNB_Zrodlo, PNB_ZwolFPFGSP)
                VALUES (@Full, DATEDIFF(day, @From, @To) + 1, @Work, N'',
                  CASE WHEN @Full = 1 THEN NULL ELSE DATEADD(minute, CAST(ROUND(@Hours * 60, 0) AS int), @Empty) END, 0,
                  N'', @To, @From, @OpeId, @OpeKod, @OpeNazwisko, @OpeId, @OpeKod,
                  @OpeNazwisko, @Text, @PraId, 0, 0, 0, N'', @StaId,
                  @StaId, @Tnb, 0, @Now, @Now, COALESCE(@Tyu, 0), 0, 1, 1,
                  0, 0, 0);
                SELECT @Out = 'applied', @Id = CAST(SCOPE_IDENTITY() AS int);
              END
            END
          END

          -- ------------------------------------------------ actual work time of a day
          ELSE IF @Out IS NULL AND @Kind = 'work_time'
          BEGIN
            SET @Day = TRY_CAST(JSON_VALUE(@P, '$.day') AS date);
            DELETE FROM @Ranges;
            IF LEFT(LTRIM(JSON_QUERY(@P, '$.ranges')), 1) = N'['
              INSERT INTO @Ranges (lp, f, t, zone, dzl, prj, note)
              SELECT CAST(r.[key] AS int) + 1,
                CASE WHEN y.f IN (N'24:00', N'24:00:00') THEN 86400 ELSE DATEDIFF(second, CAST('00:00' AS time), TRY_CAST(y.f AS time)) END,
                CASE WHEN y.t IN (N'24:00', N'24:00:00') THEN 86400 ELSE DATEDIFF(second, CAST('00:00' AS time), TRY_CAST(y.t AS time)) END,
                y.zone, y.dzl, y.prj, y.note
              FROM OPENJSON(@P, '$.ranges') AS r
              CROSS APPLY OPENJSON(CASE WHEN r.type = 5 THEN r.value ELSE N'{}' END)
                WITH (f nvarchar(4000) '$.from', t nvarchar(4000) '$.to', zone nvarchar(4000) '$.zone', dzl nvarchar(4000) '$.dzl',
                      prj nvarchar(4000) '$.prj', note nvarchar(max) '$.note') AS y;
            SELECT @RangeCount = COUNT(*),
                   @TotalSec = SUM(CASE WHEN t > f THEN t - f ELSE t - f + 86400 END),
                   @BadRange = SUM(CASE WHEN f IS NULL OR t IS NULL THEN 1 ELSE 0 END),
                   @BadNumber = SUM(CASE WHEN (zone IS NOT NULL AND TRY_CAST(zone AS int) IS NULL) OR (dzl IS NOT NULL AND TRY_CAST(dzl AS int) IS NULL)
                                           OR (prj IS NOT NULL AND TRY_CAST(prj AS int) IS NULL) THEN 1 ELSE 0 END),
                   @LongNote = SUM(CASE WHEN DATALENGTH(COALESCE(note, N'')) / 2 > 1024 THEN 1 ELSE 0 END)
            FROM @Ranges;
            IF @Day IS NULL OR @RangeCount = 0
              SELECT @Out = 'rejected', @Reason = N'The work time has no day or no ranges of hours.';
            ELSE IF @BadRange > 0
              SELECT @Out = 'rejected', @Reason = N'A range of the work time is not a range of hours (HH:MM).';
            ELSE IF @BadNumber > 0
              SELECT @Out = 'rejected', @Reason = N'A range of the work time has a zone, department or project that is not a whole number.';
            ELSE IF @LongNote > 0
              SELECT @Out = 'rejected', @Reason = N'A note is longer than the 1024 characters the ERP can store.';
            ELSE IF @TotalSec > 86400
              SELECT @Out = 'rejected', @Reason = N'The work time of ' + CONVERT(nvarchar(10), @Day, 23) + N' adds up to '
                + CAST(@TotalSec / 3600 AS nvarchar(10)) + N':' + RIGHT(N'0' + CAST(@TotalSec % 3600 / 60 AS nvarchar(2)), 2)
                + N':' + RIGHT(N'0' + CAST(@TotalSec % 60 AS nvarchar(2)), 2) + N', more than 24 hours in a day.';
            IF @Out IS NULL
            BEGIN
              SET @HitId = NULL;
              SELECT @HitId = PPR_PprId FROM CDN.PracPracaDni WHERE PPR_PraId = @PraId AND PPR_Data = @Day;
              IF @HitId IS NOT NULL AND (@Prev IS NULL OR @HitId <> @Prev)
              BEGIN
                IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit WHERE CED_ErpTable = 'PracPracaDni' AND CED_ErpId = @HitId AND CED_Outcome = 'applied')
                  SELECT @Out = 'rejected', @Reason = N'The work time of ' + CONVERT(nvarchar(10), @Day, 23) + N' was already entered in e-Pracownik.';
                ELSE
                  SELECT @Out = 'lost_conflict', @Reason = N'On ' + CONVERT(nvarchar(10), @Day, 23) + N' the ERP has the work time recorded; the ERP entry stands.';
              END
              ELSE IF @HitId IS NOT NULL SET @Id = @HitId;
            END
            IF @Out IS NULL
            BEGIN
              SELECT TOP (1) @HitId = n.PNB_PnbId, @Name = t.TNB_Nazwa
              FROM CDN.PracNieobec AS n LEFT JOIN CDN.TypNieobec AS t ON t.TNB_TnbId = n.PNB_TnbId
              WHERE n.PNB_PraId = @PraId AND n.PNB_OkresOd < DATEADD(day, 1, @Day) AND n.PNB_OkresDo >= @Day AND COALESCE(n.PNB_Tryb, 0) <> 1
              ORDER BY n.PNB_OkresOd;
              IF @@ROWCOUNT > 0
              BEGIN
                IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit WHERE CED_ErpTable = 'PracNieobec' AND CED_ErpId = @HitId AND CED_Outcome = 'applied')
                  SELECT @Out = 'rejected', @Reason = N'On ' + CONVERT(nvarchar(10), @Day, 23) + N' you have an absence from e-Pracownik.';
                ELSE
                  SELECT @Out = 'lost_conflict', @Reason = N'On ' + CONVERT(nvarchar(10), @Day, 23) + N' the ERP has an absence ('
                    + COALESCE(@Name, N'absence') + N'); the ERP entry stands.';
              END
            END
            IF @Out IS NULL
            BEGIN
              IF @Id IS NULL
              BEGIN
                INSERT INTO CDN.PracPracaDni (PPR_Data, PPR_OpeModId, PPR_OpeModKod, PPR_OpeModNazwisko, PPR_OpeZalId, PPR_OpeZalKod,
                  PPR_OpeZalNazwisko, PPR_PraId, PPR_StaModId, PPR_StaZalId, PPR_TS_Mod, PPR_TS_Zal, PPR_Zrodlo)
                VALUES (@Day, @OpeId, @OpeKod, @OpeNazwisko, @OpeId, @OpeKod, @OpeNazwisko, @PraId, @StaId, @StaId, @Now, @Now, 0);
                SET @Id = CAST(SCOPE_IDENTITY() AS int);
              END
              ELSE
              BEGIN
                DELETE FROM CDN.PracPracaDniGodz WHERE PGR_PprId = @Id;
                UPDATE CDN.PracPracaDni SET PPR_TS_Mod = @Now, PPR_OpeModId = @OpeId, PPR_OpeModKod = @OpeKod,
                  PPR_OpeModNazwisko = @OpeNazwisko, PPR_StaModId = @StaId
                WHERE PPR_PprId = @Id;
              END
              INSERT INTO CDN.PracPracaDniGodz (PGR_DoGodziny, PGR_DzlId, PGR_Lp, PGR_OdGodziny, PGR_OdbNadg, PGR_PprId, PGR_PrjId, PGR_Strefa, PGR_Uwagi)
              SELECT DATEADD(second, x.t, @Empty), COALESCE(TRY_CAST(x.dzl AS int), 0), x.lp,
                DATEADD(second, x.f, @Empty), 0, @Id, COALESCE(TRY_CAST(x.prj AS int), 0), COALESCE(TRY_CAST(x.zone AS int), 1), COALESCE(x.note, N'')
              FROM @Ranges AS x
              ORDER BY x.lp;
              SET @Out = 'applied';
            END
          END

          -- ------------------------------------------------ business trip
          ELSE IF @Out IS NULL AND @Kind = 'trip'
          BEGIN
            SET @From = TRY_CAST(JSON_VALUE(@P, '$.datefrom') AS date);
            SET @To = TRY_CAST(JSON_VALUE(@P, '$.dateto') AS date);
            SET @Text = COALESCE(JSON_VALUE(@P, '$.destination'), N'');
            SET @Text2 = COALESCE(JSON_VALUE(@P, '$.purpose'), N'');
            SET @Cur = COALESCE(JSON_VALUE(@P, '$.currency'), N'PLN');
            IF @From IS NULL OR @To IS NULL OR @From > @To
              SELECT @Out = 'rejected', @Reason = N'The trip ends (' + COALESCE(CONVERT(nvarchar(10), @To, 23), N'?') + N') before it starts ('
                + COALESCE(CONVERT(nvarchar(10), @From, 23), N'?') + N').';
            ELSE IF LEN(@Text) > 255 OR LEN(@Text2) > 255
              SELECT @Out = 'rejected', @Reason = N'The destination or the purpose is longer than the 255 characters the ERP can store.';
            ELSE IF LEN(@Cur) > 3
              SELECT @Out = 'rejected', @Reason = N'The currency "' + @Cur + N'" is longer than 3 characters.';
            -- DLN_Waluta is varchar: a character outside the code page of Polish_CI_AS (1250) would become '?'
            ELSE IF CAST(CAST(@Cur COLLATE Polish_CI_AS AS varchar(3)) AS nvarchar(3)) COLLATE Latin1_General_BIN2 <> @Cur COLLATE Latin1_General_BIN2
              SELECT @Out = 'rejected', @Reason = N'The currency "' + @Cur + N'" has characters the ERP cannot store in its code page (Windows-1250).';
            IF @Out IS NULL
            BEGIN
              SELECT TOP (1) @Hit = CASE WHEN d.DLN_DataOd > @From THEN d.DLN_DataOd ELSE @From END, @HitId = d.DLN_DLNId
              FROM CDN.DlgNag AS d
              WHERE d.DLN_PodmiotTyp = 3 AND d.DLN_PodmiotId = @PraId AND d.DLN_DataOd < DATEADD(day, 1, @To) AND d.DLN_DataDo >= @From
                AND (@Prev IS NULL OR d.DLN_DLNId <> @Prev)
              ORDER BY d.DLN_DataOd;
              IF @@ROWCOUNT > 0
              BEGIN
                IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit WHERE CED_ErpTable = 'DlgNag' AND CED_ErpId = @HitId AND CED_Outcome = 'applied')
                  SELECT @Out = 'rejected', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' you already have another business trip from e-Pracownik.';
                ELSE
                  SELECT @Out = 'lost_conflict', @Reason = N'On ' + CONVERT(nvarchar(10), @Hit, 23) + N' the ERP has a business trip; the ERP entry stands.';
              END
            END
            IF @Out IS NULL AND @Prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.DlgNag WHERE DLN_DLNId = @Prev)
            BEGIN
              UPDATE CDN.DlgNag SET DLN_DataOd = @From, DLN_DataDo = @To, DLN_MiejsceDocelowe = @Text, DLN_Opis = @Text2,
                DLN_Waluta = @Cur, DLN_Zagraniczna = COALESCE(TRY_CAST(JSON_VALUE(@P, '$.isforeign') AS int), 0), DLN_TS_Mod = @Now,
                DLN_OpeModID = @OpeId, DLN_OpeModKod = @OpeKod, DLN_OpeModNazwisko = @OpeNazwisko, DLN_StaModId = @StaId
              WHERE DLN_DLNId = @Prev;
              SELECT @Out = 'applied', @Id = @Prev;
            END
            ELSE IF @Out IS NULL
            BEGIN
              INSERT INTO CDN.DlgNag (DLN_DataDo, DLN_DataDok, DLN_DataOd, DLN_DataRozliczenia, DLN_KursL, DLN_KursM, DLN_KursNumer,
                DLN_KwotaSys, DLN_KwotaWal, DLN_MiejsceDocelowe, DLN_NumerNr, DLN_NumerString, DLN_OpeModID, DLN_OpeModKod,
                DLN_OpeModNazwisko, DLN_OpeZalID, DLN_OpeZalKod, DLN_OpeZalNazwisko, DLN_Opis, DLN_PodmiotId, DLN_PodmiotTyp,
                DLN_StaModId, DLN_StaZalId, DLN_Status, DLN_TS_Mod, DLN_TS_Zal, DLN_Waluta, DLN_WyjazdZMZ, DLN_WymagaPrzeliczenia,
                DLN_Zagraniczna, DLN_Zrodlo)
              VALUES (@To, COALESCE(TRY_CAST(JSON_VALUE(@P, '$.docdate') AS date), CAST(@Now AS date)), @From, @Empty, 1, 1, 0,
                0, 0, @Text, TRY_CAST(JSON_VALUE(@P, '$.nr') AS int), N'E-DEL/' + COALESCE(JSON_VALUE(@P, '$.year'), N'') + N'/@numer', @OpeId, @OpeKod,
                @OpeNazwisko, @OpeId, @OpeKod, @OpeNazwisko, @Text2, @PraId, 3,
                @StaId, @StaId, 0, @Now, @Now, @Cur, 0, 0,
                COALESCE(TRY_CAST(JSON_VALUE(@P, '$.isforeign') AS int), 0), 0);
              SELECT @Out = 'applied', @Id = CAST(SCOPE_IDENTITY() AS int);
            END
          END

          -- ------------------------------------------------ contact data
          ELSE IF @Out IS NULL AND @Kind = 'contact'
          BEGIN
            IF LEN(COALESCE(JSON_VALUE(@P, '$.email'), N'')) > 127 OR LEN(COALESCE(JSON_VALUE(@P, '$.phone'), N'')) > 50
               OR LEN(COALESCE(JSON_VALUE(@P, '$.room'), N'')) > 50
              SELECT @Out = 'rejected', @Reason = N'The e-mail address may have 127 characters, the phone and the room 50.';
            ELSE
            BEGIN
              UPDATE CDN.PracKod SET PRA_EPEmail = COALESCE(JSON_VALUE(@P, '$.email'), N''), PRA_EPTelefon = COALESCE(JSON_VALUE(@P, '$.phone'), N''),
                PRA_EPNrPokoju = COALESCE(JSON_VALUE(@P, '$.room'), N'')
              WHERE PRA_PraId = @PraId;
              SELECT @Out = 'applied', @Id = @PraId;
            END
          END
        END TRY
        BEGIN CATCH
          IF XACT_STATE() = 1
          BEGIN
            ROLLBACK TRANSACTION EditStart;
            SELECT @Out = 'rejected', @Id = NULL, @Reason = LEFT(N'The ERP refused the entry: ' + ERROR_MESSAGE(), 400);
          END
          ELSE
          BEGIN
            -- no savepoint left: the transaction is doomed (-1) or was ended by a trigger (0). A deadlock is
            -- not the edit's fault: the caller retries the whole batch. Otherwise start again without this edit.
            IF ERROR_NUMBER() = 1205 THROW;
            IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
            INSERT INTO @Refused (id, reason) VALUES (@EditId, LEFT(N'The ERP refused the entry: ' + ERROR_MESSAGE(), 400));
            SET @Retry = 1;
          END
        END CATCH;
        IF @Retry = 1 BREAK;
        IF @Out <> 'applied' SET @Id = NULL;
        INSERT INTO CDN.EPS_CloudEdit (CED_EditId, CED_Kind, CED_EntityId, CED_PraId, CED_Outcome, CED_ErpTable, CED_ErpId, CED_Reason, CED_Applied)
        VALUES (@EditId, COALESCE(@Kind, ''), COALESCE(@Entity, 0), COALESCE(@PraId, 0), @Out, @Table, @Id, @Reason, @Now);
      END
      INSERT INTO #results (EditId, Outcome, ErpTable, ErpId, Reason) VALUES (@EditId, @Out, @Table, @Id, @Reason);
      SET @EditId = (SELECT MIN(id) FROM #edits WHERE id > @EditId);
    END
    IF @Retry = 0 COMMIT TRANSACTION;
   END
    EXEC sp_set_session_context N'EPS_Origin', NULL;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    EXEC sp_set_session_context N'EPS_Origin', NULL;
    THROW;
  END CATCH;

  SELECT r.EditId, r.Outcome, r.ErpTable, r.ErpId, r.Reason,
    CASE WHEN r.Outcome <> 'applied' OR r.ErpId IS NULL THEN N'{}'
      WHEN r.ErpTable = 'PracNieobec' THEN (SELECT JSON_QUERY(COALESCE((SELECT x.* FROM CDN.PracNieobec AS x WHERE x.PNB_PnbId = r.ErpId
        FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')) AS pracnieobec FOR JSON PATH, WITHOUT_ARRAY_WRAPPER)
      WHEN r.ErpTable = 'PracPracaDni' THEN (SELECT
          JSON_QUERY(COALESCE((SELECT x.* FROM CDN.PracPracaDni AS x WHERE x.PPR_PprId = r.ErpId FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')) AS pracpracadni,
          JSON_QUERY(COALESCE((SELECT g.* FROM CDN.PracPracaDniGodz AS g WHERE g.PGR_PprId = r.ErpId ORDER BY g.PGR_PgrId FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')) AS pracpracadnigodz
        FOR JSON PATH, WITHOUT_ARRAY_WRAPPER)
      WHEN r.ErpTable = 'DlgNag' THEN (SELECT JSON_QUERY(COALESCE((SELECT x.* FROM CDN.DlgNag AS x WHERE x.DLN_DLNId = r.ErpId
        FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')) AS dlgnag FOR JSON PATH, WITHOUT_ARRAY_WRAPPER)
      -- every column but PRA_HasloDoWydrukow, which never leaves the firm
      WHEN r.ErpTable = 'PracKod' THEN (SELECT JSON_QUERY(COALESCE((SELECT x.PRA_PraId, x.PRA_Archiwalny, x.PRA_EPDostep, x.PRA_EPDostepOkresDo,
          x.PRA_EPDostepOkresOd, x.PRA_EPEmail, x.PRA_EPNrPokoju, x.PRA_EPTelefon, x.PRA_ImportAppId, x.PRA_ImportRowId, x.PRA_Kod,
          x.PRA_Nadrzedny, x.PRA_ParentId, x.PRA_TS_Export
        FROM CDN.PracKod AS x WHERE x.PRA_PraId = r.ErpId FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')) AS prackod FOR JSON PATH, WITHOUT_ARRAY_WRAPPER)
      ELSE N'{}' END AS RowsJson
  FROM #results AS r
  ORDER BY r.EditId;
END
