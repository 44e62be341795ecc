import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startTestApp, TestApp, TestWorkspace } from '../support/test-app';

const embedded = process.env.HELPSCOPE_TEST_POOL_SIZE === '1';
const describePg = embedded ? describe.skip : describe;
const ROOT = path.join(__dirname, '..', '..');

/** Starts `src/main.ts` as its own process on the run's PostgreSQL and Meilisearch; resolves with its URL. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      SEED_DEMO: 'false',
      MIGRATE_ON_START: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: process.env.HELPSCOPE_TEST_DATABASE_URL,
      MEILI_URL: process.env.HELPSCOPE_TEST_MEILI_URL,
      MEILI_MASTER_KEY: process.env.HELPSCOPE_TEST_MEILI_KEY,
      MEILI_INDEX: process.env.HELPSCOPE_TEST_INDEX,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (b) => (out += b));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${out}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /Playground: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, url: m[1].replace('localhost', '127.0.0.1') });
      }
    });
  });
}

const MUTATION = `mutation($items: [SubmitFeedbackInput!]!) {
  submitFeedbackBatch(items: $items) { index status feedback { id } error { code } }
}`;

/** A batch of 40 items of which every tenth is invalid (rating out of range), keyed by `b<batch>-<i>`. */
function batch(n: number) {
  return Array.from({ length: 40 }, (_, i) => ({
    kind: 'FEATURE',
    text: `Crash test feedback ${n}/${i}: exporting to CSV loses the header row when the report has filters`,
    source: 'crash-test',
    externalId: `b${n}-${i}`,
    ...(i % 10 === 9 ? { rating: 9 } : { rating: 1 + (i % 5) }),
  }));
}

describePg('kill -9 during batch ingestion', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await startTestApp();
    ws = await app.workspace();
  });
  afterAll(() => app.stop());

  it('loses no acknowledged item and leaves no batch half-written', async () => {
    const first = await startServer();
    const acknowledged = new Set<string>();
    const sent: number[] = [];
    let killed = false;
    const send = async (n: number) => {
      sent.push(n);
      const res = await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.keys.ingest}` },
        body: JSON.stringify({ query: MUTATION, variables: { items: batch(n) } }),
      });
      const body = (await res.json()) as { data: { submitFeedbackBatch: { index: number; status: string }[] } };
      for (const r of body.data.submitFeedbackBatch) if (r.status === 'CREATED') acknowledged.add(`b${n}-${r.index}`);
    };
    // Four clients send batches until the server dies under them.
    let next = 0;
    const clients = Array.from({ length: 4 }, async () => {
      while (!killed) await send(next++).catch(() => undefined);
    });
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(clients);
    expect(acknowledged.size).toBeGreaterThan(0);

    const second = await startServer();
    try {
      const rows: { external_id: string }[] = await app.runtime.dataSource.query(
        `SELECT external_id FROM feedback WHERE workspace_id = $1 AND source = 'crash-test'`,
        [ws.id],
      );
      const stored = new Set(rows.map((r) => r.external_id));
      expect(rows).toHaveLength(stored.size);
      for (const id of acknowledged) expect(stored.has(id)).toBe(true);
      // Per batch: all 36 valid items or none; never an invalid one.
      for (const n of sent) {
        const count = Array.from({ length: 40 }, (_, i) => stored.has(`b${n}-${i}`)).filter(Boolean).length;
        expect([0, 36]).toContain(count);
        for (let i = 9; i < 40; i += 10) expect(stored.has(`b${n}-${i}`)).toBe(false);
      }
      // The restarted server takes retries of every batch without duplicating anything.
      for (const n of sent) {
        const res = await fetch(second.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.keys.ingest}` },
          body: JSON.stringify({ query: MUTATION, variables: { items: batch(n) } }),
        });
        const body = (await res.json()) as { data: { submitFeedbackBatch: { status: string }[] } };
        expect(body.data.submitFeedbackBatch.filter((r) => r.status === 'ERROR')).toHaveLength(4);
      }
      const [{ n }] = await app.runtime.dataSource.query(
        `SELECT count(*)::int AS n FROM feedback WHERE workspace_id = $1 AND source = 'crash-test'`,
        [ws.id],
      );
      expect(n).toBe(sent.length * 36);
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
