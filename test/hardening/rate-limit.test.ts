import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

describe('per-key rate limits', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_BURST: '5' });
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  const post = (key?: string, body: unknown = { query: '{ workspace { id } }' }) =>
    fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });

  it('answers 429 RATE_LIMITED with Retry-After once a key spends its budget, and keeps other keys apart', async () => {
    for (let i = 0; i < 5; i++) expect((await post(ws.keys.read)).status).toBe(200);
    const refused = await post(ws.keys.read);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/retry after \d+ s/);
    // Another key of the same workspace has its own budget.
    expect((await post(ws.keys.admin)).status).toBe(200);
  });

  it('counts each operation of a batch', async () => {
    const batch = Array.from({ length: 4 }, () => ({ query: '{ workspace { id } }' }));
    expect((await post(ws.keys.search, batch)).status).toBe(200);
    expect((await post(ws.keys.search, batch)).status).toBe(429);
    expect((await post(ws.keys.search)).status).toBe(200);
  });

  it('limits requests without a valid key by client address, invalid keys included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post()).status);
    for (let i = 0; i < 3; i++) statuses.push((await post(`hs_zzzzzzzz_${'x'.repeat(30)}${i}`)).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
    // A valid key is unaffected by the address's budget.
    expect((await post(ws.keys.write)).status).toBe(200);
  });
});
