import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildClaimAnnotation, type AnnotationInput } from '../../src/features/reports/web-annotation.ts';

const SCHEMA_FILES = ['id', 'annotations', 'bodyTarget', 'specificResource', 'otherProperties'];

/**
 * The W3C test suite's checks on an annotation (annotations/3.1-*, 3.2-*, 3.3.1-*): its @context, id
 * and type, its motivation, created and creator, its textual bodies, and targets that are specific
 * resources with a source and text selectors, of a valid format and language.
 */
const ANNOTATION = {
  id: 'isnad-claim-annotation.json',
  allOf: [
    {
      required: ['@context', 'id', 'type', 'target'],
      properties: {
        '@context': { oneOf: [{ $ref: 'annotations.json#/definitions/contextValueFound' }, { $ref: 'annotations.json#/definitions/contextValueInArrayFound' }] },
        body: { type: 'array', minItems: 1, items: { $ref: '#/definitions/textualBody' } },
        target: { oneOf: [{ $ref: '#/definitions/selectedText' }, { type: 'array', minItems: 1, items: { $ref: '#/definitions/selectedText' } }] },
      },
    },
    { $ref: 'id.json#/definitions/idValueFound' },
    { $ref: 'annotations.json#/definitions/annotationTypeValueFound' },
    { $ref: 'annotations.json#/definitions/motivationRecognizedIfPresent' },
    { $ref: 'otherProperties.json#/definitions/createdValidIfPresent' },
    { $ref: 'otherProperties.json#/definitions/creatorValidIfPresent' },
  ],
  definitions: {
    textualBody: {
      allOf: [
        { $ref: 'bodyTarget.json#/definitions/textualBodyFound' },
        { $ref: 'bodyTarget.json#/definitions/formatValidIfPresent' },
        { $ref: 'bodyTarget.json#/definitions/languageValidIfPresent' },
        { properties: { purpose: { $ref: 'annotations.json#/definitions/motivationList' } } },
      ],
    },
    selectedText: {
      allOf: [
        {
          type: 'object',
          required: ['source', 'selector'],
          properties: {
            source: { $ref: 'id.json#/definitions/stringUri' },
            selector: {
              type: 'array',
              minItems: 1,
              items: { oneOf: [{ $ref: 'specificResource.json#/definitions/textQuoteSelectorDetected' }, { $ref: 'specificResource.json#/definitions/textPositionSelectorDetected' }] },
            },
          },
        },
        { $ref: 'bodyTarget.json#/definitions/formatValidIfPresent' },
        { $ref: 'bodyTarget.json#/definitions/languageValidIfPresent' },
        { $ref: 'specificResource.json#/definitions/scopeDefinition' },
      ],
    },
  },
};

// Both packages are CommonJS: under NodeNext their default export arrives as the module object.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

function annotationValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const name of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(new URL(`../fixtures/schemas/web-annotation/${name}.json`, import.meta.url), 'utf8')));
  return ajv.compile(ANNOTATION);
}

const validate = annotationValidator();

function input(overrides: Partial<AnnotationInput> = {}): AnnotationInput {
  const body = 'قال الوزير إن الاتفاق سيوقع قريبا، وأضاف أن المحادثات مستمرة.';
  const start = body.indexOf('الاتفاق');
  return {
    articleBody: body,
    articleSourceUrl: 'https://news.example/ar/article',
    articleLanguage: 'ar',
    claim: { id: 'c1', startOffset: start, endOffset: start + 'الاتفاق سيوقع قريبا'.length, status: 'false', attributionStatus: 'verbatim' },
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
