/**
 * The desk's rating scale: the verification labels a claim's status can take, defined by the desk's
 * admins (names in Arabic and English, colour, order, whether a label is a verdict, its ClaimReview rating).
 * claim.status holds a label's code. 'unverified' and 'in_review' are the workflow's own open states:
 * they can be renamed and recoloured, never retired.
 */
export type LabelLanguage = 'en' | 'ar';

export interface RatingLabel {
  code: string;
  name: Record<LabelLanguage, string>;
  /** '#rrggbb' */
  colour: string;
  position: number;
  /** A verdict: counts as rated, and is published as a ClaimReview. */
  rated: boolean;
  /** Closes the review: the claim leaves the open queues. */
  final: boolean;
  /** ClaimReview reviewRating.ratingValue on the 1–5 scale, or null. */
  ratingValue: number | null;
  /** ClaimReview reviewRating.alternateName; the label's name when not set. */
  alternateName: Record<LabelLanguage, string | null>;
  retiredAt: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A new claim's status, and the workflow's second open state. */
export const INITIAL_STATUS = 'unverified';
export const IN_REVIEW_STATUS = 'in_review';
/** The workflow's fixed open states: renamable, not removable, never a verdict. */
export const WORKFLOW_STATUSES: readonly string[] = [INITIAL_STATUS, IN_REVIEW_STATUS];

export const BEST_RATING = 5;
export const WORST_RATING = 1;

/** Codes are ASCII words: they appear in URLs, CSS class names and the API. */
export const LABEL_CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const COLOUR_PATTERN = /^#[0-9a-f]{6}$/;

export class RatingScale {
  /** Every label, retired ones included, in the scale's order. */
  readonly labels: readonly RatingLabel[];
  private readonly byCode: ReadonlyMap<string, RatingLabel>;

  constructor(labels: readonly RatingLabel[]) {
    this.labels = [...labels].sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
    this.byCode = new Map(this.labels.map((label) => [label.code, label]));
  }

  get(code: string): RatingLabel | undefined {
    return this.byCode.get(code);
  }

  /** A known label, retired or not: what a claim or a filter may name. */
  has(code: unknown): code is string {
    return typeof code === 'string' && this.byCode.has(code);
  }

  /** A label a reviewer may choose now. */
  isOffered(code: unknown): code is string {
    return typeof code === 'string' && this.byCode.get(code)?.retiredAt === null;
  }

  /** The labels offered in forms, in order. */
  get offered(): RatingLabel[] {
    return this.labels.filter((label) => label.retiredAt === null);
  }

  get codes(): string[] {
    return this.labels.map((label) => label.code);
  }

  /** A label's name in a language; an unknown code is shown as itself. */
  name(code: string, language: LabelLanguage): string {
    return this.byCode.get(code)?.name[language] ?? code;
  }

  colour(code: string): string {
    return this.byCode.get(code)?.colour ?? '#5d6676';
  }

  isRated(code: string): boolean {
    return this.byCode.get(code)?.rated ?? false;
  }

  isFinal(code: string): boolean {
    return this.byCode.get(code)?.final ?? false;
  }

  /** ClaimReview's rating: null unless the label is a verdict with a rating value. */
  ratingValue(code: string): number | null {
    const label = this.byCode.get(code);
    return label?.rated ? label.ratingValue : null;
  }

  alternateName(code: string, language: LabelLanguage): string {
    const label = this.byCode.get(code);
    return label?.alternateName[language] || this.name(code, language);
  }

  /** Codes that still need a verdict (not final), retired ones included: claims may still carry them. */
  get openCodes(): string[] {
    return this.labels.filter((label) => !label.final).map((label) => label.code);
  }

  /** Changes whenever any label does: a cache key (the stylesheet's address carries it). */
  get fingerprint(): string {
    let hash = 0;
    for (const label of this.labels) {
      for (const char of `${label.code}:${label.version}:${label.colour};`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
    }
    return (hash >>> 0).toString(36);
  }
}

/** Whether a label may be retired or deleted: the workflow's open states stay. */
export function isWorkflowStatus(code: string): boolean {
  return WORKFLOW_STATUSES.includes(code);
}

// ---------------------------------------------------------------------------------------------------
// Colours: a badge is the label's colour on a pale wash of it, darkened until it reads (WCAG AA, 4.5:1).

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: readonly number[]): string {
  return `#${[r!, g!, b!].map((c) => Math.round(Math.max(0, Math.min(255, c))).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The badge of a label: a wash of its colour behind it, the colour itself darkened until it reads on that wash. */
export function badgeColours(colour: string): { background: string; text: string } {
  const base = COLOUR_PATTERN.test(colour) ? channels(colour) : channels('#5d6676');
  const background = toHex(base.map((c) => 255 - (255 - c) * 0.14));
  let text = base;
  for (let step = 0; step < 20 && contrastRatio(toHex(text), background) < 4.6; step++) text = text.map((c) => c * 0.85) as typeof text;
  return { background, text: toHex(text) };
}

/** A label's colour as a solid field under white text (a share card's verdict): darkened until the text reads. */
export function solidColour(colour: string): string {
  let fill = COLOUR_PATTERN.test(colour) ? channels(colour) : channels('#5d6676');
  for (let step = 0; step < 20 && contrastRatio(toHex(fill), '#ffffff') < 4.6; step++) fill = fill.map((c) => c * 0.85) as typeof fill;
  return toHex(fill);
}
