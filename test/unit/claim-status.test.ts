import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { CLAIM_STATUSES, STATUS_INFO, isClaimStatus } from '../../src/domain/claim-status.ts';
import { MAX_REVIEW_NOTE_LENGTH, decodeCursor, encodeCursor, validateStatusChange } from '../../src/features/claims/claims.service.ts';
import { InputRejectedError } from '../../src/errors.ts';

describe('verification statuses', () => {
  it('are the eight statuses of the design, each labelled in English and Arabic', () => {
    expect(CLAIM_STATUSES).toEqual(['unverified', 'in_review', 'accurate', 'mostly_accurate', 'misleading', 'false', 'unverifiable', 'not_a_claim']);
    for (const status of CLAIM_STATUSES) {
      expect(STATUS_INFO[status].en).toMatch(/^[A-Z][a-z ]+$/);
      expect(STATUS_INFO[status].ar).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('map verdicts onto the ClaimReview 1–5 rating scale and leave open statuses unrated', () => {
    expect(STATUS_INFO.accurate.rating).toBe(5);
    expect(STATUS_INFO.false.rating).toBe(1);
    expect(STATUS_INFO.mostly_accurate.rating!).toBeGreaterThan(STATUS_INFO.misleading.rating!);
    expect(STATUS_INFO.unverified.rating).toBeNull();
    expect(STATUS_INFO.in_review.final).toBe(false);
  });

  it('recognises only known status names', () => {
    expect(isClaimStatus('misleading')).toBe(true);
    expect(isClaimStatus('Misleading')).toBe(false);
    expect(isClaimStatus('toString')).toBe(false);
    expect(isClaimStatus(undefined)).toBe(false);
  });
});

describe('status change rules', () => {
  it('accept a known status with an optional note', () => {
    expect(() => validateStatusChange({ status: 'false', note: 'See the ministry statement.' })).not.toThrow();
    expect(() => validateStatusChange({ status: 'in_review' })).not.toThrow();
  });

  it('refuse an unknown status with a message naming the valid ones', () => {
    try {
      validateStatusChange({ status: 'pants_on_fire' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(String((error as ValidationError).fieldErrors.status)).toContain('pants_on_fire');
      expect(String((error as ValidationError).fieldErrors.status)).toContain('Mostly accurate');
    }
  });

  it('refuse an overlong note', () => {
    expect(() => validateStatusChange({ status: 'false', note: 'x'.repeat(MAX_REVIEW_NOTE_LENGTH + 1) })).toThrow(ValidationError);
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
