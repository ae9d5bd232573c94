import type { Db } from '../../db/connect.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors.ts';
import { nowIso } from '../../ids.ts';
import { msg } from '../../i18n/translate.ts';
import { COLOUR_PATTERN, LABEL_CODE_PATTERN, RatingScale, isWorkflowStatus, type RatingLabel } from '../../domain/rating-scale.ts';
import { recordDeskEvent } from '../activity/desk-events.repository.ts';
import {
  deleteRatingLabel,
  findRatingLabel,
  insertRatingLabel,
  isRatingLabelUsed,
  listRatingLabels,
  lockRatingScaleOrder,
  maxRatingLabelPosition,
  setRatingLabelPosition,
  updateRatingLabel,
  type RatingLabelRow,
} from './ratings.repository.ts';

export const MAX_LABEL_NAME_LENGTH = 60;

/**
 * The desk's scale as it is in the database now. It is read afresh for every request that needs it (a
 * handful of rows by primary key order, well under a millisecond) rather than cached: several instances
 * share one PostgreSQL database, and a rename made on one must show on the others at once.
 */
export async function loadRatingScale(db: Db): Promise<RatingScale> {
  return new RatingScale((await listRatingLabels(db)).map(labelFromRow));
}

export function labelFromRow(row: RatingLabelRow): RatingLabel {
  return {
    code: row.code,
    name: { en: row.name_en, ar: row.name_ar },
    colour: row.colour,
    position: Number(row.position),
    rated: Number(row.rated) === 1,
    final: Number(row.final) === 1,
    ratingValue: row.rating_value === null ? null : Number(row.rating_value),
    alternateName: { en: row.alternate_name_en, ar: row.alternate_name_ar },
    retiredAt: row.retired_at,
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** What the admin's form sends, as typed. */
export interface LabelForm {
  code?: string | undefined;
  nameEn?: string | undefined;
  nameAr?: string | undefined;
  colour?: string | undefined;
  rated?: boolean | undefined;
  final?: boolean | undefined;
  ratingValue?: string | undefined;
  alternateNameEn?: string | undefined;
  alternateNameAr?: string | undefined;
}

export interface LabelActor {
  id: string;
  name: string;
}

interface CleanLabel {
  name_en: string;
  name_ar: string;
  colour: string;
  rated: number;
  final: number;
  rating_value: number | null;
  alternate_name_en: string | null;
  alternate_name_ar: string | null;
}

/** The typed values checked and tidied, or the reasons they are refused (in words, per field). */
function cleanLabel(form: LabelForm, code: string, scale: RatingScale): CleanLabel {
  const errors: FieldErrors = {};
  const nameEn = (form.nameEn ?? '').trim();
  const nameAr = (form.nameAr ?? '').trim();
  for (const [field, name, language] of [['nameEn', nameEn, 'en'], ['nameAr', nameAr, 'ar']] as const) {
    if (name === '') errors[field] = msg('ratings.invalid.name');
    else if ([...name].length > MAX_LABEL_NAME_LENGTH) errors[field] = msg('ratings.invalid.nameLength', { max: MAX_LABEL_NAME_LENGTH });
    else {
      const twin = scale.labels.find((label) => label.code !== code && label.retiredAt === null && label.name[language].toLocaleLowerCase() === name.toLocaleLowerCase());
      if (twin) errors[field] = msg('ratings.invalid.nameTaken', { name });
    }
  }
  const colour = (form.colour ?? '').trim().toLowerCase();
  if (!COLOUR_PATTERN.test(colour)) errors.colour = msg('ratings.invalid.colour');
  const workflow = isWorkflowStatus(code);
  const rated = form.rated === true;
  const final = form.final === true;
  if (workflow && (rated || final)) errors.rated = msg('ratings.invalid.workflowOpen');
  const ratingText = (form.ratingValue ?? '').trim();
  let ratingValue: number | null = null;
  if (ratingText !== '') {
    if (!/^[1-5]$/.test(ratingText)) errors.ratingValue = msg('ratings.invalid.ratingValue');
    else if (!rated) errors.ratingValue = msg('ratings.invalid.ratingNeedsRated');
    else ratingValue = Number(ratingText);
  }
  const alternate = (value: string | undefined, field: string): string | null => {
    const text = (value ?? '').trim();
    if ([...text].length > MAX_LABEL_NAME_LENGTH) errors[field] = msg('ratings.invalid.nameLength', { max: MAX_LABEL_NAME_LENGTH });
    return text === '' ? null : text;
  };
  const alternateEn = alternate(form.alternateNameEn, 'alternateNameEn');
  const alternateAr = alternate(form.alternateNameAr, 'alternateNameAr');
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    name_en: nameEn,
    name_ar: nameAr,
    colour,
    rated: rated ? 1 : 0,
    final: final ? 1 : 0,
    rating_value: ratingValue,
    alternate_name_en: alternateEn,
    alternate_name_ar: alternateAr,
  };
}

/** A refused write on a label someone changed meanwhile: the label as it is now. */
export interface LabelConflict {
  label: RatingLabel | undefined;
}

async function staleLabel(trx: Db, code: string): Promise<ConflictError<LabelConflict>> {
  const row = await findRatingLabel(trx, code);
  return new ConflictError<LabelConflict>(msg(row ? 'ratings.stale' : 'ratings.staleDeleted'), { label: row ? labelFromRow(row) : undefined });
}

function snapshot(label: RatingLabel): Record<string, unknown> {
  const { updatedAt: _at, updatedBy: _by, ...rest } = label;
  return rest;
}

export async function addRatingLabel(db: Db, form: LabelForm, actor: LabelActor): Promise<RatingLabel> {
  const code = (form.code ?? '').trim().toLowerCase();
  return db.transaction().execute(async (trx) => {
    // Its place is after the last one: two additions at once must not take the same place.
    await lockRatingScaleOrder(trx);
    const scale = await loadRatingScale(trx);
    const errors: FieldErrors = {};
    if (!LABEL_CODE_PATTERN.test(code)) errors.code = msg('ratings.invalid.code');
    else if (scale.has(code)) errors.code = msg('ratings.invalid.codeTaken', { code });
    let clean: CleanLabel | undefined;
    try {
      clean = cleanLabel(form, code, scale);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    if (Object.keys(errors).length > 0 || !clean) throw new ValidationError(errors);
    const at = nowIso();
    const row: RatingLabelRow = { code, ...clean, position: (await maxRatingLabelPosition(trx)) + 1, retired_at: null, version: 1, updated_at: at, updated_by: actor.name };
    if (!(await insertRatingLabel(trx, row))) throw new ValidationError({ code: msg('ratings.invalid.codeTaken', { code }) });
    const label = labelFromRow(row);
    await recordDeskEvent(trx, { actor: actor.name, actor_id: actor.id, action: 'rating_label.add', target_type: 'rating_label', target_id: code, summary: `Added the label «${clean.name_en}»`, after: snapshot(label), at });
    return label;
  });
}

async function currentLabel(trx: Db, code: string, expectedVersion: number): Promise<RatingLabel> {
  const row = await findRatingLabel(trx, code);
  if (!row) throw new NotFoundError('Rating label', code);
  if (Number(row.version) !== expectedVersion) throw await staleLabel(trx, code);
  return labelFromRow(row);
}

export async function editRatingLabel(db: Db, code: string, expectedVersion: number, form: LabelForm, actor: LabelActor): Promise<RatingLabel> {
  return db.transaction().execute(async (trx) => {
    const before = await currentLabel(trx, code, expectedVersion);
    const clean = cleanLabel(form, code, await loadRatingScale(trx));
    const at = nowIso();
    if (!(await updateRatingLabel(trx, code, expectedVersion, { ...clean, updated_at: at, updated_by: actor.name }))) throw await staleLabel(trx, code);
    const after = labelFromRow((await findRatingLabel(trx, code))!);
    await recordDeskEvent(trx, { actor: actor.name, actor_id: actor.id, action: 'rating_label.edit', target_type: 'rating_label', target_id: code, summary: `Edited the label «${before.name.en}»`, before: snapshot(before), after: snapshot(after), at });
    return after;
  });
}

/** Swaps a label with its neighbour among the offered labels (retired ones keep their place out of sight). */
export async function moveRatingLabel(db: Db, code: string, expectedVersion: number, direction: 'up' | 'down', actor: LabelActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Read after the lock: the order moved from is the one the other moves left.
    await lockRatingScaleOrder(trx);
    const label = await currentLabel(trx, code, expectedVersion);
    const offered = (await loadRatingScale(trx)).offered;
    const index = offered.findIndex((candidate) => candidate.code === code);
    const neighbour = offered[direction === 'up' ? index - 1 : index + 1];
    if (index === -1 || !neighbour) return;
    const at = nowIso();
    if (!(await updateRatingLabel(trx, code, expectedVersion, { position: neighbour.position, updated_at: at, updated_by: actor.name }))) throw await staleLabel(trx, code);
    // The neighbour is where it was read (the order is locked); checked all the same, as the version is.
    if (!(await setRatingLabelPosition(trx, neighbour.code, label.position, neighbour.position))) throw await staleLabel(trx, code);
    await recordDeskEvent(trx, {
      actor: actor.name,
      actor_id: actor.id,
      action: 'rating_label.move',
      target_type: 'rating_label',
      target_id: code,
      summary: `Moved the label «${label.name.en}» ${direction}, past «${neighbour.name.en}»`,
      before: { position: label.position },
      after: { position: neighbour.position },
      at,
    });
  });
}

