/**
 * Levenshtein edit distance of two strings (insertions, deletions and substitutions, each 1),
 * computed with two rows: O(a.length x b.length) time. Used to name the nearest catalogue
 * entries of an unknown GPU name or cloud region.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The `n` candidates nearest to `query` by edit distance (ties in the candidates' order). */
export function nearestByEditDistance(
  query: string,
  candidates: readonly string[],
  n = 3,
): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(query, c) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, n)
    .map(({ c }) => c);
}
