import path from 'node:path';

/** Log levels accepted by `LOG_LEVEL` (pino's). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Everything Helpscope reads from the environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** `undefined` means: serve an embedded PGlite database stored under `dataDir/pg`. */
  databaseUrl?: string;
  /** Connections to an external PostgreSQL. The embedded one always uses 1 (PGlite runs one session). */
  databasePoolSize: number;
  /** `undefined` means: spawn the bundled Meilisearch binary with data under `dataDir/meili`. */
  meiliUrl?: string;
  meiliMasterKey?: string;
  /** Address browsers use to reach Meilisearch with portal tenant tokens; defaults to the Meilisearch URL. */
  meiliPublicUrl?: string;
  /** Name of the Meilisearch index holding articles (one index shared by all workspaces, filtered by workspace). */
  meiliIndex: string;
  logLevel: (typeof LOG_LEVELS)[number];
  nodeEnv: string;
  /** Folder for embedded data (PGlite, Meilisearch, generated keys). */
  dataDir: string;
  /** Apply pending migrations when the server starts. */
  migrateOnStart: boolean;
  /** Create the `demo` workspace from `seeds/` when it does not exist yet. */
  seedDemo: boolean;
  /** When set, the demo workspace has an admin key with exactly this secret. */
  bootstrapAdminKey?: string;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Query-shape and request-rate limits of the HTTP API. */
  limits: RequestLimits;
}

/**
 * Limits that protect the API from expensive or abusive requests. Rate limits are kept in memory per process:
 * with several servers behind a load balancer, each server keeps its own buckets.
 */
export interface RequestLimits {
  /** `GRAPHQL_MAX_DEPTH`: deepest selection nesting accepted (default 10). */
  maxDepth: number;
  /** `GRAPHQL_MAX_COMPLEXITY`: highest estimated cost (fields, list fields times `first`), default 10000 (three nested pages of 100 fit). */
  maxComplexity: number;
  /** `GRAPHQL_MAX_ALIASES`: aliases accepted in one operation (default 30). */
  maxAliases: number;
  /** `GRAPHQL_MAX_TOKENS`: lexical tokens accepted in one document (default 20000). */
  maxTokens: number;
  /** `GRAPHQL_MAX_BATCH`: operations accepted in one batched (array) HTTP request (default 10). */
  maxBatch: number;
  /** `RATE_LIMIT_PER_MINUTE`: operations per minute per API key (or per IP without a valid key), default 6000. */
  ratePerMinute: number;
  /** `RATE_LIMIT_BURST`: operations accepted within one second per key (default a tenth of the minute, at least 50). */
  rateBurst: number;
}

/** Raised when an environment variable has a value Helpscope cannot use. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parseUrl(name: string, raw: string | undefined, protocols: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${raw}"`);
  }
  return raw;
}

/**
 * Reads and validates the environment. Throws a {@link ConfigError} whose message names the variable to fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const portRaw = env.PORT ?? '4000';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${portRaw}"`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const meiliUrl = parseUrl('MEILI_URL', env.MEILI_URL, ['http:', 'https:']);
  const meiliMasterKey = env.MEILI_MASTER_KEY || undefined;
  if (meiliUrl && !meiliMasterKey) {
    throw new ConfigError('MEILI_URL is set but MEILI_MASTER_KEY is not: set the master key of that Meilisearch');
  }
  const bootstrapAdminKey = env.BOOTSTRAP_ADMIN_KEY || undefined;
  if (bootstrapAdminKey && !/^hs_[a-z0-9]{8}_[A-Za-z0-9_-]{24,}$/.test(bootstrapAdminKey)) {
    throw new ConfigError(
      'BOOTSTRAP_ADMIN_KEY must look like hs_<8 lowercase letters or digits>_<at least 24 letters, digits, - or _>',
    );
  }
  const bodyLimitRaw = env.BODY_LIMIT_BYTES ?? String(5 * 1024 * 1024);
  const bodyLimitBytes = Number(bodyLimitRaw);
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 256 * 1024) {
    throw new ConfigError(`BODY_LIMIT_BYTES must be an integer of at least 262144, got "${bodyLimitRaw}"`);
  }
  const index = env.MEILI_INDEX || 'articles';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(index)) {
    throw new ConfigError(`MEILI_INDEX may hold only letters, digits, - and _, got "${index}"`);
  }
  const poolRaw = env.DATABASE_POOL_SIZE ?? '10';
  const databasePoolSize = Number(poolRaw);
  if (!Number.isInteger(databasePoolSize) || databasePoolSize < 1 || databasePoolSize > 200) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be an integer between 1 and 200, got "${poolRaw}"`);
  }
  return {
    limits: loadRequestLimits(env),
    port,
    databasePoolSize,
    databaseUrl: parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    meiliUrl,
    meiliMasterKey,
    meiliPublicUrl: parseUrl('MEILI_PUBLIC_URL', env.MEILI_PUBLIC_URL, ['http:', 'https:']),
    meiliIndex: index,
    logLevel,
    nodeEnv: env.NODE_ENV || 'development',
    dataDir: path.resolve(env.HELPSCOPE_DATA_DIR || '.data'),
    migrateOnStart: parseBool('MIGRATE_ON_START', env.MIGRATE_ON_START, true),
    seedDemo: parseBool('SEED_DEMO', env.SEED_DEMO, true),
    bootstrapAdminKey,
    bodyLimitBytes,
  };
}

function parseIntIn(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** Reads the `GRAPHQL_MAX_*` and `RATE_LIMIT_*` variables (see {@link RequestLimits}). */
export function loadRequestLimits(env: NodeJS.ProcessEnv): RequestLimits {
  const ratePerMinute = parseIntIn('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, 1, 10_000_000);
  const burstDefault = Math.min(ratePerMinute, Math.max(50, Math.ceil(ratePerMinute / 10)));
  return {
    maxDepth: parseIntIn('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 10, 2, 100),
    maxComplexity: parseIntIn('GRAPHQL_MAX_COMPLEXITY', env.GRAPHQL_MAX_COMPLEXITY, 10_000, 10, 10_000_000),
    maxAliases: parseIntIn('GRAPHQL_MAX_ALIASES', env.GRAPHQL_MAX_ALIASES, 30, 0, 10_000),
    maxTokens: parseIntIn('GRAPHQL_MAX_TOKENS', env.GRAPHQL_MAX_TOKENS, 20_000, 100, 10_000_000),
    maxBatch: parseIntIn('GRAPHQL_MAX_BATCH', env.GRAPHQL_MAX_BATCH, 10, 1, 1000),
    ratePerMinute,
    rateBurst: parseIntIn('RATE_LIMIT_BURST', env.RATE_LIMIT_BURST, burstDefault, 1, 10_000_000),
  };
}