/**
 * Retires a label: no longer offered, still shown on the claims and history that carry it. The workflow's
 * open states cannot be retired. restore brings a retired label back.
 */
export async function setRatingLabelRetired(db: Db, code: string, expectedVersion: number, retired: boolean, actor: LabelActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const label = await currentLabel(trx, code, expectedVersion);
    if (retired && isWorkflowStatus(code)) throw new ValidationError({ label: msg('ratings.invalid.workflowRetire') });
    if ((label.retiredAt !== null) === retired) return;
    const at = nowIso();
    if (!(await updateRatingLabel(trx, code, expectedVersion, { retired_at: retired ? at : null, updated_at: at, updated_by: actor.name }))) throw await staleLabel(trx, code);
    await recordDeskEvent(trx, {
      actor: actor.name,
      actor_id: actor.id,
      action: retired ? 'rating_label.retire' : 'rating_label.restore',
      target_type: 'rating_label',
      target_id: code,
      summary: `${retired ? 'Retired' : 'Restored'} the label «${label.name.en}»`,
      before: { retiredAt: label.retiredAt },
      after: { retiredAt: retired ? at : null },
      at,
    });
  });
}

/** Deletes a label no claim and no history line has ever carried; a used one can only be retired. */
export async function removeRatingLabel(db: Db, code: string, expectedVersion: number, actor: LabelActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const label = await currentLabel(trx, code, expectedVersion);
    if (isWorkflowStatus(code)) throw new ValidationError({ label: msg('ratings.invalid.workflowRetire') });
    if (await isRatingLabelUsed(trx, code)) throw new ValidationError({ label: msg('ratings.invalid.inUse') });
    if (!(await deleteRatingLabel(trx, code, expectedVersion))) throw await staleLabel(trx, code);
    await recordDeskEvent(trx, { actor: actor.name, actor_id: actor.id, action: 'rating_label.delete', target_type: 'rating_label', target_id: code, summary: `Deleted the unused label «${label.name.en}»`, before: snapshot(label) });
  });
}
