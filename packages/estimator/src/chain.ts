/**
 * Continuous fine-tuning chains (METHODOLOGY.md s.7): a chained run's use life is the interval
 * to the next run of its chain. This module is the one implementation of "the next run", used by
 * the offline CLI (chain members from a file) and the worker (chain members read from Postgres),
 * so both give identical results.
 *
 * The rule (METHODOLOGY.md s.7, "the tie rule" and "runs without a start time"):
 * - runs are grouped by `chainId`; a member without one (null / undefined) is ignored;
 * - within a chain, only members with a DISCLOSED start time are ordered; a member without one
 *   takes no part (it has no successor and is nobody's successor), so its use life is its own;
 * - a member's successor starts at the earliest start STRICTLY later than its own;
 * - members with the same start instant (a tie) are one step of the chain: they share the same
 *   successor and none is the other's successor;
 * - the last step of a chain has no successor.
 * Start times are compared as instants: "2024-07-01T02:00:00+02:00" ties "2024-07-01T00:00:00Z".
 */
import { parseIsoTimestampMs } from "./disclosure.js";
import { DisclosureValidationError } from "./errors.js";

/** One run as the chain rule sees it. */
export interface ChainMember {
  /** Caller's key for the run (run id, record position...). */
  key: string;
  chainId: string | null | undefined;
  /** The DISCLOSED start time (ISO 8601 with offset), or null/undefined when not disclosed. */
  startTime: string | null | undefined;
}

interface Timed {
  key: string;
  startMs: number;
}

/** Members with a chain and a disclosed start, grouped by chain id; validates keys and starts. */
function groupByChain(members: readonly ChainMember[]): Map<string, Timed[]> {
  const chains = new Map<string, Timed[]>();
  const keys = new Set<string>();
  members.forEach((m, i) => {
    if (keys.has(m.key)) {
      throw new DisclosureValidationError([
        { path: `members[${i}].key`, message: `duplicate key "${m.key}"` },
      ]);
    }
    keys.add(m.key);
    if (m.chainId === null || m.chainId === undefined) return;
    if (m.startTime === null || m.startTime === undefined) return;
    const startMs = parseIsoTimestampMs(m.startTime);
    if (Number.isNaN(startMs)) {
      throw new DisclosureValidationError([
        {
          path: `members[${i}].startTime`,
          message: "must be an ISO 8601 timestamp with an offset, e.g. 2024-07-01T00:00:00Z",
        },
      ]);
    }
    const list = chains.get(m.chainId);
    if (list) list.push({ key: m.key, startMs });
    else chains.set(m.chainId, [{ key: m.key, startMs }]);
  });
  return chains;
}

/**
 * Start of each chained run's successor (the rule is in the module doc). O(n log n): one sort
 * per chain, then one backward pass.
 * @param members every run that may belong to a chain; `key`s must be unique.
 * @returns key -> start of the run's successor, as a canonical UTC ISO string
 *   (`new Date(ms).toISOString()`, e.g. "2024-07-02T00:00:00.000Z"). Keys absent from the map
 *   have no successor (no chain, no disclosed start, or the last step of their chain).
 * @throws DisclosureValidationError for a duplicate key (`members[i].key`) or a start time that
 *   is not a valid ISO 8601 timestamp with offset (`members[i].startTime`).
 */
export function chainSuccessorStarts(members: readonly ChainMember[]): Map<string, string> {
  const successors = new Map<string, string>();
  for (const list of groupByChain(members).values()) {
    list.sort((a, b) => a.startMs - b.startMs);
    // Walk from the latest start back. A step is a run of equal startMs (a tie); its successor
    // is the start of the step walked just before (the next later one), none for the last step.
    let stepMs = Number.NaN;
    let stepStart: string | null = null;
    let successor: string | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i] as Timed;
      if (m.startMs !== stepMs) {
        successor = stepStart;
        stepMs = m.startMs;
        stepStart = new Date(m.startMs).toISOString();
      }
      if (successor !== null) successors.set(m.key, successor);
    }
  }
  return successors;
}
