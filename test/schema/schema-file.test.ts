import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { printAppSchema } from '../../src/app/schema';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing the API)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await printAppSchema()).toBe(committed);
  });
});
