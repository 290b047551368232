/**
 * What a submission changes in its chains, decided by the estimator's chain rule
 * (`chainSuccessorStarts`, METHODOLOGY.md s.7) over the chain members read before and after the
 * write: which earlier runs got a different successor (their use life changed: re-estimate
 * them) and each member's `previousRunId` (a navigation link: the run of the preceding step of
 * the chain; among tied runs, the greatest externalId).
 */
import type { StoredChainMember } from "@finetrace/db";
import { storedChainSuccessors } from "../estimation/chain-successors.js";

const successors = storedChainSuccessors;

/** Runs present both before and after whose successor start changed. */
export function runsWithChangedSuccessor(
  before: readonly StoredChainMember[],
  after: readonly StoredChainMember[],
): string[] {
  const was = successors(before);
  const now = successors(after);
  const existed = new Set(before.map((m) => m.runId));
  return after
    .filter((m) => existed.has(m.runId) && was.get(m.runId) !== now.get(m.runId))
    .map((m) => m.runId);
}

/** `previousRunId` of every member after the write. */
export function previousRunLinks(
  after: readonly StoredChainMember[],
): { runId: string; previousRunId: string | null }[] {
  const next = successors(after);
  // The preceding step of a start S: the members whose successor starts at S.
  const previousByStart = new Map<string, StoredChainMember>();
  for (const m of after) {
    const s = next.get(m.runId);
    if (s === undefined) continue;
    const key = `${m.organizationId}/${m.chainId}/${s}`;
    const current = previousByStart.get(key);
    if (!current || m.externalId > current.externalId) previousByStart.set(key, m);
  }
  return after.map((m) => {
    const start = m.startTime === null ? null : new Date(m.startTime).toISOString();
    const prev = start
      ? previousByStart.get(`${m.organizationId}/${m.chainId}/${start}`)
      : undefined;
    return { runId: m.runId, previousRunId: prev?.runId ?? null };
  });
}
