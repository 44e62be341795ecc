import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Runs `src/main.ts` as `npm start` does and returns its exit code and output. */
function start(env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HELPSCOPE_DATA_DIR: process.env.HELPSCOPE_TEST_DATA_DIR, PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stderr: res.stderr.trim(), stdout: res.stdout.trim() };
}

describe('start-up errors', () => {
  it('explains a bad setting in one line, without a stack trace', () => {
    const r = start({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('helpscope: PORT must be an integer between 0 and 65535, got "eighty"');
  });

  it('says which database it cannot reach', () => {
    const r = start({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^helpscope: Cannot reach PostgreSQL at DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere\)/);
    expect(r.stderr).not.toContain('secret');
  });

  it('says which Meilisearch it cannot reach', () => {
    const r = start({
      DATABASE_URL: process.env.HELPSCOPE_TEST_POOL_SIZE === '1' ? '' : process.env.HELPSCOPE_TEST_DATABASE_URL!,
      MEILI_URL: 'http://127.0.0.1:1',
      MEILI_MASTER_KEY: 'masterKey',
      MIGRATE_ON_START: 'false',
      HELPSCOPE_DATA_DIR: path.join(process.env.HELPSCOPE_TEST_DATA_DIR!, 'startup-meili'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^helpscope: Cannot reach Meilisearch at http:\/\/127\.0\.0\.1:1/);
  });
});
