import { describe, expect, it } from 'vitest';
import { foldForSearch, highlightParts, indexForm, matchRanges, parseSearchQuery, searchIndexText } from '../../src/text/search.ts';

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

describe('index forms', () => {
  it('indexes a word without its prefixes and article', () => {
    for (const word of ['والرئيس', 'بالرئيس', 'للرئيس', 'الرئيس', 'رئيس', 'فالرئيس']) expect(indexForm(word)).toBe('رئيس');
    expect(indexForm('فقال')).toBe('قال');
    expect(indexForm('وفرنسا')).toBe(indexForm('فرنسا'));
  });

  it('leaves short stems and Latin words alone', () => {
    expect(indexForm('بلد')).toBe('بلد');
    expect(indexForm('ولد')).toBe('ولد');
    expect(indexForm('ballon')).toBe('ballon');
  });

  it('keeps one term per word, in order, so phrases match by position', () => {
    expect(searchIndexText('قال والرئيس، الرئيس: Élysée')).toBe(foldForSearch('قال رئيس رئيس elysee'));
    expect(searchIndexText('<script>alert(1)</script>')).toBe('script alert 1 script');
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
    expect(highlighted('قال والرئيس الفرنسي', '"الرئيس الفرنسي"')).toEqual(['الرئيس الفرنسي']);
  });

  it('does not match inside a longer word', () => {
    expect(highlighted('الرئيسية', 'الرئيس')).toEqual([]);
    expect(highlighted('Elyseum', 'elysee')).toEqual([]);
  });
});

describe('highlight parts', () => {
  it('marks the matches of a short text and keeps the rest as it is', () => {
    expect(highlightParts('قال والرئيس الفرنسي', parseSearchQuery('الرئيس'))).toEqual([
      { text: 'قال و', match: false },
      { text: 'الرئيس', match: true },
      { text: ' الفرنسي', match: false },
    ]);
  });

  it('cuts a long text around its first match', () => {
    const text = `${'a '.repeat(300)}Élysée${' b'.repeat(300)}`;
    const parts = highlightParts(text, parseSearchQuery('elysee'), 100);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.at(-1)).toEqual({ text: '…', match: false });
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['Élysée']);
    expect(parts.map((part) => part.text).join('').length).toBeLessThanOrEqual(102);
  });
});
