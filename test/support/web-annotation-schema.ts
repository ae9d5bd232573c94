import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

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

/** The W3C Web Annotation test suite's schemas (vendored in test/fixtures/schemas), compiled with ajv. */
export function annotationValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const name of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(new URL(`../fixtures/schemas/web-annotation/${name}.json`, import.meta.url), 'utf8')));
  return ajv.compile(ANNOTATION);
}

