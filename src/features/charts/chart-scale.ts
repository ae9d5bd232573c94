import { CLAIM_STATUSES, STATUS_INFO, isClaimStatus } from '../../domain/claim-status.ts';
import { STATUS_COLOURS } from '../../domain/status-colours.ts';
import type { Db } from '../../db/connect.ts';
import { formatMessage } from '../../i18n/translate.ts';
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
}

/** The labels in the scale's order, and any code found in the data that the scale no longer has. */
export interface ChartScale {
  labels: readonly ChartLabel[];
  label(code: string): ChartLabel;
}

const UNKNOWN_COLOUR = '#4b5361';

/**
 * The one place the charts take their labels' names and colours from: today the status vocabulary of
 * src/domain (claim-status.ts, status-colours.ts) and the catalogues; a desk-defined rating scale (read
 * from `db`) replaces it here, and every chart, legend and table follows.
 */
export async function chartScaleFor(_db: Db, language: UiLanguage): Promise<ChartScale> {
  const labels: ChartLabel[] = CLAIM_STATUSES.map((code) => {
    const info = STATUS_INFO[code];
    return {
      code,
      name: formatMessage(language, `status.${code}`),
      colour: STATUS_COLOURS[code],
      final: info.final,
      rated: info.final && code !== 'not_a_claim',
      negative: info.rating !== null && info.rating <= 2,
    };
  });
  return scaleOf(labels);
}

export function scaleOf(labels: readonly ChartLabel[]): ChartScale {
  const byCode = new Map(labels.map((label) => [label.code, label]));
  return {
    labels,
    label: (code) =>
      byCode.get(code) ?? { code, name: code, colour: UNKNOWN_COLOUR, final: isClaimStatus(code) && STATUS_INFO[code].final, rated: false, negative: false },
  };
}
