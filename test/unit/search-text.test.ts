import { describe, expect, it } from 'vitest';
import { foldForSearch, matchRanges, parseSearchQuery, searchTerms, wordForms } from '../../src/text/search.ts';

/** The words of `text` a query highlights. */
function highlighted(text: string, query: string): string[] {
  return matchRanges(text, parseSearchQuery(query)).map(([start, end]) => text.slice(start, end));
}

describe('search folding', () => {
  it('folds Arabic spelling variants, harakat, tatweel and digits, and Latin case and accents', () => {
    expect(foldForSearch('أعلن')).toBe(foldForSearch('اعلن'));
    expect(foldForSearch('إعلان آخر ٱلآن')).toBe('اعلان اخر الان');
    expect(foldForSearch('مسؤول')).toBe(foldForSearch('مسئول'));
    expect(foldForSearch('أَعْلَنَ')).toBe('اعلن');
    expect(foldForSearch('الـــرئيس')).toBe(foldForSearch('الرئيس'));
    expect(foldForSearch('مستشفى الجامعة')).toBe('مستشفي الجامعه');
    expect(foldForSearch('عام ٢٠٢٤ و۱۹')).toBe('عام 2024 و19');
    expect(foldForSearch('Élysée ÉLYSÉE')).toBe('elysee elysee');
  });

  it('keeps one code unit for one, so matches map back to the original text', () => {
    const text = 'قال 🙂 Élysée';
    expect(foldForSearch(text)).toHaveLength(text.length);
  });
});

describe('word forms', () => {
  it('finds a word under its prefix-free forms and with the article', () => {
    expect(wordForms('والرئيس')).toEqual(expect.arrayContaining(['والرئيس', 'الرئيس', 'رئيس']));
    expect(wordForms('بالرئيس')).toEqual(expect.arrayContaining(['الرئيس', 'رئيس']));
    expect(wordForms('للرئيس')).toEqual(expect.arrayContaining(['الرئيس', 'رئيس']));
    expect(wordForms('فقال')).toContain('قال');
  });

  it('leaves short words and Latin words alone', () => {
    expect(wordForms('ول')).toEqual(['ول']);
    expect(wordForms('ballon')).toEqual(['ballon']);
  });

  it('lists every form a text is found by once', () => {
    const terms = searchTerms('قال والرئيس، الرئيس: Élysée').split(' ');
    expect(terms).toEqual(expect.arrayContaining(['قال', 'والرئيس', 'الرئيس', 'رئيس', 'elysee'].map(foldForSearch)));
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('queries and highlights', () => {
  it('reads quoted phrases apart from words, folded, and caps their number', () => {
    expect(parseSearchQuery('"الرئيس الفرنسي" أعلن "x"')).toEqual({ words: ['اعلن', 'x'], phrases: [['الرئيس', 'الفرنسي'].map(foldForSearch)] });
    expect(parseSearchQuery('!!! ,,,')).toEqual({ words: [], phrases: [] });
    expect(parseSearchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).words).toHaveLength(12);
  });

  it('finds the issue’s examples in the original text', () => {
    expect(highlighted('أعلن الوزير', 'اعلن')).toEqual(['أعلن']);
    expect(highlighted('قال مسئول في الوزارة', 'مسؤول')).toEqual(['مسئول']);
    expect(highlighted('أَعْلَنَ الوزير', 'أعلن')).toEqual(['أَعْلَنَ']);
    expect(highlighted('وقال والرئيس الفرنسي', 'الرئيس')).toEqual(['الرئيس']);
    expect(highlighted('Au palais de l’Élysée', 'elysee')).toEqual(['Élysée']);
  });

  it('matches a phrase word for word and in order', () => {
    expect(highlighted('قال الرئيس الفرنسي أمس', '"الرئيس الفرنسي"')).toEqual(['الرئيس الفرنسي']);
    expect(highlighted('الفرنسي قال الرئيس', '"الرئيس الفرنسي"')).toEqual([]);
  });

  it('does not match inside a longer word', () => {
    expect(highlighted('الرئيسية', 'الرئيس')).toEqual([]);
    expect(highlighted('Elyseum', 'elysee')).toEqual([]);
  });
});
