import { describe, expect, it } from 'vitest';
import { buildClaimAnnotation, type AnnotationInput } from '../../src/features/reports/web-annotation.ts';
import { annotationValidator } from '../support/web-annotation-schema.ts';

const validate = annotationValidator();

function input(overrides: Partial<AnnotationInput> = {}): AnnotationInput {
  const body = 'قال الوزير إن الاتفاق سيوقع قريبا، وأضاف أن المحادثات مستمرة.';
  const start = body.indexOf('الاتفاق');
  return {
    articleBody: body,
    articleSourceUrl: 'https://news.example/ar/article',
    articleLanguage: 'ar',
    claim: { id: 'c1', startOffset: start, endOffset: start + 'الاتفاق سيوقع قريبا'.length, status: 'false', statusName: 'False', attributionStatus: 'verbatim' },
    id: 'https://facts.example/claims/c1/annotation.json',
    publicText: 'https://facts.example/fact-checks/c1/text.txt',
    organizationName: 'Isnad fact-check desk',
    created: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

describe('the Web Annotation export against the W3C test schemas', () => {
  it('passes with Isnad’s plain-text copy as its source', () => {
    const annotation = buildClaimAnnotation(input());
    expect(validate(annotation), JSON.stringify(validate.errors)).toBe(true);
    expect(annotation.target).toMatchObject({ format: 'text/plain', language: 'ar' });
  });

  it('passes with the publisher’s page as its source', () => {
    expect(validate(buildClaimAnnotation(input({ publicText: null }))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schemas refuse what the model forbids', () => {
    const annotation = buildClaimAnnotation(input());
    const broken = [
      { ...annotation, '@context': 'https://schema.org' },
      { ...annotation, type: 'Note' },
      { ...annotation, motivation: 'judging' },
      { ...annotation, target: { ...annotation.target, source: 'not a uri' } },
      { ...annotation, target: { ...annotation.target, language: 'Arabic' } },
      { ...annotation, target: { ...annotation.target, format: 'plain' } },
      { ...annotation, target: { ...annotation.target, selector: [{ type: 'TextPositionSelector', start: -1, end: 3 }] } },
      { ...annotation, created: 'yesterday' },
    ];
    for (const value of broken) expect(validate(value)).toBe(false);
  });
});
