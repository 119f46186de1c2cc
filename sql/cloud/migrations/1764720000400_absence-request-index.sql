-- Up Migration
-- A new or changed request is checked against the employee's other requests: without this
-- index every check read all of the tenant's requests (10k portal requests took minutes).
CREATE INDEX absence_requests_employee ON eps.absence_requests (tenant_id, pra_id, date_from);

-- Down Migration
DROP INDEX eps.absence_requests_employee;
