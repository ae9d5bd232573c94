import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import type { Role } from '../../src/domain/roles.ts';
import { issueApiToken } from '../../src/features/api/api-tokens.service.ts';
import { buildOpenApiDocument } from '../../src/features/api/openapi.ts';
import { createUser } from '../../src/features/users/users.service.ts';

const DOCUMENT_ID = 'isnad-openapi';
const BASE = '/api/v1';

type Json = Record<string, any>;

export const openApiDocument = buildOpenApiDocument() as Json;

// Both packages are CommonJS: under NodeNext their default export arrives as the module object.
const Ajv2020 = Ajv2020Module.default;
const addFormats = ajvFormats.default;

// The whole document is one schema resource, so that its #/components/... references resolve.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...openApiDocument, $id: DOCUMENT_ID });

const pointer = (...segments: string[]): string => segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');

/** The path template (`/claims/{id}`) an API path falls under, or undefined for an address the API does not have. */
function templateOf(path: string): string | undefined {
  const local = path.split('?')[0]!.slice(BASE.length);
  return Object.keys(openApiDocument.paths).find((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(local));
}

/** The schema the document gives for a response, as a JSON pointer into the document. */
function responseSchemaPointer(method: string, path: string, status: number, contentType: string): string {
  const template = path.startsWith(BASE) ? templateOf(path) : undefined;
  const operation = template ? openApiDocument.paths[template][method] : undefined;
  if (!template || !operation) {
    // Addresses and methods the API does not have answer the generic problem.
    expect(status, `${method.toUpperCase()} ${path} is not in the document`).toBe(404);
    return pointer('components', 'schemas', 'Problem');
  }
  const documented = operation.responses[String(status)];
  expect(documented, `${method.toUpperCase()} ${template} does not document status ${status}`).toBeDefined();
  const base = documented.$ref
    ? documented.$ref.slice(1)
    : pointer('paths', template, method, 'responses', String(status));
  const response = documented.$ref ? openApiDocument.components.responses[documented.$ref.split('/').pop()] : documented;
  expect(Object.keys(response.content ?? {}), `${method.toUpperCase()} ${template} ${status} is not documented as ${contentType}`).toContain(contentType);
  return `${base}${pointer('content', contentType, 'schema')}`;
}

/** Fails the test unless the response's status, content type and body are what the document says for this route. */
export function expectDocumentedResponse(method: string, path: string, response: request.Response): void {
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
  const schemaPointer = responseSchemaPointer(method.toLowerCase(), path, response.status, contentType);
  const validate = ajv.getSchema(`${DOCUMENT_ID}#${schemaPointer}`);
  if (!validate) throw new Error(`no schema at ${schemaPointer}`);
  const valid = validate(response.body);
  expect(valid ? [] : validate.errors, `${method.toUpperCase()} ${path} → ${response.status}: body does not match ${schemaPointer}`).toEqual([]);
}

export interface ApiCall {
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** A body sent as is, with `type` as its Content-Type. */
  raw?: string;
  type?: string;
  headers?: Record<string, string>;
}

/** One request to the API, its response checked against the document before the test sees it. */
export async function callApi(app: Express, method: 'get' | 'post' | 'patch' | 'delete', path: string, call: ApiCall = {}): Promise<request.Response> {
  let test = request(app)[method](path);
  if (call.token) test = test.set('Authorization', `Bearer ${call.token}`);
  for (const [name, value] of Object.entries(call.headers ?? {})) test = test.set(name, value);
  if (call.raw !== undefined) test = test.set('Content-Type', call.type ?? 'application/json').send(call.raw);
  else if (call.body !== undefined) test = test.send(call.body as object);
  const response = await test;
  expectDocumentedResponse(method, path, response);
  return response;
}

/** A user of `role` and a bearer token of theirs. */
export async function apiUser(context: { db: Db }, role: Role, name = `api-${role}-${Math.random().toString(36).slice(2, 8)}`) {
  const { user } = await createUser(context.db, { name, role, password: 'a long enough password' }, { cost: 10 });
  const { token, record } = await issueApiToken(context.db, user.id, `${role} script`);
  return { user, token, tokenId: record.id };
}
