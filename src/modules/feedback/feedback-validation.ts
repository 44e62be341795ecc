import { FeedbackKind } from './feedback.entity';
import { SubmitFeedbackInput } from './dto/feedback.input';
import { PERIOD_BOUNDS } from '../../core/validation/period';

/** Longest accepted text, in characters. */
export const MAX_TEXT_CHARS = 20_000;
/** Largest accepted metadata, in bytes of JSON. */
export const MAX_METADATA_BYTES = 16 * 1024;
/** Deepest nesting of metadata (PostgreSQL's jsonb parser has a stack; real metadata is a few levels deep). */
export const MAX_METADATA_DEPTH = 32;
/** Tolerated clock skew for occurredAt in the future. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Most items one batch may carry. */
export const MAX_BATCH_ITEMS = 1000;

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ID_CHARS = 200;
const MAX_TAGS = 50;
const MAX_TAG_CHARS = 100;

/** A reason an item is refused, reported per item in batches. */
export interface ItemError {
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  message: string;
  field: string | null;
}

/** A valid item, normalized, with its feature and milestone references still to resolve. */
export interface ValidFeedback {
  kind: FeedbackKind;
  text: string;
  rating: number | null;
  effortScore: number | null;
  source: string;
  externalId: string | null;
  externalAccountId: string | null;
  externalUserId: string | null;
  tags: string[];
  metadata: Record<string, unknown> | null;
  occurredAt: Date;
  feature: { id: string } | { key: string } | null;
  milestone: { id: string } | { key: string } | null;
}

class Invalid extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * Checks and normalizes one item (text trimmed, source and tags lowercased, occurredAt defaulted to `now`). Pure:
 * returns the item or the first problem found, never throws.
 */
export function validateFeedbackInput(input: SubmitFeedbackInput, now: Date): ValidFeedback | ItemError {
  try {
    return validate(input, now);
  } catch (err) {
    if (err instanceof Invalid) return { code: 'BAD_USER_INPUT', message: err.message, field: err.field };
    throw err;
  }
}

/** True when a validation result is an error. */
export function isItemError(v: ValidFeedback | ItemError): v is ItemError {
  return 'code' in v;
}

function validate(input: SubmitFeedbackInput, now: Date): ValidFeedback {
  if (!input || typeof input !== 'object') throw new Invalid('item must be an object', 'input');
  if (!Object.values(FeedbackKind).includes(input.kind)) throw new Invalid('kind is not a feedback kind', 'kind');
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) throw new Invalid('text must not be empty', 'text');
  if ([...text].length > MAX_TEXT_CHARS) throw new Invalid(`text must be at most ${MAX_TEXT_CHARS} characters`, 'text');
  if (!isStorable(text)) throw new Invalid('text must not contain NUL characters or unpaired surrogates', 'text');

  const rating = optionalInt(input.rating, 1, 5, 'rating');
  const effortScore = optionalInt(input.effortScore, 1, 7, 'effortScore');
  if (input.kind === FeedbackKind.EASE_OF_USE && effortScore === null) {
    throw new Invalid('effortScore (1-7) is required for EASE_OF_USE feedback', 'effortScore');
  }
  if (input.kind !== FeedbackKind.EASE_OF_USE && effortScore !== null) {
    throw new Invalid('effortScore is only accepted for EASE_OF_USE feedback', 'effortScore');
  }

  const source = typeof input.source === 'string' ? input.source.trim().toLowerCase() : '';
  if (!SOURCE.test(source)) {
    throw new Invalid('source must be 1-64 lowercase letters, digits, ".", "_" or "-"', 'source');
  }

  const occurredAt = input.occurredAt ?? now;
  if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime())) {
    throw new Invalid('occurredAt is not a valid time', 'occurredAt');
  }
  if (occurredAt.getTime() < PERIOD_BOUNDS.earliest) throw new Invalid('occurredAt must not be before 1970', 'occurredAt');
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new Invalid('occurredAt must not be in the future', 'occurredAt');
  }

  const feature = reference(input.featureId, input.featureKey, 'feature');
  const milestone = reference(input.milestoneId, input.milestoneKey, 'milestone');
  if (input.kind === FeedbackKind.MILESTONE && !milestone) {
    throw new Invalid('MILESTONE feedback needs milestoneId or milestoneKey', 'milestoneId');
  }

  return {
    kind: input.kind,
    text,
    rating,
    effortScore,
    source,
    externalId: optionalId(input.externalId, 'externalId'),
    externalAccountId: optionalId(input.externalAccountId, 'externalAccountId'),
    externalUserId: optionalId(input.externalUserId, 'externalUserId'),
    tags: tags(input.tags),
    metadata: metadata(input.metadata),
    occurredAt,
    feature,
    milestone,
  };
}

