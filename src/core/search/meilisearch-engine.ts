import { MeiliSearch, Index } from 'meilisearch';
import { meiliHttpClient } from './meili-http';
import { eq } from './filter';
import { waitApplied } from './meili-tasks';
import { ArticleDocument, SearchEngine, SearchRequest, SearchResult, TenantToken } from './search-engine';
import type { generateTenantToken as GenerateTenantToken } from 'meilisearch/dist/types/token';

// The token helper is a separate CommonJS entry point of the client (`meilisearch/token`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateTenantToken } = require('meilisearch/token') as { generateTenantToken: typeof GenerateTenantToken };

/** Name of the search-only Meilisearch key that signs portal tenant tokens. */
const PORTAL_KEY_NAME = 'helpscope-portal-search';

/** Index settings: what is searchable (in ranking order) and what can be filtered. */
const SETTINGS = {
  searchableAttributes: ['title', 'summary', 'body', 'tags'],
  filterableAttributes: ['workspaceId', 'locale', 'status', 'featureId', 'tags'],
  sortableAttributes: ['updatedAt'],
  displayedAttributes: ['id', 'workspaceId', 'title', 'summary', 'body', 'slug', 'locale', 'status'],
  // Meilisearch stops paging at 1,000 hits by default; deep pages of a broad query must stay reachable.
  pagination: { maxTotalHits: 100_000 },
};

/** {@link SearchEngine} backed by a Meilisearch server, through the `meilisearch` client over keep-alive HTTP. */
export class MeilisearchEngine implements SearchEngine {
  readonly client: MeiliSearch;
  private readonly index: Index<ArticleDocument>;

  private portalKey?: Promise<{ key: string; uid: string }>;

  /**
   * @param publicUrl Address browsers use to reach this Meilisearch (defaults to `url`).
   */
  constructor(
    readonly url: string,
    readonly masterKey: string,
    readonly indexName: string,
    readonly publicUrl: string = url,
  ) {
    this.client = new MeiliSearch({ host: url, apiKey: masterKey, httpClient: meiliHttpClient, timeout: 15_000 });
    this.index = this.client.index<ArticleDocument>(indexName);
  }

  async ensureIndex(): Promise<void> {
    await this.ensureIndexNamed(this.indexName);
  }

  /** Creates `name` with the article settings (used for the live index and for rebuilds). */
  async ensureIndexNamed(name: string): Promise<void> {
    try {
      await waitApplied(this.client.createIndex(name, { primaryKey: 'id' }), 'index creation', 60_000);
    } catch {
      // already exists: settings below still apply
    }
    await waitApplied(this.client.index(name).updateSettings(SETTINGS), 'settings update', 60_000);
  }

  async upsert(docs: ArticleDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await waitApplied(this.index.addDocuments(docs, { primaryKey: 'id' }), 'indexing', 120_000);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await waitApplied(this.index.deleteDocuments(ids), 'delete', 120_000);
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const filter = [eq('workspaceId', req.workspaceId), eq('status', 'PUBLISHED')];
    if (req.locale) filter.push(eq('locale', req.locale));
    if (req.featureId) filter.push(eq('featureId', req.featureId));
    for (const tag of req.tags ?? []) filter.push(eq('tags', tag));
    const res = await this.index.search(req.query, {
      filter: filter.join(' AND '),
      offset: req.offset,
      limit: req.limit,
      attributesToRetrieve: ['id'],
      attributesToHighlight: ['title'],
      attributesToCrop: ['body'],
      cropLength: 24,
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
    });
    return {
      total: res.estimatedTotalHits ?? res.hits.length,
      hits: res.hits.map((h) => ({
        id: h.id,
        titleHighlighted: String(h._formatted?.title ?? ''),
        snippet: String(h._formatted?.body ?? ''),
      })),
    };
  }

  async isHealthy(): Promise<boolean> {
    try {
      await this.client.health();
      return true;
    } catch {
      return false;
    }
  }

  async tenantToken(workspaceId: string, expiresAt: Date): Promise<TenantToken> {
    const { key, uid } = await this.ensurePortalKey();
    const token = await generateTenantToken({
      apiKey: key,
      apiKeyUid: uid,
      expiresAt,
      searchRules: { [this.indexName]: { filter: [eq('workspaceId', workspaceId), eq('status', 'PUBLISHED')].join(' AND ') } },
    });
    return { token, host: this.publicUrl, indexUid: this.indexName, expiresAt };
  }

  /** Finds or creates the search-only key (limited to the article index) that signs tenant tokens. */
  private ensurePortalKey(): Promise<{ key: string; uid: string }> {
    this.portalKey ??= (async () => {
      const { results } = await this.client.getKeys({ limit: 1000 });
      const existing = results.find((k) => k.name === PORTAL_KEY_NAME && k.indexes.includes(this.indexName));
      const key =
        existing ??
        (await this.client.createKey({
          name: PORTAL_KEY_NAME,
          description: 'Signs Helpscope portal tenant tokens',
          actions: ['search'],
          indexes: [this.indexName],
          expiresAt: null,
        }));
      return { key: key.key, uid: key.uid };
    })().catch((err) => {
      this.portalKey = undefined;
      throw err;
    });
    return this.portalKey;
  }
}
