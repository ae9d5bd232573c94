import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLUSTER_THRESHOLDS } from '../../src/features/clusters/cluster-thresholds.ts';
import {
  bandKeys,
  contentWords,
  hashString,
  isIndexable,
  jaccard,
  LSH_BANDS,
  minHashSignature,
  nearDuplicateKeys,
  normalizeNumber,
  shingles,
  textSimilarity,
  tokenWords,
} from '../../src/text/near-duplicate.ts';

/** Bands two texts share: the index finds one from the other when this is at least one. */
function sharedBands(a: string, b: string): number {
  const keysA = nearDuplicateKeys(a).bands;
  const keysB = nearDuplicateKeys(b).bands;
  return keysA.filter((key, i) => key.bucket === keysB[i]!.bucket).length;
}

const FOUND = CLUSTER_THRESHOLDS.suggest;

// Texts written for these tests: each language has an original, a republished copy (other punctuation,
// diacritics, letter variants, prefixes, quotation marks), a lightly edited copy and an unrelated claim
// that shares its function words.
const CASES = {
  arabic: {
    original: 'قال وزير الخارجية إن أسعار القمح في الأسواق المحلية قد تتضاعف مرة أخرى قبل نهاية الشتاء المقبل',
    republished: '«وقال وزيرُ الخارجيّة: إنّ اسعار القمح في الاسواق المحليّة قد تتضاعف مرةً أخرى قبل نهاية الشتاء المقبل»',
    edited: 'وأكد وزير الخارجية أن أسعار القمح في الأسواق المحلية قد ترتفع بشكل كبير قبل نهاية الشتاء المقبل',
    unrelated: 'قال رئيس النادي إن الفريق في حاجة إلى مدرب جديد قبل بداية الموسم',
  },
  french: {
    original: 'Le ministre a déclaré que les prix du blé pourraient doubler avant la fin de l’hiver prochain',
    republished: '« Les prix du blé pourraient doubler avant la fin de l’hiver prochain », a déclaré le ministre.',
    edited: 'Le ministre a affirmé que les prix du blé pourraient fortement augmenter avant la fin de l’hiver prochain',
    unrelated: 'Le maire a déclaré que la piscine de la ville restera fermée pendant les vacances',
  },
  english: {
    original: 'The minister said wheat prices in local markets could double again before the end of next winter',
    republished: '"Wheat prices in local markets could double again before the end of next winter," the Minister said.',
    edited: 'The minister warned that wheat prices in local markets could rise sharply before the end of next winter',
    unrelated: 'The coach said that the team is in need of a new striker before the end of the season',
  },
};

describe.each(Object.entries(CASES))('near-duplicate claims in %s', (_language, texts) => {
  it('finds a republished copy: the same words after folding', () => {
    // Joined without asking, even where the attribution moved to the end of the sentence.
    expect(textSimilarity(texts.original, texts.republished)).toBeGreaterThanOrEqual(CLUSTER_THRESHOLDS.join);
    expect(sharedBands(texts.original, texts.republished)).toBeGreaterThanOrEqual(LSH_BANDS / 2);
  });

  it('finds a lightly edited copy: similar enough to be at least suggested, and found through the bands', () => {
    const similarity = textSimilarity(texts.original, texts.edited);
    expect(similarity).toBeGreaterThanOrEqual(FOUND);
    expect(similarity).toBeLessThan(1);
    expect(sharedBands(texts.original, texts.edited)).toBeGreaterThanOrEqual(1);
  });

  it('does not take an unrelated claim that shares its function words for the same claim', () => {
    expect(textSimilarity(texts.original, texts.unrelated)).toBeLessThan(0.15);
    expect(sharedBands(texts.original, texts.unrelated)).toBe(0);
  });
});

