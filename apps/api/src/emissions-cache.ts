/**
 * `emissions` aggregates served from the API process's memory while the organization's rollup is
 * unchanged (docs/adr/0084-emissions-cache.md). An entry is dropped when Postgres notifies that
 * the organization's EmissionsRollup rows changed (sent by the rollup's writers at commit),
 * and the whole cache is emptied and bypassed while the notification connection is down, so an
 * answer is never older than the last committed change by more than the notification's delivery
 * (milliseconds). Only rollup-served aggregates are kept (the raw path reads the estimates).
 */
import type { AggregateEmissionsInput, EmissionsAggregate } from "@finetrace/db";
import { LRUCache } from "lru-cache";

/**
 * Most aggregates held per process. An entry is one answer (a few KB for a year by month; a
 * DAY x zone breakdown up to a few hundred KB), so the cache also bounds its size in bytes.
 */
const MAX_ENTRIES = 2_000;
/** Most bytes of JSON held (sizes estimated from the answer's group count). */
const MAX_SIZE_BYTES = 64 * 1024 * 1024;
/** Rough JSON size of one group of an aggregate (key + ~40 decimal strings), bytes. */
const BYTES_PER_GROUP = 2_000;

export class EmissionsCache {
  private readonly entries: LRUCache<string, EmissionsAggregate> | undefined;
  /** Cache keys by organization, to drop an organization's entries on a rollup change. */
  private readonly keysByOrganization = new Map<string, Set<string>>();
  /** Rollup changes seen per organization: a fill that raced a change is not stored. */
  private readonly generation = new Map<string, number>();
  private listening = false;

  /** @param ttlSeconds entry lifetime (API_EMISSIONS_CACHE_SECONDS); 0 disables the cache. */
  constructor(ttlSeconds: number) {
    this.entries =
      ttlSeconds > 0
        ? new LRUCache({
            max: MAX_ENTRIES,
            maxSize: MAX_SIZE_BYTES,
            sizeCalculation: (a) => (a.groups.length + 1) * BYTES_PER_GROUP,
            ttl: ttlSeconds * 1000,
            dispose: (_value, key) => this.unindex(key),
          })
        : undefined;
  }

  /**
   * The cached aggregate of `input`, or else `compute()`'s, stored when it was served by the
   * rollup and no change of the organization was notified while it ran.
   */
  async get(
    input: AggregateEmissionsInput,
    compute: () => Promise<EmissionsAggregate>,
  ): Promise<EmissionsAggregate> {
    if (!this.entries || !this.listening) return compute();
    const key = cacheKey(input);
    const hit = this.entries.get(key);
    if (hit) return hit;
    const org = input.organizationId;
    const before = this.generation.get(org) ?? 0;
    const result = await compute();
    const unchanged = (this.generation.get(org) ?? 0) === before;
    if (this.listening && result.servedBy === "ROLLUP" && unchanged) {
      this.entries.set(key, result);
      let keys = this.keysByOrganization.get(org);
      if (!keys) {
        keys = new Set();
        this.keysByOrganization.set(org, keys);
      }
      keys.add(key);
    }
    return result;
  }

  /** The organization's rollup changed: drop its entries (and any fill in flight). */
  forgetOrganization(organizationId: string): void {
    this.generation.set(organizationId, (this.generation.get(organizationId) ?? 0) + 1);
    for (const key of this.keysByOrganization.get(organizationId) ?? []) this.entries?.delete(key);
    this.keysByOrganization.delete(organizationId);
  }

  /** Notifications arrive (again): serve entries, from empty. */
  resume(): void {
    this.clear();
    this.listening = true;
  }

  /** Notifications may be missed: empty the cache and bypass it until `resume`. */
  suspend(): void {
    this.listening = false;
    this.clear();
  }

  private clear(): void {
    for (const org of this.keysByOrganization.keys()) {
      this.generation.set(org, (this.generation.get(org) ?? 0) + 1);
    }
    this.entries?.clear();
    this.keysByOrganization.clear();
  }

  private unindex(key: string): void {
    const org = key.slice(0, key.indexOf("|"));
    const keys = this.keysByOrganization.get(org);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByOrganization.delete(org);
  }
}

/** One key per distinct question: organization, period, dimensions (as given), time zone. */
function cacheKey(input: AggregateEmissionsInput): string {
  return [
    input.organizationId,
    input.fromUtc.toISOString(),
    input.toUtc.toISOString(),
    input.groupBy.join(","),
    input.timezone,
    input.path ?? "",
  ].join("|");
}
