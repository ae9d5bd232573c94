// Counts the speaker strings the engine gives its claims, and which of them the speaker
// validator would reject, for the audit:speakers report.
import type { Language } from '../extraction/index.ts';
import { speakerRejection } from '../extraction/speaker-validator.ts';

export type RejectionOf = (name: string, language: Language) => string | null;

export interface ArticleSpeakers {
  id: string;
  language: Language;
  claims: ReadonlyArray<{ speaker: string; text: string }>;
}

export interface SpeakerCount {
  name: string;
  language: Language;
  count: number;
  /** Why the validator rejects this name, or null when it accepts it. */
  rejection: string | null;
  /** The first claim given this speaker. */
  example: { article: string; text: string };
}

export interface LanguageTotals {
  articles: number;
  claims: number;
  rejectedClaims: number;
}

export interface SpeakerTally {
  speakers: SpeakerCount[];
  byLanguage: Record<string, LanguageTotals>;
  overall: LanguageTotals;
  /** Claims per rejection reason, most frequent first. */
  reasons: Array<[string, number]>;
}

const emptyTotals = (): LanguageTotals => ({ articles: 0, claims: 0, rejectedClaims: 0 });

/** Speakers most frequent first (ties by language, then name), with totals per language and reason. */
export function tallySpeakers(articles: readonly ArticleSpeakers[], rejectionOf: RejectionOf = speakerRejection): SpeakerTally {
  const counts = new Map<string, SpeakerCount>();
  const byLanguage: Record<string, LanguageTotals> = {};
  const overall = emptyTotals();
  const reasons = new Map<string, number>();
  for (const article of articles) {
    const totals = (byLanguage[article.language] ??= emptyTotals());
    totals.articles++;
    overall.articles++;
    for (const { speaker: name, text } of article.claims) {
      const key = `${article.language}\u0000${name}`;
      let entry = counts.get(key);
      if (!entry) {
        const rejection = rejectionOf(name, article.language);
        entry = { name, language: article.language, count: 0, rejection, example: { article: article.id, text } };
        counts.set(key, entry);
      }
      entry.count++;
      totals.claims++;
      overall.claims++;
      if (entry.rejection === null) continue;
      totals.rejectedClaims++;
      overall.rejectedClaims++;
      reasons.set(entry.rejection, (reasons.get(entry.rejection) ?? 0) + 1);
    }
  }
  const speakers = [...counts.values()].sort(
    (x, y) => y.count - x.count || x.language.localeCompare(y.language) || x.name.localeCompare(y.name),
  );
  return { speakers, byLanguage, overall, reasons: [...reasons.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])) };
}

export function share(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}
