/** Lower-case, strip diacritics and collapse whitespace, for forgiving matching of names and commands. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** Candidates whose folded name contains the query or is within a small edit distance of it. */
export function matchByName<T>(query: string, items: readonly T[], name: (t: T) => string): T[] {
  const q = fold(query);
  if (!q) return [];
  const exact = items.filter((i) => fold(name(i)) === q);
  if (exact.length > 0) return exact;
  const contains = items.filter((i) => fold(name(i)).includes(q));
  if (contains.length > 0) return contains;
  const tolerance = Math.max(1, Math.floor(q.length / 5));
  return items.filter((i) => levenshtein(fold(name(i)), q) <= tolerance);
}
