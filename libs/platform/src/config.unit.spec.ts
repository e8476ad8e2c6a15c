import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from './config.js';

describe('configuration validated once at boot', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({});
    expect(config.values.EVENT_STORE).toBe('sqlite');
    expect(config.values.READ_STORE).toBe('sqlite');
    expect(config.values.PORT).toBe(3000);
    expect(config.values.PROCESS_ROLES).toEqual(['api', 'projector', 'worker']);
  });

  it('names every bad variable and the rule, never the value', () => {
    try {
      loadConfig({ EVENT_STORE: 'postgres', PORT: 'eighty', READ_STORE: 'mongodb', MASTER_KEY: 'secret-value' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toMatch(/EVENT_STORE/);
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/MONGODB_URI: is required when READ_STORE=mongodb/);
      expect(message).toMatch(/MASTER_KEY/);
      expect(message).not.toContain('secret-value');
    }
  });

  it('requires the EventStoreDB connection string for the production event store', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(
      loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })
        .values.EVENT_STORE,
    ).toBe('eventstoredb');
  });

  it('issue 14.3: production refuses to start without MASTER_KEY and JWT_SECRET or JWKS_URL, naming them', () => {
    const production = { NODE_ENV: 'production', JWT_ISSUER: 'kenpo', JWT_AUDIENCE: 'kenpo-api' };
    expect(() => loadConfig(production)).toThrow(/MASTER_KEY: is required when NODE_ENV=production/);
    expect(() => loadConfig(production)).toThrow(/JWT_SECRET: is required when NODE_ENV=production, unless JWKS_URL/);
    const masterKey = { MASTER_KEY: 'ab'.repeat(32) };
    expect(() => loadConfig({ ...production, ...masterKey })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...production, JWT_SECRET: 's'.repeat(32) })).toThrow(/MASTER_KEY/);
    expect(loadConfig({ ...production, ...masterKey, JWT_SECRET: 's'.repeat(32) }).values.NODE_ENV).toBe('production');
    expect(loadConfig({ ...production, ...masterKey, JWKS_URL: 'https://id.example.test/jwks' }).values.JWKS_URL).toBe(
      'https://id.example.test/jwks',
    );
    expect(loadConfig({}).values.MASTER_KEY).toBeUndefined(); // development generates its keys under DATA_DIR/secrets
  });

  it('refuses an unknown process role', () => {
    expect(() => loadConfig({ PROCESS_ROLES: 'api,mailer' })).toThrow(/PROCESS_ROLES/);
  });
});

describe('API docs', () => {
  it('are served in development and off in production unless asked for', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    const production = {
      NODE_ENV: 'production',
      JWT_ISSUER: 'https://idp.example/',
      JWT_AUDIENCE: 'kenpo',
      JWT_SECRET: 's'.repeat(32),
      MASTER_KEY: 'ab'.repeat(32),
    };
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'on' }).apiDocs).toBe(true);
  });
});
