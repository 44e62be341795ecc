import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

describe('browser origins (per-workspace CORS allow-list)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const portal = 'https://help.example.com';

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('answers preflight requests', async () => {
    const res = await fetch(app.url, {
      method: 'OPTIONS',
      headers: { origin: portal, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('refuses a browser origin that is not on the list, and admits it once listed', async () => {
    const query = '{ workspace { slug } }';
    const refused = await app.gql(query, {}, ws.keys.search, { origin: portal });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.status).toBe(403);

    const set = await app.gql('mutation($o: [String!]!) { setAllowedOrigins(origins: $o) { allowedOrigins } }', { o: [portal + '/'] }, ws.keys.admin);
    expect(set.data!.setAllowedOrigins.allowedOrigins).toEqual([portal]);

    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.keys.search}`, origin: portal },
      body: JSON.stringify({ query }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(portal);
    expect(((await res.json()) as { data: { workspace: { slug: string } } }).data.workspace.slug).toBe(ws.slug);

    const other = await app.workspace();
    const elsewhere = await app.gql(query, {}, other.keys.search, { origin: portal });
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects origins that are not plain http(s) origins', async () => {
    const res = await app.gql('mutation { setAllowedOrigins(origins: ["javascript:alert(1)"]) { slug } }', {}, ws.keys.admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
