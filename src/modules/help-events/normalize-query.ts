/**
 * The normalized form of a search query, as DESIGN.md defines it for metrics: Unicode compatibility-normalized (NFKC),
 * case-folded, trimmed, and with every run of inner whitespace collapsed to one space. Two queries a user would call
 * "the same" (`"  Reset  PASSWORD "`, `"reset password"`) map to one string.
 */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim();
}
