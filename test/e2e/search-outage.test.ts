import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import { EmbeddedMeilisearch, startEmbeddedMeilisearch } from '../../src/core/search/embedded-meilisearch';

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }`;
const SEARCH = `query($q: String!) { searchArticles(query: $q, first: 20) { degraded total hits { article { id title } } } }`;

describe('Meilisearch killed in the middle of work', () => {
  const dir = path.join(process.env.HELPSCOPE_TEST_DATA_DIR!, `outage-meili-${Date.now()}`);
  let meili: EmbeddedMeilisearch;
  let port: number;
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    meili = await startEmbeddedMeilisearch(dir);
    port = Number(new URL(meili.url).port);
    app = await startTestApp({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, MEILI_INDEX: 'outage' });
    ws = await app.workspace();
  });
  afterAll(async () => {
    await app.stop();
    await meili.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps writes working, answers search from PostgreSQL, then converges', async () => {
    const ids: string[] = [];
    for (const title of ['Numbat feeding', 'Numbat housing', 'Numbat travel']) {
      const res = await app.gql(CREATE, { input: { title, body: `All about ${title}.`, status: 'PUBLISHED' } }, ws.keys.write);
      ids.push(res.data!.createArticle.id);
    }
    await app.flushIndex();
    const before = await app.gql(SEARCH, { q: 'numbat' }, ws.keys.search);
    expect(before.data!.searchArticles).toMatchObject({ degraded: false, total: 3 });

    await meili.stop();

    const update = await app.gql(
      'mutation($id: UUID!) { updateArticle(id: $id, input: { title: "Numbat feeding schedule" }) { id } }',
      { id: ids[0] },
      ws.keys.write,
    );
    expect(update.errors).toBeUndefined();
    const del = await app.gql('mutation($id: UUID!) { deleteArticle(id: $id) { id } }', { id: ids[1] }, ws.keys.write);
    expect(del.errors).toBeUndefined();
    const added = await app.gql(CREATE, { input: { title: 'Numbat burrows', body: 'Burrows.', status: 'PUBLISHED' } }, ws.keys.write);
    expect(added.errors).toBeUndefined();
    const newId = added.data!.createArticle.id;
    await app.flushIndex(); // fails against the dead engine; the rows stay in the outbox
    expect(await app.runtime.services.outbox.pending()).toBeGreaterThan(0);

    const during = await app.gql(SEARCH, { q: 'numbat' }, ws.keys.search);
    expect(during.errors).toBeUndefined();
    expect(during.data!.searchArticles.degraded).toBe(true);
    const duringIds = during.data!.searchArticles.hits.map((h: { article: { id: string } }) => h.article.id).sort();
    expect(duringIds).toEqual([ids[0], ids[2], newId].sort());

    meili = await startEmbeddedMeilisearch(dir, port);
    const deadline = Date.now() + 60_000;
    while ((await app.runtime.services.outbox.pending()) > 0 && Date.now() < deadline) {
      await app.flushIndex();
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await app.runtime.services.outbox.pending()).toBe(0);

    const after = await app.runtime.search.search({ workspaceId: ws.id, query: '', offset: 0, limit: 100 });
    const titles = Object.fromEntries(after.hits.map((h) => [h.id, h.titleHighlighted.replace(/<\/?mark>/g, '')]));
    expect(titles).toEqual({
      [ids[0]]: 'Numbat feeding schedule',
      [ids[2]]: 'Numbat travel',
      [newId]: 'Numbat burrows',
    });
    const healed = await app.gql(SEARCH, { q: 'numbat' }, ws.keys.search);
    expect(healed.data!.searchArticles).toMatchObject({ degraded: false, total: 3 });
  });
});
