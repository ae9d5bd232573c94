import { foldForSearch, indexForm } from './search.ts';

/**
 * Near-duplicate claims: the same statement republished or lightly edited in another article.
 *
 * A claim's text is folded as search folds it (diacritics, tatweel, alef/yaa/taa-marbuta and hamza variants,
 * Arabic-Indic digits, lower case, Latin accents), cut into words with Arabic prefixes stripped (و ف ب ل ال …),
 * numbers written alike ("1,000", "1000", "١٬٠٠٠"), and stop words left out. Its shingles are the remaining
 * words and each pair of neighbouring words: single words keep a reworded copy close, pairs keep two claims
 * made of the same common words in another order apart.
 *
 * A MinHash signature estimates the Jaccard similarity of two claims' shingle sets; locality-sensitive hashing
 * cuts it into bands, each band one bucket key, so that two claims with similarity s share at least one key
 * with probability 1 − (1 − s^ROWS)^BANDS. The index stores the keys and looks them up; candidates are then
 * re-scored exactly (jaccard on the shingle sets). Everything here is deterministic: a fixed seeded family of
 * 32-bit hashes over the UTF-16 code units, the same in every process and for both database engines.
 */

/** Bands of the signature, each stored as one bucket key per claim. */
export const LSH_BANDS = 20;
/** Signature values per band: a band matches only when all of them do. */
export const LSH_ROWS = 2;
export const SIGNATURE_LENGTH = LSH_BANDS * LSH_ROWS;

/**
 * Claims with fewer content words than this are not indexed: "Yes", "We will respond" or a bare name
 * match far too many unrelated claims to mean anything.
 */
export const MIN_CONTENT_WORDS = 3;

// Function words of the desk's three languages, folded as the claims are: they carry no meaning of their own,
// and claims sharing only them are not the same claim. Negations and modal verbs stay: they are the words
// quote drift watches, and two copies that differ by them are still the same statement.
const STOP_WORDS_SOURCE = [
  // Arabic
  'في من على إلى الى عن مع هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين اللواتي أن إن ان أنه إنه انه أنها إنها',
  'كان كانت يكون تكون وقد و ف ب ل ك ثم أو او أي اي هو هي هم هن نحن أنا انا كما بين حتى عند عندما منذ لدى لدي',
  'قال قالت يقول تقول أضاف اضاف أضافت وأضاف وأكد أكد أكدت وقال وقالت أوضح اوضح أشار اشار وأشار ذكر وذكر',
  'حيث بعد قبل خلال ضد تحت فوق كل بعض غير أمام وفق وفقا حول ضمن لقد أما اما إذا اذا لكن لكنه بأن بان',
  // English
  'the a an of to in on at by for from with and or but as is are was were be been being it its this that these those',
  'he she they we i you his her their our my your him them us me there here which who whom whose what when where',
  'said says say told added stated according has have had do does did will shall would than then so if into about',
  'over also just only very such said',
  // French
  'le la les l un une des du de d et ou mais a à au aux en dans sur par pour avec sans sous est sont était été être',
  'ce cet cette ces il elle ils elles on nous vous je j tu son sa ses leur leurs qui que qu quoi dont où se s y',
  'selon a-t-il dit déclaré affirmé ajouté a été ont avait plus comme lors entre aussi',
];

// A number with its grouping or decimal separators (ASCII, Arabic ٫ ٬, and the space that NBSP and narrow NBSP fold to).
const TOKEN = /\d+(?:[.,\u066b\u066c ]\d+)*|\p{L}+|\p{N}+/gu;
const NUMBER = /^\d/;

/** Folded words, each in the one form the index reads. */
export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_SOURCE.flatMap((line) => tokenWords(line)));

/**
 * One number in one spelling: thousands separators dropped ("1,000", "1.000", "1 000", "١٬٠٠٠" → "1000"),
 * a decimal separator written as a point ("2,5", "٢٫٥" → "2.5"), leading zeros and a decimal's trailing zeros
 * dropped. Digit runs that are not one number ("2020 300") are split.
 */
