-- Up Migration
-- What employees and managers enter in e-Pracownik, on its way into the ERP.
-- The portal calls the functions below; each checks its input and raises our own codes:
--   EPC30 employee unknown or archived    EPC31 absence type unknown     EPC32 reversed dates
--   EPC33 hours out of range              EPC34 overlaps own entries     EPC35 not allowed (not the
--   employee or their manager)            EPC36 request not in a state that allows this
--   EPC37 read-only structure             EPC38 invalid contact data     EPC39 text the ERP cannot store
-- An accepted entry becomes a row of eps.cloud_edits ('pending'); the runner pulls pending
-- edits during the differential sync ('sent'), applies them in the ERP and reports the outcome:
-- 'applied' (ERP id in eps.id_map), 'rejected' (reason) or 'lost_conflict' (eps.conflicts).

CREATE TABLE eps.cloud_edits (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  kind text NOT NULL CHECK (kind IN ('absence', 'work_time', 'trip', 'contact')),
  op text NOT NULL DEFAULT 'upsert' CHECK (op IN ('upsert', 'delete')),
  -- the cloud entity the edit changes: an absence request, a work-time day, a trip; for contact data the employee
  entity_id bigint NOT NULL,
  pra_id integer NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'applied', 'rejected', 'lost_conflict')),
  pull_id uuid,
  sent_at timestamptz,
  erp_table text,
  erp_id integer,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX cloud_edits_waiting ON eps.cloud_edits (tenant_id, id) WHERE status IN ('pending', 'sent');
CREATE INDEX cloud_edits_entity ON eps.cloud_edits (tenant_id, kind, entity_id);

-- Which ERP row a cloud entity became.
CREATE TABLE eps.id_map (
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  kind text NOT NULL,
  entity_id bigint NOT NULL,
  erp_table text NOT NULL,
  erp_id integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, entity_id)
);

-- Cloud entries that did not make it into the ERP: lost to ERP data for the same day
-- ('lost_conflict') or refused as bad input ('rejected'): who, what, which day, why.
CREATE TABLE eps.conflicts (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  edit_id bigint NOT NULL UNIQUE REFERENCES eps.cloud_edits(id),
  pra_id integer NOT NULL,
  kind text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('lost_conflict', 'rejected')),
  day_from date,
  day_to date,
  entry jsonb NOT NULL,
  reason text NOT NULL,
  notification uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE eps.absence_requests (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  pra_id integer NOT NULL,
  tnb_id integer NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  full_day boolean NOT NULL,
  hours numeric(5,2),
  comment text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'cancelled')),
  decided_by integer,
  decided_at timestamptz,
  decision_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE eps.work_time (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  pra_id integer NOT NULL,
  day date NOT NULL,
  ranges jsonb NOT NULL,
  recorded_by integer NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, pra_id, day)
);

CREATE TABLE eps.trips (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  pra_id integer NOT NULL,
  year integer NOT NULL,
  nr integer NOT NULL,
  number text GENERATED ALWAYS AS ('E-DEL/' || year || '/' || nr) STORED,
  date_from date NOT NULL,
  date_to date NOT NULL,
  destination text NOT NULL,
  purpose text NOT NULL,
  currency text NOT NULL,
  is_foreign boolean NOT NULL,
  doc_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, year, nr)
);
-- The last trip number given per tenant and year; the row is locked while a number is taken.
CREATE TABLE eps.trip_counters (
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  year integer NOT NULL,
  last_nr integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

-- ---------------------------------------------------------------- checks shared by the functions

CREATE FUNCTION eps.check_employee(p_tenant integer, p_pra integer) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM hr.prackod WHERE tenant_id = p_tenant AND pra_praid = p_pra AND pra_archiwalny = 0) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC30', MESSAGE = format('Employee %s is not an active employee of this firm.', p_pra),
      HINT = 'Archived employees cannot enter data; ask the HR department.';
  END IF;
