import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

describe('authentication and scopes (HTTP)', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('answers UNAUTHENTICATED without a key', async () => {
    const res = await app.gql('{ articles { totalCount } }');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED with a malformed or unknown key', async () => {
    for (const key of ['nope', 'hs_abcdefgh_' + 'x'.repeat(32)]) {
      const res = await app.gql('{ articles { totalCount } }', {}, key);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers FORBIDDEN when the key lacks the scope', async () => {
    const res = await app.gql(
      'mutation { createArticle(input: { title: "x", body: "y" }) { id } }',
      {},
      ws.keys.search,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it('creates, lists and revokes keys with the admin scope; a revoked key stops working', async () => {
    const created = await app.gql(
      'mutation { createApiKey(name: "ci", scopes: [READ]) { secret apiKey { id prefix scopes } } }',
      {},
      ws.keys.admin,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(/^hs_[a-z0-9]{8}_/);
    expect(secret).toContain(apiKey.prefix);
    const ok = await app.gql('{ workspace { slug } }', {}, secret);
    expect(ok.data!.workspace.slug).toBe(ws.slug);
    const list = await app.gql('{ apiKeys { id name revokedAt } }', {}, ws.keys.admin);
    expect(list.data!.apiKeys.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    await app.gql('mutation($id: UUID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, ws.keys.admin);
    const after = await app.gql('{ workspace { slug } }', {}, secret);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never lets one workspace read or change another workspace\'s keys', async () => {
    const other = await app.workspace();
    const keys = await app.gql('{ apiKeys { id } }', {}, other.keys.admin);
    const mine = await app.gql('{ apiKeys { id } }', {}, ws.keys.admin);
    const otherIds = new Set(keys.data!.apiKeys.map((k: { id: string }) => k.id));
    for (const k of mine.data!.apiKeys) expect(otherIds.has(k.id)).toBe(false);
    const revoke = await app.gql(
      'mutation($id: UUID!) { revokeApiKey(id: $id) { id } }',
      { id: mine.data!.apiKeys[0].id },
      other.keys.admin,
    );
    expect(revoke.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('masks unexpected errors and reports bad input with BAD_USER_INPUT', async () => {
    const bad = await app.gql('{ article(id: "not-a-uuid") { id } }', {}, ws.keys.read);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const parse = await app.gql('{ articles { ', {}, ws.keys.read);
    expect(parse.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
