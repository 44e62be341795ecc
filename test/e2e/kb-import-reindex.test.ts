import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { ArticleStatus } from '../../src/modules/articles/article.entity';

describe('reindexArticles (search index rebuild)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
    other = await app.workspace();
    const { articles } = app.runtime.services;
    await articles.create(ws.ctx, { title: 'Quokka onboarding guide', body: 'Set up quokkas.', status: ArticleStatus.PUBLISHED });
    await articles.create(ws.ctx, { title: 'Quokka draft notes', body: 'Not yet.', status: ArticleStatus.DRAFT });
    await articles.create(other.ctx, { title: 'Quokka billing', body: 'Pay for quokkas.', status: ArticleStatus.PUBLISHED });
    const gone = await articles.create(ws.ctx, { title: 'Quokka removed', body: 'Old.', status: ArticleStatus.PUBLISHED });
    await articles.delete(ws.ctx, gone.id);
    await app.flushIndex();
  });
  afterAll(() => app.stop());

  const search = (workspaceId: string) =>
    app.runtime.search.search({ workspaceId, query: 'quokka', offset: 0, limit: 20 }).then((r) => r.hits.map((h) => h.id));

  it('is refused to keys without the admin scope', async () => {
    for (const key of [ws.keys.write, ws.keys.read, ws.keys.search]) {
      const res = await app.gql('mutation { reindexArticles { documents } }', {}, key);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const anon = await app.gql('mutation { reindexArticles { documents } }');
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rebuilds every workspace from PostgreSQL, keeping search answering throughout', async () => {
    const mine = await search(ws.id);
    const theirs = await search(other.id);
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    // Drop a document behind PostgreSQL's back: the rebuild must bring it back.
    await app.runtime.search.remove(theirs);
    expect(await search(other.id)).toEqual([]);

    let rebuilding = true;
    const during: number[] = [];
    const prober = (async () => {
      while (rebuilding) {
        during.push((await search(ws.id)).length);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const res = await app.gql('mutation { reindexArticles { index documents caughtUp durationMs } }', {}, ws.keys.admin);
    rebuilding = false;
    await prober;

    expect(res.errors).toBeUndefined();
    expect(res.data!.reindexArticles.index).toBe(app.runtime.search.indexName);
    expect(res.data!.reindexArticles.documents).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((n) => n === 1)).toBe(true);
    expect(await search(ws.id)).toEqual(mine);
    expect(await search(other.id)).toEqual(theirs);
  });

  it('leaves no temporary index behind and keeps the live index settings', async () => {
    const live = app.runtime.search.indexName;
    const { results } = await app.runtime.search.client.getIndexes({ limit: 1000 });
    expect(results.filter((i) => i.uid.startsWith(`${live}_`))).toEqual([]);
    const settings = await app.runtime.search.client.index(live).getSettings();
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['workspaceId', 'status']));
  });

  it('keeps following writes through the outbox after the swap', async () => {
    await app.runtime.services.articles.create(ws.ctx, {
      title: 'Quokka advanced tips',
      body: 'More.',
      status: ArticleStatus.PUBLISHED,
    });
    await app.flushIndex();
    expect(await search(ws.id)).toHaveLength(2);
  });
});
