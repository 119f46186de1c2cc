-- Up Migration
-- eps.sync = on is set by the sync's own functions (ALTER FUNCTION … SET), but any session may
-- set a custom setting: on its own it let a portal session change the read-only structure. It
-- now counts only for a role that owns the HR copy table (the role the runner and the workers
-- use, which runs the migrations); the portal's role gets the refusal whatever it sets.
CREATE OR REPLACE FUNCTION eps.refuse_structure_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('eps.sync', true), '') = 'on'
     AND pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
    RETURN CASE WHEN TG_LEVEL <> 'ROW' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'EPC37',
    MESSAGE = CASE WHEN TG_TABLE_NAME LIKE 'pracetaty%' THEN 'An employee''s subordination centre is kept in the ERP and cannot be changed in e-Pracownik.'
      ELSE 'The subordination structure (centres and their managers) is kept in the ERP and cannot be changed in e-Pracownik.' END,
    HINT = 'Change it in Comarch ERP Optima; the next synchronisation brings it here.';
END
$$;

-- Down Migration
CREATE OR REPLACE FUNCTION eps.refuse_structure_change() RETURNS trigger
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
