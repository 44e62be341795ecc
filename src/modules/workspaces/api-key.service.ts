import { DataSource, IsNull, Repository } from 'typeorm';
import { ApiKey, Scope } from './api-key.entity';
import { generateSecret, parseSecret, sameHash, hashSecret } from '../../core/auth/api-key-secret';
import { Principal } from '../../core/auth/principal';
import { BadInputError, NotFoundError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** A key as just created: the only time its secret is available. */
export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

/** Creates, lists, revokes and authenticates API keys. Secrets are never stored, only their hash. */
export class ApiKeyService {
  private readonly repo: Repository<ApiKey>;
  /** Recently verified keys, so a burst of requests does not hit the database for each one. */
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ApiKey);
  }

  /** Creates a key in the caller's workspace. */
  async create(ctx: RequestContext, name: string, scopes: Scope[]): Promise<CreatedApiKey> {
    return this.createFor(workspaceOf(ctx), name, scopes);
  }

  /** Creates a key in `workspaceId` (used by the CLI and bootstrap, which have no request). */
  async createFor(workspaceId: string, name: string, scopes: Scope[], secret?: string): Promise<CreatedApiKey> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new BadInputError('name must be 1 to 100 characters', 'name');
    if (scopes.length === 0) throw new BadInputError('give at least one scope', 'scopes');
    let generated = generateSecret();
    if (secret) {
      const parsed = parseSecret(secret);
      if (!parsed) throw new BadInputError('malformed key secret');
      generated = { secret, prefix: parsed.prefix, hash: parsed.hash };
    }
    const apiKey = await this.repo.save(
      this.repo.create({
        workspaceId,
        name: trimmed,
        prefix: generated.prefix,
        secretHash: generated.hash,
        scopes: [...new Set(scopes)],
      }),
    );
    return { apiKey, secret: generated.secret };
  }

  /** Keys of the caller's workspace, newest first, revoked ones included. */
  async list(ctx: RequestContext): Promise<ApiKey[]> {
    return this.repo.find({ where: { workspaceId: workspaceOf(ctx) }, order: { createdAt: 'DESC' } });
  }

  /** Revokes a key of the caller's workspace; it stops working at once on this server. */
  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    const key = await this.repo.findOne({ where: { id, workspaceId: workspaceOf(ctx) } });
    if (!key) throw new NotFoundError('API key');
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.repo.save(key);
    }
    this.cache.clear();
    return key;
  }

  /** Makes sure a key with exactly this secret exists in the workspace (BOOTSTRAP_ADMIN_KEY). */
  async ensureKey(workspaceId: string, name: string, secret: string, scopes: Scope[]): Promise<void> {
    const parsed = parseSecret(secret);
    if (!parsed) throw new BadInputError('malformed key secret');
    const existing = await this.repo.findOne({ where: { prefix: parsed.prefix } });
    if (existing && existing.workspaceId === workspaceId && sameHash(existing.secretHash, parsed.hash)) return;
    if (existing) throw new BadInputError('another key already uses the prefix of BOOTSTRAP_ADMIN_KEY');
    await this.createFor(workspaceId, name, scopes, secret);
  }

  /**
   * Resolves a presented secret to its principal, or undefined when it is unknown, malformed or revoked.
   * Results are cached for 10 seconds (revocation on this server clears the cache at once).
   */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const parsed = parseSecret(secret);
    if (!parsed) return undefined;
    const cached = this.cache.get(parsed.hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const key = await this.repo.findOne({ where: { prefix: parsed.prefix, revokedAt: IsNull() } });
    const principal =
      key && sameHash(key.secretHash, hashSecret(secret))
        ? { workspaceId: key.workspaceId, apiKeyId: key.id, apiKeyName: key.name, scopes: key.scopes }
        : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(parsed.hash, { principal, until: Date.now() + 10_000 });
    return principal;
  }
}
