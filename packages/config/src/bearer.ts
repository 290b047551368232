/**
 * Checking a configured bearer secret (e.g. `METRICS_TOKEN` of the API's and the worker's
 * `GET /metrics`): one implementation for every process that exposes such an endpoint.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** SHA-256 of a string: equal-length inputs for timingSafeEqual whatever the token lengths. */
const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * True when `header` is `Bearer <token>`; compared in constant time (the digests have the same
 * length, so neither the content nor the length of the token leaks through timing).
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
