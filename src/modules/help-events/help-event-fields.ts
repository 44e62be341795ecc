import { BadInputError } from '../../core/errors/errors';

/** Longest accepted session id, client event id and query. */
export const MAX_SESSION_ID = 200;
export const MAX_CLIENT_EVENT_ID = 200;
export const MAX_REASON = 1000;

const CHANNEL = /^[a-z0-9][a-z0-9_.-]{0,39}$/;

/** Lowercases and checks a channel name (`portal`, `in_app`, ...); undefined when it is not acceptable. */
export function parseChannel(raw: string | undefined | null): string | undefined {
  const c = (raw ?? 'portal').trim().toLowerCase();
  return CHANNEL.test(c) ? c : undefined;
}

/** Trims and checks a session id; undefined when blank or too long. */
export function parseSessionId(raw: string | undefined | null): string | undefined {
  const s = (raw ?? '').trim();
  return s.length > 0 && s.length <= MAX_SESSION_ID ? s : undefined;
}

/** {@link parseChannel} for a resolver argument: BAD_USER_INPUT naming the field. */
export function requireChannel(raw: string | undefined | null, field = 'channel'): string {
  const c = parseChannel(raw);
  if (!c) throw new BadInputError(`${field} must be 1-40 lowercase letters, digits, _, . or -`, field);
  return c;
}

/** {@link parseSessionId} for a resolver argument: BAD_USER_INPUT naming the field. */
export function requireSessionId(raw: string, field = 'sessionId'): string {
  const s = parseSessionId(raw);
  if (!s) throw new BadInputError(`${field} must be 1-${MAX_SESSION_ID} characters`, field);
  return s;
}
