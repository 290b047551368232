/**
 * Conversions from storage types to GraphQL scalars. Quantities are NUMERIC in Postgres (exact
 * sums, docs/adr/0002-numeric-quantities.md) and Float in the API: a double carries 15-17
 * significant digits, far more than any estimate's precision.
 */

/** Prisma Decimal, pg NUMERIC text or number -> number. */
export function toFloat(value: { toString(): string } | string | number): number {
  return typeof value === "number" ? value : Number(value.toString());
}

/** Nullable variant of `toFloat`. */
export function toFloatOrNull(
  value: { toString(): string } | string | number | null,
): number | null {
  return value === null ? null : toFloat(value);
}

/** bigint (Postgres BIGINT) -> number for the SafeInt scalar; counts stay far below 2^53. */
export function toSafeInt(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

/** Opaque cursor from JSON-able parts (base64url). */
export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/**
 * A forward-paginated connection (Relay Cursor Connections Specification): the first `first`
 * of `rows` (a page read with `take: first + 1`) as edges, `hasNextPage` when the extra row came
 * back, and `hasPreviousPage` when the page starts after a cursor (the specification lets a
 * `first`/`after` page answer it by whether `after` was given when counting is not cheap).
 */
export function connectionOf<Node>(
  rows: readonly Node[],
  first: number,
  after: string | null | undefined,
  cursorOf: (node: Node) => string,
) {
  const edges = rows.slice(0, first).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Parts of a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(parts) ? parts : null;
  } catch {
    return null;
  }
}
