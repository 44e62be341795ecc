import 'reflect-metadata';
import { createDataSource } from './src/core/db/data-source';

/**
 * The DataSource for the TypeORM CLI (`npx typeorm-ts-node-commonjs -d ormconfig.ts ...`), which needs a running
 * PostgreSQL in `DATABASE_URL`. `npm run db:migrate|db:revert|db:generate` do the same and also work on the embedded
 * database.
 */
export default createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/helpscope',
  poolSize: 1,
});
