-- Emissions cache invalidation (docs/adr/0084-emissions-cache.md): after every statement that
-- changes EmissionsRollup rows (the estimate writer's delta, the Scope 2 write, a rebuild), one
-- notification per organization whose rows changed, on channel finetrace_rollup_change with the
-- organization's id, delivered when the transaction commits. Statement-level triggers read the
-- changed rows through transition tables (one trigger per event: Postgres allows transition
-- tables only on single-event triggers). The schema engine splits a script at every semicolon, so
-- the function body is a Unicode-escaped string constant whose statement terminators are
-- written \003B.
CREATE FUNCTION "notify_rollup_change"() RETURNS trigger LANGUAGE plpgsql AS
U&'BEGIN PERFORM pg_notify(''finetrace_rollup_change'', o::text) FROM (SELECT DISTINCT "organizationId" AS o FROM changed) AS s\003B RETURN NULL\003B END'
;

CREATE TRIGGER "EmissionsRollup_change_insert" AFTER INSERT ON "EmissionsRollup"
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_rollup_change"();

CREATE TRIGGER "EmissionsRollup_change_update" AFTER UPDATE ON "EmissionsRollup"
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_rollup_change"();

CREATE TRIGGER "EmissionsRollup_change_delete" AFTER DELETE ON "EmissionsRollup"
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_rollup_change"();
