/** The searchable projection of a published article, as stored in the search index. */
export interface ArticleDocument {
  id: string;
  workspaceId: string;
  slug: string;
  title: string;
  summary: string;
  /** Body as plain text, Markdown/MDX markup stripped. */
  body: string;
  locale: string;
  tags: string[];
  featureId: string | null;
  status: string;
  updatedAt: number;
}

/** What to search for; `workspaceId` is always applied as a filter. */
export interface SearchRequest {
  workspaceId: string;
  query: string;
  locale?: string;
  featureId?: string;
  tags?: string[];
  offset: number;
  limit: number;
}

/** One hit: the article id and an HTML snippet with matches wrapped in `<mark>`. */
export interface SearchHit {
  id: string;
  titleHighlighted: string;
  snippet: string;
}

/** One page of search results. */
export interface SearchResult {
  hits: SearchHit[];
  /** Estimated total number of matching published articles. */
  total: number;
}

/**
 * The small interface the rest of Helpscope uses for article search, so the engine can change (or be absent, in which
 * case search falls back to PostgreSQL).
 */
export interface SearchEngine {
  /** Creates the index and applies its settings; safe to call repeatedly. */
  ensureIndex(): Promise<void>;
  /** Adds or replaces documents and waits until the engine has applied them. */
  upsert(docs: ArticleDocument[]): Promise<void>;
  /** Removes documents by id and waits until the engine has applied it. */
  remove(ids: string[]): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** True when the engine answers its health check. */
  isHealthy(): Promise<boolean>;
  /**
   * A short-lived token that lets a browser search the engine directly, but only the workspace's published
   * articles (Meilisearch tenant token).
   */
  tenantToken(workspaceId: string, expiresAt: Date): Promise<TenantToken>;
}

/** What a portal needs to query the engine directly (e.g. with instant-meilisearch). */
export interface TenantToken {
  token: string;
  host: string;
  indexUid: string;
  expiresAt: Date;
}
