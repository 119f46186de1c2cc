-- Up Migration
CREATE SCHEMA eps;

-- One tenant = one firm's ERP database = one e-Pracownik domain.
CREATE TABLE eps.tenants (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  domain text NOT NULL DEFAULT '',
  order_email text,
  erp_version text,
  maintenance boolean NOT NULL DEFAULT false,
  last_full_sync_at timestamptz,
  last_sync_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A batch the runner sent: a differential batch (kind D) whose changes wait in eps.batch_tables,
-- or a full copy (kind F) whose rows wait in the hr_stage tables. batch_guid is the ERP's
-- EPS_Batch.BAT_Guid, so a batch sent twice is applied once.
CREATE TABLE eps.batches (
  tenant_id integer NOT NULL REFERENCES eps.tenants(id),
  batch_guid uuid NOT NULL,
  kind char(1) NOT NULL CHECK (kind IN ('D', 'F')),
  status text NOT NULL CHECK (status IN ('loading', 'queued', 'applied', 'failed')),
  rows_applied integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  PRIMARY KEY (tenant_id, batch_guid)
);

CREATE TABLE eps.batch_tables (
  tenant_id integer NOT NULL,
  batch_guid uuid NOT NULL,
  table_name text NOT NULL,
  upserts jsonb NOT NULL,
  deletes integer[] NOT NULL,
  PRIMARY KEY (tenant_id, batch_guid, table_name),
  FOREIGN KEY (tenant_id, batch_guid) REFERENCES eps.batches ON DELETE CASCADE
);

-- A row the cloud could not apply: kept with the reason, the rest of its batch went on.
CREATE TABLE eps.rejected_rows (
  id bigserial PRIMARY KEY,
  tenant_id integer NOT NULL,
  batch_guid uuid NOT NULL,
  table_name text NOT NULL,
  row_key integer,
  row_data jsonb,
  sqlstate text NOT NULL,
  reason text NOT NULL,
  rejected_at timestamptz NOT NULL DEFAULT now()
);

-- Workers say they are alive; jobs locked by a worker that stopped saying so are unlocked.
CREATE TABLE eps.workers (
  worker_id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- Optima keeps dates, hours and durations in datetime; see docs/type-mapping.md.
CREATE FUNCTION eps.erp_date(v timestamp) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v = '1899-12-30' OR v >= '2999-12-31' THEN NULL ELSE v::date END
$$;
CREATE FUNCTION eps.erp_timestamp(v timestamp) RETURNS timestamp(3)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v = '1899-12-30' OR v >= '2999-12-31' THEN NULL ELSE v END
$$;
CREATE FUNCTION eps.erp_time(v timestamp) RETURNS time(3)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v::time(3)
$$;
CREATE FUNCTION eps.erp_duration(v timestamp) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT v - timestamp '1899-12-30'
$$;

-- Down Migration
DROP SCHEMA eps CASCADE;