describe('folding and tokens', () => {
  it('writes a number one way whatever its digits and separators', () => {
    const forms = ['1,000', '1000', '١٠٠٠', '١٬٠٠٠', '1.000', '01000', '1 000'];
    for (const form of forms) expect(tokenWords(`قتل ${form} جندي`)).toEqual(tokenWords('قتل 1000 جندي'));
    expect(normalizeNumber('2,5')).toEqual(['2.5']);
    expect(tokenWords('٢٫٥ مليار')).toEqual(tokenWords('2.5 مليار'));
    expect(tokenWords('2.50 billion')).toEqual(tokenWords('2.5 billion'));
    expect(tokenWords('2020 300')).toEqual(['2020', '300']);
    expect(tokenWords('و1,000 دولار')).toEqual(['و', '1000', 'دولار']);
    // Different numbers stay different.
    expect(tokenWords('1,500')).not.toEqual(tokenWords('1,000'));
  });

  it('folds diacritics, tatweel, letter variants, hamza, prefixes, case and Latin accents', () => {
    expect(contentWords('والرئيسُ المسؤولُ أعلنَ')).toEqual(contentWords('رئيس مسئول اعلن'));
    expect(contentWords('الـــرئيس')).toEqual(contentWords('الرئيس'));
    expect(contentWords('Élysée PALAIS')).toEqual(['elysee', 'palais']);
  });

  it('drops punctuation and stop words, keeps negations', () => {
    expect(contentWords('The minister said: "no!"')).toEqual(['minister', 'no']);
    expect(contentWords('قال إنه لن يشارك')).toEqual(['لن', 'يشارك']);
  });

  it('shingles are the content words and their neighbouring pairs', () => {
    expect([...shingles('wheat prices could double')].sort()).toEqual(
      ['could', 'could double', 'double', 'prices', 'prices could', 'wheat', 'wheat prices'].sort(),
    );
  });

  it('does not index a claim with fewer than three content words', () => {
    expect(isIndexable('He said yes')).toBe(false);
    expect(nearDuplicateKeys('He said yes').bands).toEqual([]);
    expect(isIndexable('Wheat prices could double')).toBe(true);
  });

  it('leaves the speaker’s names out, so that two statements of one speaker do not match for the name', () => {
    const one = 'قال الرئيس التركي رجب طيب أردوغان إن بلاده ستنتصر في الحرب الاقتصادية';
    const two = 'وقال الرئيس التركي رجب طيب أردوغان إن القوات ستدخل المدينة الأربعاء';
    const names = ['رجب طيب أردوغان', 'الرئيس التركي'];
    expect(textSimilarity(one, two, names, names)).toBeLessThan(textSimilarity(one, two) / 2);
    expect(textSimilarity(one, two, names, names)).toBeLessThan(CLUSTER_THRESHOLDS.suggest);
    expect(contentWords(one, names)).not.toContain('اردوغان');
    // The statement itself still matches its copy.
    expect(textSimilarity(one, `«${one}».`, names, names)).toBe(1);
  });

  it('orders of the same common words are told apart by the word pairs', () => {
    const a = shingles('Russia sanctions Europe');
    const b = shingles('Europe sanctions Russia');
    expect(jaccard(a, b)).toBeLessThan(1);
  });
});

describe('MinHash and bands', () => {
  it('estimates the Jaccard similarity of the shingle sets', () => {
    const a = shingles(CASES.english.original);
    const b = shingles(CASES.english.edited);
    const sigA = minHashSignature(a);
    const sigB = minHashSignature(b);
    const agreeing = sigA.filter((value, i) => value === sigB[i]).length / sigA.length;
    expect(Math.abs(agreeing - jaccard(a, b))).toBeLessThan(0.25);
  });

  it('gives every band a key below 2^53 and the same keys for the same text', () => {
    const keys = bandKeys(minHashSignature(shingles(CASES.arabic.original)));
    expect(keys).toHaveLength(LSH_BANDS);
    for (const key of keys) expect(Number.isSafeInteger(key.bucket) && key.bucket >= 0).toBe(true);
    expect(nearDuplicateKeys(CASES.arabic.republished).bands).toEqual(keys);
  });

  it('computes the same keys in another process (stored keys must stay valid)', () => {
    const script = `import('./src/text/near-duplicate.ts').then((m) => console.log(JSON.stringify(m.nearDuplicateKeys(process.argv[1]).bands)))`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script, CASES.french.original], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(nearDuplicateKeys(CASES.french.original).bands);
  });

  it('keeps its hash family fixed: changing it would strand every stored bucket key', () => {
    // Pinned values: if this fails, the keys in claim_lsh_bucket no longer match and a migration must re-index.
    expect(hashString('isnad')).toBe(PINNED.hash);
    expect(nearDuplicateKeys('wheat prices could double').bands[0]!.bucket).toBe(PINNED.firstBucket);
  });
});

const PINNED = { hash: 3067295996, firstBucket: 2477169664559150 };
