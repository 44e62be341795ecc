import { Brackets, DataSource, IsNull, MoreThan } from 'typeorm';
import { Article, ArticleStatus } from './article.entity';
import { isSearchable, toDocument } from './article-indexer';
import { MeilisearchEngine } from '../../core/search/meilisearch-engine';
import { SearchEngine } from '../../core/search/search-engine';
import { waitApplied } from '../../core/search/meili-tasks';

/** Articles read from PostgreSQL and sent to Meilisearch per batch during a rebuild. */
export const REINDEX_BATCH_SIZE = 500;

/** Articles changed this long before the rebuild started are re-applied after the swap (clock and commit slack). */
const CATCH_UP_MARGIN_SECONDS = 60;

/** What a rebuild did. */
export interface ReindexResult {
  /** The live index name (unchanged: the rebuilt content was swapped into it). */
  index: string;
  /** Temporary index the content was built in; deleted after the swap. */
  builtIn: string;
  /** Published, non-deleted articles indexed, over all workspaces. */
  documents: number;
  /** Articles changed during the rebuild and re-applied to the live index after the swap. */
  caughtUp: number;
  durationMs: number;
}

/** Progress of a rebuild: documents sent so far. */
export type ReindexProgress = (indexed: number, total: number) => void;

/**
 * Rebuilds the Meilisearch article index of the whole deployment (every workspace) from PostgreSQL without a gap
 * in search: the new content is built in a fresh index with the same settings, swapped atomically with the live one,
 * and the old content is deleted. Writes made during the rebuild keep flowing to the live index through the outbox;
 * articles changed since the rebuild started are applied again after the swap so none is lost.
 */
export class ArticleReindexService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
  ) {}

  /** Runs one rebuild. Fails (leaving the live index untouched) when the engine is not Meilisearch or a task fails. */
  async reindexAll(onProgress?: ReindexProgress): Promise<ReindexResult> {
    const engine = this.engine;
    if (!(engine instanceof MeilisearchEngine)) throw new Error('reindexing needs the Meilisearch search engine');
    const started = Date.now();
    const [{ since }] = await this.dataSource.query(
      `SELECT now() - make_interval(secs => $1) AS since`,
      [CATCH_UP_MARGIN_SECONDS],
    );
    const live = engine.indexName;
    const fresh = `${live}_${started}`;
    await engine.ensureIndex();
    await engine.ensureIndexNamed(fresh);
    let documents = 0;
    try {
      documents = await this.fill(engine, fresh, onProgress);
      await waitApplied(engine.client.swapIndexes([{ indexes: [live, fresh], rename: false }]), 'swap', 300_000);
    } catch (err) {
      await waitApplied(engine.client.deleteIndex(fresh), 'cleanup', 300_000).catch(() => undefined);
      throw err;
    }
    await waitApplied(engine.client.deleteIndex(fresh), 'delete of the old index', 300_000);
    const caughtUp = await this.catchUp(engine, since as Date);
    return { index: live, builtIn: fresh, documents, caughtUp, durationMs: Date.now() - started };
  }

  /** Copies every published, non-deleted article into `index`, in id order, batch by batch. */
  private async fill(engine: MeilisearchEngine, index: string, onProgress?: ReindexProgress): Promise<number> {
    const repo = this.dataSource.getRepository(Article);
    const where = { status: ArticleStatus.PUBLISHED, deletedAt: IsNull() };
    const total = await repo.count({ where });
    let after = '00000000-0000-0000-0000-000000000000';
    let sent = 0;
    onProgress?.(0, total);
    for (;;) {
      const batch = await repo.find({
        where: { ...where, id: MoreThan(after) },
        order: { id: 'ASC' },
        take: REINDEX_BATCH_SIZE,
      });
      if (batch.length === 0) return sent;
      await waitApplied(engine.client.index(index).addDocuments(batch.map(toDocument), { primaryKey: 'id' }), 'indexing', 300_000);
      sent += batch.length;
      after = batch[batch.length - 1].id;
      onProgress?.(sent, Math.max(total, sent));
    }
  }

  /** Re-applies articles changed since `since` to the live index (their current state wins). */
  private async catchUp(engine: MeilisearchEngine, since: Date): Promise<number> {
    const changed = await this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .withDeleted()
      .where(new Brackets((q) => q.where('a.updated_at >= :since', { since }).orWhere('a.deleted_at >= :since', { since })))
      .getMany();
    await engine.upsert(changed.filter(isSearchable).map(toDocument));
    await engine.remove(changed.filter((a) => !isSearchable(a)).map((a) => a.id));
    return changed.length;
  }
}
