import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/connect.ts';
import { ConflictError, ValidationError, type FieldErrors, type UserMessage } from '../../errors.ts';
import { requireRole } from '../../http/auth.ts';
import { renderView, wantsFragment } from '../../http/render.ts';
import { msg } from '../../i18n/translate.ts';
import { renderClaimPage } from '../claims/claims.routes.ts';
import { parseSeenVerdicts } from '../claims/claims.schema.ts';
import { getClaim, getClaimHistory, type ClaimView } from '../claims/claims.service.ts';
import { decideClusterSuggestion, getClusterSection, reuseVerdict } from './cluster-desk.service.ts';

/** What the section says after a decision: saved, or refused with the reason. */
export interface SameClaimFeedback {
  notice?: UserMessage;
  conflict?: UserMessage;
  errors?: FieldErrors;
}

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function version(req: Request): number {
  const value = Number(field(req, 'version'));
  return Number.isInteger(value) && value > 0 ? value : -1;
}

/**
 * The claim page's "The same claim elsewhere" section: its fragment, a reviewer's answer to a suggested
 * match, and a verdict applied from another appearance. htmx gets the section back (with the verification
 * panel, whose history and status the decision changed); a plain form gets a 303 back to the page, or the
 * page with the refusal.
 */
export function clusterDeskRouter({ db, notifier }: AppDeps): Router {
  const router = Router();

  router.get<{ id: string }>('/claims/:id/same-claim', async (req, res) => {
    const claim = await getClaim(db, req.params.id);
    if (!wantsFragment(req)) return res.redirect(303, `/claims/${claim.id}#same-claim`);
    await renderSection(db, req, res, claim, {});
  });

  router.post<{ id: string; otherId: string }>('/claims/:id/same-claim/suggestions/:otherId', requireRole('reviewer'), async (req, res) => {
    const user = res.locals.user!;
    const decision = field(req, 'decision');
    await answer(db, req, res, async () => {
      await decideClusterSuggestion(db, { claimId: req.params.id, otherClaimId: req.params.otherId, decision, actor: { id: user.id, name: user.name } });
      notifier.publish(req.params.id);
      notifier.publish(req.params.otherId);
      return msg(decision === 'confirm' ? 'sameClaim.suggestions.confirmed' : 'sameClaim.suggestions.rejected');
    });
  });

  router.post<{ id: string }>('/claims/:id/same-claim/reuse', requireRole('reviewer'), async (req, res) => {
    const user = res.locals.user!;
    await answer(db, req, res, async () => {
      const { claim } = await reuseVerdict(db, {
        claimId: req.params.id,
        expectedVersion: version(req),
        seen: parseSeenVerdicts(req.body),
        fromClaimId: field(req, 'from'),
        fromStatus: field(req, 'fromStatus'),
        actor: { id: user.id, name: user.name },
      });
      notifier.publish(claim.id);
      return msg('sameClaim.reuse.done');
    });
  });

  return router;
}

/** Runs a decision and answers with the section as it is now: 200 with a notice, or 409/422 with the reason. */
async function answer(db: Db, req: Request<{ id: string }>, res: Response, decide: () => Promise<UserMessage>): Promise<void> {
  let feedback: SameClaimFeedback;
  let status = 200;
  try {
    feedback = { notice: await decide() };
  } catch (error) {
    if (error instanceof ConflictError) [status, feedback] = [409, { conflict: error.text }];
    else if (error instanceof ValidationError) [status, feedback] = [422, { errors: error.fieldErrors }];
    else throw error;
  }
  // A claim deleted meanwhile is not found (404) here, through the error handler.
  const claim = await getClaim(db, req.params.id);
  if (!wantsFragment(req)) {
    if (status === 200) return res.redirect(303, `/claims/${claim.id}#same-claim`);
    return renderClaimPage(db, req, res, claim, { status, sameClaim: feedback });
  }
  await renderSection(db, req, res, claim, feedback, status, { withVerification: true });
}

async function renderSection(
  db: Db,
  req: Request,
  res: Response,
  claim: ClaimView,
  feedback: SameClaimFeedback,
  status = 200,
  { withVerification = false }: { withVerification?: boolean } = {},
): Promise<void> {
  const [sameClaim, history] = await Promise.all([getClusterSection(db, claim), withVerification ? getClaimHistory(db, claim.id) : undefined]);
  renderView(req, res, {
    page: 'partials/clusters/same-claim',
    status,
    data: { claim, sameClaim, sameClaimFeedback: feedback, verification: history ? { history } : undefined },
  });
}
