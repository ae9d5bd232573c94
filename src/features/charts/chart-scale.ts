import { loadRatingScale } from '../ratings/ratings.service.ts';
import type { Db } from '../../db/connect.ts';
import type { UiLanguage } from '../../i18n/languages.ts';

/** A verification label as the charts draw it: its name in the reader's language, its colour, what it counts as. */
export interface ChartLabel {
  code: string;
  name: string;
  /** '#rrggbb' */
  colour: string;
  /** Closes the review: counted as verified in the review progress. */
  final: boolean;
  /** A verdict on the content: the charts of verdicts count it. */
  rated: boolean;
  /** A verdict against the claim (false, misleading): the overview ranks speakers and outlets by these. */
  negative: boolean;
  /** No longer offered: charted only where claims still carry it. */
  retired?: boolean;
}

/** The labels in the scale's order, and any code found in the data that the scale no longer has. */
export interface ChartScale {
  labels: readonly ChartLabel[];
  label(code: string): ChartLabel;
}

const UNKNOWN_COLOUR = '#4b5361';

/**
 * The one place the charts take their labels' names and colours from: the desk's rating scale (read from
 * `db` for each chart, as every page reads it), so every chart, legend and table follows a rename, a new
 * colour or a new order at once. Retired labels stay, as old claims still carry them.
 */
export async function chartScaleFor(db: Db, language: UiLanguage): Promise<ChartScale> {
  const scale = await loadRatingScale(db);
  const labels: ChartLabel[] = scale.labels.map((label) => {
    const rating = scale.ratingValue(label.code);
    return {
      code: label.code,
      name: label.name[language],
      colour: label.colour,
      final: label.final,
      rated: label.rated,
      negative: rating !== null && rating <= 2,
      retired: label.retiredAt !== null,
    };
  });
  return scaleOf(labels);
}

export function scaleOf(labels: readonly ChartLabel[]): ChartScale {
  const byCode = new Map(labels.map((label) => [label.code, label]));
  return {
    labels,
    label: (code) =>
      byCode.get(code) ?? { code, name: code, colour: UNKNOWN_COLOUR, final: false, rated: false, negative: false },
  };
}
