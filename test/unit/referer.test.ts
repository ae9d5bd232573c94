import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { refererPath, sameOriginPath } from '../../src/http/referer.ts';

const KEPT: Array<[string, string]> = [
  ['/', '/'],
  ['/claims/0192f3a4-5b6c-7d8e-9f00-112233445566', '/claims/0192f3a4-5b6c-7d8e-9f00-112233445566'],
  ['/?status=false&speaker=%D8%AF%D9%8A%D9%84%D8%A7%D9%86%D9%88%D9%8A%D9%87', '/?status=false&speaker=%D8%AF%D9%8A%D9%84%D8%A7%D9%86%D9%88%D9%8A%D9%87'],
  ['/?q=two%20words', '/?q=two%20words'],
  ['/a/../queue', '/queue'],
  ['/claims/1#notes', '/claims/1'],
];

const REFUSED = [
  '',
  'claims/1',
  'https://evil.example/',
  'javascript:alert(1)',
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '\\\\evil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  ' /x',
  '/x y',
  '/%E0%A4%A',
  '/\u0000x',
];

describe('same-origin redirect targets', () => {
  it.each(KEPT)('keeps %j as %j', (target, expected) => {
    expect(sameOriginPath(target)).toBe(expected);
  });

  it.each(REFUSED)('refuses %j', (target) => {
    expect(sameOriginPath(target)).toBeUndefined();
  });

  it('refuses an overlong path', () => {
    expect(sameOriginPath(`/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/'], { path: '/' }]) expect(sameOriginPath(value)).toBeUndefined();
  });
});

describe('the Referer of a plain form', () => {
  const requestWith = (referer: string | undefined) =>
    ({ get: (name: string) => (name.toLowerCase() === 'referer' ? referer : name.toLowerCase() === 'host' ? 'isnad.test' : undefined) }) as unknown as Request;

  it('gives back a page of this site', () => {
    expect(refererPath(requestWith('http://isnad.test/?status=false'), '/fallback')).toBe('/?status=false');
  });

  it.each(['http://evil.example/', 'http://isnad.test//evil.example/', 'http://isnad.test/%5Cevil.example', 'not a url'])('falls back for %j', (referer) => {
    expect(refererPath(requestWith(referer), '/fallback')).toBe('/fallback');
  });

  it('falls back without a Referer', () => {
    expect(refererPath(requestWith(undefined), '/fallback')).toBe('/fallback');
  });
});
