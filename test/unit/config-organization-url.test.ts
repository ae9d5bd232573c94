import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

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
