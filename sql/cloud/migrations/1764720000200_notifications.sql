-- Up Migration
-- Mail notifications. The portal (and the apply functions) call eps.notify in the same
-- transaction as the event that causes the message; the runner pulls new rows into the ERP
-- outbox (CDN.MailWiadomosci) during the differential sync and marks them pulled only after the
-- ERP insert committed. message_id is the message's identity everywhere: MWD_IDWiadomosci in the
-- ERP and the Message-ID header <message_id@eps>, so a repeated pull or send is recognisable.
-- Errors raised here: EPC20 a notification that cannot be rendered.

CREATE TABLE eps.notifications (
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  id bigserial,
  message_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
  recipient_address text NOT NULL CHECK (recipient_address ~ '^[^@\s<>",]+@[^@\s<>",]+$'),
  recipient_name text NOT NULL DEFAULT '',
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set by the runner once the message is in the ERP outbox; pulled_by names the station
  pulled_at timestamptz,
  pulled_by text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_waiting ON eps.notifications (tenant_id, id) WHERE pulled_at IS NULL;

CREATE FUNCTION eps.html_escape(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(replace(coalesce(v, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;

-- 'YYYY-MM-DD' (as JSON carries dates) -> 'DD.MM.YYYY', as Polish readers expect.
CREATE FUNCTION eps.pl_date(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL OR v = '' THEN '' ELSE to_char(v::date, 'DD.MM.YYYY') END
$$;

-- Renders one notification (Polish subject, plain text and HTML) and stores it; returns the
-- message id. p_data carries only what the recipient needs; each kind's keys:
--   absence_submitted (to the manager): employee, absence_type, date_from, date_to, [hours], [note]
--   absence_decided (to the employee): decision approved|rejected|cancelled, absence_type, date_from,
--     date_to, [decided_by], [comment]
--   conflict_lost (to the employee): entry (what was entered in the portal), [date_from], [date_to]
--   service_started (to the order address): login, [password], [firm]
--   upgrade_finished (to the order address): [version]
--   any other kind: subject, text (plain), [html]
-- Every message ends with a link to the tenant's portal (eps.tenants.domain), [path] appended.
CREATE FUNCTION eps.notify(p_tenant integer, p_kind text, p_to text, p_to_name text, p_data jsonb)
RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
  d jsonb := coalesce(p_data, '{}'::jsonb);
  v_domain text;
  link text;
  required text[] := CASE p_kind
    WHEN 'absence_submitted' THEN ARRAY['employee', 'absence_type', 'date_from']
    WHEN 'absence_decided' THEN ARRAY['decision', 'absence_type', 'date_from']
    WHEN 'conflict_lost' THEN ARRAY['entry']
    WHEN 'service_started' THEN ARRAY['login']
    WHEN 'upgrade_finished' THEN '{}'::text[]
    ELSE ARRAY['subject', 'text'] END;
  missing text;
  greeting text := CASE WHEN coalesce(p_to_name, '') = '' THEN 'Dzień dobry,' ELSE 'Dzień dobry, ' || p_to_name || ',' END;
  subj text;
  lines text[];
  period text := CASE
    WHEN coalesce(d ->> 'date_from', '') = '' THEN ''
    WHEN coalesce(d ->> 'date_to', '') IN ('', d ->> 'date_from') THEN eps.pl_date(d ->> 'date_from')
    ELSE eps.pl_date(d ->> 'date_from') || ' – ' || eps.pl_date(d ->> 'date_to') END;
  html text;
  l text;
  mid uuid;
BEGIN
  SELECT t.domain INTO v_domain FROM eps.tenants t WHERE t.id = p_tenant;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC20', MESSAGE = format('Tenant %s is unknown to the cloud; the notification was not stored.', p_tenant);
  END IF;
  link := CASE WHEN v_domain ~* '^https?://' THEN rtrim(v_domain, '/') ELSE 'https://' || rtrim(v_domain, '/') END
          || coalesce(d ->> 'path', '/');
  SELECT string_agg(k, ', ') INTO missing FROM unnest(required) k WHERE coalesce(d ->> k, '') = '';
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'EPC20',
      MESSAGE = format('Notification %s to %s lacks %s; it was not stored.', p_kind, p_to, missing),
      HINT = 'See the comment on eps.notify for the keys of each kind.';
  END IF;

  CASE p_kind
  WHEN 'absence_submitted' THEN
    subj := format('Nowy wniosek o nieobecność: %s (%s, %s)', d ->> 'employee', d ->> 'absence_type', period);
    lines := ARRAY[
      format('%s złożył(a) wniosek o nieobecność.', d ->> 'employee'),
      format('Rodzaj: %s', d ->> 'absence_type'),
      format('Termin: %s', period)]
      || CASE WHEN d ? 'hours' THEN ARRAY[format('Liczba godzin: %s', d ->> 'hours')] ELSE '{}'::text[] END
      || CASE WHEN coalesce(d ->> 'note', '') <> '' THEN ARRAY[format('Uwagi: %s', d ->> 'note')] ELSE '{}'::text[] END
      || ARRAY['Wniosek czeka na Twoją decyzję w Comarch ERP e-Pracownik.'];
  WHEN 'absence_decided' THEN
    subj := format('Wniosek o nieobecność %s: %s, %s', CASE d ->> 'decision' WHEN 'approved' THEN 'zaakceptowany'
      WHEN 'rejected' THEN 'odrzucony' WHEN 'cancelled' THEN 'anulowany' END, d ->> 'absence_type', period);
    IF d ->> 'decision' NOT IN ('approved', 'rejected', 'cancelled') THEN
      RAISE EXCEPTION USING ERRCODE = 'EPC20',
        MESSAGE = format('Notification absence_decided needs decision approved, rejected or cancelled, not %s.', coalesce(d ->> 'decision', 'none'));
    END IF;
    lines := ARRAY[
      format('Twój wniosek o nieobecność (%s, %s) został %s.', d ->> 'absence_type', period, CASE d ->> 'decision'
        WHEN 'approved' THEN 'zaakceptowany' WHEN 'rejected' THEN 'odrzucony' ELSE 'anulowany' END)]
      || CASE WHEN coalesce(d ->> 'decided_by', '') <> '' THEN ARRAY[format('Decyzję podjął(a): %s', d ->> 'decided_by')] ELSE '{}'::text[] END
      || CASE WHEN coalesce(d ->> 'comment', '') <> '' THEN ARRAY[format('Komentarz: %s', d ->> 'comment')] ELSE '{}'::text[] END;
  WHEN 'conflict_lost' THEN
    subj := format('Zmiana w e-Pracowniku nie została zapisana: %s', d ->> 'entry');
    lines := ARRAY[
      format('Wpis „%s”%s wprowadzony w Comarch ERP e-Pracownik nie został zapisany,', d ->> 'entry',
        CASE WHEN period = '' THEN '' ELSE ' (' || period || ')' END),
      'ponieważ w tym samym czasie dział kadr zmienił te dane w systemie kadrowym, a dane z systemu kadrowego mają pierwszeństwo.',
      'Sprawdź aktualny stan i w razie potrzeby wprowadź wpis ponownie.'];
  WHEN 'service_started' THEN
    subj := 'Comarch ERP e-Pracownik został uruchomiony';
    lines := ARRAY[
      format('Usługa Comarch ERP e-Pracownik%s jest gotowa do pracy.', CASE WHEN coalesce(d ->> 'firm', '') = '' THEN '' ELSE ' dla firmy ' || (d ->> 'firm') END),
      format('Login administratora: %s', d ->> 'login')]
      || CASE WHEN coalesce(d ->> 'password', '') <> '' THEN ARRAY[format('Hasło tymczasowe: %s (zmień je przy pierwszym logowaniu)', d ->> 'password')] ELSE '{}'::text[] END;
  WHEN 'upgrade_finished' THEN
    subj := 'Aktualizacja Comarch ERP e-Pracownik zakończona';
    lines := ARRAY[
      format('Aktualizacja Comarch ERP e-Pracownik%s została zakończona i dostęp do aplikacji został przywrócony.',
        CASE WHEN coalesce(d ->> 'version', '') = '' THEN '' ELSE ' do wersji ' || (d ->> 'version') END)];
  ELSE
    subj := d ->> 'subject';
    lines := ARRAY[d ->> 'text'];
  END CASE;

  html := '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif">'
    || '<p>' || eps.html_escape(greeting) || '</p>';
  IF p_kind NOT IN ('absence_submitted', 'absence_decided', 'conflict_lost', 'service_started', 'upgrade_finished') AND d ? 'html' THEN
    html := html || (d ->> 'html');
  ELSE
    FOREACH l IN ARRAY lines LOOP html := html || '<p>' || eps.html_escape(l) || '</p>'; END LOOP;
  END IF;
  html := html || format('<p><a href="%s">%s</a></p>', eps.html_escape(link), eps.html_escape(link))
    || '<p style="color:#666">Wiadomość wysłana automatycznie przez Comarch ERP e-Pracownik. Prosimy na nią nie odpowiadać.</p></body></html>';

  INSERT INTO eps.notifications (tenant_id, kind, recipient_address, recipient_name, subject, body_text, body_html)
  VALUES (p_tenant, p_kind, p_to, coalesce(p_to_name, ''), left(subj, 500),
          greeting || E'\n\n' || array_to_string(lines, E'\n') || E'\n\n' || link
            || E'\n\n-- \nWiadomość wysłana automatycznie przez Comarch ERP e-Pracownik. Prosimy na nią nie odpowiadać.\n',
          html)
  RETURNING message_id INTO mid;
  RETURN mid;
END
$$;

-- Down Migration
DROP FUNCTION eps.notify(integer, text, text, text, jsonb);
DROP FUNCTION eps.pl_date(text);
DROP FUNCTION eps.html_escape(text);
DROP TABLE eps.notifications;
