-- Principal cache invalidation (docs/adr/0083-principal-cache.md): the API caches an
-- authenticated key (its organization, role and the organization's reporting time zone) in
-- memory, and a change that affects what a key may do, from any client (API, CLI, SQL), notifies
-- channel finetrace_principal_change with 'key:<ApiKey.id>' or 'organization:<Organization.id>'.
-- NOTIFY is delivered when the transaction commits. The schema engine splits a script at every
-- semicolon, so the function body is a Unicode-escaped string constant whose statement
-- terminators are written \003B.
CREATE FUNCTION "notify_principal_change"() RETURNS trigger LANGUAGE plpgsql AS
U&'BEGIN PERFORM pg_notify(''finetrace_principal_change'', TG_ARGV[0] || '':'' || OLD.id::text)\003B RETURN NULL\003B END'
;

CREATE TRIGGER "ApiKey_principal_change"
  AFTER UPDATE OF "revokedAt", "role", "organizationId", "hashedKey" OR DELETE ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "notify_principal_change"('key');

CREATE TRIGGER "Organization_principal_change"
  AFTER UPDATE OF "reportingTimezone" OR DELETE ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION "notify_principal_change"('organization');
