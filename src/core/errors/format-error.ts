import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { logger } from '../logging/logger';
import { AppError } from './errors';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Apollo codes that are really bad input from the client, reported as `BAD_USER_INPUT`. */
const INPUT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

/**
 * Masks every error that was not raised on purpose for the client: no SQL, stack or file path ever leaves the server.
 * Validation errors from class-validator (type-graphql's `Argument Validation Error`) become `BAD_USER_INPUT` with the
 * failing constraints listed.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.code as string | undefined;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { ...original.extensions } };
  }
  const validation = validationDetails(original);
  if (validation) {
    return { ...base, message: `Invalid input: ${validation.join('; ')}`, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code && CLIENT_CODES.has(code)) {
    const visible = INPUT_CODES.has(code) ? 'BAD_USER_INPUT' : code;
    return { ...base, extensions: { code: visible, ...(visible !== code ? { reason: code } : {}) } };
  }
  const database = databaseRefusal(original);
  if (database) return { ...base, message: database.message, extensions: { code: database.code } };
  if (isSearchUnreachable(original)) {
    logger.warn({ err: original, path: formatted.path }, 'search engine unreachable');
    return {
      ...base,
      message: 'The search engine is unavailable right now: try again shortly',
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SEARCH_UNAVAILABLE', retryable: true },
    };
  }
  // Request-level errors (parse, validation, variable coercion) carry no path: they are the client's.
  if (!formatted.path && !code) return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  // Apollo's own request refusals without a code (e.g. an APQ hash that does not match its query) carry a 4xx status.
  if (!formatted.path && isClientHttpStatus(error)) return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  logger.error({ err: original, path: formatted.path }, 'unexpected error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * PostgreSQL refusals a client can act on: a statement cancelled by the statement timeout (ask for less) and a
 * deadlock or serialization failure between concurrent writes (send again). Nothing was written in either case.
 */
function databaseRefusal(err: unknown): { code: 'BAD_USER_INPUT' | 'CONFLICT'; message: string } | undefined {
  const e = err as { code?: string; driverError?: { code?: string } } | undefined;
  const pgCode = e?.driverError?.code ?? e?.code;
  if (pgCode === '57014') {
    logger.warn({ err }, 'statement timeout');
    return {
      code: 'BAD_USER_INPUT',
      message: 'The request took longer than the database allows: ask for a shorter range or a wider interval',
    };
  }
  if (pgCode === '40P01' || pgCode === '40001') {
    return { code: 'CONFLICT', message: 'The request conflicted with a concurrent change and was not applied: send it again' };
  }
  return undefined;
}

/**
 * True when the error (or its cause) is a failure to reach Meilisearch at all: connection refused or reset, or no
 * answer in time. Meilisearch answering with an error of its own is not one of them.
 */
export function isSearchUnreachable(err: unknown): boolean {
  for (let e = err as { name?: string; status?: number; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.name === 'MeiliSearchRequestError' || e.name === 'MeiliSearchRequestTimeOutError') return true;
    if (e.name === 'MeiliHttpError' && e.status === 0) return true;
  }
  return false;
}

function isClientHttpStatus(err: unknown): boolean {
  const status = (err as { extensions?: { http?: { status?: number } } } | undefined)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function validationDetails(err: unknown): string[] | undefined {
  const e = err as { message?: string; extensions?: { validationErrors?: unknown[] } } | undefined;
  if (!e || !Array.isArray(e.extensions?.validationErrors)) return undefined;
  const out: string[] = [];
  const walk = (items: unknown[], prefix: string) => {
    for (const item of items as { property: string; constraints?: Record<string, string>; children?: unknown[] }[]) {
      const p = prefix ? `${prefix}.${item.property}` : item.property;
      for (const msg of Object.values(item.constraints ?? {})) out.push(`${p}: ${msg}`);
      if (item.children?.length) walk(item.children, p);
    }
  };
  walk(e.extensions!.validationErrors!, '');
  return out.length ? out : [e.message ?? 'invalid input'];
}
