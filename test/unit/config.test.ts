import { ConfigError, loadConfig } from '../../src/core/config/config';

describe('loadConfig', () => {
  it('defaults to the embedded services on port 4000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.meiliUrl).toBeUndefined();
    expect(c.migrateOnStart).toBe(true);
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ MEILI_URL: 'http://127.0.0.1:7700' }, /MEILI_MASTER_KEY is not/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ MIGRATE_ON_START: 'maybe' }, /MIGRATE_ON_START must be true or false/],
    [{ BOOTSTRAP_ADMIN_KEY: 'short' }, /BOOTSTRAP_ADMIN_KEY must look like/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts a complete external setup', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/helpscope',
      MEILI_URL: 'https://search.example.com',
      MEILI_MASTER_KEY: 'k'.repeat(32),
      MIGRATE_ON_START: 'false',
      BOOTSTRAP_ADMIN_KEY: 'hs_abcd1234_' + 'A'.repeat(32),
    });
    expect(c).toMatchObject({ port: 8080, migrateOnStart: false, meiliUrl: 'https://search.example.com' });
  });
});
