import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const KEY = 'hs_demo1234_' + 'R'.repeat(32);

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `src/main.ts` as `npm start` does, on the embedded default in `dataDir`, and waits for its banner. */
function startMain(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HELPSCOPE_DATA_DIR: dataDir, PORT: '0', BOOTSTRAP_ADMIN_KEY: KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 90 s:\n${out}`)), 90_000);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    child.stdout!.on('data', () => {
      const m = /Playground: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    });
  });
}

function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit');
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

async function gql(url: string, query: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('npm start on the embedded default', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscope-main-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the demo once, serves real values, stops cleanly on SIGTERM and keeps its data', async () => {
    const first = await startMain(dataDir);
    expect(first.output()).toMatch(/Seeded the demo workspace: 13 articles/);
    const search = await gql(first.url, '{ searchArticles(query: "trello") { total hits { position article { slug } } } }');
    expect(search.errors).toBeUndefined();
    expect(search.data!.searchArticles.hits[0].article.slug).toBe('import-from-trello');
    const metrics = await gql(
      first.url,
      `{ helpSearchMetrics(from: "${new Date(Date.now() - 60 * 86400_000).toISOString()}", to: "${new Date(Date.now() + 86400_000).toISOString()}") { searches noResultRate clickThroughRate averageClickPosition } }`,
    );
    expect(metrics.errors).toBeUndefined();
    expect(metrics.data!.helpSearchMetrics.searches).toBeGreaterThan(300);
    expect(metrics.data!.helpSearchMetrics.noResultRate).toBeGreaterThan(0);
    const playground = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(await playground.text()).toContain('/playground/graphiql.js');
    expect(await stop(first)).toBe(0);

    const second = await startMain(dataDir);
    expect(second.output()).not.toMatch(/Seeded/);
    const again = await gql(second.url, '{ articles { totalCount } searchArticles(query: "trello") { total } }');
    expect(again.data!.articles.totalCount).toBe(13);
    expect(again.data!.searchArticles.total).toBe(search.data!.searchArticles.total);
    expect(await stop(second)).toBe(0);
  });
});
