import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { formatError } from '../../src/core/errors/format-error';
import { NotFoundError } from '../../src/core/errors/errors';

/** A resolver error as Apollo hands it to formatError. */
function fromResolver(original: Error) {
  const wrapped = new GraphQLError(original.message, { path: ['q'], originalError: original });
  return formatError({ message: original.message, path: ['q'] }, wrapped);
}

function pgError(code: string, message: string) {
  return new QueryFailedError('SELECT secret FROM t WHERE x = $1', ['v'], Object.assign(new Error(message), { code }));
}

describe('formatError', () => {
  it('passes errors meant for the client through', () => {
    expect(fromResolver(new NotFoundError('article'))).toMatchObject({ message: 'article not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('masks anything else, with no SQL', () => {
    const out = fromResolver(pgError('42P01', 'relation "t" does not exist'));
    expect(out).toEqual({ message: 'Internal server error', path: ['q'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns a statement timeout into advice to ask for less, and a deadlock into a retryable conflict', () => {
    const timeout = fromResolver(pgError('57014', 'canceling statement due to statement timeout'));
    expect(timeout.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(timeout.message).toMatch(/shorter range/);
    expect(JSON.stringify(timeout)).not.toMatch(/SELECT|secret/);
    const deadlock = fromResolver(pgError('40P01', 'deadlock detected'));
    expect(deadlock.extensions).toEqual({ code: 'CONFLICT' });
    expect(deadlock.message).toMatch(/send it again/);
  });
});