export function normalizeNumber(run: string): string[] {
  const groups = run.split(/[.,\u066b\u066c ]/);
  const separators = run.match(/[.,\u066b\u066c ]/g) ?? [];
  if (groups.length === 1) return [stripZeros(run)];
  const thousands = groups[0]!.length <= 3 && groups.slice(1).every((group) => group.length === 3) && new Set(separators).size === 1;
  if (thousands) return [stripZeros(groups.join(''))];
  if (groups.length === 2 && separators[0] !== ' ') {
    const fraction = groups[1]!.replace(/0+$/, '');
    return [fraction ? `${stripZeros(groups[0]!)}.${fraction}` : stripZeros(groups[0]!)];
  }
  // Spaces between unrelated numbers, or a list written with commas: each run on its own.
  return groups.map(stripZeros);
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** A text's words, folded, numbers normalised, Arabic prefixes stripped; stop words included. */
export function tokenWords(text: string): string[] {
  const words: string[] = [];
  for (const match of foldForSearch(text).matchAll(TOKEN)) {
    const token = match[0];
    if (NUMBER.test(token)) words.push(...normalizeNumber(token.replace(/[^\d]+$/, '')));
    else words.push(indexForm(token));
  }
  return words;
}

/**
 * The words a claim is compared on: tokenWords without stop words, and without the words of its speaker's
 * names when given. A claim's span usually starts with its speaker ("قال الرئيس التركي رجب طيب أردوغان إن …"),
 * and two different statements of one speaker must not look alike for sharing the name: the speaker is compared
 * apart (the same-speaker bonus of the score).
 */
export function contentWords(text: string, speakerNames: readonly string[] = []): string[] {
  const speakerWords = new Set(speakerNames.flatMap((name) => tokenWords(name)));
  return tokenWords(text).filter((word) => !STOP_WORDS.has(word) && !speakerWords.has(word));
}

/** Content words and pairs of neighbouring content words ("a b" with a space, which no word contains). */
export function shingles(text: string, speakerNames: readonly string[] = []): Set<string> {
  return shinglesOf(contentWords(text, speakerNames));
}

function shinglesOf(words: readonly string[]): Set<string> {
  const set = new Set<string>(words);
  for (let i = 0; i + 1 < words.length; i++) set.add(`${words[i]} ${words[i + 1]}`);
  return set;
}

/** Whether a text has enough content words to be indexed (see MIN_CONTENT_WORDS). */
export function isIndexable(text: string, speakerNames: readonly string[] = []): boolean {
  return contentWords(text, speakerNames).length >= MIN_CONTENT_WORDS;
}

/** Exact Jaccard similarity of two shingle sets: shared / all; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The similarity of two claim texts (each without its speaker's names, when given), as the index re-scores its candidates. */
export function textSimilarity(a: string, b: string, speakersA: readonly string[] = [], speakersB: readonly string[] = []): number {
  return jaccard(shingles(a, speakersA), shingles(b, speakersB));
}

// Murmur3's finaliser: a bijection of 32-bit integers that mixes every input bit into every output bit.
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string's UTF-16 code units (murmur3-style mixing), the same in every JavaScript engine. */
export function hashString(text: string, seed = 0x9747b28c): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ text.length);
}

// The hash family: h_i(x) = fmix32(a_i·x + b_i) with a_i odd, so each h_i permutes the 32-bit values.
// a_i and b_i come from splitmix32 seeded with a constant, so they never change between processes.
const FAMILY = (() => {
  let state = 0x2545f491;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
  const multipliers = new Uint32Array(SIGNATURE_LENGTH);
  const offsets = new Uint32Array(SIGNATURE_LENGTH);
  for (let i = 0; i < SIGNATURE_LENGTH; i++) {
    multipliers[i] = next() | 1;
    offsets[i] = next();
  }
  return { multipliers, offsets };
})();

/** The MinHash signature of a shingle set: for each hash of the family, the least value over the set. */
export function minHashSignature(set: ReadonlySet<string>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of set) {
    const x = hashString(shingle);
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      const value = fmix32((Math.imul(x, FAMILY.multipliers[i]!) + FAMILY.offsets[i]!) >>> 0);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

export interface BandKey {
  band: number;
  /** A non-negative integer below 2^53, so it is exact as a JavaScript number and fits a bigint. */
  bucket: number;
}

/** The signature cut into LSH_BANDS bands of LSH_ROWS values, each band hashed to one 53-bit bucket key. */
export function bandKeys(signature: Uint32Array): BandKey[] {
  const keys: BandKey[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let high = fmix32(0x1b873593 ^ band);
    let low = fmix32(0x85ebca6b + band);
    for (let row = 0; row < LSH_ROWS; row++) {
      const value = signature[band * LSH_ROWS + row]!;
      high = fmix32(Math.imul(high ^ value, 0xcc9e2d51) + row);
      low = fmix32((Math.imul(low, 31) ^ fmix32(value + 0x6b43a9b5)) >>> 0);
    }
    keys.push({ band, bucket: (high >>> 11) * 0x100000000 + low });
  }
  return keys;
}

export interface NearDuplicateKeys {
  shingles: Set<string>;
  /** Empty when the text has too few content words to be indexed. */
  bands: BandKey[];
}

/** What the index stores and looks up for one claim text (without its speaker's names, when given). */
export function nearDuplicateKeys(text: string, speakerNames: readonly string[] = []): NearDuplicateKeys {
  const words = contentWords(text, speakerNames);
  const set = shinglesOf(words);
  return { shingles: set, bands: words.length >= MIN_CONTENT_WORDS ? bandKeys(minHashSignature(set)) : [] };
}
