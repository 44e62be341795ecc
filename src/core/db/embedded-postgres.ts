import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL (PGlite) reachable over the wire protocol at `url`. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` (or in memory when `dataDir` is undefined) and serves it on a free loopback port with
 * pglite-socket, so the application always talks to PostgreSQL through `pg`. PGlite runs one session: connect with a
 * pool of exactly one connection, and never wait on a second connection inside a transaction.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // PGlite runs one session and the socket server serialises queries, keeping a transaction's statements together.
  // More than one connection is admitted so that a pool closing while the next one opens (tests, restarts) is not
  // refused; the application still uses a pool of one.
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
