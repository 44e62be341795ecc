import path from 'node:path';
import { Command } from 'commander';
import { CliDatabase } from '../cli-database';
import { CliOutput } from '../cli-output';
import { generateMigration } from '../migration-generator';

/** Dependencies of the `db` commands. */
export interface DbCommandDeps {
  out: CliOutput;
  openDatabase(): Promise<CliDatabase>;
}

async function withDatabase<T>(deps: DbCommandDeps, fn: (db: CliDatabase) => Promise<T>): Promise<T> {
  const db = await deps.openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Registers `db migrate`, `db revert` and `db generate <Name>` on the configured database (DATABASE_URL, else the
 * embedded one in `.data/pg`).
 */
export function registerDbCommands(program: Command, deps: DbCommandDeps): void {
  const db = program.command('db').description('database migrations');
  db.command('migrate')
    .description('apply pending migrations')
    .action(() =>
      withDatabase(deps, async ({ dataSource }) => {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        if (applied.length === 0) deps.out.log('No pending migrations.');
        for (const m of applied) deps.out.log(`Applied ${m.name}`);
      }),
    );
  db.command('revert')
    .description('undo the most recently applied migration')
    .action(() =>
      withDatabase(deps, async ({ dataSource }) => {
        const before = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
        if (before.length === 0) return deps.out.log('No migration to revert.');
        await dataSource.undoLastMigration({ transaction: 'each' });
        deps.out.log(`Reverted ${before[0].name}`);
      }),
    );
  db.command('generate <Name>')
    .description('apply pending migrations, then write migrations/<timestamp>-<Name>.ts from the entity changes')
    .action((name: string) =>
      withDatabase(deps, async ({ dataSource }) => {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        for (const m of applied) deps.out.log(`Applied ${m.name}`);
        const file = await generateMigration(dataSource, name);
        deps.out.log(file ? `Wrote ${path.relative(process.cwd(), file)}` : 'No changes: entities and migrations agree.');
      }),
    );
}
