import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { CliError } from './cli-errors';

/** The repository's `migrations/` folder. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/** One SQL statement of a generated migration. */
interface SqlQuery {
  query: string;
  parameters?: unknown[];
}

/**
 * TypeORM's `migration:generate`, in-process: diffs the entities against the (fully migrated) database and writes
 * `migrations/<timestamp>-<Name>.ts` with the up and down SQL, in TypeORM's own file format. Returns the file path, or
 * undefined when entities and database already agree.
 */
export async function generateMigration(
  dataSource: DataSource,
  name: string,
  dir = MIGRATIONS_DIR,
  now = Date.now(),
): Promise<string | undefined> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new CliError(`migration name must be letters and digits starting with a letter (e.g. AddArticleViews), got "${name}"`);
  }
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) return undefined;
  const file = path.join(dir, `${now}-${name}.ts`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, migrationSource(`${name}${now}`, sql.upQueries, [...sql.downQueries].reverse()));
  return file;
}

function statement(q: SqlQuery): string {
  const params = q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : '';
  return `        await queryRunner.query(\`${q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\`${params});`;
}

function migrationSource(className: string, up: SqlQuery[], down: SqlQuery[]): string {
  return `import { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
    name = '${className}'

    public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(statement).join('\n')}
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(statement).join('\n')}
    }

}
`;
}
