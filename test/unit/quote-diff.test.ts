import { describe, expect, it } from 'vitest';
import { HIGH_DRIFT, MODERATE_DRIFT, diffQuotes, driftLevel, driftPercent, quoteDrift, tokenizeQuote, type QuoteDiff } from '../../src/text/quote-diff.ts';
import { QUOTE_WORD_WEIGHTS, quoteWordKind } from '../../src/text/quote-vocabulary.ts';
import { foldForSearch } from '../../src/text/search.ts';

/** The diff as text: [-deleted-] and {+inserted+}, the rest as shown. */
function marked(diff: QuoteDiff): string {
  return diff.segments.map((s) => (s.op === 'deleted' ? `[-${s.text}-]` : s.op === 'inserted' ? `{+${s.text}+}` : s.text)).join('');
}

function words(diff: QuoteDiff, op: 'deleted' | 'inserted'): string[] {
  return diff.parts.filter((p) => p.op === op).flatMap((p) => p.words.map((w) => w.text));
}

describe('tokenizeQuote', () => {
  it('keeps each word as written and what follows it, so the quote can be rebuilt; punctuation and quotation marks are not words', () => {
    for (const quote of ['«قد تتضاعف الأسعار، مرة أخرى!»', '"Prices may double," he said.', "« L'économie n'est-elle pas forte ? »", '']) {
      const tokens = tokenizeQuote(quote);
      expect(tokens.lead + tokens.words.map((w) => w.text + w.after).join('')).toBe(quote);
      for (const word of tokens.words) expect(word.text).toMatch(/[\p{L}\p{N}]/u);
    }
    expect(tokenizeQuote('«قد تتضاعف الأسعار، مرة أخرى!»').words.map((w) => w.text)).toEqual(['قد', 'تتضاعف', 'الأسعار', 'مرة', 'أخرى']);
  });

  it('compares Arabic words without their prefixes and diacritics, and keeps harakat inside the word', () => {
    const [withPrefix] = tokenizeQuote('والرئيس').words;
    const [bare] = tokenizeQuote('رئيس').words;
    expect(withPrefix!.key).toBe(bare!.key);
    expect(tokenizeQuote('أَعْلَنَ').words.map((w) => w.text)).toEqual(['أَعْلَنَ']);
    expect(tokenizeQuote('أَعْلَنَ').words[0]!.key).toBe(tokenizeQuote('اعلن').words[0]!.key);
    // A conjunction glued to a negation or modal is that negation or modal.
    expect(tokenizeQuote('ولا').words[0]!.key).toBe(tokenizeQuote('لا').words[0]!.key);
    expect(tokenizeQuote('وقد').words[0]!.kind).toBe('modal');
  });

  it('splits French elisions and English contractions off as words of their own', () => {
    expect(tokenizeQuote("n'est").words.map((w) => [w.text, w.kind])).toEqual([["n'", 'negation'], ['est', 'stop']]);
    expect(tokenizeQuote("didn't").words.map((w) => [w.text, w.kind])).toEqual([['did', 'stop'], ["n't", 'negation']]);
    expect(tokenizeQuote("won't").words.map((w) => w.key)).toEqual(['will', 'not']);
    expect(tokenizeQuote('l’économie').words[0]!.key).toBe(tokenizeQuote("l'économie").words[0]!.key);
  });

  it('reads one figure whatever its digits or thousands separator', () => {
    const key = (text: string) => tokenizeQuote(text).words.map((w) => w.key);
    expect(key('1,000')).toEqual(key('1000'));
    expect(key('١٠٠٠')).toEqual(key('1000'));
    expect(key('2.5')).toEqual(['2.5']);
    expect(tokenizeQuote('٣٠').words[0]!.kind).toBe('number');
  });
});

describe('quote vocabulary', () => {
  it('knows negations, modals, numbers and stop words in Arabic, English and French, whatever their spelling', () => {
    for (const w of ['لا', 'لم', 'لن', 'ليس', 'ما', 'غير', 'not', 'no', 'never', 'ne', 'pas', 'jamais', 'aucun']) expect(quoteWordKind(foldForSearch(w)), w).toBe('negation');
    for (const w of ['قد', 'ربما', 'يمكن', 'سوف', 'may', 'might', 'could', 'would', 'pourrait', 'peut', 'devrait']) expect(quoteWordKind(foldForSearch(w)), w).toBe('modal');
    for (const w of ['ثلاثة', 'مليون', 'three', 'million', 'trois', '42']) expect(quoteWordKind(foldForSearch(w)), w).toBe('number');
    for (const w of ['في', 'إلى', 'the', 'of', 'le', 'dans']) expect(quoteWordKind(foldForSearch(w)), w).toBe('stop');
    expect(quoteWordKind(foldForSearch('الى'))).toBe('stop');
    expect(quoteWordKind(foldForSearch('economy'))).toBe('content');
  });

  it('weighs negations, modals and numbers above ordinary words, and stop words below', () => {
    expect(QUOTE_WORD_WEIGHTS.negation).toBeGreaterThan(QUOTE_WORD_WEIGHTS.content);
    expect(QUOTE_WORD_WEIGHTS.modal).toBeGreaterThan(QUOTE_WORD_WEIGHTS.content);
    expect(QUOTE_WORD_WEIGHTS.number).toBeGreaterThan(QUOTE_WORD_WEIGHTS.content);
    expect(QUOTE_WORD_WEIGHTS.stop).toBeLessThan(QUOTE_WORD_WEIGHTS.content);
  });
});

