import { describe, expect, it } from 'vitest';
import { NotPublishedError } from '../../src/errors.ts';
import { buildClaimAnnotation, type AnnotationInput } from '../../src/features/reports/web-annotation.ts';
import { anchorPosition, anchorQuote } from '../support/anchor.ts';

function input(body: string, claimText: string, occurrence = 0): AnnotationInput {
  let start = -1;
  for (let i = 0; i <= occurrence; i += 1) start = body.indexOf(claimText, start + 1);
  return {
    articleBody: body,
    articleSourceUrl: 'https://news.example/article',
    articleLanguage: 'en',
    claim: { id: 'c1', startOffset: start, endOffset: start + claimText.length, status: 'misleading', statusName: 'Misleading', attributionStatus: 'faithful_paraphrase' },
    id: 'https://desk.example/claims/c1/annotation.json',
    publicText: 'https://facts.example/fact-checks/c1/text.txt',
    organizationName: 'Isnad fact-check desk',
    created: '2026-11-23T10:00:00.000Z',
  };
}

describe('W3C Web Annotation of a claim', () => {
  it('is an assessing annotation of the article text, with the verdicts as its body', () => {
    const annotation = buildClaimAnnotation(input('The minister said the deal is done. Nothing else.', 'the deal is done'));
    expect(annotation).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      motivation: 'assessing',
      target: { source: 'https://facts.example/fact-checks/c1/text.txt', format: 'text/plain', language: 'en', scope: 'https://news.example/article' },
    });
    expect(annotation.body.map((body) => body.value)).toEqual(['Misleading', 'attribution: faithful paraphrase']);
    expect(annotation.target.selector.map((selector) => selector.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
  });

  it('targets the publisher’s page when the desk has no public copy of the text, and refuses when there is neither', () => {
    const base = input('The minister said the deal is done.', 'the deal is done');
    const target = buildClaimAnnotation({ ...base, publicText: null, articleLanguage: 'ar' }).target;
    expect(target).toMatchObject({ source: 'https://news.example/article', language: 'ar' });
    expect(target).not.toHaveProperty('format');
    expect(target).not.toHaveProperty('scope');
    expect(() => buildClaimAnnotation({ ...base, publicText: null, articleSourceUrl: null })).toThrow(NotPublishedError);
  });

  it('re-anchors both selectors to the same span of Arabic text', () => {
    const body = 'قال الوزير إن الاتفاق سيوقع قريبا، وأضاف أن المحادثات مستمرة.\nوقال مصدر إن الاتفاق سيوقع قريبا أيضا.';
    const claimText = 'الاتفاق سيوقع قريبا';
    const annotation = buildClaimAnnotation(input(body, claimText, 1));
    const [quote, position] = annotation.target.selector;
    const anchored = anchorPosition(body, position);
    expect(anchored.text).toBe(claimText);
    // The quote occurs twice; its prefix and suffix pick the second one, where the positions point.
    expect(anchorQuote(body, quote)).toEqual([{ start: position.start, end: position.end }]);
    expect(position.start).toBe(body.lastIndexOf(claimText));
  });

  it('counts positions in code points, so text with emoji before the claim anchors the same way', () => {
    const body = 'Breaking 🚨🚨 news: officials said 😀 the bridge will reopen in May, sources added.';
    const claimText = 'the bridge will reopen in May';
    const annotation = buildClaimAnnotation(input(body, claimText));
    const [quote, position] = annotation.target.selector;
    expect(position.start).toBe(body.indexOf(claimText) - 3);
    expect(anchorPosition(body, position).text).toBe(claimText);
    expect(anchorQuote(body, quote)).toEqual([{ start: position.start, end: position.end }]);
    expect(Array.from(quote.prefix)).toHaveLength(32);
  });

  it('takes what context there is at the very start and end of the text', () => {
    const body = 'Prices will fall';
    const [quote, position] = buildClaimAnnotation(input(body, body)).target.selector;
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: body, prefix: '', suffix: '' });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 0, end: 16 });
  });
});
