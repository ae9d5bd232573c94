import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extraction/index.ts';
import type { ClaimKind, Language, NoiseSpan, OutletRole, SpeakerKind } from '../../src/extraction/index.ts';

// Short articles written for these tests (not seen while tuning on the gold
// sample): each lists the claims it must yield as speaker + a distinctive
// substring, the text that must stay out of every claim, and the noise and
// outlets to detect.

interface Expected {
  language: Language;
  publisher?: string;
  claims: { speaker: string; includes: string; kind?: ClaimKind }[];
  absent: string[];
  maxClaims: number;
  noise: { reason: NoiseSpan['reason']; includes: string }[];
  outlets: { name: string; role: OutletRole }[];
  chains?: { includes: string; outlets: string[] }[];
  speakers: { name: string; kind: SpeakerKind; unnamed?: boolean; alias?: string }[];
}

const dir = new URL('../fixtures/articles/', import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe.each(names)('fixture %s', (file) => {
  const text = readFileSync(new URL(file, dir), 'utf8');
  const expected = JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, '.expected.json'), dir), 'utf8')) as Expected;
  const result = extract(text, expected.publisher ? { publisher: expected.publisher } : {});

  it('detects the language', () => {
    expect(result.language).toBe(expected.language);
  });

  it.each(expected.claims.map((c) => [c.includes, c] as const))('finds the claim containing %s', (_label, c) => {
    const claim = result.claims.find((x) => x.text.includes(c.includes));
    expect(claim, `no claim contains ${c.includes}`).toBeDefined();
    expect(claim!.speaker.name).toContain(c.speaker);
    if (c.kind) expect(claim!.kind).toBe(c.kind);
  });

  it('keeps narration, hedges and noise out of claims', () => {
    for (const s of expected.absent) {
      expect(result.claims.find((c) => c.text.includes(s))?.text, s).toBeUndefined();
    }
    expect(result.claims.length).toBeLessThanOrEqual(expected.maxClaims);
  });

  it('returns exact offsets', () => {
    for (const c of result.claims) expect(text.slice(c.start, c.end)).toBe(c.text);
    for (const n of result.noise) expect(text.slice(n.start, n.end)).toBe(n.text);
  });

  it('detects the noise', () => {
    for (const n of expected.noise) {
      expect(result.noise.some((x) => x.reason === n.reason && x.text.includes(n.includes)), `${n.reason}: ${n.includes}`).toBe(true);
    }
  });

  it('finds the outlets with their roles', () => {
    for (const o of expected.outlets) {
      expect(result.outlets.some((x) => x.name === o.name && x.role === o.role), `${o.name} as ${o.role}`).toBe(true);
    }
    for (const ch of expected.chains ?? []) {
      const claim = result.claims.find((x) => x.text.includes(ch.includes))!;
      expect(claim.outlets.map((o) => o.name)).toEqual(ch.outlets);
      expect(claim.outlets.map((o) => o.order)).toEqual(ch.outlets.map((_, i) => i + 1));
    }
  });

  it('lists the speakers with their kinds and aliases', () => {
    for (const s of expected.speakers) {
      const sp = result.speakers.find((x) => x.name === s.name);
      expect(sp, s.name).toBeDefined();
      expect(sp!.kind).toBe(s.kind);
      if (s.unnamed !== undefined) expect(sp!.unnamed).toBe(s.unnamed);
      if (s.alias) expect(sp!.aliases).toContain(s.alias);
    }
  });
});
