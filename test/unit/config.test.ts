import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('defaults to port 3000 and an embedded SQLite file', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('./data/isnad.db');
    expect(config.maxArticleBytes).toBe(1024 * 1024);
    expect(config.seedOnEmpty).toBe(true);
    // No request may hold the database for more than a second unless the desk says otherwise.
    expect(config.dbQueryTimeoutMs).toBe(1000);
    // Small SQLite caches and no memory map: the operating system's page cache holds the file once.
    expect([config.sqliteCacheSizeMb, config.sqliteMmapSizeMb]).toEqual([4, 0]);
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://localhost/isnad', SEED_ON_EMPTY: 'false', PAGE_SIZE: '20' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://localhost/isnad', seedOnEmpty: false, pageSize: 20 });
  });

  it('reports every invalid variable by name', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('LOG_LEVEL');
    }
  });

  it('trusts no proxy unless TRUST_PROXY names them', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', 'loopback/8', '-1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('credits the organisation and takes an optional public base URL for shared links', () => {
    expect(loadConfig({})).toMatchObject({ organizationName: 'Isnad fact-check desk', publicBaseUrl: undefined });
    expect(loadConfig({ ORGANIZATION_NAME: 'مكتب التحقق', PUBLIC_BASE_URL: 'https://desk.example.org/isnad/' })).toMatchObject({
      organizationName: 'مكتب التحقق',
      publicBaseUrl: 'https://desk.example.org/isnad',
    });
    for (const bad of ['ftp://desk.example.org', 'javascript:alert(1)', 'desk.example.org', 'https://desk.example.org/?x=1']) {
      expect(() => loadConfig({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
  });
});

describe('ORGANIZATION_URL', () => {
  it('is the desk’s own site when set, and unset otherwise', () => {
    expect(loadConfig({ ORGANIZATION_URL: 'https://desk.example.org/about' }).organizationUrl).toBe('https://desk.example.org/about');
    expect(loadConfig({}).organizationUrl).toBeUndefined();
  });

  it('must be an http(s) URL', () => {
    for (const value of ['desk.example.org', 'ftp://desk.example.org', 'javascript:alert(1)']) {
      expect(() => loadConfig({ ORGANIZATION_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ORGANIZATION_URL: value })).toThrow(/ORGANIZATION_URL/);
    }
  });
});
