import { HelpEventInput } from './dto/help-event.input';
import { ReportedHelpEventType as T } from './help-event-kind';
import { HelpEventItemError } from './help-event-result.type';
import { MAX_CLIENT_EVENT_ID, MAX_REASON, parseChannel, parseSessionId } from './help-event-fields';

/** How far in the future an event may claim to be (client clocks drift). */
export const MAX_FUTURE_MS = 5 * 60_000;
/** How old an event may be. */
export const MAX_AGE_MS = 400 * 24 * 3_600_000;
/** Largest accepted click position. */
export const MAX_POSITION = 10_000;

/** An item that passed the checks that need no database, with its fields cleaned up. */
export interface CheckedHelpEvent {
  type: T;
  sessionId: string;
  channel: string;
  occurredAt: Date;
  clientEventId: string | null;
  searchId: string | null;
  articleId: string | null;
  position: number | null;
  helpful: boolean | null;
  reason: string | null;
}

/** Which optional fields each type accepts (required ones are checked separately). */
const ALLOWED: Record<T, (keyof HelpEventInput)[]> = {
  [T.SEARCH_CLICK]: ['searchId', 'articleId', 'position'],
  [T.ARTICLE_VIEW]: ['searchId', 'articleId'],
  [T.ARTICLE_VOTE]: ['searchId', 'articleId', 'helpful', 'reason'],
  [T.SUPPORT_CONTACT]: ['searchId', 'articleId'],
};
const REQUIRED: Record<T, (keyof HelpEventInput)[]> = {
  [T.SEARCH_CLICK]: ['searchId', 'articleId', 'position'],
  [T.ARTICLE_VIEW]: ['articleId'],
  [T.ARTICLE_VOTE]: ['articleId', 'helpful'],
  [T.SUPPORT_CONTACT]: [],
};
const TYPE_FIELDS: (keyof HelpEventInput)[] = ['searchId', 'articleId', 'position', 'helpful', 'reason'];

function bad(message: string, field: string): HelpEventItemError {
  return { code: 'BAD_USER_INPUT', message, field };
}

/**
 * Checks one item on its own (shape, field-per-type rules, time bounds) without touching the database. Returns the
 * cleaned event or the first problem found. References (searchId, articleId) are checked afterwards, per batch.
 */
export function validateHelpEvent(input: HelpEventInput, now: Date): CheckedHelpEvent | HelpEventItemError {
  const sessionId = parseSessionId(input.sessionId);
  if (!sessionId) return bad('sessionId must be 1-200 characters', 'sessionId');
  const channel = parseChannel(input.channel);
  if (!channel) return bad('channel must be 1-40 lowercase letters, digits, _, . or -', 'channel');
  const at = input.occurredAt ?? now;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return bad('occurredAt is not a date-time', 'occurredAt');
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS) {
    return bad('occurredAt is more than 5 minutes in the future', 'occurredAt');
  }
  if (at.getTime() < now.getTime() - MAX_AGE_MS) return bad('occurredAt is more than 400 days ago', 'occurredAt');
  const clientEventId = input.clientEventId?.trim() || null;
  if (clientEventId && clientEventId.length > MAX_CLIENT_EVENT_ID) {
    return bad(`clientEventId must be at most ${MAX_CLIENT_EVENT_ID} characters`, 'clientEventId');
  }
  for (const field of TYPE_FIELDS) {
    const present = input[field] !== undefined && input[field] !== null;
    if (present && !ALLOWED[input.type].includes(field)) return bad(`${field} is not allowed on ${input.type}`, field);
    if (!present && REQUIRED[input.type].includes(field)) return bad(`${input.type} needs ${field}`, field);
  }
  const position = input.position ?? null;
  if (position !== null && (!Number.isInteger(position) || position < 1 || position > MAX_POSITION)) {
    return bad(`position must be between 1 and ${MAX_POSITION}`, 'position');
  }
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > MAX_REASON) return bad(`reason must be at most ${MAX_REASON} characters`, 'reason');
  return {
    type: input.type,
    sessionId,
    channel,
    occurredAt: at,
    clientEventId,
    searchId: input.searchId?.toLowerCase() ?? null,
    articleId: input.articleId?.toLowerCase() ?? null,
    position,
    helpful: input.helpful ?? null,
    reason,
  };
}

/** True when `v` is an error rather than a checked event. */
export function isItemError(v: CheckedHelpEvent | HelpEventItemError): v is HelpEventItemError {
  return 'code' in v;
}