END
$$;

-- Text for a varchar column of the ERP must fit its code page (Polish_CI_AS: Windows-1250).
CREATE FUNCTION eps.check_text(p_what text, p_value text, p_max integer, p_varchar boolean) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF length(coalesce(p_value, '')) > p_max THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC39', MESSAGE = format('%s is longer than the %s characters the ERP can store.', p_what, p_max);
  END IF;
  IF p_varchar THEN
    BEGIN
      PERFORM convert_to(coalesce(p_value, ''), 'WIN1250');
    EXCEPTION WHEN untranslatable_character THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC39', MESSAGE = format('%s contains characters the ERP cannot store (only Polish and Western European letters).', p_what);
    END;
  END IF;
END
$$;

-- The employee's managers: the managers of their centre (current employment record), or of the
-- nearest centre above it that has one other than the employee.
CREATE FUNCTION eps.managers_of(p_tenant integer, p_pra integer) RETURNS SETOF integer
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up AS (
    SELECT e.pre_cntid AS cnt, 0 AS depth
    FROM hr.pracetaty e
    WHERE e.tenant_id = p_tenant AND e.pre_praid = p_pra AND e.pre_dataod <= current_date
      AND (e.pre_datado IS NULL OR e.pre_datado >= current_date) AND e.pre_cntid IS NOT NULL
    UNION ALL
    SELECT c.cnt_parentid, up.depth + 1 FROM up JOIN hr.centra c ON c.tenant_id = p_tenant AND c.cnt_cntid = up.cnt
    WHERE c.cnt_parentid IS NOT NULL AND up.depth < 50
  ), m AS (
    SELECT k.cnk_praid, up.depth FROM up JOIN hr.centrakierownicy k ON k.tenant_id = p_tenant AND k.cnk_cntid = up.cnt
    WHERE k.cnk_rodzaj = 0 AND k.cnk_praid <> p_pra
      AND (k.cnk_okresod IS NULL OR k.cnk_okresod <= current_date) AND (k.cnk_okresdo IS NULL OR k.cnk_okresdo >= current_date)
  )
  SELECT DISTINCT cnk_praid FROM m WHERE depth = (SELECT min(depth) FROM m)
$$;

