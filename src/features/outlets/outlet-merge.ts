import type { Db } from '../../db/connect.ts';
import { OUTLET_ROLE_LABELS, type OutletRole } from '../../domain/outlet-roles.ts';
import {
  copyHopCheck,
  deleteHops,
  listChainsOfClaims,
  listHopsOnClaimsOf,
  markClaimsEdited,
  markOutletMerged,
  moveArticlesToPublisher,
  moveHopsToOutlet,
  type OutletHop,
} from './outlets.repository.ts';

const UNCHECKED_HOP = 'unconfirmed';

export interface HopMergeResult {
  /** Claims whose chain went through the merged outlet. */
  claimIds: string[];
  /** Claims that had both outlets in the same role and now keep one hop. */
  collapsedClaimIds: string[];
  removedHopIds: string[];
  articlesMoved: number;
  /** Each moved claim's chain in words, before and after the merge, for its history line. */
  chainsBefore: Map<string, string>;
  chainsAfter: Map<string, string>;
}

/**
 * Moves the merged outlet's hops and articles to the target. A claim whose chain had both outlets in the
 * same role would list the target twice in that role: the merged outlet's hop is removed, and its check
 * (status, evidence) goes to the hop that stays when that one was not checked yet. Hops in different
 * roles are both kept: an outlet may interview a speaker and republish the interview.
 */
export async function mergeOutletHops(trx: Db, fromId: string, intoId: string, correction: { actorId: string; at: string }): Promise<HopMergeResult> {
  const hops = await listHopsOnClaimsOf(trx, fromId, intoId);
  const claimIds = [...new Set(hops.filter((hop) => hop.outlet_id === fromId).map((hop) => hop.claim_id))];
  const chainsBefore = await describeChains(trx, claimIds);
  const removedHopIds: string[] = [];
  const collapsed = new Set<string>();
  for (const [claimId, chain] of groupByClaim(hops)) {
    const kept = new Map<string, OutletHop>(chain.filter((hop) => hop.outlet_id === intoId).map((hop) => [hop.role, hop]));
    for (const hop of chain.filter((h) => h.outlet_id === fromId)) {
      const twin = kept.get(hop.role);
      if (!twin) {
        kept.set(hop.role, hop);
        continue;
      }
      removedHopIds.push(hop.id);
      collapsed.add(claimId);
      if (twin.status === UNCHECKED_HOP && hop.status !== UNCHECKED_HOP) {
        const check = { status: hop.status, evidence_url: hop.evidence_url, checked_by: hop.checked_by, checked_at: hop.checked_at };
        await copyHopCheck(trx, twin.id, check);
        Object.assign(twin, check);
      }
    }
  }
  await deleteHops(trx, removedHopIds);
  await moveHopsToOutlet(trx, fromId, intoId);
  const articlesMoved = await moveArticlesToPublisher(trx, fromId, intoId);
  await markOutletMerged(trx, fromId, intoId);
  await markClaimsEdited(trx, claimIds, correction.actorId, correction.at);
  const chainsAfter = await describeChains(trx, claimIds);
  return { claimIds, collapsedClaimIds: [...collapsed], removedHopIds, articlesMoved, chainsBefore, chainsAfter };
}

/** "Sputnik (interview) → RT (republished)", as a claim's history tells its chain. */
async function describeChains(trx: Db, claimIds: readonly string[]): Promise<Map<string, string>> {
  const chains = await listChainsOfClaims(trx, claimIds);
  const label = (role: string) => OUTLET_ROLE_LABELS[role as OutletRole]?.en ?? role;
  return new Map([...chains].map(([claimId, links]) => [claimId, links.map((link) => `${link.outlet_name} (${label(link.role)})`).join(' → ')]));
}

function groupByClaim(hops: readonly OutletHop[]): Map<string, OutletHop[]> {
  const byClaim = new Map<string, OutletHop[]>();
  for (const hop of hops) {
    const chain = byClaim.get(hop.claim_id) ?? [];
    chain.push(hop);
    byClaim.set(hop.claim_id, chain);
  }
  return byClaim;
}
