-- database: company
-- Applies a batch of cloud edits (what employees and managers entered in e-Pracownik) in the
-- caller's one transaction, under origin 'cloud' so the capture does not send them back.
-- EditsJson: [{"id", "kind": absence|work_time|trip|contact, "op": upsert|delete, "entity",
-- "praid", "payload"}]. One result row per edit: 'applied' (ErpTable, ErpId and the ERP rows
-- as they are now in RowsJson, {"<table in lower case>": [rows]}), 'rejected' (bad input, the
-- reason) or 'lost_conflict' (the ERP has data for the same employee and day: the ERP wins).
-- An edit already handled (CDN.EPS_CloudEdit) gets its earlier outcome and is not applied again.
-- Rows are written as the service operator of CDN.Firma 9104 ({"opeId", "opeKod",
-- "opeNazwisko", "staId"}, docs/firma-rows.md).
CREATE OR REPLACE FUNCTION CDN.EPS_ApplyCloudEdits(EditsJson text)
RETURNS TABLE (EditId bigint, Outcome varchar(13), ErpTable varchar(64), ErpId integer, Reason varchar(400), RowsJson text)
LANGUAGE plpgsql AS $$
DECLARE
  e record;
  p jsonb;
  x jsonb;
  svc jsonb;
  v_ope_id integer;
  v_ope_kod varchar(20);
  v_ope_nazwisko varchar(50);
  v_sta_id integer;
  v_now timestamp(3) := localtimestamp(3);
  v_out varchar(13);
  v_table varchar(64);
  v_id integer;
  v_reason varchar(400);
  v_prev integer;
  v_arch smallint;
  v_from date;
  v_to date;
  v_day date;
  v_full boolean;
  v_hours numeric;
  v_text text;
  v_text2 text;
  v_cur text;
  v_tnb integer;
  v_tyu integer;
  v_hit date;
  v_hit_id integer;
  v_name text;
  v_total interval;
  v_f time;
  v_t time;
  v_lp integer;