describe('diffQuotes', () => {
  it('marks the words that changed in the example of the issue, and calls it high drift', () => {
    const diff = diffQuotes('قد تتضاعف مرة أخرى', 'قد ترتفع بشكل كبير');
    expect(words(diff, 'deleted')).toEqual(['تتضاعف', 'مرة', 'أخرى']);
    expect(words(diff, 'inserted')).toEqual(['ترتفع', 'بشكل', 'كبير']);
    expect(marked(diff)).toBe('قد [-تتضاعف مرة أخرى-] {+ترتفع بشكل كبير+}');
    expect(diff.score).toBeGreaterThan(0);
    expect(diff.score).toBeLessThan(1);
    expect(driftLevel(diff.score)).toBe('high');
  });

  it('finds no drift when only punctuation, quotation marks, diacritics, letter variants or clitics differ', () => {
    const pairs: Array<[string, string]> = [
      ['«قد تتضاعف الأسعار مرة أخرى»', 'قد تتضاعف الأسعار، مرة أخرى.'],
      ['والرئيس أعلنَ أنّ الاقتصاد سيتعافى', 'الرئيس اعلن ان الاقتصاد سيتعافى'],
      ['"Prices may double again," he said.', 'prices may double again he said'],
      ["We did not approve the deal", "We didn't approve the deal"],
      ["« L'économie ne reculera pas »", 'l’économie ne reculera pas'],
      ['1,000 منزل', '١٠٠٠ منزل'],
    ];
    for (const [earlier, later] of pairs) {
      const diff = diffQuotes(earlier, later);
      expect(diff.score, `${earlier} → ${later}`).toBe(0);
      expect(diff.sameWords).toBe(true);
      expect(diff.segments.every((s) => s.op === 'same')).toBe(true);
      expect(driftLevel(diff.score)).toBe('none');
    }
  });

  it('shows the later quote as written, with the deleted words in their place', () => {
    const diff = diffQuotes('« L\'économie ne reculera pas », a-t-il dit', '« L\'économie reculera », a-t-il dit');
    expect(marked(diff)).toBe("« L'économie [-ne-] reculera [-pas-] », a-t-il dit");
    expect(marked(diffQuotes('We did approve the deal', "We didn't approve the deal"))).toBe("We did{+n't+} approve the deal");
    expect(marked(diffQuotes("We didn't approve the deal", 'We did approve the deal'))).toBe("We did[-n't-] approve the deal");
    // Changed segments hold whole words: never a space or punctuation at either end.
    for (const segment of diffQuotes('«قد تتضاعف، مرة أخرى»', '«ترتفع بشكل كبير!»').segments.filter((s) => s.op !== 'same')) {
      expect(segment.text).toMatch(/^[\p{L}\p{N}].*[\p{L}\p{N}]$/u);
    }
  });

  it('scores a changed number above a changed ordinary word in the same quote', () => {
    const number = diffQuotes('ارتفعت الأسعار بنسبة 20 بالمئة هذا العام', 'ارتفعت الأسعار بنسبة 30 بالمئة هذا العام');
    const ordinary = diffQuotes('ارتفعت الأسعار بنسبة 20 بالمئة هذا العام', 'ارتفعت الرسوم بنسبة 20 بالمئة هذا العام');
    expect(words(number, 'deleted')).toEqual(['20']);
    expect(words(number, 'inserted')).toEqual(['30']);
    expect(number.score).toBeGreaterThan(ordinary.score);
    expect(quoteDrift('The deficit reached 3 percent', 'The deficit reached 5 percent')).toBeGreaterThan(
      quoteDrift('The deficit reached 3 percent', 'The shortfall reached 3 percent'),
    );
  });

  it('scores an added or removed negation above a same-length change of an ordinary word', () => {
    const cases: Array<[string, string, string]> = [
      // earlier, with a negation added, with an ordinary word added instead
      ['الحكومة تدعم الاتفاق الجديد', 'الحكومة لا تدعم الاتفاق الجديد', 'الحكومة تدعم الاتفاق الجديد كاملا'],
      ['We approve the new deal', 'We never approve the new deal', 'We approve the new trade deal'],
      ["L'accord sera signé demain", "L'accord ne sera jamais signé demain", "L'accord sera enfin signé demain matin"],
    ];
    for (const [earlier, negated, ordinary] of cases) {
      expect(quoteDrift(earlier, negated), negated).toBeGreaterThan(quoteDrift(earlier, ordinary));
      // Removing it is the same drift as adding it.
      expect(quoteDrift(negated, earlier)).toBeCloseTo(quoteDrift(earlier, negated), 10);
    }
    expect(words(diffQuotes('الحكومة تدعم الاتفاق', 'الحكومة لم تدعم الاتفاق'), 'inserted')).toEqual(['لم']);
  });

  it('scores a dropped modal or hedge above a dropped ordinary word of the same quote', () => {
    const cases: Array<[string, string, string]> = [
      ['قد تتضاعف الأسعار مرة أخرى', 'تتضاعف الأسعار مرة أخرى', 'قد تتضاعف الأسعار مرة'],
      ['Prices may double again next year', 'Prices double again next year', 'Prices may double next year'],
      ["Les prix pourraient doubler l'an prochain", "Les prix doubleront l'an prochain", "Les prix pourraient doubler l'an"],
    ];
    for (const [earlier, noModal, noOrdinary] of cases) {
      expect(quoteDrift(earlier, noModal), noModal).toBeGreaterThan(quoteDrift(earlier, noOrdinary));
    }
    expect(words(diffQuotes('ربما يرتفع الدين', 'يرتفع الدين'), 'deleted')).toEqual(['ربما']);
  });

  it('weighs stop words little', () => {
    expect(quoteDrift('the economy will recover', 'economy will recover')).toBeLessThan(quoteDrift('the economy will recover', 'the economy will grow'));
    expect(quoteDrift('the economy will recover', 'economy will recover')).toBeGreaterThan(0);
  });

  it('goes from 0 for the same words to 1 for nothing in common', () => {
    expect(quoteDrift('الاقتصاد سيتعافى', 'الاقتصاد سيتعافى')).toBe(0);
    expect(quoteDrift('الاقتصاد سيتعافى', 'الطقس ممطر')).toBe(1);
    expect(quoteDrift('', '')).toBe(0);
    expect(quoteDrift('«»', '...')).toBe(0);
    expect(quoteDrift('something', '')).toBe(1);
  });
});

