/** Provenance helpers for reports (data quality of an estimate's inputs). */
import type { Provenance } from "./types.js";

/** Number of provenance entries with status "imputed". */
export function imputedFieldCount(provenance: Readonly<Record<string, Provenance>>): number {
  let n = 0;
  for (const k in provenance) if (provenance[k]?.status === "imputed") n++;
  return n;
}