function optionalInt(v: unknown, min: number, max: number, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Invalid(`${field} must be an integer from ${min} to ${max}`, field);
  }
  return v;
}

function optionalId(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v.trim() : '';
  if (!s || s.length > MAX_ID_CHARS || !isStorable(s)) {
    throw new Invalid(`${field} must be 1-${MAX_ID_CHARS} valid characters`, field);
  }
  return s;
}

function reference(id: unknown, key: unknown, what: string): { id: string } | { key: string } | null {
  const hasId = id !== null && id !== undefined;
  const hasKey = key !== null && key !== undefined;
  if (hasId && hasKey) throw new Invalid(`give ${what}Id or ${what}Key, not both`, `${what}Id`);
  if (hasId) {
    if (typeof id !== 'string' || !UUID.test(id)) throw new Invalid(`${what}Id must be a UUID`, `${what}Id`);
    return { id: id.toLowerCase() };
  }
  if (hasKey) {
    const k = typeof key === 'string' ? key.trim() : '';
    if (!k || k.length > 100) throw new Invalid(`${what}Key must be 1-100 characters`, `${what}Key`);
    return { key: k };
  }
  return null;
}

function tags(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new Invalid('tags must be a list of strings', 'tags');
  if (v.length > MAX_TAGS) throw new Invalid(`at most ${MAX_TAGS} tags`, 'tags');
  const out = new Set<string>();
  for (const t of v) {
    if (typeof t !== 'string') throw new Invalid('tags must be a list of strings', 'tags');
    const n = t.trim().toLowerCase();
    if (!isStorable(n)) throw new Invalid('tags must not contain NUL characters or unpaired surrogates', 'tags');
    if (n.length > MAX_TAG_CHARS) throw new Invalid(`each tag must be at most ${MAX_TAG_CHARS} characters`, 'tags');
    if (n) out.add(n);
  }
  return [...out];
}

function metadata(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Invalid('metadata must be a JSON object', 'metadata');
  if (jsonDepth(v) > MAX_METADATA_DEPTH) {
    throw new Invalid(`metadata may nest at most ${MAX_METADATA_DEPTH} levels`, 'metadata');
  }
  const json = JSON.stringify(v, (key: string, value: unknown) => {
    if (!isStorable(key) || (typeof value === 'string' && !isStorable(value))) {
      throw new Invalid('metadata must not contain NUL characters or unpaired surrogates', 'metadata');
    }
    return value;
  });
  if (Buffer.byteLength(json, 'utf8') > MAX_METADATA_BYTES) {
    throw new Invalid(`metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON`, 'metadata');
  }
  return v as Record<string, unknown>;
}

/** Nesting depth of a JSON value (a scalar is 0, `{}` is 1), without recursion. */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, depth + 1);
    if (max > MAX_METADATA_DEPTH) return max;
    for (const item of Object.values(v)) stack.push([item, depth + 1]);
  }
  return max;
}

/** PostgreSQL text and jsonb refuse NUL and unpaired UTF-16 surrogates. */
function isStorable(s: string): boolean {
  return !s.includes('\u0000') && !/\p{Cs}/u.test(s);
}
