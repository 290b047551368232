/**
 * Provenance helpers shared by the normalization rules (normalize/*.ts). Records that depend only
 * on a reference row or a constant are built once and frozen, so the hot path allocates nothing
 * for them.
 */
import type { Sourced } from "../reference.js";
import type { Provenance } from "../types.js";

/** Provenance of a disclosed field (one frozen object for all). */
export const DISCLOSED: Provenance = Object.freeze({ status: "disclosed" });

/** Provenance of an imputed value: rule name, human-readable source, the value. */
export function imputed(
  rule: string,
  source: string,
  value: string | number | boolean,
): Provenance {
  return { status: "imputed", rule, source, value };
}

/** A frozen imputed provenance for a rule whose value is a constant. */
export const constant = (rule: string, source: string, value: string | number | boolean) =>
  Object.freeze(imputed(rule, source, value));

/** `constant` of a sourced reference value (its `source` and `value`). */
export const sourcedConstant = (rule: string, sourced: Sourced<string | number | boolean>) =>
  constant(rule, sourced.source, sourced.value);

/** Memoize a provenance record per reference row (WeakMap keyed by the row, frozen). */
export function perRow<K extends object>(make: (row: K) => Provenance): (row: K) => Provenance {
  const cache = new WeakMap<K, Provenance>();
  return (row) => {
    let p = cache.get(row);
    if (!p) {
      p = Object.freeze(make(row));
      cache.set(row, p);
    }
    return p;
  };
}

/** The provenance record being filled, field name -> provenance (insertion order is kept). */
export type ProvenanceRecord = Record<string, Provenance>;
