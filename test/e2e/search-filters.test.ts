import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { quoteFilterValue } from '../../src/core/search/filter';

const SEARCH = `query($q: String!, $tags: [String!], $locale: String) {
  searchArticles(query: $q, tags: $tags, locale: $locale, track: false) { total degraded hits { article { id } } }
}`;

describe('search filters cannot be turned into other expressions', () => {
  let app: TestApp;
  let mine: TestWorkspace;
  let other: TestWorkspace;
  let tagged: string;

  beforeAll(async () => {
    app = await startTestApp();
    mine = await app.workspace();
    other = await app.workspace();
    const create = `mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`;
    tagged = (await app.gql(create, { i: { title: 'Okapi billing', body: 'okapi', tags: ['billing'], status: 'PUBLISHED' } }, mine.keys.write)).data!.createArticle.id;
    await app.gql(create, { i: { title: 'Okapi secrets', body: 'okapi', tags: ['private'], status: 'PUBLISHED' } }, other.keys.write);
    await app.flushIndex();
  });
  afterAll(() => app.stop());

  it('quotes values so they can never close their string', () => {
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\')).toBe('"a\\\\"');
    expect(quoteFilterValue('x" OR workspaceId != "y')).toBe('"x\\" OR workspaceId != \\"y"');
  });

  it('filters by tag, and hostile tag or locale values match nothing instead of widening the search', async () => {
    const ok = await app.gql(SEARCH, { q: 'okapi', tags: ['billing'] }, mine.keys.search);
    expect(ok.data!.searchArticles.hits.map((h: { article: { id: string } }) => h.article.id)).toEqual([tagged]);
    for (const hostile of ['billing" OR workspaceId != "x', 'billing\\', '" OR status = "DRAFT', "') OR 1=1 --"]) {
      const res = await app.gql(SEARCH, { q: 'okapi', tags: [hostile] }, mine.keys.search);
      expect(res.errors).toBeUndefined();
      expect(res.data!.searchArticles).toMatchObject({ total: 0, degraded: false });
      const loc = await app.gql(SEARCH, { q: 'okapi', locale: hostile }, mine.keys.search);
      expect(loc.data?.searchArticles?.total ?? 0).toBe(0);
      if (loc.errors) expect(loc.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
