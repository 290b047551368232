/**
 * Use cases "organizations and API keys": create an organization (idempotent on its slug),
 * create and revoke API keys (the secret is returned once; only its SHA-256 is stored), and
 * authenticate a bearer key. One implementation in packages/db (`orgs.ts`); the CLI (`org
 * create`, `keys create`), the API (`createApiKey`, `revokeApiKey`, authentication) and the demo
 * call them through here.
 */
export {
  type ApiKeyPrincipal,
  authenticateApiKey,
  type CreatedApiKey,
  createApiKey,
  createOrganization,
  OrganizationInputError,
  OrganizationNotFoundError,
  revokeApiKey,
} from "@finetrace/db";
