const ARABIC_DIACRITICS_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const LATIN_COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * The key under which speakers and outlets are matched across articles: case, Latin accents,
 * Arabic diacritics and tatweel, and alef/yaa/taa-marbuta spelling variants are ignored.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(LATIN_COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(ARABIC_DIACRITICS_AND_TATWEEL, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s\u00A0\u200B-\u200F]+/g, ' ')
    .trim()
    .toLowerCase();
}
