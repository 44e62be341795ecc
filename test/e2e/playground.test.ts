import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { defaultQuery } from '../../src/core/http/playground';

describe('playground', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('serves GraphiQL and its assets locally, with a header editor', async () => {
    const page = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    expect(html).toContain('isHeadersEditorEnabled: true');
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const res = await fetch(new URL(`/playground/${asset}`, app.url));
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('opens with a query that runs as it is', async () => {
    const res = await app.gql(defaultQuery().replace(/^#.*$/m, ''), {}, ws.keys.read);
    expect(res.errors).toBeUndefined();
    expect(res.data!.workspace.slug).toBe(ws.slug);
  });
});
