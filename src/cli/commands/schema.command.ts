import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { printAppSchema } from '../../app/schema';
import { CliError } from '../cli-errors';
import { CliOutput } from '../cli-output';

/** The committed SDL file. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

/** Registers `schema emit` (writes `schema/schema.graphql`) and `schema check` (exit 1 when it differs). */
export function registerSchemaCommands(program: Command, deps: { out: CliOutput }, file = SCHEMA_FILE): void {
  const schema = program.command('schema').description('the GraphQL schema file');
  schema
    .command('emit')
    .description('write schema/schema.graphql from the code')
    .action(async () => {
      const sdl = await printAppSchema();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === sdl;
      if (!same) fs.writeFileSync(file, sdl);
      deps.out.log(same ? `${rel(file)} is up to date.` : `Wrote ${rel(file)}.`);
    });
  schema
    .command('check')
    .description('exit 1 when schema/schema.graphql differs from the code')
    .action(async () => {
      const sdl = await printAppSchema();
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (current !== sdl) throw new CliError(`${rel(file)} is out of date: run npm run schema:emit and commit it`);
      deps.out.log(`${rel(file)} is up to date.`);
    });
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