CREATE FUNCTION eps.check_absence(p_tenant integer, p_pra integer, p_tnb integer, p_from date, p_to date,
  p_full_day boolean, p_hours numeric, p_comment text, p_request bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM eps.check_employee(p_tenant, p_pra);
  IF NOT EXISTS (SELECT 1 FROM hr.typnieobec WHERE tenant_id = p_tenant AND tnb_tnbid = p_tnb AND tnb_nieaktywny = 0) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC31', MESSAGE = format('Absence type %s does not exist in this firm.', p_tnb);
  END IF;
  IF p_from IS NULL OR p_to IS NULL OR p_from > p_to THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC32', MESSAGE = format('The absence ends (%s) before it starts (%s).', p_to, p_from);
  END IF;
  IF NOT p_full_day AND (p_hours IS NULL OR p_hours <= 0 OR p_hours > 24 OR p_from <> p_to) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC33', MESSAGE = 'An absence of some hours is for one day and lasts more than 0 and at most 24 hours.';
  END IF;
  PERFORM eps.check_text('The comment', p_comment, 253, false);
  IF EXISTS (SELECT 1 FROM eps.absence_requests r
             WHERE r.tenant_id = p_tenant AND r.pra_id = p_pra AND r.id IS DISTINCT FROM p_request
               AND r.status IN ('submitted', 'approved') AND r.date_from <= p_to AND r.date_to >= p_from
               AND NOT EXISTS (SELECT 1 FROM eps.cloud_edits e WHERE e.tenant_id = p_tenant AND e.kind = 'absence' AND e.entity_id = r.id
                                 AND e.status IN ('rejected', 'lost_conflict')
                                 AND e.id = (SELECT max(x.id) FROM eps.cloud_edits x WHERE x.tenant_id = p_tenant AND x.kind = 'absence' AND x.entity_id = r.id))) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC34', MESSAGE = format('You already have an absence request between %s and %s.', p_from, p_to);
  END IF;
END
$$;

CREATE FUNCTION eps.absence_payload(r eps.absence_requests) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('tnbid', r.tnb_id, 'datefrom', r.date_from, 'dateto', r.date_to,
    'fullday', CASE WHEN r.full_day THEN 1 ELSE 0 END, 'hours', r.hours, 'comment', r.comment)
$$;

-- ---------------------------------------------------------------- absence requests

CREATE FUNCTION eps.submit_absence(p_tenant integer, p_pra_id integer, p_tnb_id integer, p_from date, p_to date,
  p_full_day boolean DEFAULT true, p_hours numeric DEFAULT NULL, p_comment text DEFAULT '') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM eps.check_absence(p_tenant, p_pra_id, p_tnb_id, p_from, p_to, p_full_day, p_hours, p_comment, NULL);
  INSERT INTO eps.absence_requests (tenant_id, pra_id, tnb_id, date_from, date_to, full_day, hours, comment, status)
  VALUES (p_tenant, p_pra_id, p_tnb_id, p_from, p_to, p_full_day, CASE WHEN p_full_day THEN NULL ELSE p_hours END, coalesce(p_comment, ''), 'submitted')
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- The employee changes their request; a decided request goes back to their manager.
CREATE FUNCTION eps.change_absence(p_tenant integer, p_request bigint, p_pra_id integer, p_tnb_id integer, p_from date, p_to date,
  p_full_day boolean DEFAULT true, p_hours numeric DEFAULT NULL, p_comment text DEFAULT '') RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r eps.absence_requests%ROWTYPE;
BEGIN
  SELECT * INTO r FROM eps.absence_requests WHERE tenant_id = p_tenant AND id = p_request FOR UPDATE;
  IF NOT FOUND OR r.pra_id <> p_pra_id THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC35', MESSAGE = format('Absence request %s is not yours.', p_request);
  END IF;
  IF r.status NOT IN ('submitted', 'approved') THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC36', MESSAGE = format('Absence request %s is %s and can no longer be changed.', p_request, r.status);
  END IF;
  PERFORM eps.check_absence(p_tenant, p_pra_id, p_tnb_id, p_from, p_to, p_full_day, p_hours, p_comment, p_request);
  UPDATE eps.absence_requests SET tnb_id = p_tnb_id, date_from = p_from, date_to = p_to, full_day = p_full_day,
    hours = CASE WHEN p_full_day THEN NULL ELSE p_hours END, comment = coalesce(p_comment, ''), status = 'submitted',
    decided_by = NULL, decided_at = NULL, updated_at = now()
  WHERE id = p_request;
END
$$;

-- The manager approves or rejects; an approved request goes into the ERP at the next sync.
CREATE FUNCTION eps.decide_absence(p_tenant integer, p_request bigint, p_manager_pra_id integer, p_approve boolean, p_comment text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r eps.absence_requests%ROWTYPE;
BEGIN
  SELECT * INTO r FROM eps.absence_requests WHERE tenant_id = p_tenant AND id = p_request FOR UPDATE;
  IF NOT FOUND OR p_manager_pra_id NOT IN (SELECT eps.managers_of(p_tenant, r.pra_id)) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC35', MESSAGE = format('Only the employee''s manager can decide on absence request %s.', p_request),
      HINT = 'The manager comes from the subordination structure (centres and their managers) kept in the ERP.';
  END IF;
  IF r.status <> 'submitted' THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC36', MESSAGE = format('Absence request %s is %s, not waiting for a decision.', p_request, r.status);
  END IF;
  UPDATE eps.absence_requests SET status = CASE WHEN p_approve THEN 'approved' ELSE 'rejected' END,
    decided_by = p_manager_pra_id, decided_at = now(), decision_comment = p_comment, updated_at = now()
  WHERE id = p_request
  RETURNING * INTO r;
  IF p_approve THEN
    INSERT INTO eps.cloud_edits (tenant_id, kind, op, entity_id, pra_id, payload)
    VALUES (p_tenant, 'absence', 'upsert', r.id, r.pra_id, eps.absence_payload(r));
  END IF;
END
$$;

-- The employee withdraws the request; if it was approved, its absence leaves the ERP too.
CREATE FUNCTION eps.cancel_absence(p_tenant integer, p_request bigint, p_pra_id integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r eps.absence_requests%ROWTYPE;
BEGIN
  SELECT * INTO r FROM eps.absence_requests WHERE tenant_id = p_tenant AND id = p_request FOR UPDATE;
  IF NOT FOUND OR r.pra_id <> p_pra_id THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC35', MESSAGE = format('Absence request %s is not yours.', p_request);
  END IF;
  IF r.status NOT IN ('submitted', 'approved') THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC36', MESSAGE = format('Absence request %s is already %s.', p_request, r.status);
  END IF;
  UPDATE eps.absence_requests SET status = 'cancelled', updated_at = now() WHERE id = p_request;
  IF EXISTS (SELECT 1 FROM eps.cloud_edits WHERE tenant_id = p_tenant AND kind = 'absence' AND entity_id = p_request) THEN
    INSERT INTO eps.cloud_edits (tenant_id, kind, op, entity_id, pra_id, payload)
    VALUES (p_tenant, 'absence', 'delete', r.id, r.pra_id, eps.absence_payload(r));
  END IF;
END
$$;

-- ---------------------------------------------------------------- actual work time

-- p_ranges: [{"from": "08:00", "to": "16:00", "zone": 1, "dzl": 3, "prj": 0, "note": ""}, ...];
-- from > to ends the next day, from = to lasts 24 h. Recorded by the employee or their manager.
CREATE FUNCTION eps.record_work_time(p_tenant integer, p_pra_id integer, p_day date, p_ranges jsonb, p_by_pra_id integer)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_total interval := interval '0';
  x jsonb;
  f time;
  t time;
  v_id bigint;
  v_ranges jsonb := '[]'::jsonb;
  v_dzl integer;
BEGIN
  PERFORM eps.check_employee(p_tenant, p_pra_id);
  IF p_by_pra_id <> p_pra_id AND p_by_pra_id NOT IN (SELECT eps.managers_of(p_tenant, p_pra_id)) THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC35', MESSAGE = 'Work time is recorded by the employee or their manager.';
  END IF;
  IF jsonb_typeof(p_ranges) <> 'array' OR jsonb_array_length(p_ranges) = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC33', MESSAGE = 'Give at least one range of hours.';
  END IF;
  SELECT pre_dzlid INTO v_dzl FROM hr.pracetaty WHERE tenant_id = p_tenant AND pre_praid = p_pra_id
  ORDER BY pre_dataod DESC LIMIT 1;
  FOR x IN SELECT value FROM jsonb_array_elements(p_ranges) LOOP
    BEGIN
      f := (x ->> 'from')::time;
      t := (x ->> 'to')::time;
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC33', MESSAGE = format('%s is not a range of hours (HH:MM).', x);
    END;
    IF f IS NULL OR t IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC33', MESSAGE = format('%s is not a range of hours (HH:MM).', x);
    END IF;
    v_total := v_total + CASE WHEN t > f THEN t - f ELSE (t - f) + interval '24 hours' END;
    PERFORM eps.check_text('The note', x ->> 'note', 1024, false);
    v_ranges := v_ranges || jsonb_build_object('from', to_char(f, 'HH24:MI'), 'to', to_char(t, 'HH24:MI'),
      'zone', coalesce((x ->> 'zone')::integer, 1), 'dzl', coalesce((x ->> 'dzl')::integer, v_dzl, 0),
      'prj', coalesce((x ->> 'prj')::integer, 0), 'note', coalesce(x ->> 'note', ''));
  END LOOP;
  IF v_total > interval '24 hours' THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC33', MESSAGE = format('The ranges add up to %s, more than 24 hours in a day.', v_total);
  END IF;
  INSERT INTO eps.work_time (tenant_id, pra_id, day, ranges, recorded_by) VALUES (p_tenant, p_pra_id, p_day, v_ranges, p_by_pra_id)
  ON CONFLICT (tenant_id, pra_id, day) DO UPDATE SET ranges = excluded.ranges, recorded_by = excluded.recorded_by, recorded_at = now()
  RETURNING id INTO v_id;
  INSERT INTO eps.cloud_edits (tenant_id, kind, op, entity_id, pra_id, payload)
  VALUES (p_tenant, 'work_time', 'upsert', v_id, p_pra_id, jsonb_build_object('day', p_day, 'ranges', v_ranges));
  RETURN v_id;
END
$$;

-- ---------------------------------------------------------------- business trips

-- Numbers E-DEL/<year>/<n> per tenant without gaps: the counter row stays locked until the
-- transaction ends, so concurrent submissions queue, and a rolled back one gives its number back.
CREATE FUNCTION eps.submit_trip(p_tenant integer, p_pra_id integer, p_from date, p_to date, p_destination text, p_purpose text,
  p_currency text DEFAULT 'PLN', p_foreign boolean DEFAULT false, p_doc_date date DEFAULT current_date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_year integer := extract(year FROM p_doc_date)::integer;
  v_nr integer;
  tr eps.trips%ROWTYPE;
BEGIN
  PERFORM eps.check_employee(p_tenant, p_pra_id);
  IF p_from IS NULL OR p_to IS NULL OR p_from > p_to THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC32', MESSAGE = format('The trip ends (%s) before it starts (%s).', p_to, p_from);
  END IF;
  PERFORM eps.check_text('The destination', p_destination, 255, false);
  PERFORM eps.check_text('The purpose', p_purpose, 255, false);
  PERFORM eps.check_text('The currency', p_currency, 3, true);
  INSERT INTO eps.trip_counters AS c (tenant_id, year, last_nr) VALUES (p_tenant, v_year, 1)
  ON CONFLICT (tenant_id, year) DO UPDATE SET last_nr = c.last_nr + 1
  RETURNING last_nr INTO v_nr;
  INSERT INTO eps.trips (tenant_id, pra_id, year, nr, date_from, date_to, destination, purpose, currency, is_foreign, doc_date)
  VALUES (p_tenant, p_pra_id, v_year, v_nr, p_from, p_to, coalesce(p_destination, ''), coalesce(p_purpose, ''), upper(p_currency), p_foreign, p_doc_date)
  RETURNING * INTO tr;
  INSERT INTO eps.cloud_edits (tenant_id, kind, op, entity_id, pra_id, payload)
  VALUES (p_tenant, 'trip', 'upsert', tr.id, p_pra_id, jsonb_build_object('year', tr.year, 'nr', tr.nr, 'datefrom', tr.date_from,
    'dateto', tr.date_to, 'docdate', tr.doc_date, 'destination', tr.destination, 'purpose', tr.purpose, 'currency', tr.currency,
    'isforeign', CASE WHEN tr.is_foreign THEN 1 ELSE 0 END));
  RETURN tr.number;
END
$$;

-- ---------------------------------------------------------------- contact data

CREATE FUNCTION eps.set_contact(p_tenant integer, p_pra_id integer, p_email text, p_phone text, p_room text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM eps.check_employee(p_tenant, p_pra_id);
  IF coalesce(p_email, '') <> '' AND p_email !~ '^[^@\s<>",]+@[^@\s<>",]+\.[^@\s<>",]+$' THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC38', MESSAGE = format('"%s" is not an e-mail address.', p_email);
  END IF;
  IF length(coalesce(p_email, '')) > 127 OR length(coalesce(p_phone, '')) > 50 OR length(coalesce(p_room, '')) > 50 THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC38', MESSAGE = 'The e-mail address may have 127 characters, the phone and the room 50.';
  END IF;
  INSERT INTO eps.cloud_edits (tenant_id, kind, op, entity_id, pra_id, payload)
  VALUES (p_tenant, 'contact', 'upsert', p_pra_id, p_pra_id,
    jsonb_build_object('email', coalesce(p_email, ''), 'phone', coalesce(p_phone, ''), 'room', coalesce(p_room, '')))
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- ---------------------------------------------------------------- the runner's side

-- Takes the waiting edits: those sent before and never acknowledged first (the ERP recognises
-- them), then pending ones, oldest first.
CREATE FUNCTION eps.pull_edits(p_tenant integer, p_pull uuid, p_max integer)
RETURNS TABLE (id bigint, kind text, op text, entity_id bigint, pra_id integer, payload jsonb)
LANGUAGE sql AS $$
  WITH w AS (
    SELECT e.id FROM eps.cloud_edits e
    WHERE e.tenant_id = p_tenant AND e.status IN ('pending', 'sent')
    ORDER BY e.id LIMIT p_max FOR UPDATE
  ), u AS (
    UPDATE eps.cloud_edits e SET status = 'sent', pull_id = p_pull, sent_at = now()
    FROM w WHERE e.id = w.id
    RETURNING e.id, e.kind, e.op, e.entity_id, e.pra_id, e.payload
  )
  SELECT * FROM u ORDER BY id
$$;

-- The ERP's outcomes of pulled edits, one transaction. p_outcomes: [{"editId", "outcome",
-- "erpTable", "erpId", "reason", "rows": {"<cloud table>": [ERP rows]}}]. An applied edit's ERP
-- rows go into the HR copy here, since the capture does not send back what the cloud itself
-- caused. Reporting an edit twice changes nothing.
CREATE FUNCTION eps.report_edits(p_tenant integer, p_outcomes jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  o record;
  e eps.cloud_edits%ROWTYPE;
  tbl record;
  n integer := 0;
  v_email text;
  v_mid uuid;
BEGIN
  FOR o IN SELECT * FROM jsonb_to_recordset(p_outcomes) AS x("editId" bigint, outcome text, "erpTable" text, "erpId" integer, reason text, rows jsonb)
  LOOP
    SELECT * INTO e FROM eps.cloud_edits c WHERE c.id = o."editId" AND c.tenant_id = p_tenant FOR UPDATE;
    IF NOT FOUND OR e.status IN ('applied', 'rejected', 'lost_conflict') THEN CONTINUE; END IF;
    IF o.outcome NOT IN ('applied', 'rejected', 'lost_conflict') THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC36', MESSAGE = format('Outcome %s of cloud edit %s is unknown.', o.outcome, o."editId");
    END IF;
    UPDATE eps.cloud_edits SET status = o.outcome, erp_table = o."erpTable", erp_id = o."erpId", reason = o.reason, done_at = now()
    WHERE id = e.id;
    n := n + 1;
    IF o.outcome = 'applied' THEN
      IF e.op = 'delete' THEN
        DELETE FROM eps.id_map WHERE tenant_id = p_tenant AND kind = e.kind AND entity_id = e.entity_id;
      ELSIF o."erpId" IS NOT NULL THEN
        INSERT INTO eps.id_map (tenant_id, kind, entity_id, erp_table, erp_id) VALUES (p_tenant, e.kind, e.entity_id, o."erpTable", o."erpId")
        ON CONFLICT (tenant_id, kind, entity_id) DO UPDATE SET erp_table = excluded.erp_table, erp_id = excluded.erp_id, updated_at = now();
      END IF;
      -- the ERP rows as they are now, into the HR copy (children of a work-time day replaced)
      IF o."erpTable" = 'PracPracaDni' AND o."erpId" IS NOT NULL THEN
        DELETE FROM hr.pracpracadnigodz g WHERE g.tenant_id = p_tenant AND g.pgr_pprid = o."erpId"
          AND g.pgr_pgrid NOT IN (SELECT (r ->> 'pgr_pgrid')::integer FROM jsonb_array_elements(coalesce(o.rows -> 'pracpracadnigodz', '[]')) r);
      END IF;
      IF e.op = 'delete' AND o."erpId" IS NOT NULL THEN
        FOR tbl IN SELECT t.cloud_table, t.cloud_key FROM eps.tracked_tables t WHERE t.name = o."erpTable" LOOP
          EXECUTE format('DELETE FROM hr.%I WHERE tenant_id = $1 AND %I = $2', tbl.cloud_table, tbl.cloud_key) USING p_tenant, o."erpId";
        END LOOP;
      END IF;
      FOR tbl IN SELECT t.cloud_table, r.value AS data FROM jsonb_each(coalesce(o.rows, '{}')) r
                 JOIN eps.tracked_tables t ON t.cloud_table = lower(r.key)
                 WHERE jsonb_array_length(r.value) > 0 ORDER BY t.ord LOOP
        EXECUTE format('SELECT hr.%I($1, $2)', 'upsert_' || tbl.cloud_table) USING p_tenant, tbl.data;
      END LOOP;
    ELSE
      INSERT INTO eps.conflicts (tenant_id, edit_id, pra_id, kind, outcome, day_from, day_to, entry, reason)
      VALUES (p_tenant, e.id, e.pra_id, e.kind, o.outcome,
        coalesce(e.payload ->> 'datefrom', e.payload ->> 'day')::date, coalesce(e.payload ->> 'dateto', e.payload ->> 'day')::date,
        e.payload, coalesce(o.reason, 'The ERP has data for the same day.'))
      ON CONFLICT (edit_id) DO NOTHING;
      -- The employee is told by mail when the notifications migration is installed.
      v_email := NULL;
      IF o.outcome = 'lost_conflict' THEN
        SELECT nullif(pra_epemail, '') INTO v_email FROM hr.prackod WHERE tenant_id = p_tenant AND pra_praid = e.pra_id;
      END IF;
      IF v_email IS NOT NULL AND to_regprocedure('eps.notify(integer,text,text,text,jsonb)') IS NOT NULL THEN
        EXECUTE 'SELECT eps.notify($1, ''conflict_lost'', $2, '''', $3)' INTO v_mid
        USING p_tenant, v_email, jsonb_build_object('entry', CASE e.kind WHEN 'absence' THEN 'nieobecność' WHEN 'work_time' THEN 'czas pracy'
                 WHEN 'trip' THEN 'delegacja' ELSE 'dane kontaktowe' END,
               'date_from', coalesce(e.payload ->> 'datefrom', e.payload ->> 'day'), 'date_to', coalesce(e.payload ->> 'dateto', e.payload ->> 'day'));
        UPDATE eps.conflicts SET notification = v_mid WHERE edit_id = e.id;
      END IF;
    END IF;
  END LOOP;
  RETURN n;
END
$$;
ALTER FUNCTION eps.report_edits(integer, jsonb) SET eps.sync = 'on';

-- ---------------------------------------------------------------- read-only structure

-- Centres, their managers and an employee's centre come from the ERP only: only the sync
-- (functions running with eps.sync = on) may change them in the cloud.
CREATE FUNCTION eps.refuse_structure_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('eps.sync', true), '') = 'on' THEN
    RETURN CASE WHEN TG_LEVEL <> 'ROW' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'EPC37',
    MESSAGE = CASE WHEN TG_TABLE_NAME LIKE 'pracetaty%' THEN 'An employee''s subordination centre is kept in the ERP and cannot be changed in e-Pracownik.'
      ELSE 'The subordination structure (centres and their managers) is kept in the ERP and cannot be changed in e-Pracownik.' END,
    HINT = 'Change it in Comarch ERP Optima; the next synchronisation brings it here.';
END
$$;
-- Row triggers, so that they also guard a tenant's partition changed directly.
CREATE TRIGGER eps_read_only BEFORE INSERT OR UPDATE OR DELETE ON hr.centra
  FOR EACH ROW EXECUTE FUNCTION eps.refuse_structure_change();
CREATE TRIGGER eps_read_only_truncate BEFORE TRUNCATE ON hr.centra
  FOR EACH STATEMENT EXECUTE FUNCTION eps.refuse_structure_change();
CREATE TRIGGER eps_read_only BEFORE INSERT OR UPDATE OR DELETE ON hr.centrakierownicy
  FOR EACH ROW EXECUTE FUNCTION eps.refuse_structure_change();
CREATE TRIGGER eps_read_only_truncate BEFORE TRUNCATE ON hr.centrakierownicy
  FOR EACH STATEMENT EXECUTE FUNCTION eps.refuse_structure_change();
CREATE TRIGGER eps_read_only_centre BEFORE UPDATE OF pre_cntid ON hr.pracetaty
  FOR EACH ROW WHEN (old.pre_cntid IS DISTINCT FROM new.pre_cntid) EXECUTE FUNCTION eps.refuse_structure_change();
ALTER FUNCTION eps.apply_batch(integer, uuid) SET eps.sync = 'on';
ALTER FUNCTION eps.switch_full(integer, uuid) SET eps.sync = 'on';

-- Down Migration
ALTER FUNCTION eps.switch_full(integer, uuid) RESET eps.sync;
ALTER FUNCTION eps.apply_batch(integer, uuid) RESET eps.sync;
DROP TRIGGER eps_read_only_centre ON hr.pracetaty;
DROP TRIGGER eps_read_only_truncate ON hr.centrakierownicy;
DROP TRIGGER eps_read_only ON hr.centrakierownicy;
DROP TRIGGER eps_read_only_truncate ON hr.centra;
DROP TRIGGER eps_read_only ON hr.centra;
DROP FUNCTION eps.refuse_structure_change();
DROP FUNCTION eps.report_edits(integer, jsonb);
DROP FUNCTION eps.pull_edits(integer, uuid, integer);
DROP FUNCTION eps.set_contact(integer, integer, text, text, text);
DROP FUNCTION eps.submit_trip(integer, integer, date, date, text, text, text, boolean, date);
DROP FUNCTION eps.record_work_time(integer, integer, date, jsonb, integer);
DROP FUNCTION eps.cancel_absence(integer, bigint, integer);
DROP FUNCTION eps.decide_absence(integer, bigint, integer, boolean, text);
DROP FUNCTION eps.change_absence(integer, bigint, integer, integer, date, date, boolean, numeric, text);
DROP FUNCTION eps.submit_absence(integer, integer, integer, date, date, boolean, numeric, text);
DROP FUNCTION eps.absence_payload(eps.absence_requests);
DROP FUNCTION eps.check_absence(integer, integer, integer, date, date, boolean, numeric, text, bigint);
DROP FUNCTION eps.managers_of(integer, integer);
DROP FUNCTION eps.check_text(text, text, integer, boolean);
DROP FUNCTION eps.check_employee(integer, integer);
DROP TABLE eps.trip_counters;
DROP TABLE eps.trips;
DROP TABLE eps.work_time;
DROP TABLE eps.absence_requests;
DROP TABLE eps.conflicts;
DROP TABLE eps.id_map;
DROP TABLE eps.cloud_edits;
