import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.ts';
import { expectDocumentedResponse, openApiDocument } from '../support/api.ts';

let context: TestContext;
beforeAll(async () => {
  context = await createTestContext();
});
afterAll(() => context.close());

describe('the OpenAPI document', () => {
  it('is served without a token at /api/v1/openapi.json and is the document the tests check against', async () => {
    const response = await request(context.app).get('/api/v1/openapi.json').expect(200).expect('Content-Type', /application\/json/);
    expectDocumentedResponse('get', '/api/v1/openapi.json', response);
    expect(response.body).toEqual(openApiDocument);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does look: a response without its required description is refused.
    const broken = structuredClone(openApiDocument);
    delete broken.paths['/claims'].get.responses['200'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('has schemas that compile as JSON Schema 2020-12 in strict mode', () => {
    const ajv = new Ajv2020Module.default({ strict: true, allowUnionTypes: true, strictRequired: false });
    ajvFormats.default(ajv);
    // The same schemas with their references pointing into $defs, so that strict mode sees nothing but JSON Schema.
    const defs = JSON.parse(JSON.stringify(openApiDocument.components.schemas).replaceAll('#/components/schemas/', '#/$defs/')) as Record<string, object>;
    ajv.addSchema({ $id: 'components', $defs: defs });
    for (const name of Object.keys(defs)) expect(() => ajv.getSchema(`components#/$defs/${name}`), name).not.toThrow();
  });

  it('describes every route and status the API answers with', () => {
    const operations = Object.entries(openApiDocument.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => `${method.toUpperCase()} ${path} ${Object.keys(operation.responses ?? {}).sort().join(',')}`),
    );
    expect(operations).toEqual([
      'GET /openapi.json 200',
      'GET /articles 200,400,401,422',
      'POST /articles 200,201,400,401,403,413,415,422',
      'GET /articles/{id} 200,401,404',
      'PATCH /articles/{id} 200,400,401,403,404,409,413,415,422',
      'DELETE /articles/{id} 200,401,403,404,409,422',
      'POST /articles/{id}/reextract 200,401,403,404,409,422',
      'POST /articles/{id}/claims 201,400,401,403,404,413,415,422',
      'GET /claims 200,400,401,422',
      'POST /claims 201,400,401,403,413,415,422',
      'GET /claims/{id} 200,401,404',
      'PATCH /claims/{id} 200,400,401,403,404,409,413,415,422',
      'DELETE /claims/{id} 200,401,403,404,409,422',
      'GET /search 200,400,401,422',
      'GET /rating-scale 200,401',
      'GET /speakers 200,400,401,422',
      'GET /speakers/{id} 200,401,404',
      'PATCH /speakers/{id} 200,400,401,403,404,409,413,415,422',
      'POST /speakers/{id}/merge 200,400,401,403,404,409,413,415,422',
      'GET /outlets 200,400,401,422',
      'GET /outlets/{id} 200,401,404',
      'PATCH /outlets/{id} 200,400,401,403,404,409,413,415,422',
      'POST /outlets/{id}/merge 200,400,401,403,404,409,413,415,422',
    ]);
  });
});
