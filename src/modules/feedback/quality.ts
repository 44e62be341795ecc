/**
 * Deterministic feedback quality score (0-100). Every signal has a fixed weight; the score is the sum of the weights
 * of the signals present, so a reader can recompute it by hand from the stored signals. See docs/metrics.md.
 */

/** Name of one quality signal. */
export type QualitySignalName =
  | 'enoughWords'
  | 'specific'
  | 'hasScore'
  | 'describesSteps'
  | 'attributed'
  | 'notDuplicate';

/** Weight of each signal; they add up to 100. */
export const QUALITY_WEIGHTS: Readonly<Record<QualitySignalName, number>> = {
  enoughWords: 20,
  specific: 20,
  hasScore: 15,
  describesSteps: 20,
  attributed: 10,
  notDuplicate: 15,
};

/** Minimum number of words for the `enoughWords` signal. */
export const MIN_WORDS = 20;

/** Score at or above which an item counts as "actionable". */
export const ACTIONABLE_SCORE = 60;

/** What the scorer looks at. */
export interface ScorableFeedback {
  text: string;
  featureId?: string | null;
  milestoneId?: string | null;
  rating?: number | null;
  effortScore?: number | null;
  externalAccountId?: string | null;
  /** True when the item nearly duplicates an earlier one from the same account/user. */
  nearDuplicate?: boolean;
}

/** The score and the signals behind it. */
export interface QualityResult {
  score: number;
  signals: Record<QualitySignalName, boolean>;
}

/** Phrasing that describes reproduction steps, expectations or observed behaviour (also as markdown headings). */
const STEP_PATTERNS: RegExp[] = [
  /steps?\s+to\s+reproduce/i,
  /\brepro(duction)?\s+steps\b/i,
  /^\s*#{1,6}\s*(steps|expected|actual|current|observed|reproduc)/im,
  /\bexpected\s+(behaviou?r|result|outcome)\b/i,
  /\bactual\s+(behaviou?r|result|outcome)\b/i,
  /\b(i|we)\s+expected\b/i,
  /\bexpected\s*:/i,
  /\bactual(ly)?\s*:/i,
  /\binstead\s+(it|of)\b/i,
  /^\s*1[.)]\s+\S.*\n\s*2[.)]\s+\S/m,
];

/** Counts words: runs of letters or digits (Unicode aware). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu)?.length ?? 0;
}

/** True when the text describes steps, expected or actual behaviour. */
export function describesSteps(text: string): boolean {
  return STEP_PATTERNS.some((re) => re.test(text));
}

/** Scores one feedback item. Pure and deterministic: the same item always gets the same score. */
export function scoreFeedback(item: ScorableFeedback): QualityResult {
  const signals: Record<QualitySignalName, boolean> = {
    enoughWords: countWords(item.text) >= MIN_WORDS,
    specific: Boolean(item.featureId || item.milestoneId),
    hasScore: item.rating != null || item.effortScore != null,
    describesSteps: describesSteps(item.text),
    attributed: Boolean(item.externalAccountId),
    notDuplicate: !item.nearDuplicate,
  };
  let score = 0;
  for (const name of Object.keys(signals) as QualitySignalName[]) if (signals[name]) score += QUALITY_WEIGHTS[name];
  return { score, signals };
}
