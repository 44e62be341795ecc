import { createHash } from 'node:crypto';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

type Body = { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };

describe('automatic persisted queries (APQ)', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  const ext = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
  const sha = (q: string) => createHash('sha256').update(q).digest('hex');

  async function viaPost(body: Record<string, unknown>): Promise<Body> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.keys.read}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Body;
  }

  async function viaGet(params: Record<string, unknown>): Promise<Body> {
    const search = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    const res = await fetch(`${app.url}?${search}`, {
      headers: { authorization: `Bearer ${ws.keys.read}`, 'apollo-require-preflight': 'true', accept: 'application/json' },
    });
    return (await res.json()) as Body;
  }

  it.each([
    ['POST', viaPost],
    ['GET', viaGet],
  ])('over %s: hash alone is unknown, hash + query registers, then hash alone runs', async (method, send) => {
    const query = `query Apq${method} { workspace { slug } }`;
    const hash = sha(query);
    const miss = await send({ extensions: ext(hash) });
    expect(miss.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await send({ query, extensions: ext(hash) });
    expect(register.errors).toBeUndefined();
    expect(register.data).toEqual({ workspace: { slug: ws.slug } });
    const hit = await send({ extensions: ext(hash) });
    expect(hit.errors).toBeUndefined();
    expect(hit.data).toEqual({ workspace: { slug: ws.slug } });
  });

  it('refuses a query whose hash does not match', async () => {
    const res = await viaPost({ query: '{ workspace { id } }', extensions: ext(sha('something else')) });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
