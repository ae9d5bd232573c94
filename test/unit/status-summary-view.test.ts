import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedScale } from '../support/rating-scale.ts';
import { createRenderer } from '../../src/http/render.ts';
import { viewHelpers } from '../../src/http/view-helpers.ts';
import { translatorFor } from '../../src/i18n/translate.ts';

const renderer = createRenderer(path.resolve('views'));

function summary(countsComplete: boolean, language: 'en' | 'ar' = 'en'): string {
  const scale = seedScale();
  const counts = scale.codes.map((status, index) => ({ status, count: index === 0 ? 10_000 : 0 }));
  const { t, n } = translatorFor(language);
  const statusName = (code: string) => scale.name(code, language);
  return renderer.render('partials/claims/status-summary', { dashboard: { counts, countsComplete }, params: { speaker: 's1', check: '50' }, h: viewHelpers, t, n, statusName });
}

describe('status summary', () => {
  it('shows counts that stopped early as lower bounds', () => {
    const capped = summary(false);
    expect(capped).toMatch(/<span class="summary-count">10,000\+<\/span> <span>All<\/span>/);
    // A status with no claim among those counted may still have some: zero stays zero, without a sign.
    expect(capped).toMatch(/<span class="summary-count">0<\/span>/);
  });

  it('names the statuses in the reader’s language only', () => {
    const arabic = summary(true, 'ar');
    expect(arabic).toContain('<span>لم يُتحقق منه</span>');
    expect(arabic).toContain('<span>الكل</span>');
    expect(arabic).not.toContain('Unverified');
  });

  it('shows exact counts as they are', () => {
    expect(summary(true)).toMatch(/<span class="summary-count">10,000<\/span> <span>All<\/span>/);
    expect(summary(true)).not.toContain('+</span>');
  });
});
