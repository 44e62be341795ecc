import { createHash } from 'node:crypto';
import { FeedbackKind } from './feedback.entity';
import { SubmitFeedbackInput } from './dto/feedback.input';
import { MAX_TEXT_CHARS } from './feedback-validation';

/**
 * How the fields of an imported record become a feedback item. Field names refer to JSON keys or CSV header names.
 */
export interface FeedbackImportMapping {
  /** Template of the text: one field name or several joined with "+", e.g. `title + body` (parts joined by a blank line). */
  text: string;
  /** Field holding the time (ISO 8601 or anything `Date.parse` reads); now when absent. */
  occurredAt?: string;
  /** Field holding the source's own id (the idempotency key). */
  externalId?: string;
  /** When the source has no id: fields hashed (SHA-256) into a stable externalId. */
  externalIdHashOf?: string[];
  /** A fixed kind, or a field whose values map to kinds (unknown values are item errors unless `default` is set). */
  kind?: FeedbackKind | { field: string; map: Record<string, FeedbackKind>; default?: FeedbackKind };
  /** Fields whose values become tags. */
  tagFields?: string[];
  /** Extra tags per value of a field, e.g. label `feature` gives tag `feature-request`. */
  tagMap?: { field: string; map: Record<string, string[]> };
  /** Fields copied into metadata. */
  metadataFields?: string[];
  rating?: string;
  effortScore?: string;
  externalAccountId?: string;
  externalUserId?: string;
  featureKey?: string;
  milestoneKey?: string;
  /** Shorten texts over the 20,000-character limit (noted in metadata) instead of refusing them. Default true. */
  truncateText?: boolean;
}

/** A named mapping with its default source. */
export interface FeedbackImportPreset {
  source: string;
  mapping: FeedbackImportMapping;
}

/**
 * Built-in mappings. `github-issues` reads the JSON Lines export of GitHub issues (product, createdAt, label
 * bug|feature|question, title, body): every issue is FEATURE feedback tagged with its label (bug, feature-request,
 * question) and its product, and its externalId is a hash of product + createdAt + title (the export has no id).
 */
export const FEEDBACK_IMPORT_PRESETS: Record<string, FeedbackImportPreset> = {
  'github-issues': {
    source: 'github',
    mapping: {
      text: 'title + body',
      occurredAt: 'createdAt',
      externalIdHashOf: ['product', 'createdAt', 'title'],
      kind: {
        field: 'label',
        map: { bug: FeedbackKind.FEATURE, feature: FeedbackKind.FEATURE, question: FeedbackKind.FEATURE },
      },
      tagFields: ['product'],
      tagMap: { field: 'label', map: { bug: ['bug'], feature: ['feature-request'], question: ['question'] } },
      metadataFields: ['product', 'label'],
    },
  },
};

/** Marker appended to a shortened text. */
const TRUNCATION_MARKER = '\n\n[truncated]';

/** Either an item ready to submit or why the record cannot become one. */
export type MappedRecord = { input: SubmitFeedbackInput } | { error: string; field: string };

/** Turns one record into a feedback item with the mapping. Pure. */
export function mapRecord(record: Record<string, unknown>, mapping: FeedbackImportMapping, source: string): MappedRecord {
  const str = (field?: string): string | undefined => {
    if (!field) return undefined;
    const v = record[field];
    if (v === null || v === undefined) return undefined;
    const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s.trim() === '' ? undefined : s;
  };
  const num = (field?: string): number | null => (str(field) === undefined ? null : Number(str(field)));

  const kind = mapKind(mapping.kind, str);
  if (!kind) return { error: 'no kind for this record', field: 'kind' };

  const metadata: Record<string, unknown> = {};
  for (const f of mapping.metadataFields ?? []) if (record[f] !== undefined) metadata[f] = record[f];
  let text = evalTemplate(mapping.text, str);
  const chars = [...text];
  if (chars.length > MAX_TEXT_CHARS && mapping.truncateText !== false) {
    text = chars.slice(0, MAX_TEXT_CHARS - TRUNCATION_MARKER.length).join('') + TRUNCATION_MARKER;
    metadata.truncatedFromChars = chars.length;
  }

  let occurredAt: Date | null = null;
  const at = str(mapping.occurredAt);
  if (at !== undefined) {
    occurredAt = new Date(at);
    if (Number.isNaN(occurredAt.getTime())) return { error: `occurredAt "${at.slice(0, 40)}" is not a time`, field: 'occurredAt' };
  }

  const tags = (mapping.tagFields ?? []).flatMap((f) => (str(f) ? [str(f)!] : []));
  const tagKey = mapping.tagMap ? str(mapping.tagMap.field) : undefined;
  if (mapping.tagMap && tagKey !== undefined) tags.push(...(mapping.tagMap.map[tagKey] ?? []));

  return {
    input: {
      kind,
      text,
      source,
      occurredAt,
      externalId: mapping.externalIdHashOf ? hashId(mapping.externalIdHashOf.map((f) => str(f) ?? '')) : str(mapping.externalId) ?? null,
      rating: num(mapping.rating),
      effortScore: num(mapping.effortScore),
      externalAccountId: str(mapping.externalAccountId) ?? null,
      externalUserId: str(mapping.externalUserId) ?? null,
      featureKey: str(mapping.featureKey) ?? null,
      milestoneKey: str(mapping.milestoneKey) ?? null,
      tags,
      metadata: Object.keys(metadata).length ? metadata : null,
    },
  };
}

/** `title + body` gives the non-empty fields joined by a blank line. */
function evalTemplate(template: string, str: (f: string) => string | undefined): string {
  return template
    .split('+')
    .map((f) => str(f.trim()))
    .filter((v): v is string => v !== undefined)
    .join('\n\n');
}

function mapKind(
  spec: FeedbackImportMapping['kind'],
  str: (f: string) => string | undefined,
): FeedbackKind | undefined {
  if (spec === undefined) return FeedbackKind.FEATURE;
  if (typeof spec === 'string') return spec;
  const value = str(spec.field)?.trim().toLowerCase();
  return (value !== undefined ? spec.map[value] : undefined) ?? spec.default;
}

/** A stable id from the given values (SHA-256 of the values joined by newlines, 40 hex characters). */
export function hashId(values: string[]): string {
  return createHash('sha256').update(values.join('\n')).digest('hex').slice(0, 40);
}
