import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaimById } from '../../src/features/claims/claims.repository.ts';
import { MAX_BULK_CLAIMS } from '../../src/features/review/review.service.ts';
import { createUser } from '../../src/features/users/users.service.ts';
import { TEST_PASSWORD, signIn } from '../support/auth.ts';
import { createTestContext, type TestContext } from '../support/context.ts';
import { insertTestArticle, insertTestClaim } from '../support/fixtures.ts';

let context: TestContext;
let reviewerId: string;
beforeEach(async () => {
  context = await createTestContext();
  reviewerId = (await createUser(context.db, { name: 'Assignable reviewer', role: 'reviewer', password: TEST_PASSWORD }, { cost: 10 })).user.id;
});
afterEach(() => context.close());

/** A bulk assignment as the dashboard posts it: the selected ids plus the action's own fields. */
function bulkForm(claimIds: string[], assignee: string, csrfToken: string): string {
  const fields = new URLSearchParams({ action: 'assign', assignee, _csrf: csrfToken });
  for (const id of claimIds) fields.append('claim', id);
  return fields.toString();
}

describe('bulk selections', () => {
  it(`accept ${MAX_BULK_CLAIMS} selected claims in one form`, async () => {
    const article = await insertTestArticle(context.db);
    const claimIds: string[] = [];
    for (let i = 0; i < MAX_BULK_CLAIMS; i += 1) claimIds.push(await insertTestClaim(context.db, { article, start: i }));
    const editor = await signIn(context, 'editor');
    await editor.agent.post('/claims/bulk').type('form').send(bulkForm(claimIds, reviewerId, editor.csrfToken)).expect(303);
    expect((await findClaimById(context.db, claimIds.at(-1)!))!.assignee_id).toBe(reviewerId);
  });

  it('refuse a larger selection with the limit in words, not as an unreadable body', async () => {
    const editor = await signIn(context, 'editor');
    const ids = Array.from({ length: MAX_BULK_CLAIMS + 1 }, (_, i) => `0192f3a4-5b6c-7d8e-9f00-${String(i).padStart(12, '0')}`);
    const response = await editor.agent.post('/claims/bulk').type('form').send(bulkForm(ids, reviewerId, editor.csrfToken));
    expect(response.status).toBe(422);
    expect(response.text).toContain(`at most ${MAX_BULK_CLAIMS} claims`);
  });
});
