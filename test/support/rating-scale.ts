import { RatingScale, type RatingLabel } from '../../src/domain/rating-scale.ts';

/** The scale a new desk starts with (the migration's seed), for tests that need one without a database. */
const SEED: Array<[string, string, string, string, boolean, boolean, number | null]> = [
  ['unverified', 'Unverified', 'لم يُتحقق منه', '#5d6676', false, false, null],
  ['in_review', 'In review', 'قيد المراجعة', '#124a85', false, false, null],
  ['accurate', 'Accurate', 'صحيح', '#1f7a3d', true, true, 5],
  ['mostly_accurate', 'Mostly accurate', 'صحيح في معظمه', '#3f6b12', true, true, 4],
  ['misleading', 'Misleading', 'مضلل', '#8a5a00', true, true, 2],
  ['false', 'False', 'خاطئ', '#a4262c', true, true, 1],
  ['unverifiable', 'Unverifiable', 'لا يمكن التحقق منه', '#563d7c', false, true, null],
  ['not_a_claim', 'Not a claim', 'ليس ادعاءً', '#5d6676', false, true, null],
];

export function seedLabels(): RatingLabel[] {
  return SEED.map(([code, en, ar, colour, rated, final, ratingValue], index) => ({
    code,
    name: { en, ar },
    colour,
    position: index + 1,
    rated,
    final,
    ratingValue,
    alternateName: { en: null, ar: null },
    retiredAt: null,
    version: 1,
    updatedAt: '2026-12-03T01:00:00.000Z',
    updatedBy: null,
  }));
}

export function seedScale(changes: (labels: RatingLabel[]) => RatingLabel[] = (labels) => labels): RatingScale {
  return new RatingScale(changes(seedLabels()));
}
