import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

/** `articles { edges { node { feature { ... } } } }`: a selection `depth` fields deep (depth >= 4). */
function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth - 4; i++) inner = `__typename ${inner}`;
  return `{ articles { edges { node { feature { ${inner} } } } } }`;
}

describe('query depth, complexity, aliases, tokens and batch limits', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '1000', GRAPHQL_MAX_ALIASES: '5', GRAPHQL_MAX_BATCH: '3' });
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('accepts an operation within the depth limit', async () => {
    const res = await app.gql(nested(5), {}, ws.keys.read);
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('refuses an operation deeper than the limit, naming the limit, without executing it', async () => {
    // Fragments count by the fields they hold: this is 5 levels deep.
    const viaFragment = `query { ...F } fragment F on Query { articles { edges { node { feature { id } } } } }`;
    const ok = await app.gql(viaFragment, {}, ws.keys.read);
    expect(ok.errors).toBeUndefined();
    // A 7-level selection through introspection types (not counted as __schema) exceeds 6.
    const seven = '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { name } } } } } } }';
    const res = await app.gql(seven, {}, ws.keys.read);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/depth limit of 6 exceeded, found 7/);
  });

  it('refuses an operation whose cost (lists times first) exceeds the limit, before running any resolver', async () => {
    const cheap = await app.gql('{ articles(first: 10) { edges { node { id title } } } }', {}, ws.keys.read);
    expect(cheap.errors).toBeUndefined();
    const res = await app.gql(
      'query Q($n: Int) { articles(first: $n) { edges { node { id title slug body tags locale feature { id name key } } } } }',
      { n: 100 },
      ws.keys.read,
    );
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/complexity \d+ exceeds the limit of 1000/);
  });

  it('does not run a mutation whose operation is too costly', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `f${i}: createFeature(key: "costly${i}", name: "n") { id }`).join(' ');
    const tooMany = Array.from({ length: 6 }, (_, i) => `g${i}: createFeature(key: "alias${i}", name: "n") { id }`).join(' ');
    const over = await app.gql(`mutation { ${tooMany} }`, {}, ws.keys.admin);
    expect(over.status).toBe(400);
    expect(over.errors![0].message).toMatch(/aliases? limit of 5/i);
    const features = await app.gql('{ features { key } }', {}, ws.keys.read);
    expect(features.data!.features).toEqual([]);
    const within = await app.gql(`mutation { ${aliases} }`, {}, ws.keys.admin);
    expect(within.errors).toBeUndefined();
  });

  it('lets the full introspection query through (the playground needs it)', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await app.gql(getIntrospectionQuery(), {}, ws.keys.read);
    expect(res.errors).toBeUndefined();
  });

  it('refuses subscriptions (the API has none) as bad input, not as an internal error', async () => {
    const res = await app.gql('subscription { x }', {}, ws.keys.read);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/no subscription operations/);
  });

  it('refuses U+0000 in any text before it reaches PostgreSQL', async () => {
    const res = await app.gql('mutation($n: String!) { createFeature(key: "nul", name: $n) { id } }', { n: 'a\u0000b' }, ws.keys.admin);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/U\+0000/);
  });

  it('refuses documents with too many tokens', async () => {
    const huge = `{ ${Array.from({ length: 25_000 }, () => '__typename').join(' ')} }`;
    const res = await app.gql(huge, {}, ws.keys.read);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/more tha[tn] 20000 tokens/);
  });

  it('runs batched requests up to the cap and refuses bigger ones', async () => {
    const post = (body: unknown) =>
      fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.keys.read}` },
        body: JSON.stringify(body),
      });
    const ok = await post([{ query: '{ workspace { id } }' }, { query: '{ features { id } }' }, { query: '{ milestones { id } }' }]);
    expect(ok.status).toBe(200);
    const results = (await ok.json()) as { data: unknown }[];
    expect(results).toHaveLength(3);
    const over = await post(Array.from({ length: 4 }, () => ({ query: '{ workspace { id } }' })));
    expect(over.status).toBe(400);
    const body = (await over.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/at most 3 operations/);
    const empty = await post([]);
    expect(empty.status).toBe(400);
  });
});
