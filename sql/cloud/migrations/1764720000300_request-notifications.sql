-- Up Migration
-- Absence requests tell the people concerned, in the transaction of the event itself: a new
-- request goes to the employee's managers, a decision or a cancellation to the employee.
-- Someone without an e-Pracownik e-mail address (PRA_EPEmail) is not written to.

CREATE FUNCTION eps.person_name(p_tenant integer, p_pra integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT trim(e.pre_imie1 || ' ' || e.pre_nazwisko) FROM hr.pracetaty e
  WHERE e.tenant_id = p_tenant AND e.pre_praid = p_pra
  ORDER BY (e.pre_dataod <= current_date AND (e.pre_datado IS NULL OR e.pre_datado >= current_date)) DESC, e.pre_dataod DESC
  LIMIT 1
$$;

-- Only a usable address: a malformed one in the ERP must not make the portal's request fail.
CREATE FUNCTION eps.person_email(p_tenant integer, p_pra integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT a FROM (SELECT trim(k.pra_epemail) AS a FROM hr.prackod k WHERE k.tenant_id = p_tenant AND k.pra_praid = p_pra) x
  WHERE a ~ '^[^@\s<>",]+@[^@\s<>",]+$'
$$;

CREATE FUNCTION eps.absence_request_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_type text := coalesce((SELECT t.tnb_nazwa FROM hr.typnieobec t WHERE t.tenant_id = NEW.tenant_id AND t.tnb_tnbid = NEW.tnb_id),
                          'nieobecność (typ ' || NEW.tnb_id || ')');
  v_employee text := coalesce(nullif(eps.person_name(NEW.tenant_id, NEW.pra_id), ''), 'pracownik nr ' || NEW.pra_id);
  v_manager integer;
  v_email text;
BEGIN
  IF TG_OP = 'INSERT' OR (NEW.status = 'submitted' AND OLD.status <> 'submitted') THEN
    FOR v_manager IN SELECT m FROM eps.managers_of(NEW.tenant_id, NEW.pra_id) m LOOP
      v_email := eps.person_email(NEW.tenant_id, v_manager);
      CONTINUE WHEN v_email IS NULL;
      PERFORM eps.notify(NEW.tenant_id, 'absence_submitted', v_email, coalesce(eps.person_name(NEW.tenant_id, v_manager), ''),
        jsonb_strip_nulls(jsonb_build_object('employee', v_employee, 'absence_type', v_type, 'date_from', NEW.date_from,
          'date_to', NEW.date_to, 'hours', NEW.hours, 'note', nullif(NEW.comment, ''))));
    END LOOP;
  ELSIF NEW.status IN ('approved', 'rejected', 'cancelled') AND NEW.status IS DISTINCT FROM OLD.status THEN
    v_email := eps.person_email(NEW.tenant_id, NEW.pra_id);
    IF v_email IS NOT NULL THEN
      PERFORM eps.notify(NEW.tenant_id, 'absence_decided', v_email, v_employee,
        jsonb_strip_nulls(jsonb_build_object('decision', NEW.status, 'absence_type', v_type, 'date_from', NEW.date_from,
          'date_to', NEW.date_to, 'decided_by', CASE WHEN NEW.status <> 'cancelled' THEN eps.person_name(NEW.tenant_id, NEW.decided_by) END,
          'comment', nullif(NEW.decision_comment, ''))));
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER absence_request_notify AFTER INSERT OR UPDATE OF status ON eps.absence_requests
  FOR EACH ROW EXECUTE FUNCTION eps.absence_request_notify();

-- Down Migration
DROP TRIGGER absence_request_notify ON eps.absence_requests;
DROP FUNCTION eps.absence_request_notify();
DROP FUNCTION eps.person_email(integer, integer);
DROP FUNCTION eps.person_name(integer, integer);
