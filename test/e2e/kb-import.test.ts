import path from 'node:path';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { importArticlesFolder } from '../../src/modules/articles/article-import';
import { Article } from '../../src/modules/articles/article.entity';
import { ArticleDocument } from '../../src/core/search/search-engine';

/** The real knowledge base: 297 MDX pages of the Meilisearch documentation. */
const KB = path.resolve(__dirname, '../../../shared/data/kb-meilisearch-docs/articles');

describe('importing the Meilisearch documentation knowledge base', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let articles: Article[];

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
  });
  afterAll(() => app.stop());

  it('imports all 297 files as new published articles', async () => {
    const seen: number[] = [];
    const result = await importArticlesFolder(ws.ctx, app.runtime.services, {
      folder: KB,
      locale: 'en',
      onProgress: ({ done }) => seen.push(done),
    });
    expect(result).toEqual({ files: 297, created: 297, updated: 0, unchanged: 0, failed: [] });
    expect(seen).toHaveLength(297);
    expect(seen[296]).toBe(297);
    await app.flushIndex();
    articles = await app.runtime.dataSource.getRepository(Article).find({ where: { workspaceId: ws.id } });
    expect(articles).toHaveLength(297);
    expect(articles.every((a) => a.status === 'PUBLISHED' && a.locale === 'en')).toBe(true);
  });

  it('takes titles and summaries from front matter and slugs from the path', () => {
    const bySlug = new Map(articles.map((a) => [a.slug, a]));
    const analytics = bySlug.get('capabilities-analytics-getting-started');
    expect(analytics).toBeDefined();
    expect(analytics!.title.length).toBeGreaterThan(0);
    expect(analytics!.summary.length).toBeGreaterThan(0);
    expect(analytics!.body).not.toMatch(/^---/);
  });

  it('changes nothing on a second import', async () => {
    const again = await importArticlesFolder(ws.ctx, app.runtime.services, { folder: KB, locale: 'en' });
    expect(again).toEqual({ files: 297, created: 0, updated: 0, unchanged: 297, failed: [] });
  });

  it('makes every article findable by the words of its title over HTTP, in its own workspace only', async () => {
    const SEARCH = `query($q: String!) { searchArticles(query: $q, first: 20, track: false) { degraded hits { article { id } } } }`;
    const ids = async (key: string, q: string) => {
      const res = await app.gql(SEARCH, { q }, key);
      expect(res.errors).toBeUndefined();
      expect(res.data!.searchArticles.degraded).toBe(false);
      return res.data!.searchArticles.hits.map((h: { article: { id: string } }) => h.article.id) as string[];
    };
    const missing: string[] = [];
    for (const a of articles) {
      if (!(await ids(ws.keys.search, a.title)).includes(a.id)) missing.push(`${a.slug} ("${a.title}")`);
    }
    expect(missing).toEqual([]);
    for (const a of articles) expect(await ids(other.keys.search, a.title)).toEqual([]);
  });

  it('indexes bodies without MDX components, import lines or link syntax', async () => {
    const index = app.runtime.search.client.index<ArticleDocument>(app.runtime.search.indexName);
    const docs = await index.getDocuments({ filter: `workspaceId = "${ws.id}"`, limit: 1000, fields: ['id', 'body'] });
    expect(docs.results).toHaveLength(297);
    for (const d of docs.results) {
      expect(d.body).not.toContain('<Note');
      expect(d.body).not.toMatch(/<\/?[A-Z][A-Za-z]*[\s/>]/);
      expect(d.body).not.toMatch(/^import /m);
      expect(d.body).not.toContain('](');
      expect(d.body.length).toBeGreaterThan(0);
    }
  });
});
