import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`;
const TOKEN = `mutation($ttl: Int) { portalSearchToken(ttlSeconds: $ttl) { token host indexUid expiresAt } }`;

interface Token {
  token: string;
  host: string;
  indexUid: string;
  expiresAt: string;
}

/** Searches Meilisearch directly, as a browser with the token would. */
async function searchDirect(t: Token, q: string): Promise<{ status: number; ids: string[] }> {
  const res = await fetch(`${t.host}/indexes/${t.indexUid}/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ q, limit: 50 }),
  });
  const body = (await res.json()) as { hits?: { id: string }[] };
  return { status: res.status, ids: (body.hits ?? []).map((h) => h.id) };
}

describe('portal search tokens (Meilisearch tenant tokens)', () => {
  let app: TestApp;
  let a: TestWorkspace;
  let b: TestWorkspace;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    a = await app.workspace();
    b = await app.workspace();
    const make = async (ws: TestWorkspace, name: string, status: string) => {
      const res = await app.gql(CREATE, { input: { title: `Platypus care ${name}`, body: 'platypus', status } }, ws.keys.write);
      ids[name] = res.data!.createArticle.id;
    };
    await make(a, 'a-published', 'PUBLISHED');
    await make(a, 'a-draft', 'DRAFT');
    await make(a, 'a-archived', 'ARCHIVED');
    await make(b, 'b-published', 'PUBLISHED');
    await app.flushIndex();
  });
  afterAll(() => app.stop());

  it("finds only the workspace's own published articles", async () => {
    const t = (await app.gql(TOKEN, {}, a.keys.search)).data!.portalSearchToken as Token;
    expect(new Date(t.expiresAt).getTime() - Date.now()).toBeGreaterThan(3500_000);
    const found = await searchDirect(t, 'platypus');
    expect(found.status).toBe(200);
    expect(found.ids).toEqual([ids['a-published']]);

    const tb = (await app.gql(TOKEN, {}, b.keys.search)).data!.portalSearchToken as Token;
    expect((await searchDirect(tb, 'platypus')).ids).toEqual([ids['b-published']]);
  });

  it('cannot write to the index or read other indexes', async () => {
    const t = (await app.gql(TOKEN, {}, a.keys.search)).data!.portalSearchToken as Token;
    const write = await fetch(`${t.host}/indexes/${t.indexUid}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ id: 'x', workspaceId: 'y' }]),
    });
    expect(write.status).toBe(403);
    const keys = await fetch(`${t.host}/keys`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(keys.status).toBe(403);
  });

  it('validates the lifetime and needs a key', async () => {
    const bad = await app.gql(TOKEN, { ttl: 10 }, a.keys.search);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const none = await app.gql(TOKEN, {});
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const ingest = await app.gql(TOKEN, {}, a.keys.ingest);
    expect(ingest.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
