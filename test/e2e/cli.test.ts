import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { runCli } from '../../src/cli/program';
import { memoryOutput } from '../../src/cli/cli-output';

const ROOT = path.resolve(__dirname, '../..');
/** On an external PostgreSQL the CLI runs as a real child process; PGlite serves one connection, so in-process there. */
const EXTERNAL = process.env.HELPSCOPE_TEST_POOL_SIZE !== '1';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runChild(args: string[]): Promise<Run> {
  const env = {
    ...process.env,
    DATABASE_URL: process.env.HELPSCOPE_TEST_DATABASE_URL,
    MEILI_URL: process.env.HELPSCOPE_TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.HELPSCOPE_TEST_MEILI_KEY,
    MEILI_INDEX: process.env.HELPSCOPE_TEST_INDEX,
    HELPSCOPE_DATA_DIR: process.env.HELPSCOPE_TEST_DATA_DIR,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: '',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', 'src/cli/index.ts', ...args], {
      cwd: ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

describe(`helpscope CLI (${EXTERNAL ? 'child process on the test PostgreSQL' : 'in-process on the embedded test database'})`, () => {
  let app: TestApp;
  let dir: string;
  const slug = `cli${Date.now().toString(36)}`;

  async function cli(...args: string[]): Promise<Run> {
    if (EXTERNAL) return runChild(args);
    const out = memoryOutput();
    const code = await runCli(args, {
      out,
      openRuntime: async () => ({
        services: app.runtime.services,
        flushIndex: () => app.flushIndex(),
        release: async () => undefined,
      }),
      openDatabase: () => Promise.reject(new Error('db commands are not run in-process')),
    });
    return { code, stdout: out.out.join('\n'), stderr: out.err.join('\n') };
  }

  beforeAll(async () => {
    app = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscope-cli-'));
    fs.mkdirSync(path.join(dir, 'guides', 'setup'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'welcome.md'),
      '---\ntitle: Welcome to Wombat\ndescription: Start here\ntags: [intro]\n---\n\nWombats dig burrows.\n',
    );
    fs.writeFileSync(path.join(dir, 'guides', 'setup', 'first_burrow.mdx'), '# Your first burrow\n\n<Note>Dig deep.</Note>\n');
    fs.writeFileSync(path.join(dir, 'guides', 'notes.txt'), 'not an article');
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app.stop();
  });

  it('creates a workspace and prints its admin key once', async () => {
    const res = await cli('workspace', 'create', slug, '--name', 'CLI test');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Created workspace "${slug}"`);
    const key = /hs_[a-z0-9]{8}_[A-Za-z0-9_-]+/.exec(res.stdout)?.[0];
    expect(key).toBeDefined();
    const me = await app.gql('{ workspace { slug name } }', {}, key);
    expect(me.data!.workspace).toEqual({ slug, name: 'CLI test' });
  });

  it('refuses a duplicate workspace with one line and exit code 1', async () => {
    const res = await cli('workspace', 'create', slug);
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')).toEqual([`helpscope: workspace "${slug}" already exists`]);
  });

  it('imports a folder of articles, indexes them, and reports unchanged files on a second run', async () => {
    const first = await cli('import', 'articles', dir, '--workspace', slug);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Imported 2 files into "${slug}": 2 created, 0 updated, 0 unchanged, 0 failed.`);
    const ws = await app.runtime.services.workspaces.getBySlug(slug);
    // The CLI flushed the search outbox before exiting.
    const hits = await app.runtime.search.search({ workspaceId: ws.id, query: 'burrow', offset: 0, limit: 10 });
    expect(hits.hits).toHaveLength(2);
    const second = await cli('import', 'articles', dir, '--workspace', slug, '--locale', 'en');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 created, 0 updated, 2 unchanged, 0 failed.');
  });

  it('imports drafts with --draft (they leave search)', async () => {
    const res = await cli('import', 'articles', dir, '--workspace', slug, '--draft');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('0 created, 2 updated');
    const ws = await app.runtime.services.workspaces.getBySlug(slug);
    const hits = await app.runtime.search.search({ workspaceId: ws.id, query: 'burrow', offset: 0, limit: 10 });
    expect(hits.hits).toHaveLength(0);
  });

  it('imports feedback from JSON Lines with a preset, idempotently', async () => {
    const file = path.join(dir, 'issues.jsonl');
    const issue = (title: string) =>
      JSON.stringify({ product: 'acme/app', createdAt: '2024-05-01T10:00:00Z', label: 'feature', title, body: 'Please add it.' });
    fs.writeFileSync(file, `${issue('Dark mode')}\n\n${issue('Export to CSV')}\n`);
    const first = await cli('import', 'feedback', file, '--workspace', slug, '--preset', 'github-issues');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 read, 2 created, 0 duplicates, 0 refused.');
    const again = await cli('import', 'feedback', file, '--workspace', slug, '--preset', 'github-issues');
    expect(again.stdout).toContain('2 read, 0 created, 2 duplicates, 0 refused.');
    const noMapping = await cli('import', 'feedback', file, '--workspace', slug);
    expect(noMapping.code).toBe(1);
    expect(noMapping.stderr.split('\n')).toEqual(['helpscope: give a field mapping: --preset github-issues or --mapping <file.json>']);
  });

  it('fails with one clear line and exit code 1 on a missing folder', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const res = await cli('import', 'articles', missing, '--workspace', slug);
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n')).toEqual([`helpscope: folder not found: ${missing}`]);
    expect(res.stdout).toBe('');
  });

  it('fails with one clear line on an unknown workspace and on a usage error', async () => {
    const unknown = await cli('import', 'articles', dir, '--workspace', 'no-such-workspace');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^helpscope: workspace "no-such-workspace" does not exist/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const usage = await cli('import', 'articles', dir);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("required option '--workspace <slug>' not specified");
  });
});
