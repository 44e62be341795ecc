import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id slug status revision } }`;

describe('articles: authoring and indexing through the outbox', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  const indexed = async (workspaceId: string, query: string) =>
    (await app.runtime.search.search({ workspaceId, query, offset: 0, limit: 20 })).hits.map((h) => h.id);

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('indexes only published articles and follows every change', async () => {
    const created = await app.gql(CREATE, { input: { title: 'Rotate the zanzibar keys', body: '# Rotate\nUse the **console**.' } }, ws.keys.write);
    const article = created.data!.createArticle;
    expect(article).toMatchObject({ slug: 'rotate-the-zanzibar-keys', status: 'DRAFT', revision: 1 });
    await app.flushIndex();
    expect(await indexed(ws.id, 'zanzibar')).toEqual([]);

    await app.gql('mutation($id: UUID!) { publishArticle(id: $id) { status } }', { id: article.id }, ws.keys.write);
    await app.flushIndex();
    expect(await indexed(ws.id, 'zanzibar')).toEqual([article.id]);

    const updated = await app.gql(
      'mutation($id: UUID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { title revision } }',
      { id: article.id, input: { title: 'Rotate the quokka keys' } },
      ws.keys.write,
    );
    expect(updated.data!.updateArticle).toEqual({ title: 'Rotate the quokka keys', revision: 2 });
    await app.flushIndex();
    expect(await indexed(ws.id, 'quokka')).toEqual([article.id]);
    expect(await indexed(ws.id, 'zanzibar')).toEqual([]);

    await app.gql('mutation($id: UUID!) { archiveArticle(id: $id) { status } }', { id: article.id }, ws.keys.write);
    await app.flushIndex();
    expect(await indexed(ws.id, 'quokka')).toEqual([]);

    await app.gql('mutation($id: UUID!) { publishArticle(id: $id) { status } }', { id: article.id }, ws.keys.write);
    await app.gql('mutation($id: UUID!) { deleteArticle(id: $id) { id } }', { id: article.id }, ws.keys.write);
    await app.flushIndex();
    expect(await indexed(ws.id, 'quokka')).toEqual([]);
    const gone = await app.gql('query($id: UUID!) { article(id: $id) { id } }', { id: article.id }, ws.keys.read);
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps articles inside their workspace', async () => {
    const other = await app.workspace();
    const created = await app.gql(CREATE, { input: { title: 'Private wombat guide', body: 'wombat', status: 'PUBLISHED' } }, ws.keys.write);
    const id = created.data!.createArticle.id;
    await app.flushIndex();
    expect(await indexed(ws.id, 'wombat')).toEqual([id]);
    expect(await indexed(other.id, 'wombat')).toEqual([]);
    const byId = await app.gql('query($id: UUID!) { article(id: $id) { id } }', { id }, other.keys.read);
    expect(byId.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await app.gql('{ articles { totalCount } }', {}, other.keys.read);
    expect(list.data!.articles.totalCount).toBe(0);
    const edit = await app.gql('mutation($id: UUID!) { archiveArticle(id: $id) { id } }', { id }, other.keys.write);
    expect(edit.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses duplicates and bad input without writing anything', async () => {
    await app.gql(CREATE, { input: { title: 'Same', slug: 'same-slug', body: 'x' } }, ws.keys.write);
    const dup = await app.gql(CREATE, { input: { title: 'Same again', slug: 'same-slug', body: 'y' } }, ws.keys.write);
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const bad = await app.gql(CREATE, { input: { title: '', body: 'x', locale: 'not a locale!' } }, ws.keys.write);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const feature = await app.gql(CREATE, { input: { title: 'T', body: 'x', featureId: '00000000-0000-4000-8000-000000000000' } }, ws.keys.write);
    expect(feature.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const list = await app.gql('{ articles(first: 100) { edges { node { slug } } } }', {}, ws.keys.read);
    const slugs = list.data!.articles.edges.map((e: { node: { slug: string } }) => e.node.slug);
    expect(slugs.filter((s: string) => s === 'same-slug')).toHaveLength(1);
    expect(slugs).not.toContain('t');
  });

  it('admits a 200 kB article', async () => {
    const body = ('Paragraph about capybaras and more words. ').repeat(5000);
    expect(body.length).toBeGreaterThan(200_000);
    const res = await app.gql(CREATE, { input: { title: 'Big one', body, status: 'PUBLISHED' } }, ws.keys.write);
    expect(res.errors).toBeUndefined();
    await app.flushIndex();
    expect(await indexed(ws.id, 'capybaras')).toEqual([res.data!.createArticle.id]);
  });

  it('pages with opaque cursors and rejects forged ones', async () => {
    const page1 = await app.gql('{ articles(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } }', {}, ws.keys.read);
    const { pageInfo, totalCount } = page1.data!.articles;
    expect(totalCount).toBeGreaterThan(2);
    expect(pageInfo.hasNextPage).toBe(true);
    const page2 = await app.gql('query($a: String) { articles(first: 2, after: $a) { edges { node { id } } } }', { a: pageInfo.endCursor }, ws.keys.read);
    const ids1 = page1.data!.articles.edges.map((e: { node: { id: string } }) => e.node.id);
    for (const e of page2.data!.articles.edges) expect(ids1).not.toContain(e.node.id);
    for (const after of ['garbage', Buffer.from('["x","1; drop table"]').toString('base64url')]) {
      const forged = await app.gql('query($a: String) { articles(after: $a) { totalCount } }', { a: after }, ws.keys.read);
      expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const tooMany = await app.gql('{ articles(first: 101) { totalCount } }', {}, ws.keys.read);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps every revision and orders lists by title', async () => {
    const c = await app.gql(CREATE, { input: { title: 'Aardvark basics', body: 'v1' } }, ws.keys.write);
    const id = c.data!.createArticle.id;
    await app.gql(
      'mutation($id: UUID!) { updateArticle(id: $id, input: { body: "v2" }) { id } }',
      { id },
      ws.keys.write,
    );
    const res = await app.gql('query($id: UUID!) { article(id: $id) { revisions { revision body actor } } }', { id }, ws.keys.read);
    expect(res.data!.article.revisions).toEqual([
      { revision: 2, body: 'v2', actor: 'write key' },
      { revision: 1, body: 'v1', actor: 'write key' },
    ]);
    const ordered = async (after?: string) =>
      (
        await app.gql(
          'query($a: String) { articles(first: 2, after: $a, orderBy: { field: TITLE, direction: ASC }) { edges { node { title } } pageInfo { endCursor hasNextPage } } }',
          { a: after },
          ws.keys.read,
        )
      ).data!.articles;
    const titles: string[] = [];
    let page = await ordered();
    titles.push(...page.edges.map((e: { node: { title: string } }) => e.node.title));
    while (page.pageInfo.hasNextPage) {
      page = await ordered(page.pageInfo.endCursor);
      titles.push(...page.edges.map((e: { node: { title: string } }) => e.node.title));
    }
    expect(titles[0]).toBe('Aardvark basics');
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