BEGIN
  PERFORM set_config('eps.origin', 'cloud', true);
  SELECT CASE WHEN Fir_Wartosc ~ '^\s*\{' THEN Fir_Wartosc::jsonb END INTO svc FROM CDN.Firma WHERE Fir_Numer = 9104;
  v_ope_id := (svc ->> 'opeId')::integer;
  v_ope_kod := left(coalesce(svc ->> 'opeKod', 'EPRACOWNIK'), 20);
  v_ope_nazwisko := left(coalesce(svc ->> 'opeNazwisko', 'e-Pracownik'), 50);
  v_sta_id := (svc ->> 'staId')::integer;

  FOR e IN SELECT * FROM jsonb_to_recordset(EditsJson::jsonb) AS j(id bigint, kind text, op text, entity bigint, praid integer, payload jsonb) ORDER BY j.id
  LOOP
    v_out := NULL; v_table := NULL; v_id := NULL; v_reason := NULL;
    SELECT c.CED_Outcome, c.CED_ErpTable, c.CED_ErpId, c.CED_Reason INTO v_out, v_table, v_id, v_reason
    FROM CDN.EPS_CloudEdit c WHERE c.CED_EditId = e.id;
    IF NOT FOUND THEN
      p := coalesce(e.payload, '{}'::jsonb);
      v_table := CASE e.kind WHEN 'absence' THEN 'PracNieobec' WHEN 'work_time' THEN 'PracPracaDni' WHEN 'trip' THEN 'DlgNag' WHEN 'contact' THEN 'PracKod' END;
      SELECT c.CED_ErpId INTO v_prev FROM CDN.EPS_CloudEdit c
      WHERE c.CED_Kind = e.kind AND c.CED_EntityId = e.entity AND c.CED_Outcome = 'applied' AND c.CED_ErpId IS NOT NULL
      ORDER BY c.CED_EditId DESC LIMIT 1;
      IF NOT FOUND THEN v_prev := NULL; END IF;
      BEGIN
        SELECT k.PRA_Archiwalny INTO v_arch FROM CDN.PracKod k WHERE k.PRA_PraId = e.praid;
        IF v_table IS NULL OR e.op NOT IN ('upsert', 'delete') THEN
          v_out := 'rejected'; v_reason := format('The ERP does not know the kind of entry %s/%s.', e.kind, e.op);
        ELSIF NOT FOUND THEN
          v_out := 'rejected'; v_reason := format('Employee %s does not exist in the ERP.', e.praid);
        ELSIF v_arch <> 0 THEN
          v_out := 'rejected'; v_reason := format('Employee %s is archived in the ERP.', e.praid);
        END IF;

        -- ------------------------------------------------ absence
        IF v_out IS NULL AND e.kind = 'absence' AND e.op = 'delete' THEN
          IF v_prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.PracNieobec n WHERE n.PNB_PnbId = v_prev) THEN
            DELETE FROM CDN.PracNieobec n WHERE n.PNB_PnbId = v_prev;
            v_id := v_prev;
          ELSE
            v_reason := 'The absence was not in the ERP: nothing to cancel.';
          END IF;
          v_out := 'applied';
        ELSIF v_out IS NULL AND e.kind = 'absence' THEN
          v_tnb := (p ->> 'tnbid')::integer;
          v_from := (p ->> 'datefrom')::date;
          v_to := (p ->> 'dateto')::date;
          v_full := coalesce((p ->> 'fullday')::integer, 1) = 1;
          v_hours := (p ->> 'hours')::numeric;
          v_text := coalesce(p ->> 'comment', '');
          SELECT t.TNB_TyuId INTO v_tyu FROM CDN.TypNieobec t WHERE t.TNB_TnbId = v_tnb;
          IF NOT FOUND THEN
            v_out := 'rejected'; v_reason := format('Absence type %s does not exist in the ERP.', coalesce(v_tnb::text, '(none)'));
          ELSIF v_from IS NULL OR v_to IS NULL OR v_from > v_to THEN
            v_out := 'rejected'; v_reason := format('The absence ends (%s) before it starts (%s).', v_to, v_from);
          ELSIF NOT v_full AND (v_hours IS NULL OR v_hours <= 0 OR v_hours > 24) THEN
            v_out := 'rejected'; v_reason := format('An absence of %s hours does not fit in a day (more than 0, at most 24).', coalesce(v_hours::text, '(none)'));
          ELSIF length(v_text) > 253 THEN
            v_out := 'rejected'; v_reason := 'The comment is longer than the 253 characters the ERP can store.';
          END IF;
          IF v_out IS NULL THEN
            SELECT greatest(n.PNB_OkresOd::date, v_from), n.PNB_PnbId, t.TNB_Nazwa INTO v_hit, v_hit_id, v_name
            FROM CDN.PracNieobec n LEFT JOIN CDN.TypNieobec t ON t.TNB_TnbId = n.PNB_TnbId
            WHERE n.PNB_PraId = e.praid AND n.PNB_OkresOd::date <= v_to AND n.PNB_OkresDo::date >= v_from
              AND coalesce(n.PNB_Tryb, 0) <> 1 AND n.PNB_PnbId IS DISTINCT FROM v_prev
            ORDER BY n.PNB_OkresOd LIMIT 1;
            IF FOUND THEN
              IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit c WHERE c.CED_ErpTable = 'PracNieobec' AND c.CED_ErpId = v_hit_id AND c.CED_Outcome = 'applied') THEN
                v_out := 'rejected'; v_reason := format('On %s you already have another absence from e-Pracownik.', v_hit);
              ELSE
                v_out := 'lost_conflict'; v_reason := format('On %s the ERP has an absence (%s); the ERP entry stands.', v_hit, coalesce(v_name, 'absence'));
              END IF;
            END IF;
          END IF;
          IF v_out IS NULL THEN
            SELECT w.PPR_Data::date, w.PPR_PprId INTO v_hit, v_hit_id FROM CDN.PracPracaDni w
            WHERE w.PPR_PraId = e.praid AND w.PPR_Data >= v_from AND w.PPR_Data < v_to + 1 ORDER BY w.PPR_Data LIMIT 1;
            IF FOUND THEN
              IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit c WHERE c.CED_ErpTable = 'PracPracaDni' AND c.CED_ErpId = v_hit_id AND c.CED_Outcome = 'applied') THEN
                v_out := 'rejected'; v_reason := format('On %s you recorded work time in e-Pracownik.', v_hit);
              ELSE
                v_out := 'lost_conflict'; v_reason := format('On %s the ERP has presence at work; the ERP entry stands.', v_hit);
              END IF;
            END IF;
          END IF;
          IF v_out IS NULL AND v_prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.PracNieobec n WHERE n.PNB_PnbId = v_prev) THEN
            UPDATE CDN.PracNieobec SET PNB_TnbId = v_tnb, PNB_TyuId = coalesce(v_tyu, 0), PNB_OkresOd = v_from, PNB_OkresDo = v_to,
              PNB_Calodzienna = CASE WHEN v_full THEN 1 ELSE 0 END,
              PNB_Godz = CASE WHEN v_full THEN NULL ELSE timestamp '1899-12-30' + v_hours * interval '1 hour' END,
              PNB_DniKalend = v_to - v_from + 1,
              PNB_DniPracy = (SELECT count(*) FROM generate_series(v_from, v_to, interval '1 day') d WHERE extract(isodow FROM d) < 6),
              PNB_Opis = v_text, PNB_TS_Mod = v_now, PNB_OpeModId = v_ope_id, PNB_OpeModKod = v_ope_kod,
              PNB_OpeModNazwisko = v_ope_nazwisko, PNB_StaModId = v_sta_id
            WHERE PNB_PnbId = v_prev;
            v_out := 'applied'; v_id := v_prev;
          ELSIF v_out IS NULL THEN
            INSERT INTO CDN.PracNieobec (PNB_Calodzienna, PNB_DniKalend, PNB_DniPracy, PNB_Dziecko, PNB_Godz, PNB_NaPodstPoprzNB,
              PNB_Numer, PNB_OkresDo, PNB_OkresOd, PNB_OpeModId, PNB_OpeModKod, PNB_OpeModNazwisko, PNB_OpeZalId, PNB_OpeZalKod,
              PNB_OpeZalNazwisko, PNB_Opis, PNB_PraId, PNB_PracaRodzic, PNB_Przyczyna, PNB_Rozliczona, PNB_Seria, PNB_StaModId,
              PNB_StaZalId, PNB_TnbId, PNB_Tryb, PNB_TS_Mod, PNB_TS_Zal, PNB_TyuId, PNB_UrlopNaZadanie, PNB_WymiarL, PNB_WymiarM,
              PNB_ZlecZasilekPIT, PNB_Zrodlo, PNB_ZwolFPFGSP)
            VALUES (CASE WHEN v_full THEN 1 ELSE 0 END, v_to - v_from + 1,
              (SELECT count(*) FROM generate_series(v_from, v_to, interval '1 day') d WHERE extract(isodow FROM d) < 6), '',
              CASE WHEN v_full THEN NULL ELSE timestamp '1899-12-30' + v_hours * interval '1 hour' END, 0,
              '', v_to, v_from, v_ope_id, v_ope_kod, v_ope_nazwisko, v_ope_id, v_ope_kod,
              v_ope_nazwisko, v_text, e.praid, 0, 0, 0, '', v_sta_id,
              v_sta_id, v_tnb, 0, v_now, v_now, coalesce(v_tyu, 0), 0, 1, 1,
              0, 0, 0)
            RETURNING PNB_PnbId INTO v_id;
            v_out := 'applied';
          END IF;

        -- ------------------------------------------------ actual work time of a day
        ELSIF v_out IS NULL AND e.kind = 'work_time' THEN
          v_day := (p ->> 'day')::date;
          v_total := interval '0';
          IF v_day IS NULL OR jsonb_typeof(p -> 'ranges') IS DISTINCT FROM 'array' OR jsonb_array_length(p -> 'ranges') = 0 THEN
            v_out := 'rejected'; v_reason := 'The work time has no day or no ranges of hours.';
          ELSE
            FOR x IN SELECT value FROM jsonb_array_elements(p -> 'ranges') LOOP
              IF jsonb_typeof(x) IS DISTINCT FROM 'object'
                 OR coalesce(x ->> 'from', '') !~ '^(([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00(:00)?)$'
                 OR coalesce(x ->> 'to', '') !~ '^(([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00(:00)?)$' THEN
                v_out := 'rejected'; v_reason := 'A range of the work time is not a range of hours (HH:MM).';
                EXIT;
              END IF;
              v_f := (x ->> 'from')::time;
              v_t := (x ->> 'to')::time;
              v_total := v_total + CASE WHEN v_t > v_f THEN v_t - v_f ELSE (v_t - v_f) + interval '24 hours' END;
              IF length(coalesce(x ->> 'note', '')) > 1024 THEN
                v_out := 'rejected'; v_reason := 'A note is longer than the 1024 characters the ERP can store.';
              END IF;
            END LOOP;
            IF v_out IS NULL AND v_total > interval '24 hours' THEN
              v_out := 'rejected'; v_reason := format('The work time of %s adds up to %s, more than 24 hours in a day.', v_day, v_total);
            END IF;
          END IF;
          IF v_out IS NULL THEN
            SELECT w.PPR_PprId INTO v_hit_id FROM CDN.PracPracaDni w WHERE w.PPR_PraId = e.praid AND w.PPR_Data = v_day;
            IF FOUND AND v_hit_id IS DISTINCT FROM v_prev THEN
              IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit c WHERE c.CED_ErpTable = 'PracPracaDni' AND c.CED_ErpId = v_hit_id AND c.CED_Outcome = 'applied') THEN
                v_out := 'rejected'; v_reason := format('The work time of %s was already entered in e-Pracownik.', v_day);
              ELSE
                v_out := 'lost_conflict'; v_reason := format('On %s the ERP has the work time recorded; the ERP entry stands.', v_day);
              END IF;
            ELSIF FOUND THEN
              v_id := v_hit_id;
            END IF;
          END IF;
          IF v_out IS NULL THEN
            SELECT n.PNB_PnbId, t.TNB_Nazwa INTO v_hit_id, v_name
            FROM CDN.PracNieobec n LEFT JOIN CDN.TypNieobec t ON t.TNB_TnbId = n.PNB_TnbId
            WHERE n.PNB_PraId = e.praid AND n.PNB_OkresOd::date <= v_day AND n.PNB_OkresDo::date >= v_day AND coalesce(n.PNB_Tryb, 0) <> 1
            ORDER BY n.PNB_OkresOd LIMIT 1;
            IF FOUND THEN
              IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit c WHERE c.CED_ErpTable = 'PracNieobec' AND c.CED_ErpId = v_hit_id AND c.CED_Outcome = 'applied') THEN
                v_out := 'rejected'; v_reason := format('On %s you have an absence from e-Pracownik.', v_day);
              ELSE
                v_out := 'lost_conflict'; v_reason := format('On %s the ERP has an absence (%s); the ERP entry stands.', v_day, coalesce(v_name, 'absence'));
              END IF;
            END IF;
          END IF;
          IF v_out IS NULL THEN
            IF v_id IS NULL THEN
              INSERT INTO CDN.PracPracaDni (PPR_Data, PPR_OpeModId, PPR_OpeModKod, PPR_OpeModNazwisko, PPR_OpeZalId, PPR_OpeZalKod,
                PPR_OpeZalNazwisko, PPR_PraId, PPR_StaModId, PPR_StaZalId, PPR_TS_Mod, PPR_TS_Zal, PPR_Zrodlo)
              VALUES (v_day, v_ope_id, v_ope_kod, v_ope_nazwisko, v_ope_id, v_ope_kod, v_ope_nazwisko, e.praid, v_sta_id, v_sta_id, v_now, v_now, 0)
              RETURNING PPR_PprId INTO v_id;
            ELSE
              DELETE FROM CDN.PracPracaDniGodz g WHERE g.PGR_PprId = v_id;
              UPDATE CDN.PracPracaDni SET PPR_TS_Mod = v_now, PPR_OpeModId = v_ope_id, PPR_OpeModKod = v_ope_kod,
                PPR_OpeModNazwisko = v_ope_nazwisko, PPR_StaModId = v_sta_id
              WHERE PPR_PprId = v_id;
            END IF;
            v_lp := 0;
            FOR x IN SELECT value FROM jsonb_array_elements(p -> 'ranges') LOOP
              v_lp := v_lp + 1;
              INSERT INTO CDN.PracPracaDniGodz (PGR_DoGodziny, PGR_DzlId, PGR_Lp, PGR_OdGodziny, PGR_OdbNadg, PGR_PprId, PGR_PrjId, PGR_Strefa, PGR_Uwagi)
              VALUES (timestamp '1899-12-30' + (x ->> 'to')::time, coalesce((x ->> 'dzl')::integer, 0), v_lp,
                timestamp '1899-12-30' + (x ->> 'from')::time, 0, v_id, coalesce((x ->> 'prj')::integer, 0),
                coalesce((x ->> 'zone')::integer, 1), coalesce(x ->> 'note', ''));
            END LOOP;
            v_out := 'applied';
          END IF;

        -- ------------------------------------------------ business trip
        ELSIF v_out IS NULL AND e.kind = 'trip' THEN
          v_from := (p ->> 'datefrom')::date;
          v_to := (p ->> 'dateto')::date;
          v_text := coalesce(p ->> 'destination', '');
          v_text2 := coalesce(p ->> 'purpose', '');
          v_cur := coalesce(p ->> 'currency', 'PLN');
          IF v_from IS NULL OR v_to IS NULL OR v_from > v_to THEN
            v_out := 'rejected'; v_reason := format('The trip ends (%s) before it starts (%s).', v_to, v_from);
          ELSIF length(v_text) > 255 OR length(v_text2) > 255 THEN
            v_out := 'rejected'; v_reason := 'The destination or the purpose is longer than the 255 characters the ERP can store.';
          ELSIF length(v_cur) > 3 THEN
            v_out := 'rejected'; v_reason := format('The currency "%s" is longer than 3 characters.', v_cur);
          ELSE
            BEGIN
              PERFORM convert_to(v_cur, 'WIN1250');
            EXCEPTION WHEN untranslatable_character THEN
              v_out := 'rejected'; v_reason := format('The currency "%s" has characters the ERP cannot store in its code page (Windows-1250).', v_cur);
            END;
          END IF;
          IF v_out IS NULL THEN
            SELECT greatest(d.DLN_DataOd::date, v_from), d.DLN_DLNId INTO v_hit, v_hit_id FROM CDN.DlgNag d
            WHERE d.DLN_PodmiotTyp = 3 AND d.DLN_PodmiotId = e.praid AND d.DLN_DataOd::date <= v_to AND d.DLN_DataDo::date >= v_from
              AND d.DLN_DLNId IS DISTINCT FROM v_prev
            ORDER BY d.DLN_DataOd LIMIT 1;
            IF FOUND THEN
              IF EXISTS (SELECT 1 FROM CDN.EPS_CloudEdit c WHERE c.CED_ErpTable = 'DlgNag' AND c.CED_ErpId = v_hit_id AND c.CED_Outcome = 'applied') THEN
                v_out := 'rejected'; v_reason := format('On %s you already have another business trip from e-Pracownik.', v_hit);
              ELSE
                v_out := 'lost_conflict'; v_reason := format('On %s the ERP has a business trip; the ERP entry stands.', v_hit);
              END IF;
            END IF;
          END IF;
          IF v_out IS NULL AND v_prev IS NOT NULL AND EXISTS (SELECT 1 FROM CDN.DlgNag d WHERE d.DLN_DLNId = v_prev) THEN
            UPDATE CDN.DlgNag SET DLN_DataOd = v_from, DLN_DataDo = v_to, DLN_MiejsceDocelowe = v_text, DLN_Opis = v_text2,
              DLN_Waluta = v_cur, DLN_Zagraniczna = coalesce((p ->> 'isforeign')::integer, 0), DLN_TS_Mod = v_now,
              DLN_OpeModID = v_ope_id, DLN_OpeModKod = v_ope_kod, DLN_OpeModNazwisko = v_ope_nazwisko, DLN_StaModId = v_sta_id
            WHERE DLN_DLNId = v_prev;
            v_out := 'applied'; v_id := v_prev;
          ELSIF v_out IS NULL THEN
            INSERT INTO CDN.DlgNag (DLN_DataDo, DLN_DataDok, DLN_DataOd, DLN_DataRozliczenia, DLN_KursL, DLN_KursM, DLN_KursNumer,
              DLN_KwotaSys, DLN_KwotaWal, DLN_MiejsceDocelowe, DLN_NumerNr, DLN_NumerString, DLN_OpeModID, DLN_OpeModKod,
              DLN_OpeModNazwisko, DLN_OpeZalID, DLN_OpeZalKod, DLN_OpeZalNazwisko, DLN_Opis, DLN_PodmiotId, DLN_PodmiotTyp,
              DLN_StaModId, DLN_StaZalId, DLN_Status, DLN_TS_Mod, DLN_TS_Zal, DLN_Waluta, DLN_WyjazdZMZ, DLN_WymagaPrzeliczenia,
              DLN_Zagraniczna, DLN_Zrodlo)
            VALUES (v_to, coalesce((p ->> 'docdate')::date, v_now::date), v_from, timestamp '1899-12-30', 1, 1, 0,
              0, 0, v_text, (p ->> 'nr')::integer, 'E-DEL/' || (p ->> 'year') || '/@numer', v_ope_id, v_ope_kod,
              v_ope_nazwisko, v_ope_id, v_ope_kod, v_ope_nazwisko, v_text2, e.praid, 3,
              v_sta_id, v_sta_id, 0, v_now, v_now, v_cur, 0, 0,
              coalesce((p ->> 'isforeign')::integer, 0), 0)
            RETURNING DLN_DLNId INTO v_id;
            v_out := 'applied';
          END IF;

        -- ------------------------------------------------ contact data
        ELSIF v_out IS NULL AND e.kind = 'contact' THEN
          IF length(coalesce(p ->> 'email', '')) > 127 OR length(coalesce(p ->> 'phone', '')) > 50 OR length(coalesce(p ->> 'room', '')) > 50 THEN
            v_out := 'rejected'; v_reason := 'The e-mail address may have 127 characters, the phone and the room 50.';
          ELSE
            UPDATE CDN.PracKod SET PRA_EPEmail = coalesce(p ->> 'email', ''), PRA_EPTelefon = coalesce(p ->> 'phone', ''),
              PRA_EPNrPokoju = coalesce(p ->> 'room', '')
            WHERE PRA_PraId = e.praid;
            v_out := 'applied'; v_id := e.praid;
          END IF;
        END IF;
      EXCEPTION
        -- transient: the whole batch fails and is pulled again, as the T-SQL twin rethrows a deadlock
        WHEN deadlock_detected OR serialization_failure OR lock_not_available OR query_canceled THEN RAISE;
        WHEN OTHERS THEN
        v_out := 'rejected'; v_id := NULL;
        v_reason := left(format('The ERP refused the entry: %s', SQLERRM), 400);
      END;
      IF v_out <> 'applied' THEN v_id := NULL; END IF;
      INSERT INTO CDN.EPS_CloudEdit (CED_EditId, CED_Kind, CED_EntityId, CED_PraId, CED_Outcome, CED_ErpTable, CED_ErpId, CED_Reason, CED_Applied)
      VALUES (e.id, left(coalesce(e.kind, ''), 10), coalesce(e.entity, 0), coalesce(e.praid, 0), v_out, v_table, v_id, left(v_reason, 400), v_now);
    END IF;
    RETURN QUERY SELECT e.id, v_out, v_table, v_id, v_reason,
      CASE WHEN v_out <> 'applied' OR v_id IS NULL THEN '{}'
        WHEN v_table = 'PracNieobec' THEN json_build_object('pracnieobec', (SELECT coalesce(json_agg(r), '[]') FROM CDN.PracNieobec r WHERE r.PNB_PnbId = v_id))::text
        WHEN v_table = 'PracPracaDni' THEN json_build_object(
          'pracpracadni', (SELECT coalesce(json_agg(r), '[]') FROM CDN.PracPracaDni r WHERE r.PPR_PprId = v_id),
          'pracpracadnigodz', (SELECT coalesce(json_agg(r ORDER BY r.PGR_PgrId), '[]') FROM CDN.PracPracaDniGodz r WHERE r.PGR_PprId = v_id))::text
        WHEN v_table = 'DlgNag' THEN json_build_object('dlgnag', (SELECT coalesce(json_agg(r), '[]') FROM CDN.DlgNag r WHERE r.DLN_DLNId = v_id))::text
        WHEN v_table = 'PracKod' THEN json_build_object('prackod', (SELECT coalesce(json_agg(to_jsonb(r) - 'pra_haslodowydrukow'), '[]') FROM CDN.PracKod r WHERE r.PRA_PraId = v_id))::text
        ELSE '{}' END;
  END LOOP;
END
$$;
