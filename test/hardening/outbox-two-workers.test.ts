import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';
import type { ArticleDocument } from '../../src/core/search/search-engine';
import type { OutboxItem } from '../../src/core/search/outbox';

const embedded = process.env.HELPSCOPE_TEST_POOL_SIZE === '1';
const describePg = embedded ? describe.skip : describe;

/** One call a runtime made to the search engine for some article ids, with when it started and ended. */
interface Span {
  who: number;
  ids: string[];
  start: number;
  end: number;
}

/** Wraps a runtime's engine and outbox claim so the test sees which process handled which row and article, when. */
function instrument(app: TestApp, who: number, spans: Span[], claimed: Map<string, number>) {
  const { search, services } = app.runtime;
  for (const method of ['upsert', 'remove'] as const) {
    const original = search[method].bind(search) as (x: unknown[]) => Promise<void>;
    (search as unknown as Record<string, unknown>)[method] = async (items: unknown[]) => {
      const ids = items.map((x) => (typeof x === 'string' ? x : (x as ArticleDocument).id));
      const span: Span = { who, ids, start: performance.now(), end: Infinity };
      spans.push(span);
      try {
        await original(items);
      } finally {
        span.end = performance.now();
      }
    };
  }
  const claim = services.outbox.claim.bind(services.outbox);
  services.outbox.claim = async (limit: number): Promise<OutboxItem[]> => {
    const items = await claim(limit);
    for (const item of items) {
      if (claimed.has(item.id)) throw new Error(`outbox row ${item.id} claimed by runtime ${claimed.get(item.id)} and ${who}`);
      claimed.set(item.id, who);
    }
    return items;
  };
}

describePg('search outbox with two server processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let ws: TestWorkspace;
  const spans: Span[] = [];
  const claimed = new Map<string, number>();

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp();
    instrument(a, 1, spans, claimed);
    instrument(b, 2, spans, claimed);
    a.runtime.worker.start();
    b.runtime.worker.start();
    ws = await a.workspace();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('indexes every article once, in its final state, with no row or article handled by both at once', async () => {
    const apps = [a, b];
    const ids: string[] = [];
    // 40 creations, then 160 updates: 200 changes, alternating servers, several in flight at a time.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await apps[i % 2].gql(
          'mutation($input: CreateArticleInput!) { createArticle(input: $input) { id } }',
          { input: { title: `Outbox article ${i}`, body: `body v0 of ${i}`, status: 'PUBLISHED', slug: `outbox-${i}` } },
          ws.keys.write,
        );
        expect(res.errors).toBeUndefined();
        ids[i] = res.data!.createArticle.id;
      }),
    );
    const finalTitle = new Map<string, string>();
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        ids.map(async (id, i) => {
          const title = `Outbox article ${i} v${round + 1}`;
          const res = await apps[(i + round) % 2].gql(
            'mutation($id: UUID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { id } }',
            { id, input: { title, body: `body v${round + 1} of ${i}` } },
            ws.keys.write,
          );
          expect(res.errors).toBeUndefined();
          finalTitle.set(id, title);
        }),
      );
    }

    const deadline = Date.now() + 60_000;
    while ((await a.runtime.services.outbox.pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await a.runtime.services.outbox.pending()).toBe(0);

    const docs = await indexedDocuments(ws.id);
    expect(docs).toHaveLength(40);
    for (const doc of docs) expect(doc.title).toBe(finalTitle.get(doc.id));
    expect(new Set(docs.map((d) => d.id)).size).toBe(40);

    // Both workers took part, and no article was being written to the index by both at the same time.
    expect(new Set(spans.map((s) => s.who))).toEqual(new Set([1, 2]));
    const byId = new Map<string, Span[]>();
    for (const s of spans) for (const id of s.ids) byId.set(id, [...(byId.get(id) ?? []), s]);
    for (const [id, list] of byId) {
      for (const x of list) {
        for (const y of list) {
          if (x.who !== y.who && x.start < y.end && y.start < x.end) {
            throw new Error(`article ${id} was written to the index by both runtimes at once`);
          }
        }
      }
    }
  });
});

/** The index's documents of one workspace, read straight from Meilisearch. */
async function indexedDocuments(workspaceId: string): Promise<{ id: string; title: string }[]> {
  const url = `${process.env.HELPSCOPE_TEST_MEILI_URL}/indexes/${process.env.HELPSCOPE_TEST_INDEX}/documents/fetch`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.HELPSCOPE_TEST_MEILI_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filter: `workspaceId = "${workspaceId}"`, limit: 1000, fields: ['id', 'title'] }),
  });
  const body = (await res.json()) as { results: { id: string; title: string }[] };
  return body.results;
}
