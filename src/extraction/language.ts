import type { Language } from './types.ts';
import { en } from './lexicon/en.ts';
import { fr } from './lexicon/fr.ts';

// Script decides Arabic; between English and French, function words decide.
// Only the first stretch of the text is read: a few thousand characters are
// plenty and keep detection constant-time on large inputs.

const SAMPLE = 20_000;
const EN_STOP = new Set(en.stopWords);
const FR_STOP = new Set(fr.stopWords.map((w) => w.normalize('NFC')));

/** Share of letters that are Arabic script. */
export function arabicRatio(text: string): number {
  let arabic = 0;
  let latin = 0;
  const n = Math.min(text.length, SAMPLE);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || (c >= 0xfb50 && c <= 0xfefc)) arabic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
  }
  return arabic + latin === 0 ? 0 : arabic / (arabic + latin);
}

/** Stop-word hits for English and French. */
export function stopWordScores(text: string): { en: number; fr: number } {
  let enScore = 0;
  let frScore = 0;
  const sample = text.slice(0, SAMPLE).toLowerCase();
  for (const m of sample.matchAll(/[a-zà-ÿœ']+/g)) {
    const w = m[0];
    if (EN_STOP.has(w)) enScore++;
    if (FR_STOP.has(w)) frScore++;
    // Elided articles and accented letters are strong French signals.
    if (/^(?:l|d|qu|n|s|c|j)'/.test(w)) frScore++;
  }
  frScore += (sample.match(/[éèêàùçôî]/g)?.length ?? 0) * 0.5;
  return { en: enScore, fr: frScore };
}

export function detectLanguage(text: string): Language {
  // Arabic articles quote Latin names and URLs; a modest share of Arabic letters is decisive.
  if (arabicRatio(text) >= 0.3) return 'ar';
  const s = stopWordScores(text);
  return s.fr > s.en ? 'fr' : 'en';
}
