import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from '../../src/domain/claim-status.ts';
import { createRenderer } from '../../src/http/render.ts';
import { viewHelpers } from '../../src/http/view-helpers.ts';

const renderer = createRenderer(path.resolve('views'));

function summary(countsComplete: boolean): string {
  const counts = CLAIM_STATUSES.map((status, index) => ({ status, count: index === 0 ? 10_000 : 0 }));
  return renderer.render('partials/claims/status-summary', { dashboard: { counts, countsComplete }, params: { speaker: 's1', check: '50' }, h: viewHelpers });
}

describe('status summary', () => {
  it('shows counts that stopped early as lower bounds', () => {
    const capped = summary(false);
    expect(capped).toMatch(/<span class="summary-count">10000\+<\/span> <span>All<\/span>/);
    // A status with no claim among those counted may still have some: zero stays zero, without a sign.
    expect(capped).toMatch(/<span class="summary-count">0<\/span>/);
  });

  it('shows exact counts as they are', () => {
    expect(summary(true)).toMatch(/<span class="summary-count">10000<\/span> <span>All<\/span>/);
    expect(summary(true)).not.toContain('+</span>');
  });
});
