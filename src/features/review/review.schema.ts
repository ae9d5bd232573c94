import { z } from 'zod';
import type { FieldErrors } from '../../errors.ts';
import { sameOriginPath } from '../../http/referer.ts';
import { msg } from '../../i18n/translate.ts';

/** A selected row: the claim, and the version its row showed (null where the form did not say). */
export interface SelectedClaim {
  id: string;
  version: number | null;
}

export const BULK_ACTIONS = ['status', 'assign'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The bulk bar's "Nobody" choice: unassigns, as opposed to no choice made. */
export const UNASSIGN = 'nobody';

/** The bulk bar as submitted, kept as typed so a refused submission re-renders with the user's choices. */
export interface BulkForm {
  /** '' when no action was chosen. */
  action: string;
  status: string;
  assignee: string;
  selection: SelectedClaim[];
  /** A selected value that is not "id" or "id:version". */
  malformedSelection: boolean;
  /** The confirm button of the confirmation step was pressed. */
  confirmed: boolean;
  /** The claims the confirmation step listed as having their verdicts replaced. */
  replacing: string[];
  /** The status the confirmation step was about. */
  replacingWith: string;
  /** The page to return to once the change is applied, on this site. */
  back: string | undefined;
}

const text = z.string().optional().catch(undefined);
const bulkFormSchema = z.object({
  action: text,
  status: text,
  assignee: text,
  claim: z.union([z.string(), z.array(z.string())]).optional().catch(undefined),
  confirmed: text,
  replacing: text,
  replacingWith: text,
  back: text,
});

const SELECTED = /^([^:\s]+)(?::([1-9][0-9]{0,9}))?$/;

/** Selected rows as checkboxes send them ("id:version", one or many); malformed when any value is neither that nor an id. */
export function readSelection(claim: unknown): { selection: SelectedClaim[]; malformed: boolean } {
  const values = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
  const selection: SelectedClaim[] = [];
  let malformed = false;
  for (const value of values) {
    const match = typeof value === 'string' ? SELECTED.exec(value) : null;
    if (match) selection.push({ id: match[1]!, version: match[2] === undefined ? null : Number(match[2]) });
    else if (value !== '') malformed = true;
  }
  return { selection, malformed };
}

/** Reads the bulk bar leniently: anything unusable becomes empty, for bulkFormErrors to name. */
export function readBulkForm(body: unknown): BulkForm {
  const parsed = bulkFormSchema.safeParse(body ?? {});
  const form = parsed.success ? parsed.data : {};
  const { selection, malformed: malformedSelection } = readSelection(form.claim);
  return {
    action: form.action ?? '',
    status: form.status ?? '',
    assignee: form.assignee ?? '',
    selection,
    malformedSelection,
    confirmed: form.confirmed === '1',
    replacing: (form.replacing ?? '').split(/\s+/).filter((id) => id !== ''),
    replacingWith: form.replacingWith ?? '',
    back: sameOriginPath(form.back),
  };
}

/** What the user still has to choose: an action, and a value for it; no default stands in for either. */
export function bulkFormErrors(form: BulkForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.malformedSelection) errors.claimIds = msg('review.bulk.invalidSelection');
  else if (form.selection.length === 0) errors.claimIds = msg('review.bulk.selectOne');
  if (!(BULK_ACTIONS as readonly string[]).includes(form.action)) errors.action = msg('review.bulk.chooseAction');
  else if (form.action === 'status' && form.status === '') errors.status = msg('review.bulk.chooseStatusToSet');
  else if (form.action === 'assign' && form.assignee === '') errors.assignee = msg('review.bulk.chooseAssignee');
  return errors;
}

/** The claims whose verdicts the user confirmed replacing: only a confirmation of the status being set counts. */
export function confirmedReplacing(form: BulkForm): string[] | undefined {
  return form.confirmed && form.replacingWith === form.status ? form.replacing : undefined;
}

/** The assignee a bulk form asks for: a user id, or null to unassign. */
export function bulkAssignee(form: BulkForm): string | null {
  return form.assignee === UNASSIGN ? null : form.assignee;
}
