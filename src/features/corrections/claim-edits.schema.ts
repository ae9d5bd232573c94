import { ValidationError, type FieldErrors } from '../../errors.ts';
import { OUTLET_ROLES, type OutletRole } from '../../domain/outlet-roles.ts';
import type { ClaimKind } from '../../extraction/types.ts';
import { msg } from '../../i18n/translate.ts';

export const CLAIM_KINDS = ['factual', 'opinion', 'prediction', 'question'] as const satisfies readonly ClaimKind[];

export const MAX_CUE_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;
/** More hops than any real chain has; a bound so a crafted form cannot write thousands of rows. */
export const MAX_CHAIN_HOPS = 20;

/** A hop as the editor shows it: the id of the stored hop it continues, or '' for a new one. */
export interface HopValues {
  id: string;
  outlet: string;
  role: string;
}

/** What the reviewer typed, kept as typed so that a refused form shows it again. */
export interface ClaimEditorValues {
  start: string;
  end: string;
  speaker: string;
  newSpeaker: boolean;
  cue: string;
  kind: string;
  hops: HopValues[];
  newHopOutlet: string;
  newHopRole: string;
}

export interface ClaimFields {
  start: number;
  end: number;
  speaker: string;
  newSpeaker: boolean;
  cue: string;
  kind: ClaimKind;
}

export interface ChainHop {
  id: string | null;
  outlet: string;
  role: OutletRole;
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** Repeated fields arrive as an array, a single one as a string. */
function list(body: Body, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : ''));
  return typeof value === 'string' ? [value] : [];
}

/** The form's hops in their new order: removals dropped, a requested move applied, the new hop appended. */
function submittedHops(body: Body): HopValues[] {
  const ids = list(body, 'hopId');
  const outlets = list(body, 'hopOutlet');
  const roles = list(body, 'hopRole');
  const removed = new Set(list(body, 'hopRemove'));
  const hops = outlets.slice(0, MAX_CHAIN_HOPS + 1).map((outlet, index) => ({ index, id: ids[index] ?? '', outlet, role: roles[index] ?? '' }));
  const move = /^(\d+):(up|down)$/.exec(text(body, 'move'));
  if (move) {
    const from = hops.findIndex((hop) => hop.index === Number(move[1]));
    const to = move[2] === 'up' ? from - 1 : from + 1;
    if (from >= 0 && to >= 0 && to < hops.length) [hops[from], hops[to]] = [hops[to]!, hops[from]!];
  }
  return hops.filter((hop) => !removed.has(String(hop.index))).map(({ id, outlet, role }) => ({ id, outlet, role }));
}

export function readClaimEditor(body: unknown): ClaimEditorValues {
  const source = (body ?? {}) as Body;
  const hops = submittedHops(source);
  const newHopOutlet = text(source, 'newHopOutlet');
  const newHopRole = text(source, 'newHopRole');
  return {
    start: text(source, 'start').trim(),
    end: text(source, 'end').trim(),
    speaker: text(source, 'speaker'),
    newSpeaker: text(source, 'newSpeaker') === '1',
    cue: text(source, 'cue'),
    kind: text(source, 'kind'),
    hops,
    newHopOutlet,
    newHopRole,
  };
}

/** The version a form was loaded at; -1 when missing or garbled, which no claim has. */
export function readVersion(body: unknown): number {
  const value = Number(text((body ?? {}) as Body, 'version'));
  return Number.isInteger(value) && value > 0 ? value : -1;
}

function offset(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** Checks what can be checked without the article: offsets are whole numbers, names present, kinds and roles known. */
export function parseClaimFields(values: ClaimEditorValues): ClaimFields {
  const errors: FieldErrors = {};
  const start = offset(values.start);
  const end = offset(values.end);
  if (start === undefined || end === undefined) errors.span = msg('claims.error.spanPositions');
  const speaker = values.speaker.trim();
  if (!speaker) errors.speaker = msg('claims.error.nameSpeaker');
  else if (speaker.length > MAX_NAME_LENGTH) errors.speaker = msg('claims.error.speakerTooLong', { max: MAX_NAME_LENGTH });
  const cue = values.cue.trim();
  if (cue.length > MAX_CUE_LENGTH) errors.cue = msg('claims.error.cueTooLong', { max: MAX_CUE_LENGTH });
  if (!(CLAIM_KINDS as readonly string[]).includes(values.kind)) errors.kind = msg('claims.error.unknownKind', { value: values.kind, choices: CLAIM_KINDS.join(', ') });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { start: start!, end: end!, speaker, newSpeaker: values.newSpeaker, cue, kind: values.kind as ClaimKind };
}

function isOutletRole(value: string): value is OutletRole {
  return (OUTLET_ROLES as readonly string[]).includes(value);
}

/** The chain the editor asks for, with the new hop appended when its outlet is named. */
export function parseChain(values: ClaimEditorValues): ChainHop[] {
  const errors: FieldErrors = {};
  const rows = [...values.hops];
  if (values.newHopOutlet.trim()) rows.push({ id: '', outlet: values.newHopOutlet, role: values.newHopRole });
  if (rows.length > MAX_CHAIN_HOPS) errors.chain = msg('claims.error.chainTooLong', { max: MAX_CHAIN_HOPS });
  const chain = rows.map((row, index) => {
    const outlet = row.outlet.trim();
    if (!outlet) errors.chain ??= msg('claims.error.hopWithoutOutlet', { number: index + 1 });
    else if (outlet.length > MAX_NAME_LENGTH) errors.chain ??= msg('claims.error.outletTooLong', { max: MAX_NAME_LENGTH });
    if (!isOutletRole(row.role)) errors.chain ??= msg('claims.error.unknownRole', { value: row.role, number: index + 1, choices: OUTLET_ROLES.join(', ') });
    return { id: row.id || null, outlet, role: row.role as OutletRole };
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return chain;
}
