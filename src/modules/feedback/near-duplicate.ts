/**
 * Near-duplicate detection for feedback: the same account (or the same source and user when there is no account)
 * sending nearly the same text again within a week. Texts are compared by the Jaccard similarity of their word
 * shingles (3 consecutive normalized words).
 */

/** Similarity at or above which two texts are near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** How far back an earlier item can be to be the original, in milliseconds (7 days). */
export const NEAR_DUPLICATE_WINDOW_MS = 7 * 24 * 3600 * 1000;

const SHINGLE = 3;

/** Case-folded words of a text, punctuation dropped. */
export function normalizedWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The set of word shingles of a text (the words themselves when the text is shorter than a shingle). */
export function shingles(text: string): Set<string> {
  const words = normalizedWords(text);
  const size = Math.min(SHINGLE, words.length);
  const out = new Set<string>();
  for (let i = 0; size > 0 && i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/** Jaccard similarity of two shingle sets (1 for two empty sets). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Who sent an item, for near-duplicate grouping; null when the item is not attributed at all. */
export function authorKey(item: {
  source: string;
  externalAccountId?: string | null;
  externalUserId?: string | null;
}): string | null {
  if (item.externalAccountId) return `a:${item.externalAccountId}`;
  if (item.externalUserId) return `u:${item.source}:${item.externalUserId}`;
  return null;
}

/** An earlier item that a new one may duplicate. */
export interface DuplicateCandidate {
  id: string;
  occurredAt: Date;
  shingles: Set<string>;
}

/**
 * The earlier candidate (occurred within the window before `occurredAt`, or at the same instant) most similar to
 * `text`, when similar enough; ties go to the earliest.
 */
export function findNearDuplicate(
  text: Set<string>,
  occurredAt: Date,
  candidates: DuplicateCandidate[],
): DuplicateCandidate | null {
  let best: DuplicateCandidate | null = null;
  let bestSim = 0;
  const t = occurredAt.getTime();
  for (const c of candidates) {
    const ct = c.occurredAt.getTime();
    if (ct > t || ct < t - NEAR_DUPLICATE_WINDOW_MS) continue;
    const sim = jaccard(text, c.shingles);
    if (sim < NEAR_DUPLICATE_THRESHOLD) continue;
    if (!best || sim > bestSim || (sim === bestSim && ct < best.occurredAt.getTime())) {
      best = c;
      bestSim = sim;
    }
  }
  return best;
}
