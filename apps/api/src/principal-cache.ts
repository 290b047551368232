/**
 * Authenticated keys kept in the API process's memory, so that a dashboard request costs no key
 * lookup in Postgres (docs/adr/0083-principal-cache.md). An entry is served only while the
 * process receives Postgres' principal-change notifications (`listenForChanges`,
 * packages/db): a revoked key, a changed role or organization time zone drops the entries it
 * affects in every API process once the change commits. While the listening connection is down
 * the cache is emptied and bypassed (every request looks its key up), so a missed notification
 * cannot keep a revoked key alive; the entry lifetime is a further bound.
 */
import { type ApiKeyPrincipal, hashApiKey, type PrincipalChange } from "@finetrace/db";
import { LRUCache } from "lru-cache";

/**
 * Most keys held per process. A dashboard deployment has at most a few thousand active keys; an
 * entry is ~300 bytes, so 10,000 bound the cache to a few MB.
 */
const MAX_ENTRIES = 10_000;

export class PrincipalCache {
  private readonly entries: LRUCache<string, ApiKeyPrincipal> | undefined;
  private listening = false;

  /** @param ttlSeconds entry lifetime (API_PRINCIPAL_CACHE_SECONDS); 0 disables the cache. */
  constructor(ttlSeconds: number) {
    this.entries =
      ttlSeconds > 0 ? new LRUCache({ max: MAX_ENTRIES, ttl: ttlSeconds * 1000 }) : undefined;
  }

  /** The cached principal of a presented key, or undefined (not cached, or cache bypassed). */
  get(key: string): ApiKeyPrincipal | undefined {
    if (!this.listening || !this.entries) return undefined;
    return this.entries.get(hashApiKey(key));
  }

  /** Remember a key that just authenticated (ignored while bypassed). */
  set(key: string, principal: ApiKeyPrincipal): void {
    if (this.listening) this.entries?.set(hashApiKey(key), principal);
  }

  /** Drop every entry a change affects: the key itself, or every key of the organization. */
  forget(change: PrincipalChange): void {
    if (!this.entries) return;
    for (const [hash, p] of this.entries.entries()) {
      if (change.kind === "key" ? p.keyId === change.id : p.organizationId === change.id) {
        this.entries.delete(hash);
      }
    }
  }

  /** Notifications arrive (again): start serving entries, from empty. */
  resume(): void {
    this.entries?.clear();
    this.listening = true;
  }

  /** Notifications may be missed: empty the cache and bypass it until `resume`. */
  suspend(): void {
    this.listening = false;
    this.entries?.clear();
  }
}
