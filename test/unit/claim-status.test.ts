import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { badgeColours, contrastRatio, solidColour } from '../../src/domain/rating-scale.ts';
import { seedScale } from '../support/rating-scale.ts';
import { MAX_REVIEW_NOTE_LENGTH, decodeCursor, encodeCursor, validateStatusChange } from '../../src/features/claims/claims.service.ts';
import { InputRejectedError } from '../../src/errors.ts';

describe('verification statuses', () => {
  it('start as the eight statuses of the design, each labelled in English and Arabic', () => {
    const scale = seedScale();
    expect(scale.offered.map((label) => label.code)).toEqual(['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim']);
    for (const label of scale.labels) {
      expect(label.name.en).toMatch(/^[A-Z][a-z ]+$/);
      expect(label.name.ar).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('map verdicts onto the ClaimReview 1–5 rating scale and leave open statuses unrated', () => {
    const scale = seedScale();
    expect(scale.ratingValue('accurate')).toBe(5);
    expect(scale.ratingValue('false')).toBe(1);
    expect(scale.ratingValue('mostly_accurate')!).toBeGreaterThan(scale.ratingValue('misleading')!);
    expect(scale.ratingValue('unverified')).toBeNull();
    expect(scale.isFinal('in_review')).toBe(false);
    expect(scale.openCodes).toEqual(['unverified', 'in_review']);
  });

  it('recognise only the scale’s labels, and offer only those not retired', () => {
    const scale = seedScale((labels) => labels.map((label) => (label.code === 'unverifiable' ? { ...label, retiredAt: '2026-12-03T00:00:00.000Z' } : label)));
    expect(scale.has('misleading')).toBe(true);
    expect(scale.has('Misleading')).toBe(false);
    expect(scale.has('toString')).toBe(false);
    expect(scale.has(undefined)).toBe(false);
    expect(scale.has('unverifiable')).toBe(true);
    expect(scale.isOffered('unverifiable')).toBe(false);
    expect(scale.offered.map((label) => label.code)).not.toContain('unverifiable');
  });

  it('darken a light label colour until its badge reads', () => {
    for (const colour of ['#ffee00', '#00ffff', '#1f7a3d', '#ffffff']) {
      const { background, text } = badgeColours(colour);
      expect(contrastRatio(background, text), colour).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('status change rules', () => {
  it('accept a known status with an optional note', () => {
    expect(() => validateStatusChange({ status: 'false', note: 'See the ministry statement.' }, seedScale())).not.toThrow();
    expect(() => validateStatusChange({ status: 'in_review' }, seedScale())).not.toThrow();
  });

  it('refuse an unknown status with a message naming the valid ones', () => {
    try {
      validateStatusChange({ status: 'pants_on_fire' }, seedScale());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(String((error as ValidationError).fieldErrors.status)).toContain('pants_on_fire');
      expect(String((error as ValidationError).fieldErrors.status)).toContain('Mostly accurate');
    }
  });

  it('refuse an overlong note', () => {
    expect(() => validateStatusChange({ status: 'false', note: 'x'.repeat(MAX_REVIEW_NOTE_LENGTH + 1) }, seedScale())).toThrow(ValidationError);
  });
});

describe('page cursors', () => {
  it('round-trip', () => {
    const newest = { sort: 'newest', ingestedAt: '2026-11-23T10:00:00.000Z', articleId: 'a', start: 42, claimId: 'c' } as const;
    expect(decodeCursor(encodeCursor(newest))).toEqual(newest);
    const byScore = { sort: 'checkworthiness', score: 0.1 + 0.2, claimId: 'c' } as const;
    expect(decodeCursor(encodeCursor(byScore))).toEqual(byScore);
  });

  it('reject a damaged cursor as bad input', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(InputRejectedError);
    expect(() => decodeCursor(Buffer.from('["newest","a",1]').toString('base64url'))).toThrow(InputRejectedError);
    expect(() => decodeCursor(Buffer.from('["checkworthiness","high","c"]').toString('base64url'))).toThrow(InputRejectedError);
  });
});

describe('a share card’s verdict colour', () => {
  it('is the label’s colour, darkened until white text on it reads', () => {
    expect(solidColour('#a4262c')).toBe('#a4262c');
    for (const colour of ['#ffd43b', '#00ffff', '#ffffff']) expect(contrastRatio(solidColour(colour), '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
  });
});
