/**
 * The chain rule's data for a batch: read the members of the claimed runs' chains and apply the
 * estimator's `chainSuccessorStarts` (the one implementation of the rule, METHODOLOGY.md s.7).
 */
import { type ClaimedRun, readChainMembers, type StoredChainMember } from "@finetrace/db";
import { chainSuccessorStarts } from "@finetrace/estimator";
import type pg from "pg";

/**
 * Run id -> start of its chain successor for stored chain members. Chains are per organization
 * (the same chain id in two organizations is two chains), so the chain key joins both.
 */
export function storedChainSuccessors(members: readonly StoredChainMember[]): Map<string, string> {
  return chainSuccessorStarts(
    members.map((m) => ({
      key: m.runId,
      chainId: `${m.organizationId}/${m.chainId}`,
      startTime: m.startTime,
    })),
  );
}

/** Run id -> start of its chain successor (ISO 8601 UTC), for the claimed runs that have one. */
export async function successorStartsOfClaimed(
  client: pg.ClientBase,
  claimed: readonly ClaimedRun[],
): Promise<Map<string, string>> {
  const chains = claimed.flatMap((r) =>
    r.disclosure.chainId
      ? [{ organizationId: r.organizationId, chainId: r.disclosure.chainId }]
      : [],
  );
  if (chains.length === 0) return new Map();
  return storedChainSuccessors(await readChainMembers(client, chains));
}