describe('drift levels of quotes as desks write them', () => {
  const BRIDGE = 'We expect the new bridge over the river to open to traffic before the end of the year';
  it('calls a negation, a changed figure or a hedge turned certain high drift', () => {
    expect(driftLevel(quoteDrift(BRIDGE, BRIDGE.replace('We expect', 'We do not expect')))).toBe('high');
    expect(driftLevel(quoteDrift(BRIDGE.replace('the year', '2027'), BRIDGE.replace('the year', '2029')))).toBe('high');
    expect(driftLevel(quoteDrift('The minister said prices could double again next winter', 'The minister said prices will not double again next winter'))).toBe('high');
    expect(driftLevel(quoteDrift('أكد الوزير أن الحكومة ستدعم الاتفاق الجديد مع الشركاء الأوروبيين', 'أكد الوزير أن الحكومة لن تدعم الاتفاق الجديد مع الشركاء الأوروبيين'))).toBe('high');
    expect(driftLevel(quoteDrift("Le ministre a déclaré que l'économie ne reculera pas cette année", "Le ministre a déclaré que l'économie reculera cette année"))).toBe('high');
  });

  it('calls a reworded phrase moderate and one changed word low', () => {
    expect(driftLevel(quoteDrift(BRIDGE, BRIDGE.replace('over', 'across').replace('traffic', 'cars')))).toBe('moderate');
    expect(driftLevel(quoteDrift(BRIDGE, BRIDGE.replace('traffic', 'vehicles')))).toBe('low');
  });
});

describe('driftLevel', () => {
  it('names a score by the named thresholds', () => {
    expect(MODERATE_DRIFT).toBeLessThan(HIGH_DRIFT);
    expect(driftLevel(0)).toBe('none');
    expect(driftLevel(MODERATE_DRIFT / 2)).toBe('low');
    expect(driftLevel(MODERATE_DRIFT)).toBe('moderate');
    expect(driftLevel(HIGH_DRIFT)).toBe('high');
    expect(driftLevel(1)).toBe('high');
  });
});

describe('driftPercent', () => {
  it('rounds down to the percent the drift filter compares with, floating point notwithstanding', () => {
    expect(0.29 * 100).toBeLessThan(29);
    expect(driftPercent(0.29)).toBe(29);
    expect(driftPercent(0.5799)).toBe(57);
    expect(driftPercent(1)).toBe(100);
  });

  it('shows any drift as at least 1% and none as 0%', () => {
    expect(driftPercent(0.001)).toBe(1);
    expect(driftPercent(0)).toBe(0);
  });
});
